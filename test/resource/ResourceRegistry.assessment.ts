import { expect } from "chai";
import {
  BPS,
  DAY,
  deployStock,
  MAX_U96,
  networkHelpers,
  RULE,
  t,
  ticket,
  warpTo,
  WAD,
  type Registry,
  type Signer,
} from "./fixtures.ts";

/** The rule of the demo stock computed independently (F = 0.2, Bpa 100,000 t, Blim 40,000 t), rounding down. */
function ruleCap(biomass: bigint, rule = RULE): bigint {
  if (biomass <= rule.limitBiomass) return 0n;
  if (biomass >= rule.precautionaryBiomass) return (rule.targetRate * biomass) / WAD;
  const atBpa = (rule.targetRate * rule.precautionaryBiomass) / WAD;
  return (atBpa * (biomass - rule.limitBiomass)) / (rule.precautionaryBiomass - rule.limitBiomass);
}

function stepBound(rule: bigint, previous: bigint, riseBps = 2_000n, cutBps = 3_000n): bigint {
  if (previous === 0n) return rule;
  const upper = previous + (previous * riseBps) / BPS;
  const lower = previous - (previous * cutBps) / BPS;
  return rule > upper ? upper : rule < lower ? lower : rule;
}

/** Posts season 1 at `biomass1`, moves into season 1 (so season 2 can be assessed). */
async function inSeasonOne(registry: Registry, science: Signer, id: bigint, start: number, biomass1: bigint) {
  await registry.connect(science).postAssessment(id, 1, biomass1, ticket("s1"));
  await warpTo(start + DAY);
}

describe("ResourceRegistry · assessments and the harvest control rule", () => {
  it("the hockey stick: exact values at and around Blim and Bpa, and between them (RC-4)", async () => {
    const { registry, id } = await networkHelpers.loadFixture(deployStock);
    const cases: [bigint, bigint][] = [
      [0n, 0n],
      [t(40_000) - 1n, 0n],
      [t(40_000), 0n], // at Blim: closed
      [t(40_000) + 1n, 0n], // 20,000 t x 1 wei / 60,000 t rounds down to 0
      [t(40_000) + 3n, 1n], // 20,000 / 60,000 x 3 = exactly 1 wei
      [t(70_000), t(10_000)], // halfway: half of F x Bpa
      [t(95_000), 18_333_333_333_333_333_333_333n], // 20,000 x 55/60 t, rounded down
      [t(100_000) - 1n, t(20_000) - 1n], // 20,000 t - 1/3 wei, rounded down
      [t(100_000), t(20_000)], // at Bpa: F x Bpa (continuous)
      [t(100_000) + 1n, t(20_000)], // 0.2 wei rounds down
      [t(100_000) + 5n, t(20_000) + 1n],
      [t(150_000), t(30_000)],
      [MAX_U96, MAX_U96 / 5n],
    ];
    for (const [biomass, expected] of cases) {
      expect(ruleCap(biomass)).to.equal(expected, `model at ${biomass}`);
      const [rc, cap] = await registry.previewCap(id, 1, biomass);
      expect(rc).to.equal(expected, `rule at ${biomass}`);
      expect(cap).to.equal(expected, `season 1 is not step-bounded (${biomass})`);
    }
    // Non-decreasing over a sweep across both segments.
    let previous = -1n;
    for (let b = 35_000n; b <= 110_000n; b += 2_500n) {
      const [rc] = await registry.previewCap(id, 1, t(b));
      expect(rc).to.equal(ruleCap(t(b)));
      expect(rc >= previous).to.equal(true);
      expect(rc <= (RULE.targetRate * t(b)) / WAD).to.equal(true); // never above F x B
      previous = rc;
    }
  });

  it("posts season 1's assessment before it opens: cap, event, season and resource records", async () => {
    const { registry, science, id } = await networkHelpers.loadFixture(deployStock);
    expect(await registry.connect(science).postAssessment.staticCall(id, 1, t(150_000), ticket("r1"))).to.equal(
      t(30_000),
    );
    await expect(registry.connect(science).postAssessment(id, 1, t(150_000), ticket("r1")))
      .to.emit(registry, "AssessmentPosted")
      .withArgs(id, 1, science.address, t(150_000), ticket("r1"), t(30_000), t(30_000));
    const s = await registry.getSeason(id, 1);
    expect([s.assessed, s.biomass, s.ruleCap, s.cap, s.reportHash, s.opened, s.closed]).to.deep.equal([
      true,
      t(150_000),
      t(30_000),
      t(30_000),
      ticket("r1"),
      false,
      false,
    ]);
    // Not started yet: nothing projected.
    expect([s.allocationPerShare, s.carryLimitPerShare, s.carryForward, s.landed]).to.deep.equal([0n, 0n, 0n, 0n]);
    expect((await registry.getResource(id)).lastAssessedSeason).to.equal(1n);
  });

  it("the step bound holds a rise at +20 % and a cut at -30 % of the previous cap, and passes values between", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    await inSeasonOne(registry, science, id, start, t(150_000)); // cap 30,000 t
    const cases: [bigint, bigint, bigint][] = [
      [t(200_000), t(40_000), t(36_000)], // rise held at +20 %
      [t(180_000), t(36_000), t(36_000)], // exactly +20 %
      [t(120_000), t(24_000), t(24_000)], // within the bounds
      [t(105_000), t(21_000), t(21_000)], // exactly -30 %
      [t(95_000), 18_333_333_333_333_333_333_333n, t(21_000)], // cut held at -30 %
      [t(30_000), 0n, t(21_000)], // even a collapse only cuts 30 % in one season
    ];
    for (const [biomass, rc, cap] of cases) {
      expect(await registry.previewCap(id, 2, biomass)).to.deep.equal([rc, cap]);
      expect(stepBound(ruleCap(biomass), t(30_000))).to.equal(cap);
    }
    await expect(registry.connect(science).postAssessment(id, 2, t(95_000), ticket("r2")))
      .to.emit(registry, "AssessmentPosted")
      .withArgs(id, 2, science.address, t(95_000), ticket("r2"), 18_333_333_333_333_333_333_333n, t(21_000));
    const s2 = await registry.getSeason(id, 2);
    expect([s2.ruleCap, s2.cap]).to.deep.equal([18_333_333_333_333_333_333_333n, t(21_000)]);
  });

  it("both step bounds round toward the previous cap", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    await inSeasonOne(registry, science, id, start, t(150_000) + 7n); // cap 30,000 t + 1 wei
    const previous = t(30_000) + 1n;
    expect((await registry.getSeason(id, 1)).cap).to.equal(previous);
    // + 20 % of (30,000 t + 1 wei) = 6,000 t + 0.2 wei -> 6,000 t; - 30 % = 9,000 t + 0.3 wei -> 9,000 t.
    expect((await registry.previewCap(id, 2, t(500_000)))[1]).to.equal(t(36_000) + 1n);
    expect((await registry.previewCap(id, 2, t(50_000)))[1]).to.equal(t(21_000) + 1n);
    expect(stepBound(t(100_000), previous)).to.equal(t(36_000) + 1n);
  });

  it("maxCutBps = 10000 lets the rule close the fishery in one season; maxRiseBps = 0 freezes rises", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    await registry.setHarvestRule(id, { ...RULE, maxRiseBps: 0, maxCutBps: 10_000 });
    await inSeasonOne(registry, science, id, start, t(150_000));
    expect(await registry.previewCap(id, 2, t(40_000))).to.deep.equal([0n, 0n]);
    expect(await registry.previewCap(id, 2, t(300_000))).to.deep.equal([t(60_000), t(30_000)]);
    expect(await registry.previewCap(id, 2, t(120_000))).to.deep.equal([t(24_000), t(24_000)]);
  });

  it("after a zero cap (below Blim, or no assessment) the next cap is not step-bounded", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    await inSeasonOne(registry, science, id, start, t(30_000)); // below Blim: cap 0
    expect((await registry.getSeason(id, 1)).cap).to.equal(0n);
    expect(await registry.previewCap(id, 2, t(300_000))).to.deep.equal([t(60_000), t(60_000)]);
    // Season 2 is not assessed (cap 0); in season 2, season 3 is unbounded too.
    await warpTo(start + 365 * DAY + DAY);
    await expect(registry.connect(science).postAssessment(id, 3, t(300_000), ticket("r3")))
      .to.emit(registry, "AssessmentPosted")
      .withArgs(id, 3, science.address, t(300_000), ticket("r3"), t(60_000), t(60_000));
    expect((await registry.getSeason(id, 2)).assessed).to.equal(false);
    expect((await registry.getSeason(id, 2)).cap).to.equal(0n);
  });

  it("a new harvest rule applies from the next assessment", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    await inSeasonOne(registry, science, id, start, t(150_000));
    await registry.setHarvestRule(id, { ...RULE, targetRate: WAD / 10n, maxCutBps: 10_000 });
    expect((await registry.getSeason(id, 1)).cap).to.equal(t(30_000)); // unchanged
    expect(await registry.previewCap(id, 2, t(150_000))).to.deep.equal([t(15_000), t(15_000)]);
  });

  it("refuses stale seasons, second assessments, unaccredited bodies and oversized biomass", async () => {
    const { registry, science, outsider, id, start } = await networkHelpers.loadFixture(deployStock);
    const post = (who: Signer, season: number, biomass = t(150_000)) =>
      registry.connect(who).postAssessment(id, season, biomass, ticket("r"));
    await expect(post(outsider, 1))
      .to.be.revertedWithCustomError(registry, "UnaccreditedAssessor")
      .withArgs(id, outsider.address);
    await expect(post(science, 2)).to.be.revertedWithCustomError(registry, "StaleSeason").withArgs(id, 2, 1);
    await expect(post(science, 0)).to.be.revertedWithCustomError(registry, "StaleSeason").withArgs(id, 0, 1);
    await expect(post(science, 1, MAX_U96 + 1n))
      .to.be.revertedWithCustomError(registry, "BiomassTooLarge")
      .withArgs(MAX_U96 + 1n);
    await expect(registry.previewCap(id, 1, MAX_U96 + 1n))
      .to.be.revertedWithCustomError(registry, "BiomassTooLarge")
      .withArgs(MAX_U96 + 1n);
    await post(science, 1);
    await expect(post(science, 1)).to.be.revertedWithCustomError(registry, "AlreadyAssessed").withArgs(id, 1);
    // Once season 1 has started its assessment is stale, whether posted or not.
    await warpTo(start);
    await expect(post(science, 1)).to.be.revertedWithCustomError(registry, "StaleSeason").withArgs(id, 1, 2);
    await post(science, 2, t(160_000));
    await expect(post(science, 2)).to.be.revertedWithCustomError(registry, "AlreadyAssessed").withArgs(id, 2);
    // Accreditation withdrawn: refused.
    await registry.setAssessor(id, science.address, false);
    await warpTo(start + 365 * DAY);
    await expect(post(science, 3))
      .to.be.revertedWithCustomError(registry, "UnaccreditedAssessor")
      .withArgs(id, science.address);
  });

  it("previewCap returns exactly what postAssessment then sets, for random biomasses and previous caps", async () => {
    const { registry, science, id, start } = await networkHelpers.loadFixture(deployStock);
    // Season 1
    const b1 = t(123_456) + 789n;
    const [rc1, cap1] = await registry.previewCap(id, 1, b1);
    expect(await registry.connect(science).postAssessment.staticCall(id, 1, b1, ticket("1"))).to.equal(cap1);
    await registry.connect(science).postAssessment(id, 1, b1, ticket("1"));
    const s1 = await registry.getSeason(id, 1);
    expect([s1.ruleCap, s1.cap]).to.deep.equal([rc1, cap1]);
    expect(cap1).to.equal(ruleCap(b1));
    // Season 2, 3, 4 with the step bound against the previous cap.
    let previous = cap1;
    const biomasses = [t(250_000) + 1n, t(62_345) + 17n, t(99_999) + 99n];
    for (let i = 0; i < biomasses.length; i++) {
      const season = i + 2;
      await warpTo(start + (season - 2) * 365 * DAY + DAY);
      const b = biomasses[i];
      const [rc, cap] = await registry.previewCap(id, season, b);
      expect(rc).to.equal(ruleCap(b));
      expect(cap).to.equal(stepBound(ruleCap(b), previous));
      await expect(registry.connect(science).postAssessment(id, season, b, ticket(`${season}`)))
        .to.emit(registry, "AssessmentPosted")
        .withArgs(id, season, science.address, b, ticket(`${season}`), rc, cap);
      const s = await registry.getSeason(id, season);
      expect([s.biomass, s.ruleCap, s.cap]).to.deep.equal([b, rc, cap]);
      previous = cap;
    }
  });
});
