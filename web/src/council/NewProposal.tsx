// A new council proposal from typed actions: register a resource, set a harvest rule, a quota policy or closed
// periods, accredit or withdraw a science body, register or deregister a buyer, seat or unseat a member; accredit or
// remove an impact verifier, set an impact methodology. Each action
// is encoded against the governed contract's ABI and shown back in plain words (decoded like any proposal) before
// the proposal is sent.
import { councilSeatAbi, IMPACT_MAX_THRESHOLD, impactRegistryAbi, resourceRegistryAbi } from "@cosmolocal/sdk";
import { useEffect, useState, type FormEvent } from "react";
import { encodeFunctionData, formatUnits, keccak256, parseUnits, stringToHex, type Address } from "viem";
import { useReadContract } from "wagmi";
import { AccountSelect } from "../shared/AccountSelect";
import { DAY } from "../shared/chainTime";
import { impactRegistryAddress, registryAddress, seatAddress, targetChain } from "../shared/config";
import { WalletGate } from "../shared/gate";
import { formatDate } from "../shared/format";
import { navigate } from "../shared/router";
import { MAX_CLOSED_PERIODS, type ClosedPeriod, type HarvestRule, type Resource } from "../resource/data";
import type { CouncilCall } from "./writes";
import type { CouncilView } from "./CouncilPage";
import { describeCalls } from "./decode";

const KINDS = {
  register: "Register a resource",
  rule: "Set a harvest rule",
  quota: "Set a quota policy",
  closed: "Set closed periods",
  assessor: "Accredit / withdraw a science body",
  buyer: "Register / deregister a buyer",
  seat: "Seat / unseat a council member",
  verifierOn: "Accredit impact verifier",
  verifierOff: "Remove impact verifier",
  methodology: "Set impact methodology",
} as const;
type Kind = keyof typeof KINDS;
/** The impact registry's actions, offered only where it is deployed. */
const IMPACT_KINDS: readonly Kind[] = ["verifierOn", "verifierOff", "methodology"];
const VERIFIER_ROLE = keccak256(stringToHex("VERIFIER_ROLE"));

interface RuleFields {
  f: string;
  bpa: string;
  blim: string;
  rise: string;
  cut: string;
}
interface Draft extends RuleFields {
  kind: Kind;
  resource: string;
  name: string;
  unit: string;
  start: string;
  seasonDays: string;
  carry: string;
  conc: string;
  closed: string;
  holders: { account: string; shares: string }[];
  assessor: string;
  buyer: string;
  account: string;
  delegation: string;
  on: boolean;
  methodologyId: string;
  threshold: string;
  methodologyName: string;
}

/** A unix time as the value of an <input type="datetime-local"> (the browser's time zone). */
function toLocalInput(unix: number): string {
  const d = new Date(unix * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Parsed<T> = { value: T } | { error: string };

function parsePct(text: string, label: string): Parsed<number> {
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

function parseRule(d: RuleFields, unit: string): Parsed<HarvestRule> {
  const f = d.f.trim();
  if (!/^\d+(\.\d{1,18})?$/.test(f) || Number(f) > 1)
    return { error: "F: enter the target fishing rate as a fraction of the biomass, between 0 and 1 (e.g. 0.2)." };
  const bpa = parseQty(d.bpa, "Bpa", unit);
  const blim = parseQty(d.blim, "Blim", unit);
  const rise = parsePct(d.rise, "Max rise");
  const cut = parsePct(d.cut, "Max cut");
  for (const x of [bpa, blim, rise, cut]) if ("error" in x) return x;
  const [b, l] = [(bpa as { value: bigint }).value, (blim as { value: bigint }).value];
  if (l >= b) return { error: "Blim must be below Bpa." };
  return {
    value: {
      targetRate: parseUnits(f, 18),
      precautionaryBiomass: b,
      limitBiomass: l,
      maxRiseBps: (rise as { value: number }).value,
      maxCutBps: (cut as { value: number }).value,
    },
  };
}

/** "60-120, 200-230" (days from the season's start, [start, end)) → closed periods in seconds. */
function parsePeriods(text: string, seasonDays?: number): Parsed<ClosedPeriod[]> {
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

const registry = (data: `0x${string}`) => ({ target: registryAddress!, data });

/** The calls of one action, or what is wrong with it. `nextId` is the id a resource registered here would get. */
function encode(d: Draft, nextId: bigint, now: number): Parsed<Omit<CouncilCall, "summary">[]> {
  const resource = BigInt(d.resource || 0);
  const needResource = () => (d.resource ? undefined : { error: `${KINDS[d.kind]}: choose the resource.` });
  const enc = (functionName: string, args: readonly unknown[]) =>
    registry(encodeFunctionData({ abi: resourceRegistryAbi, functionName, args } as never));
  switch (d.kind) {
    case "register": {
      if (!d.name.trim()) return { error: "Register: the resource needs a name." };
      if (!d.unit.trim()) return { error: "Register: the resource needs a unit (e.g. t)." };
      const start = Math.floor(new Date(d.start).getTime() / 1000);
      if (!Number.isFinite(start) || start <= now)
        return { error: "Register: season 1 must start in the future (it is assessed first)." };
      const days = Number(d.seasonDays);
      if (!Number.isInteger(days) || days <= 0) return { error: "Register: the season length is a number of days." };
      const rule = parseRule(d, d.unit);
      const carry = parsePct(d.carry, "Carry-over");
      const conc = parsePct(d.conc, "Concentration cap");
      const periods = parsePeriods(d.closed, days);
      for (const x of [rule, carry, conc, periods]) if ("error" in x) return x;
      const holders: Address[] = [];
      const shares: number[] = [];
      for (const h of d.holders) {
        if (!h.account && !h.shares.trim()) continue;
        if (!h.account) return { error: "Register: choose every initial holder's account." };
        if (!/^\d+$/.test(h.shares.trim()) || Number(h.shares) <= 0)
          return { error: "Register: every initial holder needs a whole number of quota shares." };
        if (holders.some((a) => a.toLowerCase() === h.account.toLowerCase()))
          return { error: "Register: list each holder once." };
        holders.push(h.account as Address);
        shares.push(Number(h.shares));
      }
      if (holders.length === 0) return { error: "Register: add at least one initial holder." };
      const total = shares.reduce((a, b) => a + b, 0);
      const concBps = (conc as { value: number }).value;
      const maxShares = Math.floor((total * concBps) / 10_000);
      const over = shares.findIndex((s) => s > maxShares);
      if (over >= 0)
        return {
          error: `Register: ${shares[over]} shares is above the concentration cap of ${maxShares} (${concBps / 100} % of ${total}).`,
        };
      const config = {
        name: d.name.trim(),
        unit: d.unit.trim(),
        firstSeasonStart: BigInt(start),
        seasonLength: days * DAY,
        rule: (rule as { value: HarvestRule }).value,
        carryOverBps: (carry as { value: number }).value,
        concentrationCapBps: concBps,
        closedPeriods: (periods as { value: ClosedPeriod[] }).value,
      };
      const calls = [enc("registerResource", [config, holders, shares])];
      if (d.assessor) calls.push(enc("setAssessor", [nextId, d.assessor, true]));
      if (d.buyer) calls.push(enc("setBuyer", [nextId, d.buyer, true]));
      return { value: calls };
    }
    case "rule": {
      const rule = parseRule(d, "the resource's unit");
      const missing = needResource();
      if (missing) return missing;
      if ("error" in rule) return rule;
      return { value: [enc("setHarvestRule", [resource, rule.value])] };
    }
    case "quota": {
      const missing = needResource();
      if (missing) return missing;
      const carry = parsePct(d.carry, "Carry-over");
      const conc = parsePct(d.conc, "Concentration cap");
      if ("error" in carry) return carry;
      if ("error" in conc) return conc;
      if (conc.value === 0) return { error: "The concentration cap must be above 0 %." };
      return { value: [enc("setQuotaPolicy", [resource, carry.value, conc.value])] };
    }
    case "closed": {
      const missing = needResource();
      if (missing) return missing;
      const periods = parsePeriods(d.closed);
      if ("error" in periods) return periods;
      return { value: [enc("setClosedPeriods", [resource, periods.value])] };
    }
    case "assessor":
    case "buyer": {
      const missing = needResource();
      if (missing) return missing;
      if (!d.account) return { error: `${KINDS[d.kind]}: choose the account.` };
      return { value: [enc(d.kind === "assessor" ? "setAssessor" : "setBuyer", [resource, d.account, d.on])] };
    }
    case "verifierOn":
    case "verifierOff": {
      if (!d.account) return { error: `${KINDS[d.kind]}: choose the account.` };
      const data = encodeFunctionData({
        abi: impactRegistryAbi,
        functionName: d.kind === "verifierOn" ? "grantRole" : "revokeRole",
        args: [VERIFIER_ROLE, d.account as Address],
      });
      return { value: [{ target: impactRegistryAddress!, data }] };
    }
    case "methodology": {
      const id = Number(d.methodologyId);
      const k = Number(d.threshold);
      if (!/^\d+$/.test(d.methodologyId.trim()) || id < 1 || id > 255)
        return { error: "Methodology: the id is a whole number from 1 to 255." };
      if (!/^\d+$/.test(d.threshold.trim()) || k < 1 || k > IMPACT_MAX_THRESHOLD)
        return { error: `Methodology: k (approvals per claim) is from 1 to ${IMPACT_MAX_THRESHOLD}.` };
      if (!d.methodologyName.trim()) return { error: "Methodology: give it a name (e.g. “Biochar in soils v1”)." };
      const data = encodeFunctionData({
        abi: impactRegistryAbi,
        functionName: "setMethodology",
        args: [id, k, d.on, d.methodologyName.trim()],
      });
      return { value: [{ target: impactRegistryAddress!, data }] };
    }
    case "seat": {
      if (!d.account) return { error: "Seat: choose the member." };
      if (d.on && !d.delegation.trim()) return { error: "Seat: say whom the member represents (the delegation)." };
      const data = d.on
        ? encodeFunctionData({ abi: councilSeatAbi, functionName: "seat", args: [d.account as Address, d.delegation] })
        : encodeFunctionData({ abi: councilSeatAbi, functionName: "unseat", args: [d.account as Address] });
      return { value: [{ target: seatAddress!, data }] };
    }
  }
}

type Settings = RuleFields & Pick<Draft, "carry" | "conc" | "closed">;

/** What a new resource starts from: the demo plaice's thresholds. */
const REGISTER_DEFAULTS: Settings = {
  f: "0.2",
  bpa: "100000",
  blim: "40000",
  rise: "20",
  cut: "30",
  carry: "10",
  conc: "45",
  closed: "60-120",
};

/** A resource's current rule, quota policy and closed periods as form text (so a change starts from them). */
function settingsOf(r?: Resource): Settings {
  if (!r) return { f: "", bpa: "", blim: "", rise: "", cut: "", carry: "", conc: "", closed: "" };
  const { rule } = r.info;
  const qty = (v: bigint) => formatUnits(v, 18);
  return {
    f: formatUnits(rule.targetRate, 18),
    bpa: qty(rule.precautionaryBiomass),
    blim: qty(rule.limitBiomass),
    rise: String(rule.maxRiseBps / 100),
    cut: String(rule.maxCutBps / 100),
    carry: String(r.info.carryOverBps / 100),
    conc: String(r.info.concentrationCapBps / 100),
    closed: r.info.closedPeriods.map((p) => `${p.start / DAY}-${p.end / DAY}`).join(", "),
  };
}

export function NewProposal(view: CouncilView) {
  const { c, resources, decode, isMember, actions } = view;
  // Season 1 of a new resource opens, by default, a week after this proposal could execute.
  const earliest = c.time + c.votingDelay + c.votingPeriod + c.timelockDelay;
  const blank = (kind: Kind): Draft => {
    const first = resources?.resources[0];
    return {
      kind,
      resource: first ? first.id.toString() : "",
      name: "",
      unit: "t",
      start: toLocalInput(earliest + 7 * DAY),
      seasonDays: "365",
      ...(kind === "register" ? REGISTER_DEFAULTS : settingsOf(first)),
      holders: [{ account: "", shares: "" }],
      assessor: "",
      buyer: "",
      account: "",
      delegation: "",
      on: true,
      methodologyId: "",
      threshold: "2",
      methodologyName: "",
    };
  };
  const [drafts, setDrafts] = useState<Draft[]>([blank("register")]);
  const [addKind, setAddKind] = useState<Kind>("rule");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const count = BigInt(resources?.resources.length ?? 0);
  let registered = 0n;
  const encoded = drafts.map((d) => {
    const out = encode(d, count + registered + 1n, c.time);
    if (d.kind === "register") registered++;
    return out;
  });
  const calls = encoded.flatMap((e) => ("value" in e ? e.value : []));
  const words = describeCalls(
    calls.map((x) => x.target),
    calls.map((x) => x.data),
    decode,
  );
  const problems = encoded.flatMap((e) => ("error" in e ? [e.error] : []));

  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (drafts.length === 0) return setError("Add at least one action.");
    if (problems.length) return setError(problems[0]);
    const text = description.trim() || words.join("; ");
    setError(undefined);
    setBusy(true);
    const outcome = await actions.propose(
      calls.map((x, i) => ({ ...x, summary: words[i] })),
      text,
    );
    setBusy(false);
    if (outcome.ok) navigate("council", "proposals");
    else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>New proposal</h2>
      <p className="muted small">
        One proposal may hold several actions; they run together, in order, once it passes and the timelock delay has
        passed. If it were proposed now, voting would open {formatDate(c.time + c.votingDelay)}, close{" "}
        {formatDate(c.time + c.votingDelay + c.votingPeriod)}, and the earliest execution would be{" "}
        {formatDate(earliest)} (chain time).
      </p>
      <WalletGate action="make a proposal">
        {!isMember ? (
          <p className="notice">Only seated council members propose. Ask a member to propose it for you.</p>
        ) : (
          <form className="form" onSubmit={onSubmit} noValidate>
            {drafts.map((d, i) => (
              <fieldset key={i} className="fieldset" data-testid={`action-${i}`}>
                <legend>
                  {i + 1}. {KINDS[d.kind]}{" "}
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </legend>
                <ActionEditor d={d} set={(p) => update(i, p)} view={view} />
                {"error" in encoded[i] && <p className="error small">{(encoded[i] as { error: string }).error}</p>}
              </fieldset>
            ))}
            <div className="row">
              <label className="field">
                <span>Add an action</span>
                <select value={addKind} onChange={(e) => setAddKind(e.target.value as Kind)} data-testid="action-kind">
                  {Object.entries(KINDS)
                    .filter(([k]) => impactRegistryAddress || !IMPACT_KINDS.includes(k as Kind))
                    .map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn-secondary align-end"
                data-testid="action-add"
                onClick={() => setDrafts((ds) => [...ds, blank(addKind)])}
              >
                Add
              </button>
            </div>
            {words.length > 0 && (
              <div className="route" data-testid="proposal-preview">
                <strong>In plain words:</strong>
                <ol className="calls">
                  {words.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ol>
              </div>
            )}
            <label className="field">
              <span>Description (what the council votes on; the plain words above if left empty)</span>
              <textarea
                rows={2}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                data-testid="proposal-description-input"
              />
            </label>
            {error && (
              <p className="error small" data-testid="propose-error">
                {error}
              </p>
            )}
            <button className="btn" type="submit" disabled={busy} data-testid="propose-submit">
              {busy ? "Proposing…" : "Propose"}
            </button>
          </form>
        )}
      </WalletGate>
    </section>
  );
}

function ResourcePick({ d, set, view }: { d: Draft; set: (p: Partial<Draft>) => void; view: CouncilView }) {
  return (
    <label className="field">
      <span>Resource</span>
      <select
        value={d.resource}
        onChange={(e) =>
          set({
            resource: e.target.value,
            ...settingsOf(view.resources?.resources.find((r) => r.id.toString() === e.target.value)),
          })
        }
        data-testid="action-resource"
      >
        <option value="">Choose a resource</option>
        {(view.resources?.resources ?? []).map((r) => (
          <option key={r.id} value={r.id.toString()}>
            {r.info.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Text({
  label,
  value,
  onChange,
  testId,
  narrow = true,
  type = "text",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  narrow?: boolean;
  type?: string;
}) {
  return (
    <label className={`field${narrow ? " field-narrow" : ""}`}>
      <span>{label}</span>
      <input type={type} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}

function RuleInputs({ d, set, unit }: { d: Draft; set: (p: Partial<Draft>) => void; unit: string }) {
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

function OnOff({ d, set, on, off }: { d: Draft; set: (p: Partial<Draft>) => void; on: string; off: string }) {
  return (
    <label className="field field-narrow">
      <span>Action</span>
      <select value={d.on ? "on" : "off"} onChange={(e) => set({ on: e.target.value === "on" })}>
        <option value="on">{on}</option>
        <option value="off">{off}</option>
      </select>
    </label>
  );
}

function ActionEditor({ d, set, view }: { d: Draft; set: (p: Partial<Draft>) => void; view: CouncilView }) {
  const unitOf = (id: string) => view.resources?.resources.find((r) => r.id.toString() === id)?.info.unit ?? "t";
  switch (d.kind) {
    case "register":
      return (
        <>
          <div className="row">
            <Text label="Name" value={d.name} onChange={(name) => set({ name })} testId="reg-name" narrow={false} />
            <Text label="Unit" value={d.unit} onChange={(unit) => set({ unit })} testId="reg-unit" />
            <Text
              label="Season 1 opens (your time zone)"
              type="datetime-local"
              value={d.start}
              onChange={(start) => set({ start })}
              testId="reg-start"
              narrow={false}
            />
            <Text
              label="Season length (days)"
              value={d.seasonDays}
              onChange={(seasonDays) => set({ seasonDays })}
              testId="reg-season-days"
            />
          </div>
          <RuleInputs d={d} set={set} unit={d.unit} />
          <div className="row">
            <Text label="Carry-over (%)" value={d.carry} onChange={(carry) => set({ carry })} testId="reg-carry" />
            <Text label="Concentration cap (%)" value={d.conc} onChange={(conc) => set({ conc })} testId="reg-conc" />
            <Text
              label="Closed periods (days of the season, e.g. 60-120, 200-230)"
              value={d.closed}
              onChange={(closed) => set({ closed })}
              testId="reg-closed"
              narrow={false}
            />
          </div>
          <strong className="small">Initial quota holders</strong>
          {d.holders.map((h, j) => (
            <div className="row" key={j}>
              <label className="field">
                <span>Holder {j + 1}</span>
                <AccountSelect
                  value={h.account}
                  onChange={(account) => set({ holders: d.holders.map((x, k) => (k === j ? { ...x, account } : x)) })}
                  testId={`reg-holder-${j}`}
                />
              </label>
              <Text
                label="Quota shares"
                value={h.shares}
                onChange={(shares) => set({ holders: d.holders.map((x, k) => (k === j ? { ...x, shares } : x)) })}
                testId={`reg-shares-${j}`}
              />
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid="reg-holder-add"
            onClick={() => set({ holders: [...d.holders, { account: "", shares: "" }] })}
          >
            Add a holder
          </button>
          <div className="row">
            <label className="field">
              <span>Also accredit a science body (optional)</span>
              <AccountSelect value={d.assessor} onChange={(assessor) => set({ assessor })} testId="reg-assessor" />
            </label>
            <label className="field">
              <span>Also register a buyer (optional)</span>
              <AccountSelect value={d.buyer} onChange={(buyer) => set({ buyer })} testId="reg-buyer" />
            </label>
          </div>
          <p className="muted small">
            The accreditation and the buyer use the id the new resource will get (the next free one), assuming no other
            registration executes first.
          </p>
        </>
      );
    case "rule":
      return (
        <>
          <div className="row">
            <ResourcePick d={d} set={set} view={view} />
          </div>
          <RuleInputs d={d} set={set} unit={unitOf(d.resource)} />
        </>
      );
    case "quota":
      return (
        <div className="row">
          <ResourcePick d={d} set={set} view={view} />
          <Text label="Carry-over (%)" value={d.carry} onChange={(carry) => set({ carry })} testId="quota-carry" />
          <Text label="Concentration cap (%)" value={d.conc} onChange={(conc) => set({ conc })} testId="quota-conc" />
        </div>
      );
    case "closed":
      return (
        <div className="row">
          <ResourcePick d={d} set={set} view={view} />
          <Text
            label="Closed periods (days, e.g. 60-120, 200-230; empty for none)"
            value={d.closed}
            onChange={(closed) => set({ closed })}
            testId="closed-days"
            narrow={false}
          />
        </div>
      );
    case "assessor":
    case "buyer":
      return (
        <div className="row">
          <ResourcePick d={d} set={set} view={view} />
          <OnOff
            d={d}
            set={set}
            on={d.kind === "assessor" ? "Accredit" : "Register"}
            off={d.kind === "assessor" ? "Withdraw" : "Deregister"}
          />
          <label className="field">
            <span>Account</span>
            <AccountSelect value={d.account} onChange={(account) => set({ account })} testId="action-account" />
          </label>
        </div>
      );
    case "verifierOn":
    case "verifierOff":
      return (
        <div className="row">
          <label className="field">
            <span>{d.kind === "verifierOn" ? "Verifier to accredit" : "Verifier to remove"}</span>
            <AccountSelect value={d.account} onChange={(account) => set({ account })} testId="action-account" />
          </label>
          <p className="muted small align-end">
            {d.kind === "verifierOn"
              ? "An accredited verifier attests, rejects and revokes climate claims (never their own)."
              : "Their past votes stay; they can no longer vote, sign attestations or revoke."}
          </p>
        </div>
      );
    case "methodology":
      return <MethodologyEditor d={d} set={set} />;
    case "seat":
      return (
        <div className="row">
          <OnOff d={d} set={set} on="Seat" off="Unseat" />
          <label className="field">
            <span>Member</span>
            <AccountSelect
              value={d.account}
              onChange={(account) => set({ account })}
              accounts={view.c.seats.filter((s) => s.seated).map((s) => s.member)}
              testId="action-account"
            />
          </label>
          {d.on && (
            <Text
              label="Delegation (whom they represent)"
              value={d.delegation}
              onChange={(delegation) => set({ delegation })}
              testId="seat-delegation"
              narrow={false}
            />
          )}
        </div>
      );
  }
}

/** An impact methodology: id, k, open or closed, name — with what the registry holds for that id now. */
function MethodologyEditor({ d, set }: { d: Draft; set: (p: Partial<Draft>) => void }) {
  const id = Number(d.methodologyId);
  const valid = /^\d+$/.test(d.methodologyId.trim()) && id >= 1 && id <= 255;
  const current = useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "getMethodology",
    args: valid ? [id] : undefined,
    chainId: targetChain.id,
    query: { enabled: valid && !!impactRegistryAddress },
  });
  const [k, active, name] = current.data ?? [];
  // An existing methodology's settings are the starting point of a change (once, when it is first read).
  const [prefilled, setPrefilled] = useState<number>();
  useEffect(() => {
    if (!valid || !k || prefilled === id) return;
    setPrefilled(id);
    set({ threshold: String(k), on: !!active, methodologyName: name ?? "" });
  }, [valid, k, active, name, id, prefilled, set]);
  return (
    <>
      <div className="row">
        <Text
          label="Methodology id (1–255)"
          value={d.methodologyId}
          onChange={(methodologyId) => set({ methodologyId })}
          testId="methodology-id"
        />
        <Text
          label={`k: approvals per claim (1–${IMPACT_MAX_THRESHOLD})`}
          value={d.threshold}
          onChange={(threshold) => set({ threshold })}
          testId="methodology-k"
        />
        <OnOff d={d} set={set} on="Open for new claims" off="Closed for new claims" />
        <Text
          label="Name"
          value={d.methodologyName}
          onChange={(methodologyName) => set({ methodologyName })}
          testId="methodology-name"
          narrow={false}
        />
      </div>
      {valid && current.data && (
        <p className="muted small" data-testid="methodology-current">
          {k
            ? `Now: “${name}”, k = ${k}, ${active ? "open" : "closed"} for new claims. A change applies to claims submitted after it.`
            : `Methodology ${id} does not exist yet: this creates it.`}
        </p>
      )}
    </>
  );
}
