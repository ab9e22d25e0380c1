// Obligations of the credit network: mine with their payments, recording one directly or as terms signed for the
// counterparty (EIP-712), and cancelling outstanding signed terms.
import { useMemo, useState, type FormEvent } from "react";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { zeroAddress, type Address } from "viem";
import { useReadContract } from "wagmi";
import { targetChain } from "../shared/config";
import { creditAddress } from "./contracts";
import { explainError } from "../shared/errors";
import { shortNonce } from "./errors";
import { WalletGate } from "../shared/gate";
import { formatDate, sameAddress } from "../shared/format";
import { nameOf } from "../shared/names";
import { useToasts } from "../shared/toasts";
import { MemberSelect, ObligationBadge } from "./bits";
import type { CreditView } from "./CreditPage";
import { useCreditGraph, useCreditMembers, type CreditObligation } from "./data";
import { obligationRefText, refText } from "./model";
import { findRoute } from "./paths";
import { decodeSignedTerms, encodeSignedTerms, type SignedTerms } from "./signedTerms";
import { textToBytes32, type Unit } from "../shared/units";
import { Who } from "../shared/Who";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { TextField, useFieldProblem } from "../shared/TextField";
import { useAct } from "../shared/act";
import { Table } from "../shared/Table";
import { DAY, dateInputValue, useChainTime } from "../shared/chainTime";

export function Obligations(view: CreditView) {
  const obligations = view.mine?.obligations ?? [];
  const [paying, setPaying] = useState<bigint>();
  return (
    <WalletGate action="see and record your obligations">
      <MyObligations {...view} onPay={setPaying} />
      {paying !== undefined && (
        <PayObligation
          key={paying.toString()}
          view={view}
          o={obligations.find((o) => o.id === paying)}
          onClose={() => setPaying(undefined)}
        />
      )}
      {view.mine?.member ? (
        <>
          <RecordForm {...view} />
          <SubmitSigned {...view} />
        </>
      ) : (
        <p className="notice">Only members record obligations. A steward admits members.</p>
      )}
    </WalletGate>
  );
}

const dateOnly = (unix: number) =>
  unix === 0 ? "—" : new Date(unix * 1000).toLocaleDateString(undefined, { dateStyle: "medium" });

function MyObligations({ mine: my, me, unit, actions, onPay }: CreditView & { onPay: (id: bigint) => void }) {
  const { busy, act } = useAct();
  const mine = my?.obligations ?? [];
  const owe = mine
    .filter((o) => o.status === "Open" && sameAddress(o.debtor, me))
    .reduce((t, o) => t + o.remaining, 0n);
  const owed = mine
    .filter((o) => o.status === "Open" && sameAddress(o.creditor, me))
    .reduce((t, o) => t + o.remaining, 0n);

  function actionsFor(o: CreditObligation) {
    const iAmDebtor = sameAddress(o.debtor, me);
    const other = iAmDebtor ? o.creditor : o.debtor;
    const myBit = iAmDebtor ? 1 : 2;
    const b = (k: string) => busy === `${k}${o.id}`;
    if (o.status === "Proposed") {
      if (sameAddress(o.proposer, me))
        return (
          <span className="actions">
            <span className="muted small">waiting for {nameOf(other)}</span>
            <button
              className="btn btn-small btn-ghost"
              disabled={!!busy}
              onClick={() => act(`w${o.id}`, () => actions.cancelObligation(o.id, `Withdraw obligation #${o.id}`))}
            >
              {b("w") ? "Withdrawing…" : "Withdraw"}
            </button>
          </span>
        );
      return (
        <span className="actions">
          <button
            className="btn btn-small"
            disabled={!!busy}
            data-testid="accept-obligation"
            onClick={() => act(`a${o.id}`, () => actions.acceptObligation(o.id))}
          >
            {b("a") ? "Accepting…" : "Accept"}
          </button>
          <button
            className="btn btn-small btn-ghost"
            disabled={!!busy}
            data-testid="decline-obligation"
            onClick={() => act(`d${o.id}`, () => actions.cancelObligation(o.id, `Decline obligation #${o.id}`))}
          >
            Decline
          </button>
        </span>
      );
    }
    if (o.status !== "Open") return null;
    return (
      <span className="actions">
        {iAmDebtor && (
          <button className="btn btn-small btn-secondary" data-testid="pay-obligation" onClick={() => onPay(o.id)}>
            Pay on credit
          </button>
        )}
        {o.cancelRequestedBy & myBit ? (
          <span className="muted small">you asked to cancel</span>
        ) : (
          <button
            className="btn btn-small btn-ghost"
            disabled={!!busy}
            data-testid="cancel-obligation"
            onClick={() =>
              act(`c${o.id}`, () =>
                actions.cancelObligation(
                  o.id,
                  o.cancelRequestedBy ? `Agree to cancel obligation #${o.id}` : `Ask to cancel obligation #${o.id}`,
                ),
              )
            }
          >
            {o.cancelRequestedBy ? `${nameOf(other)} asks to cancel: agree` : "Request cancel"}
          </button>
        )}
      </span>
    );
  }

  return (
    <section className="panel">
      <h2>My obligations</h2>
      <p className="muted small">
        Open: you owe <strong data-testid="i-owe">{unit.fmt(owe)}</strong>, you are owed{" "}
        <strong data-testid="owed-to-me">{unit.fmt(owed)}</strong>. An obligation counts once both parties agreed to it;
        clearing sets open ones off against each other, and the debtor can pay one on credit.
      </p>
      {mine.length === 0 ? (
        <p className="muted">No obligations yet.</p>
      ) : (
        <Table
          testId="obligations-table"
          head={
            <>
              <th>#</th>
              <th>Who owes whom</th>
              <th>Reference</th>
              <th className="num">Amount</th>
              <th className="num">Remaining</th>
              <th className="num">Cleared</th>
              <th>Due</th>
              <th>Status</th>
              <th />
            </>
          }
        >
          {mine.map((o) => (
            <tr key={o.id.toString()} data-testid={`obligation-${o.id}`} data-status={o.status}>
              <td>{o.id.toString()}</td>
              <td>
                <Who address={o.debtor} me={me} /> → <Who address={o.creditor} me={me} />
                <div className="muted small">{sameAddress(o.debtor, me) ? "you owe" : "owed to you"}</div>
              </td>
              <td className="small" data-testid="obligation-ref">
                {obligationRefText(o)}
              </td>
              <td className="num">{unit.fmt(o.amount)}</td>
              <td className="num" data-testid="obligation-remaining">
                {unit.fmt(o.remaining)}
              </td>
              <td className="num" data-testid="obligation-cleared">
                {unit.fmt(o.cleared)}
                {o.paid > 0n && <div className="muted small">paid {unit.fmt(o.paid)}</div>}
              </td>
              <td className="small nowrap">{dateOnly(o.dueDate)}</td>
              <td>
                <ObligationBadge status={o.status} />
              </td>
              <td className="num">{actionsFor(o)}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function PayObligation({ view, o, onClose }: { view: CreditView; o?: CreditObligation; onClose: () => void }) {
  const { me, unit, actions } = view;
  const s = useCreditGraph(o?.status === "Open").data;
  const [text, setText] = useState(o ? unit.num(o.remaining).replace(/,/g, "") : "");
  const parsed = unit.parse(text);
  const amount = "value" in parsed ? parsed.value : undefined;
  const result = useMemo(
    () => (s && o && me && amount ? findRoute(s, me, o.creditor, amount) : undefined),
    [s, me, o, amount],
  );
  const { error, setError, busy, setBusy, edited, problems, attempt } = useOutcome({
    amount: "error" in parsed ? parsed.error : undefined,
  });
  // The network refuses paying more than is still owed.
  const blocked =
    o && amount !== undefined && amount > o.remaining
      ? actions.refusal("PaymentExceedsObligation", { id: o.id, remaining: o.remaining, amount })
      : undefined;
  if (!o || o.status !== "Open") return null;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!o || !attempt() || amount === undefined || blocked || !result?.ok) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.payObligation(o.id, amount, result.route.nodes.slice(1));
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  }

  return (
    <section className="panel panel-warn" data-testid="pay-obligation-panel">
      <h2>
        Pay obligation #{o.id.toString()} to {nameOf(o.creditor)} on credit
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={<>Amount ({unit.symbol})</>}
          narrow
          value={text}
          onChange={edited(setText, "amount")}
          inputMode="decimal"
          testId="pay-obligation-amount"
          error={problems.amount}
        />
        {result?.ok && !blocked && (
          <p data-testid="pay-obligation-route">
            Path: {result.route.nodes.map(nameOf).join(" → ")} (
            {result.route.hops.map((h) => unit.fmt(h.capacity)).join(", ")} capacity) · fee: none — intermediaries&apos;
            positions don&apos;t change.
          </p>
        )}
        <Outcome testId="pay-obligation" error={error} />
        <Submit
          testId="pay-obligation-submit"
          busy={busy}
          blocked={
            blocked ??
            (result && !result.ok
              ? `${result.reason}${result.widest ? ` The widest path carries at most ${unit.fmt(result.widest.bottleneck)}.` : ""}`
              : undefined)
          }
        >
          {busy ? "Paying…" : "Pay"}
        </Submit>
        <button className="btn btn-ghost" type="button" onClick={onClose}>
          Cancel
        </button>
      </form>
    </section>
  );
}

function RecordForm({ me, unit, actions }: CreditView) {
  const members = useCreditMembers().data;
  const toasts = useToasts();
  const [role, setRole] = useState<"creditor" | "debtor">("creditor");
  const [other, setOther] = useState("");
  const [amountText, setAmountText] = useState("");
  const chainNow = useChainTime();
  // Due in 30 days by chain time unless the person picks a date (empty until chain time is read).
  const [picked, setDue] = useState<string>();
  const due = picked ?? (chainNow === undefined ? "" : dateInputValue(chainNow + 30 * DAY));
  const [ref, setRef] = useState("");
  const [signed, setSigned] = useState<SignedTerms>();
  const parsed = unit.parse(amountText);
  const dueTime = Date.parse(`${due}T23:59:59`);
  const refHex = textToBytes32(ref.trim());
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    other: other ? undefined : "Choose the other party.",
    amount: "error" in parsed ? parsed.error : undefined,
    due: !due || Number.isNaN(dueTime) ? "Choose a due date." : undefined,
    ref: !ref.trim()
      ? "Give a reference (e.g. the invoice number), so both sides recognise it."
      : !refHex
        ? "Keep the reference to 31 characters."
        : undefined,
  });

  /** The obligation the fields describe, once every field is right (attempt() shows what is not). */
  function draft() {
    if (!attempt() || !me || "error" in parsed || !refHex) return undefined;
    const debtor = (role === "creditor" ? other : me) as Address;
    const creditor = (role === "creditor" ? me : other) as Address;
    return { debtor, creditor, amount: parsed.value, dueDate: BigInt(Math.floor(dueTime / 1000)), ref: refHex };
  }

  async function onRecord(ev: FormEvent) {
    ev.preventDefault();
    const d = draft();
    if (!d) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.recordObligation(d.debtor, d.creditor, d.amount, d.dueDate, d.ref);
    setBusy(false);
    if (outcome.ok) {
      setAmountText("");
      setRef("");
      resetFields();
    } else setError(outcome.error);
  }

  async function onSign() {
    const d = draft();
    if (!d) return;
    setError(undefined);
    setBusy(true);
    try {
      const { terms, signature } = await actions.signTerms(me!, d);
      const st: SignedTerms = { chainId: targetChain.id, network: creditAddress!, signer: me!, terms, signature };
      setSigned(st);
      toasts.show({
        title: "Terms signed",
        stage: "info",
        message: `Send the signed terms to ${nameOf(other)}: they record them on chain.`,
      });
    } catch (err) {
      toasts.show({ title: "Terms not signed", stage: "error", message: explainError(err).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel">
      <h2>Record an obligation</h2>
      <form className="form" onSubmit={onRecord} noValidate>
        <div className="row">
          <label className="field">
            <span>I am</span>
            <select
              value={role}
              onChange={(e) => edited(setRole)(e.target.value as "creditor" | "debtor")}
              data-testid="record-role"
            >
              <option value="creditor">the creditor: they owe me (an invoice)</option>
              <option value="debtor">the debtor: I owe them</option>
            </select>
          </label>
          <label className="field">
            <span>{role === "creditor" ? "Who owes you" : "Whom you owe"}</span>
            <MemberSelect
              members={members}
              value={other}
              onChange={edited(setOther, "other")}
              exclude={me}
              testId="record-other"
              error={problems.other}
            />
          </label>
        </div>
        <div className="row">
          <TextField
            label={<>Amount ({unit.symbol})</>}
            narrow
            value={amountText}
            onChange={edited(setAmountText, "amount")}
            inputMode="decimal"
            placeholder="250"
            testId="record-amount"
            error={problems.amount}
          />
          <TextField
            label="Due"
            narrow
            value={due}
            onChange={edited(setDue, "due")}
            type="date"
            testId="record-due"
            error={problems.due}
          />
          <TextField
            label="Reference (up to 31 characters)"
            value={ref}
            onChange={edited(setRef, "ref")}
            error={problems.ref}
            maxLength={31}
            placeholder="INV-0042 laser cutting"
            testId="record-ref"
          />
        </div>
        <p className="muted small">
          {other
            ? `${nameOf(other)} accepts it on chain; until then it is only proposed. Or sign the terms here and send them to ${nameOf(other)}, who records them (open at once, no second step).`
            : "The other party accepts it on chain; until then it is only proposed."}
        </p>
        <Outcome testId="record" error={error} />
        <div className="actions">
          <button className="btn" type="submit" disabled={busy} data-testid="record-submit">
            {busy ? "Working…" : "Record on chain"}
          </button>
          <button
            className="btn btn-secondary"
            type="button"
            disabled={busy}
            onClick={onSign}
            data-testid="record-sign"
          >
            Sign terms off-chain
          </button>
        </div>
      </form>
      {signed && <SignedOut st={signed} actions={actions} />}
    </section>
  );
}

/**
 * Terms the connected member just signed: the JSON to send, and while they are outstanding (the signer's next nonce
 * towards the counterparty is still theirs) a button that cancels them on chain, so a counterparty that holds them
 * back can never record them.
 */
function SignedOut({ st, actions }: { st: SignedTerms; actions: CreditView["actions"] }) {
  const text = useMemo(() => encodeSignedTerms(st), [st]);
  const counterparty = sameAddress(st.signer, st.terms.debtor) ? st.terms.creditor : st.terms.debtor;
  const next = useReadContract({
    address: creditAddress,
    abi: creditNetworkAbi,
    functionName: "signatureNonce",
    args: [st.signer, counterparty],
    chainId: targetChain.id,
  });
  const [busy, setBusy] = useState(false);
  const state =
    next.data === undefined
      ? undefined
      : next.data === st.terms.nonce
        ? "outstanding"
        : next.data > st.terms.nonce
          ? "used"
          : "waiting";
  return (
    <div className="signed-out" data-testid="signed-terms-out">
      <h3>Signed terms</h3>
      <p className="muted small">Valid for 7 days. Anyone may see them; only {nameOf(counterparty)} can record them.</p>
      <textarea readOnly rows={8} value={text} data-testid="signed-terms-output" />
      <p className="small" data-testid="signed-terms-state">
        Nonce {shortNonce(st.terms.nonce)} towards {nameOf(counterparty)}:{" "}
        {state === "outstanding"
          ? `outstanding — ${nameOf(counterparty)} can still record these terms until ${formatDate(Number(st.terms.deadline))}.`
          : state === "used"
            ? "used — these terms were recorded or cancelled and can no longer be recorded."
            : state === "waiting"
              ? "waiting for earlier terms of yours to be recorded or cancelled."
              : "checking…"}
      </p>
      <div className="actions">
        <button
          className="btn btn-small btn-ghost"
          type="button"
          onClick={() => void navigator.clipboard?.writeText(text)}
        >
          Copy
        </button>
        {state === "outstanding" && (
          <button
            className="btn btn-small btn-secondary"
            type="button"
            disabled={busy}
            data-testid="signed-terms-cancel"
            title="Use up this nonce on chain, so nobody can ever record these terms"
            onClick={async () => {
              setBusy(true);
              await actions.cancelTerms(counterparty, st.terms.nonce);
              setBusy(false);
              void next.refetch();
            }}
          >
            {busy ? "Cancelling…" : `Cancel these terms (nonce ${shortNonce(st.terms.nonce)})`}
          </button>
        )}
      </div>
    </div>
  );
}

function SubmitSigned({ me, unit, actions }: CreditView) {
  const [text, setText] = useState("");
  const preview = useMemo(() => {
    if (!text.trim()) return undefined;
    try {
      return { ok: true as const, st: decodeSignedTerms(text) };
    } catch (err) {
      return { ok: false as const, error: (err as Error).message };
    }
  }, [text]);
  const chainNow = useChainTime();
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    terms: !preview ? "Paste the signed terms first." : preview.ok ? pasted(preview.st, me) : preview.error,
  });
  const termsProblem = useFieldProblem(problems.terms, "signed-terms-input");
  // The network's checks in its order: the recording party, then the deadline.
  const st = preview?.ok ? preview.st : undefined;
  const blocked = !st
    ? undefined
    : !sameAddress(me, st.terms.debtor) && !sameAddress(me, st.terms.creditor)
      ? actions.refusal("NotParty", {
          account: me ?? zeroAddress,
          debtor: st.terms.debtor,
          creditor: st.terms.creditor,
        })
      : chainNow !== undefined && chainNow > Number(st.terms.deadline)
        ? actions.refusal("SignatureExpired", { deadline: st.terms.deadline, timestamp: BigInt(chainNow) })
        : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !preview?.ok || blocked) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.recordSigned(preview.st.terms, preview.st.signature);
    setBusy(false);
    if (outcome.ok) {
      setText("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>Submit signed terms</h2>
      <p className="muted small">
        Paste the terms the other party signed; recording them opens the obligation at once.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <textarea
          rows={5}
          value={text}
          onChange={(e) => edited(setText, "terms")(e.target.value)}
          placeholder='{"type": "cosmolocal.credit.signedObligationTerms.v1", …}'
          data-testid="signed-terms-input"
          {...termsProblem.control}
        />
        {termsProblem.line}
        {preview?.ok && <TermsPreview st={preview.st} unit={unit} />}
        <Outcome testId="signed-terms" error={error} />
        <Submit testId="signed-terms-submit" busy={busy} blocked={problems.terms ? undefined : blocked}>
          {busy ? "Recording…" : "Record signed obligation"}
        </Submit>
      </form>
    </section>
  );
}

/** What is wrong with pasted terms for `me` to record (another chain or network, or my own), or undefined. */
function pasted(st: SignedTerms, me: Address | undefined): string | undefined {
  if (st.chainId !== targetChain.id) return `These terms are for chain ${st.chainId}, not ${targetChain.name}.`;
  if (!sameAddress(st.network, creditAddress)) return "These terms are for another credit network.";
  const { debtor, creditor } = st.terms;
  if (sameAddress(me, st.signer))
    return `You signed these terms; ${nameOf(sameAddress(me, debtor) ? creditor : debtor)} records them.`;
  return undefined;
}

function TermsPreview({ st, unit }: { st: SignedTerms; unit: Unit }) {
  return (
    <p className="small" data-testid="signed-terms-preview">
      <strong>{nameOf(st.terms.debtor)}</strong> owes <strong>{nameOf(st.terms.creditor)}</strong>{" "}
      {unit.fmt(st.terms.amount)}, due {dateOnly(Number(st.terms.dueDate))}, reference “{refText(st.terms.ref)}” —
      signed by {nameOf(st.signer)}, valid until {formatDate(Number(st.terms.deadline))}.
    </p>
  );
}
