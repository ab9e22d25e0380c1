// The cluster exchange's refusals read in plain words: every custom error its ABI can revert with (its own and the
// inherited reentrancy guard's) has a sentence, and a revert decoded from a call is worded with members by name,
// prices in the credit network's unit, distances in kilometres and dates as dates.
import { clusterExchangeAbi } from "@cosmolocal/sdk";
import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getAddress,
  parseUnits,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { explainError } from "../shared/errors";
import { wordWith } from "../shared/errorWords";
import { expectEveryErrorWorded, sampleArg } from "../shared/errorWords.testing";
import { formatDate } from "../shared/format";
import { nameOf } from "../shared/names";
import { unitOf } from "../shared/units";
import { clusterContext, clusterErrors } from "./errors";

const NOOR = getAddress("0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec");
const CMC = unitOf({ decimals: 6, symbol: "CMC" });
const names = {
  name: (a: string) => (a.toLowerCase() === NOOR.toLowerCase() ? "Noor" : a),
  amount: (v: bigint) => `${v} base units`,
};
const word = wordWith(clusterErrors, names);

const sample = sampleArg(NOOR);

/** The error viem throws when a simulated call to the exchange reverts with `data`. */
function reverted(data: Hex, functionName = "submitMatches") {
  return new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: clusterExchangeAbi, data, functionName }),
    { abi: clusterExchangeAbi, functionName, args: [] },
  );
}
const encode = (errorName: string, args: readonly unknown[]) =>
  encodeErrorResult({ abi: clusterExchangeAbi, errorName, args } as never);

describe("the cluster exchange's errors in plain words", () => {
  const errors = clusterExchangeAbi.filter((x) => x.type === "error");

  it("words every custom error of the ABI, in a sentence from its arguments", () => {
    expect(errors.length).toBeGreaterThan(30);
    expect(errors.some((e) => e.name === "ReentrancyGuardReentrantCall")).toBe(true);
    expectEveryErrorWorded(errors, word, sample);
  });

  it("words nothing beyond the ABI", () => {
    expect(Object.keys(clusterErrors).filter((n) => !errors.some((e) => e.name === n))).toEqual([]);
  });

  it("says how to let the exchange record obligations, naming the member", () => {
    const data = encode("ExchangeNotApproved", [NOOR]);
    expect(explainError(reverted(data, "postIntent"), [wordWith(clusterErrors, clusterContext(CMC))])).toEqual({
      name: "ExchangeNotApproved",
      message: `${nameOf(NOOR)} has not allowed the exchange to record its orders' obligations on the credit network: it posts and is matched only while it does, so that each match is an agreement the network records. Use “Allow the exchange” on the Local exchange page, then try again.`,
    });
  });

  it("words prices and amounts in the credit network's unit (base units until it is known)", () => {
    const data = encode("PriceOutsideTerms", [parseUnits("9.5", 6), parseUnits("10", 6), parseUnits("12", 6)]);
    expect(explainError(reverted(data), [wordWith(clusterErrors, clusterContext(CMC))]).message).toBe(
      "A price of 9.5 CMC per unit lies outside the terms: it must be at least the offer's 10 CMC and at most the need's 12 CMC.",
    );
    expect(word("PriceOutsideTerms", { price: 11n, ask: 13n, max: 12n })).toBe(
      "The offer asks 13 base units per unit, more than the need's highest, 12 base units: the two cannot be matched.",
    );
    expect(wordWith(clusterErrors, clusterContext())("OrderTooLarge", { amount: 5_000n, max: 4_000n })).toBe(
      "This order would be worth 5000, more than the largest obligation the credit network records (4000). Match a smaller quantity.",
    );
  });

  it("words distances in kilometres, places in degrees, and dates", () => {
    expect(word("TooFar", { distance: 23_456n, maxDistance: 20_000n })).toBe(
      "The two places are 23.4 km apart, farther than the 20 km one of the two owners accepts.",
    );
    expect(word("TooFar", { distance: 1_204_000n, maxDistance: 50n })).toMatch(
      /^The two places are 1,204 km apart, farther than the < 0.1 km/,
    );
    expect(word("InvalidPlace", { lat: 91_000_000, lon: -11_343_000 })).toMatch(
      /^91°, −11\.343° is not a place on the globe/,
    );
    expect(word("IntentExpired", { intentId: 4n, end: 1_900_000_000 })).toBe(
      `Intent #4 closed on ${formatDate(1_900_000_000)}: it can no longer be matched. Its owner may update it with a later end.`,
    );
    expect(word("InvalidWindow", { start: 1_900_000_000, end: 1_800_000_000 })).toMatch(
      /^The window must end after it starts/,
    );
    expect(word("InvalidWindow", { start: 1_700_000_000, end: 1_800_000_000 })).toMatch(/has already passed/);
    expect(word("InvalidPromise", { promisedAt: 1_900_000_000, dueBy: 1_800_000_000 })).toMatch(
      /is after the buyer's due date/,
    );
    expect(word("InvalidPromise", { promisedAt: 1_700_000_000, dueBy: 1_800_000_000 })).toMatch(/has already passed/);
  });

  it("names the order's state, the side and the member", () => {
    expect(word("WrongOrderState", { orderId: 3n, state: 3 })).toBe(
      "Order #3 is in production, where this step is not allowed. Reload to see what can be done next.",
    );
    expect(word("WrongOrderState", { orderId: 3n, state: 5 })).toMatch(/^Order #3 is delivered, /);
    expect(word("WrongSide", { intentId: 2n, expected: 1 })).toMatch(/^Intent #2 is not a need: /);
    expect(word("WrongSide", { intentId: 2n, expected: 0 })).toMatch(/^Intent #2 is not an offer: /);
    expect(word("SelfTrade", { owner: NOOR })).toBe(
      "Both the offer and the need belong to Noor: no one trades with themself. Leave that pair out.",
    );
    expect(word("IntentsNotSorted", { index: 0n, intentId: 9n })).toMatch(/^Intent #9 \(at position 1 of the batch\)/);
  });
});
