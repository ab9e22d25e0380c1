// The credit subgraph reader against a stand-in GraphQL endpoint: which queries each method sends, how it pages
// (an id cursor per collection, payments by block with the page's oldest block whole) and how answers map to views.
import { getAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PAGE_SIZE } from "../../shared/data/graphql";
import { eventLogId, stubGraphql, type GraphqlCall } from "../../shared/data/testing";
import { createCreditSubgraphReader } from "./subgraph";
import { MEMBERS_PAGE } from "./types";

const URL = "http://subgraph.test/credit";
const NETWORK = getAddress("0x0000000000000000000000000000000000000c00");
const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const A = a(0xa1);
const B = a(0xb2);
const C = a(0xc3);
const MEMO_REF = `0x${"ab".repeat(32)}`;

type Vars = Record<string, unknown>;
let sent: GraphqlCall[] = [];
let answer: (op: string, variables: Vars) => unknown;

beforeEach(() => {
  sent = stubGraphql((op, variables) => answer(op, variables));
});
afterEach(() => vi.unstubAllGlobals());

const line = (giver: string, receiver: string, limit: number, used = 0, pendingOffer = 0) => ({
  id: `${giver}-${receiver}`,
  giver: { account: giver },
  receiver: { account: receiver },
  limit: String(limit),
  pendingOffer: String(pendingOffer),
  used: String(used),
});
const payment = (from: string, to: string, block: number, n: number) => ({
  id: eventLogId(block, n), // log index n in its block
  from: { account: from },
  to: { account: to },
  amount: String(n),
  hopCount: 1,
  memo: `0x${"00".repeat(32)}`,
  blockNumber: String(block),
  transactionHash: `0x${n.toString(16).padStart(64, "0")}`,
  hops: [{ payer: { account: from }, payee: { account: to } }],
  obligationPayments: [],
});

describe("credit subgraph reader", () => {
  it("info: the network's figures at the subgraph's block, constants from the SDK", async () => {
    answer = () => ({
      creditNetwork: {
        name: "Commons Credit",
        symbol: "CMC",
        decimals: 18,
        stewards: [A],
        outstanding: "400",
        netInternalDebt: "300",
        obligationCount: 5,
        openObligationCount: 2,
        epochCount: 1,
        activeMemberCount: 3,
        suspendedMemberCount: 1,
        openLineCount: 2,
        totalCreditLimit: "800",
        creditInUse: "170",
      },
      _meta: { block: { number: 1234 } },
    });
    const info = await createCreditSubgraphReader(URL, NETWORK).info();
    expect(sent.map(({ op, variables }) => ({ op, variables }))).toEqual([
      { op: "CreditInfo", variables: { network: NETWORK.toLowerCase() } },
    ]);
    expect(info).toMatchObject({
      name: "Commons Credit",
      decimals: 18,
      maxHops: 32,
      stewards: [getAddress(A)],
      outstanding: 400n,
      nid: 300n,
      obligationCount: 5n,
      openObligations: 2,
      activeMembers: 3,
      suspendedMembers: 1,
      openLines: 2,
      creditLimit: 800n,
      creditInUse: 170n,
      block: 1234n,
    });
  });

  it("memberPage: the members by id (the lower-case address) after the cursor, one row more asked to know of a next page", async () => {
    const ids = Array.from({ length: MEMBERS_PAGE + 1 }, (_, i) => a(0x1000 + i));
    const member = (id: string) => ({
      id,
      account: id,
      status: "Active",
      clearingConsent: false,
      liquidityConsent: false,
      netPosition: "0",
      creditPosition: "0",
      creditLimitGiven: "0",
      creditLimitReceived: "0",
    });
    answer = (_op, v) => ({
      creditMembers: ids
        .filter((id) => id > (v.after as string))
        .slice(0, v.first as number)
        .map(member),
    });
    const reader = createCreditSubgraphReader(URL, NETWORK);
    const first = await reader.memberPage();
    expect(first.items.map((m) => m.account)).toEqual(ids.slice(0, MEMBERS_PAGE).map((id) => getAddress(id)));
    expect(first.next).toBe(ids[MEMBERS_PAGE - 1]);
    const last = await reader.memberPage(first.next);
    expect(last.items.map((m) => m.account)).toEqual([getAddress(ids[MEMBERS_PAGE])]);
    expect(last.next).toBeUndefined();
    expect(sent.map((c) => [c.op, c.variables])).toEqual([
      ["CreditMembers", { after: "", first: MEMBERS_PAGE + 1 }],
      ["CreditMembers", { after: first.next, first: MEMBERS_PAGE + 1 }],
    ]);
  });

  it("mine: the member's lines, balances and obligations, each collection paged by id", async () => {
    // A gives a full page of lines and then one more: the reader asks for the second page after the last id.
    const given = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => line(A, a(0x1000 + i), 10));
    answer = (op, v) => {
      switch (op) {
        case "CreditMember":
          return {
            creditMember: {
              account: A,
              status: "Active",
              clearingConsent: true,
              liquidityConsent: false,
              netPosition: "-100",
              creditPosition: "-30",
              creditLimitGiven: "10010",
              creditLimitReceived: "500",
            },
          };
        case "LinesGiven": {
          const from = given.findIndex((l) => l.id > (v.after as string));
          return { creditLines: from < 0 ? [] : given.slice(from, from + (v.first as number)) };
        }
        case "LinesReceived":
          return { creditLines: [line(B, A, 500, 30), line(C, A, 0, 0, 50)] };
        case "PairsLow":
          return { creditPairs: [{ id: `${A}-${B}`, low: { account: A }, high: { account: B }, balance: "-30" }] };
        case "PairsHigh":
          return { creditPairs: [] };
        case "ObligationsOwed":
        case "ObligationsDue":
          return { obligations: [] };
      }
      throw new Error(`unexpected ${op}`);
    };
    const my = await createCreditSubgraphReader(URL, NETWORK).mine(getAddress(A));
    const pages = sent.filter((s) => s.op === "LinesGiven").map((s) => s.variables.after);
    expect(pages).toEqual(["", given[PAGE_SIZE - 1].id]);
    expect(sent.every((s) => s.op === "CreditMember" || s.variables.member === A)).toBe(true);
    expect(my.member).toMatchObject({ status: "Active", netPosition: -100n, creditPosition: -30n });
    expect(my.lines).toHaveLength(PAGE_SIZE + 3);
    expect(my.lines.at(-1)).toEqual({ giver: getAddress(C), receiver: getAddress(A), limit: 0n, offer: 50n, used: 0n });
    expect(my.claims.get(`${A}|${B}`)).toBe(-30n);
    expect(my.claims.get(`${B}|${A}`)).toBe(30n);
    expect(my.counterparties).toHaveLength(PAGE_SIZE + 3);
  });

  it("clearing: the liquidity lines' balances seen from the giver", async () => {
    answer = (op) =>
      op === "Clearable"
        ? { obligations: [] }
        : {
            creditLines: [
              { ...line(B, A, 500, 0), pair: { low: { account: A }, balance: "40" } }, // A holds a claim of 40 on B
            ],
          };
    const set = await createCreditSubgraphReader(URL, NETWORK).clearing();
    expect(set.claims.get(`${B}|${A}`)).toBe(-40n);
    expect(set.claims.get(`${A}|${B}`)).toBe(40n);
  });

  it("a bridge of a split clearing and the parts' epochs: what each part left and set off, outstanding after", async () => {
    const SOLUTION = `0x${"5e".repeat(32)}`;
    const obligation = (id: number, bridgeOf: unknown, bridgeSettledBy: unknown) => ({
      id: String(id),
      obligationId: String(id),
      debtor: { account: A },
      creditor: { account: C },
      amount: "100",
      remaining: bridgeSettledBy ? "0" : "100",
      dueDate: "0",
      ref: SOLUTION,
      status: bridgeSettledBy ? "Settled" : "Open",
      proposer: { account: B },
      cancelRequestedBy: 0,
      clearedTotal: bridgeSettledBy ? "100" : "0",
      paidTotal: "0",
      createdAtBlock: "60",
      bridgeOf,
      bridgeSettledBy,
    });
    const epoch = (n: number, outstandingAfter: string, part: unknown) => ({
      epoch: String(n),
      operator: B,
      solutionId: SOLUTION,
      obligationsBefore: "400",
      cleared: "200",
      movedToCredit: "0",
      netInternalDebt: "0",
      setOffCount: 2,
      outstandingAfter,
      part,
      blockNumber: String(60 + n),
      transactionHash: `0x${n.toString(16).padStart(64, "0")}`,
    });
    answer = (op) => {
      switch (op) {
        case "CreditMember":
          return { creditMember: null };
        case "ObligationsOwed":
          return {
            obligations: [
              obligation(5, { id: "1", index: 1, solutionId: SOLUTION }, { id: "2" }),
              obligation(6, { id: "2", index: "2", solutionId: SOLUTION }, null),
              { ...obligation(7, null, null), ref: MEMO_REF },
            ],
          };
        case "ClearingEpochs":
          return {
            clearingEpoches: [
              epoch(3, "0", null),
              epoch(2, "200", {
                index: 2,
                bridge: { obligationId: "6" },
                bridgeAmount: "100",
                settledBridge: { obligationId: "5" },
              }),
              epoch(1, "300", { index: 1, bridge: { obligationId: "5" }, bridgeAmount: "100", settledBridge: null }),
            ],
          };
      }
      return op.startsWith("Lines")
        ? { creditLines: [] }
        : op.startsWith("Pairs")
          ? { creditPairs: [] }
          : { obligations: [] };
    };
    const reader = createCreditSubgraphReader(URL, NETWORK);
    const my = await reader.mine(getAddress(A));
    expect(my.obligations.map((o) => [o.id, o.bridge])).toEqual([
      [7n, undefined],
      [6n, { solutionId: SOLUTION, epoch: 2n, part: 2 }],
      [5n, { solutionId: SOLUTION, epoch: 1n, part: 1, settledIn: 2n }],
    ]);
    expect("bridge" in my.obligations[0]).toBe(false);
    expect("settledIn" in my.obligations[1].bridge!).toBe(false);
    const epochs = await reader.epochs(3);
    expect(epochs.map((e) => [e.epoch, e.outstandingAfter, e.part])).toEqual([
      [3n, 0n, undefined],
      [2n, 200n, { index: 2, bridgeId: 6n, bridgeAmount: 100n, settledBridgeId: 5n }],
      [1n, 300n, { index: 1, bridgeId: 5n, bridgeAmount: 100n }],
    ]);
    expect("part" in epochs[0]).toBe(false);
    expect("settledBridgeId" in epochs[2].part!).toBe(false);
  });

  it("payments: the newest (ties in a block by log index), merged from sent and received, the oldest block of the page whole", async () => {
    const all = [
      payment(A, B, 105, 1),
      payment(C, A, 104, 2),
      payment(A, C, 103, 3),
      payment(B, A, 103, 4),
      payment(B, C, 103, 5), // not A's
      payment(A, B, 101, 6),
    ];
    answer = (op, v) => {
      const newest = (keep: (p: (typeof all)[number]) => boolean) =>
        all
          .filter((p) => BigInt(p.blockNumber) < BigInt(v.before as string) && keep(p))
          .sort((a, b) => (a.id < b.id ? 1 : -1)) // orderBy: id, orderDirection: desc
          .slice(0, v.first as number);
      if (op === "PaymentsSent") return { payments: newest((p) => p.from.account === v.member) };
      if (op === "PaymentsReceived") return { payments: newest((p) => p.to.account === v.member) };
      if (op === "PaymentsInBlock") return { payments: all.filter((p) => p.blockNumber === v.block) };
      throw new Error(`unexpected ${op}`);
    };
    const reader = createCreditSubgraphReader(URL, NETWORK);
    const first = await reader.payments({ account: getAddress(A), first: 3 });
    // Block 103 holds payments 3 and 4 (log indexes 3 and 4): newest first, 4 then 3.
    expect(first.items.map((p) => p.amount)).toEqual([1n, 2n, 4n, 3n]);
    expect(first.next).toBe(103n);
    expect(sent.map((s) => s.op)).toEqual(["PaymentsSent", "PaymentsReceived", "PaymentsInBlock"]);
    const second = await reader.payments({ account: getAddress(A), first: 3, before: first.next });
    expect(second).toEqual({ items: [expect.objectContaining({ amount: 6n, blockNumber: 101n })] });
  });
});
