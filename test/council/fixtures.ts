// Shared fixtures of the thresholds-council tests: the council as deployed by Ignition (ignition/modules/Resource.ts,
// which uses Council.ts) governing the resource registry, with 3 or 4 founders and any quorumPercent.
import { network } from "hardhat";
import ResourceModule from "../../ignition/modules/Resource.ts";
import type { CouncilCall } from "../../scripts/lib/council.ts";

export const conn = await network.create();
export const { ethers, networkHelpers } = conn;

export const DAY = 86_400;
export const WAD = 10n ** 18n;
export const State = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
};
export const Vote = { Against: 0, For: 1, Abstain: 2 };

export async function deployCouncil(founderCount: number, quorumPercent = 50) {
  const [deployer, ada, bea, cyrus, dara, outsider, ...rest] = await ethers.getSigners();
  const founders = [ada, bea, cyrus, dara].slice(0, founderCount);
  const deployed = await conn.ignition.deploy(ResourceModule, {
    displayUi: false,
    parameters: {
      Council: {
        founders: founders.map((f) => f.address),
        delegations: ["North", "South", "Science", "Fisheries"].slice(0, founderCount),
        quorumPercent,
      },
    },
  });
  const governor = await ethers.getContractAt("ThresholdsCouncil", await deployed.governor.getAddress());
  const seats = await ethers.getContractAt("CouncilSeat", await deployed.seats.getAddress());
  const timelock = await ethers.getContractAt("CouncilTimelock", await deployed.timelock.getAddress());
  const registry = await ethers.getContractAt("ResourceRegistry", await deployed.registry.getAddress());
  const call =
    (target: { interface: { encodeFunctionData(fn: string, args: readonly unknown[]): string } }, address: string) =>
    (fn: string, args: unknown[]): CouncilCall => ({
      target: address,
      data: target.interface.encodeFunctionData(fn, args),
    });
  return {
    governor,
    seats,
    timelock,
    registry,
    deployer,
    ada,
    bea,
    cyrus,
    dara,
    outsider,
    rest,
    founders,
    onRegistry: call(registry, await registry.getAddress()),
    onSeats: call(seats, await seats.getAddress()),
    onGovernor: call(governor, await governor.getAddress()),
  };
}

export type Council = Awaited<ReturnType<typeof deployCouncil>>;

// loadFixture passes the connection as first argument: wrap the founder count.
export const deployThree = () => deployCouncil(3);
export const deployFour = () => deployCouncil(4);

export function plaice(firstSeasonStart: number) {
  return {
    name: "North Sea plaice",
    unit: "t",
    firstSeasonStart,
    seasonLength: 365 * DAY,
    rule: {
      targetRate: WAD / 5n,
      precautionaryBiomass: 100_000n * WAD,
      limitBiomass: 40_000n * WAD,
      maxRiseBps: 2_000,
      maxCutBps: 3_000,
    },
    carryOverBps: 1_000,
    concentrationCapBps: 5_000,
    closedPeriods: [],
  };
}

/**
 * The call of the attack, "hand the registry to `to`", encoded from its signature (not from the compiled
 * ABI), so the vote-counting tests that propose it run, and fail for the vote count, against any registry version.
 */
export function handRegistryTo(registry: string, to: string): CouncilCall {
  const iface = new ethers.Interface(["function proposeCouncil(address newCouncil)"]);
  return { target: registry, data: iface.encodeFunctionData("proposeCouncil", [to]) };
}

/** Proposes `calls` and returns the proposal id with its description hash. */
export async function propose(
  governor: Council["governor"],
  proposer: Council["ada"],
  calls: CouncilCall[],
  description: string,
) {
  const args = [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), description] as const;
  await governor.connect(proposer).propose(...args);
  const id = await governor.hashProposal(args[0], args[1], args[2], ethers.id(description));
  return { id, args };
}

/** Votes `votes` (voter, support) once voting is open, then moves past the deadline. */
export async function voteAndClose(governor: Council["governor"], id: bigint, votes: [Council["ada"], number][]) {
  await networkHelpers.time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
  for (const [voter, support] of votes) await governor.connect(voter).castVote(id, support);
  await networkHelpers.time.increaseTo((await governor.proposalDeadline(id)) + 1n);
}
