// The council's calls to the solidarity circles read in plain words: accepting a currency for new circles or no
// longer, and the ownership steps; a proposal's call to Commonfare is read by it, not shown as a raw selector.
import { commonfareAbi } from "@cosmolocal/sdk";
import { encodeFunctionData, getAddress, type Hex } from "viem";
import { describe, expect, it, vi } from "vitest";
import { GOVERNED } from "../../council/actions";
import type { CouncilOverview } from "../../council/data";
import { describeCalls } from "../../council/decode";
import { nameOf } from "../../shared/names";
import { commonfare } from "./calls";

const { CIRCLES, DEUR } = vi.hoisted(
  () =>
    ({
      CIRCLES: "0x00000000000000000000000000000000000c0f4e",
      DEUR: "0x000000000000000000000000000000000000dE00",
    }) as const,
);
const TIMELOCK = getAddress("0x0000000000000000000000000000000000000710");

// The chain's deployment: the circles and the demo stablecoin.
vi.mock("../../shared/config", async (original) => ({
  ...(await original<typeof import("../../shared/config")>()),
  deployed: {
    Commonfare: { address: CIRCLES, startBlock: 1 },
    MockERC20: { address: DEUR, startBlock: 1 },
  },
}));

const council = { time: 1_000_000, votingDelay: 1, votingPeriod: 1, timelockDelay: 1 } as CouncilOverview;
const call = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: commonfareAbi, functionName, args } as never) as Hex;
const words = (data: Hex) => commonfare.describe(data, { council, before: [] });

describe("the council's calls to the solidarity circles", () => {
  it("accepting a currency for new circles, or no longer", () => {
    expect(words(call("setCurrency", [DEUR, true]))).toBe(
      "Accept the demo stablecoin (dEUR) as a currency for new solidarity circles",
    );
    expect(words(call("setCurrency", [DEUR, false]))).toBe(
      "Stop accepting the demo stablecoin (dEUR) for new solidarity circles (the circles founded in it keep it)",
    );
  });

  it("the ownership steps, and any other call by its name", () => {
    expect(words(call("transferOwnership", [TIMELOCK]))).toBe(
      `Offer the ownership of the solidarity circles to ${nameOf(TIMELOCK)} (it must accept)`,
    );
    expect(words(call("acceptOwnership"))).toBe("Accept the ownership of the solidarity circles");
    expect(words(call("renounceOwnership"))).toMatch(/^Give up the ownership of the solidarity circles: /);
    expect(words(call("deposit", [1n, 5n]))).toBe("Solidarity circles: deposit");
  });

  it("is one of the contracts a proposal is read against", () => {
    expect(GOVERNED).toContain(commonfare);
    expect(describeCalls([getAddress(CIRCLES)], [call("setCurrency", [DEUR, true])], [0n], { council })).toEqual([
      "Accept the demo stablecoin (dEUR) as a currency for new solidarity circles",
    ]);
  });
});
