// The council action that registers a resource (season calendar, harvest rule, quota policy, closed periods,
// initial holders), optionally accrediting a science body and registering a buyer on the id it will get.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData, type Address, type Hex } from "viem";
import { callsTo, defineAction, earliestExecution, type EditorProps } from "../../council/actions/action";
import { Account, Text } from "../../council/actions/fields";
import { pickedAccount } from "../../shared/AccountSelect";
import { DAY } from "../../shared/chainTime";
import { nextResourceId, resourceRegistry } from "./calls";
import { parsePct, parsePeriods, parseRule, RuleInputs, type RuleText } from "./fields";

interface Holder {
  account: string;
  shares: string;
}

interface RegisterDraft extends RuleText {
  name: string;
  unit: string;
  /** Season 1's opening as an <input type="datetime-local"> value. */
  start: string;
  seasonDays: string;
  carry: string;
  conc: string;
  closed: string;
  holders: Holder[];
  assessor: string;
  buyer: string;
}

/** A unix time as the value of an <input type="datetime-local"> (the browser's time zone). */
function toLocalInput(unix: number): string {
  const d = new Date(unix * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function RegisterEditor({ draft: d, set }: EditorProps<RegisterDraft>) {
  const setHolder = (j: number, patch: Partial<Holder>) =>
    set({ holders: d.holders.map((h, k) => (k === j ? { ...h, ...patch } : h)) });
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
          <Account
            label={`Holder ${j + 1}`}
            value={h.account}
            onChange={(account) => setHolder(j, { account })}
            testId={`reg-holder-${j}`}
          />
          <Text
            label="Quota shares"
            value={h.shares}
            onChange={(shares) => setHolder(j, { shares })}
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
        <Account
          label="Also accredit a science body (optional)"
          value={d.assessor}
          onChange={(assessor) => set({ assessor })}
          testId="reg-assessor"
        />
        <Account
          label="Also register a buyer (optional)"
          value={d.buyer}
          onChange={(buyer) => set({ buyer })}
          testId="reg-buyer"
        />
      </div>
      <p className="muted small">
        The accreditation and the buyer use the id the new resource will get (the next free one), assuming no other
        registration executes first.
      </p>
    </>
  );
}

/** The initial holders and their shares, or what is wrong with them. */
function parseHolders(list: readonly Holder[]): { error: string } | { holders: Address[]; shares: number[] } {
  const holders: Address[] = [];
  const shares: number[] = [];
  for (const h of list) {
    if (!h.account && !h.shares.trim()) continue;
    const picked = pickedAccount(h.account, "Register: choose every initial holder's account.", "Register");
    if ("error" in picked) return picked;
    const account = picked.value;
    if (!/^\d+$/.test(h.shares.trim()) || Number(h.shares) <= 0)
      return { error: "Register: every initial holder needs a whole number of quota shares." };
    if (holders.some((a) => a.toLowerCase() === account.toLowerCase()))
      return { error: "Register: list each holder once." };
    holders.push(account);
    shares.push(Number(h.shares));
  }
  if (holders.length === 0) return { error: "Register: add at least one initial holder." };
  return { holders, shares };
}

export const register = defineAction<RegisterDraft>({
  kind: "register",
  label: "Register a resource",
  contract: resourceRegistry,
  // What a new resource starts from: the demo plaice's thresholds; season 1 opens a week after the earliest execution.
  initial: ({ council }) => ({
    name: "",
    unit: "t",
    start: toLocalInput(earliestExecution(council) + 7 * DAY),
    seasonDays: "365",
    f: "0.2",
    bpa: "100000",
    blim: "40000",
    rise: "20",
    cut: "30",
    carry: "10",
    conc: "45",
    closed: "60-120",
    holders: [{ account: "", shares: "" }],
    assessor: "",
    buyer: "",
  }),
  Editor: RegisterEditor,
  parse(d, ctx) {
    if (!d.name.trim()) return { error: "Register: the resource needs a name." };
    if (!d.unit.trim()) return { error: "Register: the resource needs a unit (e.g. t)." };
    const start = Math.floor(new Date(d.start).getTime() / 1000);
    if (!Number.isFinite(start) || start <= ctx.council.time)
      return { error: "Register: season 1 must start in the future (it is assessed first)." };
    const days = Number(d.seasonDays);
    if (!Number.isInteger(days) || days <= 0) return { error: "Register: the season length is a number of days." };
    const rule = parseRule(d, d.unit);
    if ("error" in rule) return rule;
    const carry = parsePct(d.carry, "Carry-over");
    if ("error" in carry) return carry;
    const conc = parsePct(d.conc, "Concentration cap");
    if ("error" in conc) return conc;
    const periods = parsePeriods(d.closed, days);
    if ("error" in periods) return periods;
    const holders = parseHolders(d.holders);
    if ("error" in holders) return holders;
    const { shares } = holders;
    const total = shares.reduce((a, b) => a + b, 0);
    const maxShares = Math.floor((total * conc.value) / 10_000);
    const over = shares.findIndex((s) => s > maxShares);
    if (over >= 0)
      return {
        error: `Register: ${shares[over]} shares is above the concentration cap of ${maxShares} (${conc.value / 100} % of ${total}).`,
      };
    const config = {
      name: d.name.trim(),
      unit: d.unit.trim(),
      firstSeasonStart: BigInt(start),
      seasonLength: days * DAY,
      rule: rule.value,
      carryOverBps: carry.value,
      concentrationCapBps: conc.value,
      closedPeriods: periods.value,
    };
    const id = nextResourceId(ctx);
    const datas: Hex[] = [
      encodeFunctionData({
        abi: resourceRegistryAbi,
        functionName: "registerResource",
        args: [config, holders.holders, shares],
      }),
    ];
    // The science body and the buyer are optional: left empty, none is set; typed, it must be an address.
    const optional = [
      [d.assessor, "setAssessor"],
      [d.buyer, "setBuyer"],
    ] as const;
    for (const [text, functionName] of optional) {
      if (!text.trim()) continue;
      const account = pickedAccount(text, "", "Register");
      if ("error" in account) return account;
      datas.push(encodeFunctionData({ abi: resourceRegistryAbi, functionName, args: [id, account.value, true] }));
    }
    return callsTo(resourceRegistry, datas, ctx);
  },
});
