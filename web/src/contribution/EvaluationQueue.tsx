// A project's evaluation queue: the pending contributions a member may score, and closing those whose window ended.
import { useState, type FormEvent } from "react";
import { keccak256, toBytes, zeroHash, type Address } from "viem";
import { SCORE_MAX } from "@cosmolocal/sdk";
import { MEMBER_ROLE } from "@cosmolocal/sdk";
import type { Contribution, Me, Project } from "./data";
import { formatDate, formatInt, sameAddress } from "../shared/format";
import { Evidence, kindName, windowOpen } from "./bits";
import { Who } from "../shared/Who";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { TextField } from "../shared/TextField";
import { formatCountdown, useChainClock } from "../shared/chainTime";

/**
 * Pending contributions of *other* members that `me` has not evaluated and whose window is open at chain time `now`
 * (none until chain time is known).
 */
export function evaluationQueue(pending: Contribution[], me: Me | undefined, now: number | undefined): Contribution[] {
  if (!me || (me.roles & MEMBER_ROLE) === 0 || now === undefined) return [];
  return pending
    .filter(
      (c) =>
        windowOpen(c, now) &&
        !sameAddress(c.contributor, me.account) &&
        !c.evaluations.some((e) => sameAddress(e.evaluator, me.account)),
    )
    .sort((a, b) => a.closesAt - b.closesAt);
}

export function EvaluationQueue({
  project,
  me,
  isMember,
  queue,
  pending,
}: {
  project: Project;
  me?: Address;
  isMember: boolean;
  /** The queue at the latest block's time; the screen drops what closes by the second since. */
  queue: Contribution[];
  /** Every pending contribution of the project. */
  pending: Contribution[];
}) {
  const now = useChainClock();
  const open = now === undefined ? [] : queue.filter((c) => windowOpen(c, now));
  const stale = now === undefined ? [] : pending.filter((c) => !windowOpen(c, now));
  return (
    <>
      <section className="panel">
        <h2>Evaluation queue</h2>
        <p className="muted small">
          Score other members&apos; work from 0 to {SCORE_MAX}. When {project.quorum} member
          {project.quorum === 1 ? " has" : "s have"} scored a contribution, it is accepted if the median score is at
          least {project.minScore}, and rejected otherwise. You never evaluate your own work.
        </p>
        <WalletGate action="evaluate contributions">
          {!isMember ? (
            <p className="notice">Only members evaluate. Ask a coordinator to add your address.</p>
          ) : open.length === 0 ? (
            <p className="muted" data-testid="queue-empty">
              Nothing is waiting for your evaluation.
            </p>
          ) : (
            <ul className="list">
              {open.map((c) => (
                <EvaluationItem key={c.id.toString()} c={c} project={project} me={me} now={now!} />
              ))}
            </ul>
          )}
        </WalletGate>
      </section>
      {stale.length > 0 && (
        <section className="panel">
          <h2>Windows closed without quorum</h2>
          <p className="muted small">
            These contributions can no longer be evaluated. Anyone may close them; they then count as expired.
          </p>
          <ul className="list">
            {stale.map((c) => (
              <ExpireItem key={c.id.toString()} c={c} project={project} me={me} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function EvaluationItem({ c, project, me, now }: { c: Contribution; project: Project; me?: Address; now: number }) {
  const actions = useContributionWrites();
  const [score, setScore] = useState("");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const weight = project.kinds.find((k) => k.id === c.kindId)?.weight ?? 0;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    const t = score.trim();
    if (!/^\d+$/.test(t) || Number(t) > SCORE_MAX) {
      setError(`Give a whole-number score from 0 to ${SCORE_MAX}.`);
      return;
    }
    if (comment.length > 1_000) {
      setError("Keep the comment under 1,000 characters.");
      return;
    }
    setError(undefined);
    setBusy(true);
    const outcome = await actions.evaluate(
      c.id,
      Number(t),
      comment.trim() ? keccak256(toBytes(comment.trim())) : zeroHash,
    );
    setBusy(false);
    if (!outcome.ok) setError(outcome.error);
  }

  return (
    <li className="list-item eval-item" data-testid={`evaluate-${c.id}`}>
      <div className="eval-body">
        <div>
          <strong>#{c.id.toString()}</strong> · <Who address={c.contributor} me={me} /> · {formatInt(c.quantity)} ×{" "}
          {kindName(project, c.kindId)}
        </div>
        <p className="evidence-block">
          <Evidence uri={c.evidenceURI} />
        </p>
        <div className="muted small">
          {c.evaluations.length} of {c.quorum} evaluations · window closes {formatDate(c.closesAt)}
          {c.closesAt > now && ` (in ${formatCountdown(c.closesAt, now)})`} · worth{" "}
          {formatInt(c.quantity * BigInt(weight))} points per score point
        </div>
      </div>
      <form className="eval-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={<>Score (0–{SCORE_MAX})</>}
          narrow
          value={score}
          onChange={setScore}
          inputMode="numeric"
          testId={`score-${c.id}`}
          aria-invalid={!!error}
        />
        <label className="field">
          <span>
            Comment <span className="muted">(optional, only its hash goes on chain)</span>
          </span>
          <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button className="btn" type="submit" disabled={busy} data-testid={`evaluate-btn-${c.id}`}>
          {busy ? "Working…" : "Evaluate"}
        </button>
        {error && <small className="error eval-error">{error}</small>}
      </form>
    </li>
  );
}

function ExpireItem({ c, project, me }: { c: Contribution; project: Project; me?: Address }) {
  const actions = useContributionWrites();
  const [busy, setBusy] = useState(false);
  return (
    <li className="list-item">
      <div>
        <strong>#{c.id.toString()}</strong> · <Who address={c.contributor} me={me} /> · {formatInt(c.quantity)} ×{" "}
        {kindName(project, c.kindId)} · {c.evaluations.length} of {c.quorum} evaluations · closed{" "}
        {formatDate(c.closesAt)}
      </div>
      <WalletGate action="close it">
        <button
          className="btn btn-small btn-ghost"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await actions.expire(c.id);
            setBusy(false);
          }}
        >
          Close as expired
        </button>
      </WalletGate>
    </li>
  );
}
