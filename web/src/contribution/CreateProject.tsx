// The form that creates a contribution project: its name, evaluation policy and kinds of contribution.
import { useState, type FormEvent } from "react";
import { parseEventLogs } from "viem";
import { contributionLedgerAbi, MAX_QUORUM, SCORE_MAX } from "@cosmolocal/sdk";
import { formatInt } from "../shared/format";
import { href, navigate } from "../shared/router";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { TextField, useFieldProblem } from "../shared/TextField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import type { Problems } from "../shared/fieldErrors";

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
  const days = Number(windowDays);
  const filled = (k: KindRow) => !!(k.name.trim() || k.weight.trim());
  // Each field's problem; a kind row's under `kind-<i>-name` and `kind-<i>-weight` (an empty row is skipped).
  const problems: Problems<string> = {
    name: name.trim() ? undefined : "Give the project a name.",
    quorum:
      !/^\d+$/.test(quorum) || +quorum < 1 || +quorum > MAX_QUORUM
        ? `The quorum must be a whole number of evaluations from 1 to ${MAX_QUORUM}.`
        : undefined,
    window:
      !Number.isFinite(days) || days * 24 < 1 || days > 365
        ? "The evaluation window must be between 1 hour (0.042 days) and 365 days."
        : undefined,
    minScore:
      !/^\d+$/.test(minScore) || +minScore < 1 || +minScore > SCORE_MAX
        ? `The minimum median score must be from 1 to ${SCORE_MAX}.`
        : undefined,
    kinds: kinds.some(filled) ? undefined : "Add at least one kind of contribution, so members can record work.",
  };
  kinds.forEach((k, i) => {
    if (!filled(k)) return;
    if (!k.name.trim()) problems[`kind-${i}-name`] = "Name the kind, with its unit.";
    if (!/^\d+$/.test(k.weight.trim()) || +k.weight < 1 || +k.weight > MAX_WEIGHT)
      problems[`kind-${i}-weight`] = `The weight must be a whole number from 1 to ${formatInt(MAX_WEIGHT)}.`;
  });
  const outcome = useOutcome<string>(problems);
  const { error, setError, busy, setBusy, edited, attempt } = outcome;
  const shown = outcome.problems;
  const kindsProblem = useFieldProblem(shown.kinds, "project-kinds");
  const setKind = (i: number, field: keyof KindRow) =>
    edited((text: string) => {
      setKinds(kinds.map((x, j) => (j === i ? { ...x, [field]: text } : x)));
    }, `kind-${i}-${field}`);

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt()) return;
    setError(undefined);
    setBusy(true);
    const sent = await actions.createProject(
      name.trim(),
      metadataURI.trim(),
      { quorum: Number(quorum), evaluationWindow: Math.round(Number(windowDays) * 86400), minScore: Number(minScore) },
      kinds.filter((k) => k.name.trim()).map((k) => ({ name: k.name.trim(), weight: Number(k.weight) })),
    );
    setBusy(false);
    if (sent.ok && sent.receipt) {
      const [created] = parseEventLogs({
        abi: contributionLedgerAbi,
        eventName: "ProjectCreated",
        logs: sent.receipt.logs,
      });
      if (created) navigate("project", created.args.projectId, "members");
    } else if (sent.error) setError(sent.error);
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
              onChange={edited(setName, "name")}
              placeholder="Open Hardware Lab"
              testId="project-name-input"
              error={shown.name}
            />
            <TextField
              label={
                <>
                  Description link <span className="muted">(optional)</span>
                </>
              }
              value={metadataURI}
              onChange={edited(setMetadataURI)}
              placeholder="ipfs://… or https://…"
            />
            <div className="row">
              <TextField
                label="Evaluations needed (quorum)"
                value={quorum}
                onChange={edited(setQuorum, "quorum")}
                inputMode="numeric"
                error={shown.quorum}
              />
              <TextField
                label="Evaluation window (days)"
                value={windowDays}
                onChange={edited(setWindowDays, "window")}
                inputMode="decimal"
                error={shown.window}
              />
              <TextField
                label={<>Minimum median score (1–{SCORE_MAX})</>}
                value={minScore}
                onChange={edited(setMinScore, "minScore")}
                inputMode="numeric"
                error={shown.minScore}
              />
            </div>
            <fieldset className="fieldset" {...kindsProblem.control}>
              <legend>Kinds of contribution</legend>
              {kinds.map((k, i) => (
                <div className="row" key={i}>
                  <TextField
                    label="Name (with unit)"
                    value={k.name}
                    onChange={setKind(i, "name")}
                    placeholder="Design (hours)"
                    error={shown[`kind-${i}-name`]}
                  />
                  <TextField
                    label="Weight"
                    narrow
                    inputMode="numeric"
                    value={k.weight}
                    onChange={setKind(i, "weight")}
                    error={shown[`kind-${i}-weight`]}
                  />
                  {kinds.length > 1 && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small align-end"
                      onClick={() => edited(setKinds, "kinds")(kinds.filter((_, j) => j !== i))}
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
              {kindsProblem.line}
            </fieldset>
            <Outcome testId="project" error={error} />
            <Submit testId="project-create" busy={busy}>
              {busy ? "Creating…" : "Create project"}
            </Submit>
          </form>
        </WalletGate>
      </section>
    </>
  );
}
