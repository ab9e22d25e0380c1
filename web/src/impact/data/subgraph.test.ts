// The impact subgraph reader against a stubbed graph-node: what each screen asks for (one query for a certificate,
// the claims list paged newest first by a claim id cursor with its filters), and the views it builds from the answers
// (claims as the chain reader gives them, a round's chart points worked back from its totals).
import type { PublicClient } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "../../shared/data/testing";
import { ABOVE_EVERY_ID } from "../../shared/data/pages";
import {
  IMPACT_CERTIFICATE_QUERY,
  IMPACT_CERTIFICATES_QUERY,
  IMPACT_CLAIMS_OF_QUERY,
  IMPACT_CLAIMS_QUERY,
  IMPACT_TOTALS_QUERY,
} from "./queries";
import { claimCoreOf, createImpactSubgraphReader, roundPoints } from "./subgraph";
import { IMPACT_PAGE } from "./types";

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

  it("pages a claimant's claims, the rounds and the certificates newest first, by their id cursors", async () => {
    const ids = Array.from({ length: IMPACT_PAGE + 5 }, (_, i) => IMPACT_PAGE + 5 - i); // newest first
    const below = (v: Record<string, unknown>, key: string) =>
      ids.filter((id) => BigInt(id) < BigInt(v[key] as string));
    const calls = stub((query, v) => {
      const first = v.first as number;
      if (query === IMPACT_CLAIMS_OF_QUERY)
        return {
          claims: below(v, "before")
            .slice(0, first)
            .map((id) => ({ ...rawClaim(id), listing: null })),
        };
      if (query === IMPACT_CERTIFICATES_QUERY)
        return {
          certificates: below(v, "before")
            .slice(0, first)
            .map((id) => ({
              id: String(id),
              certificateId: String(id),
              owner: ALICE,
              holder: ALICE,
              units: "1",
              beneficiary: "School",
              message: "",
              retiredAt: "1750000000",
              flagged: false,
              blockNumber: "1",
              transactionHash: `0x${"0".repeat(64)}`,
              round: null,
              claim: { claimId: "1" },
            })),
        };
      return { matchingRounds: [] };
    });
    const reader = createImpactSubgraphReader(URL, client);

    const first = await reader.claimsOf(ALICE);
    expect(first.items.map((c) => Number(c.id))).toEqual(ids.slice(0, IMPACT_PAGE));
    expect(first.next).toBe(String(ids[IMPACT_PAGE - 1]));
    const last = await reader.claimsOf(ALICE, first.next);
    expect(last.items.map((c) => Number(c.id))).toEqual(ids.slice(IMPACT_PAGE));
    expect(last.next).toBeUndefined();
    expect(calls.map((c) => c.variables)).toEqual([
      { claimant: ALICE, before: ABOVE_EVERY_ID, first: IMPACT_PAGE + 1 },
      { claimant: ALICE, before: first.next, first: IMPACT_PAGE + 1 },
    ]);

    const certs = await reader.certificates(ALICE, "3");
    expect(certs).toMatchObject({ items: [{ id: 2n, claimId: 1n }, { id: 1n }], next: undefined });
    expect(calls.at(-1)!.variables).toEqual({ owner: ALICE, before: "3", first: IMPACT_PAGE + 1 });

    // My rounds, and the others: the owner filter and the cursor in `where`.
    await reader.rounds({ owner: "0x00000000000000000000000000000000000000A1" });
    await reader.rounds({ notOwner: ALICE }, "7");
    expect(calls.slice(-2).map((c) => c.variables)).toEqual([
      { where: { roundId_lt: ABOVE_EVERY_ID, owner: ALICE }, first: IMPACT_PAGE + 1 },
      { where: { roundId_lt: "7", owner_not: ALICE }, first: IMPACT_PAGE + 1 },
    ]);
  });

  it("pages the market for sale: claims without a revocation newest first, then those with one, the filters in `where`", async () => {
    const listing = (id: number, revoked: boolean) => ({
      id: String(id),
      seller: ALICE,
      currency: ZERO,
      pricePerUnit: "5",
      remaining: "100",
      version: 1,
      proceeds: "0",
      unitsSold: "0",
      // Claim 30 has no units its claimant can sell: read, but not shown for sale.
      claim: { ...rawClaim(id), revokedUnits: revoked ? "1000" : "0", sellableUnits: id === 30 ? "0" : "100" },
    });
    const sound = Array.from({ length: 18 }, (_, i) => 30 - i); // 30..13
    const revoked = Array.from({ length: 12 }, (_, i) => 12 - i); // 12..1
    const calls = stub((_query, v) => {
      const where = v.where as { claim_: { revokedUnits?: string; claimId_lt: string } };
      const ids = where.claim_.revokedUnits === "0" ? sound : revoked;
      return {
        listings: ids
          .filter((id) => BigInt(id) < BigInt(where.claim_.claimId_lt))
          .slice(0, v.first as number)
          .map((id) => listing(id, ids === revoked)),
      };
    });
    const reader = createImpactSubgraphReader(URL, client);
    const first = await reader.market({ methodologyId: 1, place: "nl" });
    expect(first.items.map((c) => Number(c.id))).toEqual([...sound.slice(1), 12, 11]);
    expect(first.next).toBe("revoked:11");
    const claim = { status_in: ["Verified", "Revoked"], methodologyId: 1, jurisdictionCountry: "NL" };
    expect(calls.map((c) => c.variables)).toEqual([
      { where: { remaining_gt: "0", claim_: { ...claim, revokedUnits: "0", claimId_lt: ABOVE_EVERY_ID } }, first: 21 },
      {
        where: { remaining_gt: "0", claim_: { ...claim, revokedUnits_gt: "0", claimId_lt: ABOVE_EVERY_ID } },
        first: 3,
      },
    ]);
    const last = await reader.market({ methodologyId: 1, place: "nl" }, first.next);
    expect(last.items.map((c) => Number(c.id))).toEqual(revoked.slice(2));
    expect(last.next).toBeUndefined();
    expect(calls.at(-1)!.variables).toEqual({
      where: { remaining_gt: "0", claim_: { ...claim, revokedUnits_gt: "0", claimId_lt: "11" } },
      first: 21,
    });
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
