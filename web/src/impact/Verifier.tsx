// The verifier's screen: the queue of claims to judge; attest on chain or signed off-chain (shared as JSON or a
// link), reject, revoke; and a box where anyone submits a signed attestation.
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { useId, useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import { formatCountdown, useChainClock } from "../shared/chainTime";
import { targetChain } from "../shared/config";
import { impactRegistryAddress } from "./contracts";
import { WalletGate } from "../shared/gate";
import { formatDate, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { href } from "../shared/router";
import { Who } from "../shared/Who";
import { ClaimLink, claimLine, reasonToBytes32, ReportField, StatusBadge, Tonnes, useReport } from "./bits";
import { fmtT, isVerifier, parseTonnes, useImpactClaim, useMyVotes, useVerifierQueue, type QueueClaim } from "./data";
import { ShowMore } from "../shared/ShowMore";
import type { ImpactView } from "./ImpactPage";
import {
  decodeSignedAttestation,
  encodeSignedAttestation,
  fromLinkParam,
  toLinkParam,
  type SignedAttestation,
} from "./signed";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { TextField, useFieldProblem } from "../shared/TextField";

export function Verifier(view: ImpactView & { signed?: string }) {
  const { base, me } = view;
  const accredited = isVerifier(base, me);
  // The queue leaves out claims submitted before the verifier got its attester slot (it may not vote on them).
  const queue = useVerifierQueue(me, accredited);
  const waiting = queue.items ?? [];
  return (
    <>
      <SubmitSigned {...view} />
      <WalletGate action="verify claims">
        {!accredited ? (
          <section className="panel">
            <h2>Not an accredited verifier</h2>
            <p className="notice" data-testid="not-verifier">
              {me ? nameOf(me) : "You"} {me ? "is" : "are"} not an accredited impact verifier. The council accredits
              verifiers by a proposal (<a href={href("council", "new")}>Council → New proposal</a>, “Accredit impact
              verifier”).
            </p>
            <p className="small">
              Accredited now:{" "}
              {base.verifiers
                .filter((v) => v.accredited)
                .map((v) => nameOf(v.account))
                .join(", ") || "nobody yet"}
              .
            </p>
          </section>
        ) : queue.error ? (
          <p className="error">Could not read your queue: {queue.error.message}</p>
        ) : !queue.items ? (
          <p className="muted">Loading your queue…</p>
        ) : (
          <>
            <section className="panel">
              <h2>Queue · claims waiting for my vote</h2>
              <p className="muted small">
                Submitted claims you have not attested or rejected (your own are not shown). Attest the amount you stand
                behind — at most the claimed amount; the claim is verified at the lowest of its k approvals. A signed
                attestation costs you nothing: anyone (the claimant) submits it.
              </p>
              {waiting.length === 0 ? (
                <p className="muted" data-testid="queue-empty">
                  Nothing waits for you.
                </p>
              ) : (
                <ul className="list" data-testid="verifier-queue">
                  {waiting.map((c) => (
                    <QueueItem key={c.id.toString()} c={c} view={view} />
                  ))}
                </ul>
              )}
              <ShowMore pages={queue} testId="verifier-queue-more" />
            </section>
            <Revoke {...view} />
            <MyVotes {...view} />
          </>
        )}
      </WalletGate>
    </>
  );
}

function QueueItem({ c, view }: { c: QueueClaim; view: ImpactView }) {
  const { base, me, actions } = view;
  const claimed = c.claimedUnits;
  const [amountText, setAmountText] = useState(fmtT(claimed).replace(/ t$/, "").replace(/,/g, ""));
  const report = useReport();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<string>();
  const [signed, setSigned] = useState<string>();
  const amount = parseTonnes(amountText);
  const attesting = useOutcome({
    tonnes: "error" in amount ? amount.error : undefined,
    report: report.hash ? undefined : "Attach the verification report (file or text): its hash is recorded.",
  });
  const rejecting = useOutcome({ reason: reason.trim() ? undefined : "Say why the claim is rejected." });
  const setError = attesting.setError;
  const error = attesting.error ?? rejecting.error;
  // The registry refuses an approval above the claimed amount (signed, it would be refused when submitted).
  const above =
    "value" in amount && amount.value > claimed
      ? actions.refusal("AttestedAboveClaimed", { claimId: c.id, claimed, attested: amount.value })
      : undefined;
  const aboveId = useId();

  async function attest(how: "chain" | "sign") {
    if (!attesting.attempt() || "error" in amount || !report.hash || above) return;
    setError(undefined);
    rejecting.setError(undefined);
    setBusy(how);
    if (how === "chain") {
      const out = await actions.attest(c.id, amount.value, report.hash);
      if (!out.ok) setError(out.error);
    } else {
      try {
        const s = await actions.signAttestation(
          me!,
          { claimId: c.id, verifiedUnits: amount.value, reportHash: report.hash },
          base.time,
        );
        setSigned(
          encodeSignedAttestation({
            chainId: targetChain.id,
            registry: impactRegistryAddress!,
            attestation: s.attestation,
            signature: s.signature,
          }),
        );
      } catch (err) {
        setError((err as Error).message);
      }
    }
    setBusy(undefined);
  }

  async function onReject(ev: FormEvent) {
    ev.preventDefault();
    if (!rejecting.attempt()) return;
    setBusy("reject");
    setError(undefined);
    rejecting.setError(undefined);
    const out = await actions.reject(c.id, reasonToBytes32(reason));
    setBusy(undefined);
    if (!out.ok) rejecting.setError(out.error);
  }

  return (
    <li className="list-item impact-item" data-testid={`queue-${c.id}`}>
      <div className="proposal-head">
        <strong>
          <ClaimLink id={c.id} />
        </strong>
        <StatusBadge c={c} />
        <span className="small">
          by <Who address={c.claimant} me={me} /> · claims <Tonnes kg={claimed} />
        </span>
      </div>
      <p className="muted small">
        {claimLine(base, c)} · evidence{" "}
        <code data-hash title={c.evidenceHash}>
          {c.evidenceHash.slice(0, 12)}…
        </code>{" "}
        {c.evidenceURI && (
          <a href={c.evidenceURI.replace(/^ipfs:\/\//, "https://ipfs.io/ipfs/")} target="_blank" rel="noreferrer">
            open
          </a>
        )}
        {c.attestations.length > 0 &&
          ` · attested so far: ${c.attestations.map((a) => `${nameOf(a.verifier)} ${fmtT(a.units)}`).join(", ")}`}
      </p>
      {signed ? (
        <SignedOutput json={signed} onClose={() => setSigned(undefined)} />
      ) : (
        <div className="form">
          <div className="row">
            <TextField
              label="Tonnes I attest"
              narrow
              value={amountText}
              onChange={attesting.edited(setAmountText, "tonnes")}
              inputMode="decimal"
              testId="attest-tonnes"
              error={attesting.problems.tonnes}
            />
          </div>
          {above && (
            <p className="error small" id={aboveId} aria-live="polite" data-testid="attest-above">
              {above}
            </p>
          )}
          <ReportField
            report={{
              ...report,
              setText: attesting.edited(report.setText, "report"),
              setFile: attesting.edited(report.setFile, "report"),
            }}
            label="Report"
            testId="attest-report"
            error={attesting.problems.report}
          />
          <div className="actions">
            <button
              className="btn btn-small"
              disabled={!!busy || !!above}
              aria-describedby={above ? aboveId : undefined}
              data-testid="attest-onchain"
              onClick={() => attest("chain")}
            >
              {busy === "chain" ? "Attesting…" : "Attest on-chain"}
            </button>
            <button
              className="btn btn-small btn-secondary"
              disabled={!!busy || !!above}
              aria-describedby={above ? aboveId : undefined}
              data-testid="attest-sign"
              onClick={() => attest("sign")}
            >
              {busy === "sign" ? "Signing…" : "Sign off-chain (no gas)"}
            </button>
          </div>
          <form className="row" onSubmit={onReject} noValidate>
            <TextField
              label="Reason to reject (up to 31 characters stays readable; longer is hashed)"
              value={reason}
              onChange={rejecting.edited(setReason, "reason")}
              testId="reject-reason"
              error={rejecting.problems.reason}
            />
            <button className="btn btn-small btn-ghost align-end" disabled={!!busy} data-testid="reject-submit">
              {busy === "reject" ? "Rejecting…" : "Reject"}
            </button>
          </form>
        </div>
      )}
      <Outcome testId="attest" error={error} />
    </li>
  );
}

/** A freshly signed attestation: the JSON to share, a link that opens the submit box filled in, copy buttons. */
function SignedOutput({ json, onClose }: { json: string; onClose: () => void }) {
  const link = `${window.location.origin}${window.location.pathname}${href("impact", "verifier", toLinkParam(json))}`;
  const [copied, setCopied] = useState<string>();
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied("none");
    }
  };
  return (
    <div className="route" data-testid="signed-output">
      <p className="small">
        <strong>Signed.</strong> Nothing is on chain yet: share this with the claimant (or anyone), who submits it with
        “Submit a signed attestation” — the signature is checked on chain, and it is valid for 7 days.
      </p>
      <textarea readOnly rows={8} value={json} data-testid="signed-payload" className="small" />
      <div className="actions">
        <button className="btn btn-small" onClick={() => copy("json", json)}>
          Copy the JSON
        </button>
        <button className="btn btn-small btn-secondary" onClick={() => copy("link", link)} data-testid="signed-link">
          Copy a link
        </button>
        <button className="btn btn-small btn-ghost" onClick={onClose}>
          Done
        </button>
        {copied && (
          <span className="small muted">
            {copied === "none" ? "Could not use the clipboard: select the text and copy it." : `Copied the ${copied}.`}
          </span>
        )}
      </div>
    </div>
  );
}

/** Anyone submits a verifier's signed attestation: pasted JSON (or opened from a link), checked, then sent. */
function SubmitSigned({ base, me, actions, signed: param }: ImpactView & { signed?: string }) {
  const [text, setText] = useState(() => (param ? (fromLinkParam(param) ?? "") : ""));
  const now = useChainClock() ?? base.time;
  let parsed: SignedAttestation | undefined;
  let problem: string | undefined;
  if (text.trim()) {
    try {
      parsed = decodeSignedAttestation(text);
      if (parsed.chainId !== targetChain.id) problem = `It was signed for chain ${parsed.chainId}, not this one.`;
      else if (!sameAddress(parsed.registry, impactRegistryAddress))
        problem = "It was signed for another impact registry.";
    } catch (err) {
      problem = (err as Error).message;
    }
  }
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt } = useOutcome({
    signed: text.trim() ? problem : "Paste the signed attestation (its JSON), or open the link the verifier shared.",
  });
  // A pasted (or linked) attestation's problem shows at once; an empty box's on submit.
  const signedProblem = useFieldProblem(problems.signed ?? problem, "signed");
  const a = parsed?.attestation;
  const c = useImpactClaim(a?.claimId).data ?? undefined;
  const used = useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "nonceUsed",
    args: a ? [a.verifier, a.nonce] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!a },
  });
  // The registry's checks in its order, on what is read: the deadline (by the last block's time), the nonce, then
  // the claim still taking votes and the amount within the claimed.
  const blocked = !a
    ? undefined
    : a.deadline < BigInt(base.time)
      ? actions.refusal("SignatureExpired", { deadline: a.deadline, timestamp: BigInt(base.time) })
      : used.data
        ? actions.refusal("NonceAlreadyUsed", { verifier: a.verifier, nonce: a.nonce })
        : c && c.status !== 1
          ? actions.refusal("ClaimNotPending", { claimId: c.id, status: c.status })
          : c && a.verifiedUnits > c.claimedUnits
            ? actions.refusal("AttestedAboveClaimed", {
                claimId: c.id,
                claimed: c.claimedUnits,
                attested: a.verifiedUnits,
              })
            : undefined;

  async function submit() {
    if (!attempt() || !parsed || blocked) return;
    setBusy(true);
    setError(undefined);
    const out = await actions.attestBySig(parsed.attestation, parsed.signature);
    setBusy(false);
    if (out.ok) {
      setDone(
        `Submitted ${nameOf(parsed.attestation.verifier)}'s attestation of claim #${parsed.attestation.claimId}.`,
      );
      setText("");
    } else setError(out.error);
  }

  return (
    <section className="panel" data-testid="submit-signed">
      <h2>Submit a signed attestation</h2>
      <p className="muted small">
        A verifier may sign an attestation off-chain and share it. Anyone — usually the claimant — submits it here and
        pays the gas; the registry checks the verifier&apos;s signature, accreditation, deadline and nonce.
      </p>
      <textarea
        rows={4}
        value={text}
        onChange={(e) => edited(setText)(e.target.value)}
        placeholder='{"type": "cosmolocal.impact.signedAttestation.v1", …}'
        data-testid="signed-input"
        className="small"
        {...signedProblem.control}
      />
      {signedProblem.line}
      {a && !problem && (
        <div className="route" data-testid="signed-summary">
          <p>
            <Who address={a.verifier} me={me} /> attests <Tonnes kg={a.verifiedUnits} testId="signed-units" /> for claim{" "}
            <ClaimLink id={a.claimId} />
            {c && (
              <>
                {" "}
                (claims {fmtT(c.claimedUnits)}, <StatusBadge c={c} />)
              </>
            )}
            .
          </p>
          <p className="small muted">
            Valid until {formatDate(Number(a.deadline))}{" "}
            {Number(a.deadline) > now ? `(${formatCountdown(Number(a.deadline), now)} left)` : "(expired)"} · report{" "}
            <code data-hash>{a.reportHash.slice(0, 12)}…</code>
          </p>
        </div>
      )}
      <Outcome testId="signed" error={error} done={done} />
      <WalletGate action="submit it">
        <form onSubmit={(ev) => (ev.preventDefault(), submit())} noValidate>
          <Submit testId="signed-submit" busy={busy} blocked={problem ? undefined : blocked}>
            {busy ? "Submitting…" : "Submit the signed attestation"}
          </Submit>
        </form>
      </WalletGate>
    </section>
  );
}

/** A verified claim's number, its revocation status, and the vote (the claim is read on its own, by number). */
function Revoke({ actions, me }: ImpactView) {
  const [claimId, setClaimId] = useState("");
  const [amountText, setAmountText] = useState("");
  const [reason, setReason] = useState("");
  const [publish, setPublish] = useState(true);
  const id = /^\s*#?\d+\s*$/.test(claimId) ? BigInt(claimId.replace(/[#\s]/g, "")) : undefined;
  const claim = useImpactClaim(id);
  const found = claim.data ?? undefined;
  const revocable =
    !!found &&
    (found.status === 2 || found.status === 4) &&
    found.revokedUnits < found.verifiedUnits &&
    !sameAddress(found.claimant, me);
  const c = revocable ? found : undefined;
  const left = c ? c.verifiedUnits - c.revokedUnits : 0n;
  const amount = amountText.trim() ? parseTonnes(amountText) : undefined;
  const units = amount && "value" in amount ? amount.value : undefined;
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    claim:
      id === undefined
        ? "Enter the number of a verified claim."
        : claim.data === null
          ? `No claim #${id.toString()}.`
          : undefined,
    tonnes: !amount ? "Enter the tonnes to revoke." : "error" in amount ? amount.error : undefined,
    reason: reason.trim() ? undefined : "Say why: the reason is recorded with the revocation.",
  });
  // The registry's checks in its order, on the claim read: verified, not mine, within what is left, one vote each.
  const blocked = !found
    ? undefined
    : found.status !== 2 && found.status !== 4
      ? actions.refusal("ClaimNotVerified", { claimId: found.id, status: found.status })
      : me && sameAddress(found.claimant, me)
        ? actions.refusal("VerifierIsClaimant", { claimId: found.id, verifier: me })
        : units !== undefined && units > found.verifiedUnits - found.revokedUnits
          ? actions.refusal("RevocationExceedsVerified", {
              claimId: found.id,
              verified: found.verifiedUnits,
              revoked: found.revokedUnits + units,
            })
          : me && found.openRevocation.some((v) => sameAddress(v.verifier, me))
            ? actions.refusal("AlreadyVotedToRevoke", { claimId: found.id, verifier: me })
            : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !c || units === undefined || blocked) return;
    setBusy(true);
    setError(undefined);
    const out = await actions.revoke(c.id, units, reason.trim(), publish);
    setBusy(false);
    if (out.ok) {
      setAmountText("");
      setReason("");
      resetFields();
    } else setError(out.error);
  }

  return (
    <section className="panel">
      <h2>Vote to revoke part of a verified claim</h2>
      <p className="muted small">
        When fraud or an error is found after verification. A revocation needs the votes of as many verifiers as the
        claim needed approvals (its k), and revokes the smallest amount voted: then that many of the claimant&apos;s
        units are frozen for good, wherever they went and came back from, the market sells no more than what is left,
        and every certificate of the claim is flagged. Units other people already hold stay theirs.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <TextField
            label="Claim number"
            narrow
            value={claimId}
            onChange={edited(setClaimId, "claim")}
            inputMode="numeric"
            placeholder="12"
            testId="revoke-claim"
            error={problems.claim}
          />
          <TextField
            label="Tonnes to revoke"
            narrow
            value={amountText}
            onChange={edited(setAmountText, "tonnes")}
            testId="revoke-tonnes"
            error={problems.tonnes}
          />
          <TextField
            label="Reason"
            value={reason}
            onChange={edited(setReason, "reason")}
            testId="revoke-reason"
            error={problems.reason}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={publish}
            onChange={(e) => edited(setPublish)(e.target.checked)}
            data-testid="revoke-publish"
          />{" "}
          Publish the reason with my vote (otherwise only its hash is recorded)
        </label>
        {found && !c && (
          <p className="muted small" data-testid="revoke-status">
            Claim #{found.id.toString()} cannot be revoked by you:{" "}
            {sameAddress(found.claimant, me)
              ? "it is your own."
              : found.status === 2 || found.status === 4
                ? "all its verified units are revoked already."
                : "it is not verified."}
          </p>
        )}
        {c && (
          <p className="small" data-testid="revoke-status">
            {fmtT(left)} of claim #{c.id.toString()} can still be revoked; {c.claimant && nameOf(c.claimant)} holds{" "}
            {fmtT(c.claimantBalance)} unsold.{" "}
            {c.openRevocation.length > 0
              ? `Open vote: ${c.openRevocation.length} of ${c.threshold} (${c.openRevocation
                  .map((v) => `${nameOf(v.verifier)} ${fmtT(v.units)}`)
                  .join(", ")})${c.openRevocation.some((v) => sameAddress(v.verifier, me)) ? "; you have voted" : ""}.`
              : `No open vote: yours would be 1 of ${c.threshold}.`}
          </p>
        )}
        <Outcome testId="revoke" error={error} />
        <Submit testId="revoke-submit" className="btn btn-ghost" busy={busy} blocked={blocked}>
          {busy ? "Voting…" : units !== undefined ? `Vote to revoke ${fmtT(units)}` : "Vote to revoke"}
        </Submit>
      </form>
    </section>
  );
}

/** The votes I cast, newest claim first, a page at a time. */
function MyVotes({ me }: ImpactView) {
  const votes = useMyVotes(me);
  if (votes.error) return <p className="error">Could not read your votes: {votes.error.message}</p>;
  if (!votes.items?.length) return null;
  return (
    <section className="panel">
      <h2>My votes</h2>
      <ul className="list" data-testid="my-votes">
        {votes.items.map(({ claim: c, approve, units, bySignature, tx }) => (
          <li key={`${c.id}-${tx}`} className="list-item">
            <span>
              <ClaimLink id={c.id} />{" "}
              {approve ? `attested ${fmtT(units ?? 0n)}${bySignature ? " (signed)" : ""}` : "rejected"}
            </span>
            <StatusBadge c={c} />
          </li>
        ))}
      </ul>
      <ShowMore pages={votes} testId="my-votes-more" />
    </section>
  );
}
