// The ERC-20 errors (OpenZeppelin's, as the demo token raises them) in plain sentences, for every module that moves
// tokens: the ledger's, the market's and the design commons' allowances are named by the spender.
import type { mockERC20Abi } from "@cosmolocal/sdk";
import { designsAddress } from "../../designs/contracts";
import { impactMarketAddress } from "../../impact/contracts";
import { ledgerAddress } from "../../contribution/contracts";
import type { ErrorTable, WordContext } from "../errorWords";
import { sameAddress } from "../format";

const spenderName = (spender: string, { name }: Pick<WordContext, "name">) =>
  sameAddress(spender, ledgerAddress)
    ? "The ledger"
    : sameAddress(spender, impactMarketAddress)
      ? "The market"
      : sameAddress(spender, designsAddress)
        ? "The design commons"
        : name(spender);

export const tokenErrors: ErrorTable<typeof mockERC20Abi, Pick<WordContext, "name">> = {
  ERC20InsufficientBalance: () => "Your token balance is too low for this amount.",
  ERC20InsufficientAllowance: ({ spender }, ctx) =>
    `${spenderName(spender, ctx)} is not allowed to move that many of your tokens yet: approve the amount first.`,
  ERC20InvalidApprover: ({ approver }, { name }) => `${name(approver)} cannot approve a spender.`,
  ERC20InvalidSpender: ({ spender }, { name }) => `${name(spender)} cannot be allowed to spend tokens.`,
  ERC20InvalidSender: ({ sender }, { name }) => `${name(sender)} cannot send tokens.`,
  ERC20InvalidReceiver: ({ receiver }, { name }) => `${name(receiver)} cannot receive tokens.`,
};
