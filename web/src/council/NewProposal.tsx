// The form of a new council proposal: it opens on a choice of action; then a list of actions, each of a kind from the
// action registry (edited by the kind's own editor, parsed into calls), previewed in plain words, then proposed.
import { useState, type FormEvent } from "react";
import { WalletGate } from "../shared/gate";
import { formatDate } from "../shared/format";
import { navigate } from "../shared/router";
import { ACTIONS } from "./actions";
import { earliestExecution, type ActionDraft, type Call, type Parsed } from "./actions/action";
import type { CouncilView } from "./CouncilPage";
import type { CouncilCall } from "./writes";

export function NewProposal(view: CouncilView) {
  const { c, ctx, isMember, actions } = view;
  const earliest = earliestExecution(c);
  // The form starts empty, on a choice of action; each action's problems show once it is edited or on Propose.
  const [drafts, setDrafts] = useState<ActionDraft[]>([]);
  const [edited, setEdited] = useState<boolean[]>([]);
  const [tried, setTried] = useState(false);
  const [addKind, setAddKind] = useState(ACTIONS[0]?.kind ?? "");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // Each action is parsed after the calls of the actions before it.
  let before: Call[] = [];
  const parsed: Parsed<CouncilCall[]>[] = drafts.map((d) => {
    const out = d.parse({ ...ctx, before });
    if ("value" in out) before = [...before, ...out.value];
    return out;
  });
  const calls = parsed.flatMap((p) => ("value" in p ? p.value : []));
  const problemOf = parsed.map((p) => ("error" in p ? p.error : undefined));
  const problems = problemOf.filter((e) => e !== undefined);
  // Each action's problem shows under it once tried: the line by Propose only points there, so it is said once.
  const pointer =
    tried && problems.length
      ? problems.length === 1
        ? "Fix the action marked above."
        : `Fix the ${problems.length} actions marked above.`
      : undefined;

  function add(kind: string) {
    const chosen = ACTIONS.find((a) => a.kind === kind);
    if (!chosen) return;
    setDrafts((ds) => [...ds, chosen.start(ctx)]);
    setEdited((es) => [...es, false]);
    setError(undefined);
  }

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setTried(true);
    if (drafts.length === 0) return setError("Add at least one action.");
    if (problems.length) return;
    const text = description.trim() || calls.map((x) => x.summary).join("; ");
    setError(undefined);
    setBusy(true);
    const outcome = await actions.propose(calls, text);
    setBusy(false);
    if (outcome.ok) navigate("council", "proposals");
    else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>New proposal</h2>
      <p className="muted small">
        One proposal may hold several actions; they run together, in order, once it passes and the timelock delay has
        passed. If it were proposed now, voting would open {formatDate(c.time + c.votingDelay)}, close{" "}
        {formatDate(c.time + c.votingDelay + c.votingPeriod)}, and the earliest execution would be{" "}
        {formatDate(earliest)} (chain time).
      </p>
      <WalletGate action="make a proposal">
        {!isMember ? (
          <p className="notice">Only seated council members propose. Ask a member to propose it for you.</p>
        ) : (
          <form className="form" onSubmit={onSubmit} noValidate>
            {drafts.map((d, i) => (
              <fieldset key={i} className="fieldset" data-testid={`action-${i}`}>
                <legend>
                  {i + 1}. {d.label}{" "}
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => {
                      setDrafts((ds) => ds.filter((_, j) => j !== i));
                      setEdited((es) => es.filter((_, j) => j !== i));
                    }}
                  >
                    Remove
                  </button>
                </legend>
                {d.editor(ctx, (next) => {
                  setDrafts((ds) => ds.map((x, j) => (j === i ? next : x)));
                  setEdited((es) => es.map((x, j) => x || j === i));
                  setError(undefined);
                })}
                {problemOf[i] && (tried || edited[i]) && <p className="error small">{problemOf[i]}</p>}
              </fieldset>
            ))}
            {drafts.length === 0 ? (
              <fieldset className="fieldset" data-testid="action-choice">
                <legend>What should the council decide?</legend>
                <div className="choices">
                  {ACTIONS.map((a) => (
                    <button
                      key={a.kind}
                      type="button"
                      className="btn btn-ghost choice"
                      data-testid={`action-choose-${a.kind}`}
                      onClick={() => add(a.kind)}
                    >
                      {a.label}
                    </button>
                  ))}
                </div>
              </fieldset>
            ) : (
              <div className="row">
                <label className="field">
                  <span>Add another action</span>
                  <select value={addKind} onChange={(e) => setAddKind(e.target.value)} data-testid="action-kind">
                    {ACTIONS.map((a) => (
                      <option key={a.kind} value={a.kind}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  className="btn btn-secondary align-end"
                  data-testid="action-add"
                  onClick={() => add(addKind)}
                >
                  Add
                </button>
              </div>
            )}
            {calls.length > 0 && (
              <div className="route" data-testid="proposal-preview">
                <strong>In plain words:</strong>
                <ol className="calls">
                  {calls.map((x, i) => (
                    <li key={i}>{x.summary}</li>
                  ))}
                </ol>
              </div>
            )}
            <label className="field">
              <span>Description (what the council votes on; the plain words above if left empty)</span>
              <textarea
                rows={2}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
                data-testid="proposal-description-input"
              />
            </label>
            {(error ?? pointer) && (
              <p className="error small" data-testid="propose-error">
                {error ?? pointer}
              </p>
            )}
            <button className="btn" type="submit" disabled={busy} data-testid="propose-submit">
              {busy ? "Proposing…" : "Propose"}
            </button>
          </form>
        )}
      </WalletGate>
    </section>
  );
}
