// The impact module's custom errors (ImpactRegistry, ImpactMarket, RetirementCertificates) in plain sentences, from
// their named arguments: units in tonnes, amounts in the listing's or round's currency, accounts by name.
import type { impactMarketAbi, impactRegistryAbi, retirementCertificatesAbi } from "@cosmolocal/sdk";
import { ClaimStatus } from "@cosmolocal/sdk";
import { zeroAddress } from "viem";
import { impactMarketAddress } from "./contracts";
import type { ErrorTable, WordContext } from "../shared/errorWords";
import { formatDate, sameAddress, shortHash } from "../shared/format";
import { nameOf } from "../shared/names";
import { dayText, fmtT as tonnes } from "./data";

type ImpactAbi = readonly [...typeof impactRegistryAbi, ...typeof impactMarketAbi, ...typeof retirementCertificatesAbi];

/** An account by name; the market by its role. */
const who = (account: string, ctx: WordContext) =>
  sameAddress(account, impactMarketAddress) ? "the impact market" : ctx.name(account);
const status = (s: number) => (ClaimStatus[s] ?? `status ${s}`).toLowerCase();
const isEth = (currency: string) => sameAddress(currency, zeroAddress);
const currency = (c: string) => (isEth(c) ? "ETH" : `the token ${nameOf(c)}`);

export const impactErrors: ErrorTable<ImpactAbi, WordContext> = {
  // ImpactRegistry: methodology and verifier governance (also raised by a council proposal's execution)
  UnknownMethodology: ({ methodologyId }) =>
    methodologyId === 0
      ? "Methodology ids start at 1."
      : `Methodology ${methodologyId} does not exist or is closed for new claims; the council sets methodologies.`,
  InvalidThreshold: ({ threshold, max }) => `A methodology needs between 1 and ${max} approvals, not ${threshold}.`,
  VerifierSlotsExhausted: ({ max }) =>
    `All ${max} verifier slots are taken: a verifier must leave (the council withdraws an accreditation) before another can be accredited.`,
  NotVerifier: ({ account }, ctx) =>
    `${who(account, ctx)} is not an accredited impact verifier; the council accredits verifiers.`,
  // ImpactRegistry: claims, attestations, revocations, retirements
  ZeroUnits: () => "The amount must be at least 1 kg CO2e.",
  InvalidPeriod: ({ startDay, endDay, today }) =>
    startDay > endDay
      ? `The period starts (${dayText(startDay)}) after it ends (${dayText(endDay)}).`
      : `The period ends on ${dayText(endDay)}, after today on chain (${dayText(today)}): a claim covers reductions already made.`,
  MissingJurisdiction: () => "Enter the jurisdiction: an ISO 3166 code such as NL or BE-VOV.",
  MissingEvidence: () => "Choose the evidence file: its hash is what the verifiers check.",
  DuplicateEvidence: ({ evidenceHash, claimId }) =>
    `This evidence (hash ${shortHash(evidenceHash)}) already backs claim #${claimId}: one piece of evidence backs one claim, for good.`,
  DuplicateSerial: ({ externalSerial, claimId }) =>
    `The external serial “${externalSerial}” is already recorded on claim #${claimId}: the same reduction cannot be claimed twice.`,
  UnknownClaim: ({ claimId }) => `Claim #${claimId} does not exist.`,
  ClaimNotPending: ({ claimId, status: s }) =>
    `Claim #${claimId} is ${status(s)}: only a submitted claim takes attestations and rejections.`,
  ClaimNotVerified: ({ claimId, status: s }) =>
    `Claim #${claimId} is ${status(s)}: only a verified claim can be revoked.`,
  VerifierIsClaimant: ({ claimId, verifier }, ctx) =>
    `${who(verifier, ctx)} submitted claim #${claimId}, so cannot verify, reject or revoke it.`,
  AlreadyVoted: ({ claimId, verifier }, ctx) =>
    `${who(verifier, ctx)} has already attested or rejected claim #${claimId}.`,
  AttestedAboveClaimed: ({ claimId, claimed, attested }) =>
    `An attestation of ${tonnes(attested)} is more than the ${tonnes(claimed)} claimed in claim #${claimId}: a verifier stands behind at most the claimed amount.`,
  RevocationExceedsVerified: ({ claimId, verified, revoked }) =>
    `That would revoke ${tonnes(revoked)} of claim #${claimId} in all, more than the ${tonnes(verified)} verified.`,
  SignatureExpired: ({ deadline }) =>
    `The signed attestation expired on ${formatDate(Number(deadline))}. Ask the verifier to sign it again.`,
  NonceAlreadyUsed: ({ verifier, nonce }, ctx) =>
    `This signed attestation of ${who(verifier, ctx)} was already submitted, or the verifier voided it (nonce ${shortHash(nonce.toString())} used).`,
  InvalidSignature: ({ verifier }, ctx) =>
    `This is not ${who(verifier, ctx)}'s signature of this attestation on this chain and registry (or the attestation was changed after signing).`,
  UnitsFrozen: ({ claimId, claimant, frozen, balance, requested }, ctx) =>
    `${tonnes(frozen)} of ${who(claimant, ctx)}'s units of claim #${claimId} are frozen by a revocation: of the ${tonnes(balance)} held, ${tonnes(balance > frozen ? balance - frozen : 0n)} can move, not ${tonnes(requested)}.`,
  ClaimFullyRevoked: ({ claimId }) => `Claim #${claimId} is fully revoked: its units can no longer be retired.`,
  InvalidBeneficiary: ({ length, maxLength }) =>
    length === 0n
      ? "Name the beneficiary: who the reduction is claimed for."
      : `The beneficiary's name takes ${length} bytes; at most ${maxLength} fit on a certificate.`,
  AccessControlUnauthorizedAccount: ({ account }, ctx) =>
    `${who(account, ctx)} is not the council: methodologies and verifier accreditations change only through a council proposal.`,
  AccessControlBadConfirmation: () => "A role can only be renounced by the account that holds it, for itself.",
  AdminNotTimelock: () => "The registry's admin must be a timelock.",
  AdminDelayTooShort: ({ delay, minDelay }) =>
    `The registry's admin timelock waits ${delay} s; it must wait at least ${minDelay} s, so every governance change can be seen before it applies.`,
  ClaimPredatesVerifier: ({ claimId, verifier, firstClaimId }, ctx) =>
    `${who(verifier, ctx)} was given its verifier slot after claim #${claimId} was submitted, so votes only on claims from #${firstClaimId} on (no one inherits another verifier's vote).`,
  AlreadyVotedToRevoke: ({ claimId, verifier }, ctx) =>
    `${who(verifier, ctx)} has already voted to revoke part of claim #${claimId}; the revocation waits for other verifiers.`,
  ReasonMismatch: () => "The published reason is not the text whose hash is voted: publish the same text, or none.",
  ERC1155InsufficientBalance: ({ sender, balance, needed, tokenId }, ctx) =>
    `${who(sender, ctx)} holds ${tonnes(balance)} of claim #${tokenId}, less than the ${tonnes(needed)} needed.`,
  ERC1155MissingApprovalForAll: ({ operator, owner }, ctx) =>
    `${who(owner, ctx)} has not approved ${who(operator, ctx)} to move their impact units (approve the market first).`,
  ERC1155InvalidReceiver: ({ receiver }, ctx) =>
    `${who(receiver, ctx)} cannot receive impact units (it lacks the ERC-1155 receiver hook).`,
  ERC1155InvalidSender: ({ sender }, ctx) => `${who(sender, ctx)} cannot send impact units.`,
  ERC1155InvalidApprover: ({ approver }, ctx) => `${who(approver, ctx)} cannot approve an operator.`,
  ERC1155InvalidOperator: ({ operator }, ctx) => `${who(operator, ctx)} cannot be approved as an operator.`,
  ERC1155InvalidArrayLength: () => "Every token id needs an amount.",
  InvalidShortString: () => "The registry's signing domain name is malformed.",
  StringTooLong: ({ str }) => `The text “${str}” is too long for the registry's signing domain.`,
  // ImpactMarket
  NotClaimant: ({ claimId, caller }, ctx) =>
    `${who(caller, ctx)} is not the claimant of claim #${claimId}: only the claimant lists, delists and withdraws its proceeds.`,
  ClaimNotForSale: ({ claimId, status: s }) => `Claim #${claimId} is ${status(s)}: it has no units to sell.`,
  MarketNotApproved: ({ seller }, ctx) =>
    `${who(seller, ctx)} has not approved the market to sell their impact units: approve it once, then list.`,
  ZeroPrice: () => "The price must be greater than zero.",
  NotListed: ({ claimId }) => `Claim #${claimId} is not listed for sale.`,
  ExceedsListing: ({ claimId, remaining, requested }) =>
    `Claim #${claimId} has ${tonnes(remaining)} for sale, less than the ${tonnes(requested)} asked for (matched units included).`,
  ListingVersionMismatch: ({ claimId, expected, actual }) =>
    `The seller changed the listing of claim #${claimId} (version ${actual}, you saw version ${expected}): nothing was paid. Look at the new terms before buying.`,
  ListingCurrencyMismatch: ({ claimId, expected, actual }) =>
    `Claim #${claimId} is now priced in ${currency(actual)}, not in ${currency(expected)} as you agreed: nothing was paid. Look at it again before buying.`,
  CostAboveMax: ({ claimId, cost, maxCost }, { amount }) =>
    `These units of claim #${claimId} cost ${amount(cost)}, more than the ${amount(maxCost)} you agreed to pay: nothing was paid.`,
  ExceedsUnitsForSale: ({ claimId, available, requested }) =>
    available === 0n
      ? `No units of claim #${claimId} can be sold now: it is not verified yet, or its verified units less its revoked ones are sold.`
      : `Only ${tonnes(available)} of claim #${claimId} can still be sold (verified, less revoked and sold), not ${tonnes(requested)} (matched units included).`,
  ClaimExcluded: ({ roundId, claimId }) =>
    `The owner of round ${roundId} excluded claim #${claimId} from its matching.`,
  ClaimNotAllowed: ({ roundId, claimId }) =>
    `Round ${roundId} matches only claims its owner chose, and claim #${claimId} is not one of them.`,
  ClaimHasRevocation: ({ roundId, claimId, revokedUnits }) =>
    `Claim #${claimId} has ${tonnes(revokedUnits)} revoked: round ${roundId} does not match claims with a revocation (buy without the round, or ask its owner).`,
  IncorrectPayment: ({ expected, sent }, { amount }) =>
    `The payment must be exactly ${amount(expected)}, not ${amount(sent)}.`,
  TokenShortfall: ({ expected, received }) =>
    `The token delivered ${received} base units instead of ${expected} (fee-on-transfer tokens are refused).`,
  CurrencyChangeWithProceeds: ({ claimId, proceeds }, { amount }) =>
    `Withdraw the ${amount(proceeds)} of proceeds of claim #${claimId} before listing it in another currency.`,
  NothingToWithdraw: () => "There is nothing to withdraw.",
  UnknownRound: ({ roundId }) => `Matching round ${roundId} does not exist.`,
  InvalidMatchRatio: ({ matchBps }) =>
    `A match ratio must be between 0.01 % and 500 % of the units bought, not ${matchBps / 100} %.`,
  EndTimeInPast: ({ endTime, timestamp }) =>
    `The end (${formatDate(endTime)}) is not after the chain's time (${formatDate(Number(timestamp))}).`,
  NoEligibleMethodology: () => "Choose at least one eligible methodology.",
  RoundEnded: ({ roundId, endTime }) =>
    `Round ${roundId} ended on ${formatDate(endTime)}: it matches nothing more and takes no more funds.`,
  RoundNotEnded: ({ roundId, endTime }) =>
    `Round ${roundId} runs until ${formatDate(endTime)}; its owner reclaims what is left after that.`,
  NotRoundOwner: ({ roundId, caller }, ctx) => `${who(caller, ctx)} does not own round ${roundId}.`,
  MethodologyNotEligible: ({ roundId, methodologyId }) =>
    `Round ${roundId} does not match claims of methodology ${methodologyId}.`,
  CurrencyMismatch: ({ roundId, roundCurrency, listingCurrency }) =>
    `Round ${roundId} matches in ${isEth(roundCurrency) ? "ETH" : "a token"}, but this listing is priced in ${isEth(listingCurrency) ? "ETH" : "a token"}.`,
  PriceAboveRoundLimit: ({ roundId, pricePerUnit, maxPricePerUnit }, { amount }) =>
    `The listing's price ${amount(pricePerUnit * 1000n)}/t is above round ${roundId}'s limit of ${amount(maxPricePerUnit * 1000n)}/t.`,
  SelfMatch: ({ buyer }, ctx) =>
    `${who(buyer, ctx)} is the claimant: a round does not match a claimant buying their own units.`,
  MatchBelowMinimum: ({ roundId, matchedUnits, minMatchedUnits }) =>
    `Round ${roundId} would now match ${tonnes(matchedUnits)}, less than the ${tonnes(minMatchedUnits)} shown before buying: its funds or caps changed. Look again before buying.`,
  InvalidRoundName: ({ length, maxLength }) =>
    `A round's name is the beneficiary on its certificates: 1 to ${maxLength} bytes, not ${length}.`,
  FailedCall: () => "A payment by the market failed.",
  InsufficientBalance: ({ balance, needed }, { amount }) =>
    `The market holds ${amount(balance)}, less than the ${amount(needed)} to pay.`,
  SafeCastOverflowedUintDowncast: () => "An amount is too large for the market to record.",
  SafeERC20FailedOperation: () => "The token transfer failed: check your balance and the market's allowance.",
  ReentrancyGuardReentrantCall: () => "Reentrant call refused.",
  // RetirementCertificates
  CertificateNonTransferable: ({ certificateId }) =>
    `Certificate #${certificateId} cannot be transferred: it stays with its owner.`,
  CallerNotRegistry: () => "Only the impact registry issues retirement certificates.",
  ERC721NonexistentToken: ({ tokenId }) => `Certificate #${tokenId} does not exist.`,
  ERC721IncorrectOwner: ({ sender, tokenId }, ctx) => `${who(sender, ctx)} does not own certificate #${tokenId}.`,
  ERC721InsufficientApproval: ({ operator, tokenId }, ctx) =>
    `${who(operator, ctx)} may not move certificate #${tokenId}.`,
  ERC721InvalidApprover: ({ approver }, ctx) => `${who(approver, ctx)} cannot approve certificates.`,
  ERC721InvalidOperator: ({ operator }, ctx) => `${who(operator, ctx)} cannot be approved as an operator.`,
  ERC721InvalidOwner: ({ owner }, ctx) => `${who(owner, ctx)} cannot own certificates.`,
  ERC721InvalidReceiver: ({ receiver }, ctx) =>
    `${who(receiver, ctx)} cannot receive certificates (it lacks the ERC-721 receiver hook).`,
  ERC721InvalidSender: ({ sender }, ctx) => `${who(sender, ctx)} cannot send certificates.`,
};
