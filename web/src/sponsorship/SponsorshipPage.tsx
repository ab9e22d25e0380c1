// The coordinators' view of the co-op's gas sponsorship: the paymaster's deposit and a top-up, the current budget
// period, the default budget and the coordinators' cap, spending per member in a period and per period, members' own
// budgets with the coordinators' form, the allowed call targets, and the recent sponsored operations.
import { contributionLedgerAbi, COORDINATOR_ROLE, membersPaymasterAbi } from "@cosmolocal/sdk";
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { AddressField, parseAddress } from "../shared/AddressField";
import { AmountField } from "../shared/AmountField";
import { BarChart } from "../shared/Chart";
import { formatCountdown, useChainTime } from "../shared/chainTime";
import { explorerLink, targetChain } from "../shared/config";
import { Figure } from "../shared/Figure";
import { formatDate, formatDuration, formatInt, sameAddress, shortHash } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { nameOf } from "../shared/names";
import { Outcome, useOutcome } from "../shared/Outcome";
import { ShowMore } from "../shared/ShowMore";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { unitOf } from "../shared/units";
import { useWallet } from "../shared/wallet";
import { Who } from "../shared/Who";
import { contractName, paymasterAddress } from "./contracts";
import {
  useCallTargetPages,
  useMemberSpendingPages,
  useOwnBudgetPages,
  usePaymasterInfo,
  usePeriodSpending,
  useRecentSponsorships,
  type PaymasterInfo,
} from "./data";
import { eth } from "./errors";
import { useSponsorshipWrites } from "./writes";

const ETH = unitOf({ decimals: 18, symbol: "ETH" });
/** Periods the chart shows: the current one and those before it. */
const CHART_PERIODS = 12;
const paymaster = { address: paymasterAddress, abi: membersPaymasterAbi, chainId: targetChain.id } as const;

/** The paymaster's fixed period grid and the period the chain's latest block falls in. */
function usePeriodGrid() {
  const grid = useReadContracts({
    contracts: [
      { ...paymaster, functionName: "PERIOD_ORIGIN" },
      { ...paymaster, functionName: "PERIOD_LENGTH" },
    ],
    allowFailure: false,
    query: { staleTime: Infinity },
  });
  const now = useChainTime();
  if (!grid.data || now === undefined) return undefined;
  const [origin, length] = grid.data.map(Number);
  return {
    now,
    length,
    /** The period new operations name (the contract's currentPeriod at the latest block). */
    current: now < origin ? 0 : Math.floor((now - origin) / length),
    bounds: (period: number) => ({ start: origin + period * length, end: origin + (period + 1) * length }),
  };
}
type PeriodGrid = NonNullable<ReturnType<typeof usePeriodGrid>>;

export function SponsorshipPage() {
  const info = usePaymasterInfo();
  const grid = usePeriodGrid();
  const deposit = useReadContract({ ...paymaster, functionName: "getDeposit" });
  if (info.error) return <p className="error">Could not read the paymaster: {info.error.message}</p>;
  if (!info.data || !grid) return <p className="muted">Loading…</p>;
  const i = info.data;
  const { start, end } = grid.bounds(grid.current);
  return (
    <>
      <section className="panel">
        <h2>Sponsored gas</h2>
        <p className="muted small">
          The co-op pays its members' gas for calls to its own contracts, from a deposit at the EntryPoint, within a
          budget per member and period. Anyone may top the deposit up; only the council withdraws it.
        </p>
        <dl className="figures figures-wide">
          <Figure label="Deposit" title="What the paymaster holds at the EntryPoint to pay gas" testId="gas-deposit">
            {deposit.data === undefined ? "…" : eth(deposit.data)}
            {deposit.data !== undefined && i.sponsoredCount > 0 && i.totalSpent > 0n && (
              <span className="muted small">
                {" "}
                · about {formatInt((deposit.data * BigInt(i.sponsoredCount)) / i.totalSpent)} operations at the average
                cost
              </span>
            )}
          </Figure>
          <Figure label="Current period" testId="gas-current-period">
            {grid.current} · ends in {formatCountdown(end, grid.now)}
          </Figure>
          <Figure label="Default budget" title="Per member and period, for members without a budget of their own">
            <span data-testid="gas-default-budget">{eth(i.defaultBudget)}</span>
          </Figure>
          <Figure label="Coordinators' cap" title="The most a coordinator may give one member per period">
            <span data-testid="gas-coordinator-cap">{eth(i.coordinatorBudgetCap)}</span>
          </Figure>
          <Figure label="Paid so far" testId="gas-total">
            {eth(i.totalSpent)} · {formatInt(i.sponsoredCount)} operations
          </Figure>
        </dl>
        <p className="small muted" data-testid="gas-period-bounds">
          Period {grid.current} runs from {formatDate(start)} to {formatDate(end)} (periods last{" "}
          {formatDuration(grid.length)}).
        </p>
        <TopUp />
      </section>
      <PeriodChart grid={grid} />
      <Spending grid={grid} />
      <Budgets info={i} />
      <Sponsorships />
      <CallTargets />
    </>
  );
}

function TopUp() {
  const actions = useSponsorshipWrites();
  const [amountText, setAmountText] = useState("");
  const amount = ETH.parse(amountText);
  const { error, setError, done, setDone, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    amount: "error" in amount ? amount.error : undefined,
  });

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !("value" in amount)) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.topUp(amount.value);
    setBusy(false);
    if (outcome.ok) {
      setDone(`Added ${eth(amount.value)} to the deposit.`);
      setAmountText("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <WalletGate action="top up the deposit">
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <AmountField
            label="Top up (ETH)"
            value={amountText}
            onChange={edited(setAmountText, "amount")}
            error={problems.amount}
            placeholder="0.5"
            testId="gas-topup-amount"
          />
        </div>
        <Outcome testId="gas-topup" error={error} done={done} />
        <Submit testId="gas-topup-submit" busy={busy}>
          {busy ? "Sending…" : "value" in amount ? `Add ${eth(amount.value)}` : "Top up"}
        </Submit>
      </form>
    </WalletGate>
  );
}

/** What the paymaster paid per period, the current one and the ones before it. */
function PeriodChart({ grid }: { grid: PeriodGrid }) {
  const from = Math.max(0, grid.current - CHART_PERIODS + 1);
  const periods = usePeriodSpending(from, grid.current);
  const byPeriod = new Map(periods.data?.map((p) => [p.period, p]));
  const bars = Array.from({ length: grid.current - from + 1 }, (_, k) => {
    const period = grid.current - k;
    const p = byPeriod.get(period);
    const starts = new Date(grid.bounds(period).start * 1000);
    return {
      label: `#${period} · ${starts.toLocaleDateString(undefined, { month: "short", day: "numeric" })}`,
      value: ETH.float(p?.spent ?? 0n),
      display: p ? `${eth(p.spent)} · ${p.members} member${p.members === 1 ? "" : "s"}` : "nothing",
      highlight: period === grid.current,
    };
  });
  return (
    <section className="panel" data-testid="gas-periods">
      <h3>Gas paid per period</h3>
      {periods.error ? (
        <p className="error small">Could not read the periods: {periods.error.message}</p>
      ) : !periods.data ? (
        <p className="muted small">Loading…</p>
      ) : (
        <BarChart
          bars={bars}
          title="Gas the co-op paid per budget period, newest first (the current one highlighted)"
          labelWidth={110}
          valueWidth={190}
        />
      )}
    </section>
  );
}

/** Members' spending in one period (the current one, or an earlier one picked). */
function Spending({ grid }: { grid: PeriodGrid }) {
  const { address: me } = useWallet();
  const [picked, setPicked] = useState<number>();
  const period = Math.min(picked ?? grid.current, grid.current);
  const list = useMemberSpendingPages(period);
  const { start, end } = grid.bounds(period);
  return (
    <section className="panel" data-testid="gas-spending">
      <h3>Spending per member</h3>
      <div className="actions">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={period === 0}
          onClick={() => setPicked(period - 1)}
          data-testid="gas-period-earlier"
        >
          ← Earlier
        </button>
        <span data-testid="gas-period-shown">
          Period {period}
          {period === grid.current ? " (now)" : ""} · {formatDate(start)} – {formatDate(end)}
        </span>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={period === grid.current}
          onClick={() => setPicked(period + 1)}
          data-testid="gas-period-later"
        >
          Later →
        </button>
      </div>
      <Table
        testId="gas-spending-table"
        head={
          <>
            <th>Member</th>
            <th className="num">Operations</th>
            <th className="num">Spent</th>
          </>
        }
      >
        <ListRows list={list} columns={3} what="spending" empty="The co-op paid no gas in this period." />
        {list.items?.map((s) => (
          <tr key={s.member} data-testid={`gas-spending-${s.member}`}>
            <td>
              <Who address={s.member} me={me} />
            </td>
            <td className="num">{formatInt(s.count)}</td>
            <td className="num">{eth(s.spent)}</td>
          </tr>
        ))}
      </Table>
      <ShowMore pages={list} testId="gas-spending-more" />
    </section>
  );
}

/** Whether `me` may set members' budgets: the owner, or a coordinator of the paymaster's contribution project. */
function useBudgetAdmin(me: Address | undefined, info: PaymasterInfo) {
  const source = useReadContracts({
    contracts: [
      { ...paymaster, functionName: "LEDGER" },
      { ...paymaster, functionName: "PROJECT_ID" },
    ],
    allowFailure: false,
    query: { staleTime: Infinity },
  });
  const [ledger, projectId] = source.data ?? [];
  const roles = useReadContract({
    address: ledger,
    abi: contributionLedgerAbi,
    chainId: targetChain.id,
    functionName: "rolesOf",
    args: [projectId ?? 0n, me!],
    query: { enabled: !!me && !!ledger && !!projectId },
  });
  const owner = sameAddress(me, info.owner);
  if (!me) return { owner, admin: false };
  if (owner) return { owner, admin: true };
  return { owner, admin: roles.data === undefined ? undefined : (roles.data & COORDINATOR_ROLE) !== 0 };
}

/** Members' own budgets, and the form a coordinator sets or clears one with. */
function Budgets({ info }: { info: PaymasterInfo }) {
  const { address: me } = useWallet();
  const list = useOwnBudgetPages();
  return (
    <section className="panel" data-testid="gas-budgets">
      <h3>Members' own budgets</h3>
      <p className="muted small">
        Every other member has the default budget of {eth(info.defaultBudget)} per period. Coordinators give a member up
        to {eth(info.coordinatorBudgetCap)}; more needs a council decision. A budget of 0 stops a member's sponsorship.
      </p>
      <Table
        testId="gas-budgets-table"
        head={
          <>
            <th>Member</th>
            <th className="num">Budget per period</th>
            <th>Set by</th>
          </>
        }
      >
        <ListRows list={list} columns={3} what="budgets" empty="No member has a budget of its own." />
        {list.items?.map((b) => (
          <tr key={b.member} data-testid={`gas-budget-${b.member}`}>
            <td>
              <Who address={b.member} me={me} />
            </td>
            <td className="num">{eth(b.amount)}</td>
            <td>
              <Who address={b.setBy} me={me} />
            </td>
          </tr>
        ))}
      </Table>
      <ShowMore pages={list} testId="gas-budgets-more" />
      <WalletGate action="set members' budgets">
        <BudgetForm info={info} me={me} />
      </WalletGate>
    </section>
  );
}

function BudgetForm({ info, me }: { info: PaymasterInfo; me: Address | undefined }) {
  const actions = useSponsorshipWrites();
  const { owner, admin } = useBudgetAdmin(me, info);
  const [memberText, setMemberText] = useState("");
  const [amountText, setAmountText] = useState("");
  const member = parseAddress(memberText);
  // 0 is a budget (it stops the member's sponsorship): a zero amount is taken as such, any other as a number of ETH.
  const amount = /^\s*0+(\.0*)?\s*$/.test(amountText) ? { value: 0n } : ETH.parse(amountText);
  const { error, setError, done, setDone, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    member: "error" in member ? member.error : undefined,
    amount: "error" in amount ? amount.error : undefined,
  });
  const notAdmin = me && admin === false ? actions.refusal("NotBudgetAdmin", { account: me }) : undefined;
  const aboveCap =
    admin && !owner && "value" in amount && amount.value > info.coordinatorBudgetCap
      ? actions.refusal("BudgetAboveCoordinatorCap", { amount: amount.value, cap: info.coordinatorBudgetCap })
      : undefined;

  async function send(run: () => ReturnType<typeof actions.clearBudget>, said: string) {
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      setDone(said);
      setMemberText("");
      setAmountText("");
      resetFields();
    } else setError(outcome.error);
  }

  function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !("value" in member) || !("value" in amount) || notAdmin || aboveCap) return;
    const [who, value] = [member.value, amount.value];
    void send(() => actions.setBudget(who, value), `${nameOf(who)} now has ${eth(value)} per period.`);
  }

  function onClear() {
    if (!("value" in member)) return setError(member.error);
    if (notAdmin) return;
    const who = member.value;
    void send(() => actions.clearBudget(who), `${nameOf(who)} is back on the default budget.`);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="gas-budget-form">
      <h4>Set a member's budget</h4>
      <div className="row">
        <AddressField
          value={memberText}
          onChange={edited(setMemberText, "member")}
          error={problems.member}
          testId="gas-budget-member"
        />
        <AmountField
          label="Budget per period (ETH)"
          value={amountText}
          onChange={edited(setAmountText, "amount")}
          error={problems.amount}
          placeholder="0.02"
          testId="gas-budget-amount"
        />
      </div>
      <Outcome testId="gas-budget" error={error} done={done} />
      <Submit testId="gas-budget-submit" busy={busy} blocked={notAdmin ?? aboveCap}>
        {busy ? "Sending…" : "Set budget"}
      </Submit>
      <div className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || !!notAdmin}
          onClick={onClear}
          data-testid="gas-budget-clear"
        >
          Back to the default budget
        </button>
      </div>
    </form>
  );
}

/** The sponsored operations, newest first. */
function Sponsorships() {
  const { address: me } = useWallet();
  const list = useRecentSponsorships();
  return (
    <section className="panel" data-testid="gas-sponsorships">
      <h3>Recent sponsored operations</h3>
      <Table
        testId="gas-sponsorships-table"
        head={
          <>
            <th>Member</th>
            <th className="num">Period</th>
            <th className="num">Cost</th>
            <th className="num">Block</th>
          </>
        }
      >
        <ListRows list={list} columns={4} what="operations" empty="The co-op has paid for no operation yet." />
        {list.items?.map((s) => (
          <tr key={s.id} data-testid="gas-sponsorship">
            <td>
              <Who address={s.member} me={me} />
            </td>
            <td className="num">{s.period}</td>
            <td className="num">{eth(s.cost)}</td>
            <td className="num muted">
              <BlockLink block={s.blockNumber} tx={s.txHash} />
            </td>
          </tr>
        ))}
      </Table>
      <ShowMore pages={list} testId="gas-sponsorships-more" />
    </section>
  );
}

/** A paged table's status rows: the read's failure, or the sentence saying the list is empty. */
function ListRows({
  list,
  columns,
  what,
  empty,
}: {
  list: { error: Error | null; items?: unknown[] };
  columns: number;
  what: string;
  empty: string;
}) {
  if (list.error)
    return (
      <tr>
        <td colSpan={columns} className="error">
          Could not read the {what}: {list.error.message}
        </td>
      </tr>
    );
  if (list.items?.length !== 0) return null;
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {empty}
      </td>
    </tr>
  );
}

/** A block number, linked to its transaction on the chain's explorer when there is one. */
function BlockLink({ block, tx }: { block: bigint; tx: string }) {
  const link = explorerLink("tx", tx);
  return link ? (
    <a
      href={link}
      target="_blank"
      rel="noreferrer noopener"
      aria-label={`transaction ${shortHash(tx)} on the explorer`}
    >
      {block.toString()}
    </a>
  ) : (
    <>{block.toString()}</>
  );
}

/** The contracts sponsored operations may call (the owner's allow-list). */
function CallTargets() {
  const list = useCallTargetPages();
  return (
    <section className="panel" data-testid="gas-targets">
      <h3>Contracts the co-op pays for</h3>
      <p className="muted small">Sponsored operations may call only these; the council changes the list.</p>
      {list.error && <p className="error small">Could not read the call targets: {list.error.message}</p>}
      <ul className="list">
        {list.items?.map((t) => (
          <li key={t.target} className="list-item" data-testid="gas-target">
            <strong>{sentenceStart(contractName(t.target))}</strong> <Who address={t.target} />
          </li>
        ))}
      </ul>
      <ShowMore pages={list} testId="gas-targets-more" />
    </section>
  );
}

/** "the credit network" at the start of a line. */
const sentenceStart = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
