// Recording a contribution: the signed (EIP-712) draft a member relays, my stored signatures not yet submitted, and
// my contributions (newest first, 20 at a time).
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useContributionsOf, type Project } from "./data";
import { ledgerAddress } from "./contracts";
import { explainError } from "../shared/errors";
import { formatDate, formatInt, sameAddress } from "../shared/format";
import { useToasts } from "../shared/toasts";
import { ContributionTable, Evidence, kindName, ShowMore, useLimit } from "./bits";
import { evidenceFor, isValidEvidenceLink } from "./evidence";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { useSignedContributions, signedStore, type SignedContribution } from "./signed";
import { useChainTime } from "../shared/chainTime";
import { useOutcome } from "../shared/Outcome";
import { TextField, useFieldProblem } from "../shared/TextField";

const MAX_QUANTITY = 2n ** 64n - 1n;
const MAX_DESCRIPTION = 2_000;

export function RecordContribution({ project, me, isMember }: { project: Project; me?: Address; isMember: boolean }) {
  const actions = useContributionWrites();
  const toasts = useToasts();
  const activeKinds = project.kinds.filter((k) => k.active);
  const [kindId, setKindId] = useState<string>(activeKinds[0]?.id.toString() ?? "");
  const [quantity, setQuantity] = useState("");
  const [description, setDescription] = useState("");
  const [link, setLink] = useState("");
  const selected = activeKinds.find((k) => k.id.toString() === kindId);
  const { busy, setBusy, edited, problems, attempt, resetFields } = useOutcome(draftProblems());
  const kindProblem = useFieldProblem(problems.kind, "kind");
  const descriptionProblem = useFieldProblem(problems.description, "description");
  const signed = useSignedContributions(ledgerAddress, project.id);
  const mySigned = signed.filter((s) => sameAddress(s.contributor, me));
  const [limit, showMore] = useLimit(20);
  const minePage = useContributionsOf(project.id, me, limit);
  const mine = me ? (minePage.data?.items ?? []) : [];

  /** Every field's problem with the values typed now. */
  function draftProblems() {
    const q = quantity.trim();
    return {
      kind: selected ? undefined : "Choose what kind of work this was.",
      quantity: !q
        ? "Enter how much work it was, as a whole number in the kind's unit."
        : !/^\d+$/.test(q)
          ? "The quantity must be a whole number (no decimals, no signs)."
          : BigInt(q) === 0n
            ? "The quantity must be at least 1."
            : BigInt(q) > MAX_QUANTITY
              ? "That quantity is too large."
              : undefined,
      description: !description.trim()
        ? "Describe the work so other members can evaluate it."
        : description.length > MAX_DESCRIPTION
          ? `Keep the description under ${formatInt(MAX_DESCRIPTION)} characters (put the rest behind a link).`
          : undefined,
      link: isValidEvidenceLink(link) ? undefined : "The link must start with https://, http:// or ipfs://.",
    };
  }

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !me) return;
    setBusy(true);
    try {
      const outcome = await actions.signAndSubmit(me, {
        projectId: project.id,
        kindId: Number(kindId),
        quantity: BigInt(quantity.trim()),
        ...evidenceFor(description, link),
      });
      if (outcome.ok) {
        setQuantity("");
        setDescription("");
        setLink("");
        resetFields();
      }
    } catch (err) {
      // Signing failed or was declined: nothing was stored or sent.
      toasts.show({ title: "Contribution not signed", stage: "error", message: explainError(err).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="panel">
        <h2>Record a contribution</h2>
        <p className="muted small">
          You sign the contribution in your wallet (free), then submit it as a transaction. The signature is kept in
          this browser until it is on chain: if sending fails, retry it below.
        </p>
        <WalletGate action="record a contribution">
          {!isMember ? (
            <p className="notice" data-testid="not-member">
              You are not a member of this project, so you cannot record contributions. Ask a coordinator (see Members)
              to add your address.
            </p>
          ) : activeKinds.length === 0 ? (
            <p className="notice">
              This project has no open kind of contribution. A coordinator has to add one first (see Members).
            </p>
          ) : (
            <form className="form" onSubmit={onSubmit} noValidate>
              <div className="row">
                <label className="field">
                  <span>Kind of work</span>
                  <select
                    value={kindId}
                    onChange={(e) => edited(setKindId, "kind")(e.target.value)}
                    data-testid="kind"
                    {...kindProblem.control}
                  >
                    {activeKinds.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name} (weight {k.weight})
                      </option>
                    ))}
                  </select>
                  {kindProblem.line}
                </label>
                <TextField
                  label="Quantity"
                  narrow
                  inputMode="numeric"
                  value={quantity}
                  onChange={edited(setQuantity, "quantity")}
                  placeholder="e.g. 6"
                  testId="quantity"
                  error={problems.quantity}
                />
              </div>
              <label className="field">
                <span>What did you do?</span>
                <textarea
                  rows={3}
                  value={description}
                  onChange={(e) => edited(setDescription, "description")(e.target.value)}
                  placeholder="What was done, and how others can check it"
                  data-testid="description"
                  {...descriptionProblem.control}
                />
                {descriptionProblem.line}
              </label>
              <TextField
                label={
                  <>
                    Evidence link <span className="muted">(optional)</span>
                  </>
                }
                value={link}
                onChange={edited(setLink, "link")}
                placeholder="https://… or ipfs://…"
                testId="evidence-link"
                error={problems.link}
              />
              {selected && /^\d+$/.test(quantity.trim()) && BigInt(quantity.trim()) > 0n && (
                <p className="muted small">
                  If accepted with a median score of s, this earns{" "}
                  {formatInt(BigInt(quantity.trim()) * BigInt(selected.weight))} × s points (e.g.{" "}
                  {formatInt(BigInt(quantity.trim()) * BigInt(selected.weight) * BigInt(project.minScore))} at the
                  minimum score {project.minScore}).
                </p>
              )}
              <div className="actions">
                <button className="btn" type="submit" disabled={busy} data-testid="sign-submit">
                  {busy ? "Working…" : "Sign and submit"}
                </button>
              </div>
            </form>
          )}
        </WalletGate>
      </section>

      {mySigned.length > 0 && (
        <section className="panel panel-warn" data-testid="signed-pending">
          <h2>Signed, not yet submitted</h2>
          <p className="muted small">
            These signatures are stored only in this browser. Submit them before their deadline, or discard them. If you
            gave one to someone who holds it back, cancel it: that uses up its nonce on chain, so nobody can submit it
            any more.
          </p>
          <ul className="list">
            {mySigned.map((s) => (
              <SignedItem key={s.signature} s={s} project={project} />
            ))}
          </ul>
        </section>
      )}

      {me && (
        <section className="panel">
          <h2>Your contributions</h2>
          <ContributionTable
            project={project}
            items={mine}
            me={me}
            empty="You have not recorded anything in this project yet."
          />
          {minePage.data && (
            <ShowMore
              shown={mine.length}
              more={minePage.data.more}
              onMore={showMore}
              busy={minePage.isPlaceholderData}
            />
          )}
        </section>
      )}
    </>
  );
}

function SignedItem({ s, project }: { s: SignedContribution; project: Project }) {
  const actions = useContributionWrites();
  const [busy, setBusy] = useState(false);
  const now = useChainTime();
  // The ledger refuses a signature once the block's time is past its deadline.
  const expired = now !== undefined && now > Number(s.deadline);
  return (
    <li className="list-item" data-testid="signed-item">
      <div>
        <strong>
          {formatInt(BigInt(s.input.quantity))} × {kindName(project, s.input.kindId)}
        </strong>{" "}
        — <Evidence uri={s.input.evidenceURI} />
        <div className="muted small">
          Signed {formatDate(Math.floor(s.createdAt / 1000))} ·{" "}
          {expired ? "expired" : `valid until ${formatDate(Number(s.deadline))}`} · nonce {s.nonce}
        </div>
        {s.lastError && <div className="error small">Last attempt: {s.lastError}</div>}
      </div>
      <div className="actions">
        <button
          className="btn btn-small"
          disabled={busy || expired}
          data-testid="signed-retry"
          onClick={async () => {
            setBusy(true);
            await actions.submitSigned(s);
            setBusy(false);
          }}
        >
          Retry
        </button>
        <button
          className="btn btn-small btn-secondary"
          disabled={busy}
          data-testid="signed-cancel"
          title="Use up this nonce (and any earlier unused one) on chain, so nobody can submit this signature"
          onClick={async () => {
            setBusy(true);
            await actions.cancelSignatures(s.contributor, BigInt(s.input.projectId), BigInt(s.nonce));
            setBusy(false);
          }}
        >
          Cancel signature (nonce {s.nonce})
        </button>
        <button className="btn btn-small btn-ghost" onClick={() => signedStore.remove(s.signature)}>
          Discard
        </button>
      </div>
    </li>
  );
}
