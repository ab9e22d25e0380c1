// Turns anything a wallet, the node or the ledger throws into one plain sentence. Custom errors of the
// ContributionLedger are decoded from the generated ABI (viem's BaseError.walk → ContractFunctionRevertedError,
// or decodeErrorResult on raw revert data) and explained per error name.
import { contributionLedgerAbi, ContributionStatus, mockERC20Abi } from "@cosmolocal/sdk";
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  InsufficientFundsError,
  UserRejectedRequestError,
  type Hex,
} from "viem";
import { formatDate, shortAddress } from "./format";

type Args = readonly unknown[];
const s = (v: unknown) => String(v);
const who = (v: unknown) => shortAddress(String(v));

const MESSAGES: Record<string, (a: Args) => string> = {
  UnknownProject: (a) => `Project ${s(a[0])} does not exist.`,
  UnknownKind: (a) =>
    `That kind of contribution does not exist in project ${s(a[0])}, or it is closed for new contributions.`,
  UnknownContribution: (a) => `Contribution #${s(a[0])} does not exist.`,
  NotCoordinator: (a) => `${who(a[1])} is not a coordinator of project ${s(a[0])}; only coordinators can do this.`,
  NotMember: (a) => `${who(a[1])} is not a member of project ${s(a[0])}. A coordinator has to add this account first.`,
  InvalidRole: (a) => `Role ${s(a[0])} is not a valid role (use member or coordinator).`,
  LastCoordinator: (a) => `Project ${s(a[0])} needs at least one coordinator; add another before removing this one.`,
  InvalidQuantity: () => "The quantity must be a whole number greater than zero.",
  InvalidWeight: (a) => `A kind's weight must be between 1 and ${s(a[1])}.`,
  InvalidQuorum: (a) => `The quorum must be between 1 and ${s(a[1])} evaluations.`,
  InvalidEvaluationWindow: (a) =>
    `The evaluation window must be between ${Number(a[1]) / 3600} hours and ${Number(a[2]) / 86400} days.`,
  InvalidMinScore: (a) => `The minimum score must be between 1 and ${s(a[1])}.`,
  EmptyName: () => "The project needs a name.",
  KindArrayLengthMismatch: () => "Every kind needs both a name and a weight.",
  TooManyKinds: (a) => `The project already has the maximum of ${s(a[1])} kinds.`,
  TooManyIncomeTokens: (a) => `The project already accepts the maximum of ${s(a[1])} income tokens.`,
  IncomeTokenAlreadyAccepted: () => "The project already accepts this token as income.",
  IncomeTokenNotAccepted: () => "The project does not accept this token as income.",
  SignatureExpired: (a) =>
    `The signed contribution expired on ${formatDate(Number(a[0]))}. Discard it and sign it again.`,
  InvalidSignature: (a) => `The signature does not match ${who(a[0])} on this chain and contract.`,
  InvalidNonce: (a) =>
    BigInt(a[2] as bigint) < BigInt(a[1] as bigint)
      ? "This signed contribution was already recorded, or another one used its place (nonce). Discard it and sign again if needed."
      : "This signed contribution must wait for an earlier one of yours to be submitted first (nonce).",
  ScoreOutOfRange: (a) => `A score must be between 0 and ${s(a[1])}.`,
  SelfEvaluation: () => "You cannot evaluate your own contribution.",
  AlreadyEvaluated: () => "You already evaluated this contribution.",
  EvaluationWindowClosed: (a) =>
    `The evaluation window of contribution #${s(a[0])} closed on ${formatDate(Number(a[1]))}.`,
  EvaluationWindowOpen: (a) => `Contribution #${s(a[0])} can still be evaluated until ${formatDate(Number(a[1]))}.`,
  ContributionNotPending: (a) =>
    `Contribution #${s(a[0])} is already settled (${ContributionStatus[Number(a[1])] ?? "final"}).`,
  NoPointHolders: () =>
    "Nobody holds contribution points in this project yet, so income could not be shared. Accept a contribution first.",
  ZeroAmount: () => "The amount must be greater than zero.",
  IncomeCapExceeded: () => "This deposit would exceed the income the project can account for in this token.",
  PointsCapExceeded: () => "Accepting this contribution would exceed the project's points cap.",
  TransferAmountMismatch: () =>
    "The token delivered a different amount than requested (fee-on-transfer tokens are not supported).",
  NothingToClaim: () => "Nothing is owed to you in this token right now.",
  EthTransferFailed: (a) => `Sending ETH to ${who(a[0])} failed.`,
  // OpenZeppelin ERC-20 errors, as raised by the demo token
  ERC20InsufficientBalance: () => "Your token balance is too low for this amount.",
  ERC20InsufficientAllowance: () => "The ledger is not allowed to move that many of your tokens yet (approve first).",
  ReentrancyGuardReentrantCall: () => "Reentrant call refused.",
};

export interface DecodedError {
  /** The custom error's name when the ledger reverted with one. */
  name?: string;
  message: string;
}

export function explainError(err: unknown): DecodedError {
  if (err instanceof BaseError) {
    if (err.walk((e) => e instanceof UserRejectedRequestError))
      return { name: "UserRejected", message: "You declined the request in your wallet." };
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      let name = reverted.data?.errorName;
      let args: Args = reverted.data?.args ?? [];
      if (!name && reverted.raw) {
        const decoded = tryDecode(reverted.raw);
        if (decoded) ({ name, args } = decoded);
      }
      if (name) return { name, message: MESSAGES[name]?.(args) ?? `The contract refused: ${name}.` };
      if (reverted.reason) return { message: `The contract refused: ${reverted.reason}.` };
    }
    if (err.walk((e) => e instanceof HttpRequestError))
      return { name: "Network", message: "The network node could not be reached. Try again in a moment." };
    if (err.walk((e) => e instanceof InsufficientFundsError))
      return {
        name: "InsufficientFunds",
        message: "Your account does not hold enough ETH for this amount plus the network fee.",
      };
    // Raw revert data somewhere in the chain (e.g. from a wallet that wraps the RPC error).
    const withData = err.walk((e) => typeof (e as { data?: unknown }).data === "string") as { data?: string } | null;
    if (withData?.data) {
      const decoded = tryDecode(withData.data as Hex);
      if (decoded)
        return {
          name: decoded.name,
          message: MESSAGES[decoded.name]?.(decoded.args) ?? `The contract refused: ${decoded.name}.`,
        };
    }
    return { message: err.shortMessage || err.message };
  }
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}

function tryDecode(data: Hex): { name: string; args: Args } | undefined {
  try {
    const r = decodeErrorResult({ abi: [...contributionLedgerAbi, ...mockERC20Abi], data });
    return { name: r.errorName, args: (r.args ?? []) as Args };
  } catch {
    return undefined;
  }
}
