// The views the impact screens show, the same from the chain reader and the subgraph reader: the module's context
// (methodologies, verifiers, currencies, the chain's day), claims at the depth each screen needs, listings, rounds,
// holdings and certificates.
import type { Address, Hex } from "viem";
import type { TokenInfo } from "../../shared/data/tokens";

/** Where an event is: its block, its index in the block, its transaction; `time` when the source gives it. */
export interface Logged {
  block: bigint;
  logIndex: number;
  tx: Hex;
  time?: number;
}

export interface Methodology {
  id: number;
  /** k: approvals (or rejections) a claim submitted now needs. */
  threshold: number;
  active: boolean;
  name: string;
}

export interface Verifier {
  account: Address;
  accredited: boolean;
  /** The first claim it may vote on: a verifier given another's attester slot (or a second slot of its own) votes
   * only on claims submitted after that. */
  firstClaimId: bigint;
}

/** What every impact screen needs: the chain's clock, methodologies, verifiers and currencies. */
export interface ImpactBase {
  block: bigint;
  time: number;
  /** The chain's day (days since 1970-01-01 UTC): a claim's period may not end after it. */
  today: number;
  methodologies: Methodology[];
  verifiers: Verifier[];
  /** Currencies a listing or round may use: ETH, the demo token where deployed, and any other one in use. */
  currencies: TokenInfo[];
  /** Running rounds, the soonest end first (at most two: the dev clock's targets). */
  nextRoundEnds: { id: bigint; name: string; endTime: number }[];
}

export interface AttestationRecord extends Logged {
  verifier: Address;
  units: bigint;
  reportHash: Hex;
  approvals: number;
  bySignature: boolean;
}

export interface RejectionRecord extends Logged {
  verifier: Address;
  reasonHash: Hex;
  rejections: number;
}

export interface RevocationRecord extends Logged {
  verifier: Address;
  units: bigint;
  totalRevoked: bigint;
  frozen: bigint;
  reasonHash: Hex;
  /** The reason's text, when a verifier who voted for this revocation published it. */
  reasonText?: string;
}

/** One verifier's vote to revoke: k of them (the claim's k) revoke the smallest amount voted. */
export interface RevocationVoteRecord extends Logged {
  verifier: Address;
  units: bigint;
  reasonHash: Hex;
  /** The published reason, or "" when only its hash was given. */
  reason: string;
  votes: number;
  threshold: number;
}

export interface RetirementRecord extends Logged {
  claimId: bigint;
  holder: Address;
  certificateId: bigint;
  certificateOwner: Address;
  units: bigint;
  beneficiary: string;
  message: string;
}

export interface PurchaseRecord extends Logged {
  claimId: bigint;
  buyer: Address;
  roundId: bigint;
  units: bigint;
  pricePerUnit: bigint;
  cost: bigint;
  matchedUnits: bigint;
  matchedCost: bigint;
  certificateId: bigint;
}

/** One line of a claim's history, in chain order (its words come from `historyText`). */
export type HistoryItem = Logged & { actor?: Address } & (
    | { kind: "submitted"; units: bigint }
    | { kind: "attested"; units: bigint; bySignature: boolean; approvals: number }
    | { kind: "rejection"; rejections: number }
    | { kind: "verified"; units: bigint }
    | { kind: "rejected" }
    | { kind: "revocationVote"; units: bigint; votes: number; threshold: number; reason: string }
    | { kind: "refrozen"; frozen: bigint }
    | { kind: "revoked"; units: bigint; totalRevoked: bigint; frozen: bigint }
    | { kind: "retired"; units: bigint; beneficiary: string; certificateId: bigint }
    | { kind: "listed"; units: bigint; pricePerUnit: bigint; currency: Address }
    | { kind: "delisted" }
    | { kind: "bought"; units: bigint; matchedUnits: bigint; roundId: bigint }
    | { kind: "withdrawn" }
  );

/** A claim's market listing (as the market's getListing), in its currency. */
export interface Listing {
  seller: Address;
  currency: Address;
  pricePerUnit: bigint;
  /** Units still listed (0 once delisted or sold out). */
  remaining: bigint;
  version: number;
  /** Withdrawable now. */
  proceeds: bigint;
  unitsSold: bigint;
  token: TokenInfo;
  /** Units a buyer can get now: the listing's remaining units, cut to what the claimant can still sell and to the
   * claim's verified units less its revoked and sold ones (the market's limit). */
  available: bigint;
}

/** A claim's record (as the registry's getClaim), amounts in kg. */
export interface ClaimCore {
  id: bigint;
  claimant: Address;
  methodologyId: number;
  /** IImpactRegistry.ClaimStatus: 1 Submitted, 2 Verified, 3 Rejected, 4 Revoked. */
  status: number;
  threshold: number;
  approvals: number;
  rejections: number;
  startDay: number;
  endDay: number;
  jurisdictionCode: string;
  claimedUnits: bigint;
  /** The units minted: 0 until the claim is verified, so no figure reads as verified before it is. */
  verifiedUnits: bigint;
  /** The lowest approval so far (0 before the first). */
  attestedMin: bigint;
  retiredUnits: bigint;
  revokedUnits: bigint;
  /** The claimant's units frozen by revocations. */
  frozenUnits: bigint;
}

/** A claim with its listing: the claimant's claims and the marketplace. */
export interface ClaimListed extends ClaimCore {
  /** The market listing, when the claimant ever listed it. */
  listing?: Listing;
  /** Units the claimant can still sell, transfer or retire (its balance minus frozen units). */
  sellable: bigint;
}

/** A claim as the verifier's queue shows it: its evidence and the approvals so far. */
export interface QueueClaim extends ClaimCore {
  evidenceHash: Hex;
  evidenceURI: string;
  attestations: AttestationRecord[];
}

/** What a verifier voting to revoke a claim sees: the claimant's units and the open vote. */
export interface RevocableClaim extends ClaimCore {
  claimantBalance: bigint;
  /** Votes of the revocation not yet decided (fewer than k so far). */
  openRevocation: RevocationVoteRecord[];
}

/** One claim's page: everything about it. */
export interface ClaimDetail extends ClaimListed, QueueClaim, RevocableClaim {
  externalSerial: string;
  rejectedBy: RejectionRecord[];
  revocations: RevocationRecord[];
  retirements: RetirementRecord[];
  /** Who holds the claim's units now (non-zero balances). */
  holders: { account: Address; balance: bigint }[];
  history: HistoryItem[];
}

/** The claims screen's filters (all optional). `place`: a country ("NL") or a full code ("NL-ZH"). */
export interface ClaimFilter {
  status?: number;
  methodologyId?: number;
  place?: string;
  claimant?: Address;
}

export interface ClaimTotals {
  count: number;
  claimed: bigint;
  verified: bigint;
  retired: bigint;
  revoked: bigint;
}

/** The newest claims matching a filter, and the registry's totals (of the methodology, when one is chosen). */
export interface ClaimPage {
  claims: ClaimCore[];
  /** More claims match than shown. */
  more: boolean;
  totals: ClaimTotals;
}

export interface RoundPoint {
  block: bigint;
  time?: number;
  kind: "created" | "funded" | "matched" | "reclaimed";
  amount: bigint;
  matchedUnits: bigint;
  /** The round's funds left after this event. */
  remaining: bigint;
  /** Spent on matches so far, this event included. */
  spent: bigint;
}

export interface Round {
  id: bigint;
  owner: Address;
  name: string;
  currency: Address;
  token: TokenInfo;
  matchBps: number;
  endTime: number;
  maxPricePerUnit: bigint;
  capPerClaim: bigint;
  capPerBuyer: bigint;
  methodologyMask: bigint;
  /** Methodology ids of the mask. */
  methodologies: number[];
  allowListOnly: boolean;
  acceptsRevokedClaims: boolean;
  deposited: bigint;
  remaining: bigint;
  spent: bigint;
  matchedUnits: bigint;
  reclaimed: bigint;
  createdBlock: bigint;
  /** The owner's choice per claim id: 1 allowed, 2 excluded (absent: the round's rules decide). */
  eligibility: Map<string, number>;
  /** Its latest funds over time (creation, fundings, matched purchases, reclaim), at most the last 12. */
  points: RoundPoint[];
}

export interface Certificate {
  id: bigint;
  claimId: bigint;
  units: bigint;
  /** The retirement's block time, when known. */
  retiredAt?: number;
  beneficiary: string;
  owner: Address;
  flagged: boolean;
  /** Whose units were burned (a matched purchase's round retires the claimant's units in its name). */
  retiredBy: Address;
  message: string;
  roundId?: bigint;
  block: bigint;
  tx: Hex;
}

/** One certificate's shareable page. */
export interface CertificatePage extends Certificate {
  retiredAt: number;
  claim: ClaimCore;
  methodology: string;
  roundName?: string;
}

/** A funder's units of one claim. */
export interface Holding {
  claim: ClaimCore;
  balance: bigint;
  /** What it may retire or transfer (the claimant's frozen units excluded). */
  retirable: bigint;
}

/** Items per page of the impact lists read a page at a time (rounds, a claimant's claims, certificates). */
export const IMPACT_PAGE = 20;

/** Which rounds a rounds list shows: those `owner` opened, or those it did not (`notOwner`); all without either. */
export interface RoundFilter {
  owner?: Address;
  notOwner?: Address;
}

/** A vote of the verifier's own. */
export interface MyVote {
  claim: ClaimCore;
  approve: boolean;
  units?: bigint;
  bySignature?: boolean;
  tx: Hex;
}

/**
 * Which market listings a list shows (units left, not rejected): those for sale now with the buyer's filters (claims
 * without a revocation first), or with `upcoming` those listed and waiting for verification.
 */
export interface MarketFilter {
  upcoming?: boolean;
  methodologyId?: number;
  /** A country ("NL") or a full code ("NL-ZH"). */
  place?: string;
  currency?: Address;
}
