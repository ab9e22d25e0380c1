// Mapping test of the open design commons: a story on real contracts (test/commons' fixtures: a ContributionLedger with
// two projects with points and one without, a token both accept, DesignCommons owned by a stand-in for the council's
// timelock) emitting every event DesignCommons can — originals, derivatives over two generations and of two parents,
// a terms change to the token, designs described by the dApp's JSON metadata (name, tags, search text) and by other
// URIs, accreditations and a revocation, commons and commercial licences, ETH and token fees through ancestors, a held
// project share and its release, periods paid, approvals, a report operator's reports (one refused) and the owed fees
// paid in two parts, a licence retaken after expiry, an ownership offer — fed
// with the ledger's logs to the compiled mappings on one store and compared with the views; then the dApp's two
// readers (web/src/designs/data: the chain reader folding the same logs, the subgraph reader's queries on the mapped
// store with graph-node's semantics) answer every screen need the same.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { processLogsAcross, type PlainEntity, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { designCommonsAbi } from "@cosmolocal/sdk";
import { getAddress, type Address } from "viem";
import {
  conn,
  content,
  DAY,
  deployCommons,
  ETH,
  ethers,
  givePoints,
  networkHelpers,
  register,
  takeLicence,
  terms,
  Tier,
  YEAR,
  type Commons,
} from "../../test/commons/fixtures.ts";
import { createDesignsChainReader } from "../../web/src/designs/data/chain.ts";
import { designsFold } from "../../web/src/designs/data/fold.ts";
import { createDesignsSubgraphReader } from "../../web/src/designs/data/subgraph.ts";
import type { DesignsReader } from "../../web/src/designs/data/types.ts";
import { indexedMeta, metadataURI, searchTextOf } from "../../web/src/designs/metadata.ts";
import type { Page } from "../../web/src/shared/data/pages.ts";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  allPages,
  chainLogs,
  lower,
  parsedEvents,
  send,
  readerPlumbing,
  storeGraphQL,
  subgraphRuntime,
  ZERO,
  type Log,
} from "./setup.ts";

/** In the ABI, never emitted: licences are locked for good. */
const NOT_INDEXED = ["Unlocked"];
/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  OwnershipTransferred: ["CommonsRegistry", "CommonsOwnershipChange"],
  OwnershipTransferStarted: ["CommonsOwnershipChange"],
  DesignRegistered: ["Design"],
  AncestorRecorded: ["DesignAncestor"],
  TermsSet: ["DesignTermsVersion"],
  CommonsEntityAccredited: ["CommonsEntity", "CommonsEntityChange"],
  CommonsEntityRevoked: ["CommonsEntityChange"],
  LicenceTaken: ["Licence"],
  Transfer: ["Licence"],
  Locked: ["Licence"],
  Approval: ["LicenceApproval"],
  ApprovalForAll: ["LicenceApproval"],
  ProductionReported: ["ProductionReport", "CommonsCurrencyTotal", "DesignFeeTotal"],
  PeriodsPaid: ["PeriodPayment"],
  AncestorShareCredited: ["FeeShare", "HeldBalance", "AncestorShareTotal", "ProjectLicenceIncome"],
  ProjectShareCredited: ["FeeShare", "ProjectLicenceIncome"],
  HeldReleased: ["HeldRelease"],
  ReportOperatorSet: ["ReportOperatorApproval"],
  ProductionReportedByOperator: ["OperatorProductionReport"],
  OwedFeesPaid: ["OwedFeesPayment"],
};
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
/** The metadata URIs of designs 6 to 9: the dApp's JSON (a Greek capital sigma ends a word), plain JSON, and neither. */
const DESCRIBED = [
  metadataURI({
    name: "  Solar Dryer ΟΔΟΣ ",
    description: "A dryer for fruit",
    tags: ["Food", "solar power", "food"],
    link: "ipfs://bafy-dryer",
    files: [{ name: "dryer.step", size: 1234, sha256: "ab".repeat(32) }],
  }),
  'data:application/json,{"name":"Wind Pump 100%","tags":["Water",3,"İzmir"],"name2":1}',
  "data:application/json;utf8,[1,2]",
  'data:application/json;utf8,{"name":',
];

describe("subgraph · design commons mapping on real DesignCommons events", () => {
  let s: Commons;
  let commons: string;
  let ledger: string;
  let token: string;
  let rt: SubgraphRuntime;
  let ledgerRt: SubgraphRuntime;
  let logs: Log[];
  let commonsLogs: Log[];

  before(async () => {
    s = await deployCommons();
    const { coordinator, designer, designer2, maker, evaluator1, evaluator2, council, company, coop, outsider } = s;
    [commons, ledger, token] = await Promise.all([s.commons, s.ledger, s.token].map((c) => c.getAddress()));
    [commons, ledger, token] = [commons, ledger, token].map(lower);
    const c = s.commons;
    const eth = (n: string) => ethers.parseEther(n);

    // Designs: the lab's original (1), the studio's derivative (2) and grandchild (3), the new collective's
    // derivative of the original (4, project 3 has no points: its share is held), and a remix of 3 and 4 (5).
    const original = await register(s, "original", 1n, [], terms({ derivativeShareBps: 1_000 }));
    const derivative = await register(s, "derivative", 2n, [original], terms({ derivativeShareBps: 500 }));
    const grandchild = await register(s, "grandchild", 2n, [derivative], terms({ feePerUnit: eth("0.1") }));
    const collective = await register(
      s,
      "collective",
      3n,
      [original],
      terms({ feePerUnit: eth("0.02"), feePerPeriod: eth("0.05"), periodLength: 30 * DAY }),
      maker,
    );
    // A new version of the derivative's terms, in the token, with a period fee, asking 8 % of later derivatives.
    await send(
      c.connect(coordinator).setTerms(
        derivative,
        terms({
          currency: token,
          feePerUnit: 1_000_000n,
          feePerPeriod: 5_000_000n,
          periodLength: 30 * DAY,
          derivativeShareBps: 800,
        }),
      ),
    );
    const remix = await register(s, "remix", 2n, [grandchild, collective], terms({ feePerUnit: 12_345n }), designer2);
    // Designs 6 to 9 of the lab, described by metadata: an original, its derivative, and two the search never finds.
    for (const [i, uri] of DESCRIBED.entries()) {
      await send(c.connect(designer).registerDesign(content(`described ${i}`), uri, 1n, terms(), i === 1 ? [6n] : []));
    }

    // Commons entities: the co-op accredited; the outsider accredited, then revoked.
    await send(c.connect(council).accreditCommonsEntity(coop.address, "ipfs://coop"));
    await send(c.connect(council).accreditCommonsEntity(outsider.address, "ipfs://outsider"));
    await send(c.connect(council).revokeCommonsEntity(outsider.address));

    // Commons licences: the co-op's (accredited) and the lab's designer's (points); the co-op reports for free.
    const coopLicence = await takeLicence(s, coop, grandchild);
    await send(c.connect(coop).reportProduction(coopLicence, 5n));
    await takeLicence(s, designer, original);
    // Commercial licences paying in ETH: the outsider on the original (no ancestors), the company on the grandchild
    // (two ancestors, held) and on the collective's design (the project's share held too), and on the remix (rounding).
    const outsiderLicence = await takeLicence(s, outsider, original);
    await send(c.connect(outsider).reportProduction(outsiderLicence, 2n, { value: eth("0.02") }));
    const grandchildLicence = await takeLicence(s, company, grandchild);
    await send(c.connect(company).reportProduction(grandchildLicence, 10n, { value: eth("1") }));
    const collectiveLicence = await takeLicence(s, company, collective);
    await send(c.connect(company).reportProduction(collectiveLicence, 3n, { value: eth("0.06") }));
    await send(c.connect(company).payPeriods(collectiveLicence, 2, { value: eth("0.1") }));
    const remixLicence = await takeLicence(s, company, remix);
    await send(c.connect(company).reportProduction(remixLicence, 7n, { value: 7n * 12_345n }));
    // In the token, under the derivative's version 2: units and periods.
    const derivativeLicence = await takeLicence(s, company, derivative);
    await send(s.token.connect(company).approve(commons, 10n ** 9n));
    await send(c.connect(company).reportProduction(derivativeLicence, 7n));
    await send(c.connect(company).payPeriods(derivativeLicence, 3));
    // A report operator (the cluster exchange's stand-in): the company approves it; it reports 4 then 3 units of the
    // remix (owed, not paid); its reports for the outsider (no approval) and for the company on the original (no
    // licence) change nothing; the company pays what it owes in two parts, split through the remix's four ancestors.
    const operator = (await ethers.getSigners())[12];
    const ref = (n: number) => ethers.zeroPadValue(ethers.toBeHex(n), 32);
    await send(c.connect(company).setReportOperator(operator.address, true));
    await send(c.connect(operator).reportProductionAsOperator(remix, company.address, 4n, ref(1)));
    await send(c.connect(operator).reportProductionAsOperator(original, outsider.address, 2n, ref(2)));
    await send(c.connect(operator).reportProductionAsOperator(original, company.address, 2n, ref(3)));
    await send(c.connect(operator).reportProductionAsOperator(remix, company.address, 3n, ref(4)));
    await send(c.connect(company).payOwed(remixLicence, 50_000n, { value: 50_000n }));
    await send(c.connect(company).payOwed(remixLicence, 7n * 12_345n - 50_000n, { value: 7n * 12_345n - 50_000n }));

    // The collective gets points; its held share and the lab's held ancestor shares are released; a later fee of the
    // collective's design goes to its income at once. The studio's held ETH and the lab's held token stay held.
    await givePoints(s.ledger, 3n, maker, 2n, [evaluator1, evaluator2]);
    await send(c.connect(outsider).release(3n, ETH));
    await send(c.connect(designer).release(1n, ETH));
    await send(c.connect(company).reportProduction(collectiveLicence, 1n, { value: eth("0.02") }));

    // Approvals move nothing (licences are locked), but they are evented.
    await send(c.connect(company).approve(outsider.address, grandchildLicence));
    await send(c.connect(company).setApprovalForAll(outsider.address, true));
    await send(c.connect(company).approve(ZERO, grandchildLicence));

    // A year on, every licence has expired: the outsider takes a new one on the original.
    await networkHelpers.time.increase(YEAR + DAY);
    await takeLicence(s, outsider, original);

    // Ownership offered to a new timelock (pending).
    await send(c.connect(council).transferOwnership(designer2.address));

    logs = await chainLogs(ethers.provider, [ledger, commons]);
    commonsLogs = logs.filter((l) => lower(l.address) === commons);
    ledgerRt = subgraphRuntime("ContributionLedger", ledger);
    rt = subgraphRuntime("DesignCommons", commons, ledgerRt.store);
    await processLogsAcross(ethers.provider, [ledgerRt, rt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const events = (name: string) => parsedEvents(commonsLogs, name, { [commons]: s.commons.interface });
  const rows = (type: string, where: (e: PlainEntity) => boolean = () => true) => rt.store.all(type).filter(where);

  it("every event of the ABI has a handler (but Unlocked, never emitted); every log handled, without errors", () => {
    assertAbiCovered(rt, "DesignCommons", NOT_INDEXED);
    assert.equal(events("Unlocked").length, 0);
    assert.equal(rt.handled.length, commonsLogs.length, "every commons log had a handler");
    assert.deepEqual([...new Set(rt.handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
    assert.deepEqual(
      ledgerRt.logs.filter((l) => ["ERROR", "CRITICAL", "WARNING"].includes(l.level)),
      [],
    );
  });

  it("the registry: owner, pending owner and counts equal the views; the ownership history", async () => {
    const r = entity("CommonsRegistry", commons);
    const c = s.commons;
    assert.deepEqual(
      [r.owner, r.pendingOwner, r.designCount, r.licenceCount],
      [
        lower(await c.owner()),
        lower(await c.pendingOwner()),
        Number(await c.designCount()),
        Number(await c.licenceCount()),
      ],
    );
    assert.equal(r.pendingOwner, lower(s.designer2.address));
    const licences = rows("Licence");
    assert.deepEqual(
      [r.commonsLicenceCount, r.commercialLicenceCount],
      [licences.filter((l) => l.tier === "Commons").length, licences.filter((l) => l.tier === "Commercial").length],
    );
    assert.deepEqual([r.commonsLicenceCount, r.commercialLicenceCount], [2, 6]);
    assert.equal(r.derivativeCount, rows("Design", (d) => (d.parents as string[]).length > 0).length);
    assert.deepEqual([r.reportCount, r.periodPaymentCount], [events("ProductionReported").length, 2]);
    // The operator's two reports counted (the two refused left no event), and the two payments of what they made owed.
    assert.deepEqual(
      [r.operatorReportCount, r.owedPaymentCount],
      [events("ProductionReportedByOperator").length, events("OwedFeesPaid").length],
    );
    assert.deepEqual([r.operatorReportCount, r.owedPaymentCount], [2, 2]);
    assert.deepEqual(
      rows("CommonsOwnershipChange").map((x) => [x.action, x.previousOwner, x.newOwner]),
      [
        ["Transferred", ZERO, lower(s.council.address)],
        ["Offered", lower(s.council.address), lower(s.designer2.address)],
      ],
    );
  });

  it("each design equals design(), ancestorsOf(), terms() of every version and designOfContent()", async () => {
    const c = s.commons;
    const count = Number(await c.designCount());
    assert.equal(rt.store.count("Design"), count);
    const registered = new Map(events("DesignRegistered").map((e) => [String(e.args.designId), e.args]));
    for (let id = 1n; id <= BigInt(count); id++) {
      const d = entity("Design", String(id));
      const view = await c.design(id);
      assert.deepEqual(
        [d.designId, d.projectId, d.project, d.termsVersion, d.ancestorCount, d.ancestorShareBps, d.registeredAt],
        [
          id,
          view.projectId,
          String(view.projectId),
          Number(view.termsVersion),
          Number(view.ancestorCount),
          Number(view.ancestorShareBps),
          view.registeredAt,
        ],
        `design ${id}`,
      );
      const ev = registered.get(String(id))!;
      assert.deepEqual(
        [d.registrant, d.contentHash, d.metadataURI, d.parents],
        [lower(ev.registrant), ev.contentHash, ev.metadataURI, [...ev.parents].map(String)],
      );
      // Name, tags and search text as the dApp reads the metadata URI; the parents' ids in their registered order.
      const meta = indexedMeta(ev.metadataURI);
      assert.deepEqual(
        [d.name, d.tags, d.search, d.parentIds],
        [meta.name, meta.tags, searchTextOf(ev.metadataURI), [...ev.parents]],
        `design ${id} metadata`,
      );
      assert.equal(await c.designOfContent(d.contentHash as string), id);
      // Ancestors in the order of ancestorsOf, each with its project and share; `direct` for the parents.
      const ancestors = rows("DesignAncestor", (a) => a.design === String(id)).sort(
        (a, b) => (a.position as number) - (b.position as number),
      );
      assert.deepEqual(
        ancestors.map((a) => [BigInt(a.ancestor as string), a.ancestorProjectId, BigInt(a.shareBps as number)]),
        (await c.ancestorsOf(id)).map((a) => [a.designId, a.projectId, a.shareBps]),
        `ancestorsOf(${id})`,
      );
      assert.deepEqual(
        ancestors.filter((a) => a.direct).map((a) => a.ancestor),
        d.parents,
      );
      assert.equal(d.derivativeCount, rows("DesignAncestor", (a) => a.ancestor === String(id)).length);
      // Every version of its terms.
      assert.equal(d.currentTerms, `${id}-${view.termsVersion}`);
      for (let v = 1n; v <= view.termsVersion; v++) {
        const t = entity("DesignTermsVersion", `${id}-${v}`);
        const tv = await c.terms(id, v);
        assert.deepEqual(
          [t.currency, t.feePerUnit, t.feePerPeriod, t.periodLength, t.licenceDuration, t.derivativeShareBps],
          [
            lower(tv.currency),
            tv.feePerUnit,
            tv.feePerPeriod,
            tv.periodLength,
            tv.licenceDuration,
            Number(tv.derivativeShareBps),
          ],
          `terms(${id}, ${v})`,
        );
      }
      // Licence counts and units from licence() of every licence on it.
      const mine = [];
      for (let l = 1n; l <= (await c.licenceCount()); l++) {
        const lic = await c.licence(l);
        if (lic.designId === id) mine.push(lic);
      }
      assert.deepEqual(
        [d.licenceCount, d.commonsLicenceCount, d.commercialLicenceCount, d.unitsReported],
        [
          mine.length,
          mine.filter((l) => l.tier === Tier.Commons).length,
          mine.filter((l) => l.tier === Tier.Commercial).length,
          sum(mine.map((l) => l.unitsReported)),
        ],
      );
    }
    // The dApp's JSON (trimmed, tags normalised; full Unicode lower-casing, every sigma "σ", the search text's hyphens
    // as spaces), plain JSON read raw (its
    // "%" not percent-decoded, a number tag skipped), an array and broken JSON (nothing), an ipfs: URI (nothing).
    assert.deepEqual(
      ["6", "7", "8", "9", "1"].map((id) => [
        entity("Design", id).name,
        entity("Design", id).tags,
        entity("Design", id).search,
      ]),
      [
        ["Solar Dryer ΟΔΟΣ", ["food", "solar-power"], "solar dryer οδοσ\nfood\nsolar power"],
        ["Wind Pump 100%", ["Water", "İzmir"], "wind pump 100%\nwater\ni\u0307zmir"],
        ["", [], ""],
        ["", [], ""],
        ["", [], ""],
      ],
    );
    // The derivative's terms changed to the token (version 2); the remix's ancestors: 3, 2, 1, then 4.
    assert.equal(entity("Design", "2").termsVersion, 2);
    assert.equal(entity("DesignTermsVersion", "2-2").currency, token);
    assert.equal(entity("DesignTermsVersion", "2-2").setBy, lower(s.coordinator.address));
    assert.deepEqual(
      rows("DesignAncestor", (a) => a.design === "5").map((a) => [a.ancestor, a.shareBps, a.direct]),
      [
        ["3", 1_000, true],
        ["2", 800, false],
        ["1", 1_000, false],
        ["4", 1_000, true],
      ],
    );
  });

  it("each licence equals licence(), ownerOf() and locked(); licenceOf names the latest per licensee and design", async () => {
    const c = s.commons;
    const count = await c.licenceCount();
    assert.equal(rt.store.count("Licence"), Number(count));
    const tiers = Object.keys(Tier);
    for (let id = 1n; id <= count; id++) {
      const l = entity("Licence", String(id));
      const v = await c.licence(id);
      assert.deepEqual(
        [l.design, l.termsVersion, l.tier, l.takenAt, l.expiresAt, l.paidUntil, l.unitsReported, l.feesPaid],
        [
          String(v.designId),
          Number(v.termsVersion),
          tiers[Number(v.tier)],
          v.takenAt,
          v.expiresAt,
          v.paidUntil,
          v.unitsReported,
          v.feesPaid,
        ],
        `licence ${id}`,
      );
      assert.equal(l.licensee, lower(await c.ownerOf(id)));
      assert.equal(l.locked, await c.locked(id));
      assert.equal(l.terms, `${v.designId}-${v.termsVersion}`);
      assert.equal(l.currency, lower((await c.terms(v.designId, v.termsVersion)).currency));
      // Fees owed for operators' reports (DC-6), and the count of those reports and of the payments of them.
      const mine = (name: string) => events(name).filter((e) => e.args.licenceId === id).length;
      assert.deepEqual(
        [l.feesOwed, l.operatorReportCount, l.owedPaymentCount],
        [await c.feesOwed(id), mine("ProductionReportedByOperator"), mine("OwedFeesPaid")],
        `licence ${id} owed`,
      );
    }
    // licenceOf(design, licensee) is the newest licence row of the pair.
    for (const l of rows("Licence")) {
      const newest = rows("Licence", (x) => x.design === l.design && x.licensee === l.licensee)
        .map((x) => x.licenceId as bigint)
        .reduce((a, b) => (a > b ? a : b));
      assert.equal(await c.licenceOf(BigInt(l.design as string), l.licensee as string), newest);
    }
    // The outsider's two licences on the original: the first commercial (its accreditation was revoked), expired.
    const outsider = rows("Licence", (x) => x.licensee === lower(s.outsider.address));
    assert.deepEqual(
      outsider.map((x) => [x.design, x.tier]),
      [
        ["1", "Commercial"],
        ["1", "Commercial"],
      ],
    );
    // Reports and period payments equal their events, with the licence's currency.
    const reports = rows("ProductionReport");
    assert.deepEqual(
      reports.map((r) => [r.licence, r.design, r.units, r.fee]),
      events("ProductionReported").map((e) => [
        String(e.args.licenceId),
        String(e.args.designId),
        e.args.units,
        e.args.fee,
      ]),
    );
    const payments = rows("PeriodPayment");
    assert.deepEqual(
      payments.map((r) => [r.licence, r.periods, r.paidUntil, r.fee]),
      events("PeriodsPaid").map((e) => [String(e.args.licenceId), e.args.periods, e.args.paidUntil, e.args.fee]),
    );
    assert.deepEqual(
      payments.map((r) => r.currency),
      [ETH, token],
    );
    // The operator's reports and the payments of what they made owed equal their events.
    const operatorReports = rows("OperatorProductionReport");
    assert.deepEqual(
      operatorReports.map((r) => [r.licence, r.design, r.licensee, r.operator, r.ref, r.units, r.fee, r.owed]),
      events("ProductionReportedByOperator").map((e) => [
        String(e.args.licenceId),
        String(e.args.designId),
        lower(s.company.address),
        lower(e.args.operator),
        e.args.ref,
        e.args.units,
        e.args.fee,
        e.args.owed,
      ]),
    );
    assert.deepEqual(
      operatorReports.map((r) => [r.design, r.units, r.fee, r.owed]),
      [
        ["5", 4n, 4n * 12_345n, 4n * 12_345n],
        ["5", 3n, 3n * 12_345n, 7n * 12_345n],
      ],
    );
    const owedPayments = rows("OwedFeesPayment");
    assert.deepEqual(
      owedPayments.map((r) => [r.licence, r.design, r.fee, r.owed]),
      events("OwedFeesPaid").map((e) => [String(e.args.licenceId), String(e.args.designId), e.args.fee, e.args.owed]),
    );
    assert.deepEqual(
      owedPayments.map((r) => [r.fee, r.owed]),
      [
        [50_000n, 7n * 12_345n - 50_000n],
        [7n * 12_345n - 50_000n, 0n],
      ],
    );
    for (const r of [...reports, ...payments, ...operatorReports, ...owedPayments])
      assert.equal(r.currency, entity("Licence", r.licence as string).currency);
    // The company's approval of the operator equals isReportOperator.
    const operator = (await ethers.getSigners())[12].address;
    assert.deepEqual(
      rows("ReportOperatorApproval").map((a) => [a.licensee, a.operator, a.approved, a.changeCount]),
      [[lower(s.company.address), lower(operator), true, 1]],
    );
    assert.equal(await c.isReportOperator(s.company.address, operator), true);
    // Approvals equal the events (and the views: the approval cleared, the operator approved).
    assert.deepEqual(
      rows("LicenceApproval").map((a) => [a.licence ?? null, a.owner, a.operator, a.approved, a.forAll]),
      [
        ["4", lower(s.company.address), lower(s.outsider.address), true, false],
        [null, lower(s.company.address), lower(s.outsider.address), true, true],
        ["4", lower(s.company.address), ZERO, false, false],
      ],
    );
    assert.equal(await c.getApproved(4n), ZERO);
    assert.equal(await c.isApprovedForAll(s.company.address, s.outsider.address), true);
  });

  it("held balances equal heldFor for every project and currency; releases equal HeldReleased", async () => {
    for (const projectId of [1n, 2n, 3n]) {
      for (const currency of [ETH, token]) {
        const held = await s.commons.heldFor(projectId, currency);
        const b = rt.store.entity("HeldBalance", `${projectId}-${lower(currency)}`);
        assert.equal(b?.held ?? 0n, held, `heldFor(${projectId}, ${currency})`);
        if (b) assert.equal(b.heldTotal, (b.held as bigint) + (b.released as bigint));
      }
    }
    assert.ok((entity("HeldBalance", `2-${ETH}`).held as bigint) > 0n, "the studio's ancestor shares are still held");
    assert.equal(entity("HeldBalance", `3-${ETH}`).held, 0n);
    assert.deepEqual(
      rows("HeldRelease").map((r) => [r.projectId, r.currency, r.amount, r.by]),
      events("HeldReleased").map((e) => [e.args.projectId, lower(e.args.currency), e.args.amount, lower(e.args.by)]),
    );
    assert.deepEqual(
      rows("HeldRelease").map((r) => r.projectId),
      [3n, 1n],
    );
  });

  it("the books per currency: fees = ancestors' + projects' shares = deposited + held = the fee events (DC-1)", async () => {
    const shareRows = rows("FeeShare");
    const feeEvents = [...events("ProductionReported"), ...events("PeriodsPaid"), ...events("OwedFeesPaid")];
    for (const currency of [ETH, token]) {
      const t = entity("CommonsCurrencyTotal", currency);
      const fees = sum(
        await Promise.all(
          feeEvents.map(async (e) => {
            const lic = await s.commons.licence(e.args.licenceId);
            const cur = lower((await s.commons.terms(lic.designId, lic.termsVersion)).currency);
            return cur === currency ? (e.args.fee as bigint) : 0n;
          }),
        ),
      );
      const mine = shareRows.filter((x) => x.currency === currency);
      const ancestorShares = sum(mine.filter((x) => x.kind === "Ancestor").map((x) => x.amount as bigint));
      const projectShares = sum(mine.filter((x) => x.kind === "Project").map((x) => x.amount as bigint));
      assert.deepEqual(
        [t.feesPaid, t.ancestorShares, t.projectShares],
        [fees, ancestorShares, projectShares],
        currency,
      );
      assert.equal(
        ancestorShares,
        sum(
          events("AncestorShareCredited")
            .filter((e) => lower(e.args.currency) === currency)
            .map((e) => e.args.amount),
        ),
      );
      assert.equal(t.feesPaid, (t.ancestorShares as bigint) + (t.projectShares as bigint));
      assert.equal(t.feesPaid, (t.deposited as bigint) + (t.held as bigint));
      // Held = what the contract holds = the sum of heldFor; deposited = the ledger's income from the contract.
      const balance = currency === ETH ? await ethers.provider.getBalance(commons) : await s.token.balanceOf(commons);
      assert.equal(t.held, balance, `${currency} balance`);
      assert.equal(t.held, sum(rows("HeldBalance", (b) => b.currency === currency).map((b) => b.held as bigint)));
      const deposits = parsedEvents(logs, "IncomeDeposited", { [ledger]: s.ledger.interface }).filter(
        (e) => lower(e.args.from) === commons && lower(e.args.token) === currency,
      );
      assert.equal(t.deposited, sum(deposits.map((e) => e.args.amount)), `${currency} deposited`);
      assert.equal(t.released, sum(rows("HeldRelease", (r) => r.currency === currency).map((r) => r.amount as bigint)));
    }
    // Each share names the payment it splits; the shares of a payment sum to its fee, to the wei.
    const payments = [...rows("ProductionReport"), ...rows("PeriodPayment"), ...rows("OwedFeesPayment")];
    for (const p of payments) {
      const parts = shareRows.filter((x) => x.payment === p.id);
      if (p.fee === 0n) assert.equal(parts.length, 0);
      else assert.equal(sum(parts.map((x) => x.amount as bigint)), p.fee, `payment ${p.id}`);
      for (const x of parts)
        assert.deepEqual([x.licence, x.design, x.transactionHash], [p.licence, p.design, p.transactionHash]);
    }
    // The grandchild's 1 ETH: 5 % to the derivative's project (held), 10 % to the original's (held), the rest to the
    // studio at once.
    const grandchild = shareRows.filter((x) => x.design === "3" && x.currency === ETH);
    assert.deepEqual(
      grandchild.map((x) => [x.kind, x.ancestor ?? null, x.projectId, x.amount, x.held]),
      [
        ["Ancestor", "2", 2n, ethers.parseEther("0.05"), true],
        ["Ancestor", "1", 1n, ethers.parseEther("0.1"), true],
        ["Project", null, 2n, ethers.parseEther("0.85"), false],
      ],
    );
    // The collective's project share was held until it had points, then deposited.
    assert.deepEqual(
      shareRows.filter((x) => x.design === "4" && x.kind === "Project").map((x) => x.held),
      [true, true, false],
    );
  });

  it("design fees: per design and currency, fees = shares; derivatives' shares reach their ancestors", () => {
    const shareRows = rows("FeeShare");
    for (const f of rows("DesignFeeTotal")) {
      const design = f.design as string;
      const payments = [...rows("ProductionReport"), ...rows("PeriodPayment"), ...rows("OwedFeesPayment")].filter(
        (p) => p.design === design && p.currency === f.currency,
      );
      const mine = shareRows.filter((x) => x.design === design && x.currency === f.currency);
      assert.deepEqual(
        [f.feesPaid, f.ancestorShares, f.projectShares],
        [
          sum(payments.map((p) => p.fee as bigint)),
          sum(mine.filter((x) => x.kind === "Ancestor").map((x) => x.amount as bigint)),
          sum(mine.filter((x) => x.kind === "Project").map((x) => x.amount as bigint)),
        ],
        f.id as string,
      );
      assert.equal(f.feesPaid, (f.ancestorShares as bigint) + (f.projectShares as bigint));
      assert.equal(
        f.fromDerivatives,
        sum(shareRows.filter((x) => x.ancestor === design && x.currency === f.currency).map((x) => x.amount as bigint)),
      );
    }
    assert.ok((entity("DesignFeeTotal", `1-${ETH}`).fromDerivatives as bigint) > 0n);
    assert.ok((entity("DesignFeeTotal", `1-${token}`).fromDerivatives as bigint) > 0n);
  });

  it("each ancestor's share of each design's fees; each project's licence income, its held part = heldFor", async () => {
    const credited = events("AncestorShareCredited");
    const totals = rows("AncestorShareTotal");
    assert.equal(
      totals.length,
      new Set(credited.map((e) => `${e.args.designId}-${e.args.ancestorId}-${e.args.currency}`)).size,
    );
    for (const t of totals) {
      const mine = credited.filter(
        (e) =>
          String(e.args.designId) === t.design &&
          String(e.args.ancestorId) === t.ancestor &&
          lower(e.args.currency) === t.currency,
      );
      assert.equal(t.amount, sum(mine.map((e) => e.args.amount)), t.id as string);
      assert.equal(t.id, `${t.design}-${t.ancestor}-${t.currency}`);
      const recorded = (await s.commons.ancestorsOf(BigInt(t.design as string))).find(
        (a) => String(a.designId) === t.ancestor,
      );
      assert.equal(t.ancestorProjectId, recorded!.projectId);
    }
    // Per design and currency, the ancestors' totals sum to the design's ancestor shares.
    for (const f of rows("DesignFeeTotal")) {
      const mine = totals.filter((t) => t.design === f.design && t.currency === f.currency);
      assert.equal(sum(mine.map((t) => t.amount as bigint)), f.ancestorShares, f.id as string);
    }

    const own = events("ProjectShareCredited");
    const released = events("HeldReleased");
    const deposits = parsedEvents(logs, "IncomeDeposited", { [ledger]: s.ledger.interface }).filter(
      (e) => lower(e.args.from) === commons,
    );
    for (const projectId of [1n, 2n, 3n]) {
      for (const currency of [ETH, token]) {
        const row = rt.store.entity("ProjectLicenceIncome", `${projectId}-${currency}`);
        const of = (xs: typeof own) =>
          xs.filter((e) => e.args.projectId === projectId && lower(e.args.currency) === currency);
        const amounts = (xs: typeof own) => sum(xs.map((e) => e.args.amount as bigint));
        const fromOwnDesigns = amounts(of(own));
        const fromDerivatives = amounts(of(credited));
        if (!row) {
          assert.equal(fromOwnDesigns + fromDerivatives, 0n, `${projectId}-${currency}`);
          continue;
        }
        assert.deepEqual(
          [row.fromOwnDesigns, row.fromDerivatives, row.held],
          [fromOwnDesigns, fromDerivatives, await s.commons.heldFor(projectId, currency)],
          `${projectId}-${currency}`,
        );
        assert.equal(
          row.deposited,
          sum(
            deposits
              .filter((e) => e.args.projectId === projectId && lower(e.args.token) === currency)
              .map((e) => e.args.amount as bigint),
          ),
          `${projectId}-${currency} deposited into the ledger`,
        );
        assert.equal(
          (row.fromOwnDesigns as bigint) + (row.fromDerivatives as bigint),
          (row.deposited as bigint) + (row.held as bigint),
        );
        // Deposited: its own designs' shares deposited at once, plus every release.
        assert.equal(row.deposited, amounts(of(own).filter((e) => !e.args.held)) + amounts(of(released)));
      }
    }
    assert.ok((entity("ProjectLicenceIncome", `1-${token}`).fromDerivatives as bigint) > 0n);
    assert.ok((entity("ProjectLicenceIncome", `3-${ETH}`).deposited as bigint) > 0n, "the collective's release");
  });

  it("commons entities equal isCommonsEntity, with their history", async () => {
    const entities = rows("CommonsEntity");
    for (const e of entities) assert.equal(e.accredited, await s.commons.isCommonsEntity(e.entity as string));
    assert.equal(entity("CommonsRegistry", commons).accreditedCount, entities.filter((e) => e.accredited).length);
    const outsider = entity("CommonsEntity", lower(s.outsider.address));
    assert.deepEqual([outsider.accredited, outsider.uri], [false, "ipfs://outsider"]);
    assert.equal(typeof outsider.revokedAt, "bigint");
    assert.deepEqual(
      rows("CommonsEntityChange").map((x) => [x.entity, x.accredited, x.uri ?? null]),
      [
        [lower(s.coop.address), true, "ipfs://coop"],
        [lower(s.outsider.address), true, "ipfs://outsider"],
        [lower(s.outsider.address), false, null],
      ],
    );
  });

  it("graph-node's queries: a design's genealogy, licences and fees; a project's designs (the ledger's Project)", async () => {
    const head = (await ethers.provider.getBlock("latest"))!;
    const gql = storeGraphQL(rt.store, head);
    const result = await gql.execute(
      `query ($id: ID!) {
        design(id: $id) {
          currentTerms { version currency }
          ancestors(orderBy: position) { ancestor { id projectId } shareBps }
          derivatives(orderBy: id) { design { id } }
          licences(orderBy: licenceId) { licenceId tier licensee }
          fees { currency feesPaid ancestorShares projectShares }
        }
        project(id: "2") { name designs(orderBy: designId) { id } }
      }`,
      { id: "3" },
    );
    assert.deepEqual(result.errors ?? [], []);
    const data = result.data as {
      design: {
        currentTerms: { version: number; currency: string };
        ancestors: { ancestor: { id: string; projectId: string }; shareBps: number }[];
        derivatives: { design: { id: string } }[];
        licences: { licenceId: string; tier: string; licensee: string }[];
        fees: { currency: string; feesPaid: string }[];
      };
      project: { name: string; designs: { id: string }[] };
    };
    assert.deepEqual(
      data.design.ancestors.map((a) => [a.ancestor.id, BigInt(a.ancestor.projectId), BigInt(a.shareBps)]),
      (await s.commons.ancestorsOf(3n)).map((a) => [String(a.designId), a.projectId, a.shareBps]),
    );
    assert.deepEqual(
      data.design.derivatives.map((d) => d.design.id),
      ["5"],
    );
    assert.deepEqual(
      data.design.licences.map((l) => [l.tier, l.licensee]),
      [
        ["Commons", lower(s.coop.address)],
        ["Commercial", lower(s.company.address)],
      ],
    );
    assert.deepEqual([data.design.currentTerms.version, data.design.currentTerms.currency], [1, ETH]);
    assert.deepEqual(
      data.design.fees.map((f) => [f.currency, BigInt(f.feesPaid)]),
      [[ETH, ethers.parseEther("1")]],
    );
    assert.equal(data.project.name, (await s.ledger.getProject(2n)).name);
    assert.deepEqual(
      data.project.designs.map((d) => d.id),
      rows("Design", (d) => d.projectId === 2n).map((d) => d.id),
    );
    assert.deepEqual(
      data.project.designs.map((d) => d.id),
      ["2", "3", "5"],
    );
    assert.equal(content("original"), entity("Design", "1").contentHash);
  });

  it("the dApp's chain reader and subgraph reader answer every screen need the same", async () => {
    const { client, events, undo } = await readerPlumbing({
      conn,
      store: rt.store,
      contract: s.commons,
      abi: designCommonsAbi,
      address: commons,
      fold: designsFold,
      maxRange: 7n,
    });
    try {
      const chain = createDesignsChainReader(events, client);
      const subgraph = createDesignsSubgraphReader("http://subgraph.test/graphql", getAddress(commons));
      /** Every page of a list of `r`. */
      const all = <T>(read: (r: DesignsReader, after?: string) => Promise<Page<T>>, r: DesignsReader) =>
        allPages((after) => read(r, after));
      const designIds = Array.from({ length: Number(await s.commons.designCount()) + 1 }, (_, i) => BigInt(i + 1));
      const licenceIds = Array.from({ length: Number(await s.commons.licenceCount()) + 1 }, (_, i) => BigInt(i + 1));
      const accounts = [s.coop, s.outsider, s.company, s.designer, s.maker, s.council].map((a) => a.address as Address);
      const needs: [string, (r: DesignsReader) => Promise<unknown>][] = [
        ["info", (r) => r.info()],
        ...["", "SOLAR", "  οδος ", "food\nsolar", "i̇zmir", "100%", "nothing"].map(
          (q): [string, (r: DesignsReader) => Promise<unknown>] => [
            `designs "${q}"`,
            (r) => all((x, a) => x.designs(q, a), r),
          ],
        ),
        ...designIds.flatMap((id): [string, (r: DesignsReader) => Promise<unknown>][] => [
          [`design ${id}`, (r) => r.design(id)],
          [`derivatives ${id}`, (r) => all((x, a) => x.derivatives(id, a), r)],
          [`licences ${id}`, (r) => all((x, a) => x.licences(id, a), r)],
          [`payments ${id}`, (r) => all((x, a) => x.payments(id, a), r)],
        ]),
        ...[1n, 2n, 3n, 4n].flatMap((p): [string, (r: DesignsReader) => Promise<unknown>][] => [
          [`project ${p} designs`, (r) => all((x, a) => x.projectDesigns(p, a), r)],
          [`project ${p} income`, (r) => r.projectIncome(p)],
        ]),
        ...licenceIds.map((id): [string, (r: DesignsReader) => Promise<unknown>] => [
          `licence ${id}`,
          (r) => r.licence(id),
        ]),
        ...accounts.flatMap((who): [string, (r: DesignsReader) => Promise<unknown>][] => [
          [`licences of ${who}`, (r) => all((x, a) => x.licencesOf(who, a), r)],
          [`entity ${who}`, (r) => r.entity(who)],
        ]),
        ["entities", (r) => all((x, a) => x.entities(a), r)],
      ];
      for (const [name, need] of needs) assert.deepEqual(await need(subgraph), await need(chain), name);
      assert.ok(events.logs.stats.requests > 1, "the chain reader read in bounded chunks");

      // Spot checks against the views: the answers are not merely equal, they are right.
      const info = await chain.info();
      assert.deepEqual(
        [info.owner, info.pendingOwner, info.designCount, info.licenceCount],
        [
          s.council.address,
          s.designer2.address,
          Number(await s.commons.designCount()),
          Number(await s.commons.licenceCount()),
        ],
      );
      const found = async (q: string) => (await all((x, a) => x.designs(q, a), subgraph)).map((d) => d.id);
      assert.deepEqual(await found(""), designIds.slice(0, -1).reverse(), "every design, newest first");
      assert.deepEqual(await found(" SOLAR "), [6n]);
      assert.deepEqual(await found("ΟΔΟΣ"), [6n], "a word ending in a sigma, searched in capitals");
      assert.deepEqual(await found("water"), [7n]);
      assert.deepEqual(await found("Solar Power"), [6n], "a tag stored with a hyphen, searched with a space");
      assert.deepEqual(await found("nothing"), []);
      assert.deepEqual(
        (await all((x, a) => x.derivatives(1n, a), subgraph)).map((d) => d.id),
        [4n, 2n],
        "the designs naming 1 as a parent",
      );
      const remix = (await subgraph.design(5n))!;
      assert.deepEqual(
        remix.ancestors.map((a) => [a.designId, a.projectId, a.shareBps]),
        (await s.commons.ancestorsOf(5n)).map((a) => [a.designId, a.projectId, Number(a.shareBps)]),
      );
      assert.equal(remix.registeredAt, Number((await s.commons.design(5n)).registeredAt));
      const eth = remix.fees.find((f) => f.currency === ETH)!;
      assert.equal(sum(eth.byAncestor.map((x) => x.amount)), eth.ancestorShares);
      const licence = (await chain.licence(3n))!;
      const view = await s.commons.licence(3n);
      assert.deepEqual(
        [licence.takenAt, licence.expiresAt, licence.paidUntil, licence.feesPaid, licence.licensee],
        [
          Number(view.takenAt),
          Number(view.expiresAt),
          Number(view.paidUntil),
          view.feesPaid,
          await s.commons.ownerOf(3n),
        ],
      );
      // Every licence's fees owed (DC-6) equal feesOwed(id): the remix's, owed then paid in two parts, among them.
      for (const id of licenceIds.slice(0, -1))
        assert.equal((await subgraph.licence(id))!.feesOwed, await s.commons.feesOwed(id), `feesOwed(${id})`);
      const remixPayments = await all((x, a) => x.payments(5n, a), chain);
      assert.deepEqual(
        remixPayments.map((p) => [p.kind, p.quantity, p.fee, p.operator ?? null]),
        [
          ["owed", 0n, 7n * 12_345n - 50_000n, null],
          ["owed", 0n, 50_000n, null],
          ["reported", 3n, 3n * 12_345n, (await ethers.getSigners())[12].address],
          ["reported", 4n, 4n * 12_345n, (await ethers.getSigners())[12].address],
          ["units", 7n, 7n * 12_345n, null],
        ],
      );
      const remixLicence = (await chain.licence(remixPayments[0].licenceId))!;
      assert.deepEqual(
        [remixLicence.unitsReported, remixLicence.feesPaid, remixLicence.feesOwed],
        [14n, 14n * 12_345n, 0n],
      );
      assert.deepEqual(
        [remixLicence.reportCount, remixLicence.operatorReportCount, remixLicence.owedPaymentCount],
        [1, 2, 2],
      );
      for (const p of [1n, 2n, 3n])
        for (const row of await chain.projectIncome(p))
          assert.equal(row.held, await s.commons.heldFor(p, row.currency), `heldFor(${p}, ${row.currency})`);
      assert.deepEqual(
        (await all((x, a) => x.entities(a), subgraph)).map((e) => e.entity),
        [s.coop.address],
      );
      assert.equal((await chain.entity(s.outsider.address as Address))?.accredited, false);
    } finally {
      undo();
    }
  });
});
