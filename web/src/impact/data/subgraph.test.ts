// The impact subgraph reader against a stubbed graph-node: what each screen asks for (one query for a certificate,
// the claims list paged newest first by a claim id cursor with its filters), and the views it builds from the answers
// (claims as the chain reader gives them, a round's chart points worked back from its totals).
import type { PublicClient } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "../../shared/data/testing";
import { IMPACT_CERTIFICATE_QUERY, IMPACT_CLAIMS_QUERY, IMPACT_TOTALS_QUERY } from "./queries";
import { claimCoreOf, createImpactSubgraphReader, roundPoints } from "./subgraph";

const URL = "http://graph.test/subgraphs/name/cosmolocal/commons";
const ALICE = "0x00000000000000000000000000000000000000a1" as const;
const ZERO = "0x0000000000000000000000000000000000000000" as const;
const client = {
  getBlock: async () => ({ number: 100n, timestamp: 1_750_000_000n }),
} as unknown as PublicClient;

function rawClaim(id: number, status = "Verified") {
  return {
    id: String(id),
    claimId: String(id),
    claimant: ALICE,
    methodologyId: 1,
    status,
    threshold: 2,
    approvals: status === "Submitted" ? 1 : 2,
    rejections: 0,
    startDay: 20_000,
    endDay: 20_010,
    jurisdiction: "NL-ZH",
    claimedUnits: "40000",
    verifiedUnits: "35000",
    mintedUnits: status === "Submitted" ? "0" : "35000",
    retiredUnits: "0",
    revokedUnits: "0",
    frozenUnits: "0",
  };
}

/** Stubs fetch with `answer(query, variables)`; returns the requests made. */
const stub = (answer: (query: string, variables: Record<string, unknown>) => unknown) =>
  stubGraphql((_op, variables, query) => answer(query, variables));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("impact subgraph reader", () => {
  it("reads one certificate with one query (no market-wide read)", async () => {
    const calls = stub(() => ({
      certificate: {
        id: "3",
        certificateId: "3",
        owner: ALICE,
        holder: ALICE,
        units: "1500",
        beneficiary: "Harbour Festival",
        message: "travel",
        retiredAt: "1750000000",
        flagged: true,
        blockNumber: "42",
        transactionHash: `0x${"ab".repeat(32)}`,
        round: null,
        claim: { ...rawClaim(1, "Revoked"), revokedUnits: "5000", methodology: { name: "Heat pumps" } },
      },
    }));
    const c = await createImpactSubgraphReader(URL, client).certificate(3n);
    expect(calls.map((x) => x.query)).toEqual([IMPACT_CERTIFICATE_QUERY]);
    expect(calls[0].variables).toEqual({ id: "3" });
    expect(c).toMatchObject({
      id: 3n,
      claimId: 1n,
      units: 1_500n,
      retiredAt: 1_750_000_000,
      flagged: true,
      methodology: "Heat pumps",
      block: 42n,
      claim: { status: 4, revokedUnits: 5_000n, verifiedUnits: 35_000n, jurisdictionCode: "NL-ZH" },
    });
  });

  it("pages the claims list newest first by a claim id cursor, with the filters in `where`", async () => {
    const calls = stub((query, variables) => {
      if (query === IMPACT_TOTALS_QUERY)
        return {
          impactRegistries: [
            {
              id: ZERO,
              claimCount: 2000,
              claimedUnits: "9",
              verifiedUnits: "8",
              retiredUnits: "7",
              revokedUnits: "6",
            },
          ],
        };
      const where = variables.where as { claimId_lt?: string };
      const top = where.claimId_lt ? Number(where.claimId_lt) - 1 : 2000;
      const first = variables.first as number;
      return { claims: Array.from({ length: first }, (_, i) => rawClaim(top - i)) };
    });
    const page = await createImpactSubgraphReader(URL, client).claims(
      { status: 2, place: "nl", claimant: "0x00000000000000000000000000000000000000A1" },
      1500,
    );
    const lists = calls.filter((c) => c.query === IMPACT_CLAIMS_QUERY);
    expect(lists.map((c) => c.variables)).toEqual([
      { first: 1000, where: { status: "Verified", claimant: ALICE, jurisdictionCountry: "NL" } },
      { first: 501, where: { status: "Verified", claimant: ALICE, jurisdictionCountry: "NL", claimId_lt: "1001" } },
    ]);
    expect(page.claims).toHaveLength(1500);
    expect(page.claims[0].id).toBe(2000n);
    expect(page.claims[1499].id).toBe(501n);
    expect(page.more).toBe(true);
    expect(page.totals).toEqual({ count: 2000, claimed: 9n, verified: 8n, retired: 7n, revoked: 6n });
  });

  it("claims read as the chain reader's: verified = minted (0 before verification), the lowest approval apart", () => {
    expect(claimCoreOf(rawClaim(5, "Submitted"))).toMatchObject({
      id: 5n,
      status: 1,
      verifiedUnits: 0n,
      attestedMin: 35_000n,
      claimant: "0x00000000000000000000000000000000000000A1",
    });
    expect(claimCoreOf(rawClaim(5))).toMatchObject({ status: 2, verifiedUnits: 35_000n, attestedMin: 35_000n });
  });

  it("a round's chart points: created, fundings and matches in block order, the spend worked back from the total", () => {
    const points = roundPoints({
      id: "1",
      roundId: "1",
      owner: ALICE,
      name: "City fund",
      currency: ZERO,
      matchBps: 5000,
      endTime: "1800000000",
      maxPricePerUnit: "1",
      capPerClaim: "1",
      capPerBuyer: "1",
      methodologyMask: "2",
      allowListOnly: false,
      acceptsRevokedClaims: false,
      deposited: "1000",
      remaining: "0",
      spent: "300",
      reclaimed: "700",
      matchedUnits: "30",
      createdAt: "100",
      createdAtBlock: "10",
      reclaimedAt: "400",
      reclaimedAtBlock: "40",
      claimEligibilities: [],
      fundings: [{ id: "f", amount: "1000", remaining: "1000", initial: true, blockNumber: "10", timestamp: "100" }],
      purchases: [
        {
          id: "p2",
          matchedUnits: "20",
          matchedCost: "200",
          roundRemaining: "700",
          blockNumber: "30",
          timestamp: "300",
        },
        {
          id: "p1",
          matchedUnits: "10",
          matchedCost: "100",
          roundRemaining: "900",
          blockNumber: "20",
          timestamp: "200",
        },
      ],
    });
    expect(points.map((p) => [p.kind, p.block, p.amount, p.remaining, p.spent])).toEqual([
      ["created", 10n, 0n, 0n, 0n],
      ["funded", 10n, 1000n, 1000n, 0n],
      ["matched", 20n, 100n, 900n, 100n],
      ["matched", 30n, 200n, 700n, 300n],
      ["reclaimed", 40n, 700n, 0n, 300n],
    ]);
  });
});
