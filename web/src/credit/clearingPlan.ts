// How a solved clearing goes on chain (pure, no I/O): the SDK's chunks as transactions in order, ordinary chunks with
// `clear`, the parts of a cycle too long for one transaction with the stewards' `clearPart`, one solution id for all;
// and what the page says when such a split needs a steward.
import type { ClearingSolution, ObligationInput } from "@cosmolocal/sdk";
import { getAddress, zeroAddress, type Address } from "viem";

/** One transaction of a clearing: `clear`, or `clearPart` leaving `bridge` (zero addresses and 0: none). */
export interface ClearingStep {
  kind: "clear" | "part";
  /** For a part: its number among its split's `count` parts. */
  split?: { index: number; count: number };
  title: string;
  setOffs: { obligationId: bigint; amount: bigint }[];
  moves: { payer: Address; payee: Address; amount: bigint }[];
  bridge: { debtor: Address; creditor: Address; amount: bigint };
}

/** A cycle split into parts: the members it runs through and its parts, numbered from 1 among all the steps. */
export interface SplitCycle {
  members: number;
  parts: number;
  /** The 1-based number of its first part's step. */
  firstStep: number;
}

export interface ClearingPlan {
  steps: ClearingStep[];
  /** The cycles split into parts, in the order they are submitted (empty: every chunk is an ordinary batch). */
  splits: SplitCycle[];
}

const NO_BRIDGE = { debtor: zeroAddress, creditor: zeroAddress, amount: 0n };

/**
 * The transactions of `chunks` (chunkSolution's output over `obligations`), in their order: a part of a split cycle
 * goes with `clearPart`, the parts of one cycle right after each other from part 1 to its last. Throws when the parts
 * are not in that order (the network would refuse them).
 */
export function clearingPlan(
  chunks: readonly ClearingSolution[],
  obligations: readonly ObligationInput[],
): ClearingPlan {
  const byId = new Map(obligations.map((o) => [o.id, o]));
  const steps: ClearingStep[] = [];
  const splits: SplitCycle[] = [];
  let open: { members: Set<string>; count: number; next: number } | undefined;
  chunks.forEach((c, i) => {
    const n = i + 1;
    const of = chunks.length === 1 ? "" : ` (${n}/${chunks.length})`;
    const setOffs = c.setOffs.map((x) => ({ obligationId: x.id, amount: x.amount }));
    const moves = c.creditMoves.map((m) => ({
      payer: getAddress(m.payer),
      payee: getAddress(m.payee),
      amount: m.amount,
    }));
    const split = c.split;
    if (!split) {
      if (open) throw new Error(`Chunk ${n} interrupts a cycle split into parts: its parts must follow each other.`);
      steps.push({ kind: "clear", title: `Submit clearing batch${of}`, setOffs, moves, bridge: NO_BRIDGE });
      return;
    }
    if (split.index === 1) {
      if (open) throw new Error(`Chunk ${n} starts a split before the one before it is complete.`);
      open = { members: new Set(), count: split.count, next: 1 };
      splits.push({ members: 0, parts: split.count, firstStep: n });
    }
    if (!open || split.index !== open.next || split.count !== open.count)
      throw new Error(`Chunk ${n} is part ${split.index} of ${split.count}, out of order.`);
    for (const x of c.setOffs) {
      const o = byId.get(x.id);
      if (!o) throw new Error(`Chunk ${n} sets off obligation #${x.id}, which is not in the solver's input.`);
      open.members.add(o.debtor.toLowerCase()).add(o.creditor.toLowerCase());
    }
    for (const m of c.creditMoves) open.members.add(m.payer.toLowerCase()).add(m.payee.toLowerCase());
    const last = split.index === split.count;
    if (last === !!split.bridge) throw new Error(`Chunk ${n}: every part but the last leaves a bridge, the last none.`);
    const bridge = split.bridge
      ? {
          debtor: getAddress(split.bridge.debtor),
          creditor: getAddress(split.bridge.creditor),
          amount: split.bridge.amount,
        }
      : NO_BRIDGE;
    steps.push({
      kind: "part",
      split: { index: split.index, count: split.count },
      title: `Submit clearing part ${split.index} of ${split.count}${of}`,
      setOffs,
      moves,
      bridge,
    });
    splits[splits.length - 1].members = open.members.size;
    open.next++;
    if (last) open = undefined;
  });
  if (open) throw new Error(`The last cycle split into parts lacks its parts from ${open.next} on.`);
  return { steps, splits };
}

const counts = (splits: readonly SplitCycle[]) => {
  const sizes = splits.map((s) => s.members.toLocaleString("en"));
  return sizes.length === 1
    ? `a cycle of ${sizes[0]} members`
    : `cycles of ${sizes.slice(0, -1).join(", ")} and ${sizes[sizes.length - 1]} members`;
};

/**
 * What the page says about a plan with split cycles (undefined: none): to a steward, how the parts go; to anyone else,
 * that a steward (`stewards`, by name) has to submit it. `blocked` tells the page not to start.
 */
export function splitNotice(
  plan: ClearingPlan,
  isSteward: boolean,
  stewards: readonly string[],
): { blocked: boolean; text: string } | undefined {
  if (plan.splits.length === 0) return undefined;
  const parts = plan.splits.reduce((t, s) => t + s.parts, 0);
  const what = `This clearing holds ${counts(plan.splits)}, longer than one transaction holds`;
  if (isSteward)
    return {
      blocked: false,
      text: `${what}: it goes in ${parts} parts, submitted one right after the other. Between two parts, a bridge obligation from the cycle's first member to the last member reached stands for what is still to be set off; the next part sets it off. No member's position changes.`,
    };
  const who = stewards.length === 0 ? "There is no steward yet." : `Stewards: ${stewards.join(", ")}.`;
  return {
    blocked: true,
    text: `${what}. A steward must submit it in parts (${parts} transactions, one right after the other), and you are not a steward: ask one to run the solver and submit it. ${who}`,
  };
}
