// The sponsorship subgraph reader against a stand-in graph-node: the mapping onto the screen's views, and the paging
// (member cursors within a period, event-id cursors newest first, one row more than a page to tell whether more follow).
import { getAddress } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eventLogId, hash32, stubGraphql } from "../../shared/data/testing";
import { createSponsorshipSubgraphReader } from "./subgraph";
import { SPONSORSHIP_PAGE } from "./types";

const URL = "http://subgraph.test/graphql";
const PAYMASTER = getAddress("0x0000000000000000000000000000000000000fee");
const TIMELOCK = getAddress("0x00000000000000000000000000000000000071e1");
const COORDINATOR = getAddress("0x00000000000000000000000000000000000000c0");
const account = (i: number) => getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`);
const reader = () => createSponsorshipSubgraphReader(URL, PAYMASTER);

type Vars = Record<string, string | number>;
/** Answers each operation by name; records the variables of every request. */
const serve = (answers: Record<string, (v: Vars) => unknown>) => stubGraphql((op, v) => answers[op](v as Vars));

afterEach(() => vi.unstubAllGlobals());

describe("the sponsorship subgraph reader", () => {
  it("info: the paymaster's settings and totals, the pending owner only when there is one", async () => {
    const row = {
      owner: TIMELOCK.toLowerCase(),
      pendingOwner: null as string | null,
      defaultBudget: "10000000000000000",
      coordinatorBudgetCap: "50000000000000000",
      sponsoredCount: 3,
      totalSpent: "123456",
      ownBudgetCount: 2,
      allowedTargetCount: 5,
    };
    const calls = serve({ PaymasterInfo: () => ({ paymaster: row }) });
    expect(await reader().info()).toEqual({
      owner: TIMELOCK,
      defaultBudget: 10n ** 16n,
      coordinatorBudgetCap: 5n * 10n ** 16n,
      sponsoredCount: 3,
      totalSpent: 123_456n,
      ownBudgetCount: 2,
      allowedTargetCount: 5,
    });
    expect(calls[0].variables).toEqual({ paymaster: PAYMASTER.toLowerCase() });

    row.pendingOwner = COORDINATOR.toLowerCase();
    expect((await reader().info()).pendingOwner).toBe(COORDINATOR);

    serve({ PaymasterInfo: () => ({ paymaster: null }) });
    await expect(reader().info()).rejects.toThrow(/no paymaster/);
  });

  it("periods: one bounded request for the span, mapped oldest first", async () => {
    const calls = serve({
      GasPeriods: () => ({ gasPeriods: [{ period: "3", spent: "70", count: 2, memberCount: 1 }] }),
    });
    expect(await reader().periods(0, 11)).toEqual([{ period: 3, spent: 70n, count: 2, members: 1 }]);
    expect(calls[0].variables).toEqual({ from: "0", to: "11", first: 12 });
    await expect(reader().periods(0, 1_000)).rejects.toThrow(/At most 1000 periods/);
  });

  it("spending of a period: pages by member, the cursor the member's address", async () => {
    const rows = Array.from({ length: SPONSORSHIP_PAGE + 2 }, (_, i) => ({
      id: `7-${account(i).toLowerCase()}`,
      member: account(i).toLowerCase(),
      period: "7",
      spent: String(1_000 + i),
      count: 1,
    }));
    const calls = serve({
      GasSpending: (v) => ({ gasSpendings: rows.filter((r) => r.id > String(v.after)).slice(0, Number(v.first)) }),
    });
    const first = await reader().spendingPage(7);
    expect(first.items).toHaveLength(SPONSORSHIP_PAGE);
    expect(first.items[0]).toEqual({ member: account(0), period: 7, spent: 1_000n, count: 1 });
    expect(first.next).toBe(account(SPONSORSHIP_PAGE - 1).toLowerCase());
    const last = await reader().spendingPage(7, first.next);
    expect(last.items.map((s) => s.member)).toEqual([account(SPONSORSHIP_PAGE), account(SPONSORSHIP_PAGE + 1)]);
    expect(last.next).toBeUndefined();
    expect(calls.map((c) => c.variables)).toEqual([
      { period: "7", after: "", first: SPONSORSHIP_PAGE + 1 },
      { period: "7", after: `7-${first.next}`, first: SPONSORSHIP_PAGE + 1 },
    ]);
  });

  it("sponsorships: newest first by event id, the first page before every id", async () => {
    const rows = Array.from({ length: SPONSORSHIP_PAGE + 1 }, (_, i) => ({
      id: eventLogId(100 - Math.floor(i / 2), i % 2 === 0 ? 1 : 0), // two to a block, the later log first
      member: account(i % 3).toLowerCase(),
      period: "2",
      cost: String(10 + i),
      blockNumber: String(100 - Math.floor(i / 2)),
      transactionHash: hash32(1_000 + i),
    }));
    const calls = serve({
      GasSponsorships: (v) => ({
        gasSponsorships: rows.filter((r) => r.id < String(v.before)).slice(0, Number(v.first)),
      }),
    });
    const first = await reader().sponsorships();
    expect(calls[0].variables).toEqual({ before: `0x${"ff".repeat(12)}`, first: SPONSORSHIP_PAGE + 1 });
    expect(first.items[0]).toEqual({
      id: eventLogId(100, 1),
      member: account(0),
      period: 2,
      cost: 10n,
      blockNumber: 100n,
      txHash: hash32(1_000),
    });
    expect(first.next).toBe(rows[SPONSORSHIP_PAGE - 1].id);
    const last = await reader().sponsorships(first.next);
    expect(last.items.map((s) => s.cost)).toEqual([BigInt(10 + SPONSORSHIP_PAGE)]);
    expect(last.next).toBeUndefined();
  });

  it("own budgets and call targets: pages by address, mapped", async () => {
    const calls = serve({
      GasBudgets: () => ({
        gasBudgets: [
          {
            id: account(1).toLowerCase(),
            member: account(1).toLowerCase(),
            amount: "0",
            setBy: COORDINATOR.toLowerCase(),
            updatedAtBlock: "42",
          },
        ],
      }),
      GasCallTargets: () => ({
        gasCallTargets: [{ id: account(2).toLowerCase(), target: account(2).toLowerCase(), updatedAtBlock: "7" }],
      }),
    });
    expect(await reader().budgetPage()).toEqual({
      items: [{ member: account(1), amount: 0n, setBy: COORDINATOR, blockNumber: 42n }],
    });
    expect(await reader().targetPage(account(0).toLowerCase())).toEqual({
      items: [{ target: account(2), blockNumber: 7n }],
    });
    expect(calls.map((c) => c.variables)).toEqual([
      { after: "", first: SPONSORSHIP_PAGE + 1 },
      { after: account(0).toLowerCase(), first: SPONSORSHIP_PAGE + 1 },
    ]);
  });
});
