// The co-op's gas paymaster as the council's proposals' calls to it read (its owner is the council's timelock), and
// the system's contracts by the names those calls give them (the call targets the council sponsors or stops), and
// the making of such a call.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, encodeFunctionData, type ContractFunctionArgs, type ContractFunctionName } from "viem";
import { callsTo, type GovernedContract, type Parsed, type ProposalContext } from "../../council/actions/action";
import { ownershipCallWords } from "../../council/actions/ownership";
import type { CouncilCall } from "../../council/writes";
import { formatDuration } from "../../shared/format";
import { contractName, paymasterAddress } from "../contracts";

export { contractName, SYSTEM_CONTRACTS, type SystemContract } from "../contracts";
import { eth } from "../errors";

export const membersPaymaster: GovernedContract = {
  name: "The co-op's gas paymaster",
  address: paymasterAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: membersPaymasterAbi, data });
    switch (c.functionName) {
      case "allowCallTarget":
        return `Sponsor members' calls to ${contractName(c.args[0])}`;
      case "removeCallTarget":
        return `Stop sponsoring members' calls to ${contractName(c.args[0])}`;
      case "setDefaultBudget":
        return `Set every member's gas budget to ${eth(c.args[0])} per period (a budget of their own stays)`;
      case "setCoordinatorBudgetCap":
        return c.args[0] === 0n
          ? "Stop coordinators from setting members' gas budgets"
          : `Let coordinators give a member up to ${eth(c.args[0])} of gas budget per period`;
      case "setMemberBudget":
        return c.args[1] === 0n
          ? `Stop paying ${contractName(c.args[0])}'s gas (a budget of 0)`
          : `Set ${contractName(c.args[0])}'s gas budget to ${eth(c.args[1])} per period`;
      case "clearMemberBudget":
        return `Return ${contractName(c.args[0])} to the default gas budget`;
      case "withdrawTo":
        return `Withdraw ${eth(c.args[1])} of the gas deposit to ${contractName(c.args[0])}`;
      case "deposit":
        return "Top up the gas deposit at the EntryPoint";
      case "addStake":
        return `Stake the paymaster at the EntryPoint, unstake delay ${formatDuration(c.args[0])}`;
      case "unlockStake":
        return "Unlock the paymaster's stake (withdrawable after the unstake delay; bundlers stop taking it as staked)";
      case "withdrawStake":
        return `Withdraw the paymaster's unlocked stake to ${contractName(c.args[0])}`;
      default:
        return (
          ownershipCallWords(c, "the gas paymaster", "no one could withdraw its deposit or change it again") ??
          `Gas paymaster: ${c.functionName}`
        );
    }
  },
};

type Write = ContractFunctionName<typeof membersPaymasterAbi, "nonpayable" | "payable">;

/** The proposal's call `functionName(...args)` to the paymaster, sending `value` wei from the treasury, in words. */
export function paymasterCall<F extends Write>(
  functionName: F,
  args: ContractFunctionArgs<typeof membersPaymasterAbi, "nonpayable" | "payable", F>,
  ctx: ProposalContext,
  value = 0n,
): Parsed<CouncilCall[]> {
  const data = encodeFunctionData({ abi: membersPaymasterAbi, functionName, args } as never);
  return callsTo(membersPaymaster, [{ data, value }], ctx);
}
