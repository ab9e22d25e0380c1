// Joining a circle: ask to join at a level (what you deposit each month, and what you receive each month you cannot
// work), or see where your request stands and withdraw it; and the candidates waiting, each approved by the members
// (enough approvals admit it) or at once by a board member. A button the contract would refuse says why, worded as
// the refusal.
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useAct } from "../shared/act";
import { formatDate, formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { ShowMore } from "../shared/ShowMore";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { levelText, Money } from "./bits";
import { useMemberPages, type Member } from "./data";
import { levelName } from "./errors";
import { approveRefusal, inCircle } from "./rules";
import type { CircleScreen } from "./SolidarityPage";

export function Join(view: CircleScreen) {
  const { me } = view;
  return (
    <>
      <section className="panel">
        <h2>Join the circle</h2>
        <WalletGate action="ask to join">{me && <JoinForm {...view} me={me} />}</WalletGate>
      </section>
      <Candidates {...view} />
    </>
  );
}

function JoinForm({ circle: c, unit, mine, actions }: CircleScreen & { me: Address }) {
  const [level, setLevel] = useState(0);
  const { error, setError, busy, setBusy, done, setDone } = useOutcome();
  const withdraw = useAct();
  if (inCircle(mine))
    return (
      <p className="notice" data-testid="join-member">
        You are a member of this circle, at {levelName(mine!.level)}.
      </p>
    );
  if (mine?.status === "Candidate")
    return (
      <div data-testid="join-pending">
        <p>
          You asked to join at {levelName(mine.level)} on {formatDate(mine.candidacy?.requestedAt ?? 0)}:{" "}
          {formatInt(mine.candidacy?.approvals ?? 0)} of the {formatInt(c.rules.admissionVotes)} members' approvals that
          admit you (a board member's approval admits you at once).
        </p>
        <div className="actions">
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={!!withdraw.busy}
            onClick={() => void withdraw.act("withdraw", () => actions.withdrawCandidacy(c.id))}
            data-testid="join-withdraw"
          >
            Withdraw my request
          </button>
        </div>
        <Outcome testId="join-withdraw" error={withdraw.error} />
      </div>
    );

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    const out = await actions.requestJoin(c.id, level);
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setDone("Asked: the members (or a board member) will now consider your request.");
  }
  const l = c.levels[level];
  return (
    <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="join-form">
      <p className="muted small">
        {mine?.removed
          ? "The board removed you from this circle in arrears; you may ask to join again."
          : mine && mine.memberships > 0
            ? "You left this circle; you may ask to join again."
            : "Choose the level you can keep up: its monthly deposit goes into your own account, and its benefit is what the others give you each month you cannot work."}
      </p>
      <label className="field">
        <span>Level</span>
        <select value={level} onChange={(e) => setLevel(Number(e.target.value))} data-testid="join-level">
          {c.levels.map((x, i) => (
            <option key={i} value={i}>
              {levelText(i, x, unit)}
            </option>
          ))}
        </select>
      </label>
      <p className="small" data-testid="join-terms">
        Your account holds at most <Money value={l.monthlyDeposit * BigInt(c.rules.capMonths)} unit={unit} /> (
        {formatInt(c.rules.capMonths)} deposits) and a withdrawal leaves{" "}
        <Money value={l.monthlyDeposit * BigInt(c.rules.floorMonths)} unit={unit} /> in it. You may report a claim{" "}
        {Math.round(c.rules.waitingPeriod / 86_400)} days after you are admitted.
      </p>
      <Submit testId="join-submit" busy={busy}>
        Ask to join
      </Submit>
      <Outcome testId="join" error={error} done={done} />
    </form>
  );
}

/** The candidates waiting, with their approvals, and an Approve button for the members and the board. */
function Candidates(view: CircleScreen) {
  const { circle: c, me } = view;
  const pages = useMemberPages(c.id, { statuses: ["Candidate"] });
  const rows = pages.items ?? [];
  return (
    <section className="panel">
      <h2>Asking to join</h2>
      <p className="muted small">
        {formatInt(c.rules.admissionVotes)} members' approvals admit a candidate; a board member's approval admits it at
        once.
      </p>
      {pages.error && <p className="error">Could not read the candidates: {pages.error.message}</p>}
      {pages.isLoading ? (
        <p className="muted">Loading the candidates…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="candidates-empty">
          Nobody is asking to join.
        </p>
      ) : (
        <Table
          testId="candidates"
          head={
            <>
              <th>Candidate</th>
              <th>Level</th>
              <th>Asked</th>
              <th>Approved by</th>
              {me && <th>Approve</th>}
            </>
          }
        >
          {rows.map((m) => (
            <CandidateRow key={m.account} candidate={m} view={view} />
          ))}
        </Table>
      )}
      <ShowMore pages={pages} testId="candidates-more" />
    </section>
  );
}

function CandidateRow({ candidate: m, view }: { candidate: Member; view: CircleScreen }) {
  const { circle: c, me, mine, isBoard, actions } = view;
  const { busy, error, act } = useAct();
  const refusal = me ? approveRefusal(c, me, mine, isBoard, m) : undefined;
  return (
    <tr data-testid={`candidate-${m.account}`}>
      <td>
        <Who address={m.account} me={me} />
      </td>
      <td>{levelName(m.level)}</td>
      <td className="small">{m.candidacy ? formatDate(m.candidacy.requestedAt) : "—"}</td>
      <td className="small">
        {formatInt(m.candidacy?.approvals ?? 0)} of {formatInt(c.rules.admissionVotes)}
        {(m.candidacy?.approvers.length ?? 0) > 0 && (
          <div>
            {m.candidacy!.approvers.map((a) => (
              <Who key={a} address={a} me={me} />
            ))}
          </div>
        )}
      </td>
      {me && (
        <td>
          <button
            type="button"
            className="btn btn-small"
            disabled={!!busy || !!refusal}
            title={refusal ? actions.refusal(refusal) : undefined}
            onClick={() => void act("approve", () => actions.approveCandidate(c.id, m.account))}
            data-testid={`approve-${m.account}`}
          >
            {isBoard ? "Admit (board)" : "Approve"}
          </button>
          {refusal && (
            <div className="muted small" data-testid={`approve-${m.account}-blocked`}>
              {actions.refusal(refusal)}
            </div>
          )}
          {error && <div className="error small">{error}</div>}
        </td>
      )}
    </tr>
  );
}
