// "Find matches": every open intent (active, something unmatched, window not ended) read a page at a time, the SDK's
// matcher run in this browser (the most units traded, then the least price plus transport at the chosen cost per
// unit-km), shown before and after beside the nearest-first baseline, and submitted as batches that anyone may send
// (each match is checked on chain against both intents' terms, so it needs no one's signature). A match by hand
// (an offer, a need, a quantity and a price) goes through the same checks.
import {
  cheapestAtQuantity,
  checkMatches,
  greedyNearestFirst,
  matchIntents,
  normaliseIntent,
  type Intent,
  type MatchResult,
} from "@cosmolocal/sdk";
import { useMemo, useState, type FormEvent } from "react";
import { useChainTime } from "../shared/chainTime";
import { BarChart, StackedBarChart, type StackedBar } from "../shared/Chart";
import { Figure } from "../shared/Figure";
import { formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { TextField } from "../shared/TextField";
import { Who } from "../shared/Who";
import type { ClusterView } from "./ClusterPage";
import { loadOpenIntents, useClusterReader, type ClusterIntent } from "./data";
import { distanceBetween, formatDistance, matchBatches, matcherIntent, MATCHES_PER_TX, unitText } from "./terms";

/** The most open intents one run reads (bench `cluster.match.10k`: about 1.1 s for 5,000 offers against 5,000 needs). */
export const MAX_OPEN_INTENTS = 20_000;
/** Matches listed before "show all". */
const MATCHES_SHOWN = 50;

/** One run of the matcher over what was read. */
interface Run {
  intents: ClusterIntent[];
  byId: Map<bigint, ClusterIntent>;
  truncated: boolean;
  /** What the matcher read (remaining quantities), and how many intents it could not read (a unit of other bytes
   * than printable ASCII), left out. */
  usable: Intent[];
  skipped: number;
  optimal: MatchResult;
  greedy: MatchResult;
  /** The optimum at the nearest-first's quantity (undefined when it could not be computed). */
  atGreedy?: MatchResult;
  costPerUnitKm: bigint;
  millis: number;
}

/** A transport cost typed by a person: 0, or an amount in the credit unit (null: neither). */
function parseCost(text: string, unit: ClusterView["unit"]): bigint | null {
  const t = text.trim();
  if (/^0+(\.0*)?$/.test(t)) return 0n;
  const parsed = unit.parse(t);
  return "value" in parsed ? parsed.value : null;
}

const km = (metres: bigint) => Number(metres) / 1000;
const kmText = (metres: bigint) => `${Math.round(km(metres)).toLocaleString("en-US")} unit·km`;

export function FindMatches(view: ClusterView) {
  return (
    <>
      <Matcher {...view} />
      <ByHand {...view} />
    </>
  );
}

function Matcher({ unit, me, actions }: ClusterView) {
  const reader = useClusterReader();
  const now = useChainTime();
  const [category, setCategory] = useState("");
  const [costText, setCostText] = useState("0");
  const [run, setRun] = useState<Run>();
  const [working, setWorking] = useState<string>();
  const [showAll, setShowAll] = useState(false);
  const costValue = parseCost(costText, unit);
  const { error, setError, done, setDone, busy, setBusy } = useOutcome();

  async function find(ev: FormEvent) {
    ev.preventDefault();
    if (!reader || now === undefined || costValue === null) return;
    setRun(undefined);
    setError(undefined);
    setDone(undefined);
    setWorking("Reading the open offers and needs…");
    try {
      const { intents, truncated } = await loadOpenIntents(
        reader,
        { openAt: now, ...(category !== "" ? { category: Number(category) } : {}) },
        MAX_OPEN_INTENTS,
      );
      setWorking(`Matching ${formatInt(intents.length)} intents in this browser…`);
      // Let the page paint the line above before the matcher takes the thread.
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      const usable: Intent[] = [];
      let skipped = 0;
      for (const i of intents)
        try {
          usable.push(normaliseIntent(matcherIntent(i)));
        } catch {
          skipped++;
        }
      const options = { costPerUnitKm: costValue, now };
      const optimal = matchIntents(usable, options);
      const greedy = greedyNearestFirst(usable, options);
      let atGreedy: MatchResult | undefined;
      try {
        atGreedy = cheapestAtQuantity(usable, options, greedy.matches);
      } catch {
        atGreedy = undefined;
      }
      setRun({
        intents,
        byId: new Map(intents.map((i) => [i.id, i])),
        truncated,
        usable,
        skipped,
        optimal,
        greedy,
        atGreedy,
        costPerUnitKm: costValue,
        millis: Math.round(performance.now() - t0),
      });
    } catch (e) {
      setError(`Could not compute the matches: ${(e as Error).message}`);
    } finally {
      setWorking(undefined);
    }
  }

  async function submit() {
    if (!run) return;
    const batches = matchBatches(run.optimal.matches, run.byId);
    setBusy(true);
    let sent = 0;
    for (const [k, batch] of batches.entries()) {
      const out = await actions.submitMatches(
        batch,
        batches.length > 1 ? `part ${k + 1} of ${batches.length}` : undefined,
      );
      if (!out.ok) {
        setBusy(false);
        setError(
          `${out.error ?? "The batch was refused."}${sent ? ` ${formatInt(sent)} matches were submitted before it; find matches again for the rest.` : ""}`,
        );
        return;
      }
      sent += batch.matches.length;
    }
    setBusy(false);
    setRun(undefined);
    setDone(`Submitted ${formatInt(sent)} matches: each is now an order, waiting for its producer to accept it.`);
  }

  return (
    <section className="panel">
      <h2>Find matches</h2>
      <p className="muted">
        The matcher reads every open offer and need and computes, for the whole cluster at once, the matches that trade
        the most units, and among those the cheapest in price plus transport. Anyone may submit them: the exchange
        checks each against both intents' terms.
      </p>
      <form className="form" onSubmit={(ev) => void find(ev)}>
        <div className="row">
          <TextField
            label="Category (optional)"
            narrow
            value={category}
            onChange={setCategory}
            inputMode="numeric"
            placeholder="all"
            testId="match-category"
            error={category === "" || /^\d{1,10}$/.test(category) ? undefined : "A category is a whole number."}
          />
          <TextField
            label={`Transport cost per unit per km (${unit.symbol})`}
            narrow
            value={costText}
            onChange={setCostText}
            inputMode="decimal"
            testId="match-cost"
            error={costValue === null ? `Enter 0 or an amount of ${unit.symbol}.` : undefined}
          />
        </div>
        <div className="actions">
          <button
            className="btn"
            type="submit"
            disabled={!!working || busy || !reader || now === undefined || costValue === null}
            data-testid="match-find"
          >
            {working ? "Working…" : "Find matches"}
          </button>
          {working && <span className="muted small">{working}</span>}
        </div>
      </form>
      {run && <Result run={run} view={{ unit, me }} showAll={showAll} setShowAll={setShowAll} />}
      {run && run.optimal.matches.length > 0 && (
        <WalletGate action="submit the matches">
          <div className="actions">
            <button
              className="btn"
              type="button"
              disabled={busy}
              onClick={() => void submit()}
              data-testid="match-submit"
            >
              {busy
                ? "Submitting…"
                : `Submit ${formatInt(run.optimal.matches.length)} matches (${formatInt(Math.ceil(run.optimal.matches.length / MATCHES_PER_TX))} ${run.optimal.matches.length > MATCHES_PER_TX ? "transactions" : "transaction"})`}
            </button>
          </div>
        </WalletGate>
      )}
      <Outcome testId="match" error={error} done={done} />
    </section>
  );
}

/** Open quantity per category and unit on one side, before and after the batch. */
function openBySide(intents: Intent[], side: "offer" | "need") {
  const rows = new Map<string, bigint>();
  for (const i of intents)
    if (i.side === side)
      rows.set(`${i.category} · ${i.unit}`, (rows.get(`${i.category} · ${i.unit}`) ?? 0n) + i.remaining);
  return rows;
}

function Result({
  run,
  view: { unit, me },
  showAll,
  setShowAll,
}: {
  run: Run;
  view: Pick<ClusterView, "unit" | "me">;
  showAll: boolean;
  setShowAll(v: boolean): void;
}) {
  const { optimal, greedy, atGreedy } = run;
  const before = run.usable;
  const offersBefore = before.filter((i) => i.side === "offer").reduce((s, i) => s + i.remaining, 0n);
  const needsBefore = before.filter((i) => i.side === "need").reduce((s, i) => s + i.remaining, 0n);
  const needsAfter = needsBefore - optimal.matchedQuantity;
  const bars: StackedBar[] = useMemo(() => {
    const open = openBySide(before, "need");
    const left = openBySide(optimal.unmatched.needs, "need");
    return [...open.entries()].map(([label, total]) => {
      const l = left.get(label) ?? 0n;
      return {
        label,
        segments: [
          { name: "Matched", value: Number(total - l), tone: "primary" as const },
          { name: "Left open", value: Number(l), tone: "muted" as const },
        ],
        display: `${formatInt(total - l)} of ${formatInt(total)}`,
      };
    });
  }, [before, optimal]);
  const saved = atGreedy ? greedy.transportMetres - atGreedy.transportMetres : undefined;
  const check = checkMatches(before, optimal.matches);
  const shown = showAll ? optimal.matches : optimal.matches.slice(0, MATCHES_SHOWN);

  return (
    <div data-testid="match-result">
      <p className="muted small" data-testid="match-read">
        Read {formatInt(run.intents.length)} open intents
        {run.truncated ? ` (the first ${formatInt(MAX_OPEN_INTENTS)}: choose a category to match the rest)` : ""}
        {run.skipped ? `, ${formatInt(run.skipped)} left out (a unit the matcher cannot read)` : ""}; matched in{" "}
        {formatInt(run.millis)} ms.{" "}
        {check.ok
          ? "Every match passes the exchange's checks."
          : `Match ${check.index + 1} would be refused: ${check.reason}.`}
      </p>
      <dl className="figures">
        <Figure label="Before: open offers · needs" testId="match-before">
          {formatInt(offersBefore)} · {formatInt(needsBefore)} units
        </Figure>
        <Figure label="Matched" testId="match-quantity">
          {formatInt(optimal.matchedQuantity)} units in {formatInt(optimal.matches.length)} matches
        </Figure>
        <Figure label="After: needs left open" testId="match-after">
          {formatInt(needsAfter)} units
        </Figure>
        <Figure label="Paid by buyers" testId="match-paid">
          {unit.fmt(optimal.paid)}
        </Figure>
        <Figure label="Transport" testId="match-km">
          {kmText(optimal.transportMetres)}
        </Figure>
        <Figure
          label="Saved against nearest-first"
          title="At the quantity the nearest-first matcher trades, the transport of the cheapest batch, less nearest-first's."
          testId="match-saved"
        >
          {saved === undefined ? "—" : kmText(saved)}
        </Figure>
      </dl>
      {bars.length > 0 && (
        <>
          <h3>Needs matched and left open, by category and unit</h3>
          <StackedBarChart title="Needs matched and left open, by category and unit" bars={bars} />
        </>
      )}
      <div>
        <h3>Units traded: optimal against nearest-first</h3>
        <BarChart
          title="Units traded"
          labelWidth={110}
          bars={[
            { label: "Optimal", value: Number(optimal.matchedQuantity), display: formatInt(optimal.matchedQuantity) },
            {
              label: "Nearest-first",
              value: Number(greedy.matchedQuantity),
              display: formatInt(greedy.matchedQuantity),
              tone: "muted",
            },
          ]}
        />
        {atGreedy && (
          <>
            <h3>Transport for nearest-first's {formatInt(greedy.matchedQuantity)} units (unit·km)</h3>
            <BarChart
              title={`Transport for nearest-first's ${formatInt(greedy.matchedQuantity)} units`}
              labelWidth={110}
              valueWidth={130}
              bars={[
                {
                  label: "Cheapest batch",
                  value: km(atGreedy.transportMetres),
                  display: kmText(atGreedy.transportMetres),
                  tone: "accent",
                },
                {
                  label: "Nearest-first",
                  value: km(greedy.transportMetres),
                  display: kmText(greedy.transportMetres),
                  tone: "muted",
                },
              ]}
            />
          </>
        )}
      </div>
      {optimal.matches.length === 0 ? (
        <p className="muted" data-testid="match-none">
          No offer and need can trade now: none share a category and unit within each other's distance, price and
          window.
        </p>
      ) : (
        <>
          <Table
            testId="match-list"
            head={
              <>
                <th>Offer</th>
                <th>Need</th>
                <th>Producer → buyer</th>
                <th className="num">Quantity</th>
                <th className="num">Price / unit</th>
                <th className="num">Distance</th>
              </>
            }
          >
            {shown.map((m) => {
              const o = run.byId.get(m.offerId)!;
              const n = run.byId.get(m.needId)!;
              return (
                <tr key={`${m.offerId}-${m.needId}-${m.quantity}`} data-testid={`match-${m.offerId}-${m.needId}`}>
                  <td>#{m.offerId.toString()}</td>
                  <td>#{m.needId.toString()}</td>
                  <td>
                    <Who address={o.terms.owner} me={me} /> → <Who address={n.terms.owner} me={me} />
                  </td>
                  <td className="num">
                    {formatInt(m.quantity)} {unitText(o.terms.unit)}
                  </td>
                  <td className="num">{unit.fmt(m.price)}</td>
                  <td className="num">{formatDistance(distanceBetween(o.terms, n.terms))}</td>
                </tr>
              );
            })}
          </Table>
          {optimal.matches.length > MATCHES_SHOWN && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setShowAll(!showAll)}>
              {showAll ? "Show fewer" : `Show all ${formatInt(optimal.matches.length)} matches`}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** A match by hand: an offer, a need, a quantity and a price, checked by the exchange like any other. */
function ByHand({ unit, actions }: ClusterView) {
  const reader = useClusterReader();
  const [offer, setOffer] = useState("");
  const [need, setNeed] = useState("");
  const [qty, setQty] = useState("");
  const [price, setPrice] = useState("");
  const parsedPrice = unit.parse(price);
  const { error, setError, done, setDone, busy, setBusy, edited, problems, attempt } = useOutcome({
    offer: /^\d+$/.test(offer) ? undefined : "Enter the offer's number.",
    need: /^\d+$/.test(need) ? undefined : "Enter the need's number.",
    quantity: /^\d+$/.test(qty) && BigInt(qty) > 0n ? undefined : "Enter a whole quantity greater than zero.",
    price: "error" in parsedPrice ? parsedPrice.error : undefined,
  });

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !reader || "error" in parsedPrice) return;
    setBusy(true);
    try {
      const [o, n] = await Promise.all([reader.intent(BigInt(offer)), reader.intent(BigInt(need))]);
      const missing = !o ? offer : !n ? need : undefined;
      if (missing !== undefined || !o || !n) {
        setError(actions.refusal("IntentNotActive", { intentId: BigInt(missing ?? offer) }));
        return;
      }
      const m = { offerId: o.id, needId: n.id, quantity: BigInt(qty), price: parsedPrice.value };
      const [batch] = matchBatches(
        [m],
        new Map([
          [o.id, o],
          [n.id, n],
        ]),
        1,
      );
      const out = await actions.submitMatches(batch);
      if (out.ok) setDone(`Submitted: offer #${o.id} and need #${n.id} are now an order.`);
      else setError(out.error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel">
      <h2>Match by hand</h2>
      <p className="muted small">
        An offer and a need you know fit: the exchange checks the price against both, the quantity against what remains
        of each, the distance against both maxima, and that both owners trade here.
      </p>
      <WalletGate action="submit a match">
        <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="hand-form">
          <div className="row">
            <TextField
              label="Offer #"
              narrow
              value={offer}
              onChange={edited(setOffer, "offer")}
              inputMode="numeric"
              testId="hand-offer"
              error={problems.offer}
            />
            <TextField
              label="Need #"
              narrow
              value={need}
              onChange={edited(setNeed, "need")}
              inputMode="numeric"
              testId="hand-need"
              error={problems.need}
            />
            <TextField
              label="Quantity"
              narrow
              value={qty}
              onChange={edited(setQty, "quantity")}
              inputMode="numeric"
              testId="hand-quantity"
              error={problems.quantity}
            />
            <TextField
              label={`Price per unit (${unit.symbol})`}
              narrow
              value={price}
              onChange={edited(setPrice, "price")}
              inputMode="decimal"
              testId="hand-price"
              error={problems.price}
            />
          </div>
          <Submit testId="hand-submit" busy={busy}>
            {busy ? "Submitting…" : "Submit the match"}
          </Submit>
          <Outcome testId="hand" error={error} done={done} />
        </form>
      </WalletGate>
    </section>
  );
}
