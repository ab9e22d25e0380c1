// My own account in the circle: what I deposited, what it gave to others' gifts, what I received while I could not
// work, its balance (settled to the circle's index here, to the last unit), arrears, floor and cap; then withdrawing
// what is above the floor, changing my level, and leaving with my whole balance. Each is refused in the contract's words
// before it is sent when the rules say no (in arrears, a claim open, the level-change gap, …).
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useAct } from "../shared/act";
import { AmountField } from "../shared/AmountField";
import { formatDate } from "../shared/format";
import { Figure } from "../shared/Figure";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { levelText, Money, StandingBadge } from "./bits";
import { levelName } from "./errors";
import { changeLevelRefusal, inCircle, leaveRefusal, withdrawRefusal } from "./rules";
import type { CircleScreen } from "./SolidarityPage";

export function Account(view: CircleScreen) {
  const { me, mine } = view;
  return (
    <>
      <section className="panel">
        <h2>My account</h2>
        <WalletGate action="see your account">{me && <AccountBody {...view} me={me} />}</WalletGate>
      </section>
      {me && inCircle(mine) && (
        <>
          <section className="panel">
            <WithdrawForm {...view} me={me} />
          </section>
          <section className="panel">
            <ChangeLevel {...view} me={me} />
          </section>
          <section className="panel">
            <Leave {...view} me={me} />
          </section>
        </>
      )}
    </>
  );
}

function AccountBody(view: CircleScreen & { me: Address }) {
  const { unit, mine: m } = view;
  if (!m)
    return (
      <p className="notice" data-testid="account-none">
        You have not asked to join this circle.
      </p>
    );
  return (
    <>
      <p>
        <StandingBadge member={m} /> {levelText(m.level, view.circle.levels[m.level], unit)}.
      </p>
      <dl className="figures figures-wide" data-testid="account-figures">
        <Figure label="Deposited" testId="account-deposited">
          <Money value={m.deposited} unit={unit} />
        </Figure>
        <Figure label="Gifted to others" title="Taken from my account for the others' gifts" testId="account-gifted">
          <Money value={m.gifted} unit={unit} />
        </Figure>
        <Figure label="Received" title="Gifts paid to me while I could not work" testId="account-received">
          <Money value={m.received} unit={unit} />
        </Figure>
        <Figure label="Balance" testId="account-balance">
          <Money value={m.balance} unit={unit} />
        </Figure>
        <Figure label="Arrears" testId="account-arrears">
          <Money value={m.arrears} unit={unit} />
        </Figure>
        <Figure label="Floor" title="What a withdrawal must leave" testId="account-floor">
          <Money value={m.floor} unit={unit} />
        </Figure>
        <Figure label="Cap" title="The most the account may hold" testId="account-cap">
          <Money value={m.cap} unit={unit} />
        </Figure>
        <Figure label="Withdrawable" title="What is above the floor" testId="account-available">
          <Money value={m.available} unit={unit} />
        </Figure>
        {(m.withdrawn > 0n || m.leftWith > 0n) && (
          <Figure label="Withdrawn and taken on leaving" testId="account-withdrawn">
            <Money value={m.withdrawn + m.leftWith} unit={unit} />
          </Figure>
        )}
        {m.writtenOff > 0n && (
          <Figure label="Arrears written off" testId="account-written-off">
            <Money value={m.writtenOff} unit={unit} />
          </Figure>
        )}
      </dl>
      {inCircle(m) && (
        <p className="muted small" data-testid="account-dates">
          {m.joinedAt !== undefined && `Member since ${formatDate(m.joinedAt)}. `}
          May report a claim from {formatDate(m.claimableFrom)}; may change level from{" "}
          {formatDate(m.levelChangeableFrom)}.
        </p>
      )}
      {m.status === "None" && m.leftAt !== undefined && (
        <p className="muted small" data-testid="account-left">
          {m.removed ? "Removed in arrears" : "Left"} on {formatDate(m.leftAt)}.
        </p>
      )}
    </>
  );
}

function WithdrawForm({ circle: c, unit, me, mine, actions }: CircleScreen & { me: Address }) {
  const [amount, setAmount] = useState("");
  const parsed = unit.parse(amount);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    amount: "error" in parsed ? parsed.error : undefined,
  });
  const refusal = "value" in parsed ? withdrawRefusal(c.id, me, mine, parsed.value, c.pool) : undefined;
  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || "error" in parsed) return;
    setBusy(true);
    const out = await actions.withdraw(c.id, parsed.value);
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setDone(`Withdrew ${unit.fmt(parsed.value)}.`);
    setAmount("");
    resetFields();
  }
  return (
    <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="withdraw-form">
      <h2>Withdraw</h2>
      <AmountField
        label={`Amount (${unit.symbol})`}
        value={amount}
        onChange={edited(setAmount, "amount")}
        error={problems.amount}
        placeholder={mine ? unit.num(mine.available) : "0"}
        testId="withdraw-amount"
      />
      <Submit testId="withdraw-submit" busy={busy} blocked={refusal && actions.refusal(refusal)}>
        Withdraw
      </Submit>
      <Outcome testId="withdraw" error={error} done={done} />
    </form>
  );
}

function ChangeLevel({ circle: c, unit, me, mine, actions, now }: CircleScreen & { me: Address }) {
  const [level, setLevel] = useState(() => (mine && mine.level + 1 < c.levels.length ? mine.level + 1 : 0));
  const { error, setError, busy, setBusy, done, setDone } = useOutcome();
  const refusal = now === undefined ? undefined : changeLevelRefusal(c, me, mine, level, now);
  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setBusy(true);
    const out = await actions.changeLevel(c.id, level);
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setDone(`You are now at ${levelName(level)}.`);
  }
  return (
    <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="level-form">
      <h2>Change my level</h2>
      <p className="muted small">
        A higher level insures a higher benefit only after a new waiting period; a lower one needs the balance under its
        cap.
      </p>
      <label className="field">
        <span>New level</span>
        <select value={level} onChange={(e) => setLevel(Number(e.target.value))} data-testid="level-choice">
          {c.levels.map((x, i) => (
            <option key={i} value={i}>
              {levelText(i, x, unit)}
            </option>
          ))}
        </select>
      </label>
      <Submit testId="level-submit" busy={busy} blocked={refusal && actions.refusal(refusal)}>
        Change level
      </Submit>
      <Outcome testId="level" error={error} done={done} />
    </form>
  );
}

function Leave({ circle: c, unit, me, mine, actions }: CircleScreen & { me: Address }) {
  const [sure, setSure] = useState(false);
  const { busy, error, act } = useAct();
  const refusal = leaveRefusal(c.id, me, mine, c.pool);
  const balance = mine?.balance ?? 0n;
  return (
    <div className="form" data-testid="leave">
      <h2>Leave the circle</h2>
      <p className="small">
        You take your whole balance, <Money value={balance} unit={unit} testId="leave-amount" />, and stop funding the
        others' gifts.
      </p>
      {refusal ? (
        <p className="muted small" data-testid="leave-blocked">
          {actions.refusal(refusal)}
        </p>
      ) : !sure ? (
        <div className="actions">
          <button type="button" className="btn btn-ghost" onClick={() => setSure(true)} data-testid="leave-start">
            Leave…
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="btn"
            disabled={!!busy}
            onClick={() => void act("leave", () => actions.leave(c.id, balance))}
            data-testid="leave-confirm"
          >
            Leave and take {unit.fmt(balance)}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setSure(false)}>
            Stay
          </button>
        </div>
      )}
      {error && (
        <p className="error small" data-testid="leave-error">
          {error}
        </p>
      )}
    </div>
  );
}
