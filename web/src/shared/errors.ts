// Turns anything a wallet, the node or a contract throws into one plain sentence. Custom errors of the
// ContributionLedger, the CreditNetwork, the ResourceRegistry, the thresholds council (Governor, seats, timelock) and
// the impact module (ImpactRegistry, ImpactMarket, RetirementCertificates) are decoded from the generated ABIs (viem's BaseError.walk →
// ContractFunctionRevertedError, or decodeErrorResult on raw revert data) and explained per error name, with
// their arguments: accounts by name, amounts in the contract's unit.
import {
  ClaimStatus,
  contributionLedgerAbi,
  ContributionStatus,
  councilSeatAbi,
  councilTimelockAbi,
  creditNetworkAbi,
  impactMarketAbi,
  impactRegistryAbi,
  mockERC20Abi,
  ObligationStatus,
  resourceRegistryAbi,
  retirementCertificatesAbi,
  thresholdsCouncilAbi,
} from "@cosmolocal/sdk";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  HttpRequestError,
  InsufficientFundsError,
  keccak256,
  stringToHex,
  UserRejectedRequestError,
  type Hex,
} from "viem";
import {
  certificatesAddress,
  councilAddress,
  creditAddress,
  impactMarketAddress,
  impactRegistryAddress,
  registryAddress,
  seatAddress,
  timelockAddress,
} from "./config";
import { formatDate, formatInt, sameAddress, shortAddress } from "./format";
import { nameOf } from "./names";

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
  NotAnERC20: (a) =>
    `${who(a[1])} is not an ERC-20 token (it is a plain wallet, or a contract that does not answer decimals and balanceOf), so project ${s(a[0])} cannot accept it as income.`,
  SignatureExpired: (a) =>
    `The signed contribution expired on ${formatDate(Number(a[0]))}. Discard it and sign it again.`,
  InvalidSignature: (a) => `The signature does not match ${who(a[0])} on this chain and contract.`,
  InvalidNonce: (a) =>
    BigInt(a[2] as bigint) < BigInt(a[1] as bigint)
      ? "This signed contribution was already recorded, or another one used its place (nonce). Discard it and sign again if needed."
      : "This signed contribution must wait for an earlier one of yours to be submitted first (nonce).",
  InvalidNonceCancellation: (a) =>
    BigInt(a[2] as bigint) < BigInt(a[3] as bigint)
      ? `Your signatures in project ${s(a[0])} up to nonce ${s(a[2])} are already submitted or cancelled (your next nonce is ${s(a[3])}); there is nothing left to cancel there.`
      : `Nonce ${s(a[2])} is the last one and cannot be cancelled.`,
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

/** How to word an error's arguments: amounts in the contract's unit, accounts and resources by name. */
export interface ErrorContext {
  /** Which contract's wording to use where two contracts share an error name (default: by the reverting address). */
  contract?: "ledger" | "credit" | "resource" | "council" | "impact";
  /** An amount in the contract's unit (for the impact market: the listing's or round's currency). */
  amount?: (value: bigint) => string;
  name?: (account: string) => string;
  /** A resource's name by id (ResourceRegistry errors). */
  resource?: (resourceId: bigint) => string;
}

const STEWARD_ROLE = keccak256(stringToHex("STEWARD_ROLE"));
const UINT40_MAX = (1n << 40n) - 1n;
const big = (v: unknown) => BigInt(v as bigint);
/** A keyed credit nonce (counterparty address << 64 | sequence) as "sequence n"; plain nonces as they are. */
export const shortNonce = (v: unknown) => {
  const nonce = big(v);
  return nonce >> 64n === 0n ? nonce.toString() : `#${(nonce & ((1n << 64n) - 1n)).toString()}`;
};

function creditMessages(ctx: ErrorContext): Record<string, (a: Args) => string> {
  const amt = (v: unknown) => (ctx.amount ? ctx.amount(big(v)) : big(v).toString());
  const n = (v: unknown) => (ctx.name ?? nameOf)(String(v));
  const status = (v: unknown) => ObligationStatus[Number(v)] ?? `status ${s(v)}`;
  return {
    NotMember: (a) => `${n(a[0])} is not a member of the credit network. A steward has to admit this account first.`,
    AlreadyMember: (a) => `${n(a[0])} is already a member of the credit network.`,
    MemberIsSuspended: (a) =>
      `${n(a[0])} is suspended and may only settle: every step must shrink their debts or claims, not take on new credit.`,
    MemberNotSuspended: (a) => `${n(a[0])} is not suspended, so there is nothing to reinstate.`,
    SelfDealing: (a) =>
      `${n(a[0])} would deal with themself: a credit line, payment hop or obligation needs two different members.`,
    ZeroAmount: () => "The amount must be greater than zero.",
    AmountTooLarge: (a) =>
      big(a[1]) === UINT40_MAX
        ? "The due date is too far in the future."
        : `${amt(a[0])} is more than the largest amount allowed here (${amt(a[1])}).`,
    CreditOfferMismatch: (a) =>
      big(a[2]) === 0n
        ? `${n(a[0])} has no pending offer for ${n(a[1])} any more (it was withdrawn, declined or already accepted).`
        : `${n(a[0])} now offers ${n(a[1])} ${amt(a[2])}, not ${amt(a[3])}: the offer changed. Look at it again before accepting.`,
    NoCreditOffer: (a) => `There is no pending credit line offer from ${n(a[0])} to ${n(a[1])}.`,
    CreditLineNotAccepted: (a) =>
      `${n(a[1])} would owe ${n(a[0])}, but ${n(a[0])} has given ${n(a[1])} no accepted credit line.`,
    CreditLimitExceeded: (a) =>
      `Hop ${big(a[0]) + 1n}: ${n(a[1])} would owe ${n(a[2])} ${amt(a[4])} but the line allows ${amt(a[3])}.`,
    NoCreditLine: (a) => `There is no credit line ${n(a[0])} → ${n(a[1])} to lower or close (and no pending offer).`,
    CreditLineInUse: (a) =>
      `The line ${n(a[0])} → ${n(a[1])} cannot be closed while ${n(a[1])} owes ${n(a[0])} ${amt(a[2])}. Lower it instead, or close it once that is repaid.`,
    InvalidPathLength: (a) =>
      big(a[0]) === 0n
        ? "The payment path is empty: choose whom to pay."
        : `The payment path has ${s(a[0])} hops; at most ${s(a[1])} are allowed.`,
    PathEndMismatch: (a) => `The payment path ends at ${n(a[0])} but must end at ${n(a[1])}, the creditor.`,
    NotParty: (a) => `${n(a[0])} is not a party to this (only ${n(a[1])} and ${n(a[2])} are).`,
    UnknownObligation: (a) => `Obligation #${s(a[0])} does not exist.`,
    WrongObligationStatus: (a) =>
      `Obligation #${s(a[0])} is ${status(a[1]).toLowerCase()}; this needs it to be ${status(a[2]).toLowerCase()}.`,
    ProposerCannotAccept: (a) => `${n(a[1])} recorded obligation #${s(a[0])}, so the other party has to accept it.`,
    CancelAlreadyRequested: (a) =>
      `${n(a[1])} already agreed to cancel obligation #${s(a[0])}; it is cancelled once the other party agrees too.`,
    PaymentExceedsObligation: (a) =>
      `Paying ${amt(a[2])} is more than the ${amt(a[1])} still owed on obligation #${s(a[0])}.`,
    SignatureExpired: (a) => `The signed terms expired on ${formatDate(Number(a[0]))}. Ask for newly signed terms.`,
    InvalidSignature: (a) =>
      `This is not ${n(a[0])}'s signature of these terms on this chain and network (or the terms were changed after signing).`,
    InvalidAccountNonce: (a) =>
      `These signed terms were already recorded or cancelled by ${n(a[0])}, or they wait for earlier terms of ${n(a[0])} to be recorded first (next nonce ${shortNonce(a[1])}). Ask for newly signed terms.`,
    NonceKeyMismatch: (a) =>
      `${n(a[0])} signed these terms with a nonce meant for someone else (${shortNonce(a[2])}), so ${n(a[1])} cannot record them. Ask for newly signed terms.`,
    NonceNotNext: (a) =>
      big(a[2]) < big(a[3])
        ? `Nonce ${shortNonce(a[2])} of ${n(a[0])} towards ${n(a[1])} is already used (recorded or cancelled): those terms can no longer be recorded, there is nothing to cancel.`
        : `Only ${n(a[0])}'s next nonce towards ${n(a[1])} (${shortNonce(a[3])}) can be cancelled; cancel that one first.`,
    EmptyBatch: () => "The clearing batch is empty: there is nothing to set off.",
    DuplicateEdge: (a) => `Set-off ${big(a[0]) + 1n} repeats obligation #${s(a[1])}.`,
    EdgesNotSorted: (a) =>
      `Set-off ${big(a[0]) + 1n} (obligation #${s(a[1])}) is out of order: set-offs must be ascending by obligation.`,
    CreditMovesNotSorted: (a) =>
      `Credit move ${big(a[0]) + 1n} (${n(a[1])} → ${n(a[2])}) repeats another or is out of order.`,
    SetOffExceedsRemaining: (a) =>
      `The batch sets off ${amt(a[2])} of obligation #${s(a[0])} but only ${amt(a[1])} remains: the obligations changed since the solution was computed. Run the solver again.`,
    VertexNotConserved: (a) =>
      `The batch would change ${n(a[0])}'s net position by ${big(a[1]) < 0n ? "−" : "+"}${amt(big(a[1]) < 0n ? -big(a[1]) : big(a[1]))}; clearing must leave every position unchanged.`,
    ClearingNotConsented: (a) =>
      `${n(a[0])} has not consented to clearing, so their obligations cannot be set off in a batch.`,
    LiquidityNotOffered: (a) => `${n(a[0])} has not offered their credit lines as clearing liquidity.`,
    AccessControlBadConfirmation: () => "A role can only be renounced by the account that holds it, for itself.",
    // EIP-712 domain strings (raised only when a network is deployed with an over-long name)
    InvalidShortString: () => "The network's signing domain name is malformed.",
    StringTooLong: (a) => `The text “${s(a[0])}” is too long for the network's signing domain.`,
    AccessControlUnauthorizedAccount: (a) =>
      String(a[1]).toLowerCase() === STEWARD_ROLE
        ? `${n(a[0])} is not a steward: only stewards admit, suspend and reinstate members.`
        : `${n(a[0])} lacks the role this needs.`,
  };
}

/** Governor proposal states, as OpenZeppelin's `IGovernor.ProposalState` enum. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
const TIMELOCK_STATES = ["unset", "waiting", "ready", "done"];
/** The names whose bit is set in an OpenZeppelin state bitmap (bit i = state i). */
const statesIn = (bitmap: unknown, names: readonly string[]) =>
  names.filter((_, i) => (BigInt(bitmap as Hex) >> BigInt(i)) & 1n);
const pct = (bps: unknown) => `${Number(bps) / 100} %`;

function resourceMessages(ctx: ErrorContext): Record<string, (a: Args) => string> {
  const amt = (v: unknown) => (ctx.amount ? ctx.amount(big(v)) : big(v).toString());
  const n = (v: unknown) => (ctx.name ?? nameOf)(String(v));
  const res = (v: unknown) => (ctx.resource ? ctx.resource(big(v)) : `resource ${s(v)}`);
  const day = (v: unknown) => Math.round(Number(v) / 86400);
  return {
    CallerNotCouncil: (a) =>
      `${n(a[0])} is not the council: parameters and accreditations change only through a council proposal (its timelock).`,
    UnknownResource: (a) => `Resource ${s(a[0])} does not exist.`,
    RuleOutOfOrder: (a) =>
      `The limit biomass Blim (${amt(a[0])}) must be below the precautionary biomass Bpa (${amt(a[1])}).`,
    TargetRateTooHigh: (a) => `A target fishing rate F of ${Number(big(a[0])) / 1e18} is above 1 (the whole biomass).`,
    BasisPointsOutOfRange: (a) => `${pct(a[0])} is above 100 %.`,
    ZeroConcentrationCap: () => "The concentration cap must be above 0 %.",
    ZeroSeasonLength: () => "A season must last longer than 0 days.",
    FirstSeasonInPast: (a) =>
      `Season 1 would open on ${formatDate(Number(a[0]))}, which is not after the chain's time (${formatDate(Number(a[1]))}). Choose a later first season start.`,
    TooManyClosedPeriods: (a) => `${s(a[0])} closed periods are too many: at most ${s(a[1])}.`,
    ClosedPeriodOutOfOrder: (a) =>
      `Closed period ${big(a[0]) + 1n} (days ${day(a[1])}–${day(a[2])}) is empty, overlaps the one before, or ends after the season.`,
    InvalidInitialHolders: () => "Every initial holder needs an account (listed once) and at least one quota share.",
    InvalidTotalShares: (a) => `${s(a[0])} quota shares in total is out of range (1 to 4,294,967,295).`,
    UnaccreditedAssessor: (a) =>
      `${n(a[1])} is not an accredited science body for ${res(a[0])}; the council accredits science bodies.`,
    StaleSeason: (a) =>
      `Assessments are posted for the next season only, before it opens: season ${s(a[2])} of ${res(a[0])}, not season ${s(a[1])}.`,
    AlreadyAssessed: (a) => `Season ${s(a[1])} of ${res(a[0])} is already assessed.`,
    BiomassTooLarge: (a) => `A biomass of ${amt(a[0])} is too large to record.`,
    UnregisteredBuyer: (a) =>
      `${n(a[1])} is not a registered buyer for ${res(a[0])}; the council registers buyers and ports.`,
    BuyerNotApproved: (a) =>
      `${n(a[1])} has not allowed ${n(a[2])} to record their landings of ${res(a[0])}. The holder approves buyers under "My quota".`,
    NoOpenSeason: (a) => `No season of ${res(a[0])} is open yet: season 1 opens on ${formatDate(Number(a[1]))}.`,
    ClosedPeriodActive: (a) =>
      `${res(a[0])} is in a closed period from ${formatDate(Number(a[1]))} to ${formatDate(Number(a[2]))}: no entitlement moves and nothing is landed.`,
    ConcentrationCapExceeded: (a) =>
      `${n(a[1])} would hold ${amt(a[3])} of ${res(a[0])} this season (entitlement + landed), above the concentration cap of ${amt(a[2])}.`,
    ShareCapExceeded: (a) =>
      `${n(a[1])} would hold ${formatInt(big(a[3]))} quota shares of ${res(a[0])}, above the cap of ${formatInt(big(a[2]))}.`,
    InsufficientEntitlement: (a) =>
      `${n(a[1])} holds ${amt(a[2])} of this season's entitlement, less than the ${amt(a[3])} to transfer.`,
    LandingExceedsEntitlement: (a) =>
      `${n(a[1])} has ${amt(a[2])} of this season's entitlement left, less than the ${amt(a[3])} landed: the quota is used up.`,
    ZeroAmount: () => "The amount must be greater than zero.",
    InvalidRecipient: (a) => `${n(a[0])} cannot receive this entitlement (nobody, or the sender).`,
    NothingToRollOver: (a) => `Season ${s(a[1])} of ${res(a[0])} is already open: there is nothing to roll over.`,
    InvalidCouncil: () => "The council cannot be the zero address.",
    CouncilNotTimelock: (a) =>
      `${n(a[0])} is not a timelock: the council role can only go to a TimelockController, so every change stays behind a vote and a delay.`,
    CallerNotPendingCouncil: (a) =>
      isZero(a[1])
        ? `${n(a[0])} cannot accept the council role: nobody has been offered it.`
        : `${n(a[0])} cannot accept the council role: it was offered to ${n(a[1])}.`,
    NoCouncilHandover: () => "There is no pending offer of the council role to withdraw.",
    ERC1155InsufficientBalance: (a) =>
      `${n(a[0])} holds ${formatInt(big(a[1]))} quota shares, fewer than the ${formatInt(big(a[2]))} to transfer.`,
    ERC1155MissingApprovalForAll: (a) => `${n(a[1])} has not allowed ${n(a[0])} to move their quota shares.`,
    ERC1155InvalidReceiver: (a) => `${n(a[0])} cannot receive quota shares.`,
  };
}

/** Impact units are kg CO2e, shown in tonnes: "116 t", "17.005 t". */
function tonnes(v: unknown): string {
  const kg = big(v);
  const frac = (kg % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${formatInt(kg / 1000n)}${frac ? `.${frac}` : ""} t`;
}

/** A day number (days since 1970-01-01 UTC) as a date. */
const dayText = (v: unknown) =>
  new Date(Number(v) * 86_400_000).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** Methodology and verifier governance errors of the ImpactRegistry (also raised by a council proposal's execution). */
function impactGovernanceMessages(n: (v: unknown) => string): Record<string, (a: Args) => string> {
  return {
    UnknownMethodology: (a) =>
      Number(a[0]) === 0
        ? "Methodology ids start at 1."
        : `Methodology ${s(a[0])} does not exist or is closed for new claims; the council sets methodologies.`,
    InvalidThreshold: (a) => `A methodology needs between 1 and ${s(a[1])} approvals, not ${s(a[0])}.`,
    VerifierSlotsExhausted: (a) =>
      `All ${s(a[0])} verifier slots are taken: a verifier must leave (the council withdraws an accreditation) before another can be accredited.`,
    NotVerifier: (a) => `${n(a[0])} is not an accredited impact verifier; the council accredits verifiers.`,
  };
}

function impactMessages(ctx: ErrorContext): Record<string, (a: Args) => string> {
  const amt = (v: unknown) => (ctx.amount ? ctx.amount(big(v)) : big(v).toString());
  const perTonne = (v: unknown) => `${amt(big(v) * 1000n)}/t`;
  const n = (v: unknown) =>
    sameAddress(String(v), impactMarketAddress) ? "the impact market" : (ctx.name ?? nameOf)(String(v));
  const status = (v: unknown) => (ClaimStatus[Number(v)] ?? `status ${s(v)}`).toLowerCase();
  return {
    ...impactGovernanceMessages(n),
    // ImpactRegistry
    ZeroUnits: () => "The amount must be at least 1 kg CO2e.",
    InvalidPeriod: (a) =>
      Number(a[0]) > Number(a[1])
        ? `The period starts (${dayText(a[0])}) after it ends (${dayText(a[1])}).`
        : `The period ends on ${dayText(a[1])}, after today on chain (${dayText(a[2])}): a claim covers reductions already made.`,
    MissingJurisdiction: () => "Enter the jurisdiction: an ISO 3166 code such as NL or BE-VOV.",
    MissingEvidence: () => "Choose the evidence file: its hash is what the verifiers check.",
    DuplicateEvidence: (a) =>
      `This evidence (hash ${shortAddress(s(a[0]))}) already backs claim #${s(a[1])}: one piece of evidence backs one claim, for good.`,
    DuplicateSerial: (a) =>
      `The external serial “${s(a[0])}” is already recorded on claim #${s(a[1])}: the same reduction cannot be claimed twice.`,
    UnknownClaim: (a) => `Claim #${s(a[0])} does not exist.`,
    ClaimNotPending: (a) =>
      `Claim #${s(a[0])} is ${status(a[1])}: only a submitted claim takes attestations and rejections.`,
    ClaimNotVerified: (a) => `Claim #${s(a[0])} is ${status(a[1])}: only a verified claim can be revoked.`,
    VerifierIsClaimant: (a) => `${n(a[1])} submitted claim #${s(a[0])}, so cannot verify, reject or revoke it.`,
    AlreadyVoted: (a) => `${n(a[1])} has already attested or rejected claim #${s(a[0])}.`,
    AttestedAboveClaimed: (a) =>
      `An attestation of ${tonnes(a[2])} is more than the ${tonnes(a[1])} claimed in claim #${s(a[0])}: a verifier stands behind at most the claimed amount.`,
    RevocationExceedsVerified: (a) =>
      `That would revoke ${tonnes(a[2])} of claim #${s(a[0])} in all, more than the ${tonnes(a[1])} verified.`,
    SignatureExpired: (a) =>
      `The signed attestation expired on ${formatDate(Number(a[0]))}. Ask the verifier to sign it again.`,
    NonceAlreadyUsed: (a) =>
      `This signed attestation of ${n(a[0])} was already submitted, or the verifier voided it (nonce ${shortAddress(s(a[1]))} used).`,
    InvalidSignature: (a) =>
      `This is not ${n(a[0])}'s signature of this attestation on this chain and registry (or the attestation was changed after signing).`,
    UnitsFrozen: (a) =>
      `${tonnes(a[2])} of ${n(a[1])}'s units of claim #${s(a[0])} are frozen by a revocation: of the ${tonnes(a[3])} held, ${tonnes(big(a[3]) > big(a[2]) ? big(a[3]) - big(a[2]) : 0n)} can move, not ${tonnes(a[4])}.`,
    ClaimFullyRevoked: (a) => `Claim #${s(a[0])} is fully revoked: its units can no longer be retired.`,
    InvalidBeneficiary: (a) =>
      big(a[0]) === 0n
        ? "Name the beneficiary: who the reduction is claimed for."
        : `The beneficiary's name takes ${s(a[0])} bytes; at most ${s(a[1])} fit on a certificate.`,
    AccessControlUnauthorizedAccount: (a) =>
      `${n(a[0])} is not the council: methodologies and verifier accreditations change only through a council proposal.`,
    AccessControlBadConfirmation: () => "A role can only be renounced by the account that holds it, for itself.",
    AdminNotTimelock: () => "The registry's admin must be a timelock.",
    AdminDelayTooShort: (a) =>
      `The registry's admin timelock waits ${s(a[1])} s; it must wait at least ${s(a[2])} s, so every governance change can be seen before it applies.`,
    ClaimPredatesVerifier: (a) =>
      `${n(a[1])} was given its verifier slot after claim #${s(a[0])} was submitted, so votes only on claims from #${s(a[2])} on (no one inherits another verifier's vote).`,
    AlreadyVotedToRevoke: (a) =>
      `${n(a[1])} has already voted to revoke part of claim #${s(a[0])}; the revocation waits for other verifiers.`,
    ReasonMismatch: () => "The published reason is not the text whose hash is voted: publish the same text, or none.",
    ERC1155InsufficientBalance: (a) =>
      `${n(a[0])} holds ${tonnes(a[1])} of claim #${s(a[3])}, less than the ${tonnes(a[2])} needed.`,
    ERC1155MissingApprovalForAll: (a) =>
      `${n(a[1])} has not approved ${n(a[0])} to move their impact units (approve the market first).`,
    ERC1155InvalidReceiver: (a) => `${n(a[0])} cannot receive impact units (it lacks the ERC-1155 receiver hook).`,
    ERC1155InvalidSender: (a) => `${n(a[0])} cannot send impact units.`,
    ERC1155InvalidApprover: (a) => `${n(a[0])} cannot approve an operator.`,
    ERC1155InvalidOperator: (a) => `${n(a[0])} cannot be approved as an operator.`,
    ERC1155InvalidArrayLength: () => "Every token id needs an amount.",
    InvalidShortString: () => "The registry's signing domain name is malformed.",
    StringTooLong: (a) => `The text “${s(a[0])}” is too long for the registry's signing domain.`,
    // ImpactMarket
    NotClaimant: (a) =>
      `${n(a[1])} is not the claimant of claim #${s(a[0])}: only the claimant lists, delists and withdraws its proceeds.`,
    ClaimNotForSale: (a) => `Claim #${s(a[0])} is ${status(a[1])}: it has no units to sell.`,
    MarketNotApproved: (a) =>
      `${n(a[0])} has not approved the market to sell their impact units: approve it once, then list.`,
    ZeroPrice: () => "The price must be greater than zero.",
    NotListed: (a) => `Claim #${s(a[0])} is not listed for sale.`,
    ExceedsListing: (a) =>
      `Claim #${s(a[0])} has ${tonnes(a[1])} for sale, less than the ${tonnes(a[2])} asked for (matched units included).`,
    ListingVersionMismatch: (a) =>
      `The seller changed the listing of claim #${s(a[0])} (version ${s(a[2])}, you saw version ${s(a[1])}): nothing was paid. Look at the new terms before buying.`,
    ListingCurrencyMismatch: (a) =>
      `Claim #${s(a[0])} is now priced in ${currency(a[2])}, not in ${currency(a[1])} as you agreed: nothing was paid. Look at it again before buying.`,
    CostAboveMax: (a) =>
      `These units of claim #${s(a[0])} cost ${amt(a[1])}, more than the ${amt(a[2])} you agreed to pay: nothing was paid.`,
    ExceedsUnitsForSale: (a) =>
      big(a[1]) === 0n
        ? `No units of claim #${s(a[0])} can be sold now: it is not verified yet, or its verified units less its revoked ones are sold.`
        : `Only ${tonnes(a[1])} of claim #${s(a[0])} can still be sold (verified, less revoked and sold), not ${tonnes(a[2])} (matched units included).`,
    ClaimExcluded: (a) => `The owner of round ${s(a[0])} excluded claim #${s(a[1])} from its matching.`,
    ClaimNotAllowed: (a) =>
      `Round ${s(a[0])} matches only claims its owner chose, and claim #${s(a[1])} is not one of them.`,
    ClaimHasRevocation: (a) =>
      `Claim #${s(a[1])} has ${tonnes(a[2])} revoked: round ${s(a[0])} does not match claims with a revocation (buy without the round, or ask its owner).`,
    IncorrectPayment: (a) => `The payment must be exactly ${amt(a[0])}, not ${amt(a[1])}.`,
    TokenShortfall: (a) =>
      `The token delivered ${s(a[2])} base units instead of ${s(a[1])} (fee-on-transfer tokens are refused).`,
    CurrencyChangeWithProceeds: (a) =>
      `Withdraw the ${amt(a[1])} of proceeds of claim #${s(a[0])} before listing it in another currency.`,
    NothingToWithdraw: () => "There is nothing to withdraw.",
    UnknownRound: (a) => `Matching round ${s(a[0])} does not exist.`,
    InvalidMatchRatio: (a) =>
      `A match ratio must be between 0.01 % and 500 % of the units bought, not ${Number(a[0]) / 100} %.`,
    EndTimeInPast: (a) =>
      `The end (${formatDate(Number(a[0]))}) is not after the chain's time (${formatDate(Number(a[1]))}).`,
    NoEligibleMethodology: () => "Choose at least one eligible methodology.",
    RoundEnded: (a) =>
      `Round ${s(a[0])} ended on ${formatDate(Number(a[1]))}: it matches nothing more and takes no more funds.`,
    RoundNotEnded: (a) =>
      `Round ${s(a[0])} runs until ${formatDate(Number(a[1]))}; its owner reclaims what is left after that.`,
    NotRoundOwner: (a) => `${n(a[1])} does not own round ${s(a[0])}.`,
    MethodologyNotEligible: (a) => `Round ${s(a[0])} does not match claims of methodology ${s(a[1])}.`,
    CurrencyMismatch: (a) =>
      `Round ${s(a[0])} matches in ${isZero(a[1]) ? "ETH" : "a token"}, but this listing is priced in ${isZero(a[2]) ? "ETH" : "a token"}.`,
    PriceAboveRoundLimit: (a) =>
      `The listing's price ${perTonne(a[1])} is above round ${s(a[0])}'s limit of ${perTonne(a[2])}.`,
    SelfMatch: (a) => `${n(a[1])} is the claimant: a round does not match a claimant buying their own units.`,
    MatchBelowMinimum: (a) =>
      `Round ${s(a[0])} would now match ${tonnes(a[1])}, less than the ${tonnes(a[2])} shown before buying: its funds or caps changed. Look again before buying.`,
    InvalidRoundName: (a) =>
      `A round's name is the beneficiary on its certificates: 1 to ${s(a[1])} bytes, not ${s(a[0])}.`,
    FailedCall: () => "A payment by the market failed.",
    InsufficientBalance: (a) => `The market holds ${amt(a[0])}, less than the ${amt(a[1])} to pay.`,
    SafeCastOverflowedUintDowncast: () => "An amount is too large for the market to record.",
    SafeERC20FailedOperation: () => "The token transfer failed: check your balance and the market's allowance.",
    ERC20InsufficientBalance: () => "Your token balance is too low for this amount.",
    ERC20InsufficientAllowance: () =>
      "The market is not allowed to move that many of your tokens yet: approve the amount first.",
    // RetirementCertificates
    CertificateNonTransferable: (a) => `Certificate #${s(a[0])} cannot be transferred: it stays with its owner.`,
    CallerNotRegistry: () => "Only the impact registry issues retirement certificates.",
    ERC721NonexistentToken: (a) => `Certificate #${s(a[0])} does not exist.`,
    ERC721IncorrectOwner: (a) => `${n(a[0])} does not own certificate #${s(a[1])}.`,
    ERC721InsufficientApproval: (a) => `${n(a[0])} may not move certificate #${s(a[1])}.`,
    ERC721InvalidApprover: (a) => `${n(a[0])} cannot approve certificates.`,
    ERC721InvalidOperator: (a) => `${n(a[0])} cannot be approved as an operator.`,
    ERC721InvalidOwner: (a) => `${n(a[0])} cannot own certificates.`,
    ERC721InvalidReceiver: (a) => `${n(a[0])} cannot receive certificates (it lacks the ERC-721 receiver hook).`,
    ERC721InvalidSender: (a) => `${n(a[0])} cannot send certificates.`,
    ReentrancyGuardReentrantCall: () => "Reentrant call refused.",
  };
}

const isZero = (v: unknown) => /^0x0{40}$/i.test(String(v));
const currency = (v: unknown) => (isZero(v) ? "ETH" : `the token ${shortAddress(String(v))}`);

function councilMessages(ctx: ErrorContext): Record<string, (a: Args) => string> {
  const n = (v: unknown) => (ctx.name ?? nameOf)(String(v));
  return {
    ...impactGovernanceMessages(n),
    GovernorAlreadyCastVote: (a) => `${n(a[0])} has already voted on this proposal.`,
    GovernorInsufficientProposerVotes: (a) =>
      `${n(a[0])} has ${s(a[1])} council vote${big(a[1]) === 1n ? "" : "s"} and needs ${s(a[2])} to propose: only seated members propose.`,
    GovernorInvalidProposalLength: () => "Every action of a proposal needs a target, a value and call data.",
    GovernorNonexistentProposal: (a) => `Proposal ${shortAddress(s(a[0]))} does not exist.`,
    GovernorUnexpectedProposalState: (a) =>
      `The proposal is ${PROPOSAL_STATES[Number(a[1])]?.toLowerCase() ?? `in state ${s(a[1])}`}; this needs it to be ${statesIn(a[2], PROPOSAL_STATES).join(" or ").toLowerCase()}.`,
    GovernorOnlyExecutor: (a) => `${n(a[0])} is not the council's executor (its timelock).`,
    GovernorProposalQueueingNotRequired: () => "This proposal does not need queueing.",
    GovernorAlreadyQueuedProposal: () => "This proposal is already queued in the timelock.",
    GovernorProposalQueueingFailed: () => "The timelock did not accept the proposal for queueing.",
    GovernorRestrictedProposer: (a) =>
      `${n(a[0])} may not submit this proposal (its description restricts the proposer).`,
    GovernorUnableToCancel: (a) => `${n(a[1])} cannot cancel this proposal now (only its proposer, while pending).`,
    GovernorInvalidVoteType: () => "A vote is for, against or abstain.",
    GovernorInvalidVoteParams: () => "This vote takes no extra parameters.",
    GovernorInvalidSignature: (a) => `The vote signature does not match ${n(a[0])}.`,
    GovernorInvalidVotingPeriod: () => "The voting period must be longer than 0.",
    GovernorInvalidQuorumFraction: () => "The quorum must be a fraction of at most 100 %.",
    GovernorDisabledDeposit: () => "The council does not accept deposits.",
    VetoNotOpen: (a) =>
      `The proposal is ${PROPOSAL_STATES[Number(a[1])]?.toLowerCase() ?? `in state ${s(a[1])}`}: a veto is only possible once it has passed and until it runs (succeeded or queued).`,
    NoSeatAtSnapshot: (a) => `${n(a[1])} held no council seat when voting on this proposal opened, so cannot veto it.`,
    AlreadyVetoed: (a) => `${n(a[1])} has already vetoed this proposal.`,
    FailedCall: () => "An action of the proposal failed without a reason.",
    TimelockUnexpectedOperationState: (a) =>
      statesIn(a[1], TIMELOCK_STATES).includes("ready")
        ? "The timelock delay has not passed yet (or the operation already ran): wait for the ETA, then execute."
        : `The timelock operation is not ${statesIn(a[1], TIMELOCK_STATES).join(" or ")}.`,
    TimelockInsufficientDelay: (a) => `A delay of ${s(a[0])} s is below the timelock's minimum of ${s(a[1])} s.`,
    TimelockUnexecutedPredecessor: () => "An earlier timelock operation this depends on has not run yet.",
    TimelockUnauthorizedCaller: (a) => `Only the timelock itself may do this, not ${n(a[0])}.`,
    TimelockInvalidOperationLength: () => "Every action of the operation needs a target, a value and call data.",
    AccessControlUnauthorizedAccount: (a) => `${n(a[0])} lacks the timelock role this needs.`,
    AlreadySeated: (a) => `${n(a[0])} already holds a council seat.`,
    NotSeated: (a) => `${n(a[0])} holds no council seat.`,
    SeatNotTransferable: (a) => `Seat #${s(a[0])} cannot be transferred: the council seats and unseats members.`,
    OwnableUnauthorizedAccount: (a) =>
      `${n(a[0])} is not the council's timelock: only a council decision seats or unseats members.`,
    ERC721NonexistentToken: (a) => `Seat #${s(a[0])} does not exist (any more).`,
    ERC5805FutureLookup: () => "Votes cannot be read at a future time.",
  };
}

export interface DecodedError {
  /** The custom error's name when the ledger reverted with one. */
  name?: string;
  message: string;
}

export function explainError(err: unknown, ctx: ErrorContext = {}): DecodedError {
  if (err instanceof BaseError) {
    const execution = err.walk((e) => e instanceof ContractFunctionExecutionError);
    const table = messagesFor(
      ctx,
      execution instanceof ContractFunctionExecutionError ? execution.contractAddress : undefined,
    );
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
      if (name) return { name, message: table[name]?.(args) ?? `The contract refused: ${name}.` };
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
          message: table[decoded.name]?.(decoded.args) ?? `The contract refused: ${decoded.name}.`,
        };
    }
    return { message: err.shortMessage || err.message };
  }
  if (err instanceof Error) return { message: err.message };
  return { message: String(err) };
}

/** The wording table of the contract that reverted (by `ctx.contract`, else by its address). */
function messagesFor(ctx: ErrorContext, address?: string): Record<string, (a: Args) => string> {
  const contract =
    ctx.contract ??
    (sameAddress(address, creditAddress)
      ? "credit"
      : sameAddress(address, registryAddress)
        ? "resource"
        : [councilAddress, seatAddress, timelockAddress].some((c) => sameAddress(address, c))
          ? "council"
          : [impactRegistryAddress, impactMarketAddress, certificatesAddress].some((c) => sameAddress(address, c))
            ? "impact"
            : "ledger");
  if (contract === "credit") return { ...MESSAGES, ...creditMessages(ctx) };
  if (contract === "impact") return { ...MESSAGES, ...impactMessages(ctx) };
  if (contract === "resource") return { ...MESSAGES, ...resourceMessages(ctx) };
  // A proposal's execution bubbles up the governed contract's error, so the council also words the registry's.
  if (contract === "council") return { ...MESSAGES, ...resourceMessages(ctx), ...councilMessages(ctx) };
  return MESSAGES;
}

function tryDecode(data: Hex): { name: string; args: Args } | undefined {
  try {
    const r = decodeErrorResult({
      abi: [
        ...contributionLedgerAbi,
        ...mockERC20Abi,
        ...creditNetworkAbi,
        ...resourceRegistryAbi,
        ...thresholdsCouncilAbi,
        ...councilSeatAbi,
        ...councilTimelockAbi,
        ...impactRegistryAbi,
        ...impactMarketAbi,
        ...retirementCertificatesAbi,
      ],
      data,
    });
    return { name: r.errorName, args: (r.args ?? []) as Args };
  } catch {
    return undefined;
  }
}
