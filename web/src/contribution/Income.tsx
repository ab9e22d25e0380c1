// A project's income: claiming what is owed to me (folded from the ledger's events by the reader), paying ETH or token
// income in, and the newest payments.
import { useState, type FormEvent } from "react";
import { erc20Abi, parseUnits, type Address } from "viem";
import { useBalance, useReadContract } from "wagmi";
import { usePayments, type Me, type Project } from "./data";
import { targetChain } from "../shared/config";
import { formatAmount, formatInt, isEth } from "../shared/format";
import { Who } from "../shared/Who";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { Table } from "../shared/Table";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { TextField } from "../shared/TextField";

/** Payments the "Recent payments" panel shows. */
const RECENT_PAYMENTS = 30;

export function Income({ project, me, mine }: { project: Project; me?: Address; mine?: Me }) {
  return (
    <>
      <ClaimPanel project={project} mine={mine} />
      <PayPanel project={project} me={me} />
      <FlowsPanel project={project} me={me} />
    </>
  );
}

function ClaimPanel({ project, mine }: { project: Project; mine?: Me }) {
  const actions = useContributionWrites();
  const tokens = project.income.map((b) => b.token);
  const [busy, setBusy] = useState<string>();
  const claimedByMe = (token: Address) => mine?.income[token.toLowerCase()]?.claimed ?? 0n;

  return (
    <section className="panel">
      <h2>Your share</h2>
      <WalletGate action="see and claim your share">
        <p className="muted small">
          You hold {formatInt(mine?.points ?? 0n)} of {formatInt(project.totalPoints)} points. Income that arrived after
          your points were minted is owed to you; claiming sends it to your wallet.
        </p>
        <Table
          head={
            <>
              <th>Token</th>
              <th className="num">Claimable now</th>
              <th className="num">You claimed so far</th>
              <th />
            </>
          }
        >
          {tokens.map((t) => {
            const amount = mine?.income[t.address.toLowerCase()]?.claimable;
            return (
              <tr key={t.address}>
                <td>{t.symbol}</td>
                <td className="num" data-testid={`claimable-${t.symbol}`}>
                  {amount === undefined ? "…" : formatAmount(amount, t.decimals, 6)}
                </td>
                <td className="num" data-testid={`my-claimed-${t.symbol}`}>
                  {formatAmount(claimedByMe(t.address), t.decimals, 6)}
                </td>
                <td className="num">
                  <button
                    className="btn btn-small"
                    data-testid={`claim-${t.symbol}`}
                    disabled={!amount || busy === t.address}
                    title={!amount ? "Nothing is owed to you in this token right now." : undefined}
                    onClick={async () => {
                      setBusy(t.address);
                      await actions.claim(project.id, t.address, t.symbol);
                      setBusy(undefined);
                    }}
                  >
                    {busy === t.address ? "Claiming…" : `Claim ${t.symbol}`}
                  </button>
                </td>
              </tr>
            );
          })}
        </Table>
      </WalletGate>
    </section>
  );
}

function PayPanel({ project, me }: { project: Project; me?: Address }) {
  const actions = useContributionWrites();
  const tokens = project.income.map((b) => b.token);
  const [tokenAddr, setTokenAddr] = useState<Address>(tokens[0].address);
  const [amount, setAmount] = useState("");
  const token = tokens.find((t) => t.address === tokenAddr) ?? tokens[0];
  const eth = isEth(token.address);
  const ethBalance = useBalance({ address: me, chainId: targetChain.id, query: { enabled: !!me && eth } });
  // The payer's wallet balance: one view call for the connected account (ETH or the chosen token).
  const tokenBalance = useReadContract({
    address: eth ? undefined : token.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: me ? [me] : undefined,
    chainId: targetChain.id,
    query: { enabled: !eth && !!me },
  });
  const balance = eth ? ethBalance.data?.value : tokenBalance.data;
  const text = amount.trim();
  const value =
    /^\d*\.?\d*$/.test(text) && text !== "" && text !== "." && (text.split(".")[1]?.length ?? 0) <= token.decimals
      ? parseUnits(text, token.decimals)
      : undefined;
  const { error, setError, busy, setBusy, edited, problems, attempt } = useOutcome({
    amount:
      value === undefined
        ? /^\d*\.\d+$/.test(text)
          ? `${token.symbol} has at most ${token.decimals} decimals.`
          : `Enter an amount of ${token.symbol}, like 1.5.`
        : value === 0n
          ? actions.refusal("ZeroAmount", {})
          : balance !== undefined && value > balance
            ? `Your wallet holds only ${formatAmount(balance, token.decimals, 6)} ${token.symbol}.`
            : undefined,
  });
  // Income is shared among point holders: with none, the ledger refuses it.
  const blocked = project.totalPoints === 0n ? actions.refusal("NoPointHolders", { projectId: project.id }) : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || value === undefined || blocked) return;
    setError(undefined);
    setBusy(true);
    const outcome = eth
      ? await actions.depositEth(project.id, value)
      : await actions.depositToken(project.id, token.address, value, token.symbol, me!);
    setBusy(false);
    if (outcome.ok) setAmount("");
    else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>Pay income into the project</h2>
      <p className="muted small">
        Anyone can pay: a client, a grant, a sale. The amount is shared at once among current point holders, pro rata.
      </p>
      <WalletGate action="pay income">
        <form className="form" onSubmit={onSubmit} noValidate>
          <div className="row">
            <label className="field field-narrow">
              <span>Token</span>
              <select
                value={tokenAddr}
                onChange={(e) => edited(setTokenAddr, "amount")(e.target.value as Address)}
                data-testid="pay-token"
              >
                {tokens.map((t) => (
                  <option key={t.address} value={t.address}>
                    {t.symbol}
                  </option>
                ))}
              </select>
            </label>
            <TextField
              label="Amount"
              inputMode="decimal"
              value={amount}
              onChange={edited(setAmount, "amount")}
              placeholder="e.g. 0.5"
              testId="pay-amount"
              error={problems.amount}
            />
          </div>
          {balance !== undefined && (
            <p className="muted small">
              Your balance: {formatAmount(balance, token.decimals, 4)} {token.symbol}
            </p>
          )}
          <Outcome testId="pay" error={error} />
          <Submit testId="pay-submit" busy={busy} blocked={blocked}>
            {busy ? "Paying…" : `Pay ${token.symbol}`}
          </Submit>
        </form>
      </WalletGate>
    </section>
  );
}

function FlowsPanel({ project, me }: { project: Project; me?: Address }) {
  const { data } = usePayments(project.id, RECENT_PAYMENTS);
  const rows = data?.items ?? [];
  return (
    <section className="panel">
      <h2>Recent payments</h2>
      {data?.more && (
        <p className="muted small">
          The newest {RECENT_PAYMENTS} of {formatInt(project.paymentCount)} payments.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">No income has been paid in yet.</p>
      ) : (
        <Table
          head={
            <>
              <th>Block</th>
              <th>Flow</th>
              <th>Account</th>
              <th className="num">Amount</th>
            </>
          }
        >
          {rows.map((r) => (
            <tr key={`${r.txHash}-${r.flow}-${r.token.address}-${r.account}`}>
              <td>{r.blockNumber.toString()}</td>
              <td>
                {r.flow === "in" ? (
                  <span className="badge badge-accepted">paid in</span>
                ) : (
                  <span className="badge badge-pending">paid out</span>
                )}
              </td>
              <td>
                <Who address={r.account} me={me} />
              </td>
              <td className="num">
                {formatAmount(r.amount, r.token.decimals, 6)} {r.token.symbol}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
