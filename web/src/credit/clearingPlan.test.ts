// How a solved clearing goes on chain, on hand-made chunks: ordinary batches with clear, the parts of a cycle too long
// for one transaction with clearPart (with their bridges, the last with none), in order; what a steward and anyone
// else are told; and how a bridge obligation reads.
import { chunkSolution, solveClearing, type ClearingSolution, type ObligationInput } from "@cosmolocal/sdk";
import { getAddress, stringToHex, zeroAddress, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { clearingPlan, splitNotice } from "./clearingPlan";
import { obligationRefText } from "./model";

const u = (n: number) => getAddress(`0x${(0xa0 + n).toString(16).padStart(40, "0")}`);
/** The ring u0 -> u1 -> ... -> u5 -> u0 (obligations 1-6, 100 each) and a pair u6 <-> u7 (obligations 7, 8). */
const obligations: ObligationInput[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ id: BigInt(i + 1), debtor: u(i), creditor: u((i + 1) % 6), amount: 100n })),
  { id: 7n, debtor: u(6), creditor: u(7), amount: 40n },
  { id: 8n, debtor: u(7), creditor: u(6), amount: 40n },
];
const chunk = (ids: number[], split?: ClearingSolution["split"]): ClearingSolution => ({
  setOffs: ids.map((id) => ({ id: BigInt(id), amount: id > 6 ? 40n : 100n })),
  creditMoves: [],
  obligationsBefore: 0n,
  cleared: 0n,
  movedToCredit: 0n,
  nid: 0n,
  members: 0,
  ...(split ? { split } : {}),
});
const bridge = (to: number) => ({ debtor: u(0).toLowerCase(), creditor: u(to).toLowerCase(), amount: 100n });
/** An ordinary chunk (the pair), then the ring in three parts: u0..u2 (bridge u0 owes u2), u2..u4 (u0 owes u4), the rest. */
const chunks = [
  chunk([7, 8]),
  chunk([1, 2], { index: 1, count: 3, bridge: bridge(2) }),
  chunk([3, 4], { index: 2, count: 3, bridge: bridge(4) }),
  chunk([5, 6], { index: 3, count: 3 }),
];

describe("a clearing's transactions", () => {
  it("submits ordinary chunks with clear and a split cycle's parts with clearPart, in order, bridges as given", () => {
    const plan = clearingPlan(chunks, obligations);
    expect(plan.steps.map((s) => [s.kind, s.title, s.setOffs.map((x) => x.obligationId), s.bridge])).toEqual([
      ["clear", "Submit clearing batch (1/4)", [7n, 8n], { debtor: zeroAddress, creditor: zeroAddress, amount: 0n }],
      ["part", "Submit clearing part 1 of 3 (2/4)", [1n, 2n], { debtor: u(0), creditor: u(2), amount: 100n }],
      ["part", "Submit clearing part 2 of 3 (3/4)", [3n, 4n], { debtor: u(0), creditor: u(4), amount: 100n }],
      [
        "part",
        "Submit clearing part 3 of 3 (4/4)",
        [5n, 6n],
        { debtor: zeroAddress, creditor: zeroAddress, amount: 0n },
      ],
    ]);
    expect(plan.steps.map((s) => s.split)).toEqual([
      undefined,
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
    expect(plan.splits).toEqual([{ members: 6, parts: 3, firstStep: 2 }]);
    const single = clearingPlan([chunks[0]], obligations);
    expect(single).toEqual({
      steps: [expect.objectContaining({ kind: "clear", title: "Submit clearing batch" })],
      splits: [],
    });
  });

  it("goes with the SDK's own chunks: a ring of 40 longer than a chunk is one split, its bridges all owed by its first member", () => {
    const ring = (i: number) => getAddress(`0x${(0x100 + i).toString(16).padStart(40, "0")}`);
    const input = Array.from({ length: 40 }, (_, i) => ({
      id: BigInt(i + 1),
      debtor: ring(i),
      creditor: ring((i + 1) % 40),
      amount: 100n,
    }));
    const real = chunkSolution(solveClearing(input), input, 16);
    const plan = clearingPlan(real, input);
    expect(real.length).toBeGreaterThan(2);
    expect(plan.splits).toEqual([{ members: 40, parts: real.length, firstStep: 1 }]);
    expect(plan.steps.every((s) => s.kind === "part")).toBe(true);
    expect(plan.steps.slice(0, -1).every((s) => s.bridge.debtor === ring(0) && s.bridge.amount === 100n)).toBe(true);
    expect(plan.steps.at(-1)!.bridge).toEqual({ debtor: zeroAddress, creditor: zeroAddress, amount: 0n });
    expect(plan.steps.flatMap((s) => s.setOffs.map((x) => x.obligationId)).sort((a, b) => (a < b ? -1 : 1))).toEqual(
      input.map((o) => o.id),
    );
  });

  it("refuses parts out of order, interrupted, incomplete, or with the bridges wrong", () => {
    const [pair, p1, p2, p3] = chunks;
    expect(() => clearingPlan([p2, p1, p3], obligations)).toThrow(/part 2 of 3, out of order/);
    expect(() => clearingPlan([p1, pair, p2, p3], obligations)).toThrow(/interrupts a cycle split into parts/);
    expect(() => clearingPlan([p1, p2], obligations)).toThrow(/lacks its parts from 3 on/);
    expect(() => clearingPlan([p1, p1, p2, p3], obligations)).toThrow(/starts a split before/);
    expect(() =>
      clearingPlan([p1, p2, { ...p3, split: { index: 3, count: 3, bridge: bridge(5) } }], obligations),
    ).toThrow(/every part but the last leaves a bridge/);
    expect(() => clearingPlan([p1, p2, p3], obligations.slice(2))).toThrow(/obligation #1, which is not in/);
  });

  it("tells a steward how the parts go, and anyone else that a steward must submit them", () => {
    const plan = clearingPlan(chunks, obligations);
    expect(splitNotice(clearingPlan([chunks[0]], obligations), false, [])).toBeUndefined();
    expect(splitNotice(plan, true, ["Ada"])).toEqual({
      blocked: false,
      text: "This clearing holds a cycle of 6 members, longer than one transaction holds: it goes in 3 parts, submitted one right after the other. Between two parts, a bridge obligation from the cycle's first member to the last member reached stands for what is still to be set off; the next part sets it off. No member's position changes.",
    });
    expect(splitNotice(plan, false, ["Ada", "Bea"])).toEqual({
      blocked: true,
      text: "This clearing holds a cycle of 6 members, longer than one transaction holds. A steward must submit it in parts (3 transactions, one right after the other), and you are not a steward: ask one to run the solver and submit it. Stewards: Ada, Bea.",
    });
    const two = { steps: plan.steps, splits: [...plan.splits, { members: 1200, parts: 2, firstStep: 5 }] };
    expect(splitNotice(two, false, [])?.text).toMatch(
      /^This clearing holds cycles of 6 and 1,200 members, longer than one transaction holds\. .* \(5 transactions, .* There is no steward yet\.$/,
    );
  });

  it("reads a bridge obligation as what it is, open then set off", () => {
    const solutionId = `0x${"5e".repeat(32)}` as Hex;
    const ref = stringToHex("INV-7", { size: 32 });
    expect(obligationRefText({ ref })).toBe("INV-7");
    expect(obligationRefText({ ref: solutionId, bridge: { solutionId, epoch: 4n, part: 1 } })).toBe(
      "Bridge of a clearing split into parts (part 1, solution 0x5e5e5e5e…): set off by its next part",
    );
    expect(obligationRefText({ ref: solutionId, bridge: { solutionId, epoch: 4n, part: 1, settledIn: 5n } })).toBe(
      "Bridge of a clearing split into parts (part 1, solution 0x5e5e5e5e…): set off by the next part, in clearing epoch 5",
    );
  });
});
