// The council's subgraph reader (./queries.ts): one request for the settings and the first pages of the seats, the
// quorum's history and the open proposals (full pages go on by id), one for the proposals still voting, one per page
// of proposals (by number); figures at a snapshot derived as on the chain (./derive.ts). The chain's head gives the
// time the Governor's states follow (a moved clock shows before the subgraph indexes the block that moved it).
import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { graphqlAll, graphqlQuery, metaOf, PAGE_SIZE, type GqlMeta } from "../../shared/data/graphql";
import { sameAddress } from "../../shared/format";
import { isOpen, majorityOf, proposalState, quorumOf, seatsAt, valueAt } from "./derive";
import type { OperationStatus } from "./fold";
import {
  COUNCIL_QUERY,
  LIVE_PROPOSALS_QUERY,
  PASSED_PROPOSALS_QUERY,
  PROPOSAL_PAGE_QUERY,
  QUEUED_PROPOSALS_QUERY,
  QUORUM_CHANGES_QUERY,
  SEATS_QUERY,
} from "./queries";
import {
  pageNumbers,
  type CouncilOverview,
  type CouncilReader,
  type Proposal,
  type ProposalPage,
  type ProposalTiming,
  type Seat,
} from "./types";
import type { CouncilAddresses } from "./chain";

type Num = string | number;
interface GqlCouncil extends GqlMeta {
  council: {
    name: string;
    votingDelay: Num;
    votingPeriod: Num;
    proposalThreshold: Num;
    quorumNumerator: Num;
    timelock: string;
    proposalCount: number;
  } | null;
  councilTimelock: { minDelay: Num } | null;
  councilSeats: GqlSeat[];
  councilSettingChanges: GqlQuorumChange[];
  passed: GqlTiming[];
  queued: GqlTiming[];
}
interface GqlSeat {
  id: string;
  seatId: Num;
  delegation: string;
  active: boolean;
  seatedAt: Num;
  unseatedAt: Num | null;
  member: { account: string; votes: Num; delegate: string | null };
}
interface GqlQuorumChange {
  id: string;
  newValue: Num | null;
  timestamp: Num;
}
interface GqlTiming {
  id: string;
  number: number;
  state: "Proposed" | "Queued" | "Executed" | "Canceled";
  voteStart: Num;
  voteEnd: Num;
  eta: Num | null;
  forVotes: Num;
  againstVotes: Num;
  abstainVotes: Num;
  quorum: Num | null;
  majority: Num | null;
  passing: boolean;
  timelockOperation: { status: OperationStatus } | null;
}
interface GqlProposal extends GqlTiming {
  proposalId: Num;
  proposer: { account: string };
  targets: string[];
  values: Num[];
  calldatas: string[];
  description: string;
  descriptionHash: string;
  vetoes: Num;
  votes: { voter: { account: string }; support: "Against" | "For" | "Abstain"; weight: Num; reason: string }[];
  vetoCasts: { voter: { account: string } }[];
}

const SUPPORT = { Against: 0, For: 1, Abstain: 2 } as const;

/** What every figure is derived from: the indexed block, the chain's time, the settings, seats and quorum history. */
interface Base {
  block: bigint;
  time: number;
  council: NonNullable<GqlCouncil["council"]>;
  minDelay: number;
  seats: { seat: GqlSeat; seatedAt: number; unseatedAt?: number }[];
  quorumSteps: { time: number; value: bigint }[];
  /** Open proposals the clock does not decide: passed by their votes, or queued. */
  passedOrQueued: GqlTiming[];
}

/** A collection's first page and, when it is full, the rest (by id, after the page's last row). */
async function rest<T extends { id: string }, D>(
  url: string,
  first: T[],
  query: string,
  rows: (data: D) => T[],
  variables: Record<string, unknown> = {},
): Promise<T[]> {
  if (first.length < PAGE_SIZE) return first;
  return [...first, ...(await graphqlAll(url, query, rows, variables, first[first.length - 1].id))];
}

export function createCouncilSubgraphReader(
  url: string,
  client: PublicClient,
  addresses: CouncilAddresses,
): CouncilReader {
  let inflight: Promise<Base> | undefined;

  /** Settings, seats and quorum history at the indexed block; reads started in the same turn (the screens' queries
   * refreshed together) share it, a later one asks again (it may follow the user's transaction). */
  function base(): Promise<Base> {
    if (inflight) return inflight;
    setTimeout(() => (inflight = undefined), 0);
    inflight = (async () => {
      const [head, latest] = await Promise.all([
        graphqlQuery<GqlCouncil>(url, COUNCIL_QUERY, {
          council: addresses.governor.toLowerCase(),
          timelock: addresses.timelock.toLowerCase(),
          first: PAGE_SIZE,
        }),
        client.getBlock({ blockTag: "latest" }),
      ]);
      const proposals = (d: { proposals: GqlTiming[] }) => d.proposals;
      const [seats, changes, passed, queued] = await Promise.all([
        rest(url, head.councilSeats, SEATS_QUERY, (d: { councilSeats: GqlSeat[] }) => d.councilSeats),
        rest(
          url,
          head.councilSettingChanges,
          QUORUM_CHANGES_QUERY,
          (d: { councilSettingChanges: GqlQuorumChange[] }) => d.councilSettingChanges,
        ),
        rest(url, head.passed, PASSED_PROPOSALS_QUERY, proposals),
        rest(url, head.queued, QUEUED_PROPOSALS_QUERY, proposals),
      ]);
      const indexed = metaOf(head, "The subgraph has not indexed the council yet.");
      if (!head.council) throw new Error("The subgraph has not indexed the council yet.");
      const block = indexed.block;
      const time = Math.max(Number(latest.timestamp), indexed.time);
      return {
        block,
        time,
        council: head.council,
        minDelay: Number(head.councilTimelock?.minDelay ?? 0),
        seats: seats
          .map((seat) => ({
            seat,
            seatedAt: Number(seat.seatedAt),
            unseatedAt: seat.unseatedAt == null ? undefined : Number(seat.unseatedAt),
          }))
          .sort((a, b) => Number(BigInt(a.seat.seatId) - BigInt(b.seat.seatId))),
        quorumSteps: changes
          .map((c) => ({ time: Number(c.timestamp), value: BigInt(c.newValue ?? 0) }))
          .sort((a, b) => a.time - b.time),
        passedOrQueued: [...passed, ...queued],
      };
    })();
    return inflight;
  }

  /** Quorum and majority at a proposal's snapshot: the values the subgraph read from the Governor, else the seats
   * and quorum numerator then (before the snapshot: now). */
  function figures(b: Base, p: GqlTiming) {
    const at = Number(p.voteStart) >= b.time ? b.time : Number(p.voteStart);
    const seats = seatsAt(b.seats, at);
    return {
      quorum: p.quorum != null ? BigInt(p.quorum) : quorumOf(seats, valueAt(b.quorumSteps, at)),
      majority: p.majority != null ? BigInt(p.majority) : majorityOf(seats),
    };
  }

  function timing(b: Base, p: GqlTiming) {
    const f = figures(b, p);
    const state = proposalState(
      {
        executed: p.state === "Executed",
        canceled: p.state === "Canceled",
        snapshot: Number(p.voteStart),
        deadline: Number(p.voteEnd),
        eta: Number(p.eta ?? 0),
        forVotes: BigInt(p.forVotes),
        againstVotes: BigInt(p.againstVotes),
        abstainVotes: BigInt(p.abstainVotes),
        ...f,
        operation: p.timelockOperation?.status,
      },
      b.time,
    );
    return { ...f, state, snapshot: Number(p.voteStart), deadline: Number(p.voteEnd), eta: Number(p.eta ?? 0) };
  }

  return {
    source: "subgraph",

    async overview(): Promise<CouncilOverview> {
      const b = await base();
      const live = await graphqlAll<GqlTiming, { proposals: GqlTiming[] }>(
        url,
        LIVE_PROPOSALS_QUERY,
        (d) => d.proposals,
        {
          now: b.time.toString(),
        },
      );
      // A proposal passing while it is still voting is in both collections.
      const byId = new Map([...live, ...b.passedOrQueued].map((p) => [p.id, p]));
      const open: ProposalTiming[] = [];
      for (const p of byId.values()) {
        const t = timing(b, p);
        if (isOpen(t.state))
          open.push({ number: p.number, state: t.state, snapshot: t.snapshot, deadline: t.deadline, eta: t.eta });
      }
      open.sort((x, y) => y.number - x.number);
      const seats: Seat[] = b.seats.map(({ seat }) => ({
        member: getAddress(seat.member.account),
        seatId: BigInt(seat.seatId),
        delegation: seat.delegation,
        seated: seat.active,
        votes: BigInt(seat.member.votes),
        delegate: seat.member.delegate ? getAddress(seat.member.delegate) : zeroAddress,
      }));
      const c = b.council;
      return {
        block: b.block,
        time: b.time,
        name: c.name,
        votingDelay: Number(c.votingDelay),
        votingPeriod: Number(c.votingPeriod),
        timelockDelay: b.minDelay,
        quorumPercent: BigInt(c.quorumNumerator),
        proposalThreshold: BigInt(c.proposalThreshold),
        timelock: getAddress(c.timelock),
        proposalCount: c.proposalCount,
        open,
        seats,
      };
    },

    async proposals(page: number, size: number, me?: Address): Promise<ProposalPage> {
      const b = await base();
      const total = b.council.proposalCount;
      const { top, bottom } = pageNumbers(total, page, size);
      if (top < 1) return { total, proposals: [] };
      const data = await graphqlQuery<{ proposals: GqlProposal[] }>(url, PROPOSAL_PAGE_QUERY, {
        first: top - bottom + 1,
        top,
      });
      const proposals = data.proposals.map((p): Proposal => {
        const t = timing(b, p);
        const snapshot = Number(p.voteStart);
        const myWeight =
          me && snapshot < b.time
            ? seatsAt(
                b.seats.filter((s) => sameAddress(s.seat.member.account, me)),
                snapshot,
              )
            : undefined;
        return {
          number: p.number,
          id: BigInt(p.proposalId),
          proposer: getAddress(p.proposer.account),
          targets: p.targets.map((a) => getAddress(a)),
          values: p.values.map((v) => BigInt(v)),
          calldatas: p.calldatas as Hex[],
          descriptionHash: p.descriptionHash as Hex,
          description: p.description,
          state: t.state,
          forVotes: BigInt(p.forVotes),
          againstVotes: BigInt(p.againstVotes),
          abstainVotes: BigInt(p.abstainVotes),
          snapshot,
          deadline: t.deadline,
          eta: t.eta,
          quorum: t.quorum,
          majority: t.majority,
          vetoes: BigInt(p.vetoes),
          vetoers: p.vetoCasts.map((v) => getAddress(v.voter.account)),
          votes: p.votes.map((v) => ({
            voter: getAddress(v.voter.account),
            support: SUPPORT[v.support],
            weight: BigInt(v.weight),
            reason: v.reason,
          })),
          myWeight,
        };
      });
      return { total, proposals };
    },
  };
}
