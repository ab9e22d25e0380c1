// The DesignCommons' custom errors (its own, the licence token's, ownership's, reentrancy's and token transfer's it
// inherits, and the ledger's a release bubbles up) in plain sentences: what was refused and what the person can do.
// Accounts and tokens by name, ETH sent in ETH, token amounts in the fee's currency; the context they are worded in.
import type { contributionLedgerAbi, designCommonsAbi } from "@cosmolocal/sdk";
import { isAddress, type Address } from "viem";
import type { TokenInfo } from "../shared/data/tokens";
import { baseUnits, type ErrorTable, type WordContext } from "../shared/errorWords";
import { formatDate, formatInt, isEth } from "../shared/format";
import { nameOf } from "../shared/names";
import { contractName } from "../sponsorship/contracts";
import { eth } from "../sponsorship/errors";
import { amountIn, bpsText } from "./fees";

/** How the module words: accounts and tokens by name, amounts in `currency` (base units when a call pays none). */
export const designsContext = (currency?: TokenInfo): WordContext => ({
  name: (account) => (isAddress(account) ? contractName(account) : nameOf(account)),
  amount: currency ? amountIn(currency) : baseUnits,
});

/** A fee's currency by name: ETH for the zero address, else the token's name. */
const currencyName = (currency: Address, { name }: Pick<WordContext, "name">) =>
  isEth(currency) ? "ETH" : name(currency);

/** The ledger's errors a fee's deposit or a release bubbles up (the design commons deposits income into the ledger). */
type LedgerBubbled = Extract<
  (typeof contributionLedgerAbi)[number],
  { type: "error"; name: "NoPointHolders" | "IncomeCapExceeded" }
>;
/** The errors a call to the design commons reverts with: its own, those it inherits, and the ledger's it bubbles up. */
export type DesignsErrorAbi = readonly ((typeof designCommonsAbi)[number] | LedgerBubbled)[];

export const designsErrors: ErrorTable<DesignsErrorAbi, WordContext> = {
  EmptyContentHash: () => "The design has no content hash: add its files, so they are hashed, before registering it.",
  ContentAlreadyRegistered: ({ designId }) =>
    `These files are registered already, as design #${designId}. Register changed files, or a derivative that names design #${designId} as its parent.`,
  NotProjectMember: ({ projectId, account }, { name }) =>
    `${name(account)} is not a member of project ${projectId}: only its members register its designs. Ask one of its coordinators to add you.`,
  NotProjectCoordinator: ({ projectId, account }, { name }) =>
    `${name(account)} is not a coordinator of project ${projectId}: only its coordinators change the terms of its designs.`,
  UnknownDesign: ({ designId }) => `Design #${designId} does not exist.`,
  DuplicateParent: ({ parentId }) => `Design #${parentId} is named twice as a parent. Name each parent once.`,
  TooManyAncestors: ({ count, max }) =>
    `A design records at most ${max} ancestors (its parents and their ancestors), and this one would record ${count}. Derive it from fewer designs.`,
  AncestorSharesTooHigh: ({ shareBps, max }) =>
    `The designs this one derives from ask ${bpsText(shareBps)} of its fees together, more than the ${bpsText(max)} a derivative may give its ancestors. Derive it from fewer designs, or ask their coordinators to lower the share their terms ask of derivatives.`,
  DerivativeShareTooHigh: ({ shareBps, max }) =>
    `The terms ask ${bpsText(shareBps)} of each derivative's fees; a design may ask at most ${bpsText(max)}.`,
  InvalidDuration: ({ licenceDuration }) =>
    licenceDuration === 0
      ? "A licence must last some time: set how long a licence lasts."
      : "A fee per period needs a period: set how long one period of use lasts.",
  CurrencyNotAccepted: ({ projectId, currency }, ctx) =>
    `Project ${projectId} does not accept ${currencyName(currency, ctx)} as income, so its share of the fees could not reach its contributors. Choose ETH or a token that the design's project and every ancestor's project accept, or ask project ${projectId}'s coordinators to accept it.`,
  InvalidEntity: ({ entity }, { name }) =>
    isEth(entity)
      ? "The zero address cannot be accredited as a commons entity: choose the entity's account."
      : `${name(entity)} is not accredited as a commons entity, so there is no accreditation to withdraw.`,
  LicenceStillValid: ({ designId, licensee, licenceId }, { name }) =>
    `${name(licensee)} holds licence #${licenceId} on design #${designId} already, and it is still valid. Use it: a new licence can be taken once it expires.`,
  UnknownLicence: ({ licenceId }) => `Licence #${licenceId} does not exist.`,
  NotLicensee: ({ licenceId, account }, { name }) =>
    `${name(account)} does not hold licence #${licenceId}: only its licensee reports production and pays under it. Switch to that account.`,
  LicenceExpired: ({ licenceId, expiresAt }) =>
    `Licence #${licenceId} expired on ${formatDate(expiresAt)}: it no longer reports production or pays. Take a new licence on the design.`,
  LicenceNotTransferable: ({ licenceId }) =>
    `Licence #${licenceId} cannot be transferred: a licence stays with the one who took it. Anyone else takes a licence of their own.`,
  ZeroQuantity: () => "Enter at least one: a report needs one unit produced or more, a payment one period or more.",
  PeriodsBeyondExpiry: ({ licenceId, expiresAt }) =>
    `Licence #${licenceId} expires on ${formatDate(expiresAt)}, and the last of these periods would start at or after that. Pay for fewer periods, or take a new licence once this one expires.`,
  NoPeriodFee: ({ licenceId }) =>
    `Licence #${licenceId} owes no fee per period (it is a commons licence, or its terms ask none): there is nothing to pay for periods.`,
  IncorrectPayment: ({ expected, sent }) =>
    expected === 0n
      ? `This payment takes no ETH (its fee is in a token, or there is none), but ${eth(sent)} came with it. Send it again without ETH.`
      : `The fee is ${eth(expected)}, but ${eth(sent)} came with it. Send exactly the fee: reload, as the licence may have changed since the form read it.`,
  TransferAmountMismatch: ({ token, expected, received }, ctx) =>
    `${currencyName(token, ctx)} delivered ${ctx.amount(received)} of a fee of ${ctx.amount(expected)}: tokens that keep part of a transfer cannot pay licence fees. Pay in another currency the design accepts.`,
  NothingHeld: ({ projectId, currency }, ctx) =>
    `Nothing in ${currencyName(currency, ctx)} is held for project ${projectId}: there is nothing to release.`,
  AmountTooLarge: ({ amount, max }) =>
    `This would bring the licence's units reported or fees paid to ${formatInt(amount)}, above the ${formatInt(max)} it can record. Report a smaller quantity.`,
  InvalidReportOperator: ({ operator }, { name }) =>
    isEth(operator)
      ? "The zero address cannot report production for you: choose the operator's address (e.g. the cluster exchange)."
      : `${name(operator)} is your own account: you report your production yourself, so it needs no approval as your operator.`,
  InvalidOwedPayment: ({ licenceId, amount, owed }, ctx) =>
    owed === 0n
      ? `Licence #${licenceId} owes nothing for reported production: there is nothing to pay.`
      : amount === 0n
        ? `Enter an amount to pay: licence #${licenceId} owes ${ctx.amount(owed)} for reported production.`
        : `Licence #${licenceId} owes ${ctx.amount(owed)} for reported production, less than the ${ctx.amount(amount)} entered. Pay at most what it owes.`,
  // Bubbled up from the ledger, when a share is deposited as a project's income.
  NoPointHolders: ({ projectId }) =>
    `Nobody holds contribution points in project ${projectId} yet, so what is held for it cannot become its income. It stays held for the project: release it once a contribution of the project is accepted.`,
  IncomeCapExceeded: ({ projectId, token }, ctx) =>
    `Project ${projectId}'s income in ${currencyName(token, ctx)} would exceed what the ledger can account for. Pay in another currency the design accepts.`,
  // Inherited: the licence token (ERC-721, never moving), the ownership (the council's timelock), the guards.
  ERC721IncorrectOwner: ({ sender, tokenId, owner }, { name }) =>
    `Licence #${tokenId} is held by ${name(owner)}, not ${name(sender)}; and a licence never moves.`,
  ERC721InsufficientApproval: ({ operator, tokenId }, { name }) =>
    `${name(operator)} may not move licence #${tokenId}: licences are not transferable.`,
  ERC721InvalidApprover: ({ approver }, { name }) => `${name(approver)} cannot approve anyone for a licence.`,
  ERC721InvalidOperator: ({ operator }, { name }) => `${name(operator)} cannot be approved to manage licences.`,
  ERC721InvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot hold licences.`,
  ERC721InvalidReceiver: ({ receiver }, { name }) => `${name(receiver)} cannot receive a licence.`,
  ERC721InvalidSender: ({ sender }, { name }) =>
    `A licence cannot come from ${name(sender)}: a licence is issued once, when it is taken.`,
  ERC721NonexistentToken: ({ tokenId }) => `Licence #${tokenId} does not exist.`,
  OwnableUnauthorizedAccount: ({ account }, { name }) =>
    `${name(account)} may not do this: only the council (through its timelock) accredits commons entities.`,
  OwnableInvalidOwner: ({ owner }, { name }) => `${name(owner)} cannot own the design commons.`,
  ReentrancyGuardReentrantCall: () =>
    "The design commons refused a payment made from inside another of its payments. Pay in a transaction of its own.",
  SafeERC20FailedOperation: ({ token }, { name }) =>
    `The transfer of ${name(token)} failed: check your balance, and that the design commons may take the fee (approve it first).`,
};
