// A revert a form predicts reads as the decoded revert does: knownRevert and wordWith word through the same table and
// context, and the error's name and arguments are typed by the contract's ABI.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { ContractFunctionRevertedError, encodeErrorResult, parseUnits, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { resourceErrors, type ResourceWordContext } from "../resource/errors";
import { knownRevert, wordWith } from "./errorWords";
import { explainError } from "./errors";
import { unitOf } from "./units";

const FAY = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as const;
const t = (n: string) => parseUnits(n, 18);
const ctx: ResourceWordContext = {
  name: (a) => (a.toLowerCase() === FAY.toLowerCase() ? "Fay" : a),
  amount: unitOf({ decimals: 18, symbol: "t" }).fmt,
  resource: (id) => (id === 2n ? "Baltic herring" : `resource ${id}`),
};

describe("a known revert, worded by the form", () => {
  const refusal = knownRevert(resourceErrors, ctx);
  const args = { resourceId: 2n, recipient: FAY, maxHolding: t("18000"), wouldHold: t("18285.714285714285714285") };

  it("is the sentence of the error's table in the module's context", () => {
    expect(refusal("ConcentrationCapExceeded", args)).toBe(
      "Fay would hold 18,285.71 t of Baltic herring this season (entitlement + landed), above the concentration cap of 18,000 t.",
    );
  });

  it("equals what explainError shows for the same revert from the chain", () => {
    const data = encodeErrorResult({
      abi: resourceRegistryAbi,
      errorName: "ConcentrationCapExceeded",
      args: [args.resourceId, args.recipient, args.maxHolding, args.wouldHold],
    });
    const reverted = new ContractFunctionRevertedError({
      abi: resourceRegistryAbi,
      data,
      functionName: "transferEntitlement",
    });
    expect(explainError(reverted, [wordWith(resourceErrors, ctx)])).toEqual({
      name: "ConcentrationCapExceeded",
      message: refusal("ConcentrationCapExceeded", args),
    });
  });

  it("takes only the ABI's error names and their arguments", () => {
    // Checked by the type check (tsc), never run: a misspelt name, another error's arguments.
    const mistyped = () => [
      // @ts-expect-error not an error of the registry
      refusal("ConcentrationCapExeeded", args),
      // @ts-expect-error InsufficientEntitlement's arguments are (resourceId, holder, entitlement, amount)
      refusal("InsufficientEntitlement", args),
    ];
    expect(typeof mistyped).toBe("function");
    expect(refusal("InvalidRecipient", { recipient: zeroAddress })).toBe(
      `${zeroAddress} cannot receive this entitlement (nobody, or the sender).`,
    );
  });
});
