// The council's fold and derivations on their own: each event's effect on the folded state, the Governor's state
// from the folded figures and the chain time, quorum and majority at a snapshot, and block times told by events.
import { getAddress, keccak256, toBytes, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { BlockTimes, isOpen, majorityOf, proposalState, quorumOf, seatsAt, valueAt, type StateInputs } from "./derive";
import { decodedLog, hash32 } from "../../shared/data/testing";
import { councilFold, type CouncilLog, type CouncilState } from "./fold";

const GOV = getAddress("0x00000000000000000000000000000000000000C0");
const SEAT = getAddress("0x00000000000000000000000000000000000000C1");
const LOCK = getAddress("0x00000000000000000000000000000000000000C2");
const ADA = getAddress("0x000000000000000000000000000000000000AdA0");
const BEA = getAddress("0x000000000000000000000000000000000000BEA0");
const CY = getAddress("0x000000000000000000000000000000000000c1C0");
const OP: Hex = `0x${"ab".repeat(32)}`;
const TARGET = getAddress("0x00000000000000000000000000000000000000A1");

let logIndex = 0;
/** A decoded log of `eventName` with `args`, emitted by `address` in `block` (transaction `tx`). */
const log = (address: Address, block: number, eventName: string, args: Record<string, unknown>, tx = block) =>
  decodedLog<CouncilLog>(eventName, args, { address, block, logIndex: logIndex++, transactionHash: hash32(tx) });

/** The deployment: settings from the constructors and three founders seated in block 10. */
function deployed(): CouncilState {
  const s = councilFold.initial();
  councilFold.apply(s, [
    log(LOCK, 10, "MinDelayChange", { oldDuration: 0n, newDuration: 300n }),
    log(GOV, 10, "VotingDelaySet", { oldVotingDelay: 0n, newVotingDelay: 60n }),
    log(GOV, 10, "VotingPeriodSet", { oldVotingPeriod: 0n, newVotingPeriod: 600n }),
    log(GOV, 10, "ProposalThresholdSet", { oldProposalThreshold: 0n, newProposalThreshold: 1n }),
    log(GOV, 10, "QuorumNumeratorUpdated", { oldQuorumNumerator: 0n, newQuorumNumerator: 50n }),
    log(GOV, 10, "TimelockChange", { oldTimelock: "0x0000000000000000000000000000000000000000", newTimelock: LOCK }),
    ...[ADA, BEA, CY].flatMap((member, i) => [
      log(SEAT, 10, "DelegateChanged", {
        delegator: member,
        fromDelegate: "0x0000000000000000000000000000000000000000",
        toDelegate: member,
      }),
      log(SEAT, 10, "DelegateVotesChanged", { delegate: member, previousVotes: 0n, newVotes: 1n }),
      log(SEAT, 10, "MemberSeated", { member, seatId: BigInt(i + 1), delegation: ["Fishers", "Science", "Coast"][i] }),
    ]),
  ]);
  return s;
}

const created = (block: number, id: bigint, voteStart: bigint, description = "Seat the harbours") =>
  log(GOV, block, "ProposalCreated", {
    proposalId: id,
    proposer: ADA,
    targets: [TARGET],
    values: [0n],
    signatures: [""],
    calldatas: ["0x12345678"],
    voteStart,
    voteEnd: voteStart + 600n,
    description,
  });

describe("council fold", () => {
  it("settings and seats from the constructors' events", () => {
    const s = deployed();
    expect([s.votingDelay, s.votingPeriod, s.proposalThreshold, s.quorumNumerator, s.timelock, s.minDelay]).toEqual([
      60,
      600,
      1n,
      50n,
      LOCK,
      300,
    ]);
    expect(s.quorumChanges).toEqual([{ block: 10n, value: 50n }]);
    expect([...s.seats.values()].map((x) => [x.seatId, x.member, x.delegation, x.seated, x.seatedBlock])).toEqual([
      [1n, ADA, "Fishers", true, 10n],
      [2n, BEA, "Science", true, 10n],
      [3n, CY, "Coast", true, 10n],
    ]);
    expect(s.votes.get(BEA.toLowerCase())).toBe(1n);
    expect(s.delegates.get(CY.toLowerCase())).toBe(CY);
  });

  it("ProposalCreated: numbered in order, its description hashed, its block's time (voteStart - votingDelay) kept", () => {
    const s = deployed();
    councilFold.apply(s, [created(20, 111n, 1_060n), created(21, 222n, 1_072n, "Second")]);
    expect(s.proposals.map((p) => [p.number, p.id, p.snapshot, p.deadline, p.createdBlock])).toEqual([
      [1, 111n, 1_060, 1_660, 20n],
      [2, 222n, 1_072, 1_672, 21n],
    ]);
    const p = s.proposals[0];
    expect([p.proposer, p.targets, p.values, p.calldatas, p.description]).toEqual([
      ADA,
      [TARGET],
      [0n],
      ["0x12345678"],
      "Seat the harbours",
    ]);
    expect(p.descriptionHash).toBe(keccak256(toBytes("Seat the harbours")));
    expect(s.index.get(222n)).toBe(1);
    expect([...s.blockTimes]).toEqual([
      [20n, 1_000],
      [21n, 1_012],
    ]);
  });

  it("VoteCast and VoteCastWithParams add to the tallies and the votes", () => {
    const s = deployed();
    councilFold.apply(s, [
      created(20, 111n, 1_060n),
      log(GOV, 30, "VoteCast", { voter: ADA, proposalId: 111n, support: 1, weight: 1n, reason: "" }),
      log(GOV, 31, "VoteCast", { voter: BEA, proposalId: 111n, support: 0, weight: 1n, reason: "no" }),
      log(GOV, 32, "VoteCastWithParams", {
        voter: CY,
        proposalId: 111n,
        support: 2,
        weight: 1n,
        reason: "abstain",
        params: "0x12",
      }),
      log(GOV, 33, "VoteCast", { voter: TARGET, proposalId: 111n, support: 1, weight: 0n, reason: "" }),
    ]);
    const p = s.proposals[0];
    expect([p.forVotes, p.againstVotes, p.abstainVotes]).toEqual([1n, 1n, 1n]);
    expect(p.votes).toEqual([
      { voter: ADA, support: 1, weight: 1n, reason: "" },
      { voter: BEA, support: 0, weight: 1n, reason: "no" },
      { voter: CY, support: 2, weight: 1n, reason: "abstain" },
      { voter: TARGET, support: 1, weight: 0n, reason: "" },
    ]);
  });

  it("ProposalQueued takes the operation CallScheduled named in its transaction, its ETA and its block's time", () => {
    const s = deployed();
    councilFold.apply(s, [
      created(20, 111n, 1_060n),
      log(LOCK, 50, "CallScheduled", {
        id: OP,
        index: 0n,
        target: TARGET,
        value: 0n,
        data: "0x12345678",
        predecessor: `0x${"00".repeat(32)}`,
        delay: 300n,
      }),
      log(GOV, 50, "ProposalQueued", { proposalId: 111n, etaSeconds: 2_000n }),
    ]);
    const p = s.proposals[0];
    expect([p.eta, p.operation, s.operations.get(OP)]).toEqual([2_000, OP, "Pending"]);
    expect(s.blockTimes.get(50n)).toBe(1_700);
    councilFold.apply(s, [
      log(LOCK, 60, "CallExecuted", { id: OP, index: 0n, target: TARGET, value: 0n, data: "0x12345678" }),
      log(GOV, 60, "ProposalExecuted", { proposalId: 111n }),
    ]);
    expect([s.operations.get(OP), p.executed]).toEqual(["Done", true]);
  });

  it("a ProposalQueued in another transaction than the last CallScheduled names no operation", () => {
    const s = deployed();
    councilFold.apply(s, [
      created(20, 111n, 1_060n),
      log(LOCK, 49, "CallScheduled", {
        id: OP,
        index: 0n,
        target: TARGET,
        value: 0n,
        data: "0x",
        predecessor: `0x${"00".repeat(32)}`,
        delay: 300n,
      }),
      log(GOV, 50, "ProposalQueued", { proposalId: 111n, etaSeconds: 2_000n }),
    ]);
    expect(s.proposals[0].operation).toBeUndefined();
  });

  it("VetoCast counts the vetoes and who cast them; ProposalCanceled and Cancelled cancel", () => {
    const s = deployed();
    councilFold.apply(s, [
      created(20, 111n, 1_060n),
      log(GOV, 70, "VetoCast", { proposalId: 111n, voter: BEA, vetoes: 1n, needed: 2n }),
      log(GOV, 71, "VetoCast", { proposalId: 111n, voter: CY, vetoes: 2n, needed: 2n }, 71),
      log(LOCK, 71, "Cancelled", { id: OP }, 71),
      log(GOV, 71, "ProposalCanceled", { proposalId: 111n }, 71),
    ]);
    const p = s.proposals[0];
    expect([p.vetoes, p.vetoers, p.canceled, s.operations.get(OP)]).toEqual([2n, [BEA, CY], true, "Cancelled"]);
  });

  it("MemberUnseated and DelegateVotesChanged: the seat is kept, unseated, its holder's votes gone", () => {
    const s = deployed();
    councilFold.apply(s, [
      log(SEAT, 80, "DelegateVotesChanged", { delegate: CY, previousVotes: 1n, newVotes: 0n }),
      log(SEAT, 80, "MemberUnseated", { member: CY, seatId: 3n }),
      log(GOV, 81, "QuorumNumeratorUpdated", { oldQuorumNumerator: 50n, newQuorumNumerator: 60n }),
    ]);
    const seat = s.seats.get(3n)!;
    expect([seat.seated, seat.unseatedBlock, s.votes.get(CY.toLowerCase())]).toEqual([false, 80n, 0n]);
    expect([s.quorumNumerator, s.quorumChanges.length]).toEqual([60n, 2]);
  });

  it("events for unknown proposals change nothing; the state is structured-cloneable", () => {
    const s = deployed();
    councilFold.apply(s, [
      log(GOV, 90, "VoteCast", { voter: ADA, proposalId: 9n, support: 1, weight: 1n, reason: "" }),
      log(GOV, 90, "ProposalExecuted", { proposalId: 9n }),
    ]);
    expect(s.proposals).toEqual([]);
    expect(structuredClone(s)).toEqual(s);
  });
});

describe("council derivations", () => {
  const base: StateInputs = {
    executed: false,
    canceled: false,
    snapshot: 1_000,
    deadline: 1_600,
    eta: 0,
    forVotes: 2n,
    againstVotes: 1n,
    abstainVotes: 0n,
    quorum: 2n,
    majority: 2n,
  };

  it("proposalState follows Governor.state with the timelock and the strict majority", () => {
    expect(proposalState(base, 1_000)).toBe("Pending");
    expect(proposalState(base, 1_001)).toBe("Active");
    expect(proposalState(base, 1_600)).toBe("Active");
    expect(proposalState(base, 1_601)).toBe("Succeeded");
    expect(proposalState({ ...base, forVotes: 1n, againstVotes: 0n, abstainVotes: 2n }, 1_601)).toBe("Defeated");
    expect(proposalState({ ...base, againstVotes: 2n }, 1_601)).toBe("Defeated");
    expect(proposalState({ ...base, quorum: 3n }, 1_601)).toBe("Defeated");
    expect(proposalState({ ...base, eta: 2_000 }, 1_601)).toBe("Queued");
    expect(proposalState({ ...base, eta: 2_000, operation: "Pending" }, 2_500)).toBe("Queued");
    expect(proposalState({ ...base, eta: 2_000, operation: "Done" }, 2_500)).toBe("Executed");
    expect(proposalState({ ...base, eta: 2_000, operation: "Cancelled" }, 2_500)).toBe("Canceled");
    expect(proposalState({ ...base, executed: true }, 500)).toBe("Executed");
    expect(proposalState({ ...base, canceled: true }, 500)).toBe("Canceled");
    expect(["Pending", "Active", "Succeeded", "Queued", "Defeated", "Executed"].map((x) => isOpen(x as never))).toEqual(
      [true, true, true, true, false, false],
    );
  });

  it("quorum is the larger of the percentage and a strict majority of the seats", () => {
    expect([majorityOf(3n), majorityOf(4n)]).toEqual([2n, 3n]);
    expect(quorumOf(3n, 50n)).toBe(2n); // 1 by the percentage
    expect(quorumOf(4n, 60n)).toBe(3n); // 2 by the percentage
    expect(quorumOf(10n, 80n)).toBe(8n);
  });

  it("seats and settings at a time: the last step at or before it", () => {
    const seats = [{ seatedAt: 100 }, { seatedAt: 100, unseatedAt: 500 }, { seatedAt: 300 }];
    expect([seatsAt(seats, 99), seatsAt(seats, 100), seatsAt(seats, 300), seatsAt(seats, 500)]).toEqual([
      0n,
      2n,
      3n,
      2n,
    ]);
    const steps = [
      { time: 100, value: 50n },
      { time: 400, value: 60n },
    ];
    expect([valueAt(steps, 50), valueAt(steps, 100), valueAt(steps, 399), valueAt(steps, 400)]).toEqual([
      0n,
      50n,
      50n,
      60n,
    ]);
  });

  it("BlockTimes tells a block's order against a time from known blocks around it, or says it cannot", () => {
    const times = new BlockTimes([
      [20n, 1_000],
      [40n, 1_200],
      [30n, 1_100],
    ]);
    expect(times.atOrBefore(30n, 1_100)).toBe(true); // known
    expect(times.atOrBefore(30n, 1_099)).toBe(false); // known
    expect(times.atOrBefore(25n, 1_150)).toBe(true); // block 30 (later) is at 1,100
    expect(times.atOrBefore(35n, 1_050)).toBe(false); // block 30 (earlier) is at 1,100
    expect(times.atOrBefore(35n, 1_150)).toBeUndefined(); // between 1,100 and 1,200
    expect(times.atOrBefore(50n, 1_300)).toBeUndefined(); // after every known block, which are before
    expect(times.atOrBefore(10n, 900)).toBeUndefined(); // before every known block, which are after
    expect(times.atOrBefore(10n, 1_000)).toBe(true);
  });
});
