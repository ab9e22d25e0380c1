// The council's two readers on one story: the chain reader on encoded logs (a fake RPC that counts its requests) and
// the subgraph reader on the rows the subgraph holds for the same events (a fake GraphQL endpoint) give the same views;
// the chain reader reads a block's time only where the events do not tell it, and a refresh reads only new blocks.
import { getAddress, keccak256, toBytes, type Address, type RpcLog } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeLog, fakeChain, hash32, stubGraphql, tally } from "../../shared/data/testing";
import { createCouncilChainReader } from "./chain";
import { councilEventsAbi } from "./fold";
import { createCouncilSubgraphReader } from "./subgraph";

const GOV = getAddress("0x00000000000000000000000000000000000000c0");
const SEAT = getAddress("0x00000000000000000000000000000000000000c1");
const LOCK = getAddress("0x00000000000000000000000000000000000000c2");
const [ADA, BEA, CY, DAN] = ["a0", "b0", "c0", "d0"].map((x) => getAddress(`0x${"00".repeat(19)}${x}`));
const ZERO = getAddress(`0x${"00".repeat(20)}`);
const TARGET = getAddress("0x00000000000000000000000000000000000000a1");

/** Block -> time of the story's blocks. */
const TIMES: Record<number, number> = {
  10: 1_000,
  20: 1_100,
  21: 1_150,
  22: 1_200,
  23: 1_300,
  30: 1_800,
  31: 1_801,
  40: 2_000,
};

let logIndex = 0;
/** The RPC form of `eventName(args)` emitted by `address` in `block`. */
function rpcLog(address: Address, block: number, eventName: string, args: Record<string, unknown>): RpcLog {
  const index = logIndex++;
  return encodeLog(councilEventsAbi, eventName, args, {
    address,
    block,
    logIndex: index,
    transactionHash: hash32(block * 1000 + logIndex),
  });
}

const created = (block: number, id: bigint, proposer: Address, voteStart: bigint, description: string) =>
  rpcLog(GOV, block, "ProposalCreated", {
    proposalId: id,
    proposer,
    targets: [TARGET],
    values: [0n],
    signatures: [""],
    calldatas: ["0x12345678"],
    voteStart,
    voteEnd: voteStart + 600n,
    description,
  });
const voted = (block: number, voter: Address, proposalId: bigint, support: number) =>
  rpcLog(GOV, block, "VoteCast", { voter, proposalId, support, weight: 1n, reason: "" });
const seated = (block: number, member: Address, seatId: bigint, delegation: string) => [
  rpcLog(SEAT, block, "DelegateChanged", { delegator: member, fromDelegate: ZERO, toDelegate: member }),
  rpcLog(SEAT, block, "DelegateVotesChanged", { delegate: member, previousVotes: 0n, newVotes: 1n }),
  rpcLog(SEAT, block, "MemberSeated", { member, seatId, delegation }),
];

/**
 * The story: three founders (block 10); proposal 1 (block 20, voting opens after 1,160); Dan seated at 1,150, before
 * proposal 1's snapshot but in a block whose time no event gives away; three FOR votes on proposal 1; proposal 2
 * (block 23). At block 30 (1,800) proposal 1 has passed (3 of 4 seats) and proposal 2 is voting.
 */
const LOGS: RpcLog[] = [
  rpcLog(LOCK, 10, "MinDelayChange", { oldDuration: 0n, newDuration: 300n }),
  rpcLog(GOV, 10, "VotingDelaySet", { oldVotingDelay: 0n, newVotingDelay: 60n }),
  rpcLog(GOV, 10, "VotingPeriodSet", { oldVotingPeriod: 0n, newVotingPeriod: 600n }),
  rpcLog(GOV, 10, "ProposalThresholdSet", { oldProposalThreshold: 0n, newProposalThreshold: 1n }),
  rpcLog(GOV, 10, "QuorumNumeratorUpdated", { oldQuorumNumerator: 0n, newQuorumNumerator: 50n }),
  rpcLog(GOV, 10, "TimelockChange", { oldTimelock: ZERO, newTimelock: LOCK }),
  ...seated(10, ADA, 1n, "Fishers"),
  ...seated(10, BEA, 2n, "Science"),
  ...seated(10, CY, 3n, "Coast"),
  created(20, 111n, ADA, 1_160n, "Seat the institute"),
  ...seated(21, DAN, 4n, "Institute"),
  voted(22, ADA, 111n, 1),
  voted(22, BEA, 111n, 1),
  voted(22, DAN, 111n, 1),
  created(23, 222n, BEA, 1_360n, "Lower the quorum"),
];

/** The story's chain at block `head`: its logs, its blocks' times and the council's name (its only view). */
const fakeClient = (head: number) =>
  fakeChain({
    head: BigInt(head),
    logs: LOGS,
    time: (n) => BigInt(TIMES[Number(n)]),
    views: { name: "Thresholds Council" },
  });

const addresses = { governor: GOV, seats: SEAT, timelock: LOCK };
const lower = (a: string) => a.toLowerCase();

/** The subgraph's rows for the same story, as graph-node answers them. */
function subgraphRows(query: string, vars: Record<string, unknown>): unknown {
  const first = !vars.after || vars.after === "" || vars.after === "0x";
  const seat = (id: number, member: Address, delegation: string, seatedAt: number) => ({
    id: String(id),
    seatId: String(id),
    delegation,
    active: true,
    seatedAt: String(seatedAt),
    unseatedAt: null,
    member: { account: lower(member), votes: "1", delegate: lower(member) },
  });
  const timing = {
    111: {
      id: "111",
      number: 1,
      state: "Proposed",
      voteStart: "1160",
      voteEnd: "1760",
      eta: null,
      forVotes: "3",
      againstVotes: "0",
      abstainVotes: "0",
      quorum: "3",
      majority: "3",
      passing: true,
      timelockOperation: null,
    },
    222: {
      id: "222",
      number: 2,
      state: "Proposed",
      voteStart: "1360",
      voteEnd: "1960",
      eta: null,
      forVotes: "0",
      againstVotes: "0",
      abstainVotes: "0",
      quorum: null,
      majority: null,
      passing: false,
      timelockOperation: null,
    },
  };
  const full = (id: 111 | 222, proposer: Address, description: string, voters: Address[]) => ({
    ...timing[id],
    proposalId: String(id),
    proposer: { account: lower(proposer) },
    targets: [lower(TARGET)],
    values: ["0"],
    calldatas: ["0x12345678"],
    description,
    descriptionHash: keccak256(toBytes(description)),
    vetoes: "0",
    votes: voters.map((v) => ({ voter: { account: lower(v) }, support: "For", weight: "1", reason: "" })),
    vetoCasts: [],
  });
  if (query.includes("query Council("))
    return {
      _meta: { block: { number: 30, timestamp: 1_800 } },
      council: {
        name: "Thresholds Council",
        votingDelay: "60",
        votingPeriod: "600",
        proposalThreshold: "1",
        quorumNumerator: "50",
        timelock: lower(LOCK),
        proposalCount: 2,
      },
      councilTimelock: { minDelay: "300" },
      councilSeats: [
        seat(1, ADA, "Fishers", 1_000),
        seat(2, BEA, "Science", 1_000),
        seat(3, CY, "Coast", 1_000),
        seat(4, DAN, "Institute", 1_150),
      ],
      councilSettingChanges: [{ id: "0x01", newValue: "50", timestamp: "1000" }],
      passed: [timing[111]],
      queued: [],
    };
  if (query.includes("query LiveProposals(")) return { proposals: first ? [timing[222]] : [] };
  if (query.includes("query ProposalPage(")) {
    const all = [full(222, BEA, "Lower the quorum", []), full(111, ADA, "Seat the institute", [ADA, BEA, DAN])];
    return { proposals: all.filter((p) => p.number <= (vars.top as number)).slice(0, vars.first as number) };
  }
  throw new Error(`unexpected query ${query}`);
}

afterEach(() => vi.unstubAllGlobals());

describe("council readers", () => {
  it("the chain reader derives states, quorum and majority at the snapshot, reading one block time", async () => {
    const { chain, client } = fakeClient(30);
    const reader = createCouncilChainReader(client, addresses, 10n);
    const c = await reader.overview();
    expect([c.name, c.votingDelay, c.votingPeriod, c.timelockDelay, c.quorumPercent, c.proposalCount]).toEqual([
      "Thresholds Council",
      60,
      600,
      300,
      50n,
      2,
    ]);
    expect(c.open.map((p) => [p.number, p.state])).toEqual([
      [2, "Active"],
      [1, "Succeeded"],
    ]);
    expect(c.seats.map((s) => [s.seatId, s.member, s.seated, s.votes])).toEqual([
      [1n, ADA, true, 1n],
      [2n, BEA, true, 1n],
      [3n, CY, true, 1n],
      [4n, DAN, true, 1n],
    ]);
    // Dan's seat (block 21) lies between proposal 1's creation (block 20, 1,100) and its snapshot (1,160): its time
    // is read once; it counts, so proposal 1 needed 3 of 4 seats.
    expect(tally(chain).blockTimes).toEqual([21n]);
    const page = await reader.proposals(0, 10, DAN);
    expect(page.total).toBe(2);
    expect(page.proposals.map((p) => [p.number, p.state, p.quorum, p.majority, p.myWeight])).toEqual([
      [2, "Active", 3n, 3n, 1n],
      [1, "Succeeded", 3n, 3n, 1n],
    ]);
    expect(tally(chain).blockTimes).toEqual([21n]);
    expect(tally(chain).readContract).toBe(1);

    // A new block without council events: one head read and one log read of that block, no block time, no view.
    const before = tally(chain);
    chain.head = 31n;
    const again = await reader.overview();
    expect(again.time).toBe(1_801);
    const calls = tally(chain);
    expect([calls.getLogs - before.getLogs, calls.getBlock - before.getBlock, calls.readContract]).toEqual([1, 1, 1]);
    expect(calls.blockTimes.length).toBe(before.blockTimes.length);
  });

  it("pages count down from the newest proposal", async () => {
    const { client } = fakeClient(30);
    const reader = createCouncilChainReader(client, addresses, 10n);
    const newest = await reader.proposals(0, 1);
    const older = await reader.proposals(1, 1);
    const past = await reader.proposals(2, 1);
    expect([newest.proposals.map((p) => p.number), older.proposals.map((p) => p.number), past.proposals]).toEqual([
      [2],
      [1],
      [],
    ]);
    expect(older.proposals[0].votes.map((v) => v.voter)).toEqual([ADA, BEA, DAN]);
    expect(newest.proposals[0].myWeight).toBeUndefined();
  });

  it("the subgraph reader gives the chain reader's views for the same events", async () => {
    const sent = stubGraphql((_op, variables, query) => subgraphRows(query, variables));
    const queries = () => sent.map((q) => `query ${q.op}`);
    const chainReader = createCouncilChainReader(fakeClient(30).client, addresses, 10n);
    const { chain, client } = fakeClient(30);
    const subgraph = createCouncilSubgraphReader("http://subgraph.test/graphql", client, addresses);
    expect(await subgraph.overview()).toEqual(await chainReader.overview());
    for (const me of [undefined, DAN, CY])
      expect(await subgraph.proposals(0, 10, me)).toEqual(await chainReader.proposals(0, 10, me));
    expect(await subgraph.proposals(1, 1)).toEqual(await chainReader.proposals(1, 1));
    // The subgraph reader asks the chain only for its head (the time the states follow), once per read together.
    const calls = tally(chain);
    expect([calls.getBlock, calls.blockTimes, calls.getLogs, calls.readContract]).toEqual([1, [], 0, 0]);
    // The overview in two requests (the first pages, the proposals still voting), a page of proposals in one more.
    expect(new Set(queries())).toEqual(new Set(["query Council", "query LiveProposals", "query ProposalPage"]));
    // Reads refreshed together share the first request; a read in a later turn asks again.
    await new Promise((resolve) => setTimeout(resolve, 0));
    sent.length = 0;
    await Promise.all([subgraph.overview(), subgraph.proposals(0, 10)]);
    expect(queries().sort()).toEqual(["query Council", "query LiveProposals", "query ProposalPage"]);
  });

  it("the subgraph reader goes on by id after a full first page (graph-node's first <= 1,000)", async () => {
    const seat = (i: number) => ({
      id: String(i).padStart(5, "0"),
      seatId: String(i),
      delegation: `Delegation ${i}`,
      active: true,
      seatedAt: "1000",
      unseatedAt: null,
      member: { account: `0x${i.toString(16).padStart(40, "0")}`, votes: "1", delegate: null },
    });
    const asked = stubGraphql((op, variables, query) => {
      if (op === "Seats") {
        const after = Number(variables.after);
        return { councilSeats: after === 1_000 ? [1_001, 1_002, 1_003].map(seat) : [] };
      }
      const data = subgraphRows(query, variables) as Record<string, unknown>;
      if (op === "Council") Object.assign(data, { councilSeats: Array.from({ length: 1_000 }, (_, i) => seat(i + 1)) });
      return data;
    });
    const reader = createCouncilSubgraphReader("http://subgraph.test/graphql", fakeClient(30).client, addresses);
    const c = await reader.overview();
    expect(c.seats.length).toBe(1_003);
    expect(c.seats.slice(-2).map((s) => [s.seatId, s.delegation, s.delegate])).toEqual([
      [1_002n, "Delegation 1002", ZERO],
      [1_003n, "Delegation 1003", ZERO],
    ]);
    expect(asked.filter((a) => a.op === "Seats").map((a) => a.variables.after)).toEqual(["01000"]);
    // 1,003 seats: a proposal needs 502 FOR votes.
    const page = await reader.proposals(0, 10);
    expect(page.proposals.find((p) => p.number === 2)?.majority).toBe(502n);
  });

  it("the subgraph reader's states follow the chain's clock, ahead of the indexed block", async () => {
    stubGraphql((_op, variables, query) => subgraphRows(query, variables));
    // The dev clock mined block 40 (time 2,000) that the subgraph (at block 30) has not indexed yet.
    const reader = createCouncilSubgraphReader("http://subgraph.test/graphql", fakeClient(40).client, addresses);
    const c = await reader.overview();
    expect([c.block, c.time]).toEqual([30n, 2_000]);
    expect(c.open.map((p) => [p.number, p.state])).toEqual([[1, "Succeeded"]]);
    const page = await reader.proposals(0, 10);
    expect(page.proposals.map((p) => [p.number, p.state])).toEqual([
      [2, "Defeated"],
      [1, "Succeeded"],
    ]);
  });
});
