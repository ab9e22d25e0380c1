// The contribution fold on real ContributionLedger logs (encoded with the generated ABI, decoded as the chain reader
// decodes them): each event's effect on the state, and the chain reader's per-project views derived from it.
import { contributionLedgerAbi, COORDINATOR_ROLE, ETH_TOKEN, MEMBER_ROLE } from "@cosmolocal/sdk";
import { getAddress, type Address, type RpcLog } from "viem";
import { describe, expect, it } from "vitest";
import { count, decodeLogs, encodeLog, fakeChain } from "../../shared/data/testing";
import { createChainReader } from "./chain";
import { applyLedgerLog, claimableOf, ledgerFold, type LedgerLog, type LedgerState } from "./fold";

const LEDGER = getAddress("0x00000000000000000000000000000000000000c1");
const TOKEN = getAddress("0x00000000000000000000000000000000000000D1");
const ADA = getAddress("0x000000000000000000000000000000000000A0A0");
const BEA = getAddress("0x000000000000000000000000000000000000B0B0");
const CYRUS = getAddress("0x000000000000000000000000000000000000C0C0");
const FUNDER = getAddress("0x000000000000000000000000000000000000F0F0");
const HASH = `0x${"ab".repeat(32)}` as const;

/** A raw log of `eventName` with `args`, as eth_getLogs returns it. */
const rpcLog = (eventName: string, args: Record<string, unknown>, block: bigint, logIndex = 0): RpcLog =>
  encodeLog(contributionLedgerAbi, eventName, args, { address: LEDGER, block, logIndex });

/** The logs decoded as the chain reader decodes them. */
const decode = (logs: RpcLog[]): LedgerLog[] => decodeLogs(contributionLedgerAbi, logs);

const created = (projectId: bigint, block = 1n) =>
  rpcLog(
    "ProjectCreated",
    {
      projectId,
      creator: ADA,
      name: `Project ${projectId}`,
      metadataURI: "ipfs://about",
      quorum: 2,
      evaluationWindow: 86_400,
      minScore: 5,
    },
    block,
  );
const granted = (projectId: bigint, account: Address, role: number, block: bigint) =>
  rpcLog("ProjectRoleGranted", { projectId, account, role, by: ADA }, block);
const submitted = (contributionId: bigint, projectId: bigint, contributor: Address, block: bigint) =>
  rpcLog(
    "ContributionSubmitted",
    {
      contributionId,
      projectId,
      contributor,
      kindId: 0,
      quantity: 5n,
      evidenceHash: HASH,
      evidenceURI: `ipfs://work-${contributionId}`,
      closesAt: 1_000_000n,
      submitter: contributor,
    },
    block,
  );

function fold(logs: RpcLog[]): LedgerState {
  const state = ledgerFold.initial();
  ledgerFold.apply(state, decode(logs));
  return state;
}

describe("ledgerFold", () => {
  it("ProjectCreated: a project with its policy, ETH as its only income token, nothing else yet", () => {
    const p = fold([created(1n)]).projects.get(1n)!;
    expect(p).toMatchObject({
      id: 1n,
      name: "Project 1",
      metadataURI: "ipfs://about",
      creator: ADA,
      quorum: 2,
      evaluationWindow: 86_400,
      minScore: 5,
      totalPoints: 0n,
      kinds: [],
      tokens: [ETH_TOKEN],
      memberCount: 0,
      contributions: [],
      acceptedCount: 0,
      payments: [],
    });
    expect(p.books.get(ETH_TOKEN)).toEqual({ received: 0n, claimed: 0n });
  });

  it("ProjectUpdated: the new policy applies to contributions submitted afterwards only", () => {
    const s = fold([
      created(1n),
      submitted(1n, 1n, BEA, 2n),
      rpcLog(
        "ProjectUpdated",
        { projectId: 1n, by: ADA, metadataURI: "ipfs://v2", quorum: 3, evaluationWindow: 3_600, minScore: 7 },
        3n,
      ),
      submitted(2n, 1n, BEA, 4n),
    ]);
    expect(s.projects.get(1n)).toMatchObject({
      metadataURI: "ipfs://v2",
      quorum: 3,
      evaluationWindow: 3_600,
      minScore: 7,
    });
    expect([s.contributions.get(1n)!.quorum, s.contributions.get(1n)!.minScore]).toEqual([2, 5]);
    expect([s.contributions.get(2n)!.quorum, s.contributions.get(2n)!.minScore]).toEqual([3, 7]);
  });

  it("KindAdded and KindActivationChanged: kinds with their weights, closed and reopened", () => {
    const s = fold([
      created(1n),
      rpcLog("KindAdded", { projectId: 1n, kindId: 0, name: "Code (hours)", weight: 10 }, 2n),
      rpcLog("KindAdded", { projectId: 1n, kindId: 1, name: "Design (hours)", weight: 8 }, 2n, 1),
      rpcLog("KindActivationChanged", { projectId: 1n, kindId: 1, active: false, by: ADA }, 3n),
    ]);
    expect(s.projects.get(1n)!.kinds).toEqual([
      { id: 0, name: "Code (hours)", weight: 10, active: true },
      { id: 1, name: "Design (hours)", weight: 8, active: false },
    ]);
    applyLedgerLog(
      s,
      decode([rpcLog("KindActivationChanged", { projectId: 1n, kindId: 1, active: true, by: ADA }, 4n)])[0],
    );
    expect(s.projects.get(1n)!.kinds[1].active).toBe(true);
  });

  it("IncomeTokenAdded: the token follows ETH, with empty books", () => {
    const p = fold([
      created(1n),
      rpcLog("IncomeTokenAdded", { projectId: 1n, token: TOKEN, by: ADA }, 2n),
    ]).projects.get(1n)!;
    expect(p.tokens).toEqual([ETH_TOKEN, TOKEN]);
    expect(p.books.get(TOKEN.toLowerCase())).toEqual({ received: 0n, claimed: 0n });
  });

  it("ProjectRoleGranted and ProjectRoleRevoked: role bits per account and the count of member-role holders", () => {
    const s = fold([
      created(1n),
      granted(1n, ADA, MEMBER_ROLE | COORDINATOR_ROLE, 1n),
      granted(1n, BEA, MEMBER_ROLE, 2n),
      granted(1n, CYRUS, MEMBER_ROLE, 2n),
      rpcLog("ProjectRoleRevoked", { projectId: 1n, account: ADA, role: COORDINATOR_ROLE, by: ADA }, 3n),
      rpcLog("ProjectRoleRevoked", { projectId: 1n, account: CYRUS, role: MEMBER_ROLE, by: ADA }, 3n, 1),
    ]);
    const p = s.projects.get(1n)!;
    expect(p.members.get(ADA.toLowerCase())).toEqual({ account: ADA, roles: MEMBER_ROLE, points: 0n });
    expect(p.members.get(BEA.toLowerCase())!.roles).toBe(MEMBER_ROLE);
    expect(p.members.get(CYRUS.toLowerCase())!.roles).toBe(0);
    expect(p.memberCount).toBe(2);
  });

  it("ContributionSubmitted: a pending contribution under the project's policy, listed per contributor", () => {
    const s = fold([created(1n), submitted(7n, 1n, BEA, 2n)]);
    expect(s.contributions.get(7n)).toEqual({
      id: 7n,
      projectId: 1n,
      contributor: BEA,
      submitter: BEA,
      kindId: 0,
      quantity: 5n,
      evidenceHash: HASH,
      evidenceURI: "ipfs://work-7",
      closesAt: 1_000_000,
      quorum: 2,
      minScore: 5,
      status: "Pending",
      evaluations: [],
      medianScoreX2: 0,
      points: 0n,
    });
    const p = s.projects.get(1n)!;
    expect([...p.pending]).toEqual([7n]);
    expect(p.contributions).toEqual([7n]);
    expect(p.byContributor.get(BEA.toLowerCase())).toEqual([7n]);
  });

  it("ContributionEvaluated: evaluations in order", () => {
    const s = fold([
      created(1n),
      submitted(1n, 1n, BEA, 2n),
      rpcLog("ContributionEvaluated", { contributionId: 1n, evaluator: CYRUS, score: 8, commentHash: HASH }, 3n),
      rpcLog("ContributionEvaluated", { contributionId: 1n, evaluator: ADA, score: 6, commentHash: HASH }, 4n),
    ]);
    expect(s.contributions.get(1n)!.evaluations).toEqual([
      { evaluator: CYRUS, score: 8, commentHash: HASH },
      { evaluator: ADA, score: 6, commentHash: HASH },
    ]);
  });

  it("ContributionSettled: the final status, median and points; no longer pending; accepted ones counted", () => {
    const s = fold([
      created(1n),
      submitted(1n, 1n, BEA, 2n),
      submitted(2n, 1n, BEA, 2n),
      submitted(3n, 1n, BEA, 2n),
      rpcLog(
        "ContributionSettled",
        { contributionId: 1n, projectId: 1n, contributor: BEA, status: 2, medianScoreX2: 14, points: 350n },
        3n,
      ),
      rpcLog(
        "ContributionSettled",
        { contributionId: 2n, projectId: 1n, contributor: BEA, status: 3, medianScoreX2: 6, points: 0n },
        3n,
        1,
      ),
    ]);
    expect(s.contributions.get(1n)).toMatchObject({ status: "Accepted", medianScoreX2: 14, points: 350n });
    expect(s.contributions.get(2n)).toMatchObject({ status: "Rejected", medianScoreX2: 6, points: 0n });
    const p = s.projects.get(1n)!;
    expect([...p.pending]).toEqual([3n]);
    expect(p.acceptedCount).toBe(1);
    applyLedgerLog(
      s,
      decode([
        rpcLog(
          "ContributionSettled",
          { contributionId: 3n, projectId: 1n, contributor: BEA, status: 4, medianScoreX2: 0, points: 0n },
          4n,
        ),
      ])[0],
    );
    expect(s.contributions.get(3n)!.status).toBe("Expired");
    expect([...p.pending]).toEqual([]);
    expect(p.acceptedCount).toBe(1);
  });

  it("PointsMinted: the member's points grow and the project's total is the event's", () => {
    const s = fold([
      created(1n),
      rpcLog("PointsMinted", { projectId: 1n, member: BEA, contributionId: 1n, points: 350n, totalPoints: 350n }, 2n),
      rpcLog("PointsMinted", { projectId: 1n, member: BEA, contributionId: 2n, points: 50n, totalPoints: 400n }, 3n),
      rpcLog("PointsMinted", { projectId: 1n, member: CYRUS, contributionId: 3n, points: 100n, totalPoints: 500n }, 4n),
    ]);
    const p = s.projects.get(1n)!;
    expect(p.members.get(BEA.toLowerCase())!.points).toBe(400n);
    expect(p.members.get(CYRUS.toLowerCase())!.points).toBe(100n);
    expect(p.totalPoints).toBe(500n);
  });

  it("IncomeDeposited and IncomeClaimed: totals per token, payments in chain order, claims per account", () => {
    const s = fold([
      created(1n),
      rpcLog("IncomeTokenAdded", { projectId: 1n, token: TOKEN, by: ADA }, 1n, 1),
      rpcLog(
        "IncomeDeposited",
        { projectId: 1n, token: ETH_TOKEN, from: FUNDER, amount: 10n ** 18n, accIncomePerPoint: 1n, totalPoints: 400n },
        2n,
      ),
      rpcLog(
        "IncomeDeposited",
        { projectId: 1n, token: TOKEN, from: FUNDER, amount: 5_000_000n, accIncomePerPoint: 1n, totalPoints: 400n },
        3n,
      ),
      rpcLog("IncomeClaimed", { projectId: 1n, token: ETH_TOKEN, member: BEA, amount: 6n * 10n ** 17n }, 4n),
      rpcLog("IncomeClaimed", { projectId: 1n, token: ETH_TOKEN, member: BEA, amount: 10n ** 17n }, 5n, 2),
    ]);
    const p = s.projects.get(1n)!;
    expect(p.books.get(ETH_TOKEN)).toEqual({ received: 10n ** 18n, claimed: 7n * 10n ** 17n });
    expect(p.books.get(TOKEN.toLowerCase())).toEqual({ received: 5_000_000n, claimed: 0n });
    expect(p.payments.map((x) => [x.flow, x.token, x.account, x.amount, x.blockNumber, x.logIndex])).toEqual([
      ["in", ETH_TOKEN, FUNDER, 10n ** 18n, 2n, 0],
      ["in", TOKEN, FUNDER, 5_000_000n, 3n, 0],
      ["out", ETH_TOKEN, BEA, 6n * 10n ** 17n, 4n, 0],
      ["out", ETH_TOKEN, BEA, 10n ** 17n, 5n, 2],
    ]);
    expect(p.payments[3].txHash).toBe(`0x${(5002).toString(16).padStart(64, "0")}`);
    expect(p.acc).toEqual(
      new Map([
        [ETH_TOKEN, 1n],
        [TOKEN.toLowerCase(), 1n],
      ]),
    );
    expect(p.incomes.get(BEA.toLowerCase())).toEqual(
      new Map([[ETH_TOKEN, { claimed: 7n * 10n ** 17n, debt: 7n * 10n ** 17n }]]),
    );
  });

  it("claimable follows the ledger: new points earn only later income (debt rounded up), claims add to the debt", () => {
    const E = 10n ** 18n;
    const deposit = (amount: bigint, acc: bigint, block: bigint) =>
      rpcLog(
        "IncomeDeposited",
        { projectId: 1n, token: ETH_TOKEN, from: FUNDER, amount, accIncomePerPoint: acc, totalPoints: 0n },
        block,
      );
    const minted = (member: Address, points: bigint, totalPoints: bigint, block: bigint) =>
      rpcLog("PointsMinted", { projectId: 1n, member, contributionId: block, points, totalPoints }, block);
    const DARA = getAddress("0x000000000000000000000000000000000000d0d0");
    const s = fold([
      created(1n),
      minted(BEA, 300n, 300n, 2n),
      deposit(3n * E, 10n ** 34n, 3n),
      minted(CYRUS, 100n, 400n, 4n),
    ]);
    const p = s.projects.get(1n)!;
    // Bea's 300 points earned all 3 ETH; Cyrus's 100 points came after it: his debt is 100 × 1e34 / 1e18 = 1 ETH.
    expect(p.incomes.get(CYRUS.toLowerCase())!.get(ETH_TOKEN)).toEqual({ claimed: 0n, debt: E });
    expect([claimableOf(p, BEA, ETH_TOKEN), claimableOf(p, CYRUS, ETH_TOKEN)]).toEqual([3n * E, 0n]);

    ledgerFold.apply(s, decode([deposit(4n * E, 2n * 10n ** 34n + 1n, 5n), minted(DARA, 7n, 407n, 6n)]));
    expect([claimableOf(p, BEA, ETH_TOKEN), claimableOf(p, CYRUS, ETH_TOKEN), claimableOf(p, DARA, ETH_TOKEN)]).toEqual(
      [6n * E, E, 0n],
    );
    // ceil(7 × (2e34 + 1) / 1e18) = 1.4e17 + 1: rounded against the member.
    expect(p.incomes.get(DARA.toLowerCase())!.get(ETH_TOKEN)!.debt).toBe(14n * 10n ** 16n + 1n);

    ledgerFold.apply(
      s,
      decode([rpcLog("IncomeClaimed", { projectId: 1n, token: ETH_TOKEN, member: BEA, amount: 6n * E }, 7n)]),
    );
    expect(p.incomes.get(BEA.toLowerCase())!.get(ETH_TOKEN)).toEqual({ claimed: 6n * E, debt: 6n * E });
    expect(claimableOf(p, BEA, ETH_TOKEN)).toBe(0n);
    // A token nobody paid in yet owes nothing.
    expect(claimableOf(p, BEA, TOKEN)).toBe(0n);
  });

  it("ignores events of unknown projects and contributions, and NoncesCancelled", () => {
    const s = fold([
      created(1n),
      submitted(1n, 9n, BEA, 2n),
      rpcLog("ContributionEvaluated", { contributionId: 5n, evaluator: CYRUS, score: 8, commentHash: HASH }, 3n),
      rpcLog("PointsMinted", { projectId: 9n, member: BEA, contributionId: 1n, points: 1n, totalPoints: 1n }, 3n, 1),
      rpcLog("NoncesCancelled", { projectId: 1n, contributor: BEA, fromNonce: 0n, nextNonce: 3n }, 4n),
    ]);
    expect([...s.projects.keys()]).toEqual([1n]);
    expect(s.contributions.size).toBe(0);
    expect(s.projects.get(1n)!.members.size).toBe(0);
  });

  it("keeps a structured-cloneable state", () => {
    const s = fold([created(1n), granted(1n, ADA, 3, 1n), submitted(1n, 1n, ADA, 2n)]);
    expect(structuredClone(s)).toEqual(s);
  });
});

/** A client serving `logs` up to block `head` (and the token's symbol and decimals). */
const fakeClient = (logs: RpcLog[], head: bigint) => fakeChain({ head, logs, views: { symbol: "dEUR", decimals: 6 } });

describe("the chain reader", () => {
  const logs = [
    created(1n, 10n),
    granted(1n, ADA, 3, 10n),
    rpcLog("IncomeTokenAdded", { projectId: 1n, token: TOKEN, by: ADA }, 10n, 2),
    granted(1n, BEA, MEMBER_ROLE, 11n),
    granted(1n, CYRUS, MEMBER_ROLE, 11n),
    created(2n, 12n),
    submitted(1n, 1n, BEA, 13n),
    submitted(2n, 1n, CYRUS, 13n),
    submitted(3n, 1n, BEA, 14n),
    rpcLog(
      "ContributionSettled",
      { contributionId: 1n, projectId: 1n, contributor: BEA, status: 2, medianScoreX2: 14, points: 350n },
      15n,
    ),
    rpcLog("PointsMinted", { projectId: 1n, member: BEA, contributionId: 1n, points: 350n, totalPoints: 350n }, 15n, 1),
    rpcLog(
      "IncomeDeposited",
      // 14 dEUR over 350 points: acc = 14e6 × 1e18 / 350 = 4e22.
      {
        projectId: 1n,
        token: TOKEN,
        from: FUNDER,
        amount: 14_000_000n,
        accIncomePerPoint: 4n * 10n ** 22n,
        totalPoints: 350n,
      },
      16n,
    ),
    rpcLog("IncomeClaimed", { projectId: 1n, token: TOKEN, member: BEA, amount: 7_000_000n }, 17n),
  ];

  it("derives each view per project from the folded events, with no view call but the token's symbol and decimals", async () => {
    const { client, chain } = fakeClient(logs, 20n);
    const reader = createChainReader(client, LEDGER, 10n);

    const list = await reader.projects(1);
    expect(list.more).toBe(true);
    expect(list.items).toEqual([
      {
        id: 1n,
        name: "Project 1",
        totalPoints: 350n,
        memberCount: 3,
        pendingCount: 2,
        acceptedCount: 1,
        income: [
          { token: { address: ETH_TOKEN, symbol: "ETH", decimals: 18 }, received: 0n, claimed: 0n },
          { token: { address: TOKEN, symbol: "dEUR", decimals: 6 }, received: 14_000_000n, claimed: 7_000_000n },
        ],
      },
    ]);
    expect(await reader.project(1n)).toMatchObject({ contributionCount: 3, paymentCount: 2, quorum: 2, minScore: 5 });
    expect(await reader.project(3n)).toBeUndefined();
    expect(await reader.me(1n, BEA)).toEqual({
      account: BEA,
      roles: MEMBER_ROLE,
      points: 350n,
      income: {
        [ETH_TOKEN]: { claimed: 0n, claimable: 0n },
        [TOKEN.toLowerCase()]: { claimed: 7_000_000n, claimable: 7_000_000n },
      },
    });
    expect(await reader.me(1n, FUNDER)).toEqual({
      account: FUNDER,
      roles: 0,
      points: 0n,
      income: { [ETH_TOKEN]: { claimed: 0n, claimable: 0n }, [TOKEN.toLowerCase()]: { claimed: 0n, claimable: 0n } },
    });

    const members = await reader.members(1n, 2);
    expect(members.items.map((m) => [m.account, m.points])).toEqual([
      [BEA, 350n],
      [ADA, 0n],
    ]);
    expect(members.more).toBe(true);

    const newest = await reader.contributions(1n, 2);
    expect(newest.items.map((c) => c.id)).toEqual([3n, 2n]);
    expect(newest.more).toBe(true);
    expect((await reader.contributions(1n, 5, BEA)).items.map((c) => c.id)).toEqual([3n, 1n]);
    expect((await reader.pending(1n)).map((c) => c.id)).toEqual([2n, 3n]);

    const payments = await reader.payments(1n, 1);
    expect(payments.more).toBe(true);
    expect(payments.items).toEqual([
      {
        flow: "out",
        token: { address: TOKEN, symbol: "dEUR", decimals: 6 },
        account: BEA,
        amount: 7_000_000n,
        blockNumber: 17n,
        txHash: `0x${(17000).toString(16).padStart(64, "0")}`,
      },
    ]);
    // Blocks 10..20 read once (one chunk), the token's symbol and decimals once.
    expect({ getLogs: count(chain.calls, "eth_getLogs"), readContract: count(chain.calls, "eth_call") }).toEqual({
      getLogs: 1,
      readContract: 2,
    });
  });

  it("reads only the new blocks on a refresh, and a view's copy does not change under later events", async () => {
    const { client, chain } = fakeClient(logs, 14n);
    const reader = createChainReader(client, LEDGER, 10n);
    const before = await reader.pending(1n);
    expect(before.map((c) => [c.id, c.status])).toEqual([
      [1n, "Pending"],
      [2n, "Pending"],
      [3n, "Pending"],
    ]);
    chain.head = 20n;
    expect((await reader.pending(1n)).map((c) => c.id)).toEqual([2n, 3n]);
    expect(before[0].status).toBe("Pending");
    expect(count(chain.calls, "eth_getLogs")).toBe(2);
    // No new block: nothing is read.
    await reader.project(1n);
    expect(count(chain.calls, "eth_getLogs")).toBe(2);
  });
});
