// Gas of the resource-cap registry ("Fishcoin") and of one thresholds-council decision (see scripts/bench.ts).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export const RESOURCE_TARGETS: Record<string, number> = {
  "resource.transfer": 60_000,
  "resource.land": 60_000,
  "resource.rollover@10": 100_000,
  "resource.rollover@1000": 100_000,
};

type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
async function gasOf(tx: Promise<Receipt>): Promise<number> {
  return Number((await (await tx).wait())!.gasUsed);
}

const WAD = 10n ** 18n;
const DAY = 86_400;
const SEASON = 365 * DAY;

export async function benchResource(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const signers = await ethers.getSigners();
  const [council, science, buyer, whale, eli, fay] = signers;
  // The registry only checks msg.sender == council; a plain account stands in for the timelock here (the council's
  // own costs are measured below).
  const registry = await ethers.deployContract("ResourceRegistry", [council.address]);
  const provider = ethers.provider;
  const now = async () => Number((await provider.getBlock("latest"))!.timestamp);
  const goTo = async (t: number) => {
    await provider.send("evm_setNextBlockTimestamp", [t]);
    await provider.send("evm_mine", []);
  };
  const rule = {
    targetRate: (WAD * 2n) / 10n,
    precautionaryBiomass: 100_000n * WAD,
    limitBiomass: 40_000n * WAD,
    maxRiseBps: 2_000,
    maxCutBps: 3_000,
  };

  /** Registers a stock whose shares all start with `whale`, then spreads one share to each of `extra` holders and
   * touches them in season 1, so season 1 closes with `extra + 1` active holders. */
  async function stock(extra: number, concentrationCapBps: number) {
    const start = (await now()) + 10 * DAY;
    await (
      await registry.registerResource(
        {
          name: `Bench stock ${extra + 1}`,
          unit: "t",
          firstSeasonStart: start,
          seasonLength: SEASON,
          rule,
          carryOverBps: 1_000,
          concentrationCapBps,
          closedPeriods: [{ start: 90 * DAY, end: 120 * DAY }],
        },
        [whale.address],
        [1_000_000],
      )
    ).wait();
    const id = await registry.resourceCount();
    await (await registry.setAssessor(id, science.address, true)).wait();
    await (await registry.setBuyer(id, buyer.address, true)).wait();
    return { id, start };
  }

  const a = await stock(9, 10_000);
  const b = await stock(999, 10_000);
  results["resource.postAssessment.first"] = await gasOf(
    registry.connect(science).postAssessment(a.id, 1, 150_000n * WAD, ethers.id("report 1")),
  );
  await (await registry.connect(science).postAssessment(b.id, 1, 150_000n * WAD, ethers.id("report 1"))).wait();
  await goTo(Math.max(a.start, b.start) + DAY);

  // Spread shares and entitlement: every holder is settled into season 1 and holds some entitlement.
  const share = async (id: bigint, to: string) =>
    (await registry.connect(whale).safeTransferFrom(whale.address, to, id, 1, "0x")).wait();
  for (const [res, n] of [
    [a, 9],
    [b, 999],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const to = i < 2 ? [eli, fay][i].address : ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(0x1000 + i), 20));
      await share(res.id, to);
      await (await registry.connect(whale).transferEntitlement(res.id, to, WAD)).wait();
    }
  }
  results["resource.shareTransfer"] = await gasOf(
    registry.connect(whale).safeTransferFrom(whale.address, eli.address, a.id, 1, "0x"),
  );

  // Entitlement transfer, steady state: both parties already settled this season and holding entitlement.
  await (await registry.connect(eli).transferEntitlement(a.id, fay.address, WAD / 2n)).wait();
  results["resource.transfer"] = await gasOf(registry.connect(eli).transferEntitlement(a.id, fay.address, WAD / 4n));

  // Landing, steady state: the holder has landed before this season.
  await (await registry.connect(eli).approveBuyer(a.id, buyer.address, true)).wait();
  await (await registry.connect(fay).approveBuyer(a.id, buyer.address, true)).wait();
  await (await registry.connect(buyer).recordLanding(a.id, eli.address, WAD / 10n, ethers.id("ticket 1"))).wait();
  results["resource.land"] = await gasOf(
    registry.connect(buyer).recordLanding(a.id, eli.address, WAD / 10n, ethers.id("ticket 2")),
  );

  // Season 2 assessment (step bound against season 1's cap), then the rollovers.
  results["resource.postAssessment"] = await gasOf(
    registry.connect(science).postAssessment(a.id, 2, 180_000n * WAD, ethers.id("report 2")),
  );
  await (await registry.connect(science).postAssessment(b.id, 2, 180_000n * WAD, ethers.id("report 2"))).wait();
  await goTo(a.start + SEASON + DAY);
  results["resource.rollover@10"] = await gasOf(registry.rollover(a.id));
  results["resource.rollover@1000"] = await gasOf(registry.rollover(b.id));

  // First touches of a season: both parties settled (allocation + carry-over) inside the transfer / landing.
  results["resource.transfer.firstInSeason"] = await gasOf(
    registry.connect(eli).transferEntitlement(a.id, fay.address, WAD / 100n),
  );
  await (await registry.connect(whale).approveBuyer(a.id, buyer.address, true)).wait();
  results["resource.land.firstInSeason"] = await gasOf(
    registry.connect(buyer).recordLanding(a.id, whale.address, WAD, ethers.id("ticket 3")),
  );

  Object.assign(results, await benchCouncil(ethers));
  return results;
}

/** One council decision end to end: propose, three votes, queue, execute (a quota-policy change). */
async function benchCouncil(ethers: HardhatEthers): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const signers = await ethers.getSigners();
  const [deployer, m1, m2, m3] = signers;
  const provider = ethers.provider;
  const forward = async (seconds: number) => {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  };
  const timelock = await ethers.deployContract("CouncilTimelock", [
    2 * DAY,
    [],
    [ethers.ZeroAddress],
    deployer.address,
  ]);
  const seats = await ethers.deployContract("CouncilSeat", [
    [m1.address, m2.address, m3.address],
    ["North", "South", "Science"],
    await timelock.getAddress(),
  ]);
  const governor = await ethers.deployContract("ThresholdsCouncil", [
    await seats.getAddress(),
    await timelock.getAddress(),
    DAY,
    3 * DAY,
    50,
  ]);
  await (await timelock.grantRole(await timelock.PROPOSER_ROLE(), await governor.getAddress())).wait();
  await (await timelock.grantRole(await timelock.CANCELLER_ROLE(), await governor.getAddress())).wait();
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address)).wait();
  const registry = await ethers.deployContract("ResourceRegistry", [await timelock.getAddress()]);
  // A resource registered through a first decision, so the measured decision changes an existing one.
  const start = Number((await provider.getBlock("latest"))!.timestamp) + 30 * DAY;
  const register = registry.interface.encodeFunctionData("registerResource", [
    {
      name: "Council bench stock",
      unit: "t",
      firstSeasonStart: start,
      seasonLength: SEASON,
      rule: {
        targetRate: WAD / 5n,
        precautionaryBiomass: 100_000n * WAD,
        limitBiomass: 40_000n * WAD,
        maxRiseBps: 2_000,
        maxCutBps: 3_000,
      },
      carryOverBps: 1_000,
      concentrationCapBps: 4_000,
      closedPeriods: [],
    },
    [m1.address, m2.address, m3.address],
    [400, 300, 300],
  ]);
  const target = await registry.getAddress();
  async function decide(calldata: string, description: string, measure: boolean) {
    const args: [string[], number[], string[], string] = [[target], [0], [calldata], description];
    const g = governor.connect(m1);
    const proposeGas = await gasOf(g.propose(...args));
    await forward(DAY + 1);
    const proposalId = await governor.hashProposal([target], [0], [calldata], ethers.id(description));
    const voteGas = await gasOf(governor.connect(m1).castVote(proposalId, 1));
    await (await governor.connect(m2).castVote(proposalId, 1)).wait();
    await forward(3 * DAY + 1);
    const queueGas = await gasOf(governor["queue(uint256)"](proposalId));
    await forward(2 * DAY + 1);
    const executeGas = await gasOf(governor["execute(uint256)"](proposalId));
    if (measure) {
      results["council.propose"] = proposeGas;
      results["council.castVote"] = voteGas;
      results["council.queue"] = queueGas;
      results["council.execute"] = executeGas;
    }
  }
  await decide(register, "Register the bench stock", false);
  await decide(
    registry.interface.encodeFunctionData("setQuotaPolicy", [1, 1_500, 3_500]),
    "Carry-over 15 %, concentration cap 35 %",
    true,
  );
  return results;
}
