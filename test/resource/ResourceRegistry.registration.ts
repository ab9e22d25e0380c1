import { expect } from "chai";
import {
  atNext,
  DAY,
  deployRegistry,
  deployStock,
  ethers,
  networkHelpers,
  now,
  RULE,
  SEASON,
  stockConfig,
  t,
  WAD,
} from "./fixtures.ts";

describe("ResourceRegistry · council and registration", () => {
  it("is deployed with its council and refuses address(0) as council", async () => {
    const { registry, council } = await networkHelpers.loadFixture(deployRegistry);
    expect(await registry.council()).to.equal(council.address);
    expect(await registry.resourceCount()).to.equal(0n);
    const receipt = await registry.deploymentTransaction()!.wait();
    const log = registry.interface.parseLog(receipt!.logs[0])!;
    expect(log.name).to.equal("CouncilChanged");
    expect(log.args).to.deep.equal([ethers.ZeroAddress, council.address]);
    const factory = await ethers.getContractFactory("ResourceRegistry");
    await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(registry, "InvalidCouncil");
  });

  it("every council function refuses any other caller with CallerNotCouncil(caller, council)", async () => {
    const { registry, council, outsider, eli, id } = await networkHelpers.loadFixture(deployStock);
    const r = registry.connect(outsider);
    const start = (await now()) + DAY;
    const calls = [
      () => r.registerResource(stockConfig(start), [eli.address], [1]),
      () => r.setHarvestRule(id, RULE),
      () => r.setQuotaPolicy(id, 1_000, 4_500),
      () => r.setClosedPeriods(id, []),
      () => r.setAssessor(id, outsider.address, true),
      () => r.setBuyer(id, outsider.address, true),
      () => r.proposeCouncil(outsider.address),
      () => r.cancelCouncilHandover(),
    ];
    for (const call of calls) {
      await expect(call())
        .to.be.revertedWithCustomError(registry, "CallerNotCouncil")
        .withArgs(outsider.address, council.address);
    }
  });

  it("registers a resource: id 1, shares minted, every setting stored and announced", async () => {
    const { registry, council, eli, fay, gus } = await networkHelpers.loadFixture(deployRegistry);
    const start = (await now()) + 10 * DAY;
    const config = stockConfig(start);
    const holders = [eli.address, fay.address, gus.address];
    const id = await registry.registerResource.staticCall(config, holders, [4_000, 3_500, 2_500]);
    expect(id).to.equal(1n);
    const tx = registry.registerResource(config, holders, [4_000, 3_500, 2_500]);
    await expect(tx)
      .to.emit(registry, "ResourceRegistered")
      .withArgs(1n, "North Sea plaice", "t", start, SEASON, 10_000);
    await expect(tx)
      .to.emit(registry, "HarvestRuleSet")
      .withArgs(1n, [RULE.targetRate, RULE.precautionaryBiomass, RULE.limitBiomass, 2_000, 3_000]);
    await expect(tx).to.emit(registry, "QuotaPolicySet").withArgs(1n, 1_000, 4_500);
    await expect(tx)
      .to.emit(registry, "ClosedPeriodsSet")
      .withArgs(1n, [[60 * DAY, 120 * DAY]]);
    await expect(tx)
      .to.emit(registry, "TransferSingle")
      .withArgs(council.address, ethers.ZeroAddress, eli.address, 1n, 4_000n);
    expect(await registry.resourceCount()).to.equal(1n);
    expect(await registry.balanceOf(eli.address, 1)).to.equal(4_000n);
    expect(await registry.balanceOf(fay.address, 1)).to.equal(3_500n);
    expect(await registry.balanceOf(gus.address, 1)).to.equal(2_500n);
    const info = await registry.getResource(1);
    expect(info.name).to.equal("North Sea plaice");
    expect(info.unit).to.equal("t");
    expect(info.firstSeasonStart).to.equal(BigInt(start));
    expect(info.seasonLength).to.equal(BigInt(SEASON));
    expect(info.totalShares).to.equal(10_000n);
    expect(info.openedSeason).to.equal(0n);
    expect(info.lastAssessedSeason).to.equal(0n);
    expect(info.rule).to.deep.equal([RULE.targetRate, RULE.precautionaryBiomass, RULE.limitBiomass, 2_000n, 3_000n]);
    expect(info.carryOverBps).to.equal(1_000n);
    expect(info.concentrationCapBps).to.equal(4_500n);
    expect(info.closedPeriods).to.deep.equal([[BigInt(60 * DAY), BigInt(120 * DAY)]]);
    expect(await registry.currentSeason(1)).to.equal(0n);
    expect(await registry.seasonAt(1, start - 1)).to.equal(0n);
    expect(await registry.seasonAt(1, start)).to.equal(1n);
    expect(await registry.seasonAt(1, start + SEASON - 1)).to.equal(1n);
    expect(await registry.seasonAt(1, start + SEASON)).to.equal(2n);
    expect(await registry.maxHolding(1)).to.equal(0n);
    // A second resource gets id 2 with its own shares.
    await registry.registerResource(
      stockConfig(start, { name: "Cod", closedPeriods: [], concentrationCapBps: 10_000 }),
      [eli.address],
      [1],
    );
    expect(await registry.resourceCount()).to.equal(2n);
    expect(await registry.balanceOf(eli.address, 2)).to.equal(1n);
    expect((await registry.getResource(2)).closedPeriods).to.deep.equal([]);
  });

  it("accepts the boundaries: F = 1e18, bps = 10000, a closed period ending at the season's end, 4 periods", async () => {
    const { registry, eli } = await networkHelpers.loadFixture(deployRegistry);
    const start = (await now()) + 10;
    const periods = [
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 30, end: 40 },
      { start: 50, end: 100 },
    ];
    await registry.registerResource(
      stockConfig(start, {
        seasonLength: 100,
        rule: { ...RULE, targetRate: WAD, maxRiseBps: 10_000, maxCutBps: 10_000, limitBiomass: 0n },
        carryOverBps: 10_000,
        concentrationCapBps: 10_000,
        closedPeriods: periods,
      }),
      [eli.address],
      [2n ** 32n - 1n],
    );
    const info = await registry.getResource(1);
    expect(info.totalShares).to.equal(2n ** 32n - 1n);
    expect(info.rule.targetRate).to.equal(WAD);
    expect(info.closedPeriods.map((p) => [Number(p.start), Number(p.end)])).to.deep.equal(
      periods.map((p) => [p.start, p.end]),
    );
  });

  it("refuses every invalid configuration with its error", async () => {
    const { registry, eli, fay } = await networkHelpers.loadFixture(deployRegistry);
    const start = (await now()) + 10 * DAY;
    const holders = [eli.address, fay.address];
    const shares = [5_000, 5_000];
    const reg = (overrides: Parameters<typeof stockConfig>[1]) =>
      registry.registerResource(stockConfig(start, { concentrationCapBps: 5_000, ...overrides }), holders, shares);
    await expect(reg({ seasonLength: 0 })).to.be.revertedWithCustomError(registry, "ZeroSeasonLength");
    const at = (await now()) + 100;
    await atNext(at);
    await expect(reg({ firstSeasonStart: at }))
      .to.be.revertedWithCustomError(registry, "FirstSeasonInPast")
      .withArgs(at, at);
    await atNext(at + 1);
    await expect(reg({ firstSeasonStart: at }))
      .to.be.revertedWithCustomError(registry, "FirstSeasonInPast")
      .withArgs(at, at + 1);
    await expect(reg({ rule: { ...RULE, limitBiomass: RULE.precautionaryBiomass } }))
      .to.be.revertedWithCustomError(registry, "RuleOutOfOrder")
      .withArgs(RULE.precautionaryBiomass, RULE.precautionaryBiomass);
    await expect(reg({ rule: { ...RULE, limitBiomass: t(200_000) } }))
      .to.be.revertedWithCustomError(registry, "RuleOutOfOrder")
      .withArgs(t(200_000), RULE.precautionaryBiomass);
    await expect(reg({ rule: { ...RULE, targetRate: WAD + 1n } }))
      .to.be.revertedWithCustomError(registry, "TargetRateTooHigh")
      .withArgs(WAD + 1n);
    await expect(reg({ rule: { ...RULE, maxRiseBps: 10_001 } }))
      .to.be.revertedWithCustomError(registry, "BasisPointsOutOfRange")
      .withArgs(10_001);
    await expect(reg({ rule: { ...RULE, maxCutBps: 10_001 } }))
      .to.be.revertedWithCustomError(registry, "BasisPointsOutOfRange")
      .withArgs(10_001);
    await expect(reg({ carryOverBps: 10_001 }))
      .to.be.revertedWithCustomError(registry, "BasisPointsOutOfRange")
      .withArgs(10_001);
    await expect(reg({ concentrationCapBps: 10_001 }))
      .to.be.revertedWithCustomError(registry, "BasisPointsOutOfRange")
      .withArgs(10_001);
    await expect(reg({ concentrationCapBps: 0 })).to.be.revertedWithCustomError(registry, "ZeroConcentrationCap");
    const five = [0, 1, 2, 3, 4].map((i) => ({ start: i * 10, end: i * 10 + 5 }));
    await expect(reg({ closedPeriods: five }))
      .to.be.revertedWithCustomError(registry, "TooManyClosedPeriods")
      .withArgs(5, 4);
    await expect(reg({ closedPeriods: [{ start: 5, end: 5 }] }))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodOutOfOrder")
      .withArgs(0, 5, 5);
    await expect(reg({ closedPeriods: [{ start: 6, end: 5 }] }))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodOutOfOrder")
      .withArgs(0, 6, 5);
    await expect(
      reg({
        closedPeriods: [
          { start: 0, end: 10 },
          { start: 9, end: 20 },
        ],
      }),
    )
      .to.be.revertedWithCustomError(registry, "ClosedPeriodOutOfOrder")
      .withArgs(1, 9, 20);
    await expect(reg({ closedPeriods: [{ start: 0, end: SEASON + 1 }] }))
      .to.be.revertedWithCustomError(registry, "ClosedPeriodOutOfOrder")
      .withArgs(0, 0, SEASON + 1);
    expect(await registry.resourceCount()).to.equal(0n);
  });

  it("refuses invalid initial holders, too many shares and a holder above the share cap", async () => {
    const { registry, eli, fay } = await networkHelpers.loadFixture(deployRegistry);
    const config = stockConfig((await now()) + 10 * DAY, { concentrationCapBps: 5_000 });
    const bad = "InvalidInitialHolders";
    await expect(registry.registerResource(config, [], [])).to.be.revertedWithCustomError(registry, bad);
    await expect(registry.registerResource(config, [eli.address], [1, 2])).to.be.revertedWithCustomError(registry, bad);
    await expect(registry.registerResource(config, [ethers.ZeroAddress], [1])).to.be.revertedWithCustomError(
      registry,
      bad,
    );
    await expect(registry.registerResource(config, [eli.address, fay.address], [0, 1])).to.be.revertedWithCustomError(
      registry,
      bad,
    );
    // A holder listed twice is refused (IResourceRegistry: "or a holder is address(0) or listed twice").
    await expect(
      registry.registerResource(config, [eli.address, fay.address, eli.address], [1, 2, 1]),
    ).to.be.revertedWithCustomError(registry, bad);
    const max = 2n ** 32n - 1n;
    await expect(registry.registerResource(config, [eli.address, fay.address], [max, 1]))
      .to.be.revertedWithCustomError(registry, "InvalidTotalShares")
      .withArgs(max + 1n);
    // 50 % of 10 shares is 5: eli's 6 is one too many.
    await expect(registry.registerResource(config, [eli.address, fay.address], [6, 4]))
      .to.be.revertedWithCustomError(registry, "ShareCapExceeded")
      .withArgs(1n, eli.address, 5n, 6n);
    await registry.registerResource(config, [eli.address, fay.address], [5, 5]);
    expect(await registry.balanceOf(eli.address, 1)).to.equal(5n);
  });

  it("replaces the harvest rule, quota policy and closed periods, with events and the same validation", async () => {
    const { registry, id } = await networkHelpers.loadFixture(deployStock);
    const rule = { ...RULE, targetRate: WAD / 10n, maxRiseBps: 500 };
    await expect(registry.setHarvestRule(id, rule))
      .to.emit(registry, "HarvestRuleSet")
      .withArgs(id, [rule.targetRate, rule.precautionaryBiomass, rule.limitBiomass, 500, 3_000]);
    expect((await registry.getResource(id)).rule.targetRate).to.equal(WAD / 10n);
    await expect(registry.setHarvestRule(id, { ...RULE, targetRate: WAD + 1n })).to.be.revertedWithCustomError(
      registry,
      "TargetRateTooHigh",
    );
    await expect(registry.setQuotaPolicy(id, 2_000, 3_000))
      .to.emit(registry, "QuotaPolicySet")
      .withArgs(id, 2_000, 3_000);
    const info = await registry.getResource(id);
    expect([info.carryOverBps, info.concentrationCapBps]).to.deep.equal([2_000n, 3_000n]);
    await expect(registry.setQuotaPolicy(id, 2_000, 0)).to.be.revertedWithCustomError(registry, "ZeroConcentrationCap");
    const periods = [
      { start: 10 * DAY, end: 20 * DAY },
      { start: 200 * DAY, end: 230 * DAY },
    ];
    await expect(registry.setClosedPeriods(id, periods))
      .to.emit(registry, "ClosedPeriodsSet")
      .withArgs(id, [
        [10 * DAY, 20 * DAY],
        [200 * DAY, 230 * DAY],
      ]);
    expect((await registry.getResource(id)).closedPeriods.length).to.equal(2);
    await expect(registry.setClosedPeriods(id, [])).to.emit(registry, "ClosedPeriodsSet").withArgs(id, []);
    expect((await registry.getResource(id)).closedPeriods).to.deep.equal([]);
  });

  it("accredits science bodies and registers buyers per resource, with events; unknown resources are refused", async () => {
    const { registry, id, science, buyer, outsider } = await networkHelpers.loadFixture(deployStock);
    expect(await registry.isAssessor(id, science.address)).to.equal(true);
    expect(await registry.isBuyer(id, buyer.address)).to.equal(true);
    expect(await registry.isAssessor(id, outsider.address)).to.equal(false);
    await expect(registry.setAssessor(id, science.address, false))
      .to.emit(registry, "AssessorAccreditationSet")
      .withArgs(id, science.address, false);
    await expect(registry.setBuyer(id, buyer.address, false))
      .to.emit(registry, "BuyerRegistrationSet")
      .withArgs(id, buyer.address, false);
    expect(await registry.isAssessor(id, science.address)).to.equal(false);
    expect(await registry.isBuyer(id, buyer.address)).to.equal(false);
    expect(await registry.isAssessor(2, science.address)).to.equal(false);
    for (const call of [
      registry.setAssessor(2, science.address, true),
      registry.setBuyer(2, buyer.address, true),
      registry.setHarvestRule(2, RULE),
      registry.setQuotaPolicy(2, 0, 1),
      registry.setClosedPeriods(2, []),
      registry.connect(outsider).approveBuyer(2, buyer.address, true),
      registry.rollover(2),
      registry.connect(outsider).transferEntitlement(2, science.address, 1),
    ]) {
      await expect(call).to.be.revertedWithCustomError(registry, "UnknownResource").withArgs(2);
    }
    for (const view of [
      registry.getResource(0),
      registry.getSeason(2, 1),
      registry.seasonAt(2, 0),
      registry.currentSeason(2),
      registry.holdingOf(2, outsider.address),
      registry.entitlementOf(2, outsider.address),
      registry.maxHolding(2),
      registry.closedPeriodAt(2, 0),
      registry.previewCap(2, 1, 0),
    ]) {
      await expect(view).to.be.revertedWithCustomError(registry, "UnknownResource");
    }
  });

  it("supports the ERC-1155 and ERC-165 interfaces and has an empty URI", async () => {
    const { registry } = await networkHelpers.loadFixture(deployRegistry);
    expect(await registry.supportsInterface("0xd9b67a26")).to.equal(true); // ERC-1155
    expect(await registry.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
    expect(await registry.uri(1)).to.equal("");
  });
});
