// A project's members and roles (those with the most points first, 100 at a time, up to 1,000), and the coordinators' forms to add
// members and kinds of contribution.
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { COORDINATOR_ROLE, MEMBER_ROLE } from "@cosmolocal/sdk";
import { useMembers, type Member, type Project } from "./data";
import { formatInt, sameAddress } from "../shared/format";
import { ShowMore, useLimit } from "./bits";
import { Who } from "../shared/Who";
import { WalletGate } from "../shared/gate";
import { useContributionWrites } from "./writes";
import { AddressField, parseAddress } from "../shared/AddressField";
import { TextField } from "../shared/TextField";
import { Table } from "../shared/Table";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";

const MAX_WEIGHT = 1_000_000;
/** The ledger's MAX_KINDS: kinds a project can ever have. */
const MAX_KINDS = 256;
/** Members listed at most: one subgraph page ordered by points (a points cursor would need `or` filters). */
const MAX_LISTED = 1_000;

export function Members({ project, me, isCoordinator }: { project: Project; me?: Address; isCoordinator: boolean }) {
  const actions = useContributionWrites();
  const [limit, showMore] = useLimit(100);
  const page = useMembers(project.id, limit);
  const members = page.data?.items ?? [];
  return (
    <>
      <section className="panel">
        <h2>Members</h2>
        <Table
          head={
            <>
              <th>Account</th>
              <th>Roles</th>
              <th className="num">Points</th>
              <th className="num">Share</th>
              {isCoordinator && <th />}
            </>
          }
        >
          {members.map((m) => (
            <tr key={m.account} data-testid={`member-${m.account}`}>
              <td>
                <Who address={m.account} me={me} />
              </td>
              <td>
                {[m.roles & COORDINATOR_ROLE ? "coordinator" : "", m.roles & MEMBER_ROLE ? "member" : ""]
                  .filter(Boolean)
                  .join(", ") || <span className="muted">former member</span>}
              </td>
              <td className="num">{formatInt(m.points)}</td>
              <td className="num">
                {project.totalPoints > 0n
                  ? `${(Number((m.points * 1000n) / project.totalPoints) / 10).toFixed(1)}%`
                  : "—"}
              </td>
              {isCoordinator && (
                <td className="num">
                  {(m.roles & MEMBER_ROLE) !== 0 && !sameAddress(m.account, me) && (
                    <button
                      className="btn btn-small btn-ghost"
                      onClick={() => actions.revokeRole(project.id, m.account, MEMBER_ROLE)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
        {page.data && (
          <ShowMore
            shown={members.length}
            more={page.data.more && limit < MAX_LISTED}
            onMore={showMore}
            busy={page.isPlaceholderData}
          />
        )}
        {page.data?.more && limit >= MAX_LISTED && (
          <p className="muted small">The {formatInt(MAX_LISTED)} members with the most points are listed.</p>
        )}
        <h3>Kinds of contribution</h3>
        <ul className="kinds">
          {project.kinds.map((k) => (
            <li key={k.id} className={k.active ? "" : "muted"}>
              {k.name} · weight {formatInt(k.weight)}
              {!k.active && " · closed"}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>Coordinate</h2>
        <WalletGate action="manage the project">
          {isCoordinator ? (
            <div className="grid-2">
              <AddMember project={project} members={members} />
              <AddKind project={project} />
            </div>
          ) : (
            <p className="muted">Only coordinators add members and kinds. You can see every change above.</p>
          )}
        </WalletGate>
      </section>
    </>
  );
}

function AddMember({ project, members }: { project: Project; members: Member[] }) {
  const actions = useContributionWrites();
  const [account, setAccount] = useState("");
  const [coordinator, setCoordinator] = useState(false);
  const parsed = parseAddress(account);
  const role = coordinator ? COORDINATOR_ROLE : MEMBER_ROLE;
  const existing = "value" in parsed ? members.find((m) => sameAddress(m.account, parsed.value)) : undefined;
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    account:
      "error" in parsed
        ? parsed.error
        : existing && (existing.roles & role) !== 0
          ? `That account is already a ${coordinator ? "coordinator" : "member"}.`
          : undefined,
  });

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !("value" in parsed)) return;
    setError(undefined);
    setBusy(true);
    let outcome = await actions.grantRole(project.id, parsed.value, MEMBER_ROLE);
    if (outcome.ok && coordinator) outcome = await actions.grantRole(project.id, parsed.value, COORDINATOR_ROLE);
    setBusy(false);
    if (outcome.ok) {
      setAccount("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3>Add a member</h3>
      <AddressField
        value={account}
        onChange={edited(setAccount, "account")}
        error={problems.account}
        testId="add-member-address"
      />
      <label className="check">
        <input type="checkbox" checked={coordinator} onChange={(e) => edited(setCoordinator)(e.target.checked)} /> also
        coordinator
      </label>
      <Outcome testId="add-member" error={error} />
      <Submit testId="add-member-submit" busy={busy}>
        {busy ? "Adding…" : "Add member"}
      </Submit>
    </form>
  );
}

function AddKind({ project }: { project: Project }) {
  const actions = useContributionWrites();
  const [name, setName] = useState("");
  const [weight, setWeight] = useState("");
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    name: !name.trim()
      ? "Name the kind, with its unit, e.g. “Teaching (hours)”."
      : project.kinds.some((k) => k.name.toLowerCase() === name.trim().toLowerCase())
        ? "The project already has a kind with that name."
        : undefined,
    weight:
      !/^\d+$/.test(weight.trim()) || Number(weight) < 1 || Number(weight) > MAX_WEIGHT
        ? `The weight must be a whole number from 1 to ${formatInt(MAX_WEIGHT)}.`
        : undefined,
  });
  // The ledger holds at most MAX_KINDS kinds per project, closed ones included.
  const blocked =
    project.kinds.length >= MAX_KINDS
      ? actions.refusal("TooManyKinds", { projectId: project.id, max: BigInt(MAX_KINDS) })
      : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || blocked) return;
    setError(undefined);
    setBusy(true);
    const outcome = await actions.addKind(project.id, name.trim(), Number(weight));
    setBusy(false);
    if (outcome.ok) {
      setName("");
      setWeight("");
      resetFields();
    } else setError(outcome.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3>Add a kind of contribution</h3>
      <div className="row">
        <TextField
          label="Name (with unit)"
          value={name}
          onChange={edited(setName, "name")}
          placeholder="Teaching (hours)"
          testId="add-kind-name"
          error={problems.name}
        />
        <TextField
          label="Weight"
          narrow
          value={weight}
          onChange={edited(setWeight, "weight")}
          inputMode="numeric"
          placeholder="10"
          testId="add-kind-weight"
          error={problems.weight}
        />
      </div>
      <p className="muted small">
        Points per unit per score point. Weights never change; close a kind and add another instead.
      </p>
      <Outcome testId="add-kind" error={error} />
      <Submit testId="add-kind-submit" busy={busy} blocked={blocked}>
        {busy ? "Adding…" : "Add kind"}
      </Submit>
    </form>
  );
}
