// A circle's open books, public: its money (pool, burn, months of cover, what came in and went out, the rounding the
// pool holds), the cover over time, every member's own account as a bar and in a table (level, balance, arrears,
// deposited, gifted to others, received), its levels and its rules and board. A board member removes a member in
// arrears from here (its arrears are written off, taken from the others pro rata).
import { useAct } from "../shared/act";
import { formatDuration, formatInt } from "../shared/format";
import { Figure } from "../shared/Figure";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { BalanceBars, Money, StandingBadge } from "./bits";
import { CoverChart, monthsText } from "./CoverChart";
import { IN_CIRCLE, useCoverHistory, useMemberPages, type Member } from "./data";
import { levelName } from "./errors";
import { coverMonths } from "./math";
import type { CircleScreen } from "./SolidarityPage";

export function CircleBooks(view: CircleScreen) {
  const { circle: c, unit, me } = view;
  const pages = useMemberPages(c.id, { statuses: IN_CIRCLE });
  const cover = useCoverHistory(c.id);
  const members = pages.items ?? [];
  const complete = !!pages.data && !pages.hasNextPage;
  // The pool less every account: what the rounding up of each share keeps in the pool (never negative, CF-1).
  const held = complete ? c.pool - members.reduce((sum, m) => sum + m.balance, 0n) : undefined;
  const byLevel = (level: number) => members.filter((m) => m.level === level).length;
  return (
    <>
      <section className="panel">
        <h2>Open books</h2>
        <dl className="figures figures-wide" data-testid="circle-books">
          <Figure label="Pool" title="The circle's money the contract holds" testId="books-pool">
            <Money value={c.pool} unit={unit} />
          </Figure>
          <Figure label="Burn" title="The monthly gifts of the running claims" testId="books-burn">
            <Money value={c.burn} unit={unit} /> a month
          </Figure>
          <Figure label="Months of cover" title="The pool divided by the burn" testId="books-cover">
            {monthsText(coverMonths(c.coverMonths1e2))}
          </Figure>
          <Figure label="Members" testId="books-members">
            {formatInt(c.members)} ({formatInt(c.claimants)} claiming, {formatInt(c.candidates)} asking to join)
          </Figure>
          <Figure label="Deposited" testId="books-deposited">
            <Money value={c.deposited} unit={unit} />
          </Figure>
          <Figure label="Withdrawn" testId="books-withdrawn">
            <Money value={c.withdrawn} unit={unit} />
          </Figure>
          <Figure label="Paid to leavers" testId="books-left">
            <Money value={c.paidOnLeaving} unit={unit} />
          </Figure>
          <Figure label="Gifts paid" testId="books-gifts">
            <Money value={c.giftsPaid} unit={unit} />
          </Figure>
          <Figure label="Arrears written off" testId="books-written-off">
            <Money value={c.writtenOff} unit={unit} />
          </Figure>
          {held !== undefined && (
            <Figure
              label="Rounding held"
              title="Each share of a gift is rounded up to the currency's smallest unit: the pool keeps the difference"
              testId="books-rounding"
            >
              <Money value={held} unit={unit} />
            </Figure>
          )}
        </dl>
      </section>
      <section className="panel">
        <h2>Months of cover over time</h2>
        <p className="muted small">
          How many months of the running claims' gifts the pool could pay, after each deposit, withdrawal, gift and
          claim. Shaded: no claim was running.
        </p>
        {cover.error && <p className="error">Could not read the circle's history: {cover.error.message}</p>}
        {cover.data && view.now !== undefined ? (
          <CoverChart points={cover.data.points} now={view.now} unit={unit} older={cover.data.older} />
        ) : (
          !cover.error && <p className="muted">Loading the history…</p>
        )}
      </section>
      <section className="panel">
        <h2>Members' own accounts</h2>
        {pages.error && <p className="error">Could not read the members: {pages.error.message}</p>}
        {pages.isLoading ? (
          <p className="muted">Loading the members…</p>
        ) : members.length === 0 ? (
          <p className="muted">No member yet.</p>
        ) : (
          <>
            <BalanceBars members={members} unit={unit} me={me} />
            <MemberTable members={members} view={view} />
          </>
        )}
        <ShowMore pages={pages} testId="members-more" />
      </section>
      <section className="panel">
        <h2>Levels</h2>
        <Table
          testId="levels"
          head={
            <>
              <th>Level</th>
              <th className="num">Deposit a month</th>
              <th className="num">Benefit a month</th>
              <th className="num">Cap</th>
              <th className="num">Floor</th>
              {complete && <th className="num">Members</th>}
            </>
          }
        >
          {c.levels.map((l, i) => (
            <tr key={i} data-testid={`level-${i}`}>
              <td>{levelName(i)}</td>
              <td className="num">
                <Money value={l.monthlyDeposit} unit={unit} />
              </td>
              <td className="num">
                <Money value={l.monthlyBenefit} unit={unit} />
              </td>
              <td className="num">
                <Money value={l.monthlyDeposit * BigInt(c.rules.capMonths)} unit={unit} />
              </td>
              <td className="num">
                <Money value={l.monthlyDeposit * BigInt(c.rules.floorMonths)} unit={unit} />
              </td>
              {complete && <td className="num">{formatInt(byLevel(i))}</td>}
            </tr>
          ))}
        </Table>
      </section>
      <section className="panel">
        <h2>Board and rules</h2>
        <ul className="list" data-testid="board">
          {c.board.map((b) => (
            <li key={b} className="list-item">
              <Who address={b} me={me} />
            </li>
          ))}
        </ul>
        <ul className="small" data-testid="rules">
          <li>
            An account holds at most {formatInt(c.rules.capMonths)} monthly deposits; a withdrawal leaves at least{" "}
            {formatInt(c.rules.floorMonths)}.
          </li>
          <li>
            A claim receives at most {formatInt(c.rules.maxGiftMonths)} months of gifts, once its buddy and{" "}
            {formatInt(c.rules.boardConfirmations)} board {c.rules.boardConfirmations === 1 ? "member" : "members"}{" "}
            confirmed it; claims may be reported while the circle has at least {formatInt(c.rules.minMembers)} members.
          </li>
          <li>
            A new member (or one who raised its level) waits {formatDuration(c.rules.waitingPeriod)} before it may
            report a claim; a level changes at most once every {formatDuration(c.rules.levelChangeGap)}.
          </li>
          <li>
            {formatInt(c.rules.admissionVotes)} members' approvals (or one board member's) admit a candidate; the circle
            takes at most {formatInt(c.rules.maxMembers)} members.
          </li>
        </ul>
      </section>
    </>
  );
}

function MemberTable({ members, view }: { members: Member[]; view: CircleScreen }) {
  const { unit, me, isBoard, actions, circle } = view;
  const { busy, error, act } = useAct();
  return (
    <>
      <Table
        testId="members"
        head={
          <>
            <th>Member</th>
            <th>Level</th>
            <th className="num">Balance</th>
            <th className="num">Arrears</th>
            <th className="num">Deposited</th>
            <th className="num">Gifted to others</th>
            <th className="num">Received</th>
            {isBoard && <th>Board</th>}
          </>
        }
      >
        {members.map((m) => (
          <tr key={m.account} data-testid={`member-${m.account}`}>
            <td>
              <Who address={m.account} me={me} /> <StandingBadge member={m} />
            </td>
            <td>{levelName(m.level)}</td>
            <td className="num">
              <Money value={m.balance} unit={unit} testId="member-balance" />
            </td>
            <td className={`num${m.arrears > 0n ? " neg" : ""}`}>
              <Money value={m.arrears} unit={unit} testId="member-arrears" />
            </td>
            <td className="num">
              <Money value={m.deposited} unit={unit} testId="member-deposited" />
            </td>
            <td className="num">
              <Money value={m.gifted} unit={unit} testId="member-gifted" />
            </td>
            <td className="num">
              <Money value={m.received} unit={unit} testId="member-received" />
            </td>
            {isBoard && (
              <td>
                {m.arrears > 0n && m.status === "Member" ? (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    disabled={!!busy}
                    onClick={() => void act(m.account, () => actions.removeInArrears(circle.id, m.account, m.arrears))}
                    data-testid={`remove-${m.account}`}
                  >
                    Remove (write off)
                  </button>
                ) : (
                  <span className="muted small">—</span>
                )}
              </td>
            )}
          </tr>
        ))}
      </Table>
      {error && (
        <p className="error small" data-testid="members-error">
          {error}
        </p>
      )}
    </>
  );
}
