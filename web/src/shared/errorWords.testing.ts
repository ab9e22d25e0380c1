// What every module's error-wording test checks (web/src/<module>/errors.test.ts): every custom error of its ABI is
// worded as one sentence built from sample arguments. Test-only: imported by the tests, never by the app.
import type { AbiParameter, Address } from "viem";
import { expect } from "vitest";

/** Sample values for an error's arguments: `address` for addresses, `text` for strings, 7 for integers. */
export function sampleArg(address: Address, text = "Commons") {
  return (p: AbiParameter): unknown => {
    if (p.type === "address") return address;
    if (p.type === "bytes32") return `0x${"ab".repeat(32)}`;
    if (p.type === "string") return text;
    if (p.type === "bool") return true;
    const bits = Number(/^u?int(\d+)$/.exec(p.type)?.[1]);
    if (bits) return bits <= 48 ? 7 : 7n;
    throw new Error(`no sample for ${p.type}`);
  };
}

/**
 * Every error of `errors` (an ABI's error entries), worded by `word` from `sample` arguments, is one sentence: a
 * capital, digit, "#" or "“" first, "." or ")" last, and no undefined, NaN or [object …] in it.
 */
export function expectEveryErrorWorded(
  errors: readonly { name: string; inputs: readonly AbiParameter[] }[],
  word: (name: string, args: Record<string, unknown>) => string | undefined,
  sample: (p: AbiParameter) => unknown,
) {
  for (const e of errors) {
    const sentence = word(e.name, Object.fromEntries(e.inputs.map((p) => [p.name, sample(p)])));
    expect(sentence, e.name).toMatch(/^[A-Z“#0-9].*[.)]$/s);
    expect(sentence, e.name).not.toMatch(/undefined|NaN|\[object/);
  }
}
