// The credit fold's effect of each event, and the views derived from the folded state, on hand-built decoded logs.
import { contractConstants, type creditNetworkAbi } from "@cosmolocal/sdk";
import { getAddress, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import type { DecodedLog } from "../../shared/data/logs";
import { decodedLog, hash32 } from "../../shared/data/testing";
import {
  claimIn,
  clearingOf,
  creditFold,
  epochsOf,
  graphOf,
  membersOf,
  myCreditOf,
  paymentsOf,
  summaryOf,
  type CreditState,
} from "./fold";

type Log = DecodedLog<typeof creditNetworkAbi>;

const A = getAddress("0x00000000000000000000000000000000000000a1");
const B = getAddress("0x00000000000000000000000000000000000000b2");
const C = getAddress("0x00000000000000000000000000000000000000c3");
const D = getAddress("0x00000000000000000000000000000000000000d4");
const STEWARD = contractConstants.CreditNetwork.constants.STEWARD_ROLE as Hex;
const ZERO32 = `0x${"0".repeat(64)}` as Hex;
const MEMO = `0x${"ab".repeat(32)}` as Hex;

let logIndex = 0;
/** A decoded log as parseEventLogs returns it. */
const ev = (eventName: string, args: Record<string, unknown>, blockNumber: bigint, transaction: number) =>
  decodedLog<Log>(eventName, args, {
    address: "0x0000000000000000000000000000000000000c00",
    block: blockNumber,
    blockHash: hash32(9_999),
    logIndex: logIndex++,
    transactionHash: hash32(transaction),
  });

function fold(...batches: Log[][]): CreditState {
  const s = creditFold.initial();
  for (const logs of batches) creditFold.apply(s, logs);
  return s;
}

const admit = (m: Address, block = 1n, t = 1) => ev("MemberAdmitted", { member: m, steward: A }, block, t);
const consent = (m: Address, clearing: boolean, liquidity: boolean, t = 2) =>
  ev("ClearingConsentSet", { member: m, clearing, liquidity }, 2n, t);
const limit = (giver: Address, receiver: Address, l: bigint, t = 3) =>
  ev("CreditLineUpdated", { giver, receiver, limit: l }, 3n, t);
const hop = (payer: Address, payee: Address, balance: bigint, block: bigint, t: number) =>
  ev("BalanceUpdated", { payer, payee, balance }, block, t);
const paid = (from: Address, to: Address, amount: bigint, hops: bigint, block: bigint, t: number, memo = MEMO) =>
  ev("Paid", { from, to, amount, hops, memo }, block, t);
const record = (id: bigint, debtor: Address, creditor: Address, amount: bigint, t: number) =>
  ev(
    "ObligationRecorded",
    { id, debtor, creditor, amount, dueDate: 1_900_000_000n, ref: MEMO, proposer: creditor },
    5n,
    t,
  );
const accept = (id: bigint, by: Address, t: number) => ev("ObligationAccepted", { id, by }, 5n, t);

describe("credit fold: members and stewards", () => {
  it("admits, suspends and reinstates members and records their consents", () => {
    const s = fold([admit(A), admit(B)], [ev("MemberSuspended", { member: B, steward: A }, 2n, 2)]);
    expect(s.members.get(B.toLowerCase())?.status).toBe("Suspended");
    creditFold.apply(s, [ev("MemberReinstated", { member: B, steward: A }, 3n, 3), consent(A, true, false, 4)]);
    expect(membersOf(s).map((m) => [m.account, m.status, m.clearing, m.liquidity])).toEqual([
      [A, "Active", true, false],
      [B, "Active", false, false],
    ]);
    creditFold.apply(s, [ev("MemberSuspended", { member: B, steward: A }, 4n, 5)]);
    expect(summaryOf(s)).toMatchObject({ activeMembers: 1, suspendedMembers: 1 });
  });

  it("keeps the holders of STEWARD_ROLE, ignoring other roles", () => {
    const s = fold([
      ev("RoleGranted", { role: STEWARD, account: A, sender: A }, 1n, 1),
      ev("RoleGranted", { role: STEWARD, account: B, sender: A }, 1n, 1),
      ev("RoleGranted", { role: ZERO32, account: C, sender: A }, 1n, 1),
      ev("RoleRevoked", { role: STEWARD, account: A, sender: A }, 2n, 2),
    ]);
    expect(summaryOf(s).stewards).toEqual([B]);
  });
});

describe("credit fold: lines", () => {
  it("follows offers, acceptance, cuts, cancelled offers and closed lines", () => {
    const s = fold([admit(A), admit(B), admit(C)]);
    creditFold.apply(s, [ev("CreditLineOffered", { giver: A, receiver: B, limit: 500n }, 2n, 2)]);
    expect(s.lines.get(`${A}|${B}`.toLowerCase())).toMatchObject({ limit: 0n, offer: 500n });
    creditFold.apply(s, [limit(A, B, 500n)]); // accepted
    expect(s.lines.get(`${A}|${B}`.toLowerCase())).toMatchObject({ limit: 500n, offer: 0n });
    creditFold.apply(s, [
      ev("CreditLineOffered", { giver: A, receiver: B, limit: 800n }, 4n, 4),
      limit(A, B, 300n, 5), // a cut drops the pending raise
    ]);
    expect(s.lines.get(`${A}|${B}`.toLowerCase())).toMatchObject({ limit: 300n, offer: 0n });
    creditFold.apply(s, [
      ev("CreditLineOffered", { giver: C, receiver: A, limit: 200n }, 6n, 6),
      ev("CreditOfferCancelled", { giver: C, receiver: A, by: A }, 6n, 7),
      ev("CreditLineOffered", { giver: B, receiver: C, limit: 100n }, 6n, 8),
      limit(B, C, 100n, 9),
      ev("CreditLineClosed", { giver: B, receiver: C, by: C }, 7n, 10),
    ]);
    expect(s.lines.get(`${C}|${A}`.toLowerCase())).toMatchObject({ limit: 0n, offer: 0n });
    expect(s.lines.get(`${B}|${C}`.toLowerCase())).toMatchObject({ limit: 0n, offer: 0n });
    expect(summaryOf(s)).toMatchObject({ openLines: 1, creditLimit: 300n });
    expect(membersOf(s).find((m) => m.account === A)).toMatchObject({ creditGiven: 300n, creditReceived: 0n });
  });
});

describe("credit fold: payments and balances", () => {
  it("sets pair balances from BalanceUpdated and gives each payment its route", () => {
    const s = fold([admit(A), admit(B), admit(C), limit(B, A, 500n), limit(C, B, 500n)]);
    // A pays B 100 directly, then A pays C 40 through B.
    creditFold.apply(s, [hop(A, B, -100n, 10n, 10), paid(A, B, 100n, 1n, 10n, 10)]);
    creditFold.apply(s, [hop(A, B, -140n, 11n, 11), hop(B, C, -40n, 11n, 11), paid(A, C, 40n, 2n, 11n, 11)]);
    expect(claimIn(s, A, B)).toBe(-140n);
    expect(claimIn(s, B, A)).toBe(140n);
    expect(claimIn(s, C, B)).toBe(40n);
    expect(s.payments.map((p) => [p.from, p.to, p.amount, p.hops, p.route])).toEqual([
      [A, B, 100n, 1, [A, B]],
      [A, C, 40n, 2, [A, B, C]],
    ]);
    const members = membersOf(s);
    expect(members.map((m) => [m.account, m.creditPosition])).toEqual([
      [A, -140n],
      [B, 100n],
      [C, 40n],
    ]);
    expect(summaryOf(s).creditInUse).toBe(180n);
    const g = graphOf(s, 32);
    expect(g.maxHops).toBe(32);
    expect(g.lines.map((l) => [l.giver, l.receiver, l.limit, l.used])).toEqual([
      [B, A, 500n, 140n],
      [C, B, 500n, 40n],
    ]);
    expect(g.claims.get(`${B}|${A}`.toLowerCase())).toBe(140n);
    expect(g.claims.get(`${A}|${B}`.toLowerCase())).toBe(-140n);
  });

  it("does not hand a clearing batch's credit moves to a later payment", () => {
    const s = fold([admit(A), admit(B), limit(B, A, 500n)]);
    creditFold.apply(s, [
      hop(A, B, -20n, 12n, 12), // a credit move, then the batch's summary
      ev(
        "ClearingCompleted",
        {
          epoch: 1n,
          operator: C,
          solutionId: MEMO,
          obligationsBefore: 300n,
          cleared: 300n,
          movedToCredit: 20n,
          netInternalDebt: 0n,
          setOffs: 3n,
        },
        12n,
        12,
      ),
      hop(B, A, 0n, 13n, 13),
      paid(B, A, 20n, 1n, 13n, 13),
    ]);
    expect(s.payments[0].route).toEqual([B, A]);
    expect(epochsOf(s, 10)).toEqual([
      {
        epoch: 1n,
        operator: C,
        solutionId: MEMO,
        obligationsBefore: 300n,
        cleared: 300n,
        movedToCredit: 20n,
        nid: 0n,
        setOffs: 3,
        outstandingAfter: 0n,
        blockNumber: 12n,
        txHash: hash32(12),
      },
    ]);
    expect(summaryOf(s).epochCount).toBe(1n);
  });
});

describe("credit fold: obligations", () => {
  it("follows an obligation from proposal to settlement, with net positions, outstanding and NID", () => {
    const s = fold([admit(A), admit(B), admit(C), limit(B, A, 500n)]);
    creditFold.apply(s, [record(1n, A, B, 300n, 20), record(2n, B, C, 100n, 21)]);
    expect(s.obligations.get(1n)).toMatchObject({ status: "Proposed", remaining: 300n, proposer: B });
    expect(summaryOf(s)).toMatchObject({ outstanding: 0n, nid: 0n, obligationCount: 2n, openObligations: 0 });

    creditFold.apply(s, [accept(1n, A, 22), accept(2n, C, 23)]);
    expect(summaryOf(s)).toMatchObject({ outstanding: 400n, nid: 300n, openObligations: 2 });
    expect(membersOf(s).map((m) => m.netPosition)).toEqual([-300n, 200n, 100n]);

    // A pays 120 of obligation 1 on credit: the payment names the obligation.
    creditFold.apply(s, [
      hop(A, B, -120n, 24n, 24),
      paid(A, B, 120n, 1n, 24n, 24, ZERO32),
      ev("ObligationPaid", { id: 1n, amount: 120n, remaining: 180n }, 24n, 24),
    ]);
    expect(s.obligations.get(1n)).toMatchObject({ status: "Open", remaining: 180n, paid: 120n });
    expect(s.payments[0].obligationId).toBe(1n);
    expect(summaryOf(s)).toMatchObject({ outstanding: 280n, nid: 180n });

    // Clearing sets 100 off obligation 2, which settles it.
    creditFold.apply(s, [ev("ObligationCleared", { id: 2n, epoch: 1n, amount: 100n, remaining: 0n }, 25n, 25)]);
    expect(s.obligations.get(2n)).toMatchObject({ status: "Settled", remaining: 0n, cleared: 100n });
    expect(summaryOf(s)).toMatchObject({ outstanding: 180n, nid: 180n, openObligations: 1 });
    expect(membersOf(s).map((m) => m.netPosition)).toEqual([-180n, 180n, 0n]);
  });

  it("records cancel requests by party, and cancels open and proposed obligations", () => {
    const s = fold([admit(A), admit(B)]);
    creditFold.apply(s, [record(1n, A, B, 50n, 30), accept(1n, A, 31), record(2n, A, B, 70n, 32)]);
    creditFold.apply(s, [ev("ObligationCancelRequested", { id: 1n, by: B }, 6n, 33)]);
    expect(s.obligations.get(1n)?.cancelRequestedBy).toBe(2);
    creditFold.apply(s, [
      ev("ObligationCancelRequested", { id: 1n, by: A }, 7n, 34),
      ev("ObligationCancelled", { id: 1n, remaining: 50n }, 7n, 34),
      ev("ObligationCancelled", { id: 2n, remaining: 70n }, 7n, 35), // declined before acceptance
    ]);
    expect(s.obligations.get(1n)).toMatchObject({ status: "Cancelled", cancelRequestedBy: 3 });
    expect(s.obligations.get(2n)?.status).toBe("Cancelled");
    expect(summaryOf(s)).toMatchObject({ outstanding: 0n, nid: 0n, openObligations: 0 });
    expect(membersOf(s).map((m) => m.netPosition)).toEqual([0n, 0n]);
  });
});

describe("credit fold: a clearing split into parts", () => {
  // The ring A -> B -> C -> D -> A (100 each, obligations 1-4), split by a steward (not a member) into three parts
  // in the order the contract logs them: set-offs, the settled bridge, the new bridge's record and acceptance, then
  // ClearingBridged and ClearingCompleted.
  const S = getAddress("0x00000000000000000000000000000000000000e5");
  const SOLUTION = `0x${"5e".repeat(32)}` as Hex;
  const cleared = (id: bigint, epoch: bigint, amount: bigint, remaining: bigint, t: number) =>
    ev("ObligationCleared", { id, epoch, amount, remaining }, BigInt(t), t);
  const bridge = (id: bigint, debtor: Address, creditor: Address, amount: bigint, t: number) => [
    ev("ObligationRecorded", { id, debtor, creditor, amount, dueDate: 0n, ref: SOLUTION, proposer: S }, BigInt(t), t),
    ev("ObligationAccepted", { id, by: S }, BigInt(t), t),
  ];
  const bridged = (epoch: bigint, bridgeId: bigint, settledBridgeId: bigint, t: number) =>
    ev("ClearingBridged", { solutionId: SOLUTION, epoch, bridgeId, settledBridgeId }, BigInt(t), t);
  const completed = (epoch: bigint, before: bigint, clearedTotal: bigint, setOffs: bigint, nid: bigint, t: number) =>
    ev(
      "ClearingCompleted",
      {
        epoch,
        operator: S,
        solutionId: SOLUTION,
        obligationsBefore: before,
        cleared: clearedTotal,
        movedToCredit: 0n,
        netInternalDebt: nid,
        setOffs,
      },
      BigInt(t),
      t,
    );
  const ring = () => {
    const s = fold([admit(A), admit(B), admit(C), admit(D)]);
    const pairs: [Address, Address][] = [
      [A, B],
      [B, C],
      [C, D],
      [D, A],
    ];
    pairs.forEach(([d, c], i) =>
      creditFold.apply(s, [record(BigInt(i + 1), d, c, 100n, 40 + i), accept(BigInt(i + 1), d, 50 + i)]),
    );
    return s;
  };

  it("marks each bridge as what it is, open then set off by the next part, and numbers the parts", () => {
    const s = ring();
    const netBefore = membersOf(s).map((m) => m.netPosition);
    // Part 1: A -> B -> C set off, bridge 5 "A owes C".
    creditFold.apply(s, [
      cleared(1n, 1n, 100n, 0n, 60),
      cleared(2n, 1n, 100n, 0n, 60),
      ...bridge(5n, A, C, 100n, 60),
      bridged(1n, 5n, 0n, 60),
      completed(1n, 400n, 200n, 2n, 0n, 60),
    ]);
    expect(s.obligations.get(5n)).toMatchObject({
      status: "Open",
      remaining: 100n,
      proposer: S,
      bridge: { solutionId: SOLUTION, epoch: 1n, part: 1 },
    });
    expect(s.obligations.get(5n)?.bridge?.settledIn).toBeUndefined();
    expect(s.obligations.get(1n)?.bridge).toBeUndefined();
    expect(summaryOf(s)).toMatchObject({ outstanding: 300n, nid: 0n, openObligations: 3 });
    expect(membersOf(s).map((m) => m.netPosition)).toEqual(netBefore);
    // Part 2: bridge 5 and C -> D set off, bridge 6 "A owes D". Part 3: bridge 6 and D -> A, no bridge.
    creditFold.apply(s, [
      cleared(3n, 2n, 100n, 0n, 61),
      cleared(5n, 2n, 100n, 0n, 61),
      ...bridge(6n, A, D, 100n, 61),
      bridged(2n, 6n, 5n, 61),
      completed(2n, 300n, 200n, 2n, 0n, 61),
    ]);
    creditFold.apply(s, [
      cleared(4n, 3n, 100n, 0n, 62),
      cleared(6n, 3n, 100n, 0n, 62),
      bridged(3n, 0n, 6n, 62),
      completed(3n, 200n, 200n, 2n, 0n, 62),
    ]);
    expect([5n, 6n].map((id) => [s.obligations.get(id)?.status, s.obligations.get(id)?.bridge])).toEqual([
      ["Settled", { solutionId: SOLUTION, epoch: 1n, part: 1, settledIn: 2n }],
      ["Settled", { solutionId: SOLUTION, epoch: 2n, part: 2, settledIn: 3n }],
    ]);
    expect(epochsOf(s, 10).map((e) => [e.epoch, e.outstandingAfter, e.setOffs, e.part])).toEqual([
      [3n, 0n, 2, { index: 3, bridgeAmount: 0n, settledBridgeId: 6n }],
      [2n, 200n, 2, { index: 2, bridgeId: 6n, bridgeAmount: 100n, settledBridgeId: 5n }],
      [1n, 300n, 2, { index: 1, bridgeId: 5n, bridgeAmount: 100n }],
    ]);
    expect(summaryOf(s)).toMatchObject({ outstanding: 0n, nid: 0n, openObligations: 0, epochCount: 3n });
    // The steward recorded the bridges but is no member.
    expect(membersOf(s).map((m) => m.account)).toEqual([A, B, C, D]);
    expect(myCreditOf(s, S).member).toBeUndefined();
  });

  it("an ordinary batch after a split is no part", () => {
    const s = ring();
    creditFold.apply(s, [
      cleared(1n, 1n, 50n, 50n, 60),
      cleared(2n, 1n, 50n, 50n, 60),
      ...bridge(5n, A, C, 50n, 60),
      bridged(1n, 5n, 0n, 60),
      completed(1n, 400n, 100n, 2n, 0n, 60),
      cleared(5n, 2n, 50n, 0n, 61),
      cleared(3n, 2n, 50n, 50n, 61),
      cleared(4n, 2n, 50n, 50n, 61),
      bridged(2n, 0n, 5n, 61),
      completed(2n, 350n, 150n, 3n, 0n, 61),
      cleared(1n, 3n, 50n, 0n, 63),
      cleared(2n, 3n, 50n, 0n, 63),
      cleared(3n, 3n, 50n, 0n, 63),
      cleared(4n, 3n, 50n, 0n, 63),
      completed(3n, 200n, 200n, 4n, 0n, 63),
    ]);
    const [third, second] = epochsOf(s, 2);
    expect(third.part).toBeUndefined();
    expect("part" in third).toBe(false);
    expect(third.outstandingAfter).toBe(0n);
    expect(second).toMatchObject({ outstandingAfter: 200n, part: { index: 2, bridgeAmount: 0n, settledBridgeId: 5n } });
  });
});

describe("credit views", () => {
  const network = () =>
    fold([
      admit(A),
      admit(B),
      admit(C),
      admit(D),
      consent(A, true, true),
      consent(B, true, false),
      consent(C, true, true),
      limit(B, A, 500n),
      limit(A, C, 300n),
      ev("CreditLineOffered", { giver: D, receiver: A, limit: 50n }, 3n, 3),
      record(1n, A, B, 100n, 40),
      accept(1n, A, 40),
      record(2n, B, C, 60n, 41),
      accept(2n, B, 41),
      record(3n, C, D, 10n, 42),
      accept(3n, C, 42),
      record(4n, D, A, 10n, 43),
      hop(A, B, -30n, 44n, 44),
      paid(A, B, 30n, 1n, 44n, 44),
    ]);

  it("one member's credit: lines (by giver, then receiver) with offers, balances, counterparties and obligations, newest first", () => {
    const my = myCreditOf(network(), A);
    expect(my.member).toMatchObject({ account: A, creditPosition: -30n, netPosition: -100n, creditGiven: 300n });
    expect(my.lines.map((l) => [l.giver, l.receiver, l.limit, l.offer, l.used])).toEqual([
      [A, C, 300n, 0n, 0n],
      [B, A, 500n, 0n, 30n],
      [D, A, 0n, 50n, 0n],
    ]);
    expect(my.claims.get(`${A}|${B}`.toLowerCase())).toBe(-30n);
    expect(my.claims.get(`${B}|${A}`.toLowerCase())).toBe(30n);
    expect(my.counterparties).toEqual([B, C, D]);
    expect(my.obligations.map((o) => o.id)).toEqual([4n, 1n]);
    expect(myCreditOf(network(), getAddress("0x00000000000000000000000000000000000000e5")).member).toBeUndefined();
  });

  it("the clearing input: open obligations between consenting members, lines offered as liquidity", () => {
    const set = clearingOf(network());
    expect(set.obligations.map((o) => o.id)).toEqual([1n, 2n]); // 3 involves D (no consent), 4 is only proposed
    // A -> C: A offers liquidity, both consent; B -> A: B does not offer liquidity.
    expect(set.lines.map((l) => [l.giver, l.receiver])).toEqual([[A, C]]);
    expect(set.claims.get(`${A}|${C}`.toLowerCase())).toBe(0n);
  });

  it("pages payments newest first by block, the oldest block of a page whole", () => {
    const s = fold([admit(A), admit(B), admit(C)]);
    const logs: Log[] = [];
    // Blocks 100..104 with two payments each (A -> B, then B -> C).
    for (let b = 100n; b < 105n; b++) {
      logs.push(paid(A, B, b, 1n, b, Number(b) * 2));
      logs.push(paid(B, C, b, 1n, b, Number(b) * 2 + 1));
    }
    creditFold.apply(s, logs);
    const first = paymentsOf(s, { first: 3 });
    expect(first.items.map((p) => [p.blockNumber, p.to])).toEqual([
      [104n, C],
      [104n, B],
      [103n, C],
      [103n, B],
    ]);
    expect(first.next).toBe(103n);
    const second = paymentsOf(s, { first: 3, before: first.next });
    expect(second.items.map((p) => p.blockNumber)).toEqual([102n, 102n, 101n, 101n]);
    const last = paymentsOf(s, { first: 3, before: second.next });
    expect(last).toEqual({ items: [s.payments[1], s.payments[0]] });
    // Only A's: one a block.
    const mine = paymentsOf(s, { account: A, first: 2 });
    expect(mine.items.map((p) => p.blockNumber)).toEqual([104n, 103n]);
    expect(mine.next).toBe(103n);
    expect(paymentsOf(s, { account: A, first: 2, before: 101n })).toEqual({ items: [s.payments[0]] });
  });

  it("keeps a state that survives structuredClone (the re-org window folds onto a copy)", () => {
    const s = network();
    const copy = structuredClone(s);
    expect(myCreditOf(copy, A)).toEqual(myCreditOf(s, A));
    expect(summaryOf(copy)).toEqual(summaryOf(s));
  });
});
