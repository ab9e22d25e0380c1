// The contribution subgraph reader against a stand-in GraphQL endpoint answering as graph-node does: the mapping
// onto the screens' types, and the paging (contribution id cursor newest first, id cursors, one row more for "more").
import { ETH_TOKEN, MEMBER_ROLE } from "@cosmolocal/sdk";
import { getAddress, type PublicClient } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubGraphql } from "../../shared/data/testing";
import { createSubgraphReader } from "./subgraph";

const URL = "http://subgraph.test/graphql";
const TOKEN = getAddress("0x00000000000000000000000000000000000000d1");
const BEA = getAddress("0x000000000000000000000000000000000000b0b0");
const FUNDER = getAddress("0x000000000000000000000000000000000000f0f0");
const client = {
  readContract: async ({ functionName }: { functionName: string }) => (functionName === "symbol" ? "dEUR" : 6),
} as unknown as PublicClient;

type Vars = Record<string, string | number>;
/** Answers each operation by name; records the variables of every request. */
const serve = (answers: Record<string, (v: Vars) => unknown>) => stubGraphql((op, v) => answers[op](v as Vars));

afterEach(() => vi.unstubAllGlobals());

const contribution = (id: number, status = "Pending") => ({
  id: String(id),
  contributionId: String(id),
  contributorAccount: BEA.toLowerCase(),
  submitter: BEA.toLowerCase(),
  kind: { kindId: 0 },
  quantity: "5",
  evidenceHash: `0x${"ab".repeat(32)}`,
  evidenceURI: `ipfs://work-${id}`,
  closesAt: "1000000",
  quorum: 2,
  minScore: 5,
  status,
  medianScoreX2: status === "Accepted" ? 14 : null,
  points: status === "Accepted" ? "350" : "0",
  evaluations: [{ evaluatorAccount: FUNDER.toLowerCase(), score: 7, commentHash: `0x${"00".repeat(32)}` }],
});

describe("the contribution subgraph reader", () => {
  it("maps a project: income in the contract's token order (zeros where no total exists yet), payments counted", async () => {
    serve({
      ContributionProject: () => ({
        project: {
          projectId: "1",
          name: "Open Hardware Lab",
          metadataURI: "ipfs://about",
          creator: BEA.toLowerCase(),
          quorum: 2,
          evaluationWindow: "86400",
          minScore: 5,
          totalPoints: "350",
          memberCount: 4,
          pendingCount: 1,
          acceptedCount: 2,
          contributionCount: 3,
          depositCount: 2,
          claimCount: 1,
          kinds: [
            { kindId: 1, name: "Design (hours)", weight: "8", active: false },
            { kindId: 0, name: "Code (hours)", weight: "10", active: true },
          ],
          incomeTokens: [ETH_TOKEN, TOKEN.toLowerCase()],
          incomeTotals: [{ token: TOKEN.toLowerCase(), received: "7000000", claimed: "1000000" }],
        },
      }),
    });
    const reader = createSubgraphReader(URL, client);
    expect(await reader.project(1n)).toEqual({
      id: 1n,
      name: "Open Hardware Lab",
      metadataURI: "ipfs://about",
      creator: BEA,
      quorum: 2,
      evaluationWindow: 86_400,
      minScore: 5,
      totalPoints: 350n,
      memberCount: 4,
      pendingCount: 1,
      acceptedCount: 2,
      contributionCount: 3,
      paymentCount: 3,
      kinds: [
        { id: 0, name: "Code (hours)", weight: 10, active: true },
        { id: 1, name: "Design (hours)", weight: 8, active: false },
      ],
      income: [
        { token: { address: ETH_TOKEN, symbol: "ETH", decimals: 18 }, received: 0n, claimed: 0n },
        { token: { address: TOKEN, symbol: "dEUR", decimals: 6 }, received: 7_000_000n, claimed: 1_000_000n },
      ],
    });
  });

  it("pages the newest contributions by a contribution id cursor, 1,000 at a time, and tells whether there are more", async () => {
    const all = Array.from({ length: 2_000 }, (_, i) => contribution(2_000 - i)); // newest first
    const calls = serve({
      ContributionContributions: (v) => ({
        contributions: all.filter((c) => BigInt(c.contributionId) < BigInt(v.before)).slice(0, Number(v.first)),
      }),
    });
    const page = await createSubgraphReader(URL, client).contributions(1n, 1_500);
    expect(page.items).toHaveLength(1_500);
    expect(page.items[0].id).toBe(2_000n);
    expect(page.items[1_499].id).toBe(501n);
    expect(page.more).toBe(true);
    expect(calls.map((c) => [c.variables.first, c.variables.before])).toEqual([
      [1_000, (2n ** 256n).toString()],
      [501, "1001"],
    ]);
    expect(page.items[0]).toMatchObject({
      projectId: 1n,
      contributor: BEA,
      status: "Pending",
      closesAt: 1_000_000,
      evaluations: [{ evaluator: FUNDER, score: 7 }],
    });

    const few = await createSubgraphReader(URL, client).contributions(1n, 5_000);
    expect([few.items.length, few.more]).toEqual([2_000, false]);
  });

  it("asks for one contributor's contributions only", async () => {
    const calls = serve({ ContributionContributionsBy: () => ({ contributions: [contribution(3, "Accepted")] }) });
    const page = await createSubgraphReader(URL, client).contributions(1n, 20, BEA);
    expect(page).toMatchObject({
      more: false,
      items: [{ id: 3n, status: "Accepted", medianScoreX2: 14, points: 350n }],
    });
    expect(calls[0].variables).toMatchObject({ project: "1", account: BEA.toLowerCase(), first: 21 });
  });

  it("reads every pending contribution by id pages, oldest first", async () => {
    const rows = [contribution(10), contribution(9), contribution(100)].sort((a, b) => (a.id < b.id ? -1 : 1));
    const calls = serve({
      ContributionPending: (v) => ({
        contributions: rows.filter((c) => c.id > String(v.after)).slice(0, Number(v.first)),
      }),
    });
    expect((await createSubgraphReader(URL, client).pending(1n)).map((c) => c.id)).toEqual([9n, 10n, 100n]);
    expect(calls[0].variables).toMatchObject({ project: "1", after: "", first: 1_000 });
  });

  it("me: roles, points, and per income token what it claimed and what it can claim (points × acc / 1e18 − debt)", async () => {
    const calls = serve({
      ContributionMember: () => ({
        member: {
          account: BEA.toLowerCase(),
          roles: MEMBER_ROLE,
          points: "350",
          incomes: [{ token: TOKEN.toLowerCase(), claimed: "7000000", debt: "7000001" }],
        },
        project: {
          incomeTokens: [ETH_TOKEN, TOKEN.toLowerCase()],
          incomeTotals: [
            { token: ETH_TOKEN, accIncomePerPoint: "0" },
            { token: TOKEN.toLowerCase(), accIncomePerPoint: (4n * 10n ** 22n).toString() },
          ],
        },
      }),
    });
    expect(await createSubgraphReader(URL, client).me(1n, BEA)).toEqual({
      account: BEA,
      roles: MEMBER_ROLE,
      points: 350n,
      income: {
        [ETH_TOKEN]: { claimed: 0n, claimable: 0n },
        [TOKEN.toLowerCase()]: { claimed: 7_000_000n, claimable: 6_999_999n },
      },
    });
    expect(calls.map(({ op, variables }) => ({ op, variables }))).toEqual([
      { op: "ContributionMember", variables: { id: `1-${BEA.toLowerCase()}`, project: "1" } },
    ]);

    serve({ ContributionMember: () => ({ member: null, project: { incomeTokens: [ETH_TOKEN], incomeTotals: [] } }) });
    expect(await createSubgraphReader(URL, client).me(1n, FUNDER)).toEqual({
      account: FUNDER,
      roles: 0,
      points: 0n,
      income: { [ETH_TOKEN]: { claimed: 0n, claimable: 0n } },
    });
  });

  it("members: the most points first, without accounts holding neither a role nor points", async () => {
    serve({
      ContributionMembers: () => ({
        members: [
          { account: BEA.toLowerCase(), roles: 1, points: "350" },
          { account: FUNDER.toLowerCase(), roles: 0, points: "0" },
        ],
      }),
    });
    expect(await createSubgraphReader(URL, client).members(1n, 10)).toEqual({
      items: [{ account: BEA, roles: 1, points: 350n }],
      more: false,
    });
  });

  it("payments: the newest in and out together, newest first", async () => {
    const at = (block: number) => ({
      blockNumber: String(block),
      transactionHash: `0x${String(block).padStart(64, "0")}`,
    });
    serve({
      ContributionPayments: () => ({
        incomeDeposits: [
          { token: ETH_TOKEN, from: FUNDER.toLowerCase(), amount: "10", ...at(30) },
          { token: TOKEN.toLowerCase(), from: FUNDER.toLowerCase(), amount: "20", ...at(10) },
        ],
        incomeClaims: [{ token: ETH_TOKEN, account: BEA.toLowerCase(), amount: "4", ...at(20) }],
      }),
    });
    const page = await createSubgraphReader(URL, client).payments(1n, 2);
    expect(page.more).toBe(true);
    expect(page.items.map((p) => [p.flow, p.account, p.amount, p.blockNumber, p.token.symbol])).toEqual([
      ["in", FUNDER, 10n, 30n, "ETH"],
      ["out", BEA, 4n, 20n, "ETH"],
    ]);
  });

  it("lists projects by a project id cursor", async () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      projectId: String(i + 1),
      name: `P${i + 1}`,
      totalPoints: "0",
      memberCount: 1,
      pendingCount: 0,
      acceptedCount: 0,
      incomeTokens: [ETH_TOKEN],
      incomeTotals: [{ token: ETH_TOKEN, received: "5", claimed: "0" }],
    }));
    const calls = serve({
      ContributionProjects: (v) => ({
        projects: rows.filter((p) => BigInt(p.projectId) > BigInt(v.after)).slice(0, Number(v.first)),
      }),
    });
    const page = await createSubgraphReader(URL, client).projects(2);
    expect(page.more).toBe(true);
    expect(page.items.map((p) => [p.id, p.name, p.income[0].received])).toEqual([
      [1n, "P1", 5n],
      [2n, "P2", 5n],
    ]);
    expect(calls[0].variables).toEqual({ first: 3, after: "0" });
  });
});
