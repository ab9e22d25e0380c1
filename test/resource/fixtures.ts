// Fixtures of the ResourceRegistry tests: a registry with a plain-account council, the demo plaice stock and its
// fishers, and an independent eager reference model of entitlement, carry-over and the closing report.
import { network } from "hardhat";
import type { ResourceRegistry } from "../../types/ethers-contracts/index.ts";

export { coverage } from "../utils/coverage.ts";
export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const WAD = 10n ** 18n;
export const BPS = 10_000n;
export const DAY = 86_400;
export const SEASON = 365 * DAY;
export const MAX_U96 = 2n ** 96n - 1n;

/** `n` tonnes (18 decimals), with up to six decimals. */
export const t = (n: number | bigint) =>
  typeof n === "bigint" ? n * WAD : (BigInt(Math.round(n * 1e6)) * WAD) / 1_000_000n;
export const ticket = (text: string) => ethers.id(text);

export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
export type Registry = ResourceRegistry;

export const RULE = {
  targetRate: (WAD * 20n) / 100n,
  precautionaryBiomass: t(100_000),
  limitBiomass: t(40_000),
  maxRiseBps: 2_000,
  maxCutBps: 3_000,
};
export type Rule = typeof RULE;

export interface ClosedPeriod {
  start: number;
  end: number;
}

export interface StockConfig {
  name: string;
  unit: string;
  firstSeasonStart: number;
  seasonLength: number;
  rule: Rule;
  carryOverBps: number;
  concentrationCapBps: number;
  closedPeriods: ClosedPeriod[];
}

/** The demo stock's configuration, season 1 opening at `firstSeasonStart`. */
export function stockConfig(firstSeasonStart: number, overrides: Partial<StockConfig> = {}): StockConfig {
  return {
    name: "North Sea plaice",
    unit: "t",
    firstSeasonStart,
    seasonLength: SEASON,
    rule: { ...RULE },
    carryOverBps: 1_000,
    concentrationCapBps: 4_500,
    closedPeriods: [{ start: 60 * DAY, end: 120 * DAY }],
    ...overrides,
  };
}

export async function now(): Promise<number> {
  return networkHelpers.time.latest();
}

/** Mines a block at exactly `timestamp`. */
export async function warpTo(timestamp: number | bigint) {
  await networkHelpers.time.increaseTo(timestamp);
}

/** The next transaction runs at exactly `timestamp`. */
export async function atNext(timestamp: number | bigint) {
  await networkHelpers.time.setNextBlockTimestamp(timestamp);
}

/** Start of season `n` of a stock whose season 1 starts at `start`. */
export const seasonStart = (start: number, n: number) => start + (n - 1) * SEASON;

export async function deployRegistry() {
  const [council, science, buyer, eli, fay, gus, outsider, ...rest] = await ethers.getSigners();
  const registry = await ethers.deployContract("ResourceRegistry", [council.address]);
  return { registry, council, science, buyer, eli, fay, gus, outsider, rest };
}

/** The demo stock registered 10 days ahead of season 1, with `science` accredited and `buyer` registered. */
export async function deployStock() {
  const base = await deployRegistry();
  const { registry, science, buyer, eli, fay, gus } = base;
  const start = (await now()) + 10 * DAY;
  await registry.registerResource(stockConfig(start), [eli.address, fay.address, gus.address], [4_000, 3_500, 2_500]);
  const id = 1n;
  await registry.setAssessor(id, science.address, true);
  await registry.setBuyer(id, buyer.address, true);
  return { ...base, id, start, holders: [eli, fay, gus] };
}

/** Season 1 assessed at 150,000 t (cap 30,000 t, 3 t per share), opened on day 1; every holder approved `buyer`. */
export async function seasonOne() {
  const base = await deployStock();
  const { registry, science, buyer, id, start, holders } = base;
  await registry.connect(science).postAssessment(id, 1, t(150_000), ticket("assessment 1"));
  await warpTo(start + DAY);
  for (const h of holders) await registry.connect(h).approveBuyer(id, buyer.address, true);
  return base;
}

/** Records a landing of `amount` by `holder` through `buyer`. */
export async function land(registry: Registry, buyer: Signer, holder: Signer, amount: bigint, name = "ticket") {
  return registry.connect(buyer).recordLanding(1n, holder.address, amount, ticket(name));
}

/** Decoded arguments of the first event `name` emitted by the transaction. */
export async function eventArgs(registry: Registry, tx: { hash: string }, name: string) {
  const receipt = await ethers.provider.getTransactionReceipt(tx.hash);
  const found: ReturnType<typeof registry.interface.parseLog>[] = [];
  for (const log of receipt!.logs) {
    const parsed = registry.interface.parseLog(log);
    if (parsed?.name === name) found.push(parsed);
  }
  return found.map((p) => p!.args);
}

// ------------------------------------------------------------------------------------------- reference model

/**
 * Eager reference model of one resource: every holder's entitlement is recomputed when a season opens (no lazy
 * settlement, no accumulator), straight from the interface's definitions. Holders are addresses.
 */
export class Model {
  readonly shares = new Map<string, bigint>();
  readonly seasonShares = new Map<string, bigint>();
  readonly entitlement = new Map<string, bigint>();
  readonly landed = new Map<string, bigint>();
  readonly caps = new Map<number, bigint>();
  season = 0;
  aps = 0n;
  limitPerShare = 0n;
  cap = 0n;
  carriedIn = 0n;
  voided = false;
  seasonLanded = 0n;
  /** Reports of closed seasons: season -> [cap, landed, carriedOver, leftInSea]. */
  readonly reports = new Map<number, [bigint, bigint, bigint, bigint]>();
  /** Per-holder carry into the season opened last. */
  readonly carries = new Map<string, bigint>();

  constructor(
    readonly totalShares: bigint,
    public carryOverBps: bigint,
    initial: [string, bigint][],
  ) {
    for (const [a, s] of initial) this.shares.set(a, (this.shares.get(a) ?? 0n) + s);
  }

  private get = (m: Map<string, bigint>, a: string) => m.get(a) ?? 0n;
  holders() {
    return [...new Set([...this.shares.keys(), ...this.entitlement.keys()])];
  }

  /** Opens the next season with cap `cap` (0 if unassessed). */
  open(cap: bigint) {
    const n = this.season + 1;
    this.carries.clear();
    let carried = 0n;
    if (this.season > 0) {
      for (const a of this.holders()) {
        const limit = this.get(this.seasonShares, a) * this.limitPerShare;
        const unused = this.get(this.entitlement, a);
        const c = unused < limit ? unused : limit;
        this.carries.set(a, c);
        carried += c;
      }
    }
    const voided = carried > cap;
    const carriedIn = voided ? 0n : carried;
    if (this.season > 0) {
      this.reports.set(this.season, [this.cap, this.seasonLanded, carriedIn, this.cap - this.seasonLanded - carriedIn]);
    }
    this.season = n;
    this.cap = cap;
    this.caps.set(n, cap);
    this.voided = voided;
    this.carriedIn = carriedIn;
    this.aps = (cap - carriedIn) / this.totalShares;
    this.limitPerShare = (this.aps * this.carryOverBps) / BPS;
    this.seasonLanded = 0n;
    for (const a of this.holders()) {
      const s = this.get(this.shares, a);
      this.seasonShares.set(a, s);
      this.entitlement.set(a, s * this.aps + (voided ? 0n : this.get(this.carries, a)));
      this.landed.set(a, 0n);
    }
    if (voided) for (const a of this.holders()) this.carries.set(a, 0n);
  }

  transfer(from: string, to: string, amount: bigint) {
    this.entitlement.set(from, this.get(this.entitlement, from) - amount);
    this.entitlement.set(to, this.get(this.entitlement, to) + amount);
    if (!this.seasonShares.has(to)) this.seasonShares.set(to, 0n);
  }

  land(holder: string, amount: bigint) {
    this.entitlement.set(holder, this.get(this.entitlement, holder) - amount);
    this.landed.set(holder, this.get(this.landed, holder) + amount);
    this.seasonLanded += amount;
  }

  moveShares(from: string, to: string, amount: bigint) {
    this.shares.set(from, this.get(this.shares, from) - amount);
    this.shares.set(to, this.get(this.shares, to) + amount);
    if (this.season > 0 && !this.seasonShares.has(to)) this.seasonShares.set(to, 0n);
    if (this.season > 0 && !this.entitlement.has(to)) this.entitlement.set(to, 0n);
  }

  entitlementOf(a: string) {
    return this.get(this.entitlement, a);
  }
  landedOf(a: string) {
    return this.get(this.landed, a);
  }
  /** What the season would carry forward if it ended now. */
  carryForward() {
    let sum = 0n;
    for (const a of this.holders()) {
      const limit = this.get(this.seasonShares, a) * this.limitPerShare;
      const e = this.get(this.entitlement, a);
      sum += e < limit ? e : limit;
    }
    return sum;
  }
  sumEntitlements() {
    let sum = 0n;
    for (const a of this.holders()) sum += this.get(this.entitlement, a);
    return sum;
  }
}
