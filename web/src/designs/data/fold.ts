// The design commons' event fold: every DesignCommons event folded by pure functions into plain state (Maps, arrays,
// bigints), from which the chain reader cuts each screen's view and page. Books follow the subgraph mapping's.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { getAddress, zeroAddress, type Address } from "viem";
import { eventLogId, type DecodedLog, type EventFold } from "../../shared/data/logs.ts";
import { applyOwnershipStep } from "../../shared/data/ownable.ts";
import { indexedMeta, searchTextOf } from "../metadata.ts";
import type {
  Ancestor,
  CommonsInfo,
  CurrencyBook,
  DesignSummary,
  FeeBook,
  Licence,
  LicenceIncome,
  LicencePayment,
  Terms,
} from "./types.ts";

export type DesignsAbi = typeof designCommonsAbi;
export type DesignsLog = DecodedLog<DesignsAbi>;

/** Set where the RPC gives `blockTimestamp` with its logs; else the chain reader reads the block's time. */
export interface Timed {
  block: bigint;
  time?: number;
}

/**
 * A design as folded: its summary (but its latest terms, the last of `termsVersions`, and its registration time),
 * every terms version, its ancestors and its fee books by currency.
 */
export interface DesignRecord {
  summary: Omit<DesignSummary, "terms" | "registeredAt">;
  registered: Timed;
  /** searchTextOf(metadataURI). */
  search: string;
  termsVersions: Terms[];
  ancestors: Ancestor[];
  /** By lower-case currency. */
  fees: Map<string, FeeBook>;
}

/** An accreditation as folded: the entity's view (its times apart) and when it was last accredited and revoked. */
export interface EntityRecord {
  entity: Address;
  accredited: boolean;
  uri: string;
  accreditedIn: Timed;
  revokedIn?: Timed;
}

export interface DesignsState {
  /** Without the currency books, which `books` holds. */
  info: Omit<CommonsInfo, "currencies">;
  /** By lower-case currency. */
  books: Map<string, CurrencyBook>;
  /** In id order. */
  designs: Map<bigint, DesignRecord>;
  /** Each project's designs, and each design's derivatives naming it as a parent, in id order. */
  byProject: Map<bigint, DesignRecord[]>;
  children: Map<bigint, DesignRecord[]>;
  /** In id order, and the same objects by design and by lower-case licensee. */
  licences: Map<bigint, Licence>;
  licencesByDesign: Map<bigint, Licence[]>;
  licencesByLicensee: Map<string, Licence[]>;
  /** Each design's reports, period payments, operators' reports and payments of owed fees, in chain order. */
  payments: Map<bigint, LicencePayment[]>;
  /** By lower-case address (revoked ones kept). */
  entities: Map<string, EntityRecord>;
  /** By project, then lower-case currency. */
  income: Map<bigint, Map<string, LicenceIncome>>;
}

const listOf = <K, T>(map: Map<K, T[]>, key: K): T[] => {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
};

function timed(log: DesignsLog): Timed {
  const time = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
  return { block: log.blockNumber, ...(time !== undefined && time !== null ? { time: Number(time) } : {}) };
}

/** The row of `currency` in `rows` (by lower-case currency), made by `make` at first use. */
function ofCurrency<T>(rows: Map<string, T>, currency: Address, make: (currency: Address) => T): T {
  const key = currency.toLowerCase();
  let row = rows.get(key);
  if (row === undefined) rows.set(key, (row = make(getAddress(currency))));
  return row;
}

const book = (s: DesignsState, currency: Address): CurrencyBook =>
  ofCurrency(s.books, currency, (c) => ({
    currency: c,
    feesPaid: 0n,
    ancestorShares: 0n,
    projectShares: 0n,
    held: 0n,
    released: 0n,
    deposited: 0n,
  }));

/** A design's fee book in `currency`, every ancestor listed (with 0) from its creation. */
const feeBook = (d: DesignRecord, currency: Address): FeeBook =>
  ofCurrency(d.fees, currency, (c) => ({
    currency: c,
    feesPaid: 0n,
    ancestorShares: 0n,
    projectShares: 0n,
    fromDerivatives: 0n,
    byAncestor: d.ancestors.map((a) => ({ designId: a.designId, projectId: a.projectId, amount: 0n })),
  }));

function incomeOf(s: DesignsState, projectId: bigint, currency: Address): LicenceIncome {
  let rows = s.income.get(projectId);
  if (!rows) s.income.set(projectId, (rows = new Map()));
  return ofCurrency(rows, currency, (c) => ({
    projectId,
    currency: c,
    fromOwnDesigns: 0n,
    fromDerivatives: 0n,
    deposited: 0n,
    held: 0n,
  }));
}

/** A fee paid under `licence` (0 under a commons licence: no book counts it). */
function feePaid(s: DesignsState, licence: Licence, fee: bigint, payment: LicencePayment): void {
  licence.feesPaid += fee;
  listOf(s.payments, licence.designId).push(payment);
  if (fee === 0n) return;
  book(s, licence.currency).feesPaid += fee;
  const d = s.designs.get(licence.designId);
  if (d) feeBook(d, licence.currency).feesPaid += fee;
}

function payment(log: DesignsLog, licence: Licence, kind: LicencePayment["kind"], quantity: bigint, fee: bigint) {
  return {
    id: eventLogId(log.blockNumber, log.logIndex),
    licenceId: licence.id,
    designId: licence.designId,
    licensee: licence.licensee,
    kind,
    quantity,
    fee,
    currency: licence.currency,
    blockNumber: log.blockNumber,
    txHash: log.transactionHash,
  } satisfies LicencePayment;
}

/** Folds one decoded DesignCommons log into `s` (logs must come in chain order). */
export function applyDesignsLog(s: DesignsState, log: DesignsLog): void {
  switch (log.eventName) {
    case "DesignRegistered": {
      const a = log.args;
      const { name, tags } = indexedMeta(a.metadataURI);
      const parents = [...a.parents];
      const d: DesignRecord = {
        summary: {
          id: a.designId,
          projectId: a.projectId,
          registrant: getAddress(a.registrant),
          contentHash: a.contentHash,
          metadataURI: a.metadataURI,
          name,
          tags,
          parents,
          ancestorCount: 0,
          ancestorShareBps: 0,
          derivativeCount: 0,
          licenceCount: 0,
          commonsLicenceCount: 0,
          commercialLicenceCount: 0,
          unitsReported: 0n,
          blockNumber: log.blockNumber,
          txHash: log.transactionHash,
        },
        registered: timed(log),
        search: searchTextOf(a.metadataURI),
        termsVersions: [],
        ancestors: [],
        fees: new Map(),
      };
      s.designs.set(a.designId, d);
      listOf(s.byProject, a.projectId).push(d);
      for (const p of parents) listOf(s.children, p).push(d);
      s.info.designCount++;
      if (parents.length > 0) s.info.derivativeCount++;
      return;
    }
    case "AncestorRecorded": {
      const a = log.args;
      const d = s.designs.get(a.designId);
      const up = s.designs.get(a.ancestorId);
      if (!d) return;
      d.ancestors.push({
        designId: a.ancestorId,
        projectId: a.ancestorProjectId,
        shareBps: a.shareBps,
        direct: d.summary.parents.includes(a.ancestorId),
        name: up?.summary.name ?? "",
        parents: up?.summary.parents ?? [],
      });
      d.summary.ancestorCount++;
      d.summary.ancestorShareBps += a.shareBps;
      if (up) up.summary.derivativeCount++;
      return;
    }
    case "TermsSet": {
      const { designId, version, terms: t, by } = log.args;
      const d = s.designs.get(designId);
      if (!d) return;
      const terms: Terms = {
        version,
        currency: getAddress(t.currency),
        feePerUnit: t.feePerUnit,
        feePerPeriod: t.feePerPeriod,
        periodLength: t.periodLength,
        licenceDuration: t.licenceDuration,
        derivativeShareBps: t.derivativeShareBps,
        setBy: getAddress(by),
        blockNumber: log.blockNumber,
      };
      d.termsVersions.push(terms);
      return;
    }
    case "CommonsEntityAccredited":
    case "CommonsEntityRevoked": {
      const entity = getAddress(log.args.entity);
      const key = entity.toLowerCase();
      const accredited = log.eventName === "CommonsEntityAccredited";
      const e: EntityRecord = s.entities.get(key) ?? { entity, accredited: false, uri: "", accreditedIn: timed(log) };
      s.entities.set(key, e);
      if (accredited !== e.accredited) s.info.accreditedCount += accredited ? 1 : -1;
      e.accredited = accredited;
      if (log.eventName === "CommonsEntityAccredited") {
        e.uri = log.args.uri;
        e.accreditedIn = timed(log);
      } else e.revokedIn = timed(log);
      return;
    }
    case "LicenceTaken": {
      const a = log.args;
      const d = s.designs.get(a.designId);
      const terms = d?.termsVersions.find((t) => t.version === a.termsVersion);
      if (!d || !terms) return;
      const tier = a.tier === 1 ? "commons" : "commercial";
      // expiresAt = the block's time + the terms' licence duration.
      const takenAt = a.expiresAt - terms.licenceDuration;
      const licence: Licence = {
        id: a.licenceId,
        designId: a.designId,
        licensee: getAddress(a.licensee),
        tier,
        termsVersion: a.termsVersion,
        currency: terms.currency,
        takenAt,
        expiresAt: a.expiresAt,
        paidUntil: takenAt,
        unitsReported: 0n,
        feesPaid: 0n,
        reportCount: 0,
        periodPaymentCount: 0,
        feesOwed: 0n,
        operatorReportCount: 0,
        owedPaymentCount: 0,
        txHash: log.transactionHash,
      };
      s.licences.set(licence.id, licence);
      listOf(s.licencesByDesign, licence.designId).push(licence);
      listOf(s.licencesByLicensee, licence.licensee.toLowerCase()).push(licence);
      s.info.licenceCount++;
      d.summary.licenceCount++;
      if (tier === "commons") {
        s.info.commonsLicenceCount++;
        d.summary.commonsLicenceCount++;
      } else {
        s.info.commercialLicenceCount++;
        d.summary.commercialLicenceCount++;
      }
      return;
    }
    case "ProductionReported": {
      const { licenceId, units, fee } = log.args;
      const licence = s.licences.get(licenceId);
      if (!licence) return;
      licence.unitsReported += units;
      licence.reportCount++;
      feePaid(s, licence, fee, payment(log, licence, "units", units, fee));
      const d = s.designs.get(licence.designId);
      if (d) d.summary.unitsReported += units;
      return;
    }
    case "PeriodsPaid": {
      const { licenceId, periods, paidUntil, fee } = log.args;
      const licence = s.licences.get(licenceId);
      if (!licence) return;
      licence.paidUntil = paidUntil;
      licence.periodPaymentCount++;
      feePaid(s, licence, fee, payment(log, licence, "periods", BigInt(periods), fee));
      return;
    }
    case "ProductionReportedByOperator": {
      // An operator's report (DC-6): its units counted, its fee owed by the licence; nothing is paid yet.
      const { licenceId, operator, units, fee, owed, ref } = log.args;
      const licence = s.licences.get(licenceId);
      if (!licence) return;
      licence.unitsReported += units;
      licence.operatorReportCount++;
      licence.feesOwed = owed;
      listOf(s.payments, licence.designId).push({
        ...payment(log, licence, "reported", units, fee),
        operator: getAddress(operator),
        ref,
      });
      const d = s.designs.get(licence.designId);
      if (d) d.summary.unitsReported += units;
      return;
    }
    case "OwedFeesPaid": {
      // A payment of owed fees: a fee like any other, split by the share events that follow.
      const { licenceId, fee, owed } = log.args;
      const licence = s.licences.get(licenceId);
      if (!licence) return;
      licence.feesOwed = owed;
      licence.owedPaymentCount++;
      feePaid(s, licence, fee, payment(log, licence, "owed", 0n, fee));
      return;
    }
    case "AncestorShareCredited": {
      const { designId, ancestorId, projectId, currency, amount } = log.args;
      const b = book(s, currency);
      b.ancestorShares += amount;
      b.held += amount;
      const d = s.designs.get(designId);
      if (d) {
        const f = feeBook(d, currency);
        f.ancestorShares += amount;
        const share = f.byAncestor.find((x) => x.designId === ancestorId);
        if (share) share.amount += amount;
      }
      const up = s.designs.get(ancestorId);
      if (up) feeBook(up, currency).fromDerivatives += amount;
      const income = incomeOf(s, projectId, currency);
      income.fromDerivatives += amount;
      income.held += amount;
      return;
    }
    case "ProjectShareCredited": {
      const { designId, projectId, currency, amount, held } = log.args;
      const b = book(s, currency);
      b.projectShares += amount;
      const income = incomeOf(s, projectId, currency);
      income.fromOwnDesigns += amount;
      if (held) {
        b.held += amount;
        income.held += amount;
      } else {
        b.deposited += amount;
        income.deposited += amount;
      }
      const d = s.designs.get(designId);
      if (d) feeBook(d, currency).projectShares += amount;
      return;
    }
    case "HeldReleased": {
      const { projectId, currency, amount } = log.args;
      const b = book(s, currency);
      b.held -= amount;
      b.released += amount;
      b.deposited += amount;
      const income = incomeOf(s, projectId, currency);
      income.held -= amount;
      income.deposited += amount;
      return;
    }
    case "Transfer": {
      // A licence's mint (licences never move): its licensee, as LicenceTaken named it.
      const licence = s.licences.get(log.args.tokenId);
      if (licence && log.args.from === zeroAddress) licence.licensee = getAddress(log.args.to);
      return;
    }
    case "OwnershipTransferStarted":
    case "OwnershipTransferred":
      applyOwnershipStep(s.info, log.eventName === "OwnershipTransferStarted", log.args.newOwner);
      return;
    // Locked (every licence, at its mint), Unlocked (never emitted), the ERC-721 approvals (they move nothing,
    // licences being locked) and report operators' approvals have no view.
    case "Locked":
    case "Unlocked":
    case "Approval":
    case "ApprovalForAll":
    case "ReportOperatorSet":
      return;
  }
}

export const designsFold: EventFold<DesignsAbi, DesignsState> = {
  initial: () => ({
    info: {
      owner: zeroAddress,
      designCount: 0,
      derivativeCount: 0,
      licenceCount: 0,
      commonsLicenceCount: 0,
      commercialLicenceCount: 0,
      accreditedCount: 0,
    },
    books: new Map(),
    designs: new Map(),
    byProject: new Map(),
    children: new Map(),
    licences: new Map(),
    licencesByDesign: new Map(),
    licencesByLicensee: new Map(),
    payments: new Map(),
    entities: new Map(),
    income: new Map(),
  }),
  apply(state, logs) {
    for (const log of logs) applyDesignsLog(state, log);
  },
};
