// Claims: reporting that I cannot work (naming a buddy, with an optional private note that is hashed here with a random
// salt — only the hash goes on chain; the note and its salt stay with me and my buddy), my claim as it stands (its
// confirmations, the months paid and due, the next month's date) with collecting its gifts, recovering or withdrawing
// it; the claims I may confirm (as buddy, or as a board member); and every claim of the circle, which anyone may end
// once its time is over.
import { useMemo, useState, type FormEvent } from "react";
import type { Address } from "viem";
import { AccountField, pickedAccount } from "../shared/AccountSelect";
import { useAct } from "../shared/act";
import { formatCountdown, useClockTargets } from "../shared/chainTime";
import { Figure } from "../shared/Figure";
import { formatDate, formatInt, sameAddress } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { ShowMore } from "../shared/ShowMore";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { Who } from "../shared/Who";
import { ClaimBadge, Money } from "./bits";
import { IN_CIRCLE, useClaimPages, useMemberPages, type Claim, type ClaimFilter } from "./data";
import { newSalt, noteHashOf } from "./note";
import { claimSchedule, confirmAs, confirmationsMissing, inCircle, reportRefusal } from "./rules";
import type { CircleScreen } from "./SolidarityPage";

export function Claims(view: CircleScreen) {
  const { me } = view;
  return (
    <>
      <section className="panel">
        <h2>My claim</h2>
        <WalletGate action="report or follow your claim">{me && <MyClaim {...view} me={me} />}</WalletGate>
      </section>
      {me && <ToConfirm {...view} me={me} />}
      <AllClaims {...view} />
    </>
  );
}

function MyClaim(view: CircleScreen & { me: Address }) {
  const { circle: c, me, mine } = view;
  const latest = useClaimPages(c.id, { claimant: me }, !!mine);
  if (!mine || !inCircle(mine))
    return (
      <p className="notice" data-testid="claim-not-member">
        Only the circle's members report claims: ask to join first.
      </p>
    );
  const open = latest.items?.find((cl) => cl.id === mine.openClaimId);
  if (mine.openClaimId !== undefined)
    return open ? <OpenClaim {...view} claim={open} /> : <p className="muted">Loading your claim…</p>;
  return <ReportForm {...view} />;
}

function ReportForm({ circle: c, me, mine, actions, now }: CircleScreen & { me: Address }) {
  const members = useMemberPages(c.id, { statuses: IN_CIRCLE });
  const others = useMemo(() => (members.items ?? []).filter((m) => !sameAddress(m.account, me)), [members.items, me]);
  const [buddy, setBuddy] = useState("");
  const [note, setNote] = useState("");
  const [salt, setSalt] = useState(newSalt);
  const picked = pickedAccount(buddy, "Choose your buddy: the member who keeps in touch and confirms your claim.");
  const buddyAddress = "value" in picked ? picked.value : undefined;
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt } = useOutcome({
    buddy: "error" in picked ? picked.error : undefined,
  });
  const buddyRecord = others.find((m) => sameAddress(m.account, buddyAddress));
  const refusal =
    now === undefined ? undefined : reportRefusal(c, me, mine, buddyAddress, buddyRecord ?? undefined, now);
  const hash = noteHashOf(salt, note);

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !buddyAddress) return;
    setBusy(true);
    const out = await actions.reportClaim(c.id, buddyAddress, hash);
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setDone("Reported: your buddy and the board now confirm it.");
    setSalt(newSalt());
  }

  return (
    <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="report-form">
      <p className="muted small">
        If you cannot work, report it here. Nothing on chain says why: at most the hash of a note you keep. Your buddy
        and {formatInt(c.rules.boardConfirmations)} board {c.rules.boardConfirmations === 1 ? "member" : "members"}{" "}
        confirm it; then you collect your level's benefit each month, for at most {formatInt(c.rules.maxGiftMonths)}{" "}
        months.
      </p>
      <AccountField
        label="My buddy"
        value={buddy}
        onChange={edited(setBuddy, "buddy")}
        accounts={others.map((m) => m.account)}
        placeholder="Choose a member"
        testId="report-buddy"
        error={problems.buddy}
      />
      <label className="field">
        <span>Private note (optional: only its hash goes on chain)</span>
        <textarea value={note} onChange={(e) => edited(setNote)(e.target.value)} rows={3} data-testid="report-note" />
      </label>
      {note.trim() !== "" && (
        <p className="small" data-testid="report-hash">
          On chain:{" "}
          <code data-hash title={hash}>
            {hash}
          </code>
          . Keep the note with this salt, to show your buddy that it is the note you reported:{" "}
          <code data-hash data-testid="report-salt" data-salt={salt}>
            {salt}
          </code>
        </p>
      )}
      <Submit testId="report-submit" busy={busy} blocked={refusal && actions.refusal(refusal)}>
        Report that I cannot work
      </Submit>
      <Outcome testId="report" error={error} done={done} />
    </form>
  );
}

function OpenClaim({ circle: c, unit, me, actions, now, claim }: CircleScreen & { me: Address; claim: Claim }) {
  const { busy, error, act } = useAct();
  const schedule = claimSchedule(claim, now ?? 0);
  const missing = confirmationsMissing(claim, c.rules);
  const running = claim.state === "Running";
  useClockTargets(
    running && schedule.nextMonthAt > 0
      ? [{ label: "to my next gift month", at: schedule.nextMonthAt, testId: "clock-next-month" }]
      : [],
  );
  return (
    <div data-testid="my-claim">
      <p>
        Claim #{claim.id.toString()} <ClaimBadge claim={claim} /> · buddy <Who address={claim.buddy} me={me} />
      </p>
      <dl className="figures figures-wide" data-testid="my-claim-figures">
        <Figure label="Monthly gift" testId="my-claim-benefit">
          <Money value={claim.benefit} unit={unit} />
        </Figure>
        <Figure label="Confirmations" testId="my-claim-confirmations">
          {claim.buddyConfirmed ? "buddy ✓" : "buddy —"} · board {formatInt(claim.boardConfirmations)} of{" "}
          {formatInt(c.rules.boardConfirmations)}
        </Figure>
        <Figure label="Months paid" testId="my-claim-paid">
          {formatInt(claim.monthsPaid)} of at most {formatInt(claim.maxMonths)}
        </Figure>
        <Figure label="Received" testId="my-claim-received">
          <Money value={claim.received} unit={unit} />
        </Figure>
        <Figure label="Months due now" testId="my-claim-due">
          {formatInt(schedule.due)}
        </Figure>
        <Figure label="Next month begins" testId="my-claim-next">
          {running
            ? schedule.nextMonthAt > 0
              ? `${formatDate(schedule.nextMonthAt)}${now !== undefined ? ` (in ${formatCountdown(schedule.nextMonthAt, now)})` : ""}`
              : "every month has begun"
            : "when the claim starts"}
        </Figure>
      </dl>
      {!running && (
        <p className="muted small" data-testid="my-claim-waiting">
          Waiting for {missing.buddy ? "your buddy's confirmation" : ""}
          {missing.buddy && missing.board > 0 ? " and " : ""}
          {missing.board > 0
            ? `${formatInt(missing.board)} board ${missing.board === 1 ? "member's" : "members'"} confirmation`
            : ""}
          . Your gifts start once it has them.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn"
          disabled={!!busy}
          onClick={() => void act("collect", () => actions.collectGift(c.id, schedule.due))}
          data-testid="claim-collect"
        >
          {schedule.due > 0
            ? `Collect ${formatInt(schedule.due)} ${schedule.due === 1 ? "month" : "months"}`
            : "Collect my gifts"}
        </button>
        {running && (
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!!busy}
            onClick={() => void act("recover", () => actions.recover(c.id))}
            data-testid="claim-recover"
          >
            I can work again
          </button>
        )}
        {claim.state === "Reported" && (
          <button
            type="button"
            className="btn btn-ghost"
            disabled={!!busy}
            onClick={() => void act("withdraw", () => actions.withdrawClaim(c.id))}
            data-testid="claim-withdraw"
          >
            Withdraw my claim
          </button>
        )}
      </div>
      {error && (
        <p className="error small" data-testid="claim-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The claims waiting for my confirmation: as their buddy, or (a board member) every waiting claim. */
function ToConfirm(view: CircleScreen & { me: Address }) {
  const { circle: c, me, isBoard } = view;
  const filter: ClaimFilter = isBoard ? { states: ["Reported"] } : { states: ["Reported"], buddy: me };
  const pages = useClaimPages(c.id, filter);
  const rows = (pages.items ?? []).filter((cl) => !sameAddress(cl.claimant, me));
  if (!pages.data || rows.length === 0) return null;
  return (
    <section className="panel">
      <h2>Claims to confirm</h2>
      <p className="muted small">
        Confirm a claim once you know the member cannot work: as its buddy, or as a board member. Its gifts start once
        its buddy and {formatInt(c.rules.boardConfirmations)} board{" "}
        {c.rules.boardConfirmations === 1 ? "member have" : "members have"} confirmed it.
      </p>
      <Table
        testId="to-confirm"
        head={
          <>
            <th>Claim</th>
            <th>Claimant</th>
            <th>Buddy</th>
            <th>Confirmations</th>
            <th>Confirm</th>
          </>
        }
      >
        {rows.map((cl) => (
          <ConfirmRow key={cl.id.toString()} claim={cl} view={view} />
        ))}
      </Table>
      <ShowMore pages={pages} testId="to-confirm-more" />
    </section>
  );
}

function ConfirmRow({ claim: cl, view }: { claim: Claim; view: CircleScreen & { me: Address } }) {
  const { circle: c, me, mine, isBoard, actions } = view;
  const { busy, error, act } = useAct();
  const how = confirmAs(cl, me, mine, isBoard);
  return (
    <tr data-testid={`confirm-${cl.id}`}>
      <td>#{cl.id.toString()}</td>
      <td>
        <Who address={cl.claimant} me={me} />
      </td>
      <td>
        <Who address={cl.buddy} me={me} />
      </td>
      <td className="small">
        {cl.buddyConfirmed ? "buddy ✓" : "buddy —"} · board {formatInt(cl.boardConfirmations)} of{" "}
        {formatInt(c.rules.boardConfirmations)}
      </td>
      <td>
        {"as" in how ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={!!busy}
            onClick={() => void act("confirm", () => actions.confirmClaim(c.id, cl.claimant, how.as))}
            data-testid={`confirm-${cl.id}-send`}
          >
            Confirm as {how.as === "buddy" ? "buddy" : "board member"}
          </button>
        ) : (
          <span className="muted small" data-testid={`confirm-${cl.id}-blocked`}>
            {actions.refusal(how.refusal)}
          </span>
        )}
        {error && <div className="error small">{error}</div>}
      </td>
    </tr>
  );
}

function AllClaims(view: CircleScreen) {
  const { circle: c, unit, me, actions, now } = view;
  const pages = useClaimPages(c.id, {});
  const { busy, error, act } = useAct();
  const rows = pages.items ?? [];
  return (
    <section className="panel">
      <h2>Every claim</h2>
      {pages.error && <p className="error">Could not read the claims: {pages.error.message}</p>}
      {pages.isLoading ? (
        <p className="muted">Loading the claims…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="claims-empty">
          No claim yet.
        </p>
      ) : (
        <Table
          testId="claims"
          head={
            <>
              <th>Claim</th>
              <th>Claimant</th>
              <th>State</th>
              <th className="num">Monthly gift</th>
              <th>Months paid</th>
              <th className="num">Received</th>
              <th>Dates</th>
            </>
          }
        >
          {rows.map((cl) => {
            const s = claimSchedule(cl, now ?? 0);
            const over = cl.state === "Running" && now !== undefined && now >= s.endsAt;
            return (
              <tr key={cl.id.toString()} data-testid={`claim-${cl.id}`}>
                <td>#{cl.id.toString()}</td>
                <td>
                  <Who address={cl.claimant} me={me} />
                  <div className="small muted">
                    buddy <Who address={cl.buddy} me={me} />
                  </div>
                </td>
                <td>
                  <ClaimBadge claim={cl} />
                </td>
                <td className="num">
                  <Money value={cl.benefit} unit={unit} />
                </td>
                <td>
                  {formatInt(cl.monthsPaid)} of {formatInt(cl.maxMonths)}
                </td>
                <td className="num">
                  <Money value={cl.received} unit={unit} testId="claim-received" />
                </td>
                <td className="small">
                  <div>Reported {formatDate(cl.reportedAt)}</div>
                  {cl.startedAt > 0 && <div>Started {formatDate(cl.startedAt)}</div>}
                  {cl.endedAt !== undefined && (
                    <div>
                      {cl.state === "Withdrawn" ? "Withdrawn" : "Ended"} {formatDate(cl.endedAt)}
                    </div>
                  )}
                  {over && (
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      disabled={!!busy}
                      onClick={() => void act(cl.id.toString(), () => actions.endClaim(c.id, cl.claimant))}
                      data-testid={`claim-${cl.id}-end`}
                    >
                      End it (its time is over)
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      {error && <p className="error small">{error}</p>}
      <ShowMore pages={pages} testId="claims-more" />
    </section>
  );
}
