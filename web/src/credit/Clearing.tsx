// The clearing tab: consent to set-off, solving and proposing a clearing over the open obligations between
// consenting members, and the newest clearing epochs.
import {
  chunkSolution,
  edgesForGas,
  netPositions,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "@cosmolocal/sdk";
import { useMemo, useState, type FormEvent } from "react";
import { keccak256, stringToHex, type Address, type Hex } from "viem";
import { BarChart } from "../shared/Chart";
import { WalletGate } from "../shared/gate";
import { formatInt, sameAddress, shortHash } from "../shared/format";
import { nameOf } from "../shared/names";

import type { CreditView } from "./CreditPage";
import { clearingPlan, splitNotice, type ClearingPlan } from "./clearingPlan";
import { useClearingEpochs, useClearingSet, type ClearingPartInfo, type ClearingSet, type CreditInfo } from "./data";
import { ObligationGraph, type GraphEdge, type GraphNode } from "./Graph";
import { capacityOf, obligationRefText } from "./model";
import type { Unit } from "../shared/units";
import { Who } from "../shared/Who";
import { Figure } from "../shared/Figure";
import { Table } from "../shared/Table";

/**
 * Gas per clearing transaction from the dApp (a wallet's ordinary transaction, far below a block): larger solutions
 * are split into chunks that are each valid on their own, of as many set-offs as the SDK's gas model allows (121).
 */
const GAS_PER_TX = 2_000_000n;
const MAX_EDGES_PER_TX = edgesForGas(GAS_PER_TX);
/** Past epochs shown (the newest). */
const EPOCHS_SHOWN = 50;

export function Clearing(view: CreditView) {
  return (
    <>
      <Consent {...view} />
      <Solver {...view} />
      <Epochs {...view} />
    </>
  );
}

function Consent({ mine, actions }: CreditView) {
  const m = mine?.member;
  const [clearing, setClearing] = useState<boolean>();
  const [liquidity, setLiquidity] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const c = clearing ?? m?.clearing ?? false;
  const l = liquidity ?? m?.liquidity ?? false;
  const changed = !!m && (c !== m.clearing || l !== m.liquidity);

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    const outcome = await actions.setConsent(c, l);
    setBusy(false);
    if (outcome.ok) {
      setClearing(undefined);
      setLiquidity(undefined);
    }
  }

  return (
    <section className="panel">
      <h2>My consent</h2>
      <WalletGate action="give or withdraw your consent to clearing">
        {!m ? (
          <p className="muted">Only members take part in clearing.</p>
        ) : (
          <form className="form" onSubmit={onSubmit}>
            <label className="check">
              <input
                type="checkbox"
                checked={c}
                onChange={(e) => setClearing(e.target.checked)}
                data-testid="consent-clearing"
              />
              Clear my obligations: open invoices I owe and am owed may be set off against each other in cycles. My net
              position never changes.
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={l}
                onChange={(e) => setLiquidity(e.target.checked)}
                data-testid="consent-liquidity"
              />
              Offer the credit lines I give as liquidity: clearing may move part of an invoice owed to me onto the
              unused part of a line I give.
            </label>
            <p className="muted small" data-testid="consent-now">
              Now: {m.clearing ? "clearing on" : "clearing off"}, {m.liquidity ? "liquidity offered" : "no liquidity"}.
            </p>
            <button className="btn" type="submit" disabled={busy || !changed} data-testid="consent-save">
              {busy ? "Saving…" : "Save consent"}
            </button>
          </form>
        )}
      </WalletGate>
    </section>
  );
}

interface Input {
  obligations: ObligationInput[];
  liquidity: LiquidityInput[];
  /** Open obligations left out because a party has not consented. */
  excluded: number;
  fingerprint: string;
}

/**
 * The solver's input: the open obligations between consenting members, and the capacity of the lines offered as
 * liquidity (both as read); `excluded` counts the open obligations a party of which has not consented.
 */
export function clearingInput(
  set: ClearingSet,
  info: Pick<CreditInfo, "openObligations">,
  withLiquidity: boolean,
): Input {
  const obligations = set.obligations
    .map((o) => ({ id: o.id, debtor: o.debtor, creditor: o.creditor, amount: o.remaining }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const liquidity: LiquidityInput[] = [];
  if (withLiquidity)
    for (const l of set.lines) {
      // The receiver (payer) pays the giver (payee) on the line the giver gives it.
      const capacity = capacityOf(set, l.receiver, l.giver);
      if (capacity > 0n) liquidity.push({ payer: l.receiver, payee: l.giver, capacity });
    }
  const fingerprint = JSON.stringify([
    obligations.map((o) => [o.id.toString(), o.amount.toString()]),
    liquidity.map((l) => [l.payer, l.payee, l.capacity.toString()]),
  ]);
  const excluded = info.openObligations - obligations.length;
  return { obligations, liquidity, excluded: excluded > 0 ? excluded : 0, fingerprint };
}

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

/** The id that groups the chunks of one solution on chain: keccak256 of the solution's JSON. */
export function solutionIdOf(solution: ClearingSolution): Hex {
  const { setOffs, creditMoves, obligationsBefore, cleared, movedToCredit, nid } = solution;
  return keccak256(stringToHex(json({ setOffs, creditMoves, obligationsBefore, cleared, movedToCredit, nid })));
}

interface Run {
  input: Input;
  solution: ClearingSolution;
  chunks: ClearingSolution[];
  /** The chunks as transactions: ordinary batches, and the parts of cycles too long for one transaction. */
  plan: ClearingPlan;
  verified: { ok: true } | { ok: false; reason: string };
  ms: number;
  solutionId: Hex;
}

const EMPTY: ClearingSet = { obligations: [], lines: [], claims: new Map() };

function Solver({ info, me, unit, actions, isSteward }: CreditView) {
  const set = useClearingSet();
  const s = set.data ?? EMPTY;
  const [withLiquidity, setWithLiquidity] = useState(true);
  const [run, setRun] = useState<Run>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState<string>();
  const current = useMemo(() => clearingInput(s, info, withLiquidity), [s, info, withLiquidity]);
  const stale = !!run && run.input.fingerprint !== current.fingerprint;

  function solve() {
    setError(undefined);
    setSubmitted(undefined);
    try {
      const t = performance.now();
      const solution = solveClearing(current.obligations, { liquidity: current.liquidity });
      const ms = performance.now() - t;
      const verified = verifyBatch(current.obligations, solution, current.liquidity);
      const chunks =
        solution.setOffs.length > 0 && verified.ok
          ? chunkSolution(solution, current.obligations, MAX_EDGES_PER_TX, current.liquidity)
          : [];
      const plan = clearingPlan(chunks, current.obligations);
      setRun({ input: current, solution, chunks, plan, verified, ms, solutionId: solutionIdOf(solution) });
    } catch (err) {
      setRun(undefined);
      setError(`The solver failed: ${(err as Error).message}`);
    }
  }

  const notice = run && splitNotice(run.plan, isSteward, info.stewards.map(nameOf));

  async function submit() {
    if (!run || notice?.blocked) return;
    setBusy(true);
    setError(undefined);
    const { steps } = run.plan;
    let ok = 0;
    for (const step of steps) {
      // Every chunk under the solution's id: the parts of a split find their bridge by it.
      const outcome =
        step.kind === "part"
          ? await actions.clearPart(step.title, run.solutionId, step.setOffs, step.moves, step.bridge)
          : await actions.clear(step.title, run.solutionId, step.setOffs, step.moves);
      if (!outcome.ok) {
        // A part after the first fails: the part before it went through and left its bridge open.
        const midSplit = (step.split?.index ?? 1) > 1;
        setError(
          midSplit
            ? `${outcome.error} The transactions before this one went through; the bridge the last part left stays an open obligation until it is set off or paid. Run the solver again to clear the rest.`
            : outcome.error,
        );
        break;
      }
      ok++;
    }
    setBusy(false);
    if (ok === steps.length) {
      setSubmitted(
        `Cleared ${unit.fmt(run.solution.cleared)} in ${ok} transaction${ok === 1 ? "" : "s"} (solution ${shortHash(run.solutionId)}).`,
      );
      setRun(undefined);
    }
  }

  return (
    <section className="panel">
      <h2>Clear obligations</h2>
      <p className="muted small">
        The solver runs here, in your browser: it finds the largest total of open obligations that can be set off in
        cycles (A owes B, B owes C, C owes A) while every member&apos;s net position stays the same. Anyone may submit
        the batch; the network checks it before applying it. A cycle too long for one transaction goes in parts, one
        right after the other, which only a steward may submit.
      </p>
      <dl className="figures figures-wide">
        <Figure label="Open obligations in scope" testId="clearing-in-scope">
          {current.obligations.length}
          {current.excluded > 0 && <span className="muted small"> ({current.excluded} without both consents)</span>}
        </Figure>
        <Figure label="Their total">{unit.fmt(current.obligations.reduce((t, o) => t + o.amount, 0n))}</Figure>
        <Figure label="Lines offered as liquidity">{current.liquidity.length}</Figure>
      </dl>
      <div className="actions">
        <button
          className="btn"
          onClick={solve}
          disabled={current.obligations.length === 0 || set.isLoading}
          data-testid="clearing-solve"
        >
          {run ? "Run the solver again" : "Run the solver"}
        </button>
        <label className="check">
          <input type="checkbox" checked={withLiquidity} onChange={(e) => setWithLiquidity(e.target.checked)} />
          use credit lines offered as liquidity
        </label>
      </div>
      {error && (
        <p className="error" data-testid="clearing-error">
          {error}
        </p>
      )}
      {submitted && (
        <p className="success" data-testid="clearing-submitted">
          {submitted}
        </p>
      )}
      {run && (
        <Result run={run} s={s} me={me} unit={unit} stale={stale} busy={busy} notice={notice} onSubmit={submit} />
      )}
    </section>
  );
}

function Result({
  run,
  s,
  me,
  unit,
  stale,
  busy,
  notice,
  onSubmit,
}: {
  run: Run;
  s: ClearingSet;
  me?: Address;
  unit: Unit;
  stale: boolean;
  busy: boolean;
  /** About cycles split into parts, if any; `blocked`: the connected account cannot submit them. */
  notice?: { blocked: boolean; text: string };
  onSubmit: () => void;
}) {
  const { solution, input } = run;
  const before = solution.obligationsBefore;
  const after = before - solution.cleared;
  const pct = before > 0n ? Number((solution.cleared * 10000n) / before) / 100 : 0;
  const setOff = new Map(solution.setOffs.map((x) => [x.id, x.amount]));
  const net = netPositions(input.obligations);
  const netOf = (a: string) => {
    for (const [k, v] of net) if (k.toLowerCase() === a.toLowerCase()) return v;
    return 0n;
  };

  const ids = new Map<string, string>();
  for (const o of input.obligations) {
    ids.set(o.debtor.toLowerCase(), o.debtor);
    ids.set(o.creditor.toLowerCase(), o.creditor);
  }
  for (const m of solution.creditMoves) {
    ids.set(m.payer.toLowerCase(), m.payer);
    ids.set(m.payee.toLowerCase(), m.payee);
  }
  const nodes: GraphNode[] = [...ids.values()]
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))
    .map((id) => ({ id, note: unit.signed(netOf(id)), highlight: sameAddress(id, me) }));
  const beforeEdges: GraphEdge[] = input.obligations.map((o) => ({ from: o.debtor, to: o.creditor, amount: o.amount }));
  const afterEdges: GraphEdge[] = [
    ...input.obligations.map((o) => ({ from: o.debtor, to: o.creditor, amount: o.amount - (setOff.get(o.id) ?? 0n) })),
    ...solution.creditMoves.map((m) => ({ from: m.payer, to: m.payee, amount: m.amount, kind: "credit" as const })),
  ];
  const scale = input.obligations.reduce((m, o) => (o.amount > m ? o.amount : m), 0n);
  const obligation = (id: bigint) => s.obligations.find((o) => o.id === id);

  return (
    <div className="clearing-result" data-testid="clearing-result">
      <dl className="figures figures-wide" data-testid="clearing-totals">
        <Figure label="Obligations before" testId="clearing-before">
          {unit.fmt(before)}
        </Figure>
        <Figure label="Cleared" testId="clearing-cleared">
          {unit.fmt(solution.cleared)}
        </Figure>
        <Figure label="After" testId="clearing-after">
          {unit.fmt(after)}
        </Figure>
        <Figure label="NID floor" title="Net internal debt: what set-off alone can never clear" testId="clearing-nid">
          {unit.fmt(solution.nid)}
        </Figure>
        <Figure label="Cleared share" testId="clearing-pct">
          {pct}%
        </Figure>
        <Figure label="Moved onto credit lines">{unit.fmt(solution.movedToCredit)}</Figure>
      </dl>
      <div className="graphs">
        <figure>
          <figcaption>Before: {unit.fmt(before)} owed</figcaption>
          <ObligationGraph
            nodes={nodes}
            edges={beforeEdges}
            scale={scale}
            unit={unit}
            title="Open obligations before clearing (arrows: debtor → creditor)"
            testId="graph-before"
          />
        </figure>
        <figure>
          <figcaption>
            After: {unit.fmt(after)} owed
            {solution.movedToCredit > 0n && ` + ${unit.fmt(solution.movedToCredit)} on credit`}
          </figcaption>
          <ObligationGraph
            nodes={nodes}
            edges={afterEdges}
            scale={scale}
            unit={unit}
            title="Open obligations after clearing (dashed: moved onto a credit line)"
            testId="graph-after"
          />
        </figure>
      </div>
      <p className="muted small">
        Under each name: the member&apos;s net position (owed to them minus what they owe
        {solution.movedToCredit > 0n && ", counting what moves onto credit lines"}), the same before and after. Solved
        in {run.ms < 1 ? "<1" : Math.round(run.ms)} ms over {input.obligations.length} obligations and{" "}
        {solution.members} members.{" "}
        {run.verified.ok ? (
          <span data-testid="clearing-verified">Checked here against the network&apos;s rules: valid.</span>
        ) : (
          <span className="error">Does not pass the network&apos;s checks: {run.verified.reason}</span>
        )}
      </p>

      {solution.setOffs.length === 0 ? (
        <p className="notice" data-testid="clearing-nothing">
          Nothing to clear: the open obligations form no cycle among consenting members.
        </p>
      ) : (
        <>
          <Table
            testId="setoffs-table"
            head={
              <>
                <th>#</th>
                <th>Who owes whom</th>
                <th>Reference</th>
                <th className="num">Remaining</th>
                <th className="num">Set off</th>
                <th className="num">After</th>
              </>
            }
          >
            {solution.setOffs.map((x) => {
              const o = obligation(x.id);
              const remaining = input.obligations.find((i) => i.id === x.id)?.amount ?? 0n;
              return (
                <tr key={x.id.toString()} data-testid={`setoff-${x.id}`}>
                  <td>{x.id.toString()}</td>
                  <td>
                    {o && (
                      <>
                        <Who address={o.debtor} me={me} /> → <Who address={o.creditor} me={me} />
                      </>
                    )}
                  </td>
                  <td className="small">{o ? obligationRefText(o) : ""}</td>
                  <td className="num">{unit.fmt(remaining)}</td>
                  <td className="num" data-testid="setoff-amount">
                    {unit.fmt(x.amount)}
                  </td>
                  <td className="num">{unit.fmt(remaining - x.amount)}</td>
                </tr>
              );
            })}
          </Table>
          {solution.creditMoves.length > 0 && (
            <>
              <h3>Moved onto credit lines</h3>
              <ul className="list">
                {solution.creditMoves.map((m) => (
                  <li key={`${m.payer}-${m.payee}`} className="list-item">
                    <span>
                      <Who address={m.payer as Address} me={me} /> pays <Who address={m.payee as Address} me={me} />{" "}
                      {unit.fmt(m.amount)} on the line {nameOf(m.payee)} gives {nameOf(m.payer)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {stale && (
            <p className="notice">The obligations changed since the solver ran. Run it again before submitting.</p>
          )}
          {notice && (
            <p className={notice.blocked ? "notice" : "muted small"} data-testid="clearing-split">
              {notice.text}
            </p>
          )}
          <WalletGate action="submit the batch">
            <div className="actions">
              <button
                className="btn"
                onClick={onSubmit}
                disabled={busy || stale || !run.verified.ok || run.chunks.length === 0 || !!notice?.blocked}
                data-testid="clearing-submit"
              >
                {busy
                  ? "Submitting…"
                  : `Submit batch${run.chunks.length > 1 ? ` (${run.chunks.length} transactions)` : ""}`}
              </button>
              <span className="muted small">
                {formatInt(solution.setOffs.length)} set-offs · solution id <code>{shortHash(run.solutionId)}</code>
              </span>
            </div>
          </WalletGate>
        </>
      )}
    </div>
  );
}

/** What a part of a split clearing did with its bridges, in a few words. */
export function partText(p: ClearingPartInfo): string {
  const settled = p.settledBridgeId === undefined ? "" : `, set off bridge #${p.settledBridgeId}`;
  const left = p.bridgeId === undefined ? ", the last" : `, left bridge #${p.bridgeId}`;
  return `part ${p.index} of a split${settled}${left}`;
}

function Epochs({ info, unit }: CreditView) {
  const epochs = useClearingEpochs(EPOCHS_SHOWN).data ?? [];
  const oldestFirst = [...epochs].reverse();
  const pct = (c: bigint, b: bigint) => (b > 0n ? Number((c * 10000n) / b) / 100 : 0);
  return (
    <section className="panel">
      <h2>Past clearing epochs</h2>
      {info.epochCount > BigInt(epochs.length) && (
        <p className="muted small">
          The newest {epochs.length} of {formatInt(info.epochCount)} epochs.
        </p>
      )}
      {epochs.length === 0 ? (
        <p className="muted">No clearing yet.</p>
      ) : (
        <>
          <BarChart
            title="Share of the open obligations cleared in each epoch"
            labelWidth={80}
            valueWidth={210}
            bars={oldestFirst.map((e) => ({
              label: `Epoch ${e.epoch}`,
              value: pct(e.cleared, e.obligationsBefore),
              display: `${pct(e.cleared, e.obligationsBefore)}% · ${unit.num(e.cleared)} of ${unit.fmt(e.obligationsBefore)}`,
            }))}
          />
          <Table
            testId="epochs-table"
            head={
              <>
                <th>Epoch</th>
                <th>Submitted by</th>
                <th className="num">Open before</th>
                <th className="num">Cleared</th>
                <th className="num">Cleared %</th>
                <th className="num">Moved to credit</th>
                <th className="num">Open after</th>
                <th className="num">NID after</th>
                <th className="num">Set-offs</th>
              </>
            }
          >
            {epochs.map((e) => (
              <tr key={e.epoch.toString()} data-testid={`epoch-${e.epoch}`}>
                <td>
                  {e.epoch.toString()}
                  {e.part && (
                    <div className="muted small" data-testid="epoch-part">
                      {partText(e.part)}
                    </div>
                  )}
                </td>
                <td>
                  <Who address={e.operator} />
                </td>
                <td className="num">{unit.fmt(e.obligationsBefore)}</td>
                <td className="num" data-testid="epoch-cleared">
                  {unit.fmt(e.cleared)}
                </td>
                <td className="num">{pct(e.cleared, e.obligationsBefore)}%</td>
                <td className="num">{unit.fmt(e.movedToCredit)}</td>
                <td className="num" data-testid="epoch-after">
                  {unit.fmt(e.outstandingAfter)}
                </td>
                <td className="num">{unit.fmt(e.nid)}</td>
                <td className="num">{e.setOffs}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}
