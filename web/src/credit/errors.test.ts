// The credit network's refusals read in plain words: every custom error its ABI can revert with has a sentence, and
// the refusals of a clearing split into parts (no solution id; a part submitted by someone who is not a steward),
// decoded from a call, are worded with members by name.
import { contractConstants, creditNetworkAbi } from "@cosmolocal/sdk";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { explainError } from "../shared/errors";
import { wordWith } from "../shared/errorWords";
import { expectEveryErrorWorded, sampleArg } from "../shared/errorWords.testing";
import { creditErrors } from "./errors";

const NOOR = getAddress("0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec");
const { STEWARD_ROLE } = contractConstants.CreditNetwork.constants;
const names = {
  name: (a: string) => (a.toLowerCase() === NOOR.toLowerCase() ? "Noor" : a),
  amount: (v: bigint) => `${v} CMC`,
};
const word = wordWith(creditErrors, names);

const sample = sampleArg(NOOR, "Commons Credit");

/** The error viem throws when a simulated call of `functionName` to the network reverts with `data`. */
function reverted(data: Hex, functionName: "clearPart" | "clear") {
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: creditNetworkAbi, data, functionName }),
    { abi: creditNetworkAbi, functionName, args: [] },
  );
}
const encode = (errorName: string, args: readonly unknown[]) =>
  encodeErrorResult({ abi: creditNetworkAbi, errorName, args } as never);

describe("the credit network's errors in plain words", () => {
  const errors = creditNetworkAbi.filter((x) => x.type === "error");

  it("words every custom error of the ABI, in a sentence from its arguments", () => {
    expect(errors.some((e) => e.name === "SolutionIdRequired")).toBe(true);
    expectEveryErrorWorded(errors, word, sample);
  });

  it("words nothing beyond the ABI", () => {
    expect(Object.keys(creditErrors).filter((n) => !errors.some((e) => e.name === n))).toEqual([]);
  });

  it("says why a part of a split clearing needs its solution id", () => {
    expect(explainError(reverted(encode("SolutionIdRequired", []), "clearPart"), [word])).toEqual({
      name: "SolutionIdRequired",
      message:
        "A part of a clearing split into parts needs its solution id: the network keeps the bridge between the parts under it.",
    });
  });

  it("says that only a steward submits a clearing split into parts, naming the account", () => {
    const data = encode("AccessControlUnauthorizedAccount", [NOOR, STEWARD_ROLE]);
    expect(explainError(reverted(data, "clearPart"), [word]).message).toBe(
      "Noor is not a steward: only stewards admit, suspend and reinstate members, and submit a clearing split into parts.",
    );
    const other = encode("AccessControlUnauthorizedAccount", [NOOR, `0x${"00".repeat(32)}`]);
    expect(explainError(reverted(other, "clearPart"), [word]).message).toBe("Noor lacks the role this needs.");
  });
});
