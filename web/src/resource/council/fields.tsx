// What the resource registry's council actions share: the resource picker, the harvest-rule inputs, a resource's
// settings as form text, and the parsing of that text (percentages, quantities, rules, closed periods).
import { formatUnits, parseUnits } from "viem";
import type { CouncilContext, Parsed } from "../../council/actions/action";
import { Text } from "../../council/actions/fields";
import { DAY } from "../../shared/chainTime";
import { MAX_CLOSED_PERIODS, type ClosedPeriod, type HarvestRule, type Resource } from "../data";

/** A harvest rule as form text. */
export interface RuleText {
  f: string;
  bpa: string;
  blim: string;
  rise: string;
  cut: string;
}

/** The resource with this id (a picker's value). */
export function resourceById(ctx: CouncilContext, id: string): Resource | undefined {
  return ctx.resources?.resources.find((r) => r.id.toString() === id);
}

/** A draft's resource (the picker's value) with that resource's current settings as text, from which a change
 * starts (empty text without a resource). */
export function aboutResource<T extends object>(r: Resource | undefined, textOf: (r?: Resource) => T) {
  return { ...textOf(r), resource: r ? r.id.toString() : "" };
}

/** Where a change starts: the first registered resource. */
export const firstResource = (ctx: CouncilContext) => ctx.resources?.resources[0];

/** A resource's current rule as form text (so a change starts from it). */
export function ruleText(r?: Resource): RuleText {
  if (!r) return { f: "", bpa: "", blim: "", rise: "", cut: "" };
  const { rule } = r.info;
  return {
    f: formatUnits(rule.targetRate, 18),
    bpa: formatUnits(rule.precautionaryBiomass, 18),
    blim: formatUnits(rule.limitBiomass, 18),
    rise: String(rule.maxRiseBps / 100),
    cut: String(rule.maxCutBps / 100),
  };
}

/** A resource's quota policy as form text (percentages). */
export function quotaText(r?: Resource): { carry: string; conc: string } {
  if (!r) return { carry: "", conc: "" };
  return { carry: String(r.info.carryOverBps / 100), conc: String(r.info.concentrationCapBps / 100) };
}

/** A resource's closed periods as form text ("60-120, 200-230"). */
export function periodsText(r?: Resource): { closed: string } {
  return { closed: r ? r.info.closedPeriods.map((p) => `${p.start / DAY}-${p.end / DAY}`).join(", ") : "" };
}

export function ResourcePick({
  value,
  onPick,
  ctx,
}: {
  value: string;
  onPick: (r?: Resource) => void;
  ctx: CouncilContext;
}) {
  return (
    <label className="field">
      <span>Resource</span>
      <select value={value} onChange={(e) => onPick(resourceById(ctx, e.target.value))} data-testid="action-resource">
        <option value="">Choose a resource</option>
        {(ctx.resources?.resources ?? []).map((r) => (
          <option key={r.id} value={r.id.toString()}>
            {r.info.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RuleInputs({ d, set, unit }: { d: RuleText; set: (p: Partial<RuleText>) => void; unit: string }) {
  return (
    <div className="row">
      <Text label="Target rate F" value={d.f} onChange={(f) => set({ f })} testId="rule-f-input" />
      <Text label={`Bpa (${unit})`} value={d.bpa} onChange={(bpa) => set({ bpa })} testId="rule-bpa-input" />
      <Text label={`Blim (${unit})`} value={d.blim} onChange={(blim) => set({ blim })} testId="rule-blim-input" />
      <Text label="Max rise (%)" value={d.rise} onChange={(rise) => set({ rise })} testId="rule-rise-input" />
      <Text label="Max cut (%)" value={d.cut} onChange={(cut) => set({ cut })} testId="rule-cut-input" />
    </div>
  );
}

/** The chosen resource's id, or the error of an action that needs one. */
export function chosenResource(value: string, label: string): Parsed<bigint> {
  return value ? { value: BigInt(value) } : { error: `${label}: choose the resource.` };
}

export function parsePct(text: string, label: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t) || Number(t) > 100)
    return { error: `${label}: enter a percentage between 0 and 100 (at most 2 decimals).` };
  return { value: Math.round(Number(t) * 100) };
}

function parseQty(text: string, label: string, unit: string): Parsed<bigint> {
  const t = text.trim().replace(/,/g, "");
  if (!/^\d+(\.\d{1,18})?$/.test(t)) return { error: `${label}: enter an amount in ${unit}, like 100000.` };
  return { value: parseUnits(t, 18) };
}

export function parseRule(d: RuleText, unit: string): Parsed<HarvestRule> {
  const f = d.f.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(f) || Number(f) > 1)
    return { error: "F: enter the target fishing rate as a fraction of the biomass, between 0 and 1 (e.g. 0.2)." };
  const bpa = parseQty(d.bpa, "Bpa", unit);
  if ("error" in bpa) return bpa;
  const blim = parseQty(d.blim, "Blim", unit);
  if ("error" in blim) return blim;
  const rise = parsePct(d.rise, "Max rise");
  if ("error" in rise) return rise;
  const cut = parsePct(d.cut, "Max cut");
  if ("error" in cut) return cut;
  if (blim.value >= bpa.value) return { error: "Blim must be below Bpa." };
  return {
    value: {
      targetRate: parseUnits(f, 18),
      precautionaryBiomass: bpa.value,
      limitBiomass: blim.value,
      maxRiseBps: rise.value,
      maxCutBps: cut.value,
    },
  };
}

/** "60-120, 200-230" (days from the season's start, [start, end)) → closed periods in seconds. */
export function parsePeriods(text: string, seasonDays?: number): Parsed<ClosedPeriod[]> {
  const parts = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const periods: ClosedPeriod[] = [];
  for (const part of parts) {
    const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (!m) return { error: `Closed periods: write day ranges like "60-120, 200-230" ("${part}" is not one).` };
    const [start, end] = [Number(m[1]), Number(m[2])];
    if (end <= start) return { error: `Closed period ${part}: the end day must be after the start day.` };
    if (periods.length && start * DAY < periods[periods.length - 1].end)
      return { error: `Closed period ${part} overlaps the one before or is out of order.` };
    if (seasonDays !== undefined && end > seasonDays)
      return { error: `Closed period ${part} ends after the season (${seasonDays} days).` };
    periods.push({ start: start * DAY, end: end * DAY });
  }
  if (periods.length > MAX_CLOSED_PERIODS) return { error: `At most ${MAX_CLOSED_PERIODS} closed periods.` };
  return { value: periods };
}
