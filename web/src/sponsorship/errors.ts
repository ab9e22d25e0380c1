// The MembersPaymaster's custom errors in plain sentences: why the co-op would not pay an operation's gas (the
// bundler relays the paymaster's refusal), and what a budget change was refused for. Members by name, ETH amounts.
import type { membersPaymasterAbi } from "@cosmolocal/sdk";
import type { ErrorTable, WordContext } from "../shared/errorWords";
import { formatAmount } from "../shared/format";

/** An amount of wei as ETH (up to 6 decimals), for budgets and gas costs. */
export const eth = (wei: bigint) => `${formatAmount(wei, 18, 6)} ETH`;

export const sponsorshipErrors: ErrorTable<typeof membersPaymasterAbi, WordContext> = {
  NotCoopMember: ({ account }, { name }) =>
    `The co-op pays gas only for its members, and ${name(account)} is not one (neither a member of its project nor an active member of its credit network). Pay the gas yourself, or ask a coordinator to admit you.`,
  CallTargetNotAllowed: ({ target }, { name }) =>
    `The co-op pays only for calls to its own contracts, and this operation calls ${name(target)}.`,
  UnsupportedAccountCall: ({ selector }) =>
    `The co-op pays only for an account's execute or executeBatch calls; this operation starts with ${selector}.`,
  MalformedAccountCall: () => "The operation's calls are malformed, so the co-op will not pay for it.",
  EmptyBatch: () => "The operation holds no call.",
  TooManyCalls: ({ count, max }) => `The operation holds ${count} calls; the co-op pays for at most ${max} at once.`,
  // While a bundler estimates, `maxCost` is priced at its estimation fees, not the operation's: it is named only
  // when some budget is left.
  BudgetExhausted: ({ member, remaining, maxCost }, { name }) =>
    remaining === 0n
      ? `${name(member)}'s gas budget for this period is spent. A coordinator can raise it, or pay the gas yourself.`
      : `${name(member)} has ${eth(remaining)} of gas budget left this period, and this operation may cost up to ${eth(maxCost)}. A coordinator can raise the budget, or pay the gas yourself.`,
  PeriodClosed: ({ period, latest }) =>
    `The operation was prepared for budget period ${period}, but period ${latest} has begun. Try again.`,
  PeriodOutOfRange: ({ period }) => `Budget period ${period} lies too far in the future.`,
  InvalidPaymasterData: ({ length }) =>
    `The operation's paymaster data is ${length} bytes long; the co-op's paymaster expects 56 (a budget period).`,
  PostOpGasLimitTooLow: ({ limit, min }) =>
    `The operation leaves the paymaster ${limit} gas to book its cost; it needs at least ${min}.`,
  NotBudgetAdmin: ({ account }, { name }) =>
    `${name(account)} may not set gas budgets: only the project's coordinators and the council may.`,
  BudgetAboveCoordinatorCap: ({ amount, cap }) =>
    `A coordinator may give a member at most ${eth(cap)} per period; ${eth(amount)} needs a council decision.`,
  BudgetTooLarge: ({ amount, max }) => `${eth(amount)} is more than the largest budget (${eth(max)}).`,
  NoMembershipSource: () => "The paymaster needs a contribution project or a credit network to read members from.",
  InvalidProject: ({ projectId }) => `Project ${projectId} cannot be the paymaster's membership source.`,
  InvalidPeriodLength: () => "A budget period must last at least one second.",
  InvalidCallTarget: ({ target }, { name }) =>
    `${name(target)} cannot be a call target: the paymaster, the EntryPoint and the zero address never are.`,
  OwnableUnauthorizedAccount: ({ account }, { name }) =>
    `${name(account)} may not do this: only the council (through its timelock) may.`,
  OwnableInvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot own the paymaster.`,
};
