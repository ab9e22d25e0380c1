// The seeded demo history spread over many blocks, as on a public chain where a contract's events lie thousands of
// blocks apart: `gap()` mines empty blocks between the deployment, the seeding phases and the steps of each demo.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { chainTime } from "./council.ts";

/** A pause in the demo's history: empty blocks (none when the stack seeds without a spread). */
export type Gap = () => Promise<void>;
export const noGap: Gap = async () => {};

/** Seconds between the blocks of a gap while the chain's clock is in the past (Ethereum's slot time). */
const BLOCK_SECONDS = 12;
/** How far behind the wall clock a gap must end to keep that block time. */
const PAST_MARGIN_SECONDS = 3_600;

/**
 * A gap of `blocks` empty blocks (`hardhat_mine`). While the chain's clock is in the past (the resource demo's
 * seasons), the blocks are 12 s apart; once the clock has reached the wall clock they share its timestamp, so the
 * demos' wall-clock deadlines and the queued council decision's ETA keep their meaning.
 */
export function blockGap(ethers: HardhatEthers, blocks: number): Gap {
  if (!Number.isInteger(blocks) || blocks < 0) throw new Error(`blockGap: ${blocks} is not a block count`);
  if (blocks === 0) return noGap;
  return async () => {
    const inPast = (await chainTime(ethers)) + blocks * BLOCK_SECONDS < Date.now() / 1000 - PAST_MARGIN_SECONDS;
    await ethers.provider.send("hardhat_mine", [
      `0x${blocks.toString(16)}`,
      inPast ? `0x${BLOCK_SECONDS.toString(16)}` : "0x0",
    ]);
  };
}
