// The council's chain reader: the three contracts' events folded incrementally from their deployment block (one
// event reader, kept across refreshes), the views derived at the synced block. View calls: the head block and the
// Governor's name (once). Block times the events do not give away are read once each, only for seat or quorum
// changes that fall between a proposal's creation and its snapshot.
import { thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { zeroAddress, type Address, type PublicClient } from "viem";
import { BlockTimeCache } from "../../shared/data/blockTimes";
import { eventReader } from "../../shared/data/events";
import { sameAddress } from "../../shared/format";
import { BlockTimes, isOpen, majorityOf, proposalState, quorumOf } from "./derive";
import { councilEventsAbi, councilFold, type CouncilState, type ProposalRecord } from "./fold";
import {
  pageNumbers,
  type CouncilOverview,
  type CouncilReader,
  type Proposal,
  type ProposalPage,
  type ProposalStateName,
  type Seat,
} from "./types";

export interface CouncilAddresses {
  governor: Address;
  seats: Address;
  timelock: Address;
}

interface Synced {
  state: CouncilState;
  block: bigint;
  time: number;
}

/** The seats and the quorum numerator a proposal's snapshot `at` counts with, given which blocks came before it. */
function figuresAt(state: CouncilState, before: (block: bigint) => boolean): { seats: bigint; numerator: bigint } {
  let seats = 0n;
  for (const s of state.seats.values())
    if (before(s.seatedBlock) && !(s.unseatedBlock !== undefined && before(s.unseatedBlock))) seats++;
  let numerator = 0n;
  for (const q of state.quorumChanges) if (before(q.block)) numerator = q.value;
  return { seats, numerator };
}

/** Blocks of seat and quorum changes whose order against `time` the known block times do not tell. */
function unknownBefore(state: CouncilState, times: BlockTimes, time: number, out: Set<bigint>) {
  const blocks = [
    ...[...state.seats.values()].flatMap((s) =>
      s.unseatedBlock === undefined ? [s.seatedBlock] : [s.seatedBlock, s.unseatedBlock],
    ),
    ...state.quorumChanges.map((q) => q.block),
  ];
  for (const b of blocks) if (times.atOrBefore(b, time) === undefined) out.add(b);
}

export function createCouncilChainReader(
  client: PublicClient,
  addresses: CouncilAddresses,
  fromBlock: bigint,
): CouncilReader {
  const events = eventReader(
    client,
    councilEventsAbi,
    [addresses.governor, addresses.seats, addresses.timelock],
    fromBlock,
    councilFold,
  );
  /** Block times read with eth_getBlockByNumber. */
  const read = new BlockTimeCache(client);
  let name: Promise<string> | undefined;
  /** The head block and the state there; the reads a new block sets off at once share one refresh. */
  const sync = (): Promise<Synced> => events.latest();

  function governorName(): Promise<string> {
    name ??= client
      .readContract({ address: addresses.governor, abi: thresholdsCouncilAbi, functionName: "name" })
      .catch((err: unknown) => {
        name = undefined;
        throw err;
      });
    return name;
  }

  /** Block times for the snapshots `times` (reading the few the events do not tell). */
  async function blockTimes(s: Synced, snapshots: number[]): Promise<BlockTimes> {
    const known = () => new BlockTimes([...s.state.blockTimes, ...read, [s.block, s.time]]);
    let times = known();
    const missing = new Set<bigint>();
    for (const at of snapshots) if (at < s.time) unknownBefore(s.state, times, at, missing);
    if (missing.size === 0) return times;
    await read.load(missing);
    times = known();
    return times;
  }

  /** Quorum and majority of a proposal, and `me`'s votes at its snapshot (before it: what the seats give now). */
  function figures(s: Synced, times: BlockTimes, p: ProposalRecord, me?: Address) {
    const pending = p.snapshot >= s.time;
    const before = (block: bigint) => pending || times.atOrBefore(block, p.snapshot) === true;
    const { seats, numerator } = figuresAt(s.state, before);
    let myWeight: bigint | undefined;
    if (me && !pending) {
      myWeight = 0n;
      for (const seat of s.state.seats.values())
        if (sameAddress(seat.member, me) && before(seat.seatedBlock))
          if (!(seat.unseatedBlock !== undefined && before(seat.unseatedBlock))) myWeight += 1n;
    }
    return { quorum: quorumOf(seats, numerator), majority: majorityOf(seats), myWeight };
  }

  function stateOf(s: Synced, p: ProposalRecord, f: { quorum: bigint; majority: bigint }): ProposalStateName {
    const operation = p.operation ? s.state.operations.get(p.operation) : undefined;
    return proposalState({ ...p, ...f, operation }, s.time);
  }

  /** Whether a proposal's state depends on its quorum and majority (voting has ended and it is not queued). */
  const undecided = (s: Synced, p: ProposalRecord) => !p.executed && !p.canceled && p.eta === 0 && p.deadline < s.time;

  return {
    source: "chain",

    async overview(): Promise<CouncilOverview> {
      const [s, title] = await Promise.all([sync(), governorName()]);
      const { state } = s;
      const times = await blockTimes(
        s,
        state.proposals.filter((p) => undecided(s, p)).map((p) => p.snapshot),
      );
      const open = [];
      for (let i = state.proposals.length - 1; i >= 0; i--) {
        const p = state.proposals[i];
        if (p.executed || p.canceled) continue;
        const f = undecided(s, p) ? figures(s, times, p) : { quorum: 0n, majority: 0n };
        const st = stateOf(s, p, f);
        if (isOpen(st))
          open.push({ number: p.number, state: st, snapshot: p.snapshot, deadline: p.deadline, eta: p.eta });
      }
      const seats: Seat[] = [...state.seats.values()]
        .sort((a, b) => (a.seatId < b.seatId ? -1 : 1))
        .map((seat) => ({
          member: seat.member,
          seatId: seat.seatId,
          delegation: seat.delegation,
          seated: seat.seated,
          votes: state.votes.get(seat.member.toLowerCase()) ?? 0n,
          delegate: state.delegates.get(seat.member.toLowerCase()) ?? zeroAddress,
        }));
      return {
        block: s.block,
        time: s.time,
        name: title,
        votingDelay: state.votingDelay,
        votingPeriod: state.votingPeriod,
        timelockDelay: state.minDelay,
        quorumPercent: state.quorumNumerator,
        proposalThreshold: state.proposalThreshold,
        timelock: state.timelock,
        proposalCount: state.proposals.length,
        open,
        seats,
      };
    },

    async proposals(page: number, size: number, me?: Address): Promise<ProposalPage> {
      const s = await sync();
      const total = s.state.proposals.length;
      const { top, bottom } = pageNumbers(total, page, size);
      const records = s.state.proposals.slice(bottom - 1, Math.max(top, 0)).reverse();
      const times = await blockTimes(
        s,
        records.map((p) => p.snapshot),
      );
      const proposals = records.map((p): Proposal => {
        const f = figures(s, times, p, me);
        return {
          number: p.number,
          id: p.id,
          proposer: p.proposer,
          targets: p.targets,
          values: p.values,
          calldatas: p.calldatas,
          descriptionHash: p.descriptionHash,
          description: p.description,
          state: stateOf(s, p, f),
          forVotes: p.forVotes,
          againstVotes: p.againstVotes,
          abstainVotes: p.abstainVotes,
          snapshot: p.snapshot,
          deadline: p.deadline,
          eta: p.eta,
          quorum: f.quorum,
          majority: f.majority,
          vetoes: p.vetoes,
          vetoers: p.vetoers,
          votes: p.votes,
          myWeight: f.myWeight,
        };
      });
      return { total, proposals };
    },
  };
}
