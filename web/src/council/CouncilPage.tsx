// The thresholds council's page: proposals (newest first, a page at a time) with their state, votes, timing, calls in
// plain words and the buttons the state allows; the new-proposal form; the seats and delegations.
import { useMemo, useState } from "react";
import type { Address } from "viem";

import { formatCountdown, useChainClock, useClockTargets, type ClockTarget } from "../shared/chainTime";
import { formatDate, formatDuration, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { Tabs } from "../shared/Tabs";
import { useWallet } from "../shared/wallet";
import { useResources } from "../resource/data";
import { usePaymasterState } from "../sponsorship/council/state";
import type { CouncilContext } from "./actions/action";
import {
  pageNumbers,
  PROPOSALS_PER_PAGE,
  useCouncil,
  useProposalPage,
  VOTE_LABELS,
  type CouncilOverview,
  type Proposal,
  type ProposalStateName,
  type ProposalTiming,
} from "./data";
import { describeCalls } from "./decode";
import { NewProposal } from "./NewProposal";
import { useCouncilWrites } from "./writes";
import { Who } from "../shared/Who";
import { Figure } from "../shared/Figure";
import { useAct } from "../shared/act";
import { Table } from "../shared/Table";

const TABS = [
  { id: "proposals", label: "Proposals" },
  { id: "new", label: "New proposal" },
  { id: "seats", label: "Seats" },
] as const;

/** What every screen of the module gets. */
export interface CouncilView {
  c: CouncilOverview;
  /** What the proposals' actions and calls are read with. */
  ctx: CouncilContext;
  me?: Address;
  isMember: boolean;
  actions: ReturnType<typeof useCouncilWrites>;
}

export function CouncilPage({ tab = "proposals" }: { tab?: string }) {
  const { data: c, isLoading, error } = useCouncil();
  const { data: resources } = useResources();
  const paymaster = usePaymasterState();
  const { address: me } = useWallet();
  const resourceName = useMemo(
    () => (id: bigint) => resources?.resources.find((r) => r.id === id)?.info.name ?? `resource ${id}`,
    [resources],
  );
  const actions = useCouncilWrites(resourceName);
  useClockTargets(clockTargets(c?.open ?? []));

  if (isLoading) return <p className="muted">Loading the council…</p>;
  if (error) return <p className="error">Could not read the council: {error.message}</p>;
  if (!c) return null;

  const active = TABS.some((t) => t.id === tab) ? tab : "proposals";
  const isMember = c.seats.some((s) => s.seated && sameAddress(s.member, me));
  const view: CouncilView = { c, ctx: { council: c, resources, paymaster }, me, isMember, actions };
  const open = c.open;

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="council-name">{c.name}</h1>
          <p className="muted">
            Seated members propose and vote on the thresholds: harvest rules, quota policies, science bodies, buyers,
            seats, impact verifiers and methodologies, credit stewards and the members' gas sponsorship. A passed
            proposal waits out the timelock ({formatDuration(c.timelockDelay)}) before anyone can execute it.
          </p>
        </div>
        {me && (
          <div className="me-box" data-testid="council-me">
            <span className="muted small">You</span>
            <strong>{isMember ? "Council member" : "Not on the council"}</strong>
          </div>
        )}
      </div>
      <Tabs
        tabs={TABS}
        active={active}
        href={(id) => href("council", id)}
        testIdPrefix="council-tab"
        count={(id) => (id === "proposals" ? open.length : 0)}
      />
      {active === "proposals" && <Proposals key={me} {...view} />}
      {active === "new" && <NewProposal key={me} {...view} />}
      {active === "seats" && <Seats {...view} />}
    </>
  );
}

/** Dev-clock shortcuts for the open proposals: to the start of voting, past its end, past the ETA. */
function clockTargets(open: ProposalTiming[]): ClockTarget[] {
  const targets: ClockTarget[] = [];
  for (const p of open.slice(0, 3)) {
    if (p.state === "Pending")
      targets.push({ label: `to the start of voting (${p.number})`, at: p.snapshot + 1, testId: "clock-voting" });
    if (p.state === "Active")
      targets.push({ label: `past the end of voting (${p.number})`, at: p.deadline + 1, testId: "clock-deadline" });
    if (p.state === "Queued") targets.push({ label: `past the ETA (${p.number})`, at: p.eta, testId: "clock-eta" });
  }
  return targets;
}

const TONE: Record<ProposalStateName, string> = {
  Pending: "pending",
  Active: "pending",
  Canceled: "expired",
  Defeated: "rejected",
  Succeeded: "accepted",
  Queued: "pending",
  Expired: "expired",
  Executed: "settled",
};

function Proposals(view: CouncilView) {
  const { c, me } = view;
  const [page, setPage] = useState(0);
  const { data, error } = useProposalPage(page, me);
  if (c.proposalCount === 0)
    return (
      <section className="panel">
        <h2>No proposals yet</h2>
        <p>
          Every change of the thresholds is a proposal. <a href={href("council", "new")}>Make the first one</a>.
        </p>
      </section>
    );
  if (error) return <p className="error">Could not read the proposals: {error.message}</p>;
  if (!data) return <p className="muted">Loading the proposals…</p>;
  const pages = Math.ceil(data.total / PROPOSALS_PER_PAGE);
  const { top, bottom } = pageNumbers(data.total, page);
  return (
    <>
      {data.proposals.map((p) => (
        <ProposalCard key={p.id.toString()} p={p} view={view} />
      ))}
      {pages > 1 && (
        <div className="actions" data-testid="proposals-pager">
          <button
            className="btn btn-small btn-ghost"
            disabled={page === 0}
            data-testid="proposals-newer"
            onClick={() => setPage((x) => x - 1)}
          >
            Newer
          </button>
          <span className="muted small" data-testid="proposals-range">
            Proposals {top}–{bottom} of {data.total}
          </span>
          <button
            className="btn btn-small btn-ghost"
            disabled={page >= pages - 1}
            data-testid="proposals-older"
            onClick={() => setPage((x) => x + 1)}
          >
            Older
          </button>
        </div>
      )}
    </>
  );
}

function ProposalCard({ p, view }: { p: Proposal; view: CouncilView }) {
  const { c, me, ctx } = view;
  const calls = describeCalls(p.targets, p.calldatas, p.values, ctx);
  const now = useChainClock() ?? c.time;
  const total = p.forVotes + p.againstVotes + p.abstainVotes;
  return (
    <section className="panel proposal" data-testid={`proposal-${p.number}`} data-state={p.state}>
      <div className="proposal-head">
        <h2>Proposal {p.number}</h2>
        <span className={`badge badge-${TONE[p.state]}`} data-testid="proposal-state">
          {p.state}
        </span>
        <span className="muted small">
          by <Who address={p.proposer} me={me} />
        </span>
      </div>
      <p data-testid="proposal-description">{p.description || <span className="muted">(no description)</span>}</p>
      <ol className="calls" data-testid="proposal-calls">
        {calls.map((text, i) => (
          <li key={i} data-testid="proposal-call">
            {text}
          </li>
        ))}
      </ol>
      <dl className="figures figures-wide">
        <Figure label="For" testId="votes-for">
          {p.forVotes.toString()}
        </Figure>
        <Figure label="Against" testId="votes-against">
          {p.againstVotes.toString()}
        </Figure>
        <Figure label="Abstain" testId="votes-abstain">
          {p.abstainVotes.toString()}
        </Figure>
        <Figure label="Quorum" title="For + abstain votes needed">
          {(p.forVotes + p.abstainVotes).toString()} of {p.quorum.toString()}
          <span className="muted small"> ({total.toString()} voted)</span>
        </Figure>
        <Figure
          label="Majority"
          title="FOR votes needed: a strict majority of the seats when voting opened"
          testId="votes-majority"
        >
          {p.forVotes.toString()} for <span className="muted small">({p.majority.toString()} needed)</span>
        </Figure>
        {(p.vetoes > 0n || p.state === "Succeeded" || p.state === "Queued") && (
          <Figure
            label="Vetoes"
            title="Vetoes that cancel the proposal: a strict majority of the seats when voting opened"
            testId="proposal-vetoes"
          >
            {p.vetoes.toString()} of {p.majority.toString()}
          </Figure>
        )}
      </dl>
      {p.votes.length > 0 && (
        <p className="small muted">
          {p.votes.map((v, i) => (
            <span key={v.voter}>
              {i > 0 && " · "}
              <Who address={v.voter} me={me} /> {VOTE_LABELS[v.support]?.toLowerCase()}
            </span>
          ))}
        </p>
      )}
      <p className="small" data-testid="proposal-timing">
        {timing(p, now)}
      </p>
      <ProposalButtons p={p} view={view} now={now} />
    </section>
  );
}

function timing(p: Proposal, now: number): string {
  switch (p.state) {
    case "Pending":
      return `Voting opens in ${formatCountdown(p.snapshot + 1, now)} (${formatDate(p.snapshot + 1)}) and lasts until ${formatDate(p.deadline)}.`;
    case "Active":
      return `Voting closes in ${formatCountdown(p.deadline + 1, now)} (${formatDate(p.deadline)}).`;
    case "Succeeded":
      return `Passed on ${formatDate(p.deadline)}: queue it in the timelock, then execute it once the delay has passed.`;
    case "Queued":
      return now >= p.eta
        ? `Queued; ETA ${formatDate(p.eta)} has passed: anyone can execute it now.`
        : `Queued; ETA ${formatDate(p.eta)} — executable in ${formatCountdown(p.eta, now)}.`;
    case "Defeated":
      return `Defeated on ${formatDate(p.deadline)}: fewer FOR votes than a majority of the seats, no more for than against, or the quorum was not reached.`;
    case "Executed":
      return p.eta ? `Executed (ETA was ${formatDate(p.eta)}).` : "Executed.";
    case "Canceled":
      return p.vetoes >= p.majority ? "Canceled: vetoed by a majority of the seats." : "Canceled.";
    case "Expired":
      return "Expired.";
  }
}

function ProposalButtons({ p, view, now }: { p: Proposal; view: CouncilView; now: number }) {
  const { me, actions } = view;
  const { busy, error, act } = useAct();
  // The votes `me` held at the snapshot (from the reader: seats given and taken before it).
  const weight = p.myWeight;

  let reason: string | undefined;
  let buttons: React.ReactNode = null;
  // A veto, once the proposal has passed and until it runs: only seats held when voting opened, once each.
  const vetoed = p.vetoers.some((v) => sameAddress(v, me));
  const vetoButton =
    me && weight !== undefined && weight > 0n ? (
      <button
        className="btn btn-small btn-ghost"
        disabled={!!busy || vetoed}
        title={`A strict majority of the seats (${p.majority.toString()}) vetoing cancels the proposal, in the timelock too.`}
        data-testid="proposal-veto"
        onClick={() => act("veto", () => actions.veto(p.number, p.id))}
      >
        {busy === "veto"
          ? "Vetoing…"
          : vetoed
            ? "You vetoed it"
            : `Veto (${p.vetoes.toString()} of ${p.majority.toString()})`}
      </button>
    ) : null;
  if (p.state === "Active") {
    const mine = p.votes.find((v) => sameAddress(v.voter, me));
    if (!me) reason = "Connect a wallet to vote.";
    else if (mine) reason = `You voted ${VOTE_LABELS[mine.support]?.toLowerCase()}.`;
    else if (weight === 0n) reason = "You held no council seat when voting opened, so you cannot vote on this.";
    else
      buttons = ([1, 0, 2] as const).map((support) => (
        <button
          key={support}
          className={`btn btn-small${support === 1 ? "" : " btn-ghost"}`}
          disabled={!!busy || weight === undefined}
          data-testid={`vote-${VOTE_LABELS[support].toLowerCase()}`}
          onClick={() => act(`v${support}`, () => actions.vote(p.number, p.id, support))}
        >
          {busy === `v${support}` ? "Voting…" : `Vote ${VOTE_LABELS[support].toLowerCase()}`}
        </button>
      ));
  } else if (p.state === "Pending") reason = `Voting has not opened yet (in ${formatCountdown(p.snapshot + 1, now)}).`;
  else if (p.state === "Succeeded")
    buttons = (
      <>
        <button
          className="btn btn-small"
          disabled={!!busy || !me}
          data-testid="proposal-queue"
          onClick={() => act("q", () => actions.queue(p.number, p.id))}
        >
          {busy === "q" ? "Queueing…" : "Queue in the timelock"}
        </button>
        {vetoButton}
      </>
    );
  else if (p.state === "Queued") {
    if (now < p.eta) reason = `The timelock holds it until ${formatDate(p.eta)} (${formatCountdown(p.eta, now)}).`;
    buttons = (
      <>
        <button
          className="btn btn-small"
          disabled={!!busy || !me || now < p.eta}
          data-testid="proposal-execute"
          onClick={() => act("x", () => actions.execute(p.number, p.id))}
        >
          {busy === "x" ? "Executing…" : "Execute"}
        </button>
        {vetoButton}
      </>
    );
  }
  if (!buttons && !reason) return null;
  return (
    <div className="actions">
      {buttons}
      {reason && (
        <span className="muted small" data-testid="proposal-reason">
          {reason}
        </span>
      )}
      {error && (
        <span className="error small" data-testid="proposal-error">
          {error}
        </span>
      )}
    </div>
  );
}

function Seats({ c, me }: CouncilView) {
  return (
    <section className="panel">
      <h2>Seats</h2>
      <dl className="figures figures-wide">
        <Figure label="Voting delay">{formatDuration(c.votingDelay)}</Figure>
        <Figure label="Voting period">{formatDuration(c.votingPeriod)}</Figure>
        <Figure label="Timelock delay">{formatDuration(c.timelockDelay)}</Figure>
        <Figure label="Quorum">{c.quorumPercent.toString()} % of seats</Figure>
      </dl>
      <Table
        testId="seats-table"
        head={
          <>
            <th>Seat</th>
            <th>Member</th>
            <th>Delegation</th>
            <th className="num">Votes</th>
            <th>Status</th>
          </>
        }
      >
        {c.seats.map((s) => (
          <tr key={s.seatId.toString()} data-testid={`seat-${s.member}`}>
            <td>#{s.seatId.toString()}</td>
            <td>
              <Who address={s.member} me={me} />
            </td>
            <td>{s.delegation}</td>
            <td className="num">{s.votes.toString()}</td>
            <td>{s.seated ? "seated" : "unseated"}</td>
          </tr>
        ))}
      </Table>
      <p className="muted small">
        Seats cannot be transferred: a council decision seats or unseats members. A seat votes for its holder from the
        moment it is given.
      </p>
    </section>
  );
}
