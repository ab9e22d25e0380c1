// The resource module's reads from the chain: registry events folded in the browser, then the views at the same
// block (views win); seasons are numbered from the latest block's timestamp.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import { getAddress, type Address, type ContractFunctionReturnType, type Hex, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { targetChain } from "../shared/config";
import { registryAddress, resourceStartBlock } from "./contracts";
import { unitOf, type Unit } from "../shared/units";

export const WAD = 10n ** 18n;
/** Amounts of a resource carry 18 decimals of its unit. */
export const RESOURCE_DECIMALS = 18;
export const MAX_CLOSED_PERIODS = 4;

export type ResourceInfo = ContractFunctionReturnType<typeof resourceRegistryAbi, "view", "getResource">;
export type HarvestRule = ResourceInfo["rule"];
export type ClosedPeriod = ResourceInfo["closedPeriods"][number];

export interface SeasonInfo {
  season: number;
  start: number;
  end: number;
  assessed: boolean;
  biomass: bigint;
  ruleCap: bigint;
  cap: bigint;
  reportHash: Hex;
  opened: boolean;
  carryVoided: boolean;
  carriedIn: bigint;
  allocationPerShare: bigint;
  carryLimitPerShare: bigint;
  landed: bigint;
  carryForward: bigint;
  closed: boolean;
  leftInSea: bigint;
  /** Once closed: what went on to the next season (cap - landed - left in the sea). */
  carriedOver?: bigint;
}

export interface Holding {
  holder: Address;
  season: bigint;
  shares: bigint;
  seasonShares: bigint;
  settled: boolean;
  allocated: bigint;
  pendingCarryIn: bigint;
  entitlement: bigint;
  landed: bigint;
  carryLimit: bigint;
  /** Carry-over received into this season (from EntitlementSettled, or pending). */
  carriedIn: bigint;
  /** Entitlement received from and sent to other holders this season. */
  received: bigint;
  sent: bigint;
}

export interface Landing {
  holder: Address;
  buyer: Address;
  season: number;
  amount: bigint;
  ticket: Hex;
  blockNumber: bigint;
  txHash: Hex;
}

export interface EntitlementMove {
  from: Address;
  to: Address;
  season: number;
  amount: bigint;
  blockNumber: bigint;
}

export interface Resource {
  id: bigint;
  info: ResourceInfo;
  unit: Unit;
  /** The season running at the snapshot's block time (0 before season 1). */
  current: number;
  /** Seasons 1..max(current, last assessed), with their times. */
  seasons: SeasonInfo[];
  holdings: Holding[];
  assessors: Address[];
  buyers: Address[];
  /** holder (lower case) → buyers it approves. */
  approvals: Map<string, Address[]>;
  landings: Landing[];
  moves: EntitlementMove[];
  /** Most a recipient may hold or land in the current season. */
  maxHolding: bigint;
}

export interface ResourceSnapshot {
  block: bigint;
  /** The block's timestamp: the chain's time for every figure of the snapshot. */
  time: number;
  resources: Resource[];
}

export function seasonAt(info: Pick<ResourceInfo, "firstSeasonStart" | "seasonLength">, time: number): number {
  const start = Number(info.firstSeasonStart);
  return time < start ? 0 : Math.floor((time - start) / info.seasonLength) + 1;
}

export function seasonStart(info: Pick<ResourceInfo, "firstSeasonStart" | "seasonLength">, season: number): number {
  return Number(info.firstSeasonStart) + (season - 1) * info.seasonLength;
}

/** The unit of a resource ("t"), with 18 decimals. */
export function resourceUnit(symbol: string): Unit {
  return unitOf({ decimals: RESOURCE_DECIMALS, symbol });
}

const lower = (a: string) => a.toLowerCase();

export async function loadResources(client: PublicClient, address: Address, fromBlock = 0n): Promise<ResourceSnapshot> {
  const latest = await client.getBlock({ blockTag: "latest" });
  const block = latest.number;
  const time = Number(latest.timestamp);
  const base = { address, abi: resourceRegistryAbi, blockNumber: block } as const;
  const [logs, count] = await Promise.all([
    client.getContractEvents({ address, abi: resourceRegistryAbi, fromBlock, toBlock: block }),
    client.readContract({ ...base, functionName: "resourceCount" }),
  ]);

  interface Draft {
    holders: Map<string, Address>;
    assessors: Map<string, Address>;
    buyers: Map<string, Address>;
    approvals: Map<string, Map<string, Address>>;
    landings: Landing[];
    moves: EntitlementMove[];
    settledCarry: Map<string, bigint>;
  }
  const drafts = new Map<bigint, Draft>();
  const draft = (id: bigint) => {
    let d = drafts.get(id);
    if (!d)
      drafts.set(
        id,
        (d = {
          holders: new Map(),
          assessors: new Map(),
          buyers: new Map(),
          approvals: new Map(),
          landings: [],
          moves: [],
          settledCarry: new Map(),
        }),
      );
    return d;
  };
  const toggle = (m: Map<string, Address>, a: Address, on: boolean) =>
    on ? m.set(lower(a), getAddress(a)) : m.delete(lower(a));

  for (const log of logs) {
    switch (log.eventName) {
      case "TransferSingle": {
        const { to, id } = log.args;
        if (to && !/^0x0{40}$/i.test(to)) draft(id!).holders.set(lower(to), getAddress(to));
        break;
      }
      case "AssessorAccreditationSet":
        toggle(draft(log.args.resourceId!).assessors, log.args.assessor!, log.args.accredited!);
        break;
      case "BuyerRegistrationSet":
        toggle(draft(log.args.resourceId!).buyers, log.args.buyer!, log.args.registered!);
        break;
      case "BuyerApprovalSet": {
        const d = draft(log.args.resourceId!);
        const k = lower(log.args.holder!);
        const m = d.approvals.get(k) ?? new Map<string, Address>();
        toggle(m, log.args.buyer!, log.args.approved!);
        d.approvals.set(k, m);
        break;
      }
      case "Landed":
        draft(log.args.resourceId!).landings.push({
          holder: log.args.holder!,
          buyer: log.args.buyer!,
          season: Number(log.args.season!),
          amount: log.args.amount!,
          ticket: log.args.ticket!,
          blockNumber: log.blockNumber ?? 0n,
          txHash: log.transactionHash!,
        });
        break;
      case "EntitlementTransferred":
        draft(log.args.resourceId!).moves.push({
          from: log.args.from!,
          to: log.args.to!,
          season: Number(log.args.season!),
          amount: log.args.amount!,
          blockNumber: log.blockNumber ?? 0n,
        });
        break;
      case "EntitlementSettled":
        draft(log.args.resourceId!).settledCarry.set(
          `${log.args.season}|${lower(log.args.holder!)}`,
          log.args.carriedIn!,
        );
        break;
    }
  }

  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const resources = await Promise.all(
    ids.map(async (id): Promise<Resource> => {
      const d = draft(id);
      const [info, maxHolding] = await Promise.all([
        client.readContract({ ...base, functionName: "getResource", args: [id] }),
        client.readContract({ ...base, functionName: "maxHolding", args: [id] }),
      ]);
      const current = seasonAt(info, time);
      const last = Math.max(current, info.lastAssessedSeason);
      const holders = [...d.holders.values()];
      const [seasonViews, holdingViews] = await Promise.all([
        Promise.all(
          Array.from({ length: last }, (_, i) =>
            client.readContract({ ...base, functionName: "getSeason", args: [id, BigInt(i + 1)] }),
          ),
        ),
        Promise.all(holders.map((h) => client.readContract({ ...base, functionName: "holdingOf", args: [id, h] }))),
      ]);
      const seasons = seasonViews.map((v, i): SeasonInfo => {
        const start = seasonStart(info, i + 1);
        return {
          ...v,
          season: i + 1,
          start,
          end: start + info.seasonLength,
          carriedOver: v.closed ? v.cap - v.landed - v.leftInSea : undefined,
        };
      });
      const holdings = holdingViews
        .map((v, i): Holding => {
          const holder = holders[i];
          const inSeason = d.moves.filter((m) => m.season === current);
          const sum = (xs: EntitlementMove[]) => xs.reduce((t, m) => t + m.amount, 0n);
          return {
            ...v,
            holder,
            carriedIn: v.settled ? (d.settledCarry.get(`${current}|${lower(holder)}`) ?? 0n) : v.pendingCarryIn,
            received: sum(inSeason.filter((m) => lower(m.to) === lower(holder))),
            sent: sum(inSeason.filter((m) => lower(m.from) === lower(holder))),
          };
        })
        .filter((h) => h.shares > 0n || h.entitlement > 0n || h.landed > 0n);
      const approvals = new Map([...d.approvals].map(([k, m]) => [k, [...m.values()]]));
      return {
        id,
        info,
        unit: resourceUnit(info.unit),
        current,
        seasons,
        holdings,
        assessors: [...d.assessors.values()],
        buyers: [...d.buyers.values()],
        approvals,
        landings: [...d.landings].reverse(),
        moves: [...d.moves].reverse(),
        maxHolding,
      };
    }),
  );
  return { block, time, resources };
}

/** Every resource of the registry, refreshed every few seconds (and after every confirmed transaction). */
export function useResources() {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useQuery({
    queryKey: ["resources", "chain", "snapshot"],
    queryFn: () => loadResources(client!, registryAddress!, resourceStartBlock),
    enabled: !!client && !!registryAddress,
  });
}

export function holdingOf(r: Resource, account?: string): Holding | undefined {
  return account ? r.holdings.find((h) => lower(h.holder) === lower(account)) : undefined;
}

export function approves(r: Resource, holder: string, buyer: string): boolean {
  return (r.approvals.get(lower(holder)) ?? []).some((b) => lower(b) === lower(buyer));
}

/** The cap the harvest rule gives for `biomass`, rounding down like the contract (for drawing the rule). */
export function ruleCapOf(rule: HarvestRule, biomass: bigint): bigint {
  const limit = rule.limitBiomass;
  const bpa = rule.precautionaryBiomass;
  if (biomass <= limit) return 0n;
  if (biomass >= bpa) return (rule.targetRate * biomass) / WAD;
  return (((rule.targetRate * bpa) / WAD) * (biomass - limit)) / (bpa - limit);
}

/** The closed periods of `season` as unix times, and the one `time` falls in (if any) or the next one. */
export function closures(info: ResourceInfo, season: number, time: number) {
  const start = seasonStart(info, season);
  const periods = info.closedPeriods.map((p) => ({ from: start + p.start, until: start + p.end }));
  const now = periods.find((p) => time >= p.from && time < p.until);
  const next = periods.find((p) => p.from > time);
  return { start, end: start + info.seasonLength, periods, now, next };
}
