// The impact module's chain reader: one incremental event reader over the registry, the market and the certificates
// (from their deployment block, in chunks; a refresh reads only new blocks), each screen's view derived from the
// folded state. View calls: each currency's symbol and decimals (read once); the head's time comes with its block.
import { getAddress, type Address, type PublicClient } from "viem";
import { demoTokenAddress } from "../../shared/config";
import { BlockTimeCache } from "../../shared/data/blockTimes";
import { eventReader } from "../../shared/data/events";
import { tokenInfo } from "../../shared/data/tokens";
import type { TokenInfo } from "../../shared/data/tokens";
import { sameAddress } from "../../shared/format";
import { impactAbi, impactFold, type ClaimState, type ImpactState, type RoundState } from "./fold";
import {
  availableUnits,
  byAccount,
  byChainOrder,
  ETH_CURRENCY,
  jurisdictionText,
  maskIds,
  methodologyName,
  placeMatches,
  retirable,
} from "./format";
import type { ImpactReader } from "./index";
import type {
  Certificate,
  CertificatePage,
  ClaimCore,
  ClaimDetail,
  ClaimFilter,
  ClaimListed,
  ClaimPage,
  Holdings,
  ImpactBase,
  Logged,
  MyVote,
  Round,
  VerifierDesk,
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

/** The verifier's screen for `me` from the folded state. */
export function verifierDesk(state: ImpactState, me: Address): VerifierDesk {
  const firstClaimId = state.verifiers.get(getAddress(me))?.firstClaimId ?? 0n;
  const claims = [...state.claims.values()].reverse();
  const voted = (c: ClaimState) =>
    c.attestations.some((a) => sameAddress(a.verifier, me)) || c.rejectedBy.some((r) => sameAddress(r.verifier, me));
  const votes: MyVote[] = [];
  for (const c of claims) {
    for (const a of c.attestations)
      if (sameAddress(a.verifier, me))
        votes.push({ claim: claimCore(c), approve: true, units: a.units, bySignature: a.bySignature, tx: a.tx });
    for (const r of c.rejectedBy)
      if (sameAddress(r.verifier, me)) votes.push({ claim: claimCore(c), approve: false, tx: r.tx });
  }
  return {
    queue: claims
      .filter((c) => c.status === 1 && !sameAddress(c.claimant, me) && !voted(c) && c.id >= firstClaimId)
      .map((c) => ({
        ...claimCore(c),
        evidenceHash: c.evidenceHash,
        evidenceURI: c.evidenceURI,
        attestations: c.attestations,
      })),
    votes,
  };
}

/** The funder's screen for `me` from the folded state: units held (claim order) and certificates, newest first. */
export function holdings(state: ImpactState, me: Address): Holdings {
  const account = getAddress(me);
  const units = [...(state.held.get(account) ?? [])]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((id) => state.claims.get(id)!)
    .map((c) => {
      const balance = c.balances.get(account) ?? 0n;
      return { claim: claimCore(c), balance, retirable: retirable(c, balance, account) };
    })
    .filter((h) => h.balance > 0n);
  const certificates = [...(state.owned.get(account) ?? [])]
    .reverse()
    .map((id) => certificateView(state, id)!)
    .filter(Boolean);
  return { units, certificates };
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
    async claimsOf(claimant) {
      const { state, token } = await synced();
      return [...state.claims.values()]
        .filter((c) => sameAddress(c.claimant, claimant))
        .reverse()
        .map((c) => claimListed(state, c, token));
    },
    async market() {
      const { state, token } = await synced();
      const listings: ClaimListed[] = [];
      for (const [id, l] of [...state.listings].reverse()) {
        const c = state.claims.get(id);
        if (c && l.remaining > 0n && c.status !== 3) listings.push(claimListed(state, c, token));
      }
      return { listings };
    },
    async rounds() {
      const { state, token } = await synced();
      const rounds = [...state.rounds.values()].reverse().map((r) => roundView(r, token));
      return Promise.all(rounds.map(async (r) => ({ ...r, points: await timed(r.points) })));
    },
    async openRounds(time) {
      const { state, token } = await synced();
      return [...state.rounds.values()]
        .filter((r) => r.endTime > time && r.remaining > 0n)
        .map((r) => ({ ...roundView(r, token), points: [] }));
    },
    async verifierDesk(me) {
      const { state } = await synced();
      return verifierDesk(state, me);
    },
    async holdings(me) {
      const { state } = await synced();
      return holdings(state, me);
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
