// The thresholds council's reads from the chain without an indexer: proposals (GovernorStorage), their state, votes,
// vetoes and timing, seats and delegations.
import { councilSeatAbi, councilTimelockAbi, thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import { getAddress, type Address, type Hex, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { targetChain } from "../shared/config";
import { councilAddress, councilStartBlock, seatAddress, timelockAddress } from "./contracts";
import { PROPOSAL_STATES } from "./errors";

export type ProposalStateName = (typeof PROPOSAL_STATES)[number];
export const VOTE_LABELS = ["Against", "For", "Abstain"] as const;

export interface Vote {
  voter: Address;
  support: number;
  weight: bigint;
  reason: string;
}

export interface Proposal {
  /** Position in GovernorStorage (1-based, oldest first): the number people use. */
  number: number;
  id: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hex;
  description: string;
  state: ProposalStateName;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Voting opens once the chain's time is past the snapshot and closes once it is past the deadline. */
  snapshot: number;
  deadline: number;
  /** Executable from this chain time once queued (0 when not queued). */
  eta: number;
  quorum: bigint;
  /** FOR votes needed, and vetoes that cancel it: a strict majority of the seats at the snapshot (its seats now
   * before the snapshot). */
  majority: bigint;
  /** Vetoes cast so far, and who cast them (VetoCast). */
  vetoes: bigint;
  vetoers: Address[];
  votes: Vote[];
}

export interface Seat {
  member: Address;
  seatId: bigint;
  delegation: string;
  seated: boolean;
  votes: bigint;
  delegate: Address;
}

export interface CouncilSnapshot {
  block: bigint;
  time: number;
  name: string;
  votingDelay: number;
  votingPeriod: number;
  timelockDelay: number;
  quorumPercent: bigint;
  proposalThreshold: bigint;
  timelock: Address;
  /** Newest first. */
  proposals: Proposal[];
  seats: Seat[];
}

export async function loadCouncil(
  client: PublicClient,
  addresses: { governor: Address; seats: Address; timelock: Address },
  fromBlock = 0n,
): Promise<CouncilSnapshot> {
  const latest = await client.getBlock({ blockTag: "latest" });
  const block = latest.number;
  const time = Number(latest.timestamp);
  const gov = { address: addresses.governor, abi: thresholdsCouncilAbi, blockNumber: block } as const;
  const seat = { address: addresses.seats, abi: councilSeatAbi, blockNumber: block } as const;
  const [govLogs, seatLogs, name, votingDelay, votingPeriod, timelockDelay, quorumPercent, threshold, count] =
    await Promise.all([
      client.getContractEvents({ address: addresses.governor, abi: thresholdsCouncilAbi, fromBlock, toBlock: block }),
      client.getContractEvents({ address: addresses.seats, abi: councilSeatAbi, fromBlock, toBlock: block }),
      client.readContract({ ...gov, functionName: "name" }),
      client.readContract({ ...gov, functionName: "votingDelay" }),
      client.readContract({ ...gov, functionName: "votingPeriod" }),
      client.readContract({
        address: addresses.timelock,
        abi: councilTimelockAbi,
        blockNumber: block,
        functionName: "getMinDelay",
      }),
      client.readContract({ ...gov, functionName: "quorumNumerator", args: [] }),
      client.readContract({ ...gov, functionName: "proposalThreshold" }),
      client.readContract({ ...gov, functionName: "proposalCount" }),
    ]);

  const descriptions = new Map<bigint, string>();
  const votes = new Map<bigint, Vote[]>();
  const vetoers = new Map<bigint, Address[]>();
  for (const log of govLogs) {
    if (log.eventName === "ProposalCreated") descriptions.set(log.args.proposalId!, log.args.description!);
    if (log.eventName === "VoteCast") {
      const list = votes.get(log.args.proposalId!) ?? [];
      list.push({
        voter: log.args.voter!,
        support: log.args.support!,
        weight: log.args.weight!,
        reason: log.args.reason!,
      });
      votes.set(log.args.proposalId!, list);
    }
    if (log.eventName === "VetoCast") {
      const list = vetoers.get(log.args.proposalId!) ?? [];
      list.push(getAddress(log.args.voter!));
      vetoers.set(log.args.proposalId!, list);
    }
  }

  const proposals = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i): Promise<Proposal> => {
      const [id, targets, values, calldatas, descriptionHash] = await client.readContract({
        ...gov,
        functionName: "proposalDetailsAt",
        args: [BigInt(i)],
      });
      const [state, [againstVotes, forVotes, abstainVotes], snapshot, deadline, eta, proposer] = await Promise.all([
        client.readContract({ ...gov, functionName: "state", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalVotes", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalSnapshot", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalDeadline", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalEta", args: [id] }),
        client.readContract({ ...gov, functionName: "proposalProposer", args: [id] }),
      ]);
      // The quorum and the majority are fixed at the snapshot; before it, they are what the seats give now.
      const at = snapshot < BigInt(time) ? snapshot : BigInt(time - 1);
      const [quorum, seatsAt, vetoes] = await Promise.all([
        client.readContract({ ...gov, functionName: "quorum", args: [at] }),
        client.readContract({
          address: addresses.seats,
          abi: councilSeatAbi,
          blockNumber: block,
          functionName: "getPastTotalSupply",
          args: [at],
        }),
        client.readContract({ ...gov, functionName: "vetoes", args: [id] }),
      ]);
      return {
        number: i + 1,
        id,
        proposer,
        targets,
        values,
        calldatas,
        descriptionHash,
        description: descriptions.get(id) ?? "",
        state: PROPOSAL_STATES[state] ?? "Pending",
        forVotes,
        againstVotes,
        abstainVotes,
        snapshot: Number(snapshot),
        deadline: Number(deadline),
        eta: Number(eta),
        quorum,
        majority: seatsAt / 2n + 1n,
        vetoes,
        vetoers: vetoers.get(id) ?? [],
        votes: votes.get(id) ?? [],
      };
    }),
  );

  const seatMap = new Map<bigint, Omit<Seat, "votes" | "delegate" | "seated">>();
  for (const log of seatLogs)
    if (log.eventName === "MemberSeated")
      seatMap.set(log.args.seatId!, {
        member: getAddress(log.args.member!),
        seatId: log.args.seatId!,
        delegation: log.args.delegation!,
      });
  const seats = await Promise.all(
    [...seatMap.values()].map(async (s): Promise<Seat> => {
      const [seatId, votes, delegate] = await Promise.all([
        client.readContract({ ...seat, functionName: "seatOf", args: [s.member] }),
        client.readContract({ ...seat, functionName: "getVotes", args: [s.member] }),
        client.readContract({ ...seat, functionName: "delegates", args: [s.member] }),
      ]);
      return { ...s, seated: seatId === s.seatId, votes, delegate };
    }),
  );

  return {
    block,
    time,
    name,
    votingDelay: Number(votingDelay),
    votingPeriod: Number(votingPeriod),
    timelockDelay: Number(timelockDelay),
    quorumPercent,
    proposalThreshold: threshold,
    timelock: addresses.timelock,
    proposals: proposals.reverse(),
    seats,
  };
}

export function useCouncil() {
  const client = usePublicClient({ chainId: targetChain.id }) as PublicClient | undefined;
  return useQuery({
    queryKey: ["council", "chain", "snapshot"],
    queryFn: () =>
      loadCouncil(
        client!,
        { governor: councilAddress!, seats: seatAddress!, timelock: timelockAddress! },
        councilStartBlock,
      ),
    enabled: !!client && !!councilAddress && !!seatAddress && !!timelockAddress,
  });
}
