// The ContributionLedger's custom errors in plain sentences, from their named arguments (accounts by name).
import { ContributionStatus, type contributionLedgerAbi } from "@cosmolocal/sdk";
import type { ErrorTable } from "../shared/errorWords";
import { formatDate } from "../shared/format";
import { nameOf } from "../shared/names";

export const contributionErrors: ErrorTable<typeof contributionLedgerAbi, void> = {
  UnknownProject: ({ projectId }) => `Project ${projectId} does not exist.`,
  UnknownKind: ({ projectId }) =>
    `That kind of contribution does not exist in project ${projectId}, or it is closed for new contributions.`,
  UnknownContribution: ({ contributionId }) => `Contribution #${contributionId} does not exist.`,
  NotCoordinator: ({ projectId, account }) =>
    `${nameOf(account)} is not a coordinator of project ${projectId}; only coordinators can do this.`,
  NotMember: ({ projectId, account }) =>
    `${nameOf(account)} is not a member of project ${projectId}. A coordinator has to add this account first.`,
  InvalidRole: ({ role }) => `Role ${role} is not a valid role (use member or coordinator).`,
  LastCoordinator: ({ projectId }) =>
    `Project ${projectId} needs at least one coordinator; add another before removing this one.`,
  InvalidQuantity: () => "The quantity must be a whole number greater than zero.",
  InvalidWeight: ({ max }) => `A kind's weight must be between 1 and ${max}.`,
  InvalidQuorum: ({ max }) => `The quorum must be between 1 and ${max} evaluations.`,
  InvalidEvaluationWindow: ({ min, max }) =>
    `The evaluation window must be between ${min / 3600} hours and ${max / 86400} days.`,
  InvalidMinScore: ({ max }) => `The minimum score must be between 1 and ${max}.`,
  EmptyName: () => "The project needs a name.",
  KindArrayLengthMismatch: () => "Every kind needs both a name and a weight.",
  TooManyKinds: ({ max }) => `The project already has the maximum of ${max} kinds.`,
  TooManyIncomeTokens: ({ max }) => `The project already accepts the maximum of ${max} income tokens.`,
  IncomeTokenAlreadyAccepted: () => "The project already accepts this token as income.",
  IncomeTokenNotAccepted: () => "The project does not accept this token as income.",
  NotAnERC20: ({ projectId, token }) =>
    `${nameOf(token)} is not an ERC-20 token (it is a plain wallet, or a contract that does not answer decimals and balanceOf), so project ${projectId} cannot accept it as income.`,
  SignatureExpired: ({ deadline }) =>
    `The signed contribution expired on ${formatDate(Number(deadline))}. Discard it and sign it again.`,
  InvalidSignature: ({ contributor }) =>
    `The signature does not match ${nameOf(contributor)} on this chain and contract.`,
  InvalidNonce: ({ expected, given }) =>
    given < expected
      ? "This signed contribution was already recorded, or another one used its place (nonce). Discard it and sign again if needed."
      : "This signed contribution must wait for an earlier one of yours to be submitted first (nonce).",
  InvalidNonceCancellation: ({ projectId, upToNonce, next }) =>
    upToNonce < next
      ? `Your signatures in project ${projectId} up to nonce ${upToNonce} are already submitted or cancelled (your next nonce is ${next}); there is nothing left to cancel there.`
      : `Nonce ${upToNonce} is the last one and cannot be cancelled.`,
  ScoreOutOfRange: ({ max }) => `A score must be between 0 and ${max}.`,
  SelfEvaluation: () => "You cannot evaluate your own contribution.",
  AlreadyEvaluated: () => "You already evaluated this contribution.",
  EvaluationWindowClosed: ({ contributionId, closesAt }) =>
    `The evaluation window of contribution #${contributionId} closed on ${formatDate(closesAt)}.`,
  EvaluationWindowOpen: ({ contributionId, closesAt }) =>
    `Contribution #${contributionId} can still be evaluated until ${formatDate(closesAt)}.`,
  ContributionNotPending: ({ contributionId, status }) =>
    `Contribution #${contributionId} is already settled (${ContributionStatus[status] ?? "final"}).`,
  NoPointHolders: () =>
    "Nobody holds contribution points in this project yet, so income could not be shared. Accept a contribution first.",
  ZeroAmount: () => "The amount must be greater than zero.",
  IncomeCapExceeded: () => "This deposit would exceed the income the project can account for in this token.",
  PointsCapExceeded: () => "Accepting this contribution would exceed the project's points cap.",
  TransferAmountMismatch: () =>
    "The token delivered a different amount than requested (fee-on-transfer tokens are not supported).",
  SafeERC20FailedOperation: ({ token }) =>
    `The transfer of the token ${nameOf(token)} failed: check your balance and the ledger's allowance.`,
  NothingToClaim: () => "Nothing is owed to you in this token right now.",
  EthTransferFailed: ({ to }) => `Sending ETH to ${nameOf(to)} failed.`,
  ReentrancyGuardReentrantCall: () => "Reentrant call refused.",
  // EIP-712 domain strings (raised only when a ledger is deployed with an over-long name)
  InvalidShortString: () => "The ledger's signing domain name is malformed.",
  StringTooLong: ({ str }) => `The text “${str}” is too long for the ledger's signing domain.`,
};
