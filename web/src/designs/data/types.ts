// The design commons' reader interface and its views: the registry's books, designs (searchable by name and tag, with
// their terms, genealogy and where their fees went), licences and their payments, commons entities and each
// project's licence income, the same from the chain reader and from the subgraph reader. Amounts are in the smallest
// unit of their currency (the zero address is ETH).
import type { Address, Hash, Hex } from "viem";
import type { Page } from "../../shared/data/pages.ts";

export type { Page };

/** How a licence was taken: free for commons entities and the design's contributors, else paying the terms. */
export type Tier = "commons" | "commercial";

/** One version of a design's licence terms (TermsSet); a licence keeps the version it was taken under. */
export interface Terms {
  version: number;
  /** ETH (the zero address) or an ERC-20 the design's project and its ancestors' projects accept. */
  currency: Address;
  /** Fee per unit produced (0: none). */
  feePerUnit: bigint;
  /** Fee per period of use (0: none), and the period's length in seconds. */
  feePerPeriod: bigint;
  periodLength: number;
  /** How long a licence lasts from when it is taken, seconds. */
  licenceDuration: number;
  /** The share of each fee of a derivative registered under this version that the design asks, basis points. */
  derivativeShareBps: number;
  setBy: Address;
  blockNumber: bigint;
}

/** A design as the library lists it. */
export interface DesignSummary {
  id: bigint;
  projectId: bigint;
  registrant: Address;
  contentHash: Hex;
  metadataURI: string;
  /** From the metadata when it is the dApp's JSON (./metadata.ts), else "" and none. */
  name: string;
  tags: string[];
  /** The designs it derives from, as registered (none for an original). */
  parents: bigint[];
  /** The latest terms, which new licences take. */
  terms: Terms;
  ancestorCount: number;
  /** The sum of its ancestors' shares of its fees, basis points. */
  ancestorShareBps: number;
  /** Designs that record it as an ancestor, at any depth. */
  derivativeCount: number;
  licenceCount: number;
  commonsLicenceCount: number;
  commercialLicenceCount: number;
  unitsReported: bigint;
  /** Unix seconds. */
  registeredAt: number;
  blockNumber: bigint;
  txHash: Hash;
}

/** An ancestor of a design (ancestorsOf order: each parent, then that parent's ancestors), with its share. */
export interface Ancestor {
  designId: bigint;
  /** The ancestor's project, which receives the share. */
  projectId: bigint;
  shareBps: number;
  /** One of the design's parents (else an ancestor further up). */
  direct: boolean;
  /** The ancestor design's name and parents, to draw the genealogy tree. */
  name: string;
  parents: bigint[];
}

/** A design's fees in one currency and where they went. */
export interface FeeBook {
  currency: Address;
  /** Fees paid under its licences = ancestorShares + projectShares. */
  feesPaid: bigint;
  ancestorShares: bigint;
  /** To its own project (deposited as income, or held while the project has no point holders). */
  projectShares: bigint;
  /** What its derivatives' fees paid it (credited to its project). */
  fromDerivatives: bigint;
  /** Each ancestor's total share, in ancestorsOf order (ancestors never credited included, with 0). */
  byAncestor: { designId: bigint; projectId: bigint; amount: bigint }[];
}

/** A design's page: the summary, every terms version, its ancestors and its fee books. */
export interface Design extends DesignSummary {
  /** Every version, oldest first. */
  termsVersions: Terms[];
  ancestors: Ancestor[];
  /** One per currency fees were paid or credited in. */
  fees: FeeBook[];
}

/** A licence (an ERC-721 that never moves). */
export interface Licence {
  id: bigint;
  designId: bigint;
  licensee: Address;
  tier: Tier;
  termsVersion: number;
  currency: Address;
  /** Unix seconds. */
  takenAt: number;
  expiresAt: number;
  /** Per-period fees are paid up to this time (takenAt until a first payment). */
  paidUntil: number;
  /** Units reported under it: by the licensee, and by its report operators (the cluster exchange, on deliveries). */
  unitsReported: bigint;
  /** Fees paid under it, owed fees paid included. */
  feesPaid: bigint;
  reportCount: number;
  periodPaymentCount: number;
  /** What its report operators' reports made it owe and is not paid yet (= feesOwed(id)), the reports and the payments. */
  feesOwed: bigint;
  operatorReportCount: number;
  owedPaymentCount: number;
  txHash: Hash;
}

/**
 * One payment under a licence: a production report (units) paid at once, periods of use, a report operator's report
 * (units whose fee the licensee now owes), or a payment of such owed fees.
 */
export interface LicencePayment {
  /** The event's id (block number, 8 bytes ++ log index, 4 bytes, hex): the list's cursor, newest first. */
  id: Hex;
  licenceId: bigint;
  designId: bigint;
  licensee: Address;
  kind: "units" | "periods" | "reported" | "owed";
  /** Units reported (by the licensee or an operator), periods paid, or 0 for a payment of owed fees. */
  quantity: bigint;
  /** The fee paid, or for an operator's report the fee it made owed. */
  fee: bigint;
  /** An operator's report: the operator and its reference (the cluster exchange's: the order id). */
  operator?: Address;
  ref?: Hex;
  currency: Address;
  blockNumber: bigint;
  txHash: Hash;
}

/** An entity the council accredited as commons-oriented (an open co-op, a non-profit). */
export interface CommonsEntity {
  entity: Address;
  accredited: boolean;
  /** Where it is described (its latest accreditation's). */
  uri: string;
  /** Unix seconds of its latest accreditation, and of its latest revocation (undefined: never revoked). */
  accreditedAt: number;
  revokedAt?: number;
}

/** The books of one currency over every design. */
export interface CurrencyBook {
  currency: Address;
  feesPaid: bigint;
  ancestorShares: bigint;
  projectShares: bigint;
  /** Held for projects now (ancestors' shares until released; projects' while they have no point holders). */
  held: bigint;
  released: bigint;
  /** Deposited into the ledger as projects' income: project shares deposited at once, plus every release. */
  deposited: bigint;
}

/** The design commons' settings and books. */
export interface CommonsInfo {
  /** The council's timelock. */
  owner: Address;
  pendingOwner?: Address;
  designCount: number;
  derivativeCount: number;
  licenceCount: number;
  commonsLicenceCount: number;
  commercialLicenceCount: number;
  accreditedCount: number;
  currencies: CurrencyBook[];
}

/** A project's licence income in one currency: what its designs and its designs' derivatives brought in. */
export interface LicenceIncome {
  projectId: bigint;
  currency: Address;
  /** Its own designs' fees (project shares), deposited or held. */
  fromOwnDesigns: bigint;
  /** Its designs' shares of their derivatives' fees (always held until released). */
  fromDerivatives: bigint;
  /** Deposited into the ledger as its income (project shares deposited at once, plus releases). */
  deposited: bigint;
  /** Held for it now, waiting for `release`. */
  held: bigint;
}

/** Rows per page of every list of the designs screens. */
export const DESIGNS_PAGE = 50;

/**
 * The design commons' reads, one method per screen need; the chain reader and the subgraph reader implement it. Lists
 * of designs, licences and payments are newest first (the cursor: the last id); entities by lower-case address.
 */
export interface DesignsReader {
  readonly source: "chain" | "subgraph";
  info(): Promise<CommonsInfo>;
  /**
   * Designs whose name or a tag holds `search` (case-insensitive, ./metadata.ts `searchTextOf`; "" for all), newest
   * first, a page after the design id `after`.
   */
  designs(search: string, after?: string): Promise<Page<DesignSummary>>;
  design(id: bigint): Promise<Design | undefined>;
  /** The designs naming `id` as a parent, newest first. */
  derivatives(id: bigint, after?: string): Promise<Page<DesignSummary>>;
  /** The designs of a contribution project, newest first. */
  projectDesigns(projectId: bigint, after?: string): Promise<Page<DesignSummary>>;
  /** The licences on a design, newest first. */
  licences(designId: bigint, after?: string): Promise<Page<Licence>>;
  /** One account's licences, newest first. */
  licencesOf(licensee: Address, after?: string): Promise<Page<Licence>>;
  licence(id: bigint): Promise<Licence | undefined>;
  /** A design's production reports, period payments, operators' reports and owed-fee payments, newest first, a page
   * after the event id `after`. */
  payments(designId: bigint, after?: string): Promise<Page<LicencePayment>>;
  /** The accredited entities, by lower-case address, a page after the lower-case address `after`. */
  entities(after?: string): Promise<Page<CommonsEntity>>;
  /** An account's accreditation (undefined: never accredited). */
  entity(account: Address): Promise<CommonsEntity | undefined>;
  /** A project's licence income, one row per currency (none before its first fee). */
  projectIncome(projectId: bigint): Promise<LicenceIncome[]>;
}
