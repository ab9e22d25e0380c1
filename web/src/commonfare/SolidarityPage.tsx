// The solidarity circles' pages (`#/solidarity/<circle>/<screen>`): every circle (`#/solidarity`), then one circle's
// open books with its cover chart and members' balance bars, joining it (and approving candidates), depositing (up
// to the cap), my account (withdraw, change level, leave), and claims (report with a private note hashed here,
// confirm, collect gifts month by month, recover). Amounts are in the circle's currency, to its last decimal.
import type { Address } from "viem";
import { useChainClock } from "../shared/chainTime";
import { formatInt, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Tabs } from "../shared/Tabs";
import type { Unit } from "../shared/units";
import { useWallet } from "../shared/wallet";
import { Who } from "../shared/Who";
import { Account } from "./Account";
import { Money } from "./bits";
import { CircleBooks } from "./CircleBooks";
import { monthsText } from "./CoverChart";
import { Claims } from "./Claims";
import { useCircle, useCirclePages, useCurrency, useMember, type Circle, type Member } from "./data";
import { Deposit } from "./Deposit";
import { Join } from "./Join";
import { coverMonths } from "./math";
import { exactUnit } from "./money";
import { useCommonfareWrites, type CommonfareActions } from "./writes";

const TABS = [
  { id: "circle", label: "The circle" },
  { id: "join", label: "Join" },
  { id: "deposit", label: "Deposit" },
  { id: "account", label: "My account" },
  { id: "claims", label: "Claims" },
] as const;

/** What every screen of a circle gets. */
export interface CircleScreen {
  circle: Circle;
  unit: Unit;
  me?: Address;
  /** My record in the circle, settled now (undefined: I never asked to join, or no wallet). */
  mine?: Member;
  isBoard: boolean;
  actions: CommonfareActions;
  /** Chain time, ticking. */
  now?: number;
}

export function SolidarityPage({ route }: { route: string[] }) {
  const [id, screen = "circle"] = route;
  if (!id || !/^\d+$/.test(id)) return <CircleList />;
  return <CirclePage id={BigInt(id)} screen={screen} />;
}

function CirclePage({ id, screen }: { id: bigint; screen: string }) {
  const { address: me } = useWallet();
  const circle = useCircle(id);
  const token = useCurrency(circle.data?.rules.currency);
  const unit = token.data ? exactUnit(token.data) : undefined;
  const actions = useCommonfareWrites(unit);
  const mine = useMember(id, me);
  const now = useChainClock();
  const active = TABS.some((t) => t.id === screen) ? screen : "circle";

  if (circle.error) return <p className="error">Could not read the circle: {circle.error.message}</p>;
  if (circle.isLoading || (circle.data && !unit && !token.error)) return <p className="muted">Loading the circle…</p>;
  if (!circle.data)
    return (
      <p className="notice" data-testid="circle-missing">
        There is no circle #{id.toString()}. <a href={href("solidarity")}>See every circle.</a>
      </p>
    );
  if (!unit) return <p className="error">Could not read the circle's currency: {token.error?.message}</p>;
  const c = circle.data;
  const view: CircleScreen = {
    circle: c,
    unit,
    me,
    mine: mine.data ?? undefined,
    isBoard: c.board.some((b) => sameAddress(b, me)),
    actions,
    now,
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="solidarity-title">Solidarity circle #{c.id.toString()}</h1>
          <p className="muted">
            Members put money in their own accounts, up to a cap. When one cannot work, the others give it a monthly
            gift from their accounts, each in proportion to its level, for at most {formatInt(c.rules.maxGiftMonths)}{" "}
            months. What is never given stays yours: you take it all when you leave. The books are open.
          </p>
        </div>
        <dl className="facts" data-testid="circle-facts">
          <div>
            <dt>Members</dt>
            <dd>
              {formatInt(c.members)} · {formatInt(c.claimants)} claiming
            </dd>
          </div>
          <div>
            <dt>Pool</dt>
            <dd>
              <Money value={c.pool} unit={unit} testId="circle-pool" />
            </dd>
          </div>
          <div>
            <dt>Cover</dt>
            <dd data-testid="circle-cover">{monthsText(coverMonths(c.coverMonths1e2))}</dd>
          </div>
        </dl>
      </div>
      <Tabs tabs={TABS} active={active} href={(t) => href("solidarity", c.id, t)} testIdPrefix="solidarity-tab" />
      {mine.error && <p className="error">Could not read your account: {mine.error.message}</p>}
      {/* Keyed by the account: switching accounts starts every form afresh. */}
      {active === "circle" && <CircleBooks {...view} />}
      {active === "join" && <Join key={me} {...view} />}
      {active === "deposit" && <Deposit key={me} {...view} />}
      {active === "account" && <Account key={me} {...view} />}
      {active === "claims" && <Claims key={me} {...view} />}
    </>
  );
}

/** Every circle, by id, with its members, pool and cover. */
function CircleList() {
  const pages = useCirclePages();
  const rows = pages.items ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="solidarity-title">Solidarity circles</h1>
          <p className="muted">
            Groups of independent workers who carry each other through illness: each member saves in its own account,
            and the others' accounts give a monthly gift to whoever cannot work. No custodian, open books.
          </p>
        </div>
      </div>
      <section className="panel">
        <h2>Circles</h2>
        {pages.error && <p className="error">Could not read the circles: {pages.error.message}</p>}
        {pages.isLoading ? (
          <p className="muted">Loading the circles…</p>
        ) : rows.length === 0 ? (
          <p className="muted" data-testid="circles-empty">
            No circle has been founded yet.
          </p>
        ) : (
          <Table
            testId="circles"
            head={
              <>
                <th>Circle</th>
                <th>Founder</th>
                <th className="num">Members</th>
                <th className="num">Pool</th>
                <th>Cover</th>
              </>
            }
          >
            {rows.map((c) => (
              <CircleRow key={c.id.toString()} circle={c} />
            ))}
          </Table>
        )}
        <ShowMore pages={pages} testId="circles-more" />
      </section>
    </>
  );
}

function CircleRow({ circle: c }: { circle: Circle }) {
  const token = useCurrency(c.rules.currency);
  const unit = token.data ? exactUnit(token.data) : undefined;
  return (
    <tr data-testid={`circle-${c.id}`}>
      <td>
        <a href={href("solidarity", c.id, "circle")}>Circle #{c.id.toString()}</a>
      </td>
      <td>
        <Who address={c.founder} />
      </td>
      <td className="num">
        {formatInt(c.members)}
        {c.claimants > 0 && <div className="muted small">{formatInt(c.claimants)} claiming</div>}
      </td>
      <td className="num">{unit ? <Money value={c.pool} unit={unit} /> : "…"}</td>
      <td>{monthsText(coverMonths(c.coverMonths1e2))}</td>
    </tr>
  );
}
