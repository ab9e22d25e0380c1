// The pay tab: paying a member along a path of credit lines (found over the payment graph), the route shown, and
// past payments, newest first, a page at a time.
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { useMemo, useState, type FormEvent } from "react";
import type { Address, Hex } from "viem";
import { useReadContracts } from "wagmi";
import { targetChain } from "../shared/config";
import { creditAddress } from "./contracts";
import { WalletGate } from "../shared/gate";
import { nameOf } from "../shared/names";
import { MemberSelect } from "./bits";
import type { CreditView } from "./CreditPage";
import { useCreditGraph, usePayments } from "./data";
import { findRoute, type Route } from "./paths";
import { bytes32ToText, textToBytes32 } from "../shared/units";
import { Who } from "../shared/Who";
import { AmountField } from "../shared/AmountField";
import { Outcome, useOutcome } from "../shared/Outcome";
import { TextField } from "../shared/TextField";
import { Table } from "../shared/Table";

const ZERO32 = `0x${"0".repeat(64)}` as Hex;
/** Payments per page. */
const PAGE = 50;

export function Pay(view: CreditView) {
  return (
    <>
      <WalletGate action="pay on credit">
        {!view.mine?.member ? (
          <p className="notice">Only members pay on credit. A steward admits members.</p>
        ) : (
          <PayForm {...view} />
        )}
      </WalletGate>
      <Payments {...view} />
    </>
  );
}

function PayForm({ me, unit, actions }: CreditView) {
  const graph = useCreditGraph();
  const s = graph.data;
  const [to, setTo] = useState("");
  const [amountText, setAmountText] = useState("");
  const [memo, setMemo] = useState("");
  const parsed = amountText.trim() ? unit.parse(amountText) : undefined;
  const amount = parsed && "value" in parsed ? parsed.value : undefined;
  const memoHex = textToBytes32(memo);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    to: to ? undefined : "Choose whom to pay.",
    amount: !parsed ? `Enter an amount in ${unit.symbol}.` : "error" in parsed ? parsed.error : undefined,
    memo: memoHex ? undefined : "Keep the memo to 31 characters (letters outside A–Z count double).",
  });
  const result = useMemo(
    () => (s && me && to && amount ? findRoute(s, me, to as Address, amount) : undefined),
    [s, me, to, amount],
  );

  async function send(path: Address[]) {
    if (!attempt() || !amount || !memoHex) return;
    setError(undefined);
    setBusy(true);
    setDone(undefined);
    const outcome = await actions.pay(path, amount, memo ? memoHex : ZERO32);
    setBusy(false);
    if (outcome.ok) {
      setDone(`Paid ${nameOf(to)} ${unit.fmt(amount)}.`);
      setAmountText("");
      setMemo("");
      resetFields();
    } else setError(outcome.error);
  }

  function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    // Without a route (fields not filled in yet), the attempt shows what is missing.
    if (result?.ok) void send(result.route.nodes.slice(1));
    else attempt();
  }

  return (
    <section className="panel">
      <h2>Pay a member</h2>
      <p className="muted small">
        The payment runs on credit lines: directly when the recipient gives you a line (or owes you), otherwise along a
        path of members, each hop within its own line. The path is found here in your browser before you sign.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <label className="field">
            <span>Pay</span>
            <MemberSelect
              members={s?.members}
              value={to}
              onChange={edited(setTo, "to")}
              exclude={me}
              testId="pay-to"
              includeSuspended
              error={problems.to}
            />
          </label>
          <AmountField
            label={`Amount (${unit.symbol})`}
            value={amountText}
            onChange={edited(setAmountText, "amount")}
            error={problems.amount}
            placeholder="100"
            testId="pay-amount"
          />
          <TextField
            label="Memo (optional, up to 31 characters)"
            value={memo}
            onChange={edited(setMemo, "memo")}
            placeholder="bike repair"
            maxLength={31}
            testId="pay-memo"
            error={problems.memo}
          />
        </div>

        {result && amount && (
          <div className="route" data-testid="pay-route">
            {result.ok ? (
              <RouteView route={result.route} view={{ unit, me }} />
            ) : (
              <>
                <p className="error" data-testid="route-none">
                  {result.reason}
                  {result.widest &&
                    ` The widest path (${result.widest.nodes.map(nameOf).join(" → ")}) carries at most ${unit.fmt(result.widest.bottleneck)}.`}
                </p>
                <p className="muted small">
                  You can still send it on the direct line: the network checks every line and will say what stops it.
                </p>
                <button
                  type="button"
                  className="btn btn-ghost"
                  disabled={busy}
                  data-testid="pay-direct"
                  onClick={() => send([to as Address])}
                >
                  Send directly anyway
                </button>
              </>
            )}
          </div>
        )}
        <Outcome testId="pay" error={error} done={done} />
        <button className="btn" type="submit" disabled={busy || (!!result && !result.ok)} data-testid="pay-submit">
          {busy
            ? "Paying…"
            : amount && to
              ? `Pay ${nameOf(to)} ${unit.fmt(amount)}${result?.ok && result.route.hops.length > 1 ? ` via ${result.route.nodes.slice(1, -1).map(nameOf).join(", ")}` : ""}`
              : "Pay"}
        </button>
      </form>
    </section>
  );
}

function RouteView({ route, view }: { route: Route; view: Pick<CreditView, "unit" | "me"> }) {
  const { unit, me } = view;
  const onChain = useReadContracts({
    contracts: route.hops.map((h) => ({
      address: creditAddress!,
      abi: creditNetworkAbi,
      functionName: "payCapacity" as const,
      args: [h.from, h.to] as const,
      chainId: targetChain.id,
    })),
  });
  return (
    <>
      <p>
        <strong>{route.hops.length === 1 ? "Direct payment" : `Path of ${route.hops.length} hops`}: </strong>
        <span data-testid="route-path">{route.nodes.map(nameOf).join(" → ")}</span>
      </p>
      <ol className="hops">
        {route.hops.map((h, i) => {
          const chain = onChain.data?.[i]?.result as bigint | undefined;
          return (
            <li key={i} data-testid={`route-hop-${i}`}>
              <Who address={h.from} me={me} /> → <Who address={h.to} me={me} />
              <span className="muted">
                {" "}
                · capacity <span data-testid="hop-capacity">{unit.fmt(h.capacity)}</span>
              </span>
              {chain !== undefined && (
                <span className={chain === h.capacity ? "muted small" : "error small"}>
                  {chain === h.capacity ? " · confirmed on chain" : ` · on chain now ${unit.fmt(chain)}`}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="small" data-testid="route-fee">
        Fee: none — intermediaries&apos; positions don&apos;t change
        {route.hops.length > 1 &&
          ` (${route.nodes.slice(1, -1).map(nameOf).join(", ")} ${route.hops.length > 2 ? "receive and pass on" : "receives and passes on"} the same amount)`}
        .
      </p>
    </>
  );
}

function Payments({ me, unit }: CreditView) {
  // The `before` cursors of the pages above the one shown (none: the newest page).
  const [cursors, setCursors] = useState<bigint[]>([]);
  const before = cursors[cursors.length - 1];
  const page = usePayments({ account: me, before, first: PAGE });
  const list = page.data?.items ?? [];
  const next = page.data?.next;
  return (
    <section className="panel">
      <h2>{me ? "My payments" : "Payments"}</h2>
      {page.isLoading ? (
        <p className="muted">Loading the payments…</p>
      ) : page.error ? (
        <p className="error">Could not read the payments: {page.error.message}</p>
      ) : list.length === 0 ? (
        <p className="muted">{before === undefined ? "No payments yet." : "No older payments."}</p>
      ) : (
        <Table
          testId="payments-table"
          head={
            <>
              <th>From</th>
              <th>To</th>
              <th className="num">Amount</th>
              <th>Route</th>
              <th>Memo</th>
              <th className="num">Block</th>
            </>
          }
        >
          {list.map((p, i) => {
            const text = bytes32ToText(p.memo);
            return (
              <tr key={`${p.txHash}-${i}`}>
                <td>
                  <Who address={p.from} me={me} />
                </td>
                <td>
                  <Who address={p.to} me={me} />
                </td>
                <td className="num">{unit.fmt(p.amount)}</td>
                <td className="small">{p.hops === 1 ? "direct" : p.route.map(nameOf).join(" → ")}</td>
                <td className="small">
                  {p.obligationId !== undefined
                    ? `obligation #${p.obligationId}`
                    : (text ?? <code data-hash>{p.memo.slice(0, 10)}…</code>)}
                </td>
                <td className="num muted">{p.blockNumber.toString()}</td>
              </tr>
            );
          })}
        </Table>
      )}
      {(before !== undefined || next !== undefined) && (
        <div className="actions">
          <button
            className="btn btn-small btn-ghost"
            disabled={before === undefined}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            data-testid="payments-newer"
          >
            Newer
          </button>
          <button
            className="btn btn-small btn-ghost"
            disabled={next === undefined}
            onClick={() => next !== undefined && setCursors((c) => [...c, next])}
            data-testid="payments-older"
          >
            Older
          </button>
        </div>
      )}
    </section>
  );
}
