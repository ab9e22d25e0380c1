// Demo data of the resource-cap currency: the plaice stock over two seasons, its council, science body, fishers and
// buyer. It moves the chain's clock to the present, so it runs before the demos that sign against the wall clock.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { chainTime, decide, warpTo } from "./council.ts";
import { noGap, type Gap } from "./spread.ts";

const WAD = 10n ** 18n;
const DAY = 86_400;
export const DEMO_SEASON_LENGTH = 365 * DAY;
/** How far before the wall clock the seeded chain starts: season 1 in full, then part of season 2. */
export const DEMO_LOOKBACK_SECONDS = 420 * DAY;
const t = (n: number) => BigInt(Math.round(n * 1000)) * (WAD / 1000n);

export interface ResourceDemoSummary {
  registry: string;
  governor: string;
  resourceId: bigint;
  season: bigint;
  pendingProposal: bigint;
}

export async function seedResourceDemo(
  ethers: HardhatEthers,
  addresses: { registry: string; governor: string },
  gap: Gap = noGap,
): Promise<ResourceDemoSummary> {
  const signers = await ethers.getSigners();
  const [ada, bea, cyrus, dara, , eli, fay, gus, hal] = signers;
  const registry = await ethers.getContractAt("ResourceRegistry", addresses.registry);
  const governor = await ethers.getContractAt("ThresholdsCouncil", addresses.governor);
  const target = addresses.registry;
  const iface: { encodeFunctionData(fn: string, args: readonly unknown[]): string } = registry.interface;
  const call = (fn: string, args: unknown[]) => ({ target, data: iface.encodeFunctionData(fn, args) });

  // 1. The council registers the stock, accredits the science body and registers the harbour buyer, in one decision.
  const t0 = await chainTime(ethers);
  const seasonOneStart = t0 + 7 * DAY;
  const resourceId = (await registry.resourceCount()) + 1n;
  await decide(
    ethers,
    governor,
    ada,
    [ada, bea, cyrus],
    [
      call("registerResource", [
        {
          name: "North Sea plaice",
          unit: "t",
          firstSeasonStart: seasonOneStart,
          seasonLength: DEMO_SEASON_LENGTH,
          rule: {
            targetRate: (WAD * 20n) / 100n,
            precautionaryBiomass: t(100_000),
            limitBiomass: t(40_000),
            maxRiseBps: 2_000,
            maxCutBps: 3_000,
          },
          carryOverBps: 1_000,
          concentrationCapBps: 4_500,
          closedPeriods: [{ start: 60 * DAY, end: 120 * DAY }],
        },
        [eli.address, fay.address, gus.address],
        [4_000, 3_500, 2_500],
      ]),
      call("setAssessor", [resourceId, dara.address, true]),
      call("setBuyer", [resourceId, hal.address, true]),
    ],
    "Register North Sea plaice: F = 0.2, Bpa 100,000 t, Blim 40,000 t; spawning closure days 60-120; " +
      "accredit the Marine Institute; register Harbour Hal as buyer",
  );

  // 2. Season 1: 150,000 t assessed -> cap 30,000 t (3 t per share). Trades and landings.
  await gap();
  await (await registry.connect(dara).postAssessment(resourceId, 1, t(150_000), ethers.id("assessment 1"))).wait();
  await warpTo(ethers, seasonOneStart + 10 * DAY);
  for (const fisher of [eli, fay, gus]) {
    await (await registry.connect(fisher).approveBuyer(resourceId, hal.address, true)).wait();
  }
  await (await registry.connect(gus).transferEntitlement(resourceId, eli.address, t(1_000))).wait();
  // The fish ticket's number as bytes32 text, as the dApp's buyer screen records it (and shows it back).
  const land = async (fisher: typeof eli, tonnes: number, ticket: string) =>
    (
      await registry
        .connect(hal)
        .recordLanding(resourceId, fisher.address, t(tonnes), ethers.encodeBytes32String(ticket))
    ).wait();
  await land(eli, 7_000, "S1-0001");
  await land(fay, 5_000, "S1-0002");
  await land(gus, 6_500, "S1-0003");
  await gap();
  await warpTo(ethers, seasonOneStart + 150 * DAY);
  await land(eli, 5_500, "S1-0004");
  await land(fay, 4_000, "S1-0005");

  // 3. Season 2: 95,000 t assessed, below Bpa: the rule gives 18,333.3 t, the 30 % step limit holds it at 21,000 t.
  await gap();
  await warpTo(ethers, seasonOneStart + 300 * DAY);
  await (await registry.connect(dara).postAssessment(resourceId, 2, t(95_000), ethers.id("assessment 2"))).wait();
  const seasonTwoStart = seasonOneStart + DEMO_SEASON_LENGTH;
  await warpTo(ethers, seasonTwoStart + DAY);
  await (await registry.rollover(resourceId)).wait(); // season 1 closes: carry-over and fish left in the sea
  await (await registry.connect(fay).transferEntitlement(resourceId, gus.address, t(300))).wait();
  await land(eli, 2_000, "S2-0001");
  await land(gus, 1_200, "S2-0002");
  await gap();

  // 4. Back to (just before) the present, then a decision that waits in the timelock: a second closed period,
  // voted and queued, executable a few minutes after `npm start`.
  const wallClock = Math.floor(Date.now() / 1000);
  await warpTo(ethers, Math.max((await chainTime(ethers)) + 1, wallClock - 700));
  const pendingProposal = await decide(
    ethers,
    governor,
    bea,
    [ada, bea],
    [
      call("setClosedPeriods", [
        resourceId,
        [
          { start: 60 * DAY, end: 120 * DAY },
          { start: 200 * DAY, end: 230 * DAY },
        ],
      ]),
    ],
    "Protect juveniles: add a closed period on days 200-230 of each season",
    "queued",
  );
  await warpTo(ethers, Math.max((await chainTime(ethers)) + 1, Math.floor(Date.now() / 1000)));
  return {
    registry: addresses.registry,
    governor: addresses.governor,
    resourceId,
    season: await registry.currentSeason(resourceId),
    pendingProposal,
  };
}
