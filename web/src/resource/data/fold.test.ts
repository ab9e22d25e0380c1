// The registry fold on decoded logs of a one-resource story: registration, shares, accreditations, approvals, an
// assessment, season 1 opening, settlement, a transfer and landings (the carry-forward accumulator after each),
// season 2 opening and season 1's closing; then the views derived from the folded state.
import { describe, expect, it } from "vitest";
import { getAddress, type Hex } from "viem";
import { decodedLog, hash32 } from "../../shared/data/testing";
import { applyLog, registryFold, type RegistryLog, type RegistryState } from "./fold";
import { holdingView, maxHoldingAt, seasonViews } from "./rules";

const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ZERO = "0x0000000000000000000000000000000000000000";
const A = getAddress("0x00000000000000000000000000000000000000A1");
const B = getAddress("0x00000000000000000000000000000000000000b2");
const C = getAddress("0x00000000000000000000000000000000000000C3");
const D = getAddress("0x00000000000000000000000000000000000000d4");
const DARA = getAddress("0x00000000000000000000000000000000000000dA");
const HAL = getAddress("0x0000000000000000000000000000000000000011");
const HASH = `0x${"ab".repeat(32)}` as Hex;
const TICKET = `0x${"01".repeat(32)}` as Hex;

let n = 0;
/** A decoded log as parseEventLogs gives it (only the fields the fold reads matter). */
function log(eventName: string, args: Record<string, unknown>, blockNumber = 10n): RegistryLog {
  n++;
  return decodedLog<RegistryLog>(eventName, args, {
    address: REGISTRY,
    block: blockNumber,
    logIndex: n,
    transactionHash: hash32(n),
    blockHash: hash32(0),
  });
}

const rid = 1n;
const registration = [
  log("CouncilChanged", { previousCouncil: ZERO, newCouncil: DARA }),
  log("ResourceRegistered", {
    resourceId: rid,
    name: "Plaice",
    unit: "t",
    firstSeasonStart: 1_000n,
    seasonLength: 100,
    totalShares: 10,
  }),
  log("HarvestRuleSet", {
    resourceId: rid,
    rule: {
      targetRate: 2n * 10n ** 17n,
      precautionaryBiomass: 1_000n,
      limitBiomass: 400n,
      maxRiseBps: 2_000,
      maxCutBps: 1_000,
    },
  }),
  log("QuotaPolicySet", { resourceId: rid, carryOverBps: 1_000, concentrationCapBps: 5_000 }),
  log("ClosedPeriodsSet", { resourceId: rid, periods: [{ start: 10, end: 20 }] }),
  log("TransferSingle", { operator: DARA, from: ZERO, to: A, id: rid, value: 6n }),
  log("TransferSingle", { operator: DARA, from: ZERO, to: B, id: rid, value: 4n }),
  log("AssessorAccreditationSet", { resourceId: rid, assessor: DARA, accredited: true }),
  log("BuyerRegistrationSet", { resourceId: rid, buyer: HAL, registered: true }),
  log("BuyerApprovalSet", { resourceId: rid, holder: A, buyer: HAL, approved: true }),
  log("BuyerApprovalSet", { resourceId: rid, holder: B, buyer: HAL, approved: true }),
  log("AssessmentPosted", {
    resourceId: rid,
    season: 1n,
    assessor: DARA,
    biomass: 5_000n,
    reportHash: HASH,
    ruleCap: 1_000n,
    cap: 1_000n,
  }),
];
const seasonOne = [
  log("SeasonOpened", {
    resourceId: rid,
    season: 1n,
    cap: 1_000n,
    carriedIn: 0n,
    carryVoided: false,
    allocationPerShare: 100n,
    carryLimitPerShare: 10n,
  }),
  log("EntitlementSettled", { resourceId: rid, season: 1n, holder: A, allocated: 600n, carriedIn: 0n }, 11n),
  log("EntitlementSettled", { resourceId: rid, season: 1n, holder: C, allocated: 0n, carriedIn: 0n }, 11n),
  log("EntitlementTransferred", { resourceId: rid, from: A, to: C, season: 1n, amount: 580n }, 11n),
  log("EntitlementSettled", { resourceId: rid, season: 1n, holder: B, allocated: 400n, carriedIn: 0n }, 12n),
  log("Landed", { resourceId: rid, holder: B, buyer: HAL, season: 1n, amount: 350n, ticket: TICKET }, 12n),
  log("Landed", { resourceId: rid, holder: A, buyer: HAL, season: 1n, amount: 15n, ticket: TICKET }, 13n),
  log("BuyerApprovalSet", { resourceId: rid, holder: B, buyer: HAL, approved: false }, 13n),
  log("AssessmentPosted", {
    resourceId: rid,
    season: 2n,
    assessor: DARA,
    biomass: 4_500n,
    reportHash: HASH,
    ruleCap: 900n,
    cap: 900n,
  }),
];
const seasonTwo = [
  log(
    "SeasonOpened",
    {
      resourceId: rid,
      season: 2n,
      cap: 900n,
      carriedIn: 45n,
      carryVoided: false,
      allocationPerShare: 85n,
      carryLimitPerShare: 8n,
    },
    20n,
  ),
  log(
    "SeasonClosed",
    { resourceId: rid, season: 1n, cap: 1_000n, landed: 365n, carriedOver: 45n, leftInSea: 590n },
    20n,
  ),
  log("EntitlementSettled", { resourceId: rid, season: 2n, holder: B, allocated: 340n, carriedIn: 40n }, 21n),
  log("EntitlementSettled", { resourceId: rid, season: 2n, holder: D, allocated: 0n, carriedIn: 0n }, 21n),
  log("TransferBatch", { operator: B, from: B, to: D, ids: [rid], values: [1n] }, 21n),
];

function fold(...batches: RegistryLog[][]): RegistryState {
  const state = registryFold.initial();
  for (const batch of batches) registryFold.apply(state, batch);
  return state;
}

describe("registry fold", () => {
  it("registration: configuration, rule, policy, closed periods, shares, accreditations, approvals, assessment", () => {
    const r = fold(registration).resources.get("1")!;
    expect(r.info).toEqual({
      name: "Plaice",
      unit: "t",
      firstSeasonStart: 1_000n,
      seasonLength: 100,
      totalShares: 10,
      openedSeason: 0,
      lastAssessedSeason: 1,
      rule: {
        targetRate: 2n * 10n ** 17n,
        precautionaryBiomass: 1_000n,
        limitBiomass: 400n,
        maxRiseBps: 2_000,
        maxCutBps: 1_000,
      },
      carryOverBps: 1_000,
      concentrationCapBps: 5_000,
      closedPeriods: [{ start: 10, end: 20 }],
    });
    expect([...r.shares]).toEqual([
      [A.toLowerCase(), 6n],
      [B.toLowerCase(), 4n],
    ]);
    expect([[...r.assessors.values()], [...r.buyers.values()]]).toEqual([[DARA], [HAL]]);
    expect([...r.approvals.get(B.toLowerCase())!.values()]).toEqual([HAL]);
    expect(r.seasons.get(1)).toMatchObject({
      assessed: true,
      biomass: 5_000n,
      ruleCap: 1_000n,
      cap: 1_000n,
      reportHash: HASH,
    });
  });

  it("season 1: opening starts the carry-forward at totalShares x limit; a transfer and landings lower it", () => {
    const state = fold(registration);
    const carry = () => state.resources.get("1")!.seasons.get(1)!.carryForward;
    const steps: bigint[] = [];
    for (const l of seasonOne) {
      applyLog(state, l);
      steps.push(carry());
    }
    // Opened 100; the transfer 600 -> 20 leaves A 20 of its 60 limit (-40); B lands 400 -> 50, still above its 40
    // limit (0); A lands 20 -> 5 (-15).
    expect(steps).toEqual([100n, 100n, 100n, 60n, 60n, 60n, 45n, 45n, 45n]);
    const r = state.resources.get("1")!;
    expect(r.slots.get(A.toLowerCase())).toEqual({
      season: 1,
      seasonShares: 6n,
      entitlement: 5n,
      landed: 15n,
      carriedIn: 0n,
      received: 0n,
      sent: 580n,
    });
    expect(r.slots.get(C.toLowerCase())).toMatchObject({ seasonShares: 0n, entitlement: 580n, received: 580n });
    expect(r.slots.get(B.toLowerCase())).toMatchObject({ entitlement: 50n, landed: 350n });
    expect(r.seasons.get(1)!.landed).toBe(365n);
    expect(r.landings.map((l) => [l.index, l.holder, l.buyer, l.amount, l.blockNumber])).toEqual([
      [0, B, HAL, 350n, 12n],
      [1, A, HAL, 15n, 13n],
    ]);
    expect(r.transfers.map((t) => [t.index, t.from, t.to, t.season, t.amount])).toEqual([[0, A, C, 1, 580n]]);
    expect(r.approvals.get(B.toLowerCase())!.size).toBe(0);
    expect(r.info.lastAssessedSeason).toBe(2);
  });

  it("season 2: opening, season 1's closing, settlement with carry-in, a batch share transfer", () => {
    const r = fold(registration, seasonOne, seasonTwo).resources.get("1")!;
    expect(r.info.openedSeason).toBe(2);
    expect(r.seasons.get(1)).toMatchObject({ closed: true, landed: 365n, leftInSea: 590n, carryForward: 45n });
    expect(r.seasons.get(2)).toMatchObject({
      opened: true,
      cap: 900n,
      carriedIn: 45n,
      allocationPerShare: 85n,
      carryLimitPerShare: 8n,
      carryForward: 80n,
    });
    expect(r.slots.get(B.toLowerCase())).toMatchObject({
      season: 2,
      seasonShares: 4n,
      entitlement: 380n,
      carriedIn: 40n,
    });
    expect([r.shares.get(B.toLowerCase()), r.shares.get(D.toLowerCase())]).toEqual([3n, 1n]);
    expect(r.accounts.get(D.toLowerCase())).toBe(D);
  });

  it("the derived views: seasons like getSeason, holdings like holdingOf, maxHolding", () => {
    const before = fold(registration, seasonOne).resources.get("1")!;
    // Season 2 started but not opened: projected from season 1's carry-forward (45).
    const [s1, s2] = seasonViews(before, 1_150);
    expect(s1).toMatchObject({ season: 1, opened: true, closed: false, landed: 365n, carriedOver: undefined });
    expect(s2).toMatchObject({ season: 2, opened: false, carriedIn: 45n, allocationPerShare: 85n, carryForward: 80n });
    const holding = (who: string) =>
      holdingView(
        before,
        1_150,
        who as Hex,
        before.shares.get(who.toLowerCase()) ?? 0n,
        before.slots.get(who.toLowerCase()),
      );
    expect(holding(A)).toMatchObject({ settled: false, pendingCarryIn: 5n, entitlement: 515n, carryLimit: 48n });
    expect(holding(B)).toMatchObject({ settled: false, pendingCarryIn: 40n, entitlement: 380n });
    expect(holding(C)).toMatchObject({ shares: 0n, entitlement: 0n });

    const after = fold(registration, seasonOne, seasonTwo).resources.get("1")!;
    const [c1] = seasonViews(after, 1_150);
    expect(c1).toMatchObject({ closed: true, carriedOver: 45n, leftInSea: 590n });
    expect(c1.landed + c1.carriedOver! + c1.leftInSea).toBe(c1.cap);
    const b = holdingView(after, 1_150, B, 3n, after.slots.get(B.toLowerCase()));
    expect(b).toMatchObject({ settled: true, seasonShares: 4n, allocated: 340n, carriedIn: 40n, entitlement: 380n });
    expect(maxHoldingAt(after, 1_150)).toBe(450n);
  });

  it("folds the same in one batch or several, and its state survives structuredClone", () => {
    const once = fold([...registration, ...seasonOne, ...seasonTwo]);
    const split = fold(registration.slice(0, 4), registration.slice(4), seasonOne, seasonTwo);
    expect(split).toEqual(once);
    expect(structuredClone(once)).toEqual(once);
  });

  it("ignores events of an unregistered resource", () => {
    const state = fold([
      log("Landed", { resourceId: 9n, holder: A, buyer: HAL, season: 1n, amount: 1n, ticket: TICKET }),
    ]);
    expect(state.resources.size).toBe(0);
  });
});
