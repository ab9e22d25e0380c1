// A bundler's refusal of a sponsored operation reads in plain words: the paymaster's revert data in the bundler's
// message ("AA33 reverted 0x…", as Alto sends it and viem wraps it) is decoded by the paymaster's wording table, and an
// EntryPoint code without data is still worded.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { BaseError, encodeErrorResult, parseEther } from "viem";
import { PaymasterFunctionRevertedError, UserOperationExecutionError } from "viem/account-abstraction";
import { describe, expect, it } from "vitest";
import { explainError } from "../shared/errors";
import { wordWith } from "../shared/errorWords";
import { sponsorshipErrors } from "./errors";

const NOOR = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" as const;
const names = { name: (a: string) => (a.toLowerCase() === NOOR.toLowerCase() ? "Noor" : a), amount: String };

/** The error viem throws when the bundler refuses an operation in simulation with `message`. */
function bundlerRefusal(message: string): BaseError {
  const rpc = Object.assign(new BaseError(message), { code: -32501 });
  return new UserOperationExecutionError(new PaymasterFunctionRevertedError({ cause: rpc }), {} as never);
}

describe("a sponsored operation refused by the bundler", () => {
  it("words the paymaster's custom error from the AA33 revert data", () => {
    const data = encodeErrorResult({ abi: membersPaymasterAbi, errorName: "NotCoopMember", args: [NOOR] });
    const err = bundlerRefusal(`UserOperation reverted during simulation with reason: AA33 reverted ${data}`);
    expect(explainError(err, [wordWith(sponsorshipErrors, names)])).toEqual({
      name: "NotCoopMember",
      message:
        "The co-op pays gas only for its members, and Noor is not one (neither a member of its project nor an active member of its credit network). Pay the gas yourself, or ask a coordinator to admit you.",
    });
  });

  it("says a spent budget without the estimation's price, and names what is left otherwise", () => {
    const refuse = (remaining: bigint, maxCost: bigint) =>
      explainError(
        bundlerRefusal(
          `UserOperation reverted during simulation with reason: AA33 reverted ${encodeErrorResult({
            abi: membersPaymasterAbi,
            errorName: "BudgetExhausted",
            args: [NOOR, 3, remaining, maxCost],
          })}`,
        ),
        [wordWith(sponsorshipErrors, names)],
      ).message;
    expect(refuse(0n, 7n)).toBe(
      "Noor's gas budget for this period is spent. A coordinator can raise it, or pay the gas yourself.",
    );
    expect(refuse(parseEther("0.0002"), parseEther("0.0005"))).toBe(
      "Noor has 0.0002 ETH of gas budget left this period, and this operation may cost up to 0.0005 ETH. A coordinator can raise the budget, or pay the gas yourself.",
    );
  });

  it("words an EntryPoint refusal code that carries no revert data", () => {
    const err = bundlerRefusal("AA31 paymaster deposit too low");
    expect(explainError(err)).toEqual({
      name: "AA31",
      message: "The co-op's paymaster has run out of deposit: a coordinator has to top it up.",
    });
  });
});
