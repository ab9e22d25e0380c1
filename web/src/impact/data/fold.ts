// The impact module's event fold: the registry's, the market's and the certificates' events (one merged ABI) folded
// into plain state — methodologies, verifiers, claims with their votes, balances and history, listings, rounds and
// certificates. Pure: it never reads the chain; the chain reader derives every screen's view from this state.
import { impactMarketAbi, impactRegistryAbi, retirementCertificatesAbi } from "@cosmolocal/sdk";
import type { Address, Hex } from "viem";
import type { DecodedLog, EventFold } from "../../shared/data/logs";
import { VERIFIER_ROLE } from "./format";
import type {
  AttestationRecord,
  Certificate,
  ClaimCore,
  HistoryItem,
  Listing,
  Logged,
  Methodology,
  PurchaseRecord,
  RejectionRecord,
  RetirementRecord,
  RevocationRecord,
  RevocationVoteRecord,
  Round,
  Verifier,
} from "./types";

/** The three contracts' ABIs in one: every log of the module decodes with it. */
export const impactAbi = [...impactRegistryAbi, ...impactMarketAbi, ...retirementCertificatesAbi] as const;
export type ImpactLog = DecodedLog<typeof impactAbi>;

/** A claim as the fold keeps it: the record's fields (with the raw jurisdiction code) and all the claim's story. */
export interface ClaimState extends Omit<ClaimCore, "jurisdictionCode"> {
  jurisdiction: Hex;
  evidenceHash: Hex;
  evidenceURI: string;
  externalSerial: string;
  submittedBlock: bigint;
  attestations: AttestationRecord[];
  rejectedBy: RejectionRecord[];
  revocations: RevocationRecord[];
  /** Every revocation vote, decided or open. */
  revocationVotes: RevocationVoteRecord[];
  /** The votes of the revocation not decided yet. */
  openRevocation: RevocationVoteRecord[];
  retirements: RetirementRecord[];
  purchases: PurchaseRecord[];
  history: HistoryItem[];
  /** Non-zero balances of its units, by holder. */
  balances: Map<Address, bigint>;
}

/** A listing as the fold keeps it: the market's record, without the token and the units a buyer can get now. */
export type ListingState = Omit<Listing, "token" | "available">;

/** A round as the fold keeps it: the view's fields but its currency's token and the mask's methodology ids. */
export type RoundState = Omit<Round, "token" | "methodologies">;

/** A certificate as the fold keeps it: the view's fields but whether its claim is flagged (the claim tells). */
export type CertificateState = Omit<Certificate, "flagged">;

export interface ImpactState {
  methodologies: Map<number, Methodology>;
  verifiers: Map<Address, Verifier>;
  claims: Map<bigint, ClaimState>;
  listings: Map<bigint, ListingState>;
  rounds: Map<bigint, RoundState>;
  certificates: Map<bigint, CertificateState>;
  /** The claims each account holds units of. */
  held: Map<Address, Set<bigint>>;
  /** The certificates each account owns, in issue order. */
  owned: Map<Address, bigint[]>;
  /** Currencies used by listings and rounds. */
  currencies: Set<Address>;
}

const ZERO = "0x0000000000000000000000000000000000000000";

function logged(log: ImpactLog): Logged {
  const time = (log as { blockTimestamp?: bigint | null }).blockTimestamp;
  return {
    block: log.blockNumber,
    logIndex: log.logIndex,
    tx: log.transactionHash,
    ...(time !== undefined && time !== null ? { time: Number(time) } : {}),
  };
}

function move(state: ImpactState, id: bigint, from: Address, to: Address, value: bigint) {
  const c = state.claims.get(id);
  if (!c || value === 0n) return;
  if (from !== ZERO) {
    const left = (c.balances.get(from) ?? 0n) - value;
    if (left > 0n) c.balances.set(from, left);
    else {
      c.balances.delete(from);
      state.held.get(from)?.delete(id);
    }
  }
  if (to !== ZERO) {
    c.balances.set(to, (c.balances.get(to) ?? 0n) + value);
    const held = state.held.get(to) ?? new Set<bigint>();
    held.add(id);
    state.held.set(to, held);
  }
}

function applyOne(state: ImpactState, log: ImpactLog) {
  const at = logged(log);
  const claim = (id: bigint) => state.claims.get(id);
  switch (log.eventName) {
    case "MethodologySet": {
      const a = log.args;
      state.methodologies.set(a.methodologyId, {
        id: a.methodologyId,
        threshold: a.threshold,
        active: a.active,
        name: a.name,
      });
      break;
    }
    case "RoleGranted":
    case "RoleRevoked": {
      if (log.args.role !== VERIFIER_ROLE) break;
      const v = state.verifiers.get(log.args.account) ?? {
        account: log.args.account,
        accredited: false,
        firstClaimId: 0n,
      };
      v.accredited = log.eventName === "RoleGranted";
      state.verifiers.set(log.args.account, v);
      break;
    }
    case "VerifierSlotAssigned": {
      const v = state.verifiers.get(log.args.verifier) ?? {
        account: log.args.verifier,
        accredited: true,
        firstClaimId: 0n,
      };
      v.firstClaimId = log.args.firstClaimId;
      state.verifiers.set(log.args.verifier, v);
      break;
    }
    case "ClaimSubmitted": {
      const a = log.args;
      state.claims.set(a.claimId, {
        id: a.claimId,
        claimant: a.claimant,
        methodologyId: a.methodologyId,
        status: 1,
        // k is the methodology's when the claim is submitted.
        threshold: state.methodologies.get(a.methodologyId)?.threshold ?? 0,
        approvals: 0,
        rejections: 0,
        startDay: a.startDay,
        endDay: a.endDay,
        jurisdiction: a.jurisdiction,
        claimedUnits: BigInt(a.units),
        attestedMin: 0n,
        verifiedUnits: 0n,
        retiredUnits: 0n,
        revokedUnits: 0n,
        frozenUnits: 0n,
        evidenceHash: a.evidenceHash,
        evidenceURI: a.evidenceURI,
        externalSerial: a.externalSerial,
        submittedBlock: at.block,
        attestations: [],
        rejectedBy: [],
        revocations: [],
        revocationVotes: [],
        openRevocation: [],
        retirements: [],
        purchases: [],
        history: [{ ...at, kind: "submitted", actor: a.claimant, units: BigInt(a.units) }],
        balances: new Map(),
      });
      break;
    }
    case "ClaimAttested": {
      const a = log.args;
      const c = claim(a.claimId);
      if (!c) break;
      const units = BigInt(a.verifiedUnits);
      c.attestations.push({
        ...at,
        verifier: a.verifier,
        units,
        reportHash: a.reportHash,
        approvals: a.approvals,
        bySignature: a.bySignature,
      });
      c.approvals = a.approvals;
      c.attestedMin = a.approvals === 1 || units < c.attestedMin ? units : c.attestedMin;
      c.history.push({
        ...at,
        kind: "attested",
        actor: a.verifier,
        units,
        bySignature: a.bySignature,
        approvals: a.approvals,
      });
      break;
    }
    case "ClaimRejectionRecorded": {
      const a = log.args;
      const c = claim(a.claimId);
      if (!c) break;
      c.rejectedBy.push({ ...at, verifier: a.verifier, reasonHash: a.reasonHash, rejections: a.rejections });
      c.rejections = a.rejections;
      c.history.push({ ...at, kind: "rejection", actor: a.verifier, rejections: a.rejections });
      break;
    }
    case "ClaimVerified": {
      const c = claim(log.args.claimId);
      if (!c) break;
      c.status = 2;
      c.verifiedUnits = BigInt(log.args.units);
      c.history.push({ ...at, kind: "verified", units: c.verifiedUnits });
      break;
    }
    case "ClaimRejected": {
      const c = claim(log.args.claimId);
      if (!c) break;
      c.status = 3;
      c.history.push({ ...at, kind: "rejected" });
      break;
    }
    case "RevocationVoteRecorded": {
      const a = log.args;
      const c = claim(a.claimId);
      if (!c) break;
      const vote: RevocationVoteRecord = {
        ...at,
        verifier: a.verifier,
        units: BigInt(a.units),
        reasonHash: a.reasonHash,
        reason: a.reason,
        votes: a.votes,
        threshold: a.threshold,
      };
      c.revocationVotes.push(vote);
      c.openRevocation.push(vote);
      c.history.push({
        ...at,
        kind: "revocationVote",
        actor: a.verifier,
        units: vote.units,
        votes: a.votes,
        threshold: a.threshold,
        reason: a.reason,
      });
      break;
    }
    case "ClaimRevoked": {
      const a = log.args;
      const c = claim(a.claimId);
      if (!c) break;
      // The reason's text, if a voter of this revocation published the one the deciding vote names.
      const text = c.openRevocation.find((v) => v.reasonHash === a.reasonHash && v.reason)?.reason;
      c.revocations.push({
        ...at,
        verifier: a.verifier,
        units: BigInt(a.units),
        totalRevoked: BigInt(a.totalRevoked),
        frozen: BigInt(a.frozenUnits),
        reasonHash: a.reasonHash,
        ...(text ? { reasonText: text } : {}),
      });
      c.openRevocation = [];
      c.status = 4;
      c.revokedUnits = BigInt(a.totalRevoked);
      c.frozenUnits = BigInt(a.frozenUnits);
      c.history.push({
        ...at,
        kind: "revoked",
        actor: a.verifier,
        units: BigInt(a.units),
        totalRevoked: c.revokedUnits,
        frozen: c.frozenUnits,
      });
      break;
    }
    case "UnitsRefrozen": {
      const c = claim(log.args.claimId);
      if (!c) break;
      c.frozenUnits = BigInt(log.args.frozenUnits);
      c.history.push({ ...at, kind: "refrozen", actor: log.args.claimant, frozen: c.frozenUnits });
      break;
    }
    case "UnitsRetired": {
      const a = log.args;
      const c = claim(a.claimId);
      const units = BigInt(a.units);
      const rec: RetirementRecord = {
        ...at,
        claimId: a.claimId,
        holder: a.holder,
        certificateId: a.certificateId,
        certificateOwner: a.certificateOwner,
        units,
        beneficiary: a.beneficiary,
        message: a.message,
      };
      if (c) {
        c.retirements.push(rec);
        c.retiredUnits += units;
        c.history.push({
          ...at,
          kind: "retired",
          actor: a.holder,
          units,
          beneficiary: a.beneficiary,
          certificateId: a.certificateId,
        });
      }
      state.certificates.set(a.certificateId, {
        id: a.certificateId,
        claimId: a.claimId,
        units,
        ...(at.time !== undefined ? { retiredAt: at.time } : {}),
        beneficiary: a.beneficiary,
        owner: a.certificateOwner,
        retiredBy: a.holder,
        message: a.message,
        block: at.block,
        tx: at.tx,
      });
      const owned = state.owned.get(a.certificateOwner) ?? [];
      if (!owned.includes(a.certificateId)) owned.push(a.certificateId);
      state.owned.set(a.certificateOwner, owned);
      break;
    }
    case "TransferSingle":
      move(state, log.args.id, log.args.from, log.args.to, log.args.value);
      break;
    case "TransferBatch":
      log.args.ids.forEach((id, i) => move(state, id, log.args.from, log.args.to, log.args.values[i]));
      break;
    case "Listed": {
      const a = log.args;
      const l = state.listings.get(a.claimId);
      state.listings.set(a.claimId, {
        seller: a.seller,
        currency: a.currency,
        pricePerUnit: a.pricePerUnit,
        remaining: BigInt(a.units),
        version: a.version,
        proceeds: l?.proceeds ?? 0n,
        unitsSold: l?.unitsSold ?? 0n,
      });
      state.currencies.add(a.currency);
      claim(a.claimId)?.history.push({
        ...at,
        kind: "listed",
        actor: a.seller,
        units: BigInt(a.units),
        pricePerUnit: a.pricePerUnit,
        currency: a.currency,
      });
      break;
    }
    case "Delisted": {
      const l = state.listings.get(log.args.claimId);
      if (l) l.remaining = 0n;
      claim(log.args.claimId)?.history.push({ ...at, kind: "delisted" });
      break;
    }
    case "Purchased": {
      const a = log.args;
      const rec: PurchaseRecord = {
        ...at,
        claimId: a.claimId,
        buyer: a.buyer,
        roundId: a.roundId,
        units: BigInt(a.units),
        pricePerUnit: a.pricePerUnit,
        cost: a.cost,
        matchedUnits: BigInt(a.matchedUnits),
        matchedCost: a.matchedCost,
        certificateId: a.certificateId,
      };
      const l = state.listings.get(a.claimId);
      if (l) {
        const taken = rec.units + rec.matchedUnits;
        l.remaining = l.remaining > taken ? l.remaining - taken : 0n;
        l.unitsSold += taken;
        l.proceeds += rec.cost + rec.matchedCost;
      }
      const c = claim(a.claimId);
      if (c) {
        c.purchases.push(rec);
        c.history.push({
          ...at,
          kind: "bought",
          actor: a.buyer,
          units: rec.units,
          matchedUnits: rec.matchedUnits,
          roundId: a.roundId,
        });
      }
      const cert = state.certificates.get(a.certificateId);
      if (a.certificateId > 0n && cert) cert.roundId = a.roundId;
      const r = state.rounds.get(a.roundId);
      if (r) {
        r.remaining -= rec.matchedCost;
        r.spent += rec.matchedCost;
        r.matchedUnits += rec.matchedUnits;
        r.points.push({
          block: at.block,
          ...(at.time !== undefined ? { time: at.time } : {}),
          kind: "matched",
          amount: rec.matchedCost,
          matchedUnits: rec.matchedUnits,
          remaining: r.remaining,
          spent: r.spent,
        });
      }
      break;
    }
    case "ProceedsWithdrawn": {
      const l = state.listings.get(log.args.claimId);
      if (l) l.proceeds = 0n;
      claim(log.args.claimId)?.history.push({ ...at, kind: "withdrawn", actor: log.args.seller });
      break;
    }
    case "RoundCreated": {
      const a = log.args;
      state.rounds.set(a.roundId, {
        id: a.roundId,
        owner: a.owner,
        name: a.name,
        currency: a.currency,
        matchBps: a.matchBps,
        endTime: a.endTime,
        maxPricePerUnit: a.maxPricePerUnit,
        capPerClaim: a.capPerClaim,
        capPerBuyer: a.capPerBuyer,
        methodologyMask: a.methodologyMask,
        allowListOnly: false,
        acceptsRevokedClaims: false,
        deposited: 0n,
        remaining: 0n,
        spent: 0n,
        matchedUnits: 0n,
        reclaimed: 0n,
        createdBlock: at.block,
        eligibility: new Map(),
        points: [
          {
            block: at.block,
            ...(at.time !== undefined ? { time: at.time } : {}),
            kind: "created",
            amount: 0n,
            matchedUnits: 0n,
            remaining: 0n,
            spent: 0n,
          },
        ],
      });
      state.currencies.add(a.currency);
      break;
    }
    case "RoundClaimRulesSet": {
      const r = state.rounds.get(log.args.roundId);
      if (!r) break;
      r.allowListOnly = log.args.allowListOnly;
      r.acceptsRevokedClaims = log.args.acceptsRevokedClaims;
      break;
    }
    case "RoundClaimEligibilitySet": {
      const r = state.rounds.get(log.args.roundId);
      if (!r) break;
      if (log.args.eligibility === 0) r.eligibility.delete(log.args.claimId.toString());
      else r.eligibility.set(log.args.claimId.toString(), log.args.eligibility);
      break;
    }
    case "RoundFunded": {
      const r = state.rounds.get(log.args.roundId);
      if (!r) break;
      r.deposited += log.args.amount;
      r.remaining = log.args.remaining;
      r.points.push({
        block: at.block,
        ...(at.time !== undefined ? { time: at.time } : {}),
        kind: "funded",
        amount: log.args.amount,
        matchedUnits: 0n,
        remaining: r.remaining,
        spent: r.spent,
      });
      break;
    }
    case "RoundReclaimed": {
      const r = state.rounds.get(log.args.roundId);
      if (!r) break;
      r.remaining = 0n;
      r.reclaimed += log.args.amount;
      r.points.push({
        block: at.block,
        ...(at.time !== undefined ? { time: at.time } : {}),
        kind: "reclaimed",
        amount: log.args.amount,
        matchedUnits: 0n,
        remaining: 0n,
        spent: r.spent,
      });
      break;
    }
  }
}

export const impactFold: EventFold<typeof impactAbi, ImpactState> = {
  initial: () => ({
    methodologies: new Map(),
    verifiers: new Map(),
    claims: new Map(),
    listings: new Map(),
    rounds: new Map(),
    certificates: new Map(),
    held: new Map(),
    owned: new Map(),
    currencies: new Set(),
  }),
  apply(state, logs) {
    for (const log of logs) applyOne(state, log);
  },
};
