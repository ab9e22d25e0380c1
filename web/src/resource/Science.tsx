// The science tab: the stock assessments so far and the form to post the next one.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { useState, type FormEvent } from "react";
import { keccak256, stringToHex, type Hex } from "viem";
import { useReadContract } from "wagmi";
import { targetChain } from "../shared/config";
import { registryAddress } from "./contracts";
import { WalletGate } from "../shared/gate";
import { formatDate, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { Amount } from "./bits";
import { seasonStart } from "./data";
import type { ResourceView } from "./ResourcePage";
import { RuleChart } from "./RuleChart";
import { AmountField } from "../shared/AmountField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { useFieldProblem } from "../shared/TextField";
import { Table } from "../shared/Table";

/**
 * The science body's view: the next season to assess, the biomass and the report (hashed here in the browser), the
 * resulting cap previewed from the contract (`previewCap`) and drawn on the rule before anything is sent.
 */
export function Science(view: ResourceView) {
  const { r, me } = view;
  const season = r.current + 1;
  const target = r.seasons[season - 1];
  const accredited = r.assessors.some((a) => sameAddress(a, me));
  return (
    <>
      <section className="panel">
        <h2>Assess season {season}</h2>
        <p className="muted small">
          Season {season} opens on {formatDate(seasonStart(r.info, season))} (chain time {formatDate(r.time)}). An
          accredited science body posts the assessed biomass before it opens; the contract computes the cap from the
          harvest rule, bounded by the step limit — nobody sets a cap by hand.
        </p>
        <p className="small">Accredited science bodies: {r.assessors.map(nameOf).join(", ") || "none yet"}.</p>
        {target?.assessed ? (
          <p className="notice" data-testid="already-assessed">
            Season {season} is already assessed: biomass {r.unit.fmt(target.biomass)}, cap{" "}
            <Amount value={target.cap} unit={r.unit} testId="assessed-cap" />.
          </p>
        ) : (
          <WalletGate action="post an assessment">
            {!accredited ? (
              <p className="notice">
                {me ? nameOf(me) : "You"} {me ? "is" : "are"} not an accredited science body for {r.info.name}. The
                council accredits science bodies.
              </p>
            ) : (
              <AssessmentForm {...view} />
            )}
          </WalletGate>
        )}
      </section>
      <section className="panel">
        <h2>Assessments</h2>
        <Table
          head={
            <>
              <th>Season</th>
              <th className="num">Biomass</th>
              <th className="num">Rule cap</th>
              <th className="num">Cap</th>
              <th>Report hash</th>
            </>
          }
        >
          {r.seasons
            .filter((s) => s.assessed)
            .reverse()
            .map((s) => (
              <tr key={s.season}>
                <td>{s.season}</td>
                <td className="num">{r.unit.fmt(s.biomass)}</td>
                <td className="num">{r.unit.fmt(s.ruleCap)}</td>
                <td className="num">{r.unit.fmt(s.cap)}</td>
                <td>
                  <code className="small" data-hash title={s.reportHash}>
                    {s.reportHash.slice(0, 18)}…
                  </code>
                </td>
              </tr>
            ))}
        </Table>
      </section>
    </>
  );
}

function AssessmentForm({ r, actions }: ResourceView) {
  const season = r.current + 1;
  const [biomassText, setBiomassText] = useState("");
  const [reportText, setReportText] = useState("");
  const [file, setFile] = useState<{ name: string; hash: Hex }>();

  const parsed = biomassText.trim() ? r.unit.parse(biomassText) : undefined;
  const biomass = parsed && "value" in parsed ? parsed.value : undefined;
  const reportHash = file?.hash ?? (reportText.trim() ? keccak256(stringToHex(reportText.trim())) : undefined);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt } = useOutcome({
    biomass: !parsed ? `Enter the assessed biomass in ${r.unit.symbol}.` : "error" in parsed ? parsed.error : undefined,
    report: reportHash ? undefined : "Attach the report file, or paste its text, so its hash is recorded.",
  });
  const reportProblem = useFieldProblem(problems.report, "assess-report");
  const preview = useReadContract({
    address: registryAddress,
    abi: resourceRegistryAbi,
    functionName: "previewCap",
    args: biomass !== undefined ? [r.id, BigInt(season), biomass] : undefined,
    chainId: targetChain.id,
    query: { enabled: biomass !== undefined },
  });
  const [ruleCap, cap] = preview.data ?? [];
  const previous = season > 1 ? r.seasons[season - 2]?.cap : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || biomass === undefined || !reportHash) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.postAssessment(season, biomass, reportHash);
    setBusy(false);
    if (outcome.ok) setDone(`Season ${season} assessed.`);
    else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <AmountField
          label={`Assessed biomass (${r.unit.symbol})`}
          value={biomassText}
          onChange={edited(setBiomassText, "biomass")}
          error={problems.biomass}
          placeholder="150000"
          testId="assess-biomass"
        />
        <label className="field">
          <span>Report file (hashed here, not uploaded)</span>
          <input
            type="file"
            data-testid="assess-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              const hash = f ? keccak256(new Uint8Array(await f.arrayBuffer())) : undefined;
              edited(setFile, "report")(f && hash ? { name: f.name, hash } : undefined);
            }}
          />
        </label>
      </div>
      <label className="field">
        <span>…or the report&apos;s text</span>
        <textarea
          rows={2}
          value={reportText}
          disabled={!!file}
          onChange={(e) => edited(setReportText, "report")(e.target.value)}
          placeholder="Stock assessment 2026, ICES advice …"
          data-testid="assess-report"
          {...reportProblem.control}
        />
        {reportProblem.line}
      </label>
      {reportHash && (
        <p className="small muted">
          Report hash (keccak-256{file ? ` of ${file.name}` : " of the text"}):{" "}
          <code data-hash data-testid="assess-hash">
            {reportHash}
          </code>
        </p>
      )}
      {preview.error && <p className="error small">Could not preview the cap: {preview.error.message}</p>}
      {cap !== undefined && ruleCap !== undefined && biomass !== undefined && (
        <div className="route" data-testid="assess-preview">
          <p>
            The rule gives <Amount value={ruleCap} unit={r.unit} testId="preview-rule-cap" />
            {ruleCap !== cap ? ", held by the step bound at " : "; the season's cap will be "}
            <strong>
              <Amount value={cap} unit={r.unit} testId="preview-cap" />
            </strong>
            {previous ? ` (previous cap ${r.unit.fmt(previous)})` : ""}.
          </p>
          <p className="muted small">
            Per quota share: about {r.unit.fmt(cap / BigInt(r.info.totalShares))} before any carry-over.
          </p>
        </div>
      )}
      <RuleChart
        rule={r.info.rule}
        unit={r.unit}
        previousCap={previous}
        assessed={
          cap !== undefined && ruleCap !== undefined && biomass !== undefined ? { biomass, ruleCap, cap } : undefined
        }
      />
      <Outcome testId="assess" error={error} done={done} />
      <Submit testId="assess-submit" busy={busy}>
        {busy ? "Posting…" : cap !== undefined ? `Post: cap ${r.unit.fmt(cap)}` : "Post the assessment"}
      </Submit>
    </form>
  );
}
