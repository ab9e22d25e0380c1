// The form that creates a contribution project: its name, evaluation policy and kinds of contribution.
import { useState, type FormEvent } from "react";
import { parseEventLogs } from "viem";
import { contributionLedgerAbi, MAX_QUORUM, SCORE_MAX } from "@cosmolocal/sdk";
import { formatInt } from "../shared/format";
import { href, navigate } from "../shared/router";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { TextField } from "../shared/TextField";

const MAX_WEIGHT = 1_000_000;

interface KindRow {
  name: string;
  weight: string;
}

export function CreateProject() {
  const actions = useContributionWrites();
  const [name, setName] = useState("");
  const [metadataURI, setMetadataURI] = useState("");
  const [quorum, setQuorum] = useState("2");
  const [windowDays, setWindowDays] = useState("7");
  const [minScore, setMinScore] = useState("5");
  const [kinds, setKinds] = useState<KindRow[]>([{ name: "", weight: "10" }]);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  function validate(): string[] {
    const e: string[] = [];
    if (!name.trim()) e.push("Give the project a name.");
    if (!/^\d+$/.test(quorum) || +quorum < 1 || +quorum > MAX_QUORUM)
      e.push(`The quorum must be a whole number of evaluations from 1 to ${MAX_QUORUM}.`);
    const days = Number(windowDays);
    if (!Number.isFinite(days) || days * 24 < 1 || days > 365)
      e.push("The evaluation window must be between 1 hour (0.042 days) and 365 days.");
    if (!/^\d+$/.test(minScore) || +minScore < 1 || +minScore > SCORE_MAX)
      e.push(`The minimum median score must be from 1 to ${SCORE_MAX}.`);
    const filled = kinds.filter((k) => k.name.trim() || k.weight.trim());
    if (filled.length === 0) e.push("Add at least one kind of contribution, so members can record work.");
    filled.forEach((k, i) => {
      if (!k.name.trim()) e.push(`Kind ${i + 1} needs a name.`);
      if (!/^\d+$/.test(k.weight.trim()) || +k.weight < 1 || +k.weight > MAX_WEIGHT)
        e.push(`Kind ${i + 1}: the weight must be a whole number from 1 to ${formatInt(MAX_WEIGHT)}.`);
    });
    return e;
  }

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (e.length) return;
    setBusy(true);
    const outcome = await actions.createProject(
      name.trim(),
      metadataURI.trim(),
      { quorum: Number(quorum), evaluationWindow: Math.round(Number(windowDays) * 86400), minScore: Number(minScore) },
      kinds.filter((k) => k.name.trim()).map((k) => ({ name: k.name.trim(), weight: Number(k.weight) })),
    );
    setBusy(false);
    if (outcome.ok && outcome.receipt) {
      const [created] = parseEventLogs({
        abi: contributionLedgerAbi,
        eventName: "ProjectCreated",
        logs: outcome.receipt.logs,
      });
      if (created) navigate("project", created.args.projectId, "members");
    } else if (outcome.error) setErrors([outcome.error]);
  }

  return (
    <>
      <nav className="crumbs">
        <a href={href()}>Projects</a> / <span>New project</span>
      </nav>
      <section className="panel narrow">
        <h1>Start a project</h1>
        <p className="muted">
          You become its coordinator and first member. Then add members; they record work, evaluate each other, and
          share income by points.
        </p>
        <WalletGate action="start a project">
          <form className="form" onSubmit={onSubmit} noValidate>
            <TextField
              label="Name"
              value={name}
              onChange={setName}
              placeholder="Open Hardware Lab"
              testId="project-name-input"
            />
            <label className="field">
              <span>
                Description link <span className="muted">(optional)</span>
              </span>
              <input
                value={metadataURI}
                onChange={(e) => setMetadataURI(e.target.value)}
                placeholder="ipfs://… or https://…"
              />
            </label>
            <div className="row">
              <TextField label="Evaluations needed (quorum)" value={quorum} onChange={setQuorum} inputMode="numeric" />
              <TextField
                label="Evaluation window (days)"
                value={windowDays}
                onChange={setWindowDays}
                inputMode="decimal"
              />
              <TextField
                label={<>Minimum median score (1–{SCORE_MAX})</>}
                value={minScore}
                onChange={setMinScore}
                inputMode="numeric"
              />
            </div>
            <fieldset className="fieldset">
              <legend>Kinds of contribution</legend>
              {kinds.map((k, i) => (
                <div className="row" key={i}>
                  <label className="field">
                    <span>Name (with unit)</span>
                    <input
                      value={k.name}
                      onChange={(e) => setKinds(kinds.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                      placeholder="Design (hours)"
                    />
                  </label>
                  <label className="field field-narrow">
                    <span>Weight</span>
                    <input
                      inputMode="numeric"
                      value={k.weight}
                      onChange={(e) => setKinds(kinds.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)))}
                    />
                  </label>
                  {kinds.length > 1 && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small align-end"
                      onClick={() => setKinds(kinds.filter((_, j) => j !== i))}
                    >
                      Remove
                    </button>
                  )}
                </div>
              ))}
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => setKinds([...kinds, { name: "", weight: "10" }])}
              >
                Add another kind
              </button>
            </fieldset>
            {errors.length > 0 && (
              <ul className="error small">
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button className="btn" type="submit" disabled={busy}>
                {busy ? "Creating…" : "Create project"}
              </button>
            </div>
          </form>
        </WalletGate>
      </section>
    </>
  );
}
