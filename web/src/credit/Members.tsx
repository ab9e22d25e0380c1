// The credit network's members with their status and positions, and the steward's form to admit one.
import { useState, type FormEvent } from "react";
import { WalletGate } from "../shared/gate";
import { nameOf } from "../shared/names";
import { MemberStatusBadge, Signed } from "./bits";
import type { CreditView } from "./CreditPage";
import { useCreditMemberPages, useMyCredit } from "./data";
import { ShowMore } from "../shared/ShowMore";
import { Who } from "../shared/Who";
import { AddressField, parseAddress } from "../shared/AddressField";
import { useAct } from "../shared/act";
import { Table } from "../shared/Table";
import { useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";

/** Members with status and consents; stewards admit, suspend and reinstate. */
export function Members(view: CreditView) {
  const { info, me, unit, actions, isSteward } = view;
  const { busy, act } = useAct();
  // Read by address a page at a time; the rows shown sorted by name.
  const list = useCreditMemberPages();
  const members = [...(list.items ?? [])].sort((a, b) => nameOf(a.account).localeCompare(nameOf(b.account)));
  return (
    <>
      {isSteward && <Admit {...view} />}
      <section className="panel">
        <h2>Members</h2>
        <p className="muted small">
          Stewards: {info.stewards.map((a) => nameOf(a)).join(", ") || "none"}.{" "}
          {isSteward
            ? "You are a steward: you admit members, and suspend or reinstate them. A suspended member may only settle."
            : "Stewards admit members and may suspend them (a suspended member may only settle what it owes or is owed)."}
        </p>
        <Table
          testId="members-table"
          head={
            <>
              <th>Member</th>
              <th>Status</th>
              <th>Clearing</th>
              <th>Liquidity</th>
              <th className="num">Credit given / received</th>
              <th className="num">Credit position</th>
              <th className="num">Invoices net</th>
              {isSteward && <th />}
            </>
          }
        >
          {list.error && (
            <tr>
              <td colSpan={isSteward ? 8 : 7} className="error">
                Could not read the members: {list.error.message}
              </td>
            </tr>
          )}
          {list.isLoading && (
            <tr>
              <td colSpan={isSteward ? 8 : 7} className="muted">
                Loading the members…
              </td>
            </tr>
          )}
          {members.map((m) => {
            return (
              <tr key={m.account} data-testid={`credit-member-${m.account}`}>
                <td>
                  <Who address={m.account} me={me} />
                </td>
                <td>
                  <MemberStatusBadge m={m} />
                </td>
                <td data-testid="member-clearing">{m.clearing ? "yes" : "no"}</td>
                <td data-testid="member-liquidity">{m.liquidity ? "yes" : "no"}</td>
                <td className="num">
                  {unit.num(m.creditGiven)} / {unit.num(m.creditReceived)}
                </td>
                <td className="num">
                  <Signed value={m.creditPosition} unit={unit} />
                </td>
                <td className="num">
                  <Signed value={m.netPosition} unit={unit} />
                </td>
                {isSteward && (
                  <td className="num">
                    {m.status === "Active" ? (
                      <button
                        className="btn btn-small btn-ghost"
                        disabled={!!busy}
                        data-testid="suspend-member"
                        onClick={() => act(`s${m.account}`, () => actions.suspend(m.account))}
                      >
                        {busy === `s${m.account}` ? "Suspending…" : "Suspend"}
                      </button>
                    ) : (
                      <button
                        className="btn btn-small btn-secondary"
                        disabled={!!busy}
                        data-testid="reinstate-member"
                        onClick={() => act(`r${m.account}`, () => actions.reinstate(m.account))}
                      >
                        {busy === `r${m.account}` ? "Reinstating…" : "Reinstate"}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </Table>
        <ShowMore pages={list} testId="members-more" />
      </section>
    </>
  );
}

function Admit({ actions }: CreditView) {
  const [account, setAccount] = useState("");
  const parsed = parseAddress(account);
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    account: "error" in parsed ? parsed.error : undefined,
  });
  // The typed account's own standing (not the whole member list).
  const known = useMyCredit("value" in parsed ? parsed.value : undefined).data?.member;
  const blocked = known ? actions.refusal("AlreadyMember", { account: known.account }) : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !("value" in parsed) || blocked) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.admit(parsed.value);
    setBusy(false);
    if (outcome.ok) {
      setAccount("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <section className="panel">
      <h2>Admit a member</h2>
      <WalletGate action="admit members">
        <form className="form" onSubmit={onSubmit} noValidate>
          <AddressField
            value={account}
            onChange={edited(setAccount, "account")}
            error={problems.account}
            testId="admit-address"
          />
          {error && <p className="error small">{error}</p>}
          <Submit testId="admit-submit" busy={busy} blocked={blocked}>
            {busy ? "Admitting…" : "Admit"}
          </Submit>
        </form>
      </WalletGate>
    </section>
  );
}
