// Depositing into my own account: its balance, its cap (the most it may hold at my level) and the room left under it,
// arrears first (a deposit repays them before the balance grows), and my wallet's balance of the currency. The circle
// pulls the deposit, so the currency is approved first — only for a deposit the circle takes: one above the cap is
// refused by the contract itself, in its words, before any approval.
import { useState, type FormEvent } from "react";
import { erc20Abi, type Address } from "viem";
import { useReadContract } from "wagmi";
import { AmountField } from "../shared/AmountField";
import { targetChain } from "../shared/config";
import { Figure } from "../shared/Figure";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { Money } from "./bits";
import { levelName } from "./errors";
import { inCircle } from "./rules";
import type { CircleScreen } from "./SolidarityPage";

export function Deposit(view: CircleScreen) {
  const { me } = view;
  return (
    <section className="panel">
      <h2>Deposit into my account</h2>
      <WalletGate action="deposit">{me && <DepositForm {...view} me={me} />}</WalletGate>
    </section>
  );
}

function DepositForm({ circle: c, unit, me, mine, actions }: CircleScreen & { me: Address }) {
  const [amount, setAmount] = useState("");
  const parsed = unit.parse(amount);
  const wallet = useReadContract({
    address: c.rules.currency,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [me],
    chainId: targetChain.id,
  });
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    amount: "error" in parsed ? parsed.error : undefined,
  });
  const member = inCircle(mine) ? mine : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || "error" in parsed) return;
    setBusy(true);
    const out = await actions.deposit(c.id, me, mine, parsed.value, c.rules.currency);
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setDone(`Deposited ${unit.fmt(parsed.value)} into your account.`);
    setAmount("");
    resetFields();
  }

  return (
    <>
      {member ? (
        <dl className="figures figures-wide" data-testid="deposit-figures">
          <Figure label="My balance" testId="deposit-balance">
            <Money value={member.balance} unit={unit} />
          </Figure>
          <Figure label={`Cap at ${levelName(member.level)}`} title="The most my account may hold" testId="deposit-cap">
            <Money value={member.cap} unit={unit} />
          </Figure>
          <Figure label="Room under the cap" title="The most a deposit may add now" testId="deposit-room">
            <Money value={member.room} unit={unit} />
          </Figure>
          <Figure label="Monthly deposit" testId="deposit-monthly">
            <Money value={member.monthlyDeposit} unit={unit} />
          </Figure>
          {wallet.data !== undefined && (
            <Figure label={`My wallet's ${unit.symbol}`} testId="deposit-wallet">
              <Money value={wallet.data} unit={unit} />
            </Figure>
          )}
        </dl>
      ) : null}
      {member && member.arrears > 0n && (
        <p className="warning" data-testid="deposit-arrears">
          Your account is in arrears by <Money value={member.arrears} unit={unit} />: a deposit repays that first. Until
          it does, you cannot withdraw, claim, change level or leave.
        </p>
      )}
      <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="deposit-form">
        <AmountField
          label={`Amount (${unit.symbol})`}
          value={amount}
          onChange={edited(setAmount, "amount")}
          error={problems.amount}
          placeholder={member ? unit.num(member.monthlyDeposit) : "0"}
          testId="deposit-amount"
        />
        {member && (
          <div className="actions">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => edited(setAmount, "amount")(unit.num(member.monthlyDeposit).replace(/,/g, ""))}
              data-testid="deposit-month"
            >
              One month
            </button>
            {member.room > 0n && (
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => edited(setAmount, "amount")(unit.num(member.room).replace(/,/g, ""))}
                data-testid="deposit-fill"
              >
                Up to the cap
              </button>
            )}
          </div>
        )}
        <Submit
          testId="deposit-submit"
          busy={busy}
          blocked={
            member ? undefined : actions.refusal({ name: "NotCircleMember", args: { circleId: c.id, account: me } })
          }
        >
          Deposit
        </Submit>
        <Outcome testId="deposit" error={error} done={done} />
      </form>
    </>
  );
}
