// The impact module's subgraph reader: each screen's view from the queries in ./queries.ts (the screens' lists newest
// first, one page per request by a claim, round or certificate id cursor; the open rounds whole, by an id cursor), the
// same views as the chain reader. View calls: the head block's time (the chain's clock) and each currency's symbol and
// decimals (read once).
import { getAddress, type Hex, type PublicClient } from "viem";
import { demoTokenAddress } from "../../shared/config";
import { graphqlAll, graphqlQuery, PAGE_SIZE } from "../../shared/data/graphql";
import { graphqlPage, idBefore, mapPage } from "../../shared/data/pages";
import { tokenInfo } from "../../shared/data/tokens";
import type { TokenInfo } from "../../shared/data/tokens";
import { sameAddress } from "../../shared/format";
import {
  availableUnits,
  buyable,
  byAccount,
  byChainOrder,
  ETH_CURRENCY,
  marketCursor,
  marketParts,
  maskIds,
  parseMarketCursor,
  placeFilter,
  retirable,
  type MarketPart,
} from "./format";
import type { ImpactReader } from "./index";
import {
  IMPACT_BASE_QUERY,
  IMPACT_CERTIFICATE_QUERY,
  IMPACT_CERTIFICATES_QUERY,
  IMPACT_CLAIM_QUERY,
  IMPACT_CLAIMS_OF_QUERY,
  IMPACT_CLAIMS_QUERY,
  IMPACT_HOLDINGS_QUERY,
  IMPACT_MARKET_QUERY,
  IMPACT_METHODOLOGY_TOTALS_QUERY,
  IMPACT_MY_VOTES_QUERY,
  IMPACT_OPEN_ROUNDS_QUERY,
  IMPACT_QUEUE_QUERY,
  IMPACT_ROUNDS_QUERY,
  IMPACT_TOTALS_QUERY,
  IMPACT_VERIFIER_QUERY,
} from "./queries";
import { IMPACT_PAGE } from "./types";
import type {
  AttestationRecord,
  Certificate,
  ClaimCore,
  ClaimDetail,
  ClaimListed,
  HistoryItem,
  Listing,
  Round,
  RoundPoint,
  RevocationVoteRecord,
} from "./types";

/** How many of a round's latest points the chart shows (as the chain reader). */
const ROUND_POINTS = 12;
const STATUS: Record<string, number> = { Submitted: 1, Verified: 2, Rejected: 3, Revoked: 4 };
const ELIGIBILITY: Record<string, number> = { Default: 0, Allowed: 1, Excluded: 2 };

type Num = string;
interface RawClaim {
  id: string;
  claimId: Num;
  claimant: Hex;
  methodologyId: number;
  status: string;
  threshold: number;
  approvals: number;
  rejections: number;
  startDay: number;
  endDay: number;
  jurisdiction: string;
  claimedUnits: Num;
  verifiedUnits: Num;
  mintedUnits: Num;
  retiredUnits: Num;
  revokedUnits: Num;
  frozenUnits: Num;
}
interface RawListing {
  seller: Hex;
  currency: Hex;
  pricePerUnit: Num;
  remaining: Num;
  version: number;
  proceeds: Num;
  unitsSold: Num;
}
interface RawVote {
  id: string;
  verifier: { id: string };
  units: Num;
  reasonHash: Hex;
  reason: string | null;
  votes: number;
  threshold: number;
  blockNumber: Num;
  timestamp: Num;
  transactionHash: Hex;
}
interface RawRound {
  id: string;
  roundId: Num;
  owner: Hex;
  name: string;
  currency: Hex;
  matchBps: number;
  endTime: Num;
  maxPricePerUnit: Num;
  capPerClaim: Num;
  capPerBuyer: Num;
  methodologyMask: Num;
  allowListOnly: boolean;
  acceptsRevokedClaims: boolean;
  deposited: Num;
  remaining: Num;
  spent: Num;
  reclaimed: Num;
  matchedUnits: Num;
  createdAt: Num;
  createdAtBlock: Num;
  reclaimedAt: Num | null;
  reclaimedAtBlock: Num | null;
  claimEligibilities: { id: string; claimId: Num; eligibility: string }[];
  fundings?: { id: string; amount: Num; remaining: Num; initial: boolean; blockNumber: Num; timestamp: Num }[];
  purchases?: {
    id: string;
    matchedUnits: Num;
    matchedCost: Num;
    roundRemaining: Num | null;
    blockNumber: Num;
    timestamp: Num;
  }[];
}
interface RawCertificate {
  id: string;
  certificateId: Num;
  owner: Hex;
  holder: Hex;
  units: Num;
  beneficiary: string;
  message: string;
  retiredAt: Num;
  flagged: boolean;
  blockNumber: Num;
  transactionHash: Hex;
  round: { roundId: Num; name: string } | null;
}

const big = (x: Num | null | undefined) => BigInt(x ?? 0);
/** A history line's place: block, rank in the block, transaction, time (none of the record's own fields). */
const logged = (x: { block: bigint; logIndex: number; tx: Hex; time?: number }) => ({
  block: x.block,
  logIndex: x.logIndex,
  tx: x.tx,
  ...(x.time !== undefined ? { time: x.time } : {}),
});
const addr = (x: string) => getAddress(x);

/** A claim's record as the chain reader gives it: verified units are the minted ones (0 before verification). */
export function claimCoreOf(c: RawClaim): ClaimCore {
  const approvals = c.approvals;
  return {
    id: big(c.claimId),
    claimant: addr(c.claimant),
    methodologyId: c.methodologyId,
    status: STATUS[c.status] ?? 0,
    threshold: c.threshold,
    approvals,
    rejections: c.rejections,
    startDay: c.startDay,
    endDay: c.endDay,
    jurisdictionCode: c.jurisdiction,
    claimedUnits: big(c.claimedUnits),
    verifiedUnits: big(c.mintedUnits),
    attestedMin: approvals > 0 ? big(c.verifiedUnits) : 0n,
    retiredUnits: big(c.retiredUnits),
    revokedUnits: big(c.revokedUnits),
    frozenUnits: big(c.frozenUnits),
  };
}

function listingOf(core: ClaimCore, l: RawListing, sellable: bigint, token: TokenInfo): Listing {
  const remaining = big(l.remaining);
  const unitsSold = big(l.unitsSold);
  return {
    seller: addr(l.seller),
    currency: addr(l.currency),
    pricePerUnit: big(l.pricePerUnit),
    remaining,
    version: l.version,
    proceeds: big(l.proceeds),
    unitsSold,
    token,
    available: availableUnits(core, remaining, unitsSold, sellable),
  };
}

function voteOf(v: RawVote): RevocationVoteRecord {
  return {
    block: big(v.blockNumber),
    logIndex: 0,
    tx: v.transactionHash,
    time: Number(v.timestamp),
    verifier: addr(v.verifier.id),
    units: big(v.units),
    reasonHash: v.reasonHash,
    reason: v.reason ?? "",
    votes: v.votes,
    threshold: v.threshold,
  };
}

function certificateOf(c: RawCertificate, claimId: bigint): Certificate {
  return {
    id: big(c.certificateId),
    claimId,
    units: big(c.units),
    retiredAt: Number(c.retiredAt),
    beneficiary: c.beneficiary,
    owner: addr(c.owner),
    flagged: c.flagged,
    retiredBy: addr(c.holder),
    message: c.message,
    ...(c.round ? { roundId: big(c.round.roundId) } : {}),
    block: big(c.blockNumber),
    tx: c.transactionHash,
  };
}

/** A round's latest points from its latest fundings and matched purchases, the running spend worked back from its
 * total (the same points as the chain reader's fold). */
export function roundPoints(r: RawRound): RoundPoint[] {
  const events: (RoundPoint & { rank: number })[] = [
    {
      block: big(r.createdAtBlock),
      time: Number(r.createdAt),
      kind: "created" as const,
      amount: 0n,
      matchedUnits: 0n,
      remaining: 0n,
      spent: 0n,
      rank: 0,
    },
    ...(r.fundings ?? []).map((f) => ({
      block: big(f.blockNumber),
      time: Number(f.timestamp),
      kind: "funded" as const,
      amount: big(f.amount),
      matchedUnits: 0n,
      remaining: big(f.remaining),
      spent: 0n,
      rank: 1,
    })),
    ...(r.purchases ?? []).map((p) => ({
      block: big(p.blockNumber),
      time: Number(p.timestamp),
      kind: "matched" as const,
      amount: big(p.matchedCost),
      matchedUnits: big(p.matchedUnits),
      remaining: big(p.roundRemaining),
      spent: 0n,
      rank: 2,
    })),
    ...(r.reclaimedAt
      ? [
          {
            block: big(r.reclaimedAtBlock),
            time: Number(r.reclaimedAt),
            kind: "reclaimed" as const,
            amount: big(r.reclaimed),
            matchedUnits: 0n,
            remaining: 0n,
            spent: 0n,
            rank: 3,
          },
        ]
      : []),
  ].sort((a, b) => (a.block < b.block ? -1 : a.block > b.block ? 1 : a.rank - b.rank));
  // The spend after each event, worked back from the round's total.
  let spent = big(r.spent);
  for (let i = events.length - 1; i >= 0; i--) {
    events[i].spent = spent;
    if (events[i].kind === "matched") spent -= events[i].amount;
    if (events[i].kind === "created") events[i].spent = 0n;
  }
  return events.slice(-ROUND_POINTS).map(({ rank: _rank, ...p }) => p);
}

function roundOf(r: RawRound, token: TokenInfo, withPoints: boolean): Round {
  const points = withPoints ? roundPoints(r) : [];
  const mask = big(r.methodologyMask);
  return {
    id: big(r.roundId),
    owner: addr(r.owner),
    name: r.name,
    currency: addr(r.currency),
    token,
    matchBps: r.matchBps,
    endTime: Number(r.endTime),
    maxPricePerUnit: big(r.maxPricePerUnit),
    capPerClaim: big(r.capPerClaim),
    capPerBuyer: big(r.capPerBuyer),
    methodologyMask: mask,
    methodologies: maskIds(mask),
    allowListOnly: r.allowListOnly,
    acceptsRevokedClaims: r.acceptsRevokedClaims,
    deposited: big(r.deposited),
    remaining: big(r.remaining),
    spent: big(r.spent),
    matchedUnits: big(r.matchedUnits),
    reclaimed: big(r.reclaimed),
    createdBlock: big(r.createdAtBlock),
    eligibility: new Map(
      r.claimEligibilities
        .filter((e) => ELIGIBILITY[e.eligibility] !== 0)
        .sort((a, b) => (big(a.claimId) < big(b.claimId) ? -1 : 1))
        .map((e) => [big(e.claimId).toString(), ELIGIBILITY[e.eligibility]]),
    ),
    points,
  };
}

export function createImpactSubgraphReader(url: string, client: PublicClient): ImpactReader {
  const token = async (a: string) => tokenInfo(client, addr(a));
  const tokens = (as: string[]) => Promise.all([...new Set(as.map((a) => a.toLowerCase()))].map(token));
  const pick = (list: TokenInfo[], a: string) => list.find((t) => sameAddress(t.address, a)) ?? list[0];
  async function now(): Promise<{ block: bigint; time: number }> {
    const head = await client.getBlock({ blockTag: "latest" });
    return { block: head.number, time: Number(head.timestamp) };
  }
  const listed = (c: RawClaim & { sellableUnits: Num; listing?: RawListing | null }, list: TokenInfo[]) => {
    const core = claimCoreOf(c);
    const sellable = big(c.sellableUnits);
    return {
      ...core,
      sellable,
      ...(c.listing ? { listing: listingOf(core, c.listing, sellable, pick(list, c.listing.currency)) } : {}),
    } as ClaimListed;
  };

  return {
    source: "subgraph",
    async base() {
      const { block, time } = await now();
      const d = await graphqlQuery<{
        methodologies: { methodologyId: number; name: string; threshold: number; active: boolean }[];
        verifiers: { account: Hex; accredited: boolean; firstClaimId: Num | null }[];
        marketCurrencyTotals: { currency: Hex }[];
        matchingRounds: { roundId: Num; name: string; endTime: Num }[];
      }>(url, IMPACT_BASE_QUERY, { now: time.toString() });
      const currencies = await tokens([
        ETH_CURRENCY,
        ...(demoTokenAddress ? [demoTokenAddress] : []),
        ...d.marketCurrencyTotals.map((c) => c.currency),
      ]);
      return {
        block,
        time,
        today: Math.floor(time / 86_400),
        methodologies: d.methodologies.map((m) => ({
          id: m.methodologyId,
          threshold: m.threshold,
          active: m.active,
          name: m.name,
        })),
        verifiers: d.verifiers
          .map((v) => ({ account: addr(v.account), accredited: v.accredited, firstClaimId: big(v.firstClaimId) }))
          .sort((a, b) => byAccount(a.account, b.account)),
        currencies,
        nextRoundEnds: d.matchingRounds.map((r) => ({ id: big(r.roundId), name: r.name, endTime: Number(r.endTime) })),
      };
    },

    async claims(filter, limit) {
      const where: Record<string, unknown> = {};
      if (filter.status !== undefined) where.status = Object.keys(STATUS).find((k) => STATUS[k] === filter.status);
      if (filter.methodologyId !== undefined) where.methodologyId = filter.methodologyId;
      if (filter.claimant) where.claimant = filter.claimant.toLowerCase();
      const place = placeFilter(filter.place);
      if (place && "country" in place) where.jurisdictionCountry = place.country;
      if (place && "code" in place) where.jurisdiction = place.code;
      // The newest `limit + 1` (one more says whether there are more), a page of at most 1,000 at a time.
      const rows: RawClaim[] = [];
      let cursor: string | undefined;
      while (rows.length < limit + 1) {
        const first = Math.min(PAGE_SIZE, limit + 1 - rows.length);
        const page = (
          await graphqlQuery<{ claims: RawClaim[] }>(url, IMPACT_CLAIMS_QUERY, {
            first,
            where: cursor ? { ...where, claimId_lt: cursor } : where,
          })
        ).claims;
        rows.push(...page);
        if (page.length < first) break;
        cursor = page[page.length - 1].claimId;
      }
      type Totals = {
        claimCount: number;
        claimedUnits: Num;
        verifiedUnits: Num;
        retiredUnits: Num;
        revokedUnits: Num;
      };
      const t: Totals | null =
        filter.methodologyId !== undefined
          ? (
              await graphqlQuery<{ methodology: Totals | null }>(url, IMPACT_METHODOLOGY_TOTALS_QUERY, {
                id: String(filter.methodologyId),
              })
            ).methodology
          : ((await graphqlQuery<{ impactRegistries: Totals[] }>(url, IMPACT_TOTALS_QUERY)).impactRegistries[0] ??
            null);
      return {
        claims: rows.slice(0, limit).map(claimCoreOf),
        more: rows.length > limit,
        totals: {
          count: t?.claimCount ?? 0,
          claimed: big(t?.claimedUnits),
          verified: big(t?.verifiedUnits),
          retired: big(t?.retiredUnits),
          revoked: big(t?.revokedUnits),
        },
      };
    },

    async claim(id) {
      type Raw = RawClaim & {
        sellableUnits: Num;
        evidenceHash: Hex;
        evidenceURI: string;
        externalSerial: string | null;
        submittedAt: Num;
        submittedAtBlock: Num;
        submittedTransaction: Hex;
        listing:
          | (RawListing & {
              withdrawals: {
                id: string;
                seller: Hex;
                amount: Num;
                blockNumber: Num;
                timestamp: Num;
                transactionHash: Hex;
              }[];
            })
          | null;
        listingChanges: {
          kind: string;
          seller: Hex;
          currency: Hex | null;
          pricePerUnit: Num | null;
          units: Num | null;
          blockNumber: Num;
          timestamp: Num;
          transactionHash: Hex;
        }[];
        attestations: {
          verifier: { id: string };
          kind: string;
          verifiedUnits: Num | null;
          reportHash: Hex | null;
          reasonHash: Hex | null;
          bySignature: boolean;
          count: number;
          decisive: boolean;
          blockNumber: Num;
          timestamp: Num;
          transactionHash: Hex;
        }[];
        revocationVotes: RawVote[];
        openRevocationVotes: RawVote[];
        revocations: {
          verifier: { id: string };
          units: Num;
          totalRevoked: Num;
          frozenUnits: Num;
          reasonHash: Hex;
          reason: string | null;
          blockNumber: Num;
          timestamp: Num;
          transactionHash: Hex;
        }[];
        refreezes: { claimant: Hex; frozenUnits: Num; blockNumber: Num; timestamp: Num; transactionHash: Hex }[];
        holdings: { holder: Hex; balance: Num }[];
        certificates: (Omit<RawCertificate, "flagged" | "round"> & { retiredAt: Num })[];
        purchases: {
          buyer: Hex;
          round: { roundId: Num } | null;
          units: Num;
          pricePerUnit: Num;
          cost: Num;
          matchedUnits: Num;
          matchedCost: Num;
          certificate: { certificateId: Num } | null;
          blockNumber: Num;
          timestamp: Num;
          transactionHash: Hex;
        }[];
      };
      const c = (await graphqlQuery<{ claim: Raw | null }>(url, IMPACT_CLAIM_QUERY, { id: id.toString() })).claim;
      if (!c) return null;
      const list = await tokens([ETH_CURRENCY, ...(c.listing ? [c.listing.currency] : [])]);
      const base = listed(c, list);
      // Events of one block are ordered by what the contracts emit first (the subgraph keeps no log index).
      const at = (x: { blockNumber: Num; timestamp: Num; transactionHash: Hex }, rank: number) => ({
        block: big(x.blockNumber),
        logIndex: rank,
        tx: x.transactionHash,
        time: Number(x.timestamp),
      });
      const approvals = c.attestations.filter((a) => a.kind === "Approval");
      const rejections = c.attestations.filter((a) => a.kind === "Rejection");
      const attestations: AttestationRecord[] = approvals.map((a) => ({
        ...at(a, 1),
        verifier: addr(a.verifier.id),
        units: big(a.verifiedUnits),
        reportHash: a.reportHash!,
        approvals: a.count,
        bySignature: a.bySignature,
      }));
      const retirements = c.certificates.map((x) => ({
        ...at({ ...x, timestamp: x.retiredAt }, 6),
        claimId: id,
        holder: addr(x.holder),
        certificateId: big(x.certificateId),
        certificateOwner: addr(x.owner),
        units: big(x.units),
        beneficiary: x.beneficiary,
        message: x.message,
      }));
      const revocations = c.revocations.map((r) => ({
        ...at(r, 4),
        verifier: addr(r.verifier.id),
        units: big(r.units),
        totalRevoked: big(r.totalRevoked),
        frozen: big(r.frozenUnits),
        reasonHash: r.reasonHash,
        ...(r.reason ? { reasonText: r.reason } : {}),
      }));
      const decisive = c.attestations.find((a) => a.decisive);
      const history: HistoryItem[] = [
        {
          block: big(c.submittedAtBlock),
          logIndex: 0,
          tx: c.submittedTransaction,
          time: Number(c.submittedAt),
          kind: "submitted" as const,
          actor: addr(c.claimant),
          units: big(c.claimedUnits),
        },
        ...attestations.map((a): HistoryItem => ({
          ...logged(a),
          kind: "attested",
          actor: a.verifier,
          units: a.units,
          bySignature: a.bySignature,
          approvals: a.approvals,
        })),
        ...rejections.map((r): HistoryItem => ({
          ...at(r, 1),
          kind: "rejection",
          actor: addr(r.verifier.id),
          rejections: r.count,
        })),
        ...(decisive && c.status !== "Submitted"
          ? [
              decisive.kind === "Approval"
                ? ({ ...at(decisive, 2), kind: "verified", units: big(c.mintedUnits) } as HistoryItem)
                : ({ ...at(decisive, 2), kind: "rejected" } as HistoryItem),
            ]
          : []),
        ...c.revocationVotes.map(voteOf).map((v): HistoryItem => ({
          ...logged(v),
          logIndex: 3,
          kind: "revocationVote",
          actor: v.verifier,
          units: v.units,
          votes: v.votes,
          threshold: v.threshold,
          reason: v.reason,
        })),
        ...revocations.map((r): HistoryItem => ({
          ...logged(r),
          kind: "revoked",
          actor: r.verifier,
          units: r.units,
          totalRevoked: r.totalRevoked,
          frozen: r.frozen,
        })),
        ...c.refreezes.map((r): HistoryItem => ({
          ...at(r, 5),
          kind: "refrozen",
          actor: addr(r.claimant),
          frozen: big(r.frozenUnits),
        })),
        ...retirements.map((r): HistoryItem => ({
          ...logged(r),
          kind: "retired",
          actor: r.holder,
          units: r.units,
          beneficiary: r.beneficiary,
          certificateId: r.certificateId,
        })),
        ...c.listingChanges.map((l): HistoryItem =>
          l.kind === "Listed"
            ? {
                ...at(l, 7),
                kind: "listed",
                actor: addr(l.seller),
                units: big(l.units),
                pricePerUnit: big(l.pricePerUnit),
                currency: addr(l.currency!),
              }
            : { ...at(l, 7), kind: "delisted" },
        ),
        ...c.purchases.map((p): HistoryItem => ({
          ...at(p, 8),
          kind: "bought",
          actor: addr(p.buyer),
          units: big(p.units),
          matchedUnits: big(p.matchedUnits),
          roundId: big(p.round?.roundId),
        })),
        ...(c.listing?.withdrawals ?? []).map((w): HistoryItem => ({
          ...at(w, 9),
          kind: "withdrawn",
          actor: addr(w.seller),
        })),
      ].sort(byChainOrder);
      const detail: ClaimDetail = {
        ...base,
        evidenceHash: c.evidenceHash,
        evidenceURI: c.evidenceURI,
        externalSerial: c.externalSerial ?? "",
        attestations,
        rejectedBy: rejections.map((r) => ({
          ...at(r, 1),
          verifier: addr(r.verifier.id),
          reasonHash: r.reasonHash!,
          rejections: r.count,
        })),
        revocations,
        openRevocation: c.openRevocationVotes.map(voteOf),
        retirements,
        claimantBalance: base.sellable + base.frozenUnits,
        holders: c.holdings
          .map((h) => ({ account: addr(h.holder), balance: big(h.balance) }))
          .sort((a, b) => byAccount(a.account, b.account)),
        history,
      };
      return detail;
    },

    async claimsOf(claimant, after) {
      type Raw = RawClaim & { sellableUnits: Num; listing: RawListing | null };
      const page = await graphqlPage<Raw, { claims: Raw[] }>(
        url,
        IMPACT_CLAIMS_OF_QUERY,
        (d) => d.claims,
        { claimant: claimant.toLowerCase(), before: idBefore(after) },
        IMPACT_PAGE,
        (r) => r.claimId.toString(),
      );
      const list = await tokens([ETH_CURRENCY, ...page.items.flatMap((r) => (r.listing ? [r.listing.currency] : []))]);
      return mapPage(page, (r) => listed(r, list));
    },

    async market(filter, after) {
      type Raw = RawListing & { id: string; claim: RawClaim & { sellableUnits: Num } };
      const parts = marketParts(filter.upcoming);
      const at = parseMarketCursor(after, filter.upcoming);
      const place = placeFilter(filter.place);
      const claim: Record<string, unknown> = filter.upcoming
        ? { status: "Submitted" }
        : { status_in: ["Verified", "Revoked"] };
      if (filter.methodologyId !== undefined) claim.methodologyId = filter.methodologyId;
      if (place && "country" in place) claim.jurisdictionCountry = place.country;
      if (place && "code" in place) claim.jurisdiction = place.code;
      // The parts in order from the cursor's, until a row more than the page is read.
      const rows: { r: Raw; part: MarketPart }[] = [];
      for (let i = parts.indexOf(at.part); i >= 0 && i < parts.length && rows.length <= IMPACT_PAGE; i++) {
        const part = parts[i];
        const revoked = part === "sound" ? { revokedUnits: "0" } : part === "revoked" ? { revokedUnits_gt: "0" } : {};
        const where = {
          remaining_gt: "0",
          ...(filter.currency ? { currency: filter.currency.toLowerCase() } : {}),
          claim_: { ...claim, ...revoked, claimId_lt: idBefore(part === at.part ? at.before : undefined) },
        };
        const got = await graphqlQuery<{ listings: Raw[] }>(url, IMPACT_MARKET_QUERY, {
          where,
          first: IMPACT_PAGE + 1 - rows.length,
        });
        rows.push(...got.listings.map((r) => ({ r, part })));
      }
      const shown = rows.slice(0, IMPACT_PAGE);
      const last = shown.at(-1);
      const list = await tokens([ETH_CURRENCY, ...shown.map(({ r }) => r.currency)]);
      return {
        items: buyable(
          shown.map(({ r }) => listed({ ...r.claim, listing: r }, list)),
          filter,
        ),
        next: rows.length > IMPACT_PAGE && last ? marketCursor(last.part, last.r.claim.claimId) : undefined,
      };
    },

    async rounds(filter, after) {
      const where = {
        roundId_lt: idBefore(after),
        ...(filter.owner ? { owner: filter.owner.toLowerCase() } : {}),
        ...(filter.notOwner ? { owner_not: filter.notOwner.toLowerCase() } : {}),
      };
      const page = await graphqlPage<RawRound, { matchingRounds: RawRound[] }>(
        url,
        IMPACT_ROUNDS_QUERY,
        (d) => d.matchingRounds,
        { where },
        IMPACT_PAGE,
        (r) => r.roundId.toString(),
      );
      const list = await tokens([ETH_CURRENCY, ...page.items.map((r) => r.currency)]);
      return mapPage(page, (r) => roundOf(r, pick(list, r.currency), true));
    },

    async openRounds(time) {
      const rows = await graphqlAll<RawRound, { matchingRounds: RawRound[] }>(
        url,
        IMPACT_OPEN_ROUNDS_QUERY,
        (d) => d.matchingRounds,
        { now: time.toString() },
      );
      const list = await tokens([ETH_CURRENCY, ...rows.map((r) => r.currency)]);
      return rows.map((r) => roundOf(r, pick(list, r.currency), false)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async verifierQueue(me, after) {
      const id = me.toLowerCase();
      const v = (
        await graphqlQuery<{ verifier: { firstClaimId: Num | null } | null }>(url, IMPACT_VERIFIER_QUERY, { id })
      ).verifier;
      type Queue = RawClaim & {
        evidenceHash: Hex;
        evidenceURI: string;
        attestations: {
          verifier: { id: string };
          verifiedUnits: Num;
          reportHash: Hex;
          bySignature: boolean;
          count: number;
          blockNumber: Num;
          timestamp: Num;
          transactionHash: Hex;
        }[];
      };
      const page = await graphqlPage<Queue, { claims: Queue[] }>(
        url,
        IMPACT_QUEUE_QUERY,
        (d) => d.claims,
        { from: (v?.firstClaimId ?? "0").toString(), me: id, before: idBefore(after) },
        IMPACT_PAGE,
        (c) => c.claimId.toString(),
      );
      return mapPage(page, (c) => ({
        ...claimCoreOf(c),
        evidenceHash: c.evidenceHash,
        evidenceURI: c.evidenceURI,
        attestations: c.attestations.map((a) => ({
          block: big(a.blockNumber),
          logIndex: 0,
          tx: a.transactionHash,
          time: Number(a.timestamp),
          verifier: addr(a.verifier.id),
          units: big(a.verifiedUnits),
          reportHash: a.reportHash,
          approvals: a.count,
          bySignature: a.bySignature,
        })),
      }));
    },

    async myVotes(me, after) {
      type Vote = {
        id: string;
        kind: string;
        verifiedUnits: Num | null;
        bySignature: boolean;
        transactionHash: Hex;
        claim: RawClaim;
      };
      const page = await graphqlPage<Vote, { attestations: Vote[] }>(
        url,
        IMPACT_MY_VOTES_QUERY,
        (d) => d.attestations,
        { verifier: me.toLowerCase(), before: idBefore(after) },
        IMPACT_PAGE,
        (x) => x.claim.claimId.toString(),
      );
      return mapPage(page, (x) => ({
        claim: claimCoreOf(x.claim),
        approve: x.kind === "Approval",
        ...(x.kind === "Approval" ? { units: big(x.verifiedUnits), bySignature: x.bySignature } : {}),
        tx: x.transactionHash,
      }));
    },

    async holdings(me, after) {
      type Held = { id: string; balance: Num; claim: RawClaim };
      const page = await graphqlPage<Held, { impactHoldings: Held[] }>(
        url,
        IMPACT_HOLDINGS_QUERY,
        (d) => d.impactHoldings,
        { holder: me.toLowerCase(), before: idBefore(after) },
        IMPACT_PAGE,
        (h) => h.claim.claimId.toString(),
      );
      return mapPage(page, (h) => {
        const claim = claimCoreOf(h.claim);
        const balance = big(h.balance);
        return { claim, balance, retirable: retirable(claim, balance, me) };
      });
    },

    async certificates(me, after) {
      type Cert = RawCertificate & { claim: { claimId: Num } };
      const page = await graphqlPage<Cert, { certificates: Cert[] }>(
        url,
        IMPACT_CERTIFICATES_QUERY,
        (d) => d.certificates,
        { owner: me.toLowerCase(), before: idBefore(after) },
        IMPACT_PAGE,
        (c) => c.certificateId.toString(),
      );
      return mapPage(page, (c) => certificateOf(c, big(c.claim.claimId)));
    },

    async certificate(id) {
      type Raw = RawCertificate & { claim: RawClaim & { methodology: { name: string } } };
      const c = (await graphqlQuery<{ certificate: Raw | null }>(url, IMPACT_CERTIFICATE_QUERY, { id: id.toString() }))
        .certificate;
      if (!c) return null;
      const claim = claimCoreOf(c.claim);
      return {
        ...certificateOf(c, claim.id),
        retiredAt: Number(c.retiredAt),
        claim,
        methodology: c.claim.methodology.name || `methodology ${claim.methodologyId}`,
        ...(c.round ? { roundName: c.round.name } : {}),
      };
    },
  };
}
