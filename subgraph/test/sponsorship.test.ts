// Mapping test of the co-op's gas sponsorship: a story on the canonical ERC-4337 v0.8 stack (test/sponsorship's
// fixtures: EntryPoint, EIP-7702 members holding 0 ETH) emitting every event of MembersPaymaster — sponsored
// operations in two periods, budgets set and cleared by the owner and a coordinator, targets allowed and removed,
// settings and the two-step ownership — fed to the compiled mapping and compared with the contract's views; then the
// dApp's two readers (web/src/sponsorship/data: the chain reader folding the same logs, the subgraph reader's queries
// on the mapped store with graph-node's semantics) answer every screen need the same.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { processLogsAcross, type SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import type { Address } from "viem";
import {
  conn,
  deployDelegated,
  ethers,
  execute,
  networkHelpers,
  sponsor,
  submitData,
  type Stack,
} from "../../test/sponsorship/fixtures.ts";
import type { Page } from "../../web/src/shared/data/pages.ts";
import { createSponsorshipChainReader } from "../../web/src/sponsorship/data/chain.ts";
import { paymasterFold } from "../../web/src/sponsorship/data/fold.ts";
import { createSponsorshipSubgraphReader } from "../../web/src/sponsorship/data/subgraph.ts";
import type { SponsorshipReader } from "../../web/src/sponsorship/data/types.ts";
import { assertAbiCovered, assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import {
  allPages,
  chainLogs,
  lower,
  parsedEvents,
  send,
  readerPlumbing,
  subgraphRuntime,
  ZERO,
  type Log,
} from "./setup.ts";

/** Entity type(s) each event creates or updates. */
const EVENT_ENTITIES: Record<string, string[]> = {
  GasSponsored: ["GasSponsorship", "GasSpending", "GasPeriod", "Paymaster"],
  MemberBudgetSet: ["GasBudget", "GasBudgetChange"],
  MemberBudgetCleared: ["GasBudgetChange"],
  CallTargetAllowed: ["GasCallTarget", "GasCallTargetChange"],
  CallTargetRemoved: ["GasCallTargetChange"],
  DefaultBudgetSet: ["PaymasterSettingChange"],
  CoordinatorBudgetCapSet: ["PaymasterSettingChange"],
  OwnershipTransferStarted: ["PaymasterOwnershipChange"],
  OwnershipTransferred: ["PaymasterOwnershipChange"],
};
const milli = (n: number) => ethers.parseEther("0.001") * BigInt(n);

describe("subgraph · sponsorship mapping on real MembersPaymaster events", () => {
  let stack: Stack;
  let paymaster: string;
  let rt: SubgraphRuntime;
  let logs: Log[];
  let periods: bigint[];
  let extraTarget: string;

  before(async () => {
    stack = await deployDelegated();
    const { owner, coordinator, admin, ledger, credit, member, member2, creditMember } = stack;
    paymaster = lower(await stack.paymaster.getAddress());
    const onLedger = execute(await ledger.getAddress(), await submitData(stack));
    const onCredit = execute(
      await credit.getAddress(),
      credit.interface.encodeFunctionData("setClearingConsent", [true, false]),
    );

    // Settings: the owner raises the default budget and lets coordinators give up to 50 milliETH.
    await send(stack.paymaster.connect(owner).setDefaultBudget(milli(20)));
    await send(stack.paymaster.connect(owner).setCoordinatorBudgetCap(milli(50)));
    // Budgets: set by a coordinator and by the owner (above the cap), one set and then cleared, one of 0.
    await send(stack.paymaster.connect(coordinator).setMemberBudget(member2.address, milli(30)));
    await send(stack.paymaster.connect(owner).setMemberBudget(creditMember.address, milli(100)));
    await send(stack.paymaster.connect(coordinator).setMemberBudget(member.address, milli(5)));
    await send(stack.paymaster.connect(coordinator).clearMemberBudget(member.address));
    await send(stack.paymaster.connect(coordinator).setMemberBudget(stack.funded.address, 0n));
    // Targets: one more allowed then removed; the credit network removed and allowed again.
    extraTarget = (await ethers.deployContract("MockERC20", ["Demo Euro", "dEUR", 6]).then((t) => t.getAddress()))!;
    await send(stack.paymaster.connect(owner).allowCallTarget(extraTarget));
    await send(stack.paymaster.connect(owner).removeCallTarget(extraTarget));
    await send(stack.paymaster.connect(owner).removeCallTarget(await credit.getAddress()));
    await send(stack.paymaster.connect(owner).allowCallTarget(await credit.getAddress()));

    // Operations in the first period: two of member's, one of member2's, one of creditMember's on the credit network.
    const p0 = await stack.paymaster.currentPeriod();
    await sponsor(stack, member, onLedger);
    await sponsor(stack, member, onLedger);
    await sponsor(stack, member2, onLedger);
    await sponsor(stack, creditMember, onCredit);
    // The next period: member again.
    const [, end] = await stack.paymaster.periodBounds(p0);
    await networkHelpers.time.increaseTo(end);
    const p1 = await stack.paymaster.currentPeriod();
    await sponsor(stack, member, onLedger);
    periods = [p0, p1];

    // Ownership: offered to the coordinator, withdrawn, offered to the admin, accepted.
    await send(stack.paymaster.connect(owner).transferOwnership(coordinator.address));
    await send(stack.paymaster.connect(owner).transferOwnership(ZERO));
    await send(stack.paymaster.connect(owner).transferOwnership(admin.address));
    await send(stack.paymaster.connect(admin).acceptOwnership());

    logs = await chainLogs(ethers.provider, [paymaster]);
    rt = subgraphRuntime("MembersPaymaster", paymaster);
    await processLogsAcross(ethers.provider, [rt], logs);
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);
  const sponsoredEvents = () => parsedEvents(logs, "GasSponsored", { [paymaster]: stack.paymaster.interface });

  it("every event of the ABI has a handler, exported by the WASM; every log handled, without errors", () => {
    assertAbiCovered(rt, "MembersPaymaster", []);
    assert.equal(rt.handled.length, logs.length, "every paymaster log had a handler");
    assert.deepEqual([...new Set(rt.handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
  });

  it("the paymaster: settings and owner equal its views; totals equal its GasSponsored events", async () => {
    const p = entity("Paymaster", paymaster);
    const pm = stack.paymaster;
    assert.deepEqual(
      [p.owner, p.pendingOwner ?? null, p.defaultBudget, p.coordinatorBudgetCap],
      [lower(await pm.owner()), null, await pm.defaultBudget(), await pm.coordinatorBudgetCap()],
    );
    assert.equal(p.owner, lower(stack.admin.address));
    const events = sponsoredEvents();
    assert.equal(events.length, 5);
    assert.deepEqual(
      [p.sponsoredCount, p.totalSpent],
      [events.length, events.reduce((s, e) => s + (e.args.cost as bigint), 0n)],
    );
    assert.deepEqual([p.ownBudgetCount, p.allowedTargetCount], [3, 2]);
    const settings = rt.store.all("PaymasterSettingChange").map((c) => [c.setting, c.oldValue, c.newValue]);
    assert.deepEqual(settings, [
      ["DefaultBudget", 0n, milli(10)],
      ["CoordinatorBudgetCap", 0n, 0n],
      ["DefaultBudget", milli(10), milli(20)],
      ["CoordinatorBudgetCap", 0n, milli(50)],
    ]);
    const ownership = rt.store.all("PaymasterOwnershipChange").map((c) => [c.action, c.previousOwner, c.newOwner]);
    const [owner, coordinator, admin] = [stack.owner, stack.coordinator, stack.admin].map((s) => lower(s.address));
    // BasePaymaster's constructor makes the deployer (admin) the owner, then the paymaster's hands it to `owner`.
    assert.deepEqual(ownership, [
      ["Transferred", ZERO, admin],
      ["Transferred", admin, owner],
      ["Offered", owner, coordinator],
      ["Offered", owner, ZERO],
      ["Offered", owner, admin],
      ["Transferred", owner, admin],
    ]);
  });

  it("sponsorships equal the GasSponsored events and the EntryPoint's operations; spending equals spendingOf", async () => {
    const events = sponsoredEvents();
    const rows = rt.store.all("GasSponsorship");
    assert.deepEqual(
      rows.map((r) => [r.member, r.period, r.cost]),
      events.map((e) => [lower(e.args.member), e.args.period, e.args.cost]),
    );
    // Each sponsorship is an operation of its member that the EntryPoint ran through this paymaster in the same
    // transaction.
    for (const r of rows) {
      const receipt = await ethers.provider.getTransactionReceipt(r.transactionHash as string);
      const ops = receipt!.logs
        .map((l) => stack.entryPoint.interface.parseLog(l))
        .filter((e) => e?.name === "UserOperationEvent");
      assert.ok(ops.some((e) => lower(e!.args.sender) === r.member && lower(e!.args.paymaster) === paymaster));
    }
    const [p0, p1] = periods;
    const { member, member2, creditMember } = stack;
    for (const [who, period, count] of [
      [member, p0, 2],
      [member2, p0, 1],
      [creditMember, p0, 1],
      [member, p1, 1],
    ] as const) {
      const s = entity("GasSpending", `${period}-${lower(who.address)}`);
      const mine = events.filter((e) => lower(e.args.member) === lower(who.address) && e.args.period === period);
      assert.deepEqual(
        [s.count, s.spent],
        [count, mine.reduce((x, e) => x + (e.args.cost as bigint), 0n)],
        who.address,
      );
      const [latest, spent] = await stack.paymaster.spendingOf(who.address);
      if (latest === period) assert.equal(s.spent, spent, `${who.address} spendingOf`);
    }
    const first = entity("GasPeriod", p0.toString());
    assert.deepEqual([first.count, first.memberCount], [4, 3]);
    assert.equal(
      first.spent,
      events.filter((e) => e.args.period === p0).reduce((x, e) => x + (e.args.cost as bigint), 0n),
    );
    assert.deepEqual(
      [entity("GasPeriod", p1.toString()).count, entity("GasPeriod", p1.toString()).memberCount],
      [1, 1],
    );
  });

  it("budgets equal budgetOf; call targets equal isCallTargetAllowed", async () => {
    const { member, member2, creditMember, funded, coordinator, owner } = stack;
    for (const who of [member, member2, creditMember, funded]) {
      const b = entity("GasBudget", lower(who.address));
      const [amount, own] = await stack.paymaster.budgetOf(who.address);
      assert.equal(b.own, own, who.address);
      if (own) assert.equal(b.amount, amount, who.address);
    }
    assert.deepEqual(
      [entity("GasBudget", lower(member.address)).own, entity("GasBudget", lower(member.address)).setBy],
      [false, lower(coordinator.address)],
    );
    assert.equal(entity("GasBudget", lower(creditMember.address)).setBy, lower(owner.address));
    const changes = rt.store.all("GasBudgetChange").filter((c) => c.member === lower(member.address));
    assert.deepEqual(
      changes.map((c) => [c.cleared, c.amount ?? null]),
      [
        [false, milli(5)],
        [true, null],
      ],
    );
    for (const t of rt.store.all("GasCallTarget"))
      assert.equal(t.allowed, await stack.paymaster.isCallTargetAllowed(t.target as string), t.target as string);
    assert.equal(entity("GasCallTarget", lower(extraTarget)).allowed, false);
    assert.equal(rt.store.all("GasCallTargetChange").length, 6);
  });

  it("the dApp's chain reader and subgraph reader answer every screen need the same", async () => {
    const { events, undo } = await readerPlumbing({
      conn,
      store: rt.store,
      contract: stack.paymaster,
      abi: membersPaymasterAbi,
      address: paymaster,
      fold: paymasterFold,
      maxRange: 5n,
    });
    try {
      const chain = createSponsorshipChainReader(events);
      const subgraph = createSponsorshipSubgraphReader("http://subgraph.test/graphql", paymaster as Address);
      /** Every page of a list of `r`. */
      const all = <T>(read: (r: SponsorshipReader, after?: string) => Promise<Page<T>>, r: SponsorshipReader) =>
        allPages((after) => read(r, after));
      const [p0, p1] = periods.map(Number);
      const needs: [string, (r: SponsorshipReader) => Promise<unknown>][] = [
        ["info", (r) => r.info()],
        ["periods", (r) => r.periods(0, p1 + 3)],
        ["spending p0", (r) => all((x, a) => x.spendingPage(p0, a), r)],
        ["spending p1", (r) => all((x, a) => x.spendingPage(p1, a), r)],
        ["sponsorships", (r) => all((x, a) => x.sponsorships(a), r)],
        ["budgets", (r) => all((x, a) => x.budgetPage(a), r)],
        ["targets", (r) => all((x, a) => x.targetPage(a), r)],
      ];
      for (const [name, need] of needs) assert.deepEqual(await need(subgraph), await need(chain), name);
      assert.ok(events.logs.stats.requests > 1, "the chain reader read in bounded chunks");
      const info = await chain.info();
      assert.deepEqual(
        [info.owner, info.defaultBudget, info.sponsoredCount],
        [stack.admin.address, await stack.paymaster.defaultBudget(), 5],
      );
      const ops = await all((x, a) => x.sponsorships(a), subgraph);
      assert.deepEqual(
        ops.map((s) => s.cost),
        sponsoredEvents()
          .map((e) => e.args.cost as bigint)
          .reverse(),
        "newest first",
      );
      assert.deepEqual(
        (await all((x, a) => x.budgetPage(a), subgraph)).map((b) => [b.member, b.amount]),
        [stack.member2, stack.creditMember, stack.funded]
          .map((s) => s.address as Address)
          .sort((a, b) => (lower(a) < lower(b) ? -1 : 1))
          .map((a) => [a, a === stack.member2.address ? milli(30) : a === stack.funded.address ? 0n : milli(100)]),
      );
    } finally {
      undo();
    }
  });
});
