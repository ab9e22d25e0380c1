// The sponsorship chain reader over a stand-in RPC serving real, ABI-encoded MembersPaymaster logs: it reads from the
// deployment block (never block 0) in chunks, then only the new blocks; settings, totals, spending per period and per
// member, own budgets and call targets come from the folded events, and every list pages in the order the subgraph
// reader pages it.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { getAddress, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { eventLogId, IncrementalLogReader } from "../../shared/data/logs";
import { encodeLog, fakeChain, tally } from "../../shared/data/testing";
import { createSponsorshipChainReader } from "./chain";
import { paymasterFold } from "./fold";
import { SPONSORSHIP_PAGE } from "./types";

const PAYMASTER = getAddress("0x0000000000000000000000000000000000000fee");
const TIMELOCK = getAddress("0x00000000000000000000000000000000000071e1");
const COORDINATOR = getAddress("0x00000000000000000000000000000000000000c0");
const LEDGER = getAddress("0x00000000000000000000000000000000000000d1");
const CREDIT = getAddress("0x00000000000000000000000000000000000000d2");
const A = getAddress("0x00000000000000000000000000000000000000a1");
const B = getAddress("0x00000000000000000000000000000000000000b2");
const DEPLOYED = 10_000n;
const milli = (n: number) => BigInt(n) * 10n ** 15n;

let logIndex = 0;
/** A MembersPaymaster log of `eventName` with `args` in `block`, ABI-encoded as a node returns it. */
const log = (eventName: string, args: Record<string, unknown>, block: bigint) =>
  encodeLog(membersPaymasterAbi, eventName, args, { address: PAYMASTER, block, logIndex: logIndex++ });
const sponsored = (member: Address, period: number, cost: bigint, block: bigint) =>
  log("GasSponsored", { member, period, cost }, block);
/** The constructor's events: owner, two call targets, the default budget and the coordinators' cap. */
const constructed = () => [
  log("OwnershipTransferred", { previousOwner: zeroAddress, newOwner: TIMELOCK }, DEPLOYED),
  log("CallTargetAllowed", { target: LEDGER }, DEPLOYED),
  log("CallTargetAllowed", { target: CREDIT }, DEPLOYED),
  log("DefaultBudgetSet", { amount: milli(10) }, DEPLOYED),
  log("CoordinatorBudgetCapSet", { cap: milli(50) }, DEPLOYED),
];

function setup(head: bigint) {
  const { chain, client } = fakeChain({ head });
  const events = new IncrementalLogReader({
    client,
    abi: membersPaymasterAbi,
    addresses: [PAYMASTER],
    fromBlock: DEPLOYED,
    fold: paymasterFold,
    maxRange: 2_000n,
    reorgDepth: 12n, // as on a public chain: every sync reads the last 12 blocks again
  });
  return { chain, reader: createSponsorshipChainReader(events) };
}

describe("sponsorship chain reader", () => {
  it("folds from the deployment block in chunks, then reads only new blocks; no view call", async () => {
    const { chain, reader } = setup(DEPLOYED + 5_000n);
    chain.logs.push(
      ...constructed(),
      sponsored(A, 0, milli(1), DEPLOYED + 10n),
      sponsored(B, 0, milli(2), DEPLOYED + 10n),
      sponsored(A, 0, milli(3), DEPLOYED + 20n),
      log("MemberBudgetSet", { member: A, amount: milli(40), by: COORDINATOR }, DEPLOYED + 30n),
      log("MemberBudgetSet", { member: B, amount: milli(5), by: TIMELOCK }, DEPLOYED + 31n),
      log("MemberBudgetCleared", { member: B, by: COORDINATOR }, DEPLOYED + 32n),
      log("CallTargetRemoved", { target: CREDIT }, DEPLOYED + 40n),
      log("DefaultBudgetSet", { amount: milli(20) }, DEPLOYED + 41n),
      log("OwnershipTransferStarted", { previousOwner: TIMELOCK, newOwner: COORDINATOR }, DEPLOYED + 42n),
      sponsored(A, 2, milli(4), DEPLOYED + 4_000n),
    );

    const [info, periods] = await Promise.all([reader.info(), reader.periods(0, 5)]);
    // One head request, and 5,001 blocks from the deployment block in ranges of at most 2,000.
    expect(tally(chain)).toMatchObject({ getBlock: 1, getLogs: 3, readContract: 0 });
    expect(chain.ranges[0]).toEqual({ from: DEPLOYED, to: DEPLOYED + 1_999n });
    expect(info).toEqual({
      owner: TIMELOCK,
      pendingOwner: COORDINATOR,
      defaultBudget: milli(20),
      coordinatorBudgetCap: milli(50),
      sponsoredCount: 4,
      totalSpent: milli(10),
      ownBudgetCount: 1,
      allowedTargetCount: 1,
    });
    expect(periods).toEqual([
      { period: 0, spent: milli(6), count: 3, members: 2 },
      { period: 2, spent: milli(4), count: 1, members: 1 },
    ]);
    expect(await reader.periods(1, 1)).toEqual([]);
    expect((await reader.spendingPage(0)).items).toEqual([
      { member: A, period: 0, spent: milli(4), count: 2 },
      { member: B, period: 0, spent: milli(2), count: 1 },
    ]);
    expect((await reader.budgetPage()).items).toEqual([
      { member: A, amount: milli(40), setBy: COORDINATOR, blockNumber: DEPLOYED + 30n },
    ]);
    expect((await reader.targetPage()).items).toEqual([{ target: LEDGER, blockNumber: DEPLOYED }]);

    // The owner accepts, and one more operation: a refresh reads the new block (and the re-org window) only.
    chain.head += 1n;
    chain.logs.push(
      log("OwnershipTransferred", { previousOwner: TIMELOCK, newOwner: COORDINATOR }, chain.head),
      sponsored(B, 2, milli(1), chain.head),
    );
    chain.ranges = [];
    const again = await reader.info();
    expect(chain.ranges).toEqual([{ from: DEPLOYED + 4_989n, to: DEPLOYED + 5_001n }]);
    expect(again).toMatchObject({ owner: COORDINATOR, sponsoredCount: 5, totalSpent: milli(11) });
    expect(again.pendingOwner).toBeUndefined();
    const newest = (await reader.sponsorships()).items;
    expect(newest.map((s) => [s.member, s.period, s.cost])).toEqual([
      [B, 2, milli(1)],
      [A, 2, milli(4)],
      [A, 0, milli(3)],
      [B, 0, milli(2)],
      [A, 0, milli(1)],
    ]);
    expect(newest[0]).toMatchObject({ id: eventLogId(chain.head, logIndex - 1), blockNumber: chain.head });
  });

  it("pages spending, sponsorships and budgets: each page after the last row shown, none after the last page", async () => {
    const { chain, reader } = setup(DEPLOYED + 100n);
    chain.logs.push(...constructed());
    // Sponsored in the opposite order of their addresses, two to a block: pages follow the addresses, or the ids.
    const members = Array.from({ length: SPONSORSHIP_PAGE + 3 }, (_, i) =>
      getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`),
    );
    members.forEach((m, i) => {
      const block = DEPLOYED + 1n + BigInt(Math.floor((members.length - i) / 2));
      chain.logs.push(sponsored(m, 7, milli(1), block));
      chain.logs.push(log("MemberBudgetSet", { member: m, amount: milli(2), by: COORDINATOR }, block));
    });
    chain.logs.sort((x, y) => Number(BigInt(x.blockNumber!) - BigInt(y.blockNumber!)));

    const first = await reader.spendingPage(7);
    expect(first.items.map((s) => s.member)).toEqual(members.slice(0, SPONSORSHIP_PAGE));
    expect(first.next).toBe(members[SPONSORSHIP_PAGE - 1].toLowerCase());
    const last = await reader.spendingPage(7, first.next);
    expect(last.items.map((s) => s.member)).toEqual(members.slice(SPONSORSHIP_PAGE));
    expect(last.next).toBeUndefined();
    expect((await reader.spendingPage(8)).items).toEqual([]);

    const budgets = await reader.budgetPage();
    expect(budgets.items.map((b) => b.member)).toEqual(members.slice(0, SPONSORSHIP_PAGE));
    expect((await reader.budgetPage(budgets.next)).items).toHaveLength(3);

    const ops = await reader.sponsorships();
    const more = await reader.sponsorships(ops.next);
    const all = [...ops.items, ...more.items];
    expect(more.next).toBeUndefined();
    expect(all).toHaveLength(members.length);
    expect(all.map((s) => s.id)).toEqual(
      all
        .map((s) => s.id)
        .sort()
        .reverse(),
    );
    expect(ops.next).toBe(ops.items[SPONSORSHIP_PAGE - 1].id);
  });
});
