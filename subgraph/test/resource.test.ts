// Mapping tests of the resource-cap registry: a four-season story emitting every event of ResourceRegistry, fed to
// the compiled mapping and compared with the contract's views.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ResourceModule from "../../ignition/modules/Resource.ts";
import { decide, warpTo } from "../../scripts/lib/council.ts";
import type { SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  chainLogs,
  connect,
  councilParameters,
  lower,
  send,
  subgraphRuntime,
  ZERO,
  parsedEvents,
  type Log,
} from "./setup.ts";

const DATA_SOURCE = "ResourceRegistry";
/** ERC-1155 events of the ABI the registry never emits: no token URIs. */
const NEVER_EMITTED = ["URI"];
/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  CouncilChanged: ["ResourceRegistry", "RegistryCouncilChange"],
  CouncilHandoverProposed: ["RegistryCouncilHandover"],
  CouncilHandoverCancelled: ["RegistryCouncilHandover"],
  ResourceRegistered: ["Resource"],
  HarvestRuleSet: ["HarvestRuleChange"],
  QuotaPolicySet: ["QuotaPolicyChange"],
  ClosedPeriodsSet: ["ClosedPeriodsChange"],
  AssessorAccreditationSet: ["Accreditation", "AccreditationChange"],
  BuyerRegistrationSet: ["Accreditation", "AccreditationChange"],
  BuyerApprovalSet: ["BuyerApproval"],
  AssessmentPosted: ["Assessment", "Season"],
  SeasonOpened: ["Season", "HolderSeason"],
  SeasonClosed: ["SeasonClosing"],
  EntitlementSettled: ["HolderSeason"],
  EntitlementTransferred: ["EntitlementTransfer"],
  Landed: ["Landing"],
  TransferSingle: ["ShareBalance", "ShareTransfer"],
  TransferBatch: ["ShareTransfer"],
  ApprovalForAll: ["ShareOperatorApproval"],
};

const WAD = 10n ** 18n;
const DAY = 86_400;
const SEASON = 100 * DAY;
const t = (n: number) => BigInt(Math.round(n * 1000)) * (WAD / 1000n); // tonnes, 18 decimals

const conn = await connect();
const { ethers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
const getRegistry = (address: string) => ethers.getContractAt("ResourceRegistry", address);

describe("subgraph · resource mapping on real ResourceRegistry events", () => {
  let registry: Awaited<ReturnType<typeof getRegistry>>;
  let registryAddress: string;
  let timelockAddress: string;
  /** The timelocks the council offered its role to: the first offer is withdrawn, the second accepted. */
  let withdrawnAddress: string;
  let nextAddress: string;
  let signers: Signer[];
  let rt: SubgraphRuntime;
  let logs: Log[];
  /** Last block of each season, per resource: [resourceId, season, block]. */
  const seasonEnds: [bigint, number, number][] = [];
  /** Transactions of the council decisions that changed parameters. */
  let parameterTx: string;
  let seasonOneStart: number;

  before(async () => {
    signers = await ethers.getSigners();
    const [ada, bea, cyrus, dara, eve, eli, fay, gus, hal, ivy, jon] = signers;
    const deployed = await conn.ignition.deploy(ResourceModule, {
      displayUi: false,
      parameters: councilParameters([ada, bea, cyrus], 300),
    });
    registryAddress = await deployed.registry.getAddress();
    timelockAddress = await deployed.timelock.getAddress();
    registry = await getRegistry(registryAddress);
    const governor = await ethers.getContractAt("ThresholdsCouncil", await deployed.governor.getAddress());
    const call = (fn: string, args: unknown[]) => ({
      target: registryAddress,
      data: registry.interface.encodeFunctionData(fn as never, args as never),
    });
    const council = [ada, bea, cyrus];
    const now = async () => Number((await ethers.provider.getBlock("latest"))!.timestamp);
    const endSeason = async (resourceId: bigint, season: number) =>
      seasonEnds.push([resourceId, season, await ethers.provider.getBlockNumber()]);

    // 1. One decision registers plaice (1) and cod (2), accredits the institute (dara), registers the harbour (hal).
    seasonOneStart = (await now()) + 7 * DAY;
    const config = (name: string, rule: object, carryOverBps: number, concentrationCapBps: number) => ({
      name,
      unit: "t",
      firstSeasonStart: seasonOneStart,
      seasonLength: SEASON,
      rule,
      carryOverBps,
      concentrationCapBps,
      closedPeriods: [{ start: 60 * DAY, end: 70 * DAY }],
    });
    const plaiceRule = {
      targetRate: (WAD * 20n) / 100n,
      precautionaryBiomass: t(100_000),
      limitBiomass: t(40_000),
      maxRiseBps: 2_000,
      maxCutBps: 3_000,
    };
    const codRule = {
      targetRate: (WAD * 30n) / 100n,
      precautionaryBiomass: t(40_000),
      limitBiomass: t(10_000),
      maxRiseBps: 2_000,
      maxCutBps: 10_000,
    };
    await decide(
      ethers,
      governor,
      ada,
      council,
      [
        call("registerResource", [
          config("North Sea plaice", plaiceRule, 1_000, 4_500),
          [eli.address, fay.address, gus.address],
          [4_000, 3_500, 2_500],
        ]),
        call("registerResource", [config("Baltic cod", codRule, 5_000, 6_000), [eli.address, fay.address], [60, 40]]),
        call("setAssessor", [1, dara.address, true]),
        call("setBuyer", [1, hal.address, true]),
        call("setAssessor", [2, dara.address, true]),
        call("setBuyer", [2, hal.address, true]),
      ],
      "Register North Sea plaice and Baltic cod; accredit the institute; register the harbour",
    );

    // 2. Season 1: plaice 150,000 t -> cap 30,000 t (3 t per share); cod 50,000 t -> 15,000 t (150 t per share).
    await send(registry.connect(dara).postAssessment(1, 1, t(150_000), ethers.id("plaice 1")));
    await send(registry.connect(dara).postAssessment(2, 1, t(50_000), ethers.id("cod 1")));
    await warpTo(ethers, seasonOneStart + DAY);
    for (const f of [eli, fay, gus]) await send(registry.connect(f).approveBuyer(1, hal.address, true));
    await send(registry.connect(eli).approveBuyer(2, hal.address, true));
    const land = (buyer: Signer, rid: number, f: Signer, tonnes: number, ticket: string) =>
      send(registry.connect(buyer).recordLanding(rid, f.address, t(tonnes), ethers.id(ticket)));
    await send(registry.connect(gus).transferEntitlement(1, eli.address, t(1_000)));
    await land(hal, 1, eli, 7_000, "P1-1");
    await land(hal, 1, fay, 5_000, "P1-2");
    await land(hal, 2, eli, 3_000, "C1-1");
    // Quota shares: fay lets jon operate her shares, jon moves 500 plaice shares to gus; eli sells jon a bundle.
    await send(registry.connect(fay).setApprovalForAll(jon.address, true));
    await send(registry.connect(jon).safeTransferFrom(fay.address, gus.address, 1, 500, "0x"));
    await send(registry.connect(fay).setApprovalForAll(jon.address, false));
    await send(registry.connect(eli).safeBatchTransferFrom(eli.address, jon.address, [1, 2], [100, 10], "0x"));

    // 3. A council decision mid-season: lower F (from the next assessment), more carry-over (from season 2), a
    // second closed period, a second science body (eve) and a second buyer (ivy).
    await warpTo(ethers, seasonOneStart + 20 * DAY);
    await decide(
      ethers,
      governor,
      bea,
      council,
      [
        call("setHarvestRule", [1, { ...plaiceRule, targetRate: (WAD * 18n) / 100n, maxRiseBps: 2_500 }]),
        call("setQuotaPolicy", [1, 1_500, 4_500]),
        call("setClosedPeriods", [
          1,
          [
            { start: 40 * DAY, end: 45 * DAY },
            { start: 60 * DAY, end: 70 * DAY },
          ],
        ]),
        call("setAssessor", [1, eve.address, true]),
        call("setBuyer", [1, ivy.address, true]),
      ],
      "Lower F to 0.18; carry-over 15 %; protect days 40-45; accredit eve; register ivy",
    );
    parameterTx = (await ethers.provider.getBlock("latest", false))!.transactions[0];
    await warpTo(ethers, seasonOneStart + 30 * DAY);
    await send(registry.connect(gus).approveBuyer(1, ivy.address, true));
    await land(ivy, 1, gus, 500, "P1-3");
    await send(registry.connect(gus).approveBuyer(1, ivy.address, false));
    await warpTo(ethers, seasonOneStart + 80 * DAY);
    await land(hal, 1, eli, 5_500, "P1-4");
    await land(hal, 1, fay, 4_000, "P1-5");
    await land(hal, 1, gus, 5_000, "P1-6");

    // 4. Season 2 assessments: plaice 95,000 t (rule 16,500 t, held at 21,000 t by the 30 % cut bound); cod at Blim
    // (cap 0: its 7,500 t carry-over does not fit and is void).
    await warpTo(ethers, seasonOneStart + 90 * DAY);
    await send(registry.connect(dara).postAssessment(1, 2, t(95_000), ethers.id("plaice 2")));
    await send(registry.connect(dara).postAssessment(2, 2, t(10_000), ethers.id("cod 2")));
    await endSeason(1n, 1);
    await endSeason(2n, 1);
    await warpTo(ethers, seasonOneStart + SEASON + DAY);
    await send(registry.rollover(1));
    await send(registry.rollover(2));
    await send(registry.connect(fay).transferEntitlement(1, gus.address, t(300)));
    await land(hal, 1, eli, 2_000, "P2-1");
    await send(registry.connect(jon).transferEntitlement(1, eli.address, t(50))); // jon's first allocation
    // eve assesses season 3; the council withdraws her accreditation and offers its role to a new timelock (run by
    // ada, no delay): a first offer is withdrawn and replaced in the same decision; the new timelock accepts.
    await send(registry.connect(eve).postAssessment(1, 3, t(95_000), ethers.id("plaice 3")));
    const newTimelock = () => ethers.deployContract("CouncilTimelock", [0, [ada.address], [ada.address], ZERO]);
    withdrawnAddress = await (await newTimelock()).getAddress();
    const next = await newTimelock();
    nextAddress = await next.getAddress();
    await decide(
      ethers,
      governor,
      cyrus,
      council,
      [
        call("setAssessor", [1, eve.address, false]),
        call("proposeCouncil", [withdrawnAddress]),
        call("cancelCouncilHandover", []),
        call("proposeCouncil", [nextAddress]),
      ],
      "Withdraw eve's accreditation; hand the registry to the new council",
    );
    /** The new council (its timelock, no delay) calls the registry. */
    const byNext = async (fn: string, args: unknown[]) => {
      const data = registry.interface.encodeFunctionData(fn as never, args as never);
      await send(next.connect(ada).schedule(registryAddress, 0, data, ethers.ZeroHash, ethers.ZeroHash, 0));
      await send(next.connect(ada).execute(registryAddress, 0, data, ethers.ZeroHash, ethers.ZeroHash));
    };
    await byNext("acceptCouncil", []);
    await endSeason(1n, 2);
    await endSeason(2n, 2);

    // 5. Season 3 passes untouched; in season 4 (not assessed: cap 0) one rollover opens seasons 3 and 4.
    await warpTo(ethers, seasonOneStart + 3 * SEASON + DAY);
    await send(registry.rollover(1));
    await byNext("setBuyer", [1, ivy.address, false]); // the new council acts through its own timelock
    await endSeason(1n, 4);

    logs = await chainLogs(ethers.provider, [registryAddress]);
    rt = subgraphRuntime(DATA_SOURCE, registryAddress);
    await rt.processLogs(ethers.provider, logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const parsed = (name: string) => parsedEvents(logs, name, { [registryAddress]: registry.interface });

  it("every event of the ABI has a handler in the manifest, exported by the WASM", () => {
    assertAbiCovered(rt, "ResourceRegistry", NEVER_EMITTED);
  });

  it("handles every log of the registry, every event type it emits, without errors or eth_call", () => {
    assert.equal(rt.handled.length, logs.length, "every registry log had a handler");
    const names = new Set(rt.handled.map((h) => h.name));
    assert.deepEqual([...names].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
    assert.equal(rt.calls.length, 0);
  });

  it("the registry: council and its changes equal council(); resource count", async () => {
    const r = entity("ResourceRegistry", lower(registryAddress));
    assert.equal(r.council, lower(await registry.council()));
    assert.equal(r.council, lower(nextAddress));
    assert.equal(r.pendingCouncil ?? ZERO, lower(await registry.pendingCouncil()));
    assert.equal(r.pendingCouncil ?? null, null);
    assert.equal(r.resourceCount, Number(await registry.resourceCount()));
    assert.deepEqual(
      rt.store.all("RegistryCouncilChange").map((c) => [c.previousCouncil, c.newCouncil]),
      [
        [ZERO, lower(timelockAddress)],
        [lower(timelockAddress), lower(nextAddress)],
      ],
    );
    assert.deepEqual(
      rt.store.all("RegistryCouncilHandover").map((h) => [h.action, h.council, h.pendingCouncil]),
      [
        ["Proposed", lower(timelockAddress), lower(withdrawnAddress)],
        ["Cancelled", lower(timelockAddress), lower(withdrawnAddress)],
        ["Proposed", lower(timelockAddress), lower(nextAddress)],
      ],
    );
  });

  it("resources: configuration, rule, policy, closed periods and progress equal getResource", async () => {
    for (const rid of [1n, 2n]) {
      const info = await registry.getResource(rid);
      const e = entity("Resource", String(rid));
      assert.deepEqual(
        [e.name, e.unit, e.firstSeasonStart, e.seasonLength, e.totalShares],
        [info.name, info.unit, info.firstSeasonStart, info.seasonLength, info.totalShares],
      );
      assert.deepEqual(
        [e.openedSeason, e.lastAssessedSeason],
        [Number(info.openedSeason), Number(info.lastAssessedSeason)],
      );
      assert.equal(e.currentSeason, `${rid}-${info.openedSeason}`);
      assert.deepEqual(
        [e.targetRate, e.precautionaryBiomass, e.limitBiomass, e.maxRiseBps, e.maxCutBps],
        [
          info.rule.targetRate,
          info.rule.precautionaryBiomass,
          info.rule.limitBiomass,
          Number(info.rule.maxRiseBps),
          Number(info.rule.maxCutBps),
        ],
      );
      assert.deepEqual(
        [e.carryOverBps, e.concentrationCapBps],
        [Number(info.carryOverBps), Number(info.concentrationCapBps)],
      );
      assert.deepEqual(
        (e.closedPeriodStarts as bigint[]).map((s, i) => [s, (e.closedPeriodEnds as bigint[])[i]]),
        info.closedPeriods.map((p) => [p.start, p.end]),
      );
      let holders = 0;
      for (const s of signers) if ((await registry.balanceOf(s.address, rid)) > 0n) holders++;
      assert.equal(e.holderCount, holders);
      const landed = parsed("Landed").filter((p) => p.args.resourceId === rid);
      assert.equal(e.landingCount, landed.length);
      assert.equal(
        e.totalLanded,
        landed.reduce((s, p) => s + (p.args.amount as bigint), 0n),
      );
    }
    const plaice = entity("Resource", "1");
    assert.deepEqual([plaice.openedSeason, plaice.lastAssessedSeason, plaice.holderCount], [4, 3, 4]);
    assert.deepEqual(plaice.closedPeriodStarts, [BigInt(40 * DAY), BigInt(60 * DAY)]);
  });

  it("seasons: assessment, opening, landed and closing equal getSeason; RC-2 closes every season", async () => {
    let checked = 0;
    for (const s of rt.store.all("Season")) {
      const rid = BigInt(s.resource as string);
      const info = await registry.getSeason(rid, s.number as number);
      assert.deepEqual(
        [s.assessed, s.biomass, s.ruleCap, s.cap, s.reportHash ?? ethers.ZeroHash],
        [info.assessed, info.biomass, info.ruleCap, info.cap, info.reportHash],
        `${s.id} assessment`,
      );
      assert.equal(s.opened, info.opened, `${s.id} opened`);
      if (info.opened) {
        assert.deepEqual(
          [s.carryVoided, s.carriedIn, s.allocationPerShare, s.carryLimitPerShare],
          [info.carryVoided, info.carriedIn, info.allocationPerShare, info.carryLimitPerShare],
          `${s.id} opening`,
        );
        const totalShares = (await registry.getResource(rid)).totalShares;
        assert.equal(s.allocated, totalShares * info.allocationPerShare);
        assert.equal((s.allocated as bigint) + (s.carriedIn as bigint) + (s.unallocated as bigint), info.cap);
        // The carry-forward accumulator, kept through every transfer and landing, equals the contract's.
        assert.equal(s.carryForward, info.carryForward, `${s.id} carry-forward`);
      } else assert.equal(s.carryForward, 0n, `${s.id} carry-forward before opening`);
      assert.deepEqual([s.landed, s.closed, s.leftInSea], [info.landed, info.closed, info.leftInSea], `${s.id}`);
      if (info.closed) {
        assert.equal((s.landed as bigint) + (s.carriedOver as bigint) + (s.leftInSea as bigint), info.cap, "RC-2");
        const next = await registry.getSeason(rid, (s.number as number) + 1);
        assert.equal(s.carriedOver, next.carriedIn, `${s.id} carried over = next carried in`);
        if (!next.carryVoided) assert.equal(s.carryForward, next.carriedIn, `${s.id} carry-forward = next carried in`);
        const closing = entity("SeasonClosing", s.closing as string);
        assert.deepEqual(
          [closing.cap, closing.landed, closing.carriedOver, closing.leftInSea],
          [info.cap, info.landed, s.carriedOver, info.leftInSea],
        );
      }
      checked++;
    }
    assert.equal(checked, 6, "plaice 1-4, cod 1-2");
    const season = (id: string) => entity("Season", id);
    // Plaice: season 2 held by the step bound, season 3 not; season 4 unassessed (cap 0), its carry void.
    assert.deepEqual([season("1-1").cap, season("1-1").stepBounded], [t(30_000), false]);
    assert.deepEqual(
      [season("1-2").ruleCap, season("1-2").cap, season("1-2").stepBounded],
      [t(16_500), t(21_000), true],
    );
    assert.deepEqual(
      [season("1-3").cap, season("1-3").stepBounded, season("1-3").assessor],
      [t(16_500), false, lower(signers[4].address)],
    );
    assert.ok((season("1-1").carriedOver as bigint) > 0n && (season("1-2").carriedIn as bigint) > 0n);
    assert.deepEqual([season("1-4").assessed, season("1-4").cap, season("1-4").carryVoided], [false, 0n, true]);
    assert.ok((season("1-3").leftInSea as bigint) === season("1-3").cap, "season 3: its carry was voided in season 4");
    // Cod: the carry of season 1 (7,500 t) did not fit cap 0.
    assert.deepEqual([season("2-2").cap, season("2-2").carryVoided, season("2-2").carriedIn], [0n, true, 0n]);
    assert.deepEqual([season("2-1").carriedOver, season("2-1").leftInSea], [0n, t(12_000)]);
    // Opening dates follow the resource's calendar.
    assert.equal(season("1-3").startsAt, BigInt(seasonOneStart + 2 * SEASON));
    assert.equal(season("1-3").openedAt, season("1-4").openedAt, "seasons 3 and 4 opened by one rollover");
  });

  it("assessments: one per AssessmentPosted, with the rule then in force and the previous cap", () => {
    const a = rt.store.all("Assessment").map((x) => [x.season, x.stepBounded, x.previousCap, x.targetRate]);
    assert.deepEqual(a, [
      ["1-1", false, 0n, (WAD * 20n) / 100n],
      ["2-1", false, 0n, (WAD * 30n) / 100n],
      ["1-2", true, t(30_000), (WAD * 18n) / 100n],
      ["2-2", false, t(15_000), (WAD * 30n) / 100n],
      ["1-3", false, t(21_000), (WAD * 18n) / 100n],
    ]);
    assert.equal(entity("Accreditation", `1-Assessor-${lower(signers[3].address)}`).actionCount, 2);
  });

  it("holder positions: every holder's HolderSeason equals holdingOf at the last block of the season", async () => {
    let settled = 0;
    let projected = 0;
    for (const [rid, season, blockTag] of seasonEnds) {
      for (const s of signers) {
        const h = await registry.holdingOf(rid, s.address, { blockTag });
        assert.equal(Number(h.season), season);
        const e = rt.store.entity("HolderSeason", `${rid}-${season}-${lower(s.address)}`);
        if (!e) {
          assert.deepEqual([h.settled, h.shares, h.entitlement], [false, 0n, 0n], `${s.address} ${rid}-${season}`);
          continue;
        }
        const where = `${rid}-${season} ${s.address}`;
        assert.equal(e.settled, h.settled, where);
        assert.deepEqual(
          [e.seasonShares, e.allocated, e.entitlement, e.landed, e.carryLimit],
          [h.seasonShares, h.allocated, h.entitlement, h.landed, h.carryLimit],
          where,
        );
        if (!h.settled) assert.equal(e.carriedIn, h.pendingCarryIn, where);
        const p = e as Record<string, bigint>;
        assert.equal(p.entitlement, p.allocated + p.carriedIn + p.received - p.sent - p.landed, where);
        if (h.settled) settled++;
        else projected++;
      }
    }
    assert.ok(settled >= 8 && projected >= 4, `settled ${settled}, projected ${projected}`);
    // Carry-over into season 2 matches each settlement's EntitlementSettled.
    for (const p of parsed("EntitlementSettled")) {
      const e = entity("HolderSeason", `${p.args.resourceId}-${p.args.season}-${lower(p.args.holder)}`);
      assert.equal(e.carriedIn, p.args.carriedIn);
    }
    // jon got his shares mid-season 1: settled with none, no allocation; allocated from season 2.
    const jon = signers[10];
    const jon1 = entity("HolderSeason", `1-1-${lower(jon.address)}`);
    assert.deepEqual([jon1.settled, jon1.seasonShares, jon1.allocated], [true, 0n, 0n]);
    const jon2 = entity("HolderSeason", `1-2-${lower(jon.address)}`);
    assert.deepEqual([jon2.settled, jon2.seasonShares, jon2.sent], [true, 100n, t(50)]);
  });

  it("shares: balances equal balanceOf; transfers, operators and batches are recorded", async () => {
    const [, , , , , eli, fay, gus, , , jon] = signers;
    for (const rid of [1n, 2n]) {
      for (const s of signers) {
        const e = rt.store.entity("ShareBalance", `${rid}-${lower(s.address)}`);
        assert.equal(e?.balance ?? 0n, await registry.balanceOf(s.address, rid), `${rid} ${s.address}`);
      }
    }
    const moves = rt.store
      .all("ShareTransfer")
      .map((x) => [x.resource, x.operator, x.from, x.to, x.amount, x.batchIndex ?? null]);
    assert.equal(moves.length, 5 + 1 + 2);
    assert.deepEqual(moves.slice(5), [
      ["1", lower(jon.address), lower(fay.address), lower(gus.address), 500n, null],
      ["1", lower(eli.address), lower(eli.address), lower(jon.address), 100n, 0],
      ["2", lower(eli.address), lower(eli.address), lower(jon.address), 10n, 1],
    ]);
    assert.equal(entity("ShareOperatorApproval", `${lower(fay.address)}-${lower(jon.address)}`).approved, false);
    assert.equal(await registry.isApprovedForAll(fay.address, jon.address), false);
  });

  it("entitlement transfers and landings: per season totals and links to the positions", () => {
    const [, , , , , eli, fay, gus, hal, ivy] = signers;
    const landings = rt.store.all("Landing");
    assert.equal(landings.length, parsed("Landed").length);
    for (const s of rt.store.all("Season")) {
      const mine = landings.filter((l) => l.season === s.id);
      assert.equal(s.landingCount, mine.length);
      assert.equal(
        s.landed,
        mine.reduce((x, l) => x + (l.amount as bigint), 0n),
      );
    }
    const ivyLanding = landings.find((l) => l.buyer === lower(ivy.address))!;
    assert.deepEqual(
      [ivyLanding.holder, ivyLanding.amount, ivyLanding.ticket, ivyLanding.position],
      [lower(gus.address), t(500), ethers.id("P1-3"), `1-1-${lower(gus.address)}`],
    );
    assert.equal(entity("Accreditation", `1-Buyer-${lower(hal.address)}`).actionCount, 6);
    const transfers = rt.store.all("EntitlementTransfer").map((x) => [x.season, x.from, x.to, x.amount]);
    assert.deepEqual(transfers.slice(0, 2), [
      ["1-1", lower(gus.address), lower(eli.address), t(1_000)],
      ["1-2", lower(fay.address), lower(gus.address), t(300)],
    ]);
    assert.deepEqual([entity("Season", "1-1").transferred, entity("Season", "1-2").transferCount], [t(1_000), 2]);
  });

  it("landings and entitlement transfers are numbered per resource in chain order (the newest-first cursor)", () => {
    for (const [type, event] of [
      ["Landing", "Landed"],
      ["EntitlementTransfer", "EntitlementTransferred"],
    ] as const) {
      const inChain = parsed(event);
      for (const r of rt.store.all("Resource")) {
        const rows = rt.store
          .all(type)
          .filter((x) => x.resource === r.id)
          .sort((a, b) => (a.index as number) - (b.index as number));
        const events = inChain.filter((e) => String(e.args.resourceId) === r.id);
        assert.deepEqual(
          rows.map((x) => x.index),
          rows.map((_, i) => i),
          `${type} of resource ${r.id}: indexes 0..n-1`,
        );
        assert.deepEqual(
          rows.map((x) => x.amount),
          events.map((e) => e.args.amount as bigint),
          `${type} of resource ${r.id}: index order = chain order`,
        );
        assert.equal(rows.length, type === "Landing" ? r.landingCount : r.entitlementTransferCount);
      }
      assert.ok(inChain.length >= 2, `the story emits several ${event}`);
    }
  });

  it("accreditations and buyer approvals equal isAssessor / isBuyer / isBuyerApproved", async () => {
    for (const a of rt.store.all("Accreditation")) {
      const rid = BigInt(a.resource as string);
      const active =
        a.kind === "Assessor"
          ? await registry.isAssessor(rid, a.account as string)
          : await registry.isBuyer(rid, a.account as string);
      assert.equal(a.active, active, a.id as string);
    }
    for (const b of rt.store.all("BuyerApproval")) {
      const rid = BigInt(b.resource as string);
      assert.equal(b.approved, await registry.isBuyerApproved(rid, b.holder as string, b.buyer as string));
    }
    const [, , , , eve, , , gus, , ivy] = signers;
    const history = (who: Signer) =>
      rt.store
        .all("AccreditationChange")
        .filter((c) => c.account === lower(who.address))
        .map((c) => [c.kind, c.active]);
    assert.deepEqual(history(eve), [
      ["Assessor", true],
      ["Assessor", false],
    ]);
    assert.deepEqual(history(ivy), [
      ["Buyer", true],
      ["Buyer", false],
    ]);
    assert.equal(entity("BuyerApproval", `1-${lower(gus.address)}-${lower(ivy.address)}`).approved, false);
  });

  it("parameter history: registration values, then the council's changes with the values before", () => {
    const rules = rt.store.all("HarvestRuleChange").filter((c) => c.resource === "1");
    assert.deepEqual(
      rules.map((r) => [
        r.initial,
        r.targetRate,
        r.maxRiseBps,
        r.previousTargetRate ?? null,
        r.previousMaxRiseBps ?? null,
      ]),
      [
        [true, (WAD * 20n) / 100n, 2_000, null, null],
        [false, (WAD * 18n) / 100n, 2_500, (WAD * 20n) / 100n, 2_000],
      ],
    );
    const policies = rt.store.all("QuotaPolicyChange").filter((c) => c.resource === "1");
    assert.deepEqual(
      policies.map((p) => [p.initial, p.carryOverBps, p.previousCarryOverBps ?? null]),
      [
        [true, 1_000, null],
        [false, 1_500, 1_000],
      ],
    );
    const periods = rt.store.all("ClosedPeriodsChange").filter((c) => c.resource === "1");
    assert.deepEqual(
      periods.map((p) => [p.initial, p.starts, p.previousStarts ?? null]),
      [
        [true, [BigInt(60 * DAY)], null],
        [false, [BigInt(40 * DAY), BigInt(60 * DAY)], [BigInt(60 * DAY)]],
      ],
    );
    // The change happened in the council's execution transaction, with the timelock as the registry's council.
    for (const c of [rules[1], policies[1], periods[1]]) {
      assert.equal(c.transactionHash, lower(parameterTx));
      assert.equal(c.council, lower(timelockAddress));
    }
  });
});
