// The resource registry as the council's proposals' calls to it read, with the resources' names and units (also
// those the same proposal registers, by the ids they will get).
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import type { GovernedContract, ProposalContext } from "../../council/actions/action";
import { DAY } from "../../shared/chainTime";
import { registryAddress } from "../contracts";
import { formatDate, formatDuration, formatInt, sameAddress } from "../../shared/format";
import { nameOf } from "../../shared/names";
import { resourceUnit, type ClosedPeriod, type HarvestRule } from "../data";

const pct = (bps: number | bigint) => `${Number(bps) / 100} %`;

function describeRule(rule: HarvestRule, unit: string): string {
  const u = resourceUnit(unit);
  return (
    `F = ${Number(rule.targetRate) / 1e18}, Bpa ${u.fmt(rule.precautionaryBiomass)}, Blim ${u.fmt(rule.limitBiomass)}, ` +
    `max rise ${pct(rule.maxRiseBps)}, max cut ${pct(rule.maxCutBps)}`
  );
}

/** "days 60–120, 200–230" (a period [start, end) in seconds from the season's start), or "none". */
function describePeriods(periods: readonly ClosedPeriod[]): string {
  if (periods.length === 0) return "none";
  const d = (s: number) => (s % DAY === 0 ? String(s / DAY) : (s / DAY).toFixed(2));
  return `days ${periods.map((p) => `${d(p.start)}–${d(p.end)}`).join(", ")}`;
}

/** Name and unit of the resources the calls before this one register, in order. */
function registering(ctx: ProposalContext): { name: string; unit: string }[] {
  return ctx.before.flatMap((call) => {
    if (!sameAddress(call.target, registryAddress)) return [];
    try {
      const c = decodeFunctionData({ abi: resourceRegistryAbi, data: call.data });
      return c.functionName === "registerResource" ? [{ name: c.args[0].name, unit: c.args[0].unit }] : [];
    } catch {
      return [];
    }
  });
}

const registered = (ctx: ProposalContext) => BigInt(ctx.resources?.resources.length ?? 0);

/** The id a resource registered by this call would get (assuming no other registration executes first). */
export function nextResourceId(ctx: ProposalContext): bigint {
  return registered(ctx) + BigInt(registering(ctx).length) + 1n;
}

/** A resource's name and unit: registered, registered earlier in the proposal, or only its id. */
function resourceOf(id: bigint, ctx: ProposalContext): { name: string; unit: string } {
  const r = ctx.resources?.resources.find((x) => x.id === id);
  if (r) return { name: r.info.name, unit: r.info.unit };
  return registering(ctx)[Number(id - registered(ctx) - 1n)] ?? { name: `resource #${id}`, unit: "" };
}

export const resourceRegistry: GovernedContract = {
  name: "The resource registry",
  address: registryAddress,
  describe(data, ctx) {
    const c = decodeFunctionData({ abi: resourceRegistryAbi, data });
    const name = (id: bigint) => resourceOf(id, ctx).name;
    switch (c.functionName) {
      case "registerResource": {
        const [config, holders, shares] = c.args;
        const held = holders.map((h, j) => `${nameOf(h)} ${formatInt(shares[j])}`).join(", ");
        return (
          `Register ${config.name} (${config.unit}): season 1 opens ${formatDate(Number(config.firstSeasonStart))}, ` +
          `seasons of ${formatDuration(config.seasonLength)}; rule ${describeRule(config.rule, config.unit)}; ` +
          `carry-over ${pct(config.carryOverBps)}, concentration cap ${pct(config.concentrationCapBps)}; ` +
          `closed ${describePeriods(config.closedPeriods)}; quota shares ${held}`
        );
      }
      case "setHarvestRule": {
        const r = resourceOf(c.args[0], ctx);
        return `Set the harvest rule of ${r.name}: ${describeRule(c.args[1], r.unit)}`;
      }
      case "setQuotaPolicy":
        return `Set the quota policy of ${name(c.args[0])}: carry-over ${pct(c.args[1])}, concentration cap ${pct(c.args[2])}`;
      case "setClosedPeriods":
        return `Set the closed periods of ${name(c.args[0])}: ${describePeriods(c.args[1])}`;
      case "setAssessor":
        return c.args[2]
          ? `Accredit ${nameOf(c.args[1])} as a science body for ${name(c.args[0])}`
          : `Withdraw ${nameOf(c.args[1])}'s accreditation as a science body for ${name(c.args[0])}`;
      case "setBuyer":
        return c.args[2]
          ? `Register ${nameOf(c.args[1])} as a buyer for ${name(c.args[0])}`
          : `Deregister ${nameOf(c.args[1])} as a buyer for ${name(c.args[0])}`;
      case "proposeCouncil":
        return `Offer the resource registry's council role to ${nameOf(c.args[0])} (it must accept)`;
      case "cancelCouncilHandover":
        return "Withdraw the offer of the resource registry's council role";
      case "acceptCouncil":
        return "Accept the resource registry's council role";
      default:
        return `Resource registry: ${c.functionName}`;
    }
  },
};
