// The solidarity circles' refusals read in plain words: every custom error Commonfare's ABI can revert with (its own
// and those it inherits) has a sentence, nothing beyond the ABI is worded, and a revert decoded from a call is worded
// with members by name, amounts in the circle's currency to the last unit and dates as dates — the sentences the e2e
// story reads word for word.
import { commonfareAbi } from "@cosmolocal/sdk";
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
import { formatDate } from "../shared/format";
import { nameOf } from "../shared/names";
import { commonfareContext, commonfareErrors } from "./errors";
import { exactUnit } from "./money";

const KIM = getAddress("0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec");
const dEUR = exactUnit({ decimals: 6, symbol: "dEUR" });
const names = {
  name: (a: string) => (a.toLowerCase() === KIM.toLowerCase() ? "Kim" : a),
  amount: (v: bigint) => `${v} base units`,
};
const word = wordWith(commonfareErrors, names);

const sample = sampleArg(KIM, "capMonths");

/** The error viem throws when a simulated call to Commonfare reverts with `data`. */
function reverted(data: Hex, functionName = "deposit") {
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: commonfareAbi, data, functionName }),
    { abi: commonfareAbi, functionName, args: [] },
  );
}
const encode = (errorName: string, args: readonly unknown[]) =>
  encodeErrorResult({ abi: commonfareAbi, errorName, args } as never);

describe("the solidarity circles' errors in plain words", () => {
  const errors = commonfareAbi.filter((x) => x.type === "error");

  it("words every custom error of the ABI, in a sentence from its arguments", () => {
    expect(errors.length).toBeGreaterThan(35);
    for (const inherited of ["ReentrancyGuardReentrantCall", "OwnableUnauthorizedAccount", "SafeERC20FailedOperation"])
      expect(
        errors.some((e) => e.name === inherited),
        inherited,
      ).toBe(true);
    expectEveryErrorWorded(errors, word, sample);
  });

  it("words nothing beyond the ABI", () => {
    expect(Object.keys(commonfareErrors).filter((n) => !errors.some((e) => e.name === n))).toEqual([]);
  });

  it("refuses a deposit above the cap with the balance it would leave, the cap and the excess, to the last unit", () => {
    // Hal's account would hold 3,790.123457 dEUR; its cap is 3,780.
    const data = encode("DepositOverCap", [1n, KIM, 3_780_000_000n, 3_790_123_457n]);
    expect(explainError(reverted(data), [wordWith(commonfareErrors, commonfareContext(dEUR))])).toEqual({
      name: "DepositOverCap",
      message: `This deposit would take ${nameOf(KIM)}'s account to 3,790.123457 dEUR, above its cap of 3,780 dEUR: deposit 10.123457 dEUR less.`,
    });
    expect(wordWith(commonfareErrors, commonfareContext())("ZeroDeposit", {})).toBe(
      "Enter an amount above zero to deposit.",
    );
  });

  it("refuses collecting a claim that has not started, and says when the next month begins", () => {
    const data = encode("ClaimNotStarted", [1n, 4n]);
    expect(explainError(reverted(data, "collectGift"), [wordWith(commonfareErrors, commonfareContext(dEUR))])).toEqual({
      name: "ClaimNotStarted",
      message:
        "Claim #4 has not started: it needs its buddy's and the board's confirmations before any gift is collected.",
    });
    expect(word("NothingDue", { circleId: 1n, claimId: 4n, nextMonthAt: 1_900_000_000 })).toBe(
      `Nothing is due on claim #4 yet: the next month begins ${formatDate(1_900_000_000)}.`,
    );
    expect(word("NothingDue", { circleId: 1n, claimId: 4n, nextMonthAt: 0 })).toBe(
      "Claim #4 has received every month it may: nothing more is due.",
    );
  });

  it("names the member and words amounts in the currency, levels from 1", () => {
    expect(
      wordWith(commonfareErrors, commonfareContext(dEUR))("InArrears", {
        circleId: 1n,
        member: KIM,
        arrears: 12_500_001n,
      }),
    ).toBe(
      `${nameOf(KIM)}'s account is in arrears by 12.500001 dEUR: deposit at least that much first (a deposit repays arrears first).`,
    );
    expect(word("WithdrawalAboveAvailable", { circleId: 1n, member: KIM, amount: 9n, available: 0n })).toBe(
      "Kim has nothing to withdraw: the account holds no more than its level's floor.",
    );
    expect(word("WithdrawalAboveAvailable", { circleId: 1n, member: KIM, amount: 9n, available: 5n })).toBe(
      "Kim may withdraw at most 5 base units (what is above its level's floor), not 9 base units.",
    );
    expect(word("UnknownLevel", { circleId: 2n, level: 3 })).toBe(
      "Circle #2 has no level 4. Choose one of its levels.",
    );
    expect(
      word("LevelChangeNotAllowed", { circleId: 1n, member: KIM, toLevel: 0, changeableFrom: 1_900_000_000 }),
    ).toBe(
      `Kim may not move to level 1 now: a member changes level at most once per gap, to another level, next from ${formatDate(1_900_000_000)}.`,
    );
  });
});
