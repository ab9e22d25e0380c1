// The impact module's chain reader: one incremental event reader over the registry, the market and the certificates
// (from their deployment block, in chunks; a refresh reads only new blocks), each screen's view derived from the
// folded state. View calls: each currency's symbol and decimals (read once); the head's time comes with its block.
import { getAddress, type Address, type PublicClient } from "viem";
import { demoTokenAddress } from "../../shared/config";
import { BlockTimeCache } from "../../shared/data/blockTimes";
import { mapPage, newestPage, pageOf, type Page } from "../../shared/data/pages";
import { eventReader } from "../../shared/data/events";
import { tokenInfo } from "../../shared/data/tokens";
import type { TokenInfo } from "../../shared/data/tokens";
import { sameAddress } from "../../shared/format";
import { impactAbi, impactFold, type ClaimState, type ImpactState, type RoundState } from "./fold";
import {
  availableUnits,
  buyable,
  byAccount,
  byChainOrder,
  ETH_CURRENCY,
  jurisdictionText,
  marketCursor,
  marketPart,
  marketParts,
  parseMarketCursor,
  maskIds,
  methodologyName,
  placeMatches,
  retirable,
} from "./format";
import type { ImpactReader } from "./index";
import { IMPACT_PAGE } from "./types";
import type {
  Certificate,
  CertificatePage,
  ClaimCore,
  ClaimDetail,
  ClaimFilter,
  ClaimListed,
  ClaimPage,
  Holding,
  ImpactBase,
  Logged,
  MarketFilter,
  MyVote,
  QueueClaim,
  Round,
} from "./types";

export interface ImpactAddresses {
  registry: Address;
  market: Address;
  certificates: Address;
}

/** How many of a round's latest points the chart shows. */
export const ROUND_POINTS = 12;

export function claimCore(c: ClaimState): ClaimCore {
  return {
    id: c.id,
    claimant: c.claimant,
    methodologyId: c.methodologyId,
    status: c.status,
    threshold: c.threshold,
    approvals: c.approvals,
    rejections: c.rejections,
    startDay: c.startDay,
    endDay: c.endDay,
    jurisdictionCode: jurisdictionText(c.jurisdiction),
    claimedUnits: c.claimedUnits,
    verifiedUnits: c.verifiedUnits,
    attestedMin: c.attestedMin,
    retiredUnits: c.retiredUnits,
    revokedUnits: c.revokedUnits,
    frozenUnits: c.frozenUnits,
  };
}

/** A claim with its listing, from the folded state; `token` names a currency. */
export function claimListed(state: ImpactState, c: ClaimState, token: (a: Address) => TokenInfo): ClaimListed {
  const balance = c.balances.get(c.claimant) ?? 0n;
  const sellable = balance > c.frozenUnits ? balance - c.frozenUnits : 0n;
  const l = state.listings.get(c.id);
  return {
    ...claimCore(c),
    sellable,
    ...(l
      ? {
          listing: {
            ...l,
            token: token(l.currency),
            available: availableUnits(c, l.remaining, l.unitsSold, sellable),
          },
        }
      : {}),
  };
}

export function claimDetail(state: ImpactState, c: ClaimState, token: (a: Address) => TokenInfo): ClaimDetail {
  return {
    ...claimListed(state, c, token),
    evidenceHash: c.evidenceHash,
    evidenceURI: c.evidenceURI,
    externalSerial: c.externalSerial,
    attestations: c.attestations,
    rejectedBy: c.rejectedBy,
    revocations: c.revocations,
    openRevocation: c.openRevocation,
    retirements: c.retirements,
    claimantBalance: c.balances.get(c.claimant) ?? 0n,
    holders: [...c.balances]
      .map(([account, balance]) => ({ account, balance }))
      .sort((a, b) => byAccount(a.account, b.account)),
    history: [...c.history].sort(byChainOrder),
  };
}

export function roundView(r: RoundState, token: (a: Address) => TokenInfo): Round {
  return {
    ...r,
    token: token(r.currency),
    methodologies: maskIds(r.methodologyMask),
    eligibility: new Map(r.eligibility),
    points: r.points.slice(-ROUND_POINTS),
  };
}

/** A certificate: flagged once its claim has revoked units. */
export function certificateView(state: ImpactState, id: bigint): Certificate | undefined {
  const c = state.certificates.get(id);
  if (!c) return undefined;
  return { ...c, flagged: (state.claims.get(c.claimId)?.revokedUnits ?? 0n) > 0n };
}

/** The claims screen from the folded state: the newest `limit` claims passing the filter, and the totals of the
 * registry (of the methodology when the filter names one). */
export function claimPage(state: ImpactState, filter: ClaimFilter, limit: number): ClaimPage {
  const all = [...state.claims.values()].reverse();
  const scope = filter.methodologyId === undefined ? all : all.filter((c) => c.methodologyId === filter.methodologyId);
  const shown = scope.filter(
    (c) =>
      (filter.status === undefined || c.status === filter.status) &&
      placeMatches(jurisdictionText(c.jurisdiction), filter.place) &&
      (!filter.claimant || sameAddress(c.claimant, filter.claimant)),
  );
  const sum = (f: (c: ClaimState) => bigint) => scope.reduce((t, c) => t + f(c), 0n);
  return {
    claims: shown.slice(0, limit).map(claimCore),
    more: shown.length > limit,
    totals: {
      count: scope.length,
      claimed: sum((c) => c.claimedUnits),
      verified: sum((c) => c.verifiedUnits),
      retired: sum((c) => c.retiredUnits),
      revoked: sum((c) => c.revokedUnits),
    },
  };
}

const votedBy = (c: ClaimState, me: Address) =>
  c.attestations.some((a) => sameAddress(a.verifier, me)) || c.rejectedBy.some((r) => sameAddress(r.verifier, me));

/**
 * A market list from the folded state (see MarketFilter): its parts in order (for sale: claims without a revocation,
 * then those with one), each newest first, the page of `size` after the cursor `after`.
 */
export function marketPage(
  state: ImpactState,
  filter: MarketFilter,
  after: string | undefined,
  token: (a: Address) => TokenInfo,
  size = IMPACT_PAGE,
): Page<ClaimListed> {
  const parts = marketParts(filter.upcoming);
  const part = (c: ClaimState) => parts.indexOf(marketPart(c, filter.upcoming));
  const picked: ClaimState[] = [];
  for (const [id, l] of state.listings) {
    const c = state.claims.get(id);
    if (
      c &&
      l.remaining > 0n &&
      (filter.upcoming ? c.status === 1 : c.status === 2 || c.status === 4) &&
      (filter.methodologyId === undefined || c.methodologyId === filter.methodologyId) &&
      placeMatches(jurisdictionText(c.jurisdiction), filter.place) &&
      (!filter.currency || sameAddress(l.currency, filter.currency))
    )
      picked.push(c);
  }
  picked.sort((a, b) => part(a) - part(b) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = pageOf(
    picked,
    size,
    after,
    (c) => marketCursor(marketPart(c, filter.upcoming), c.id),
    (c, cursor) => {
      const at = parseMarketCursor(cursor, filter.upcoming);
      const [p, q] = [part(c), parts.indexOf(at.part)];
      return p > q || (p === q && c.id < BigInt(at.before!));
    },
  );
  return {
    ...page,
    items: buyable(
      page.items.map((c) => claimListed(state, c, token)),
      filter,
    ),
  };
}

/** The verifier's queue for `me` from the folded state, newest first, the page after the claim id `after`. */
export function verifierQueue(state: ImpactState, me: Address, after: string | undefined): Page<QueueClaim> {
  const firstClaimId = state.verifiers.get(getAddress(me))?.firstClaimId ?? 0n;
  const waiting = [...state.claims.values()]
    .reverse()
    .filter((c) => c.status === 1 && !sameAddress(c.claimant, me) && !votedBy(c, me) && c.id >= firstClaimId);
  const page = newestPage(waiting, IMPACT_PAGE, after, (c) => c.id);
  return mapPage(page, (c) => ({
    ...claimCore(c),
    evidenceHash: c.evidenceHash,
    evidenceURI: c.evidenceURI,
    attestations: c.attestations,
  }));
}

/** The votes `me` cast (one per claim) from the folded state, newest claim first, the page after the claim id `after`. */
export function myVotes(state: ImpactState, me: Address, after: string | undefined): Page<MyVote> {
  const voted = [...state.claims.values()].reverse().filter((c) => votedBy(c, me));
  const page = newestPage(voted, IMPACT_PAGE, after, (c) => c.id);
  return mapPage(page, (c): MyVote => {
    const a = c.attestations.find((x) => sameAddress(x.verifier, me));
    if (a) return { claim: claimCore(c), approve: true, units: a.units, bySignature: a.bySignature, tx: a.tx };
    return { claim: claimCore(c), approve: false, tx: c.rejectedBy.find((r) => sameAddress(r.verifier, me))!.tx };
  });
}

/** The units `me` holds from the folded state, newest claim first, the page after the claim id `after`. */
export function holdings(state: ImpactState, me: Address, after?: string): Page<Holding> {
  const account = getAddress(me);
  const held = [...(state.held.get(account) ?? [])]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((id) => state.claims.get(id)!)
    .filter((c) => (c.balances.get(account) ?? 0n) > 0n);
  const page = newestPage(held, IMPACT_PAGE, after, (c) => c.id);
  return mapPage(page, (c) => {
    const balance = c.balances.get(account)!;
    return { claim: claimCore(c), balance, retirable: retirable(c, balance, account) };
  });
}

/** The certificates `me` owns from the folded state, newest first, the page after the certificate id `after`. */
export function certificatesOf(state: ImpactState, me: Address, after: string | undefined): Page<Certificate> {
  const ids = [...(state.owned.get(getAddress(me)) ?? [])].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const page = newestPage(ids, IMPACT_PAGE, after, (id) => id);
  return mapPage(page, (id) => certificateView(state, id)!);
}

export function createImpactChainReader(
  client: PublicClient,
  addresses: ImpactAddresses,
  fromBlock: bigint,
): ImpactReader {
  const events = eventReader(
    client,
    impactAbi,
    [addresses.registry, addresses.market, addresses.certificates],
    fromBlock,
    impactFold,
  );
  // Block times the logs did not carry (an RPC without `blockTimestamp` in its logs), read once each.
  const times = new BlockTimeCache(client);
  const timeOf = (block: bigint) => times.of(block);
  async function timed<T extends Pick<Logged, "block" | "time">>(items: T[]): Promise<T[]> {
    await times.load(items.filter((x) => x.time === undefined).map((x) => x.block));
    return items.map((x) => (x.time === undefined ? { ...x, time: times.get(x.block) } : x));
  }

  async function currencies(state: ImpactState): Promise<TokenInfo[]> {
    const all = new Map<string, Address>([[ETH_CURRENCY, ETH_CURRENCY]]);
    if (demoTokenAddress) all.set(demoTokenAddress.toLowerCase(), demoTokenAddress);
    for (const a of state.currencies) all.set(a.toLowerCase(), a);
    return Promise.all([...all.values()].map((a) => tokenInfo(client, a)));
  }
  // The reads a new block sets off at once (every active screen query) share one refresh.
  const sync = () => events.latest();
  async function synced() {
    const { state, block, time } = await sync();
    const tokens = await currencies(state);
    const token = (a: Address) => tokens.find((t) => sameAddress(t.address, a)) ?? tokens[0];
    return { state, block, time, tokens, token };
  }

  return {
    source: "chain",
    async base(): Promise<ImpactBase> {
      const { state, block, time, tokens } = await synced();
      return {
        block,
        time,
        today: Math.floor(time / 86_400),
        methodologies: [...state.methodologies.values()].sort((a, b) => a.id - b.id),
        verifiers: [...state.verifiers.values()]
          .filter((v) => v.accredited)
          .sort((a, b) => byAccount(a.account, b.account)),
        currencies: tokens,
        nextRoundEnds: [...state.rounds.values()]
          .filter((r) => r.endTime > time)
          .sort((a, b) => a.endTime - b.endTime)
          .slice(0, 2)
          .map((r) => ({ id: r.id, name: r.name, endTime: r.endTime })),
      };
    },
    async claims(filter, limit) {
      const { state } = await synced();
      return claimPage(state, filter, limit);
    },
    async claim(id) {
      const { state, token } = await synced();
      const c = state.claims.get(id);
      if (!c) return null;
      const d = claimDetail(state, c, token);
      return { ...d, history: await timed(d.history) };
    },
    async claimsOf(claimant, after) {
      const { state, token } = await synced();
      const mine = [...state.claims.values()].filter((c) => sameAddress(c.claimant, claimant)).reverse();
      const page = newestPage(mine, IMPACT_PAGE, after, (c) => c.id);
      return mapPage(page, (c) => claimListed(state, c, token));
    },
    async market(filter, after) {
      const { state, token } = await synced();
      return marketPage(state, filter, after, token);
    },
    async rounds(filter, after) {
      const { state, token } = await synced();
      const picked = [...state.rounds.values()]
        .filter(
          (r) =>
            (!filter.owner || sameAddress(r.owner, filter.owner)) &&
            (!filter.notOwner || !sameAddress(r.owner, filter.notOwner)),
        )
        .reverse();
      const page = newestPage(picked, IMPACT_PAGE, after, (r) => r.id);
      const items = await Promise.all(
        page.items.map(async (r) => {
          const v = roundView(r, token);
          return { ...v, points: await timed(v.points) };
        }),
      );
      return { ...page, items };
    },
    async openRounds(time) {
      const { state, token } = await synced();
      return [...state.rounds.values()]
        .filter((r) => r.endTime > time && r.remaining > 0n)
        .map((r) => ({ ...roundView(r, token), points: [] }));
    },
    async verifierQueue(me, after) {
      const { state } = await synced();
      return verifierQueue(state, me, after);
    },
    async myVotes(me, after) {
      const { state } = await synced();
      return myVotes(state, me, after);
    },
    async holdings(me, after) {
      const { state } = await synced();
      return holdings(state, me, after);
    },
    async certificates(me, after) {
      const { state } = await synced();
      return certificatesOf(state, me, after);
    },
    async certificate(id): Promise<CertificatePage | null> {
      const { state } = await synced();
      const cert = certificateView(state, id);
      const c = cert && state.claims.get(cert.claimId);
      if (!cert || !c) return null;
      return {
        ...cert,
        retiredAt: cert.retiredAt ?? (await timeOf(cert.block)),
        claim: claimCore(c),
        methodology: methodologyName({ methodologies: [...state.methodologies.values()] }, c.methodologyId),
        ...(cert.roundId ? { roundName: state.rounds.get(cert.roundId)?.name } : {}),
      };
    },
  };
}
