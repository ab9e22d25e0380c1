// Thresholds-council decisions on a local chain: propose, vote, wait, queue, wait, execute, moving the chain's clock
// over the voting and timelock delays. Used by the demo seed and the tests; never for a real chain (it warps time).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ThresholdsCouncil } from "../../types/ethers-contracts/index.ts";

export interface CouncilCall {
  target: string;
  data: string;
  /** ETH the timelock sends with the call, from its own balance (default 0). */
  value?: bigint;
}

/** Moves the local chain's clock forward by `seconds` and mines a block. */
export async function warp(ethers: HardhatEthers, seconds: number): Promise<void> {
  await ethers.provider.send("evm_increaseTime", [seconds]);
  await ethers.provider.send("evm_mine", []);
}

/** Sets the next block's timestamp to `timestamp` and mines it. */
export async function warpTo(ethers: HardhatEthers, timestamp: number): Promise<void> {
  await ethers.provider.send("evm_setNextBlockTimestamp", [timestamp]);
  await ethers.provider.send("evm_mine", []);
}

export async function chainTime(ethers: HardhatEthers): Promise<number> {
  return Number((await ethers.provider.getBlock("latest"))!.timestamp);
}

/**
 * Proposes `calls` as one proposal by `proposer`, lets `voters` vote for it, and (unless `stopAt` says otherwise)
 * queues and executes it. Returns the proposal id.
 */
export async function decide(
  ethers: HardhatEthers,
  governor: ThresholdsCouncil,
  proposer: HardhatEthersSigner,
  voters: HardhatEthersSigner[],
  calls: CouncilCall[],
  description: string,
  stopAt?: "active" | "queued",
): Promise<bigint> {
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const datas = calls.map((c) => c.data);
  await (await governor.connect(proposer).propose(targets, values, datas, description)).wait();
  const id = await governor.hashProposal(targets, values, datas, ethers.id(description));
  await warp(ethers, Number(await governor.votingDelay()) + 1);
  if (stopAt === "active") {
    if (voters[0]) await (await governor.connect(voters[0]).castVote(id, 1)).wait();
    return id;
  }
  for (const v of voters) await (await governor.connect(v).castVote(id, 1)).wait();
  await warp(ethers, Number(await governor.votingPeriod()));
  await (await governor["queue(uint256)"](id)).wait();
  if (stopAt === "queued") return id;
  const timelock = await ethers.getContractAt("CouncilTimelock", await governor.timelock());
  await warp(ethers, Number(await timelock.getMinDelay()) + 1);
  await (await governor["execute(uint256)"](id)).wait();
  return id;
}
