// The design commons' refusals read in plain words: every custom error its ABI can revert with (its own and the
// inherited ones) has a sentence, and a revert decoded from a call, or bubbled up from the ledger, is worded with
// accounts by name, ETH sent in ETH and token amounts in the fee's currency.
import { contributionLedgerAbi, designCommonsAbi } from "@cosmolocal/sdk";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  parseEther,
  parseUnits,
  zeroAddress,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { explainError } from "../shared/errors";
import { wordWith } from "../shared/errorWords";
import { expectEveryErrorWorded, sampleArg } from "../shared/errorWords.testing";
import { formatDate } from "../shared/format";
import { nameOf } from "../shared/names";
import { designsErrors } from "./errors";
import { designsWordings } from "./writes";

const NOOR = getAddress("0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec");
const DEUR = { address: getAddress("0x0000000000000000000000000000000000000De0"), symbol: "dEUR", decimals: 18 };
const names = {
  name: (a: string) => (a.toLowerCase() === NOOR.toLowerCase() ? "Noor" : a === DEUR.address ? "dEUR" : a),
  amount: (v: bigint) => `${v} base units`,
};
const word = wordWith(designsErrors, names);

const sample = sampleArg(NOOR);

/** The error viem throws when a simulated call to the design commons reverts with `data`. */
function reverted(data: Hex, functionName = "payPeriods") {
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: designCommonsAbi, data, functionName }),
    { abi: designCommonsAbi, functionName, args: [] },
  );
}
const encode = (errorName: string, args: readonly unknown[]) =>
  encodeErrorResult({ abi: designCommonsAbi, errorName, args } as never);

describe("the design commons' errors in plain words", () => {
  const errors = designCommonsAbi.filter((x) => x.type === "error");

  it("words every custom error of the ABI, in a sentence from its arguments", () => {
    expect(errors.length).toBeGreaterThan(30);
    expectEveryErrorWorded(errors, word, sample);
  });

  it("words nothing beyond the ABI but the ledger's errors a deposit bubbles up", () => {
    const extra = Object.keys(designsErrors).filter((n) => !errors.some((e) => e.name === n));
    expect(extra.sort()).toEqual(["IncomeCapExceeded", "NoPointHolders"]);
    for (const n of extra) expect(contributionLedgerAbi.some((x) => x.type === "error" && x.name === n)).toBe(true);
  });

  it("says what was paid in ETH and what the fee was", () => {
    const wrong = explainError(reverted(encode("IncorrectPayment", [parseEther("0.01"), parseEther("0.025")])), [
      ...designsWordings(),
    ]);
    expect(wrong).toEqual({
      name: "IncorrectPayment",
      message:
        "The fee is 0.01 ETH, but 0.025 ETH came with it. Send exactly the fee: reload, as the licence may have changed since the form read it.",
    });
    expect(explainError(reverted(encode("IncorrectPayment", [0n, parseEther("1")])), designsWordings()).message).toBe(
      "This payment takes no ETH (its fee is in a token, or there is none), but 1 ETH came with it. Send it again without ETH.",
    );
  });

  it("words the report operators' and fees owed's refusals", () => {
    const word = (name: string, args: unknown[]) =>
      explainError(reverted(encode(name, args)), designsWordings()).message;
    expect(word("InvalidReportOperator", [zeroAddress])).toBe(
      "The zero address cannot report production for you: choose the operator's address (e.g. the cluster exchange).",
    );
    expect(word("InvalidOwedPayment", [7n, 0n, 0n])).toBe(
      "Licence #7 owes nothing for reported production: there is nothing to pay.",
    );
    expect(word("InvalidOwedPayment", [7n, 0n, 5n])).toMatch(/^Enter an amount to pay: licence #7 owes /);
    expect(word("InvalidOwedPayment", [7n, 9n, 5n])).toMatch(/less than the .* entered\. Pay at most what it owes\.$/);
  });

  it("words a token's short delivery in the fee's currency", () => {
    const data = encode("TransferAmountMismatch", [DEUR.address, parseUnits("10", 18), parseUnits("9.9", 18)]);
    expect(explainError(reverted(data, "reportProduction"), designsWordings(DEUR)).message).toBe(
      `${nameOf(DEUR.address)} delivered 9.9 dEUR of a fee of 10 dEUR: tokens that keep part of a transfer cannot pay licence fees. Pay in another currency the design accepts.`,
    );
  });

  it("names the licensee, the project's member and the entity", () => {
    expect(word("LicenceStillValid", { designId: 3n, licensee: NOOR, licenceId: 12n })).toBe(
      "Noor holds licence #12 on design #3 already, and it is still valid. Use it: a new licence can be taken once it expires.",
    );
    expect(word("NotProjectMember", { projectId: 2n, account: NOOR })).toBe(
      "Noor is not a member of project 2: only its members register its designs. Ask one of its coordinators to add you.",
    );
    expect(word("InvalidEntity", { entity: zeroAddress })).toBe(
      "The zero address cannot be accredited as a commons entity: choose the entity's account.",
    );
    expect(word("InvalidEntity", { entity: NOOR })).toBe(
      "Noor is not accredited as a commons entity, so there is no accreditation to withdraw.",
    );
    expect(word("CurrencyNotAccepted", { projectId: 4n, currency: DEUR.address })).toMatch(
      /^Project 4 does not accept dEUR as income, /,
    );
    expect(word("NothingHeld", { projectId: 4n, currency: zeroAddress })).toBe(
      "Nothing in ETH is held for project 4: there is nothing to release.",
    );
  });

  it("words shares as percentages, durations and the licence's expiry", () => {
    expect(word("AncestorSharesTooHigh", { shareBps: 5500n, max: 5000n })).toMatch(
      /^The designs this one derives from ask 55 % of its fees together, more than the 50 % a derivative may give/,
    );
    expect(word("DerivativeShareTooHigh", { shareBps: 6250, max: 5000n })).toBe(
      "The terms ask 62.5 % of each derivative's fees; a design may ask at most 50 %.",
    );
    expect(word("InvalidDuration", { licenceDuration: 0, periodLength: 0 })).toBe(
      "A licence must last some time: set how long a licence lasts.",
    );
    expect(word("InvalidDuration", { licenceDuration: 86_400, periodLength: 0 })).toBe(
      "A fee per period needs a period: set how long one period of use lasts.",
    );
    expect(word("PeriodsBeyondExpiry", { licenceId: 5n, expiresAt: 1_900_000_000 })).toBe(
      `Licence #5 expires on ${formatDate(1_900_000_000)}, and the last of these periods would start at or after that. Pay for fewer periods, or take a new licence once this one expires.`,
    );
  });

  it("words the ledger's refusal a release bubbles up, decoded from its raw data", () => {
    const data = encodeErrorResult({ abi: contributionLedgerAbi, errorName: "NoPointHolders", args: [9n] });
    expect(explainError(reverted(data, "release"), designsWordings())).toEqual({
      name: "NoPointHolders",
      message:
        "Nobody holds contribution points in project 9 yet, so what is held for it cannot become its income. It stays held for the project: release it once a contribution of the project is accepted.",
    });
  });
});
