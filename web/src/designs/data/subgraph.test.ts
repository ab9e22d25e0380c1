// The design commons' subgraph reader against a stand-in graph-node: the mapping onto the screens' views (a design
// with its terms, ancestors and fee books put together from four collections), the search sent normalised, and the
// paging (design and licence ids newest first, the four kinds of payments merged by event id, entities by address,
// one row more than a page to tell whether more follow).
import { getAddress, zeroAddress } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ABOVE_EVERY_ID } from "../../shared/data/pages";
import { eventLogId, hash32, stubGraphql } from "../../shared/data/testing";
import { createDesignsSubgraphReader } from "./subgraph";
import { DESIGNS_PAGE } from "./types";

const URL = "http://subgraph.test/graphql";
const DESIGNS = getAddress("0x0000000000000000000000000000000000000de5");
const TIMELOCK = getAddress("0x00000000000000000000000000000000000071e1");
const TOKEN = getAddress("0x00000000000000000000000000000000000000e0");
const account = (i: number) => getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
const low = (a: string) => a.toLowerCase();
const reader = () => createDesignsSubgraphReader(URL, DESIGNS);

type Vars = Record<string, string | number>;
/** Answers each operation by name; records the variables of every request. */
const serve = (answers: Record<string, (v: Vars) => unknown>) => stubGraphql((op, v) => answers[op](v as Vars));

/** The answer of a query paged by id whose rows all fit its first page. */
const onePage =
  <T>(rows: T[]) =>
  (v: Vars) =>
    v.after === "" ? rows : [];

afterEach(() => vi.unstubAllGlobals());

const termsRow = (version: number, currency: string = zeroAddress) => ({
  id: `2-${version}`,
  version,
  currency,
  feePerUnit: "100",
  feePerPeriod: "0",
  periodLength: "0",
  licenceDuration: "31536000",
  derivativeShareBps: 500,
  setBy: low(account(1)),
  blockNumber: String(40 + version),
});
const designRow = <O extends object>(id: number, over: O = {} as O) => ({
  designId: String(id),
  projectId: "2",
  registrant: low(account(1)),
  contentHash: hash32(id),
  metadataURI: "ipfs://x",
  name: "",
  tags: [],
  parentIds: [],
  currentTerms: termsRow(1),
  ancestorCount: 0,
  ancestorShareBps: 0,
  derivativeCount: 0,
  licenceCount: 0,
  commonsLicenceCount: 0,
  commercialLicenceCount: 0,
  unitsReported: "0",
  registeredAt: String(1_700_000_000 + id),
  registeredAtBlock: String(40 + id),
  registeredTransaction: hash32(1_000 + id),
  ...over,
});
/** Rows `before` first answered newest first by `key`, as graph-node does with `…_lt: $before`, `first`. */
const newest = <T>(rows: T[], key: (r: T) => bigint, v: Vars) =>
  rows
    .filter((r) => key(r) < BigInt(v.before))
    .sort((a, b) => (key(a) < key(b) ? 1 : -1))
    .slice(0, Number(v.first));

describe("the design commons' subgraph reader", () => {
  it("info: the registry's counts and owner, and every currency's books (paged by id)", async () => {
    const calls = serve({
      CommonsRegistry: () => ({
        commonsRegistry: {
          owner: low(TIMELOCK),
          pendingOwner: null,
          designCount: 5,
          derivativeCount: 3,
          licenceCount: 8,
          commonsLicenceCount: 2,
          commercialLicenceCount: 6,
          accreditedCount: 1,
        },
      }),
      CommonsCurrencies: (v) => ({
        commonsCurrencyTotals: onePage([
          {
            id: zeroAddress,
            currency: zeroAddress,
            feesPaid: "100",
            ancestorShares: "10",
            projectShares: "90",
            held: "30",
            released: "5",
            deposited: "70",
          },
        ])(v),
      }),
    });
    expect(await reader().info()).toEqual({
      owner: TIMELOCK,
      designCount: 5,
      derivativeCount: 3,
      licenceCount: 8,
      commonsLicenceCount: 2,
      commercialLicenceCount: 6,
      accreditedCount: 1,
      currencies: [
        {
          currency: zeroAddress,
          feesPaid: 100n,
          ancestorShares: 10n,
          projectShares: 90n,
          held: 30n,
          released: 5n,
          deposited: 70n,
        },
      ],
    });
    expect(calls.find((c) => c.op === "CommonsRegistry")!.variables).toEqual({ registry: low(DESIGNS) });

    serve({
      CommonsRegistry: () => ({ commonsRegistry: null }),
      CommonsCurrencies: () => ({ commonsCurrencyTotals: [] }),
    });
    await expect(reader().info()).rejects.toThrow(/no design commons/);
  });

  it("designs: the search sent trimmed and lower-case, newest first by design id, pages by the last id", async () => {
    const rows = Array.from({ length: DESIGNS_PAGE + 2 }, (_, i) =>
      designRow(i + 1, { name: `Pump ${i + 1}`, tags: ["water"], search: `pump ${i + 1}\nwater` }),
    );
    const calls = serve({
      Designs: (v) => ({
        designs: newest(
          rows.filter((r) => r.search.includes(String(v.search))),
          (r) => BigInt(r.designId),
          v,
        ),
      }),
    });
    const first = await reader().designs("  PUMP ");
    expect(calls[0].variables).toEqual({ search: "pump", before: ABOVE_EVERY_ID, first: DESIGNS_PAGE + 1 });
    expect(first.items[0]).toEqual({
      id: BigInt(DESIGNS_PAGE + 2),
      projectId: 2n,
      registrant: account(1),
      contentHash: hash32(DESIGNS_PAGE + 2),
      metadataURI: "ipfs://x",
      name: `Pump ${DESIGNS_PAGE + 2}`,
      tags: ["water"],
      parents: [],
      terms: {
        version: 1,
        currency: zeroAddress,
        feePerUnit: 100n,
        feePerPeriod: 0n,
        periodLength: 0,
        licenceDuration: 31_536_000,
        derivativeShareBps: 500,
        setBy: account(1),
        blockNumber: 41n,
      },
      ancestorCount: 0,
      ancestorShareBps: 0,
      derivativeCount: 0,
      licenceCount: 0,
      commonsLicenceCount: 0,
      commercialLicenceCount: 0,
      unitsReported: 0n,
      registeredAt: 1_700_000_000 + DESIGNS_PAGE + 2,
      blockNumber: BigInt(40 + DESIGNS_PAGE + 2),
      txHash: hash32(1_000 + DESIGNS_PAGE + 2),
    });
    expect(first.next).toBe("3");
    const last = await reader().designs("pump", first.next);
    expect(last.items.map((d) => d.id)).toEqual([2n, 1n]);
    expect(last.next).toBeUndefined();
    expect(calls[1].variables).toMatchObject({ before: "3" });
    expect((await reader().designs("bicycle")).items).toEqual([]);
  });

  it("derivatives and a project's designs: filtered by parent and by project", async () => {
    const calls = serve({
      DesignDerivatives: () => ({ designs: [designRow(7, { parentIds: ["5", "2"] })] }),
      ProjectDesigns: () => ({ designs: [designRow(9)] }),
    });
    expect((await reader().derivatives(2n)).items.map((d) => [d.id, d.parents])).toEqual([[7n, [5n, 2n]]]);
    expect((await reader().projectDesigns(4n, "12")).items.map((d) => d.id)).toEqual([9n]);
    expect(calls.map((c) => c.variables)).toEqual([
      { parent: "2", before: ABOVE_EVERY_ID, first: DESIGNS_PAGE + 1 },
      { projectId: "4", before: "12", first: DESIGNS_PAGE + 1 },
    ]);
  });

  it("a design: its versions sorted, its ancestors with their names, each fee book with every ancestor's share", async () => {
    serve({
      Design: (v) => ({
        design:
          v.id === "2"
            ? {
                ...designRow(2, { parentIds: ["1"], currentTerms: termsRow(10, TOKEN), ancestorCount: 2 }),
                ancestors: [
                  {
                    ancestor: { designId: "1", projectId: "1", name: "Dryer", parentIds: ["9"] },
                    ancestorProjectId: "1",
                    shareBps: 1_000,
                    direct: true,
                  },
                  {
                    ancestor: { designId: "9", projectId: "3", name: "", parentIds: [] },
                    ancestorProjectId: "3",
                    shareBps: 500,
                    direct: false,
                  },
                ],
              }
            : null,
      }),
      // Ids in string order ("2-10" before "2-2"), as graph-node orders them.
      DesignTerms: (v) => ({
        designTermsVersions: onePage([termsRow(1), termsRow(10, TOKEN), termsRow(2)])(v),
      }),
      DesignFees: (v) => ({
        designFeeTotals: onePage([
          {
            id: `2-${zeroAddress}`,
            currency: zeroAddress,
            feesPaid: "1000",
            ancestorShares: "150",
            projectShares: "850",
            fromDerivatives: "7",
          },
          {
            id: `2-${low(TOKEN)}`,
            currency: low(TOKEN),
            feesPaid: "0",
            ancestorShares: "0",
            projectShares: "0",
            fromDerivatives: "3",
          },
        ])(v),
      }),
      DesignAncestorShares: (v) => ({
        ancestorShareTotals: onePage([
          { id: `2-1-${zeroAddress}`, ancestor: { designId: "1" }, currency: zeroAddress, amount: "100" },
          { id: `2-9-${zeroAddress}`, ancestor: { designId: "9" }, currency: zeroAddress, amount: "50" },
        ])(v),
      }),
    });
    const d = (await reader().design(2n))!;
    expect(d.terms.version).toBe(10);
    expect(d.termsVersions.map((t) => [t.version, t.currency])).toEqual([
      [1, zeroAddress],
      [2, zeroAddress],
      [10, TOKEN],
    ]);
    expect(d.ancestors).toEqual([
      { designId: 1n, projectId: 1n, shareBps: 1_000, direct: true, name: "Dryer", parents: [9n] },
      { designId: 9n, projectId: 3n, shareBps: 500, direct: false, name: "", parents: [] },
    ]);
    expect(d.fees).toEqual([
      {
        currency: zeroAddress,
        feesPaid: 1_000n,
        ancestorShares: 150n,
        projectShares: 850n,
        fromDerivatives: 7n,
        byAncestor: [
          { designId: 1n, projectId: 1n, amount: 100n },
          { designId: 9n, projectId: 3n, amount: 50n },
        ],
      },
      {
        currency: TOKEN,
        feesPaid: 0n,
        ancestorShares: 0n,
        projectShares: 0n,
        fromDerivatives: 3n,
        byAncestor: [
          { designId: 1n, projectId: 1n, amount: 0n },
          { designId: 9n, projectId: 3n, amount: 0n },
        ],
      },
    ]);
    expect(await reader().design(3n)).toBeUndefined();
  });

  it("licences: a design's and an account's, newest first by licence id; one licence mapped", async () => {
    const row = (id: number) => ({
      licenceId: String(id),
      design: { designId: "2" },
      licensee: low(account(3)),
      tier: id % 2 ? "Commercial" : "Commons",
      termsVersion: 1,
      currency: low(TOKEN),
      takenAt: "100",
      expiresAt: "200",
      paidUntil: "150",
      unitsReported: "4",
      feesPaid: "40",
      reportCount: 1,
      periodPaymentCount: 2,
      feesOwed: "30",
      operatorReportCount: 3,
      owedPaymentCount: 1,
      transactionHash: hash32(id),
    });
    const rows = Array.from({ length: DESIGNS_PAGE + 1 }, (_, i) => row(i + 1));
    const calls = serve({
      DesignLicences: (v) => ({ licences: newest(rows, (r) => BigInt(r.licenceId), v) }),
      LicencesOf: (v) => ({ licences: newest(rows, (r) => BigInt(r.licenceId), v) }),
      Licence: (v) => ({ licence: v.id === "3" ? row(3) : null }),
    });
    const first = await reader().licences(2n);
    expect(first.items.map((l) => l.id)).toEqual(
      Array.from({ length: DESIGNS_PAGE }, (_, i) => BigInt(DESIGNS_PAGE + 1 - i)),
    );
    expect(first.next).toBe("2");
    expect((await reader().licences(2n, first.next)).items.map((l) => l.id)).toEqual([1n]);
    await reader().licencesOf(account(3));
    expect(calls.map((c) => c.variables)).toEqual([
      { design: "2", before: ABOVE_EVERY_ID, first: DESIGNS_PAGE + 1 },
      { design: "2", before: "2", first: DESIGNS_PAGE + 1 },
      { licensee: low(account(3)), before: ABOVE_EVERY_ID, first: DESIGNS_PAGE + 1 },
    ]);
    expect(await reader().licence(3n)).toEqual({
      id: 3n,
      designId: 2n,
      licensee: account(3),
      tier: "commercial",
      termsVersion: 1,
      currency: TOKEN,
      takenAt: 100,
      expiresAt: 200,
      paidUntil: 150,
      unitsReported: 4n,
      feesPaid: 40n,
      reportCount: 1,
      periodPaymentCount: 2,
      feesOwed: 30n,
      operatorReportCount: 3,
      owedPaymentCount: 1,
      txHash: hash32(3),
    });
    expect(await reader().licence(4n)).toBeUndefined();
  });

  it("payments: reports, period payments, operators' reports and owed payments merged newest first, exact pages", async () => {
    // Four kinds by block (block % 4: reports, period payments, operators' reports, payments of owed fees): 4 × 15
    // rows interleaved.
    const kinds = ["units", "periods", "reported", "owed"] as const;
    const payment = (block: number) => {
      const kind = kinds[block % 4];
      return {
        id: eventLogId(block, 1),
        licence: { licenceId: "5" },
        licensee: low(account(4)),
        ...(kind === "units" ? { units: String(block) } : {}),
        ...(kind === "periods" ? { periods: String(block) } : {}),
        ...(kind === "reported" ? { units: String(block), operator: low(account(9)), ref: hash32(block) } : {}),
        fee: String(block * 10),
        currency: zeroAddress,
        blockNumber: String(block),
        transactionHash: hash32(block),
      };
    };
    const rowsOf = (kind: (typeof kinds)[number]) =>
      Array.from({ length: 15 }, (_, i) => payment(100 + 4 * i + kinds.indexOf(kind)));
    const before = (rows: ReturnType<typeof payment>[], v: Vars) =>
      rows
        .filter((r) => r.id < String(v.before))
        .sort((a, b) => (a.id < b.id ? 1 : -1))
        .slice(0, Number(v.first));
    const calls = serve({
      DesignPayments: (v) => ({
        productionReports: before(rowsOf("units"), v),
        periodPayments: before(rowsOf("periods"), v),
        operatorProductionReports: before(rowsOf("reported"), v),
        owedFeesPayments: before(rowsOf("owed"), v),
      }),
    });
    const first = await reader().payments(7n);
    expect(calls[0].variables).toEqual({ design: "7", before: `0x${"ff".repeat(12)}`, first: DESIGNS_PAGE + 1 });
    expect(first.items.map((p) => Number(p.blockNumber))).toEqual(
      Array.from({ length: DESIGNS_PAGE }, (_, i) => 159 - i),
    );
    const common = (block: number) => ({
      id: eventLogId(block, 1),
      licenceId: 5n,
      designId: 7n,
      licensee: account(4),
      fee: BigInt(block * 10),
      currency: zeroAddress,
      blockNumber: BigInt(block),
      txHash: hash32(block),
    });
    expect(first.items.slice(0, 4)).toEqual([
      { ...common(159), kind: "owed", quantity: 0n },
      { ...common(158), kind: "reported", quantity: 158n, operator: account(9), ref: hash32(158) },
      { ...common(157), kind: "periods", quantity: 157n },
      { ...common(156), kind: "units", quantity: 156n },
    ]);
    expect(first.next).toBe(eventLogId(110, 1));
    const last = await reader().payments(7n, first.next);
    expect(last.items.map((p) => Number(p.blockNumber))).toEqual([109, 108, 107, 106, 105, 104, 103, 102, 101, 100]);
    expect(last.items.map((p) => p.kind).slice(0, 4)).toEqual(["periods", "units", "owed", "reported"]);
    expect(last.next).toBeUndefined();
    expect(calls[1].variables).toMatchObject({ before: eventLogId(110, 1) });
  });

  it("entities: accredited ones by address; one account's, revoked or never accredited", async () => {
    const row = (i: number, revokedAt: string | null) => ({
      id: low(account(i)),
      entity: low(account(i)),
      accredited: revokedAt === null,
      uri: `ipfs://${i}`,
      accreditedAt: "100",
      revokedAt,
    });
    const calls = serve({
      CommonsEntities: () => ({ commonsEntities: [row(1, null)] }),
      CommonsEntity: (v) => ({ commonsEntity: v.id === low(account(2)) ? row(2, "150") : null }),
    });
    expect(await reader().entities(low(account(0)))).toEqual({
      items: [{ entity: account(1), accredited: true, uri: "ipfs://1", accreditedAt: 100 }],
    });
    expect(await reader().entity(account(2))).toEqual({
      entity: account(2),
      accredited: false,
      uri: "ipfs://2",
      accreditedAt: 100,
      revokedAt: 150,
    });
    expect(await reader().entity(account(3))).toBeUndefined();
    expect(calls.map((c) => c.variables)).toEqual([
      { after: low(account(0)), first: DESIGNS_PAGE + 1 },
      { id: low(account(2)) },
      { id: low(account(3)) },
    ]);
  });

  it("a project's licence income: one row per currency", async () => {
    const calls = serve({
      ProjectLicenceIncome: (v) => ({
        projectLicenceIncomes: onePage([
          {
            id: `3-${zeroAddress}`,
            currency: zeroAddress,
            fromOwnDesigns: "90",
            fromDerivatives: "10",
            deposited: "70",
            held: "30",
          },
        ])(v),
      }),
    });
    expect(await reader().projectIncome(3n)).toEqual([
      { projectId: 3n, currency: zeroAddress, fromOwnDesigns: 90n, fromDerivatives: 10n, deposited: 70n, held: 30n },
    ]);
    expect(calls[0].variables).toMatchObject({ projectId: "3", after: "" });
  });
});
