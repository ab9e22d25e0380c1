// Funders' matching rounds: opening, funding and reclaiming one, and every round with its rules and use over time.
import { MATCH_MAX_BPS } from "@cosmolocal/sdk";
import { useState, type FormEvent } from "react";
import { formatCountdown, useChainClock } from "../shared/chainTime";
import { StackedBarChart, type StackedBar } from "../shared/Chart";
import { WalletGate } from "../shared/gate";
import { formatDate, isEth, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Who } from "../shared/Who";
import { DayField, SelectField, currencyOptions, Money, Tonnes } from "./bits";
import {
  DAY,
  dayToIso,
  fmtMoney,
  fmtPricePerTonne,
  fmtT,
  isoToDay,
  methodologyName,
  parseMoney,
  parsePricePerTonne,
  useAllowance,
  useCurrencyBalance,
  useImpactRounds,
  type Round,
} from "./data";
import { Eligibility, type RoundDraft } from "./writes";
import type { ImpactView } from "./ImpactPage";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { Figure } from "../shared/Figure";
import { TextField, useFieldProblem } from "../shared/TextField";
import { useAct } from "../shared/act";

export function Rounds(view: ImpactView) {
  const { me } = view;
  // My rounds and the others: two lists, each newest first and read a page at a time.
  const myRounds = useImpactRounds({ owner: me }, !!me);
  const otherRounds = useImpactRounds({ notOwner: me });
  const mine = (me && myRounds.items) || [];
  const others = otherRounds.items ?? [];
  const error = myRounds.error ?? otherRounds.error;
  return (
    <>
      <WalletGate action="open a matching round">
        <CreateRound {...view} />
      </WalletGate>
      {error && <p className="error">Could not read the rounds: {error.message}</p>}
      {(!otherRounds.items || (me && !myRounds.items)) && !error && <p className="muted">Loading the rounds…</p>}
      {mine.length > 0 && (
        <>
          <h2>My rounds</h2>
          {mine.map((r) => (
            <RoundCard key={r.id.toString()} r={r} view={view} />
          ))}
          <ShowMore pages={myRounds} testId="my-rounds-more" />
        </>
      )}
      <h2>{mine.length > 0 ? "Other rounds" : "Matching rounds"}</h2>
      {others.length === 0 ? (
        <p className="muted">{mine.length > 0 ? "None." : "No matching round yet."}</p>
      ) : (
        others.map((r) => <RoundCard key={r.id.toString()} r={r} view={view} />)
      )}
      <ShowMore pages={otherRounds} testId="rounds-more" />
    </>
  );
}

function CreateRound({ base, me, actions }: ImpactView) {
  const [name, setName] = useState("");
  const [currency, setCurrency] = useState<string>(base.currencies[0].address);
  const token = base.currencies.find((c) => sameAddress(c.address, currency)) ?? base.currencies[0];
  const [ratio, setRatio] = useState("100");
  const [capClaim, setCapClaim] = useState("");
  const [capBuyer, setCapBuyer] = useState("");
  const [maxPrice, setMaxPrice] = useState("");
  const [end, setEnd] = useState(dayToIso(base.today + 60));
  const [deposit, setDeposit] = useState("");
  const [eligible, setEligible] = useState<number[]>(base.methodologies.filter((m) => m.active).map((m) => m.id));
  const [allowListOnly, setAllowListOnly] = useState(false);
  const [acceptsRevokedClaims, setAcceptsRevokedClaims] = useState(false);
  const allowance = useAllowance(token, me);
  const balance = useCurrencyBalance(token, me);

  const endDay = isoToDay(end);
  const endTime = endDay !== undefined ? (endDay + 1) * DAY : undefined;
  const r = ratio.trim();
  const ratioOk = /^\d+(\.\d{1,2})?$/.test(r) && Number(r) > 0 && Number(r) * 100 <= MATCH_MAX_BPS;
  const cc = parseMoney(capClaim, token);
  const cb = parseMoney(capBuyer, token);
  const mp = parsePricePerTonne(maxPrice, token);
  const dep = parseMoney(deposit, token);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    name: !name.trim()
      ? "Name the round: the name is the beneficiary on matched certificates."
      : new TextEncoder().encode(name.trim()).length > 128
        ? "The name is too long for a certificate (128 bytes at most)."
        : undefined,
    ratio: ratioOk
      ? undefined
      : `The match is a percentage of the units bought, above 0 and at most ${MATCH_MAX_BPS / 100} %.`,
    capClaim: "error" in cc ? cc.error : undefined,
    capBuyer: "error" in cb ? cb.error : undefined,
    maxPrice: "error" in mp ? mp.error : undefined,
    deposit: "error" in dep ? dep.error : undefined,
    methodologies: eligible.length === 0 ? "Choose at least one eligible methodology." : undefined,
    end: endTime === undefined || endTime <= base.time ? "The round must end after today (chain time)." : undefined,
  });
  const methodologiesProblem = useFieldProblem(problems.methodologies, "round-methodologies");
  const parsed =
    ratioOk && "value" in cc && "value" in cb && "value" in mp && "value" in dep && endTime !== undefined
      ? {
          draft: {
            currency: token.address,
            matchBps: Math.round(Number(r) * 100),
            endTime,
            maxPricePerUnit: mp.value,
            capPerClaim: cc.value,
            capPerBuyer: cb.value,
            methodologyMask: eligible.reduce((m, id) => m | (1n << BigInt(id)), 0n),
            name: name.trim(),
            allowListOnly,
            acceptsRevokedClaims,
          } satisfies RoundDraft,
          deposit: dep.value,
        }
      : undefined;
  const needsApproval = !isEth(token.address) && !!parsed && (allowance.data ?? 0n) < parsed.deposit;
  const short = !!parsed && balance !== undefined && balance < parsed.deposit;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !parsed) return;
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    if (needsApproval) {
      const a = await actions.approveToken(token, parsed.deposit);
      if (!a.ok) {
        setBusy(false);
        return setError(a.error);
      }
    }
    const out = await actions.createRound(parsed.draft, parsed.deposit, token);
    setBusy(false);
    if (out.ok) {
      setDone(`Round “${parsed.draft.name}” is open.`);
      setName("");
      resetFields();
    } else setError(out.error);
  }

  return (
    <section className="panel">
      <h2>Open a matching round</h2>
      <p className="muted small">
        When a funder buys units of an eligible claim through your round, the round buys the matched share on top, at
        the same price, and retires it at once with your round&apos;s name as beneficiary (the certificate is yours):
        donor and matcher never claim the same tonne. After the end you reclaim what is left.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <TextField
            label="Name (the beneficiary of matched retirements)"
            value={name}
            onChange={edited(setName, "name")}
            testId="round-name"
            error={problems.name}
          />
          <SelectField
            label="Currency"
            narrow
            value={currency}
            onChange={edited(setCurrency)}
            testId="round-currency"
            options={currencyOptions(base)}
          />
          <TextField
            label="Match (% of units bought)"
            narrow
            value={ratio}
            onChange={edited(setRatio, "ratio")}
            testId="round-ratio"
            error={problems.ratio}
          />
          <DayField
            label="Ends (last day, UTC)"
            value={end}
            onChange={edited(setEnd, "end")}
            min={base.today}
            testId="round-end"
            error={problems.end}
          />
        </div>
        <div className="row">
          <TextField
            label={<>Cap per claim ({token.symbol})</>}
            narrow
            value={capClaim}
            onChange={edited(setCapClaim, "capClaim")}
            error={problems.capClaim}
            testId="round-cap-claim"
          />
          <TextField
            label={<>Cap per buyer ({token.symbol})</>}
            narrow
            value={capBuyer}
            onChange={edited(setCapBuyer, "capBuyer")}
            error={problems.capBuyer}
            testId="round-cap-buyer"
          />
          <TextField
            label={<>Highest price ({token.symbol}/t)</>}
            narrow
            value={maxPrice}
            onChange={edited(setMaxPrice, "maxPrice")}
            error={problems.maxPrice}
            testId="round-max-price"
          />
          <TextField
            label={<>Deposit ({token.symbol})</>}
            narrow
            value={deposit}
            onChange={edited(setDeposit, "deposit")}
            error={problems.deposit}
            testId="round-deposit"
          />
        </div>
        <fieldset className="fieldset" {...methodologiesProblem.control}>
          <strong className="small">Eligible methodologies</strong>
          {base.methodologies.map((m) => (
            <label key={m.id} className="check">
              <input
                type="checkbox"
                checked={eligible.includes(m.id)}
                data-testid={`round-methodology-${m.id}`}
                onChange={(e) =>
                  edited(
                    setEligible,
                    "methodologies",
                  )(e.target.checked ? [...eligible, m.id] : eligible.filter((x) => x !== m.id))
                }
              />
              {m.name} {!m.active && <span className="muted small">(closed for new claims)</span>}
            </label>
          ))}
          {methodologiesProblem.line}
        </fieldset>
        <fieldset className="fieldset">
          <strong className="small">Which claims</strong>
          <label className="check">
            <input
              type="checkbox"
              checked={allowListOnly}
              onChange={(e) => edited(setAllowListOnly)(e.target.checked)}
              data-testid="round-allow-list-only"
            />
            Only claims I allow one by one (after opening, on the round&apos;s card)
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={acceptsRevokedClaims}
              onChange={(e) => edited(setAcceptsRevokedClaims)(e.target.checked)}
              data-testid="round-accepts-revoked"
            />
            Also claims with a revocation (your matched certificates would be flagged)
          </label>
        </fieldset>
        {parsed && (
          <p className="route small" data-testid="round-preview">
            Matches {Number(ratio)} % of every purchase of {eligible.map((id) => methodologyName(base, id)).join(", ")}{" "}
            listed in {token.symbol} at up to {fmtPricePerTonne(parsed.draft.maxPricePerUnit, token)}; at most{" "}
            {fmtMoney(parsed.draft.capPerClaim, token)} per claim and {fmtMoney(parsed.draft.capPerBuyer, token)} per
            buyer; until {formatDate(parsed.draft.endTime)}; funded with {fmtMoney(parsed.deposit, token)}.
            {allowListOnly ? " Only claims you allow." : ""}
            {acceptsRevokedClaims ? " Claims with a revocation too." : " Never a claim with a revocation."}
          </p>
        )}
        {balance !== undefined && (
          <p className={`small${short ? " error" : " muted"}`} data-testid="round-balance">
            You hold {fmtMoney(balance, token)}
            {short ? ": less than the deposit." : "."}
          </p>
        )}
        <Outcome testId="round" error={error} done={done} />
        <Submit testId="round-submit" busy={busy}>
          {busy ? "Opening…" : needsApproval ? `Approve ${token.symbol} and open the round` : "Open the round"}
        </Submit>
      </form>
    </section>
  );
}

function RoundCard({ r, view }: { r: Round; view: ImpactView }) {
  const { base, me, actions } = view;
  const now = useChainClock() ?? base.time;
  const ended = now >= r.endTime;
  const owner = sameAddress(r.owner, me);
  const [fundText, setFundText] = useState("");
  const { busy, error, act } = useAct();
  const allowance = useAllowance(r.token, me);
  const fund = parseMoney(fundText, r.token);
  const funding = useOutcome({
    fund: "error" in fund ? fund.error : fund.value === 0n ? `Enter more than 0 ${r.token.symbol}.` : undefined,
  });
  const fundProblem = useFieldProblem(funding.problems.fund, "round-fund-amount");

  async function onFund() {
    if (!funding.attempt() || "error" in fund) return;
    if (!isEth(r.token.address) && (allowance.data ?? 0n) < fund.value) {
      const ok = await act("approve", () => actions.approveToken(r.token, fund.value));
      if (!ok) return;
    }
    if (await act("fund", () => actions.fundRound(r.id, fund.value, r.token))) {
      setFundText("");
      funding.resetFields();
    }
  }

  const f = (v: bigint) => Number(v) / 10 ** r.token.decimals;
  // The creation and its deposit are one transaction: one bar.
  const points = r.points.filter(
    (p) => p.kind !== "created" || !r.points.some((q) => q.kind === "funded" && q.block === p.block),
  );
  const bars: StackedBar[] = points.slice(-12).map((p) => ({
    label: `${p.time ? formatDate(p.time).split(",")[0] : `block ${p.block}`} · ${p.kind}`,
    segments: [
      { value: f(p.spent), tone: "primary", name: "spent on matches" },
      { value: f(p.remaining), tone: "muted", name: "left" },
    ],
    display:
      p.kind === "matched"
        ? `+${fmtT(p.matchedUnits)} matched`
        : p.kind === "funded"
          ? `${p.block === r.createdBlock ? "opened with " : "+"}${fmtMoney(p.amount, r.token)}`
          : p.kind === "reclaimed"
            ? `−${fmtMoney(p.amount, r.token)} reclaimed`
            : "opened",
  }));

  return (
    <section className="panel" data-testid={`round-${r.id}`}>
      <div className="proposal-head">
        <h2>{r.name}</h2>
        <span className={`badge badge-${ended ? "expired" : r.remaining > 0n ? "accepted" : "pending"}`}>
          {ended ? "ended" : r.remaining > 0n ? "running" : "spent"}
        </span>
        <span className="muted small">
          round {r.id.toString()} by <Who address={r.owner} me={me} />
        </span>
      </div>
      <dl className="figures figures-wide">
        <Figure label="Deposited">
          <Money value={r.deposited} token={r.token} testId="round-deposited" />
        </Figure>
        <Figure label="Spent on matches">
          <Money value={r.spent} token={r.token} testId="round-spent" />
        </Figure>
        <Figure label="Left">
          <Money value={r.remaining} token={r.token} testId="round-remaining" />
        </Figure>
        <Figure label="Matched and retired">
          <Tonnes kg={r.matchedUnits} testId="round-matched" />
        </Figure>
        <div>
          <dt>{ended ? "Ended" : "Ends"}</dt>
          <dd title={formatDate(r.endTime)}>
            {ended ? formatDate(r.endTime) : `in ${formatCountdown(r.endTime, now)}`}
          </dd>
        </div>
      </dl>
      <p className="small">
        Matches <strong>{r.matchBps / 100} %</strong> of purchases of{" "}
        {r.methodologies.map((id) => methodologyName(base, id)).join(", ")} in {r.token.symbol} at up to{" "}
        {fmtPricePerTonne(r.maxPricePerUnit, r.token)}; caps {fmtMoney(r.capPerClaim, r.token)} per claim,{" "}
        {fmtMoney(r.capPerBuyer, r.token)} per buyer.{" "}
        <span data-testid="round-claim-rules">
          {r.allowListOnly ? "Only claims its owner allowed. " : ""}
          {r.acceptsRevokedClaims ? "Claims with a revocation too." : "Never a claim with a revocation."}
          {[...r.eligibility].some(([, e]) => e === 2) &&
            ` Excluded: ${[...r.eligibility]
              .filter(([, e]) => e === 2)
              .map(([id]) => `#${id}`)
              .join(", ")}.`}
          {r.allowListOnly &&
            ` Allowed: ${
              [...r.eligibility]
                .filter(([, e]) => e === 1)
                .map(([id]) => `#${id}`)
                .join(", ") || "none yet"
            }.`}
        </span>
      </p>
      {owner && !ended && <RoundClaimsEditor r={r} view={view} />}
      {bars.length > 0 && (
        <StackedBarChart bars={bars} title={`${r.name}: funds over time`} labelWidth={170} valueWidth={170} />
      )}
      <div className="actions">
        {!ended && me && (
          <>
            <input
              style={{ maxWidth: 180 }}
              value={fundText}
              onChange={(e) => funding.edited(setFundText, "fund")(e.target.value)}
              placeholder={`Add ${r.token.symbol}`}
              aria-label={`Amount of ${r.token.symbol} to add`}
              data-testid="round-fund-amount"
              {...fundProblem.control}
            />
            <button className="btn btn-small btn-secondary" disabled={!!busy} onClick={onFund} data-testid="round-fund">
              {busy === "fund" || busy === "approve" ? "Adding…" : "Add funds"}
            </button>
          </>
        )}
        {owner && ended && r.remaining > 0n && (
          <button
            className="btn btn-small"
            disabled={!!busy}
            data-testid="round-reclaim"
            onClick={() => act("reclaim", () => actions.reclaimRound(r.id, r.remaining, r.token))}
          >
            {busy === "reclaim" ? "Reclaiming…" : `Reclaim ${fmtMoney(r.remaining, r.token)}`}
          </button>
        )}
        {owner && !ended && (
          <span className="muted small">You can reclaim what is left after {formatDate(r.endTime)}.</span>
        )}
        {fundProblem.line}
        {error && <span className="error small">{error}</span>}
      </div>
    </section>
  );
}

/** The round owner's tools: allow or exclude claims one by one, and change which claims the round matches. */
function RoundClaimsEditor({ r, view }: { r: Round; view: ImpactView }) {
  const { actions } = view;
  const [claimId, setClaimId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function act(f: () => Promise<{ ok: boolean; error?: string }>) {
    setBusy(true);
    setError(undefined);
    const out = await f();
    setBusy(false);
    if (!out.ok) setError(out.error);
  }
  const id = /^\d+$/.test(claimId.trim()) && BigInt(claimId.trim()) > 0n ? BigInt(claimId.trim()) : undefined;
  const choice = id !== undefined ? r.eligibility.get(id.toString()) : undefined;
  const { edited, problems } = useOutcome({
    claim: id === undefined ? "Enter a claim number (a whole number from 1)." : undefined,
  });
  return (
    <div className="form" data-testid="round-claims-editor">
      <div className="row">
        <TextField
          label="Claim number"
          narrow
          value={claimId}
          onChange={edited(setClaimId, "claim")}
          error={problems.claim}
          inputMode="numeric"
          placeholder="12"
          testId="round-claim-pick"
        />
        {id !== undefined && (
          <p className="muted small align-end">
            <a href={href("impact", "claim", id)}>Claim #{id.toString()}</a>:{" "}
            {choice === 1 ? "allowed" : choice === 2 ? "excluded" : "no choice yet (the round's rules decide)"}
          </p>
        )}
      </div>
      <div className="actions">
        <button
          className="btn btn-small btn-secondary"
          disabled={busy || id === undefined}
          onClick={() => act(() => actions.setRoundClaims(r.id, [id!], Eligibility.Allowed))}
          data-testid="round-claim-allow"
        >
          Allow
        </button>
        <button
          className="btn btn-small btn-secondary"
          disabled={busy || id === undefined}
          onClick={() => act(() => actions.setRoundClaims(r.id, [id!], Eligibility.Excluded))}
          data-testid="round-claim-exclude"
        >
          Exclude
        </button>
        <button
          className="btn btn-small btn-ghost"
          disabled={busy || id === undefined}
          onClick={() => act(() => actions.setRoundClaims(r.id, [id!], Eligibility.Default))}
        >
          Reset
        </button>
        <button
          className="btn btn-small btn-ghost"
          disabled={busy}
          onClick={() => act(() => actions.setRoundClaimRules(r.id, !r.allowListOnly, r.acceptsRevokedClaims))}
          data-testid="round-toggle-allow-list"
        >
          {r.allowListOnly ? "Match every eligible claim" : "Match only allowed claims"}
        </button>
        <button
          className="btn btn-small btn-ghost"
          disabled={busy}
          onClick={() => act(() => actions.setRoundClaimRules(r.id, r.allowListOnly, !r.acceptsRevokedClaims))}
          data-testid="round-toggle-revoked"
        >
          {r.acceptsRevokedClaims ? "Refuse claims with a revocation" : "Accept claims with a revocation"}
        </button>
        {error && <span className="error small">{error}</span>}
      </div>
    </div>
  );
}
