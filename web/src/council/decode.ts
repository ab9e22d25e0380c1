// A council proposal's calls in plain words: each call is read by the governed contract it targets (the registry's
// GOVERNED list), after the calls before it; a call to any other contract is shown by its selector and target; the
// ETH a call sends is said after it.
import type { Address, Hex } from "viem";
import { sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { GOVERNED } from "./actions";
import { withValue, type Call, type CouncilContext } from "./actions/action";

/** Plain words for every call of a proposal (with the ETH it sends, if any). */
export function describeCalls(
  targets: readonly Address[],
  calldatas: readonly Hex[],
  values: readonly bigint[],
  ctx: CouncilContext,
): string[] {
  const calls: Call[] = targets.map((target, i) => ({ target, data: calldatas[i], value: values[i] }));
  return calls.map(({ target, data, value }, i) => withValue(callWords(target, data, calls.slice(0, i), ctx), value));
}

function callWords(target: Address, data: Hex, before: Call[], ctx: CouncilContext): string {
  const contract = GOVERNED.find((g) => sameAddress(g.address, target));
  try {
    if (contract) return contract.describe(data, { ...ctx, before });
  } catch {
    // fall through: call data its ABI does not decode
  }
  return `Call ${data.slice(0, 10)} on ${nameOf(target)}`;
}
