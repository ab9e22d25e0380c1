// The design commons' chain reader over a stand-in RPC serving real, ABI-encoded DesignCommons logs, folded by
// ./fold.ts: the registry's books, designs with their terms, genealogy, fee books and search text, licences, payments,
// entities and project income from the events alone (block times read once, only where the logs carry none), and
// every list newest first (or by address) in pages, as the subgraph reader pages them.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { getAddress, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { eventLogId, IncrementalLogReader } from "../../shared/data/logs";
import { encodeLog, fakeChain, hash32, tally } from "../../shared/data/testing";
import { metadataURI } from "../metadata";
import { createDesignsChainReader } from "./chain";
import { designsFold } from "./fold";
import { DESIGNS_PAGE } from "./types";

const DESIGNS = getAddress("0x0000000000000000000000000000000000000de5");
const TIMELOCK = getAddress("0x00000000000000000000000000000000000071e1");
const TOKEN = getAddress("0x00000000000000000000000000000000000000e0");
const COMPANY = getAddress("0x00000000000000000000000000000000000000c1");
const COOP = getAddress("0x00000000000000000000000000000000000000c2");
const OUTSIDER = getAddress("0x00000000000000000000000000000000000000c3");
const DESIGNER = getAddress("0x00000000000000000000000000000000000000d1");
const DEPLOYED = 10_000n;
const YEAR = 365 * 86_400;
/** Every block's time: 12 s apart. */
const timeOf = (block: bigint) => 1_700_000_000n + block * 12n;

let logIndex = 0;
/** A DesignCommons log of `eventName` with `args` in `block`, ABI-encoded as a node returns it. */
const log = (eventName: string, args: Record<string, unknown>, block: bigint) =>
  encodeLog(designCommonsAbi, eventName, args, { address: DESIGNS, block, logIndex: logIndex++ });

const terms = (over: Partial<Record<string, unknown>> = {}) => ({
  currency: zeroAddress,
  feePerUnit: 100n,
  feePerPeriod: 250n,
  periodLength: 30 * 86_400,
  licenceDuration: YEAR,
  derivativeShareBps: 1_000,
  ...over,
});
/** Design `id` of `projectId` registered in `block` with its version 1 (and `ancestors` as [id, project, bps]). */
function registered(
  id: bigint,
  projectId: bigint,
  uri: string,
  block: bigint,
  parents: bigint[] = [],
  ancestors: [bigint, bigint, number][] = [],
) {
  return [
    log(
      "DesignRegistered",
      { designId: id, projectId, registrant: DESIGNER, contentHash: hash32(id), metadataURI: uri, parents },
      block,
    ),
    ...ancestors.map(([ancestorId, ancestorProjectId, shareBps]) =>
      log("AncestorRecorded", { designId: id, ancestorId, ancestorProjectId, shareBps }, block),
    ),
    log("TermsSet", { designId: id, version: 1, terms: terms(), by: DESIGNER }, block),
  ];
}
/** Licence `id` on `designId` taken by `licensee` in `block` (minted and locked). */
function taken(id: bigint, designId: bigint, licensee: Address, tier: number, version: number, block: bigint) {
  return [
    log(
      "LicenceTaken",
      { licenceId: id, designId, licensee, tier, termsVersion: version, expiresAt: Number(timeOf(block)) + YEAR },
      block,
    ),
    log("Transfer", { from: zeroAddress, to: licensee, tokenId: id }, block),
    log("Locked", { tokenId: id }, block),
  ];
}

/** A fee of design 2 in ETH split in `block`: `ancestor` to design 1's project, `own` to project 2 (or `held`). */
const split = (ancestor: bigint, own: bigint, held: boolean, block: bigint) => [
  log(
    "AncestorShareCredited",
    { designId: 2n, ancestorId: 1n, projectId: 1n, currency: zeroAddress, amount: ancestor },
    block,
  ),
  log("ProjectShareCredited", { designId: 2n, projectId: 2n, currency: zeroAddress, amount: own, held }, block),
];

function setup(head: bigint) {
  const { chain, client } = fakeChain({ head, time: timeOf });
  const events = new IncrementalLogReader({
    client,
    abi: designCommonsAbi,
    addresses: [DESIGNS],
    fromBlock: DEPLOYED,
    fold: designsFold,
    maxRange: 2_000n,
  });
  return { chain, reader: createDesignsChainReader(events, client) };
}

const DRYER = metadataURI({ name: "Solar Dryer", description: "", tags: ["Food", "solar"], files: [] });
const b = (n: number) => DEPLOYED + BigInt(n);

describe("the design commons' chain reader", () => {
  it("folds designs, terms, genealogy, licences, fees, releases and entities from the events alone", async () => {
    const { chain, reader } = setup(b(3_000));
    chain.logs.push(
      log("OwnershipTransferred", { previousOwner: zeroAddress, newOwner: TIMELOCK }, DEPLOYED),
      ...registered(1n, 1n, DRYER, b(1)),
      ...registered(2n, 2n, "ipfs://remix", b(2), [1n], [[1n, 1n, 1_000]]),
      log("TermsSet", { designId: 2n, version: 2, terms: terms({ currency: TOKEN }), by: COOP }, b(3)),
      log("CommonsEntityAccredited", { entity: COOP, uri: "ipfs://coop" }, b(4)),
      log("CommonsEntityAccredited", { entity: OUTSIDER, uri: "ipfs://outsider" }, b(4)),
      log("CommonsEntityRevoked", { entity: OUTSIDER }, b(5)),
      ...taken(1n, 2n, COMPANY, 2, 1, b(10)),
      ...taken(2n, 1n, COOP, 1, 1, b(11)),
      // 10 units at 100: 10 % to the original's project (held), the rest held for project 2 (no points yet).
      log("ProductionReported", { licenceId: 1n, designId: 2n, units: 10n, fee: 1_000n }, b(20)),
      ...split(100n, 900n, true, b(20)),
      log("ProductionReported", { licenceId: 2n, designId: 1n, units: 4n, fee: 0n }, b(21)),
      log("HeldReleased", { projectId: 2n, currency: zeroAddress, amount: 900n, by: OUTSIDER }, b(30)),
      log("PeriodsPaid", { licenceId: 1n, designId: 2n, periods: 2, paidUntil: 1_800_000_000, fee: 500n }, b(2_500)),
      ...split(50n, 450n, false, b(2_500)),
      log("Approval", { owner: COMPANY, approved: OUTSIDER, tokenId: 1n }, b(2_600)),
      log("ApprovalForAll", { owner: COMPANY, operator: OUTSIDER, approved: true }, b(2_600)),
      log("OwnershipTransferStarted", { previousOwner: TIMELOCK, newOwner: COOP }, b(2_700)),
    );

    const info = await reader.info();
    // One head request, 3,001 blocks in two ranges, no view call.
    expect(tally(chain)).toMatchObject({ getBlock: 1, getLogs: 2, readContract: 0 });
    expect(info).toEqual({
      owner: TIMELOCK,
      pendingOwner: COOP,
      designCount: 2,
      derivativeCount: 1,
      licenceCount: 2,
      commonsLicenceCount: 1,
      commercialLicenceCount: 1,
      accreditedCount: 1,
      currencies: [
        {
          currency: zeroAddress,
          feesPaid: 1_500n,
          ancestorShares: 150n,
          projectShares: 1_350n,
          held: 150n,
          released: 900n,
          deposited: 1_350n,
        },
      ],
    });

    const remix = await reader.design(2n);
    // Registration times come from the block headers, each read once.
    expect(tally(chain).blockTimes).toEqual([b(2)]);
    expect(remix).toMatchObject({
      id: 2n,
      projectId: 2n,
      registrant: DESIGNER,
      name: "",
      tags: [],
      parents: [1n],
      ancestorCount: 1,
      ancestorShareBps: 1_000,
      licenceCount: 1,
      commercialLicenceCount: 1,
      unitsReported: 10n,
      registeredAt: Number(timeOf(b(2))),
      blockNumber: b(2),
    });
    expect(remix!.terms).toEqual({ ...terms({ currency: TOKEN }), version: 2, setBy: COOP, blockNumber: b(3) });
    expect(remix!.termsVersions.map((t) => [t.version, t.currency])).toEqual([
      [1, zeroAddress],
      [2, TOKEN],
    ]);
    expect(remix!.ancestors).toEqual([
      { designId: 1n, projectId: 1n, shareBps: 1_000, direct: true, name: "Solar Dryer", parents: [] },
    ]);
    expect(remix!.fees).toEqual([
      {
        currency: zeroAddress,
        feesPaid: 1_500n,
        ancestorShares: 150n,
        projectShares: 1_350n,
        fromDerivatives: 0n,
        byAncestor: [{ designId: 1n, projectId: 1n, amount: 150n }],
      },
    ]);
    const dryer = await reader.design(1n);
    expect(dryer).toMatchObject({
      name: "Solar Dryer",
      tags: ["food", "solar"],
      derivativeCount: 1,
      unitsReported: 4n,
    });
    // A commons licence's free report counts no fee: the original's book is what its derivative paid it.
    expect(dryer!.fees).toEqual([
      {
        currency: zeroAddress,
        feesPaid: 0n,
        ancestorShares: 0n,
        projectShares: 0n,
        fromDerivatives: 150n,
        byAncestor: [],
      },
    ]);
    expect(await reader.design(3n)).toBeUndefined();

    // Search by name or tag, case-insensitive; lists newest first.
    const ids = async (p: Promise<{ items: { id: bigint }[] }>) => (await p).items.map((x) => x.id);
    expect(await ids(reader.designs(""))).toEqual([2n, 1n]);
    expect(await ids(reader.designs("  SOLAR d"))).toEqual([1n]);
    expect(await ids(reader.designs("FOOD"))).toEqual([1n]);
    expect(await ids(reader.designs("remix"))).toEqual([]);
    expect(await ids(reader.derivatives(1n))).toEqual([2n]);
    expect(await ids(reader.derivatives(2n))).toEqual([]);
    expect(await ids(reader.projectDesigns(2n))).toEqual([2n]);
    expect(await ids(reader.licences(2n))).toEqual([1n]);
    expect(await ids(reader.licencesOf(getAddress(COOP).toLowerCase() as Address))).toEqual([2n]);

    expect(await reader.licence(1n)).toEqual({
      id: 1n,
      designId: 2n,
      licensee: COMPANY,
      tier: "commercial",
      termsVersion: 1,
      currency: zeroAddress,
      takenAt: Number(timeOf(b(10))),
      expiresAt: Number(timeOf(b(10))) + YEAR,
      paidUntil: 1_800_000_000,
      unitsReported: 10n,
      feesPaid: 1_500n,
      reportCount: 1,
      periodPaymentCount: 1,
      feesOwed: 0n,
      operatorReportCount: 0,
      owedPaymentCount: 0,
      txHash: chain.logs.find((l) => BigInt(l.blockNumber!) === b(10))!.transactionHash,
    });
    expect((await reader.licence(2n))?.tier).toBe("commons");
    expect(await reader.licence(3n)).toBeUndefined();

    const payments = (await reader.payments(2n)).items;
    expect(payments.map((p) => [p.kind, p.quantity, p.fee, p.licensee])).toEqual([
      ["periods", 2n, 500n, COMPANY],
      ["units", 10n, 1_000n, COMPANY],
    ]);
    const report = chain.logs.find((l) => BigInt(l.blockNumber!) === b(20))!;
    expect(payments[1]).toMatchObject({
      id: eventLogId(b(20), BigInt(report.logIndex!)),
      txHash: report.transactionHash,
    });
    expect((await reader.payments(1n)).items.map((p) => [p.kind, p.fee])).toEqual([["units", 0n]]);

    // Only accredited entities are listed; a revoked one keeps its times.
    expect((await reader.entities()).items).toEqual([
      { entity: COOP, accredited: true, uri: "ipfs://coop", accreditedAt: Number(timeOf(b(4))) },
    ]);
    expect(await reader.entity(OUTSIDER)).toEqual({
      entity: OUTSIDER,
      accredited: false,
      uri: "ipfs://outsider",
      accreditedAt: Number(timeOf(b(4))),
      revokedAt: Number(timeOf(b(5))),
    });
    expect(await reader.entity(COMPANY)).toBeUndefined();

    expect(await reader.projectIncome(2n)).toEqual([
      {
        projectId: 2n,
        currency: zeroAddress,
        fromOwnDesigns: 1_350n,
        fromDerivatives: 0n,
        deposited: 1_350n,
        held: 0n,
      },
    ]);
    expect(await reader.projectIncome(1n)).toEqual([
      { projectId: 1n, currency: zeroAddress, fromOwnDesigns: 0n, fromDerivatives: 150n, deposited: 0n, held: 150n },
    ]);
    expect(await reader.projectIncome(3n)).toEqual([]);
  });

  it("folds report operators' reports (units counted, fee owed, nothing paid) and payments of owed fees", async () => {
    const { chain, reader } = setup(b(100));
    const [order1, order2] = [hash32(501), hash32(502)];
    const operatorReport = (units: bigint, fee: bigint, owed: bigint, ref: string, block: bigint) =>
      log(
        "ProductionReportedByOperator",
        { licenceId: 1n, designId: 2n, operator: OUTSIDER, units, fee, owed, ref },
        block,
      );
    chain.logs.push(
      ...registered(1n, 1n, DRYER, b(1)),
      ...registered(2n, 2n, "ipfs://remix", b(2), [1n], [[1n, 1n, 1_000]]),
      ...taken(1n, 2n, COMPANY, 2, 1, b(10)),
      // The company approves the operator (no view), which reports 3 then 2 units at 100: 500 owed, none paid.
      log("ReportOperatorSet", { licensee: COMPANY, operator: OUTSIDER, approved: true }, b(11)),
      operatorReport(3n, 300n, 300n, order1, b(20)),
      operatorReport(2n, 200n, 500n, order2, b(21)),
    );

    const owing = await reader.licence(1n);
    expect(owing).toMatchObject({ unitsReported: 5n, feesPaid: 0n, reportCount: 0, feesOwed: 500n });
    expect(owing).toMatchObject({ operatorReportCount: 2, owedPaymentCount: 0 });
    expect((await reader.design(2n))!).toMatchObject({ unitsReported: 5n, fees: [] });
    expect((await reader.info()).currencies).toEqual([]);
    expect((await reader.payments(2n)).items[0]).toEqual({
      id: eventLogId(b(21), BigInt(chain.logs.find((l) => BigInt(l.blockNumber!) === b(21))!.logIndex!)),
      licenceId: 1n,
      designId: 2n,
      licensee: COMPANY,
      kind: "reported",
      quantity: 2n,
      fee: 200n,
      operator: OUTSIDER,
      ref: order2,
      currency: zeroAddress,
      blockNumber: b(21),
      txHash: chain.logs.find((l) => BigInt(l.blockNumber!) === b(21))!.transactionHash,
    });

    // Later blocks: the company pays 200 then the 300 left: each split as any fee (10 % to the original's project, held).
    chain.logs.push(
      log("OwedFeesPaid", { licenceId: 1n, designId: 2n, fee: 200n, owed: 300n }, b(130)),
      ...split(20n, 180n, true, b(130)),
      log("OwedFeesPaid", { licenceId: 1n, designId: 2n, fee: 300n, owed: 0n }, b(131)),
      ...split(30n, 270n, false, b(131)),
    );
    chain.head = b(200);
    expect(await reader.licence(1n)).toMatchObject({
      unitsReported: 5n,
      feesPaid: 500n,
      reportCount: 0,
      periodPaymentCount: 0,
      feesOwed: 0n,
      operatorReportCount: 2,
      owedPaymentCount: 2,
    });
    expect((await reader.payments(2n)).items.map((p) => [p.kind, p.quantity, p.fee, p.operator, p.ref])).toEqual([
      ["owed", 0n, 300n, undefined, undefined],
      ["owed", 0n, 200n, undefined, undefined],
      ["reported", 2n, 200n, OUTSIDER, order2],
      ["reported", 3n, 300n, OUTSIDER, order1],
    ]);
    const remix = (await reader.design(2n))!;
    expect(remix.unitsReported).toBe(5n);
    expect(remix.fees).toEqual([
      {
        currency: zeroAddress,
        feesPaid: 500n,
        ancestorShares: 50n,
        projectShares: 450n,
        fromDerivatives: 0n,
        byAncestor: [{ designId: 1n, projectId: 1n, amount: 50n }],
      },
    ]);
    expect((await reader.info()).currencies).toEqual([
      {
        currency: zeroAddress,
        feesPaid: 500n,
        ancestorShares: 50n,
        projectShares: 450n,
        held: 230n,
        released: 0n,
        deposited: 270n,
      },
    ]);
    expect(await reader.projectIncome(2n)).toEqual([
      { projectId: 2n, currency: zeroAddress, fromOwnDesigns: 450n, fromDerivatives: 0n, deposited: 270n, held: 180n },
    ]);
  });

  it("pages designs (searched), licences and payments newest first: each page after the last row shown", async () => {
    const { chain, reader } = setup(b(1_000));
    const n = DESIGNS_PAGE + 3;
    // Designs 1..n, the even ones tagged "pump"; one licence each for the company; on design 1, n payments.
    for (let i = 1; i <= n; i++) {
      const uri = metadataURI({ name: `Design ${i}`, description: "", tags: i % 2 ? [] : ["pump"], files: [] });
      chain.logs.push(...registered(BigInt(i), 1n, uri, b(i)));
    }
    for (let i = 1; i <= n; i++) chain.logs.push(...taken(BigInt(i), BigInt(i), COMPANY, 2, 1, b(100 + i)));
    for (let i = 0; i < n; i++) {
      chain.logs.push(
        i % 2
          ? log("ProductionReported", { licenceId: 1n, designId: 1n, units: BigInt(i), fee: 0n }, b(300 + i))
          : log("PeriodsPaid", { licenceId: 1n, designId: 1n, periods: i + 1, paidUntil: 1, fee: 0n }, b(300 + i)),
      );
    }

    const first = await reader.designs("");
    expect(first.items.map((d) => d.id)).toEqual(Array.from({ length: DESIGNS_PAGE }, (_, i) => BigInt(n - i)));
    expect(first.next).toBe(String(n - DESIGNS_PAGE + 1));
    const last = await reader.designs("", first.next);
    expect(last.items.map((d) => d.id)).toEqual([3n, 2n, 1n]);
    expect(last.next).toBeUndefined();

    const pumps = await reader.designs("PUMP");
    expect(pumps.items.map((d) => d.id)).toEqual(
      Array.from({ length: Math.floor(n / 2) }, (_, i) => BigInt(2 * (Math.floor(n / 2) - i))),
    );
    expect(pumps.next).toBeUndefined();
    expect((await reader.designs("design 5")).items.map((d) => d.id)).toEqual([53n, 52n, 51n, 50n, 5n]);

    const licences = await reader.licencesOf(COMPANY);
    const more = await reader.licencesOf(COMPANY, licences.next);
    expect([...licences.items, ...more.items].map((l) => l.id)).toEqual(
      Array.from({ length: n }, (_, i) => BigInt(n - i)),
    );
    expect(more.next).toBeUndefined();

    const page = await reader.payments(1n);
    const rest = await reader.payments(1n, page.next);
    const all = [...page.items, ...rest.items];
    expect(page.items).toHaveLength(DESIGNS_PAGE);
    expect(page.next).toBe(page.items[DESIGNS_PAGE - 1].id);
    expect(rest.next).toBeUndefined();
    expect(all.map((p) => (p.kind === "units" ? p.quantity : p.quantity - 1n))).toEqual(
      Array.from({ length: n }, (_, i) => BigInt(n - 1 - i)),
    );
  });
});
