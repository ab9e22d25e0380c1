// What a kind of council action is (a label, an editor of its own typed draft, the draft it starts from, the parse
// of a draft into calls) and what a governed contract gives the council: its calls read back in plain words.
import type { ComponentType, ReactNode } from "react";
import type { Address, Hex } from "viem";
import type { ResourceSnapshot } from "../../resource/data";
import type { PaymasterState } from "../../sponsorship/council/state";
import { eth } from "../../sponsorship/errors";
import type { CouncilOverview } from "../data";
import type { CouncilCall } from "../writes";

/** What every action sees: the council now (chain time, delays, seats), the resources and the gas paymaster it
 * governs. */
export interface CouncilContext {
  council: CouncilOverview;
  resources?: ResourceSnapshot;
  paymaster?: PaymasterState;
}

/** A call as a proposal holds it. */
export type Call = Pick<CouncilCall, "target" | "data" | "value">;

/** An action is parsed, and a call worded, after the calls before it in the same proposal (a resource registered
 * there gets the next free id). */
export interface ProposalContext extends CouncilContext {
  before: readonly Call[];
}

export type Parsed<T> = { value: T } | { error: string };

/** A contract the council governs, as its proposals' calls read. */
export interface GovernedContract {
  /** Its name at the start of a sentence ("The resource registry"). */
  name: string;
  address: Address | undefined;
  /** A call's data in plain words; throws on data its ABI does not decode. */
  describe(data: Hex, ctx: ProposalContext): string;
}

export interface EditorProps<D> {
  draft: D;
  /** Applies `patch` to the draft shown. */
  set: (patch: Partial<D>) => void;
  ctx: CouncilContext;
}

/** One kind of action a proposal can hold, defined by the module that owns the governed contract. */
export interface CouncilAction<D extends object> {
  /** A stable id (the kind picker's value). */
  kind: string;
  /** Its name in the kind picker and the action's heading. */
  label: string;
  /** The contract its calls go to: the action is offered only where it is deployed. */
  contract: GovernedContract;
  initial(ctx: CouncilContext): D;
  Editor: ComponentType<EditorProps<D>>;
  /** The calls of a draft (each with its plain words), or what is wrong with it. */
  parse(draft: D, ctx: ProposalContext): Parsed<CouncilCall[]>;
}

/** A draft of some action, bound to its kind (what the form holds). */
export interface ActionDraft {
  label: string;
  parse(ctx: ProposalContext): Parsed<CouncilCall[]>;
  /** Its editor; `replace` receives the edited draft. */
  editor(ctx: CouncilContext, replace: (next: ActionDraft) => void): ReactNode;
}

/** A registry entry: an action kind with its draft type hidden. */
export interface ActionKind {
  kind: string;
  label: string;
  available: boolean;
  start(ctx: CouncilContext): ActionDraft;
}

export function defineAction<D extends object>(action: CouncilAction<D>): ActionKind {
  const { Editor } = action;
  const drafted = (draft: D): ActionDraft => ({
    label: action.label,
    parse: (ctx) => action.parse(draft, ctx),
    editor: (ctx, replace) => (
      <Editor draft={draft} set={(patch) => replace(drafted({ ...draft, ...patch }))} ctx={ctx} />
    ),
  });
  return {
    kind: action.kind,
    label: action.label,
    available: !!action.contract.address,
    start: (ctx) => drafted(action.initial(ctx)),
  };
}

/** A call's plain words, followed by the ETH it sends if any (which the timelock pays from its own balance). */
export function withValue(words: string, value: bigint | undefined): string {
  return value ? `${words}, paying ${eth(value)} from the council's treasury (its timelock)` : words;
}

/** Calls with these data (and ETH values, where given) to `contract`, each worded as the proposal will show it. */
export function callsTo(
  contract: GovernedContract,
  datas: readonly (Hex | { data: Hex; value: bigint })[],
  ctx: ProposalContext,
): Parsed<CouncilCall[]> {
  const target = contract.address;
  if (!target) return { error: `${contract.name} is not deployed on this chain.` };
  const calls: CouncilCall[] = [];
  for (const item of datas) {
    const { data, value } = typeof item === "string" ? { data: item, value: 0n } : item;
    const words = contract.describe(data, { ...ctx, before: [...ctx.before, ...calls] });
    calls.push({ target, data, ...(value ? { value } : {}), summary: withValue(words, value) });
  }
  return { value: calls };
}

/** When a proposal made now could execute at the earliest: after the voting delay, the vote and the timelock. */
export function earliestExecution(c: CouncilOverview): number {
  return c.time + c.votingDelay + c.votingPeriod + c.timelockDelay;
}
