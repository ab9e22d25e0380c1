// A council proposal's calls in plain words: each call's data is decoded with the ABI of the contract it targets
// (the resource registry, the impact registry, the seat token, the Governor itself, the timelock) and worded with names (accounts,
// resources) and units ("Set the harvest rule of North Sea plaice: F = 0.2, Bpa 100,000 t, …").
import {
  councilSeatAbi,
  councilTimelockAbi,
  impactRegistryAbi,
  resourceRegistryAbi,
  thresholdsCouncilAbi,
} from "@cosmolocal/sdk";
import { decodeFunctionData, keccak256, stringToHex, type Address, type Hex } from "viem";
import { councilAddress, impactRegistryAddress, registryAddress, seatAddress, timelockAddress } from "../shared/config";
import { formatDate, formatDuration, formatInt, sameAddress, shortAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { resourceUnit, type ClosedPeriod, type HarvestRule } from "../resource/data";

const pct = (bps: number | bigint) => `${Number(bps) / 100} %`;
const VERIFIER_ROLE = keccak256(stringToHex("VERIFIER_ROLE"));
const DAY = 86_400;

export function describeRule(rule: HarvestRule, unit: string): string {
  const u = resourceUnit(unit);
  return (
    `F = ${Number(rule.targetRate) / 1e18}, Bpa ${u.fmt(rule.precautionaryBiomass)}, Blim ${u.fmt(rule.limitBiomass)}, ` +
    `max rise ${pct(rule.maxRiseBps)}, max cut ${pct(rule.maxCutBps)}`
  );
}

/** "days 60–120, 200–230" (a period [start, end) in seconds from the season's start), or "none". */
export function describePeriods(periods: readonly ClosedPeriod[]): string {
  if (periods.length === 0) return "none";
  const d = (s: number) => (s % DAY === 0 ? String(s / DAY) : (s / DAY).toFixed(2));
  return `days ${periods.map((p) => `${d(p.start)}–${d(p.end)}`).join(", ")}`;
}

export interface DecodeContext {
  /** A registered resource's name and unit, by id. */
  resource(id: bigint): { name: string; unit: string } | undefined;
  /** Number of resources registered now (ids beyond it are registered by pending proposals). */
  resourceCount: bigint;
}

/** Plain words for every call of a proposal. */
export function describeCalls(targets: readonly Address[], calldatas: readonly Hex[], ctx: DecodeContext): string[] {
  // Resources this proposal registers, so later calls in it can name them by the id they will get.
  const registering: { name: string; unit: string }[] = [];
  const known = (id: bigint) => {
    const r = ctx.resource(id);
    if (r) return r;
    const mine = registering[Number(id - ctx.resourceCount - 1n)];
    return mine ?? { name: `resource #${id}`, unit: "" };
  };
  return targets.map((target, i) => {
    const data = calldatas[i];
    try {
      if (sameAddress(target, registryAddress)) {
        const c = decodeFunctionData({ abi: resourceRegistryAbi, data });
        switch (c.functionName) {
          case "registerResource": {
            const [config, holders, shares] = c.args;
            registering.push({ name: config.name, unit: config.unit });
            const held = holders.map((h, j) => `${nameOf(h)} ${formatInt(shares[j])}`).join(", ");
            return (
              `Register ${config.name} (${config.unit}): season 1 opens ${formatDate(Number(config.firstSeasonStart))}, ` +
              `seasons of ${formatDuration(config.seasonLength)}; rule ${describeRule(config.rule, config.unit)}; ` +
              `carry-over ${pct(config.carryOverBps)}, concentration cap ${pct(config.concentrationCapBps)}; ` +
              `closed ${describePeriods(config.closedPeriods)}; quota shares ${held}`
            );
          }
          case "setHarvestRule": {
            const r = known(c.args[0]);
            return `Set the harvest rule of ${r.name}: ${describeRule(c.args[1], r.unit)}`;
          }
          case "setQuotaPolicy":
            return `Set the quota policy of ${known(c.args[0]).name}: carry-over ${pct(c.args[1])}, concentration cap ${pct(c.args[2])}`;
          case "setClosedPeriods":
            return `Set the closed periods of ${known(c.args[0]).name}: ${describePeriods(c.args[1])}`;
          case "setAssessor":
            return c.args[2]
              ? `Accredit ${nameOf(c.args[1])} as a science body for ${known(c.args[0]).name}`
              : `Withdraw ${nameOf(c.args[1])}'s accreditation as a science body for ${known(c.args[0]).name}`;
          case "setBuyer":
            return c.args[2]
              ? `Register ${nameOf(c.args[1])} as a buyer for ${known(c.args[0]).name}`
              : `Deregister ${nameOf(c.args[1])} as a buyer for ${known(c.args[0]).name}`;
          case "proposeCouncil":
            return `Offer the resource registry's council role to ${nameOf(c.args[0])} (it must accept)`;
          case "cancelCouncilHandover":
            return "Withdraw the offer of the resource registry's council role";
          case "acceptCouncil":
            return "Accept the resource registry's council role";
          default:
            return `Resource registry: ${c.functionName}`;
        }
      }
      if (sameAddress(target, impactRegistryAddress)) {
        const c = decodeFunctionData({ abi: impactRegistryAbi, data });
        switch (c.functionName) {
          case "grantRole":
            return c.args[0] === VERIFIER_ROLE
              ? `Accredit ${nameOf(c.args[1])} as an impact verifier`
              : `Grant role ${shortAddress(c.args[0])} of the impact registry to ${nameOf(c.args[1])}`;
          case "revokeRole":
            return c.args[0] === VERIFIER_ROLE
              ? `Remove ${nameOf(c.args[1])}'s accreditation as an impact verifier`
              : `Revoke role ${shortAddress(c.args[0])} of the impact registry from ${nameOf(c.args[1])}`;
          case "setMethodology": {
            const [id, k, active, name] = c.args;
            return (
              `Set impact methodology ${id} “${name}”: ${k} approval${k === 1 ? "" : "s"} (and rejections) per claim, ` +
              `${active ? "open" : "closed"} for new claims`
            );
          }
          default:
            return `Impact registry: ${c.functionName}`;
        }
      }
      if (sameAddress(target, seatAddress)) {
        const c = decodeFunctionData({ abi: councilSeatAbi, data });
        if (c.functionName === "seat") return `Seat ${nameOf(c.args[0])} on the council for ${c.args[1]}`;
        if (c.functionName === "unseat") return `Unseat ${nameOf(c.args[0])} from the council`;
        return `Council seats: ${c.functionName}`;
      }
      if (sameAddress(target, councilAddress)) {
        const c = decodeFunctionData({ abi: thresholdsCouncilAbi, data });
        if (c.functionName === "setVotingDelay") return `Set the voting delay to ${formatDuration(Number(c.args[0]))}`;
        if (c.functionName === "setVotingPeriod")
          return `Set the voting period to ${formatDuration(Number(c.args[0]))}`;
        if (c.functionName === "updateQuorumNumerator") return `Set the quorum to ${c.args[0]} % of the seats`;
        if (c.functionName === "setProposalThreshold") return `Set the proposal threshold to ${c.args[0]} seat(s)`;
        return `Council: ${c.functionName}`;
      }
      if (sameAddress(target, timelockAddress)) {
        const c = decodeFunctionData({ abi: councilTimelockAbi, data });
        if (c.functionName === "updateDelay") return `Set the timelock delay to ${formatDuration(Number(c.args[0]))}`;
        return `Timelock: ${c.functionName}`;
      }
    } catch {
      // fall through: unknown call data
    }
    return `Call ${data.slice(0, 10)} on ${shortAddress(target)}`;
  });
}
