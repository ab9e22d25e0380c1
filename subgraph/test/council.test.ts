// Mapping tests of the thresholds council: a story emitting every event of ThresholdsCouncil, CouncilSeat and
// CouncilTimelock, fed to the compiled mapping and compared with the contracts' views; the dApp's council queries
// (web/src/council/data/queries.ts) answered on the mapped store with graph-node's query semantics.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import CouncilModule from "../../ignition/modules/Council.ts";
import { warp } from "../../scripts/lib/council.ts";
import { processLogsAcross, type PlainEntity, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import * as Q from "../../web/src/council/data/queries.ts";
import { assertAbiCovered, entityLookup } from "./checks.ts";
import {
  chainLogs,
  connect,
  councilParameters,
  lower,
  send,
  storeGraphQL,
  subgraphRuntime,
  ZERO,
  type Log,
} from "./setup.ts";

const DATA_SOURCES = ["ThresholdsCouncil", "CouncilSeat", "CouncilTimelock"] as const;
/** Events of the ABIs that are not indexed: never emitted (ERC-5267 domain, role admins), or not meaningful for
 * non-transferable seats (ERC-721 approvals, which a member may give but which can never move a seat). */
const NOT_INDEXED: Record<string, string[]> = {
  ThresholdsCouncil: ["EIP712DomainChanged"],
  CouncilSeat: ["EIP712DomainChanged", "Approval", "ApprovalForAll"],
  CouncilTimelock: ["RoleAdminChanged"],
};
/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  ProposalCreated: ["Proposal", "CouncilMember"],
  VoteCast: ["Vote"],
  VoteCastWithParams: ["Vote"],
  ProposalQueued: ["Proposal"],
  ProposalExecuted: ["Proposal"],
  ProposalCanceled: ["Proposal"],
  VetoCast: ["Veto"],
  VotingDelaySet: ["Council", "CouncilSettingChange"],
  VotingPeriodSet: ["CouncilSettingChange"],
  ProposalThresholdSet: ["CouncilSettingChange"],
  QuorumNumeratorUpdated: ["CouncilSettingChange"],
  TimelockChange: ["CouncilSettingChange"],
  MemberSeated: ["CouncilMember", "CouncilSeat"],
  MemberUnseated: ["CouncilMember"],
  Transfer: ["CouncilSeat", "CouncilSeatToken"],
  DelegateChanged: ["CouncilMember"],
  DelegateVotesChanged: ["CouncilMember"],
  OwnershipTransferred: ["CouncilSeatToken"],
  CallScheduled: ["TimelockOperation"],
  CallSalt: ["TimelockOperation"],
  CallExecuted: ["TimelockOperation"],
  Cancelled: ["TimelockOperation"],
  MinDelayChange: ["CouncilTimelock", "CouncilSettingChange"],
  RoleGranted: ["CouncilTimelock", "TimelockRoleChange"],
  RoleRevoked: ["TimelockRoleChange"],
};
/** Governor.ProposalState */
const STATE = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
/** TimelockController.OperationState -> TimelockOperation.status */
const OPERATION_STATUS = ["Cancelled", "Pending", "Pending", "Done"];
const ZERO32 = "0x" + "00".repeat(32);

const conn = await connect();
const { ethers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
const getGovernor = (address: string) => ethers.getContractAt("ThresholdsCouncil", address);
const getSeats = (address: string) => ethers.getContractAt("CouncilSeat", address);
const getTimelock = (address: string) => ethers.getContractAt("CouncilTimelock", address);

/**
 * The state a client derives from a Proposal entity at time `now` (what the README describes): event-driven states
 * first, then the voting window, then the tallies against the quorum.
 */
function derivedState(p: PlainEntity, now: bigint): string {
  if (p.state !== "Proposed") return p.state as string;
  if (now <= (p.voteStart as bigint)) return "Pending";
  if (now <= (p.voteEnd as bigint)) return "Active";
  const forVotes = p.forVotes as bigint;
  const quorumReached = p.quorum != null && forVotes + (p.abstainVotes as bigint) >= (p.quorum as bigint);
  const majority = p.majority != null && forVotes >= (p.majority as bigint);
  return quorumReached && majority && forVotes > (p.againstVotes as bigint) ? "Succeeded" : "Defeated";
}

describe("subgraph · council mapping on real ThresholdsCouncil, CouncilSeat and CouncilTimelock events", () => {
  let governor: Awaited<ReturnType<typeof getGovernor>>;
  let seats: Awaited<ReturnType<typeof getSeats>>;
  let timelock: Awaited<ReturnType<typeof getTimelock>>;
  let addresses: Record<(typeof DATA_SOURCES)[number], string>;
  let signers: Signer[];
  let runtimes: SubgraphRuntime[];
  let rt: SubgraphRuntime;
  let logs: Log[];
  const ids: Record<string, bigint> = {};
  let cancelledOperation: string;

  before(async () => {
    signers = await ethers.getSigners();
    const [ada, bea, cyrus, dan, erin, frank] = signers;
    const deployed = await conn.ignition.deploy(CouncilModule, {
      displayUi: false,
      parameters: councilParameters([ada, bea, cyrus], 300),
    });
    addresses = {
      ThresholdsCouncil: await deployed.governor.getAddress(),
      CouncilSeat: await deployed.seats.getAddress(),
      CouncilTimelock: await deployed.timelock.getAddress(),
    };
    governor = await getGovernor(addresses.ThresholdsCouncil);
    seats = await getSeats(addresses.CouncilSeat);
    timelock = await getTimelock(addresses.CouncilTimelock);
    type Call = { target: string; data: string };
    const onSeats = (fn: string, args: unknown[]) => ({
      target: addresses.CouncilSeat,
      data: seats.interface.encodeFunctionData(fn as never, args as never),
    });
    const onGovernor = (fn: string, args: unknown[]) => ({
      target: addresses.ThresholdsCouncil,
      data: governor.interface.encodeFunctionData(fn as never, args as never),
    });
    const onTimelock = (fn: string, args: unknown[]) => ({
      target: addresses.CouncilTimelock,
      data: timelock.interface.encodeFunctionData(fn as never, args as never),
    });
    const proposals: Record<string, { calls: Call[]; description: string }> = {};
    const propose = async (name: string, proposer: Signer, calls: Call[], description: string) => {
      const targets = calls.map((c) => c.target);
      const datas = calls.map((c) => c.data);
      await send(
        governor.connect(proposer).propose(
          targets,
          calls.map(() => 0n),
          datas,
          description,
        ),
      );
      ids[name] = await governor.hashProposal(
        targets,
        calls.map(() => 0n),
        datas,
        ethers.id(description),
      );
      proposals[name] = { calls, description };
    };
    const args = (name: string) => {
      const { calls, description } = proposals[name];
      return [
        calls.map((c) => c.target),
        calls.map(() => 0n),
        calls.map((c) => c.data),
        ethers.id(description),
      ] as const;
    };
    const overVotingDelay = async () => warp(ethers, Number(await governor.votingDelay()) + 1);
    const overVotingPeriod = async () => warp(ethers, Number(await governor.votingPeriod()) + 1);
    const overTimelock = async () => warp(ethers, Number(await timelock.getMinDelay()) + 1);

    // P1, executed: seat dan, and change every governor setting and the timelock's delay. Votes: for, for with a
    // reason, abstain with params.
    await propose(
      "seatDan",
      ada,
      [
        onSeats("seat", [dan.address, "Science"]),
        onGovernor("setVotingDelay", [90]),
        onGovernor("setVotingPeriod", [900]),
        onGovernor("setProposalThreshold", [1]),
        onGovernor("updateQuorumNumerator", [60]),
        onTimelock("updateDelay", [400]),
      ],
      "Seat the marine institute; slower, larger quorum",
    );
    // P2, canceled by its proposer before voting.
    await propose("withdrawn", bea, [onSeats("seat", [erin.address, "Observers"])], "Seat an observer");
    await send(governor.connect(bea)["cancel(address[],uint256[],bytes[],bytes32)"](...args("withdrawn")));
    await overVotingDelay();
    await send(governor.connect(ada).castVote(ids.seatDan, 1));
    await send(governor.connect(bea).castVoteWithReason(ids.seatDan, 1, "Science needs a seat"));
    await send(governor.connect(cyrus).castVoteWithReasonAndParams(ids.seatDan, 2, "Coast abstains", "0x1234"));
    await overVotingPeriod();
    await send(governor["queue(address[],uint256[],bytes[],bytes32)"](...args("seatDan")));
    await overTimelock();
    await send(governor.connect(frank)["execute(address[],uint256[],bytes[],bytes32)"](...args("seatDan"))); // anyone may execute
    await send(seats.connect(dan).delegate(dan.address)); // a seat's vote stays with its member: re-affirmed only

    // P3 defeated (unseat bea: two against, one for), P4 succeeded (three FOR of four seats, one abstaining) but
    // never queued (seat frank).
    await propose("unseatBea", cyrus, [onSeats("unseat", [bea.address])], "Unseat the fishers");
    await propose("seatFrank", ada, [onSeats("seat", [frank.address, "Harbours"])], "Seat the harbours");
    // P5 queued (seat erin), then its timelock operation cancelled by P6 (through Governor.relay), which also
    // unseats cyrus.
    const erinDescription = "Seat the observers after all";
    const erinCalls = [onSeats("seat", [erin.address, "Observers"])];
    const salt =
      "0x" +
      ((BigInt(addresses.ThresholdsCouncil) << 96n) ^ BigInt(ethers.id(erinDescription)))
        .toString(16)
        .padStart(64, "0");
    cancelledOperation = await timelock.hashOperationBatch(
      erinCalls.map((c) => c.target),
      [0n],
      erinCalls.map((c) => c.data),
      ZERO32,
      salt,
    );
    await propose("seatErin", bea, erinCalls, erinDescription);
    await propose(
      "cancelErin",
      ada,
      [
        onGovernor("relay", [
          addresses.CouncilTimelock,
          0,
          timelock.interface.encodeFunctionData("cancel", [cancelledOperation]),
        ]),
        onSeats("unseat", [cyrus.address]),
      ],
      "Cancel the observers' seat; unseat the coast",
    );
    // P8 queued, then cancelled by a majority veto (three of the four seats at its snapshot).
    await propose("vetoed", dan, [onGovernor("updateQuorumNumerator", [40])], "Lower the quorum");
    await overVotingDelay();
    await send(governor.connect(ada).castVote(ids.unseatBea, 0));
    await send(governor.connect(dan).castVoteWithReason(ids.unseatBea, 0, "The fishers stay"));
    await send(governor.connect(cyrus).castVote(ids.unseatBea, 1));
    await send(governor.connect(ada).castVote(ids.seatFrank, 1));
    await send(governor.connect(bea).castVote(ids.seatFrank, 2));
    await send(governor.connect(cyrus).castVote(ids.seatFrank, 1));
    await send(governor.connect(dan).castVote(ids.seatFrank, 1));
    for (const name of ["seatErin", "cancelErin", "vetoed"]) {
      await send(governor.connect(ada).castVote(ids[name], 1));
      await send(governor.connect(bea).castVoteWithReason(ids[name], 1, "agreed"));
      await send(governor.connect(dan).castVote(ids[name], 1));
    }
    await overVotingPeriod();
    await send(governor.connect(cyrus).castVeto(ids.seatFrank)); // one of three needed: still Succeeded
    await send(governor["queue(address[],uint256[],bytes[],bytes32)"](...args("seatErin")));
    await send(governor["queue(address[],uint256[],bytes[],bytes32)"](...args("cancelErin")));
    await send(governor["queue(address[],uint256[],bytes[],bytes32)"](...args("vetoed")));
    for (const member of [bea, cyrus, dan]) await send(governor.connect(member).castVeto(ids.vetoed));
    await overTimelock();
    await send(governor["execute(address[],uint256[],bytes[],bytes32)"](...args("cancelErin")));

    // P7, still active at the end.
    await propose("active", bea, [onSeats("seat", [cyrus.address, "Coast"])], "Seat the coast again");
    await overVotingDelay();
    await send(governor.connect(frank).castVote(ids.active, 2)); // frank holds no seat: weight 0
    await send(governor.connect(bea).castVote(ids.active, 1));

    logs = await chainLogs(ethers.provider, Object.values(addresses));
    rt = subgraphRuntime("ThresholdsCouncil", addresses.ThresholdsCouncil);
    runtimes = [
      rt,
      subgraphRuntime("CouncilSeat", addresses.CouncilSeat, rt.store),
      subgraphRuntime("CouncilTimelock", addresses.CouncilTimelock, rt.store),
    ];
    await processLogsAcross(ethers.provider, runtimes, logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);

  it("every event of the three ABIs has a handler in its data source (but the unindexed ones), exported by the WASM", () => {
    for (const [i, name] of DATA_SOURCES.entries()) {
      assert.equal(runtimes[i].dataSource.name, name);
      assertAbiCovered(runtimes[i], name, NOT_INDEXED[name]);
    }
  });

  it("handles every log of the three contracts, every indexed event type, without errors", () => {
    const handled = runtimes.flatMap((r) => r.handled);
    const approvals = logs.filter((l) => l.topics[0] === seats.interface.getEvent("Approval")!.topicHash);
    assert.equal(approvals.length, 0);
    assert.equal(handled.length, logs.length, "every council log had a handler");
    assert.deepEqual([...new Set(handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    for (const [event, types] of Object.entries(EVENT_ENTITIES)) {
      for (const type of types) assert.ok(rt.store.count(type) > 0, `${event} produced ${type} entities`);
    }
    const problems = runtimes.flatMap((r) => r.logs).filter((l) => ["ERROR", "CRITICAL", "WARNING"].includes(l.level));
    assert.deepEqual(problems, [], "no error or warning logged by the mapping");
  });

  it("the council: settings and counts equal the governor's views; settings history", async () => {
    const c = entity("Council", lower(addresses.ThresholdsCouncil));
    assert.deepEqual(
      [c.name, c.seatToken, c.timelock],
      [await governor.name(), lower(await governor.token()), lower(await governor.timelock())],
    );
    assert.deepEqual(
      [c.votingDelay, c.votingPeriod, c.proposalThreshold, c.quorumNumerator],
      [
        await governor.votingDelay(),
        await governor.votingPeriod(),
        await governor.proposalThreshold(),
        await governor["quorumNumerator()"](),
      ],
    );
    assert.deepEqual([c.votingDelay, c.votingPeriod, c.quorumNumerator], [90n, 900n, 60n]);
    assert.deepEqual(
      [c.proposalCount, c.queuedCount, c.executedCount, c.canceledCount, c.voteCount, c.vetoCount],
      [8, 4, 2, 3, 21, 4],
    );
    const history = rt.store
      .all("CouncilSettingChange")
      .map((s) => [s.setting, s.oldValue ?? s.oldAddress, s.newValue ?? s.newAddress]);
    assert.deepEqual(history, [
      ["MinDelay", 0n, 300n],
      ["VotingDelay", 0n, 60n],
      ["VotingPeriod", 0n, 600n],
      ["ProposalThreshold", 0n, 1n],
      ["QuorumNumerator", 0n, 50n],
      ["Timelock", ZERO, lower(addresses.CouncilTimelock)],
      ["VotingDelay", 60n, 90n],
      ["VotingPeriod", 600n, 900n],
      ["ProposalThreshold", 1n, 1n],
      ["QuorumNumerator", 50n, 60n],
      ["MinDelay", 300n, 400n],
    ]);
  });

  it("proposals: tallies, quorum, eta and the derived state equal proposalVotes / quorum / proposalEta / state", async () => {
    const at = await now();
    const states: Record<string, string> = {};
    for (const [name, id] of Object.entries(ids)) {
      const p = entity("Proposal", id.toString());
      const [against, forVotes, abstain] = await governor.proposalVotes(id);
      assert.deepEqual([p.againstVotes, p.forVotes, p.abstainVotes], [against, forVotes, abstain], name);
      assert.deepEqual(
        [p.voteStart, p.voteEnd],
        [await governor.proposalSnapshot(id), await governor.proposalDeadline(id)],
      );
      assert.equal(p.proposer, lower(await governor.proposalProposer(id)));
      if (p.voteCount) {
        assert.equal(p.quorum, await governor.quorum(p.voteStart as bigint), `${name} quorum`);
        assert.equal(p.majority, await governor.vetoesNeeded(id), `${name} majority`);
      }
      assert.equal(p.vetoes, await governor.vetoes(id), `${name} vetoes`);
      const eta = await governor.proposalEta(id);
      assert.equal(p.eta ?? 0n, eta, `${name} eta`);
      states[name] = derivedState(p, at);
      assert.equal(states[name], STATE[Number(await governor.state(id))], `${name} state`);
      assert.equal(p.descriptionHash, ethers.id(p.description as string));
    }
    // `number` counts the proposals in the order proposed; `passing` is the vote test a Proposed proposal past its
    // voteEnd is Succeeded by.
    assert.deepEqual(
      Object.entries(ids).map(([name, id]) => [name, entity("Proposal", id.toString()).number]),
      Object.keys(ids).map((name, i) => [name, i + 1]),
    );
    const passing = Object.fromEntries(
      Object.entries(ids).map(([name, id]) => [name, entity("Proposal", id.toString()).passing]),
    );
    assert.deepEqual(passing, {
      seatDan: true,
      withdrawn: false,
      unseatBea: false,
      seatFrank: true,
      seatErin: true,
      cancelErin: true,
      vetoed: true,
      active: false,
    });
    for (const [name, id] of Object.entries(ids)) {
      const p = entity("Proposal", id.toString());
      if (p.state === "Proposed" && at > (p.voteEnd as bigint))
        assert.equal(p.passing ? "Succeeded" : "Defeated", states[name], `${name}: passing gives the state`);
    }
    assert.deepEqual(states, {
      seatDan: "Executed",
      withdrawn: "Canceled",
      unseatBea: "Defeated",
      seatFrank: "Succeeded",
      seatErin: "Canceled",
      cancelErin: "Executed",
      active: "Active",
      vetoed: "Canceled",
    });
    const dan = entity("Proposal", ids.seatDan.toString());
    assert.equal((dan.targets as string[]).length, 6);
    assert.equal(dan.quorum, 2n); // 3 seats x 50 % is 1, below the strict majority of 2
    assert.equal(entity("Proposal", ids.seatFrank.toString()).quorum, 3n); // 4 seats x 60 % is 2; majority 3
    assert.equal(entity("Proposal", ids.withdrawn.toString()).quorum ?? null, null);
    assert.ok(dan.executedAt && dan.executedTransaction && dan.queuedAt);
  });

  it("votes: one per VoteCast / VoteCastWithParams, equal hasVoted; reasons and params", async () => {
    const votes = rt.store.all("Vote");
    for (const v of votes) {
      const id = BigInt(v.proposal as string);
      assert.equal(await governor.hasVoted(id, v.voter as string), true);
      const p = entity("Proposal", v.proposal as string);
      assert.ok((p.voteCount as number) > 0);
    }
    const [ada, bea, cyrus, dan, , frank] = signers;
    const onDan = votes
      .filter((v) => v.proposal === ids.seatDan.toString())
      .map((v) => [v.voter, v.support, v.weight, v.reason, v.params ?? null]);
    assert.deepEqual(onDan, [
      [lower(ada.address), "For", 1n, "", null],
      [lower(bea.address), "For", 1n, "Science needs a seat", null],
      [lower(cyrus.address), "Abstain", 1n, "Coast abstains", "0x1234"],
    ]);
    const onBea = votes
      .filter((v) => v.proposal === ids.unseatBea.toString())
      .map((v) => [v.voter, v.support, v.weight]);
    assert.deepEqual(onBea, [
      [lower(ada.address), "Against", 1n],
      [lower(dan.address), "Against", 1n],
      [lower(cyrus.address), "For", 1n],
    ]);
    const frankVote = votes.find((v) => v.voter === lower(frank.address))!;
    assert.deepEqual([frankVote.support, frankVote.weight], ["Abstain", 0n]);
  });

  it("vetoes: one per VetoCast, equal hasVetoed / vetoes / vetoesNeeded; the majority veto cancels", async () => {
    const [, bea, cyrus, dan] = signers;
    const vetoes = rt.store.all("Veto");
    for (const v of vetoes) {
      assert.equal(await governor.hasVetoed(BigInt(v.proposal as string), v.voter as string), true);
    }
    assert.deepEqual(
      vetoes.map((v) => [v.proposal, v.voter, v.vetoes, v.needed]),
      [
        [ids.seatFrank.toString(), lower(cyrus.address), 1n, 3n],
        [ids.vetoed.toString(), lower(bea.address), 1n, 3n],
        [ids.vetoed.toString(), lower(cyrus.address), 2n, 3n],
        [ids.vetoed.toString(), lower(dan.address), 3n, 3n],
      ],
    );
    const vetoed = entity("Proposal", ids.vetoed.toString());
    assert.deepEqual([vetoed.state, vetoed.vetoes, vetoed.majority], ["Canceled", 3n, 3n]);
    assert.ok(vetoed.canceledAt);
    const operation = entity("TimelockOperation", vetoed.timelockOperation as string);
    assert.equal(operation.status, "Cancelled");
    const frank = entity("Proposal", ids.seatFrank.toString());
    assert.deepEqual([frank.state, frank.vetoes], ["Proposed", 1n]);
  });

  it("members and seats equal seatOf / getVotes / delegates; the seat token's counts", async () => {
    let active = 0;
    for (const m of rt.store.all("CouncilMember")) {
      const account = m.account as string;
      const seatId = await seats.seatOf(account);
      assert.equal(m.seated, seatId !== 0n, account);
      assert.equal(m.seat ?? null, seatId === 0n ? null : seatId.toString(), account);
      assert.equal(m.votes, await seats.getVotes(account), account);
      assert.equal(m.delegate ?? ZERO, lower(await seats.delegates(account)), account);
      if (m.seated) active++;
    }
    const [ada, , cyrus, dan, , frank] = signers;
    assert.deepEqual(
      [entity("CouncilMember", lower(ada.address)).votes, entity("CouncilMember", lower(dan.address)).delegate],
      [1n, lower(dan.address)],
    );
    const c = entity("CouncilMember", lower(cyrus.address));
    assert.deepEqual([c.seated, c.delegation, c.votes], [false, "Coast", 0n]);
    assert.ok(c.unseatedAt);
    assert.deepEqual(
      [entity("CouncilMember", lower(frank.address)).seated, entity("CouncilMember", lower(frank.address)).votes],
      [false, 0n],
    );
    const seat3 = entity("CouncilSeat", "3");
    assert.deepEqual([seat3.member, seat3.delegation, seat3.active], [lower(cyrus.address), "Coast", false]);
    const seat4 = entity("CouncilSeat", "4");
    assert.deepEqual([seat4.member, seat4.delegation, seat4.active], [lower(dan.address), "Science", true]);
    const token = entity("CouncilSeatToken", lower(addresses.CouncilSeat));
    assert.deepEqual(
      [token.owner, token.seatsIssued, token.activeSeats],
      [lower(await seats.owner()), Number(await seats.seatsIssued()), active],
    );
    assert.equal(token.activeSeats, 3);
    assert.equal(BigInt(active), await seats.getPastTotalSupply((await now()) - 1n));
  });

  it("timelock: operations equal getOperationState / getTimestamp and link to their proposals; delay and roles", async () => {
    for (const o of rt.store.all("TimelockOperation")) {
      const id = o.id as string;
      const state = Number(await timelock.getOperationState(id));
      assert.equal(o.status, OPERATION_STATUS[state], id);
      if (o.status === "Pending") assert.equal(o.eta, await timelock.getTimestamp(id));
      assert.equal(
        id,
        await timelock.hashOperationBatch(
          o.targets as string[],
          o.values as bigint[],
          o.datas as string[],
          o.predecessor as string,
          o.salt as string,
        ),
      );
      const p = entity("Proposal", o.proposal as string);
      assert.equal(p.timelockOperation, id);
      assert.equal(o.eta, p.eta);
    }
    assert.equal(rt.store.count("TimelockOperation"), 4);
    const erin = entity("TimelockOperation", cancelledOperation);
    assert.deepEqual([erin.status, erin.proposal], ["Cancelled", ids.seatErin.toString()]);
    const dan = entity("TimelockOperation", entity("Proposal", ids.seatDan.toString()).timelockOperation as string);
    assert.deepEqual([dan.status, dan.executedCallCount, dan.delay], ["Done", 6, 300n]);

    const t = entity("CouncilTimelock", lower(addresses.CouncilTimelock));
    assert.equal(t.minDelay, await timelock.getMinDelay());
    const roles: [string, string][] = [
      ["proposers", await timelock.PROPOSER_ROLE()],
      ["cancellers", await timelock.CANCELLER_ROLE()],
      ["executors", await timelock.EXECUTOR_ROLE()],
      ["admins", await timelock.DEFAULT_ADMIN_ROLE()],
    ];
    for (const [field, role] of roles) {
      for (const a of t[field] as string[]) assert.equal(await timelock.hasRole(role, a), true, `${field} ${a}`);
    }
    assert.deepEqual(
      [t.proposers, t.cancellers, t.executors, t.admins],
      [
        [lower(addresses.ThresholdsCouncil)],
        [lower(addresses.ThresholdsCouncil)],
        [ZERO],
        [lower(addresses.CouncilTimelock)],
      ],
    );
    const revoked = rt.store.all("TimelockRoleChange").filter((r) => !r.granted);
    assert.deepEqual(
      revoked.map((r) => r.roleName),
      ["DEFAULT_ADMIN"],
      "the deployer renounced its admin role",
    );
  });
  it("the dApp's council queries: settings, seats, quorum history, open proposals, a page newest first", async () => {
    const head = (await ethers.provider.getBlock("latest"))!;
    const gql = storeGraphQL(rt.store, head);
    type Row = Record<string, unknown>;
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const result = await gql.execute(query, variables);
      assert.deepEqual(result.errors ?? [], [], query.slice(0, 40));
      return result.data as Record<string, Row[] & Row>;
    };
    const first = 1_000;
    const c = await ask(Q.COUNCIL_QUERY, {
      council: lower(addresses.ThresholdsCouncil),
      timelock: lower(addresses.CouncilTimelock),
      first,
    });
    const council = c.council as Row;
    assert.deepEqual(
      [(c._meta as Row as { block: Row }).block.timestamp, council.name, council.proposalCount],
      [head.timestamp, await governor.name(), Object.keys(ids).length],
    );
    assert.equal(BigInt((c.councilTimelock as Row).minDelay as string), await timelock.getMinDelay());
    assert.deepEqual(
      (c.councilSeats as Row[]).map((x) => [x.seatId, x.active, (x.member as Row).account]),
      rt.store.all("CouncilSeat").map((x) => [String(x.seatId), x.active, x.member]),
    );
    assert.deepEqual(
      (c.councilSettingChanges as Row[]).map((x) => x.newValue).sort(),
      ["50", "60"],
      "QuorumNumeratorUpdated from the constructor and from proposal 1",
    );
    // The cursor queries go on after a page's last id; past the last row they answer nothing.
    const lastSeat = (c.councilSeats as Row[]).at(-1)!.id;
    assert.deepEqual((await ask(Q.SEATS_QUERY, { first, after: lastSeat })).councilSeats, []);
    assert.equal((await ask(Q.SEATS_QUERY, { first, after: "" })).councilSeats.length, rt.store.count("CouncilSeat"));
    const changes = await ask(Q.QUORUM_CHANGES_QUERY, { first, after: "0x" });
    assert.equal(changes.councilSettingChanges.length, 2);

    // Open proposals: still voting (by the indexed block's time), passed by their votes, or queued.
    const live = (await ask(Q.LIVE_PROPOSALS_QUERY, { first, after: "", now: String(head.timestamp) })).proposals;
    const passed = (await ask(Q.PASSED_PROPOSALS_QUERY, { first, after: "" })).proposals;
    const queued = (await ask(Q.QUEUED_PROPOSALS_QUERY, { first, after: "" })).proposals;
    assert.deepEqual(
      [passed.map((p) => p.id), queued.map((p) => p.id)],
      [(c.passed as Row[]).map((p) => p.id), (c.queued as Row[]).map((p) => p.id)],
    );
    const candidates = new Set([...live, ...passed, ...queued].map((p) => p.id as string));
    const open: string[] = [];
    for (const id of Object.values(ids)) {
      const state = STATE[Number(await governor.state(id))];
      if (["Pending", "Active", "Succeeded", "Queued"].includes(state)) open.push(id.toString());
    }
    assert.deepEqual([...candidates].sort(), open.sort());
    assert.deepEqual(
      live.map((p) => p.id),
      [ids.active.toString()],
    );

    // A page: numbers 8, 7, 6 (newest first), each with its votes and vetoes.
    const page = (await ask(Q.PROPOSAL_PAGE_QUERY, { first: 3, top: 8 })).proposals;
    assert.deepEqual(
      page.map((p) => p.number),
      [8, 7, 6],
    );
    for (const p of page) {
      const id = BigInt(p.proposalId as string);
      assert.equal(p.id, id.toString());
      assert.equal((p.proposer as Row).account, lower(await governor.proposalProposer(id)));
      assert.equal((p.votes as Row[]).length, rt.store.all("Vote").filter((v) => v.proposal === p.id).length);
      assert.deepEqual(
        (p.vetoCasts as Row[]).map((v) => (v.voter as Row).account),
        rt.store
          .all("Veto")
          .filter((v) => v.proposal === p.id)
          .map((v) => v.voter),
      );
    }
    const older = (await ask(Q.PROPOSAL_PAGE_QUERY, { first: 3, top: 2 })).proposals;
    assert.deepEqual(
      older.map((p) => p.number),
      [2, 1],
    );
  });
});
