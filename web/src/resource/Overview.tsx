// A resource's overview: its harvest rule, the season now, rolling over, past seasons, holders (paged), landings and
// entitlement transfers (newest first, paged).
import { useState } from "react";
import { StackedBarChart, type Segment } from "../shared/Chart";
import { WalletGate } from "../shared/gate";
import { formatDate, formatInt } from "../shared/format";

import { Amount, LandingsTable, TransfersTable } from "./bits";
import { ShowMore } from "../shared/ShowMore";
import { useHolders } from "./data";
import type { ResourceView } from "./ResourcePage";
import { RuleChart, SeasonStrip } from "./RuleChart";
import { Who } from "../shared/Who";
import { Figure } from "../shared/Figure";
import { Table } from "../shared/Table";

const pct = (bps: number) => `${bps / 100} %`;

/** The public view of a resource: the season now, rollover, caps against landings, the rule, the calendar. */
export function Overview(view: ResourceView) {
  const { r, me } = view;
  const season = r.seasons[r.current - 1];
  return (
    <>
      <SeasonNow {...view} />
      {r.current > r.info.openedSeason && <Rollover {...view} />}
      <Seasons {...view} />
      <section className="panel">
        <h2>Harvest rule</h2>
        <div className="grid-2">
          <div>
            <dl className="facts" data-testid="rule-facts">
              <Figure label="Target fishing rate F" testId="rule-f">
                {Number(r.info.rule.targetRate) / 1e18}
              </Figure>
              <Figure label="Precautionary biomass Bpa">{r.unit.fmt(r.info.rule.precautionaryBiomass)}</Figure>
              <Figure label="Limit biomass Blim">{r.unit.fmt(r.info.rule.limitBiomass)}</Figure>
              <Figure label="Step bound">
                +{pct(r.info.rule.maxRiseBps)} / −{pct(r.info.rule.maxCutBps)} a season
              </Figure>
              <Figure label="Carry-over">{pct(r.info.carryOverBps)} of a holder&apos;s allocation</Figure>
              <Figure label="Concentration cap">
                {pct(r.info.concentrationCapBps)} of the cap (and of all shares)
              </Figure>
            </dl>
            <p className="muted small">
              Above Bpa the cap is F × biomass; between Blim and Bpa it falls linearly to zero; at or below Blim there
              is no fishing. Each season&apos;s cap moves at most by the step bound from the previous one.
            </p>
          </div>
          <RuleChart
            rule={r.info.rule}
            unit={r.unit}
            previousCap={r.current > 1 ? r.seasons[r.current - 2]?.cap : undefined}
            assessed={season?.assessed ? season : undefined}
          />
        </div>
      </section>
      <section className="panel">
        <h2>Season calendar{r.current > 0 ? ` (season ${r.current})` : " (season 1)"}</h2>
        <SeasonStrip info={r.info} season={Math.max(1, r.current)} time={r.time} />
        {r.info.closedPeriods.length === 0 && <p className="muted small">No closed periods.</p>}
      </section>
      <Holders {...view} />
      <section className="panel">
        <h2>Landings</h2>
        <LandingsTable r={r} filter={{}} me={me} />
      </section>
      <section className="panel">
        <h2>Entitlement transfers</h2>
        <TransfersTable r={r} me={me} />
      </section>
    </>
  );
}

function SeasonNow({ r }: ResourceView) {
  const s = r.seasons[r.current - 1];
  const next = r.seasons[r.current];
  return (
    <section className="panel">
      <h2 data-testid="season-now">
        {r.current === 0
          ? `Season 1 opens ${formatDate(Number(r.info.firstSeasonStart))}`
          : `Season ${r.current}: ${formatDate(s.start)} – ${formatDate(s.end)}`}
      </h2>
      <dl className="figures figures-wide">
        <Figure label="Cap">{s ? <Amount value={s.cap} unit={r.unit} testId="now-cap" /> : "—"}</Figure>
        <Figure label="Landed">{s ? <Amount value={s.landed} unit={r.unit} testId="now-landed" /> : "—"}</Figure>
        <Figure label="Quota shares">{formatInt(r.info.totalShares)}</Figure>
        <Figure label="Max holding (a recipient)">
          <Amount value={r.maxHolding} unit={r.unit} />
        </Figure>
        <Figure label="Next season" testId="next-assessed">
          {next?.assessed ? (
            <>
              assessed · cap <Amount value={next.cap} unit={r.unit} />
            </>
          ) : (
            "not assessed yet"
          )}
        </Figure>
      </dl>
      {s && !s.assessed && (
        <p className="notice">Season {r.current} had no assessment: its cap is 0 (no fishing without science).</p>
      )}
      <p className="muted small">
        Chain time {formatDate(r.time)} (block {r.block.toString()}).
      </p>
    </section>
  );
}

function Rollover({ r, actions }: ResourceView) {
  const [busy, setBusy] = useState(false);
  return (
    <section className="panel panel-warn" data-testid="rollover-panel">
      <h2>Season {r.current} has not opened yet</h2>
      <p>
        Season {r.current} began on chain time {formatDate(r.seasons[r.current - 1].start)}. Opening it closes season{" "}
        {r.info.openedSeason || "—"} with its report (landed, carried over, left in the sea) and fixes the new
        allocation. Anyone may do this; the first transfer or landing would do it too.
      </p>
      <WalletGate action="roll the season over">
        <button
          className="btn"
          disabled={busy}
          data-testid="rollover"
          onClick={async () => {
            setBusy(true);
            await actions.rollover(r.current);
            setBusy(false);
          }}
        >
          {busy ? "Rolling over…" : "Roll over"}
        </button>
      </WalletGate>
    </section>
  );
}

function Seasons({ r }: ResourceView) {
  const seasons = r.seasons.filter((s) => s.assessed || s.opened || s.season <= r.current);
  if (seasons.length === 0)
    return (
      <section className="panel">
        <h2>Seasons</h2>
        <p className="muted">No season assessed yet: the science body posts the first assessment before season 1.</p>
      </section>
    );
  const f = r.unit.float;
  const bars = [...seasons].reverse().map((s) => {
    const segments: Segment[] = [{ value: f(s.landed), tone: "primary", name: "landed" }];
    if (s.closed) {
      segments.push({ value: f(s.carriedOver ?? 0n), tone: "accent", name: "carried over" });
      segments.push({ value: f(s.leftInSea), tone: "muted", name: "left in the sea" });
    } else if (s.opened) {
      segments.push({ value: f(s.cap - s.landed), tone: "danger", name: "not landed yet (open season)" });
    } else segments.push({ value: f(s.cap), tone: "danger", name: "not landed yet (open season)" });
    return {
      label: `Season ${s.season}`,
      segments,
      display: `cap ${r.unit.fmt(s.cap)}`,
      highlight: s.season === r.current,
    };
  });
  return (
    <section className="panel">
      <h2>Caps and landings per season</h2>
      <StackedBarChart bars={bars} title="Cap against landed, carried over and left in the sea" valueWidth={170} />
      <Table
        testId="seasons-table"
        head={
          <>
            <th>Season</th>
            <th className="num">Biomass</th>
            <th className="num">Rule cap</th>
            <th className="num">Cap</th>
            <th className="num">Landed</th>
            <th className="num">Carried over</th>
            <th className="num">Left in the sea</th>
            <th>Status</th>
          </>
        }
      >
        {[...seasons].reverse().map((s) => (
          <tr key={s.season} data-testid={`season-${s.season}`}>
            <td>
              {s.season}
              <div className="muted small">{formatDate(s.start).split(",")[0]}</div>
            </td>
            <td className="num">{s.assessed ? r.unit.fmt(s.biomass) : "—"}</td>
            <td className="num">{s.assessed ? r.unit.fmt(s.ruleCap) : "—"}</td>
            <td className="num">
              <Amount value={s.cap} unit={r.unit} testId="season-cap" />
            </td>
            <td className="num">
              <Amount value={s.landed} unit={r.unit} testId="season-landed" />
            </td>
            <td className="num">
              {s.closed ? <Amount value={s.carriedOver ?? 0n} unit={r.unit} testId="season-carried" /> : "—"}
            </td>
            <td className="num">
              {s.closed ? <Amount value={s.leftInSea} unit={r.unit} testId="season-left" /> : "—"}
            </td>
            <td data-testid="season-status">
              {s.closed ? (
                <span title="landed + carried over + left in the sea = cap">
                  closed ·{" "}
                  <span data-testid="season-balance">
                    {s.landed + (s.carriedOver ?? 0n) + s.leftInSea === s.cap ? "balances" : "does not balance"}
                  </span>
                </span>
              ) : s.opened ? (
                "open"
              ) : s.season <= r.current ? (
                "started, not opened"
              ) : (
                "assessed"
              )}
              {s.carryVoided && <div className="small muted">carry-over void (did not fit)</div>}
            </td>
          </tr>
        ))}
      </Table>
      <p className="muted small">
        A closed season balances: landed + carried over + left in the sea = cap. Carry-over is part of the next
        season&apos;s cap.
      </p>
    </section>
  );
}

function Holders({ r, me }: ResourceView) {
  const q = useHolders(r.id);
  const holdings = q.items ?? [];
  return (
    <section className="panel">
      <h2>Quota holders (season {r.current || "—"})</h2>
      {q.error ? (
        <p className="error">Could not read the holders: {q.error.message}</p>
      ) : q.isLoading ? (
        <p className="muted">Loading holders…</p>
      ) : holdings.length === 0 ? (
        <p className="muted">No holders.</p>
      ) : (
        <>
          <Table
            testId="holders-table"
            head={
              <>
                <th>Holder</th>
                <th className="num">Shares</th>
                <th className="num">Carried in</th>
                <th className="num">Entitlement</th>
                <th className="num">Landed</th>
                <th className="num">Carry limit</th>
              </>
            }
          >
            {holdings.map((h) => (
              <tr key={h.holder} data-testid={`holder-${h.holder}`}>
                <td>
                  <Who address={h.holder} me={me} />
                </td>
                <td className="num">{formatInt(h.shares)}</td>
                <td className="num">
                  <Amount value={h.carriedIn} unit={r.unit} testId="holder-carried-in" />
                </td>
                <td className="num">
                  <Amount value={h.entitlement} unit={r.unit} testId="holder-entitlement" />
                </td>
                <td className="num">
                  <Amount value={h.landed} unit={r.unit} testId="holder-landed" />
                </td>
                <td className="num">
                  <Amount value={h.carryLimit} unit={r.unit} />
                </td>
              </tr>
            ))}
          </Table>
          <p className="muted small">{formatInt(r.holderCount)} accounts hold quota shares.</p>
          <ShowMore pages={q} testId="holders-table-more" />
        </>
      )}
    </section>
  );
}
