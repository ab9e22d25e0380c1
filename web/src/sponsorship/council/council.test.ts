// The council's paymaster actions: every owner function's call read in plain words (and the ETH a call sends, in the
// proposal form and when a proposal is read back), and each action's draft parsed into its call or into what is wrong,
// against the paymaster's deposit, stake, settings and the treasury as the proposal's earlier calls leave them.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, encodeFunctionData, getAddress, parseEther, zeroAddress, type Hex } from "viem";
import { describe, expect, it, vi } from "vitest";
import type { ActionKind, Call, ProposalContext } from "../../council/actions/action";
import { parseDraft } from "../../council/actions/testing";
import type { CouncilOverview } from "../../council/data";
import { describeCalls } from "../../council/decode";
import { nameOf } from "../../shared/names";
import { coordinatorCap, defaultBudget, memberBudget } from "./budgets";
import { membersPaymaster, SYSTEM_CONTRACTS } from "./calls";
import { withdrawDeposit } from "./deposit";
import { stake, unlockStake, withdrawStake } from "./stake";
import type { PaymasterState } from "./state";
import { callTarget } from "./targets";

const { PAYMASTER, CREDIT, MARKET, TIMELOCK } = vi.hoisted(
  () =>
    ({
      PAYMASTER: "0x000000000000000000000000000000000000009A",
      CREDIT: "0x00000000000000000000000000000000000000C4",
      MARKET: "0x000000000000000000000000000000000000003a",
      TIMELOCK: "0x0000000000000000000000000000000000000071",
    }) as const,
);
const ENTRY_POINT = getAddress("0x0000000000000000000000000000000000004337");
const FAY = getAddress("0x00000000000000000000000000000000000000F4");
const OTHER = getAddress("0x0000000000000000000000000000000000000aBc");

// The chain's deployment: the paymaster, two of the system's contracts and the council's timelock.
vi.mock("../../shared/config", async (original) => ({
  ...(await original<typeof import("../../shared/config")>()),
  deployed: {
    MembersPaymaster: { address: PAYMASTER, startBlock: 1 },
    CreditNetwork: { address: CREDIT, startBlock: 1 },
    ImpactMarket: { address: MARKET, startBlock: 1 },
    CouncilTimelock: { address: TIMELOCK, startBlock: 1 },
  },
}));

const DAY = 86_400;
const council = { time: 1_000_000, votingDelay: DAY, votingPeriod: 3 * DAY, timelockDelay: 2 * DAY } as CouncilOverview;
const EXECUTION = 1_000_000 + 6 * DAY;

const state = (patch: Partial<PaymasterState> = {}): PaymasterState => ({
  entryPoint: ENTRY_POINT,
  deposit: parseEther("5"),
  stake: 0n,
  staked: false,
  unstakeDelay: 0,
  withdrawTime: 0,
  defaultBudget: parseEther("0.01"),
  coordinatorBudgetCap: parseEther("0.05"),
  allowed: [CREDIT],
  treasury: parseEther("2"),
  ...patch,
});
const ctxOf = (paymaster?: PaymasterState, before: Call[] = []): ProposalContext => ({ council, paymaster, before });

const call = (functionName: string, args: readonly unknown[] = []) =>
  encodeFunctionData({ abi: membersPaymasterAbi, functionName, args } as never) as Hex;
const words = (data: Hex) => membersPaymaster.describe(data, ctxOf());

/** The action's draft after `patch` (applied through its editor's `set`, as the form does), parsed. */
const parse = parseDraft;
/** The one call a draft parses into (failing the test with its problem otherwise). */
function parsedCall(kind: ActionKind, patch: object, ctx: ProposalContext) {
  const parsed = parse(kind, patch, ctx);
  if ("error" in parsed) throw new Error(parsed.error);
  expect(parsed.value).toHaveLength(1);
  const [c] = parsed.value;
  expect(c.target).toBe(PAYMASTER);
  return { ...c, decoded: decodeFunctionData({ abi: membersPaymasterAbi, data: c.data }) };
}
const problem = (kind: ActionKind, patch: object, ctx: ProposalContext) => {
  const parsed = parse(kind, patch, ctx);
  return "error" in parsed ? parsed.error : undefined;
};

describe("the paymaster's calls in plain words", () => {
  it("names the system's contracts, and accounts otherwise", () => {
    expect(SYSTEM_CONTRACTS.map((c) => c.name)).toEqual([
      "the credit network",
      "the impact market",
      "the council's treasury (its timelock)",
    ]);
    expect(words(call("allowCallTarget", [CREDIT]))).toBe("Sponsor members' calls to the credit network");
    expect(words(call("removeCallTarget", [MARKET]))).toBe("Stop sponsoring members' calls to the impact market");
    expect(words(call("allowCallTarget", [OTHER]))).toBe(`Sponsor members' calls to ${nameOf(OTHER)}`);
  });

  it("words the budgets in ETH per period", () => {
    expect(words(call("setDefaultBudget", [parseEther("0.02")]))).toBe(
      "Set every member's gas budget to 0.02 ETH per period (a budget of their own stays)",
    );
    expect(words(call("setCoordinatorBudgetCap", [parseEther("0.05")]))).toBe(
      "Let coordinators give a member up to 0.05 ETH of gas budget per period",
    );
    expect(words(call("setCoordinatorBudgetCap", [0n]))).toBe("Stop coordinators from setting members' gas budgets");
    expect(words(call("setMemberBudget", [FAY, parseEther("0.1")]))).toBe(
      `Set ${nameOf(FAY)}'s gas budget to 0.1 ETH per period`,
    );
    expect(words(call("setMemberBudget", [FAY, 0n]))).toBe(`Stop paying ${nameOf(FAY)}'s gas (a budget of 0)`);
    expect(words(call("clearMemberBudget", [FAY]))).toBe(`Return ${nameOf(FAY)} to the default gas budget`);
  });

  it("words the deposit, the stake and the ownership", () => {
    expect(words(call("withdrawTo", [TIMELOCK, parseEther("1")]))).toBe(
      "Withdraw 1 ETH of the gas deposit to the council's treasury (its timelock)",
    );
    expect(words(call("withdrawTo", [FAY, parseEther("0.25")]))).toBe(
      `Withdraw 0.25 ETH of the gas deposit to ${nameOf(FAY)}`,
    );
    expect(words(call("deposit"))).toBe("Top up the gas deposit at the EntryPoint");
    expect(words(call("addStake", [DAY]))).toBe("Stake the paymaster at the EntryPoint, unstake delay 1 day");
    expect(words(call("unlockStake"))).toMatch(/^Unlock the paymaster's stake \(withdrawable after the unstake delay/);
    expect(words(call("withdrawStake", [FAY]))).toBe(`Withdraw the paymaster's unlocked stake to ${nameOf(FAY)}`);
    expect(words(call("transferOwnership", [OTHER]))).toBe(
      `Offer the ownership of the gas paymaster to ${nameOf(OTHER)} (it must accept)`,
    );
    expect(words(call("acceptOwnership"))).toBe("Accept the ownership of the gas paymaster");
    expect(words(call("renounceOwnership"))).toMatch(/^Give up the ownership of the gas paymaster: no one could/);
    expect(() => words("0x12345678")).toThrow();
  });

  it("says the ETH a proposal's call sends, for the paymaster and for any other target", () => {
    const stakeCall = call("addStake", [DAY]);
    expect(
      describeCalls([PAYMASTER, OTHER], [stakeCall, "0xdeadbeef"], [parseEther("1"), parseEther("0.5")], ctxOf()),
    ).toEqual([
      "Stake the paymaster at the EntryPoint, unstake delay 1 day, paying 1 ETH from the council's treasury (its timelock)",
      `Call 0xdeadbeef on ${nameOf(OTHER)}, paying 0.5 ETH from the council's treasury (its timelock)`,
    ]);
    expect(describeCalls([PAYMASTER], [call("unlockStake")], [0n], ctxOf())[0]).not.toMatch(/paying/);
  });
});

describe("the paymaster's council actions", () => {
  it("default budget and coordinators' cap: amounts in ETH (0 allowed), not the current value again", () => {
    const ctx = ctxOf(state());
    const set = parsedCall(defaultBudget, { amount: "0.02" }, ctx);
    expect(set.decoded).toEqual({ functionName: "setDefaultBudget", args: [parseEther("0.02")] });
    expect(set.summary).toBe("Set every member's gas budget to 0.02 ETH per period (a budget of their own stays)");
    expect(set.value).toBeUndefined();
    expect(parsedCall(defaultBudget, { amount: "0" }, ctx).decoded.args).toEqual([0n]);
    expect(problem(defaultBudget, { amount: "0.01" }, ctx)).toBe(
      "Set members' default gas budget: it is 0.01 ETH already.",
    );
    expect(problem(defaultBudget, { amount: "" }, ctx)).toBe(
      "Set members' default gas budget: enter an amount in ETH.",
    );
    expect(problem(defaultBudget, { amount: "1,5.x" }, ctx)).toMatch(
      /^Set members' default gas budget: enter a positive/,
    );
    expect(problem(coordinatorCap, { amount: "79228162514.264337593543950336" }, ctx)).toMatch(
      /^Set the coordinators' gas budget cap: at most .* ETH \(what the paymaster can store\)\.$/,
    );
    expect(parsedCall(coordinatorCap, { amount: "0" }, ctx).summary).toBe(
      "Stop coordinators from setting members' gas budgets",
    );
  });

  it("starts from the current amount once the paymaster is read", () => {
    const draft = defaultBudget.start({ council, paymaster: state() });
    expect(draft.parse(ctxOf(state()))).toEqual({ error: "Set members' default gas budget: it is 0.01 ETH already." });
  });

  it("member budget: a budget of their own, or back to the default", () => {
    const ctx = ctxOf(state());
    expect(parsedCall(memberBudget, { account: FAY, amount: "0.2" }, ctx).decoded).toEqual({
      functionName: "setMemberBudget",
      args: [FAY, parseEther("0.2")],
    });
    expect(parsedCall(memberBudget, { account: FAY, own: false }, ctx).decoded).toEqual({
      functionName: "clearMemberBudget",
      args: [FAY],
    });
    expect(problem(memberBudget, { amount: "0.2" }, ctx)).toBe("Set a member's gas budget: choose the member.");
    expect(problem(memberBudget, { account: FAY }, ctx)).toBe("Set a member's gas budget: enter an amount in ETH.");
  });

  it("call targets: a system contract by name or another by address, not one already in that state", () => {
    const ctx = ctxOf(state());
    const allow = parsedCall(callTarget, { target: MARKET }, ctx);
    expect(allow.decoded).toEqual({ functionName: "allowCallTarget", args: [MARKET] });
    expect(allow.summary).toBe("Sponsor members' calls to the impact market");
    expect(parsedCall(callTarget, { allow: false, target: CREDIT }, ctx).decoded).toEqual({
      functionName: "removeCallTarget",
      args: [CREDIT],
    });
    expect(parsedCall(callTarget, { target: "other", address: OTHER.toLowerCase() }, ctx).decoded.args).toEqual([
      OTHER,
    ]);
    expect(problem(callTarget, { target: CREDIT }, ctx)).toBe(
      "Members' calls to the credit network are sponsored already.",
    );
    expect(problem(callTarget, { allow: false, target: MARKET }, ctx)).toBe(
      "Members' calls to the impact market are not sponsored.",
    );
    // An earlier call of the same proposal counts: the market is allowed by then.
    const before = [{ target: PAYMASTER, data: call("allowCallTarget", [MARKET]) }];
    expect(problem(callTarget, { target: MARKET }, ctxOf(state(), before))).toMatch(/sponsored already/);
    for (const address of [PAYMASTER, ENTRY_POINT, zeroAddress])
      expect(problem(callTarget, { target: "other", address }, ctx)).toMatch(/cannot be call targets/);
    expect(problem(callTarget, {}, ctx)).toBe("Sponsor calls to a contract / stop: choose the contract.");
    expect(problem(callTarget, { target: "other", address: "0x12" }, ctx)).toMatch(/“0x12” is not a valid address/);
  });

  it("withdraw from the deposit: at most what it holds after the proposal's earlier withdrawals", () => {
    const ctx = ctxOf(state());
    const w = parsedCall(withdrawDeposit, { amount: "1.5", to: TIMELOCK }, ctx);
    expect(w.decoded).toEqual({ functionName: "withdrawTo", args: [TIMELOCK, parseEther("1.5")] });
    expect(w.summary).toBe("Withdraw 1.5 ETH of the gas deposit to the council's treasury (its timelock)");
    expect(problem(withdrawDeposit, { amount: "6", to: FAY }, ctx)).toBe(
      "Withdraw from the gas deposit: the deposit holds 5 ETH; withdraw at most that.",
    );
    const before = [{ target: PAYMASTER, data: call("withdrawTo", [FAY, parseEther("4")]) }];
    expect(problem(withdrawDeposit, { amount: "2", to: FAY }, ctxOf(state(), before))).toBe(
      "Withdraw from the gas deposit: the deposit holds 1 ETH after the proposal's earlier actions; withdraw at most that.",
    );
    expect(problem(withdrawDeposit, { amount: "0", to: FAY }, ctx)).toMatch(/greater than zero/);
    expect(problem(withdrawDeposit, { amount: "1" }, ctx)).toBe(
      "Withdraw from the gas deposit: choose the account to receive it.",
    );
    expect(problem(withdrawDeposit, { amount: "1", to: zeroAddress }, ctx)).toMatch(/zero address would burn it/);
    // Before the paymaster is read, only the format is checked.
    expect(parsedCall(withdrawDeposit, { amount: "60", to: FAY }, ctxOf()).decoded.args[1]).toBe(parseEther("60"));
  });

  it("stake: the ETH goes with the call, from the treasury; the delay never shrinks", () => {
    const ctx = ctxOf(state());
    const s = parsedCall(stake, { amount: "1", days: "1" }, ctx);
    expect(s.decoded).toEqual({ functionName: "addStake", args: [DAY] });
    expect(s.value).toBe(parseEther("1"));
    expect(s.summary).toBe(
      "Stake the paymaster at the EntryPoint, unstake delay 1 day, paying 1 ETH from the council's treasury (its timelock)",
    );
    expect(problem(stake, { amount: "3", days: "1" }, ctx)).toBe(
      "Stake the gas paymaster: the council's treasury (its timelock) holds 2 ETH; send it the rest before proposing.",
    );
    expect(problem(stake, { amount: "0", days: "1" }, ctx)).toMatch(
      /^Stake the gas paymaster: the amount must be greater/,
    );
    expect(problem(stake, { amount: "1", days: "0" }, ctx)).toBe("Unstake delay: enter more than 0 days.");
    expect(problem(stake, { amount: "1", days: "a week" }, ctx)).toMatch(/enter a number of days/);
    const staked = ctxOf(state({ stake: parseEther("1"), staked: true, unstakeDelay: 7 * DAY }));
    expect(problem(stake, { amount: "1", days: "1" }, staked)).toBe(
      "Unstake delay: it is 7 days now and cannot be shortened.",
    );
    // With a stake, 0 ETH only lengthens the delay.
    const longer = parsedCall(stake, { amount: "0", days: "14" }, staked);
    expect(longer.decoded.args).toEqual([14 * DAY]);
    expect(longer.value).toBeUndefined();
    expect(stake.start({ council, paymaster: state({ unstakeDelay: 7 * DAY }) }).parse(staked)).toEqual({
      error: "Stake the gas paymaster: enter an amount in ETH.",
    });
  });

  it("unlock the stake: only a locked one", () => {
    const locked = ctxOf(state({ stake: parseEther("1"), staked: true, unstakeDelay: DAY }));
    expect(parsedCall(unlockStake, {}, locked).decoded).toEqual({ functionName: "unlockStake" });
    expect(problem(unlockStake, {}, ctxOf(state()))).toBe(
      "Unlock the gas paymaster's stake: the paymaster holds no stake.",
    );
    const unlocked = state({ stake: parseEther("1"), unstakeDelay: DAY, withdrawTime: EXECUTION });
    expect(problem(unlockStake, {}, ctxOf(unlocked))).toBe(
      "Unlock the gas paymaster's stake: the stake is unlocked already.",
    );
  });

  it("withdraw the stake: once unlocked, and not in the proposal that unlocks it", () => {
    const unlocked = state({ stake: parseEther("1"), unstakeDelay: DAY, withdrawTime: EXECUTION - DAY });
    expect(parsedCall(withdrawStake, { to: TIMELOCK }, ctxOf(unlocked)).decoded).toEqual({
      functionName: "withdrawStake",
      args: [TIMELOCK],
    });
    expect(problem(withdrawStake, { to: FAY }, ctxOf(state()))).toBe(
      "Withdraw the gas paymaster's stake: the paymaster holds no stake.",
    );
    const locked = state({ stake: parseEther("1"), staked: true, unstakeDelay: DAY });
    expect(problem(withdrawStake, { to: FAY }, ctxOf(locked))).toMatch(/: unlock the stake first/);
    const unlocking = ctxOf(locked, [{ target: PAYMASTER, data: call("unlockStake") }]);
    expect(problem(withdrawStake, { to: FAY }, unlocking)).toMatch(/withdraw it in a later proposal\.$/);
    expect(problem(withdrawStake, {}, ctxOf(unlocked))).toBe(
      "Withdraw the gas paymaster's stake: choose the account to receive it.",
    );
  });
});
