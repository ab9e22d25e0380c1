// Mapping tests of a clearing split into parts (CreditNetwork.clearPart): a steward, who is no member, clears a ring of
// five members in three parts, the second with a credit move beside the ring. The compiled mapping indexes the real
// events part by part; bridges, parts and epochs are compared with the contract's views after each part, and the dApp's
// chain reader and subgraph reader must answer the same while a bridge is open and once the split is complete.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PlainEntity, SubgraphRuntime } from "@cosmolocal/graph-test-runtime";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { getAddress, type Address } from "viem";
import { createCreditChainReader } from "../../web/src/credit/data/chain.ts";
import { creditFold } from "../../web/src/credit/data/fold.ts";
import { createCreditSubgraphReader } from "../../web/src/credit/data/subgraph.ts";
import type { CreditReader } from "../../web/src/credit/data/types.ts";
import { assertEntitiesAndNoErrors, entityLookup } from "./checks.ts";
import { chainLogs, connect, lower, readerPlumbing, send, subgraphRuntime, ZERO, type Log } from "./setup.ts";

const DATA_SOURCE = "CreditNetwork";
const EVENT_ENTITIES: Record<string, string[]> = {
  RoleGranted: ["CreditNetwork", "CreditRoleChange"],
  MemberAdmitted: ["CreditMember", "CreditMemberChange"],
  ClearingConsentSet: ["CreditMemberChange"],
  CreditLineOffered: ["CreditLine", "CreditPair", "CreditLineChange"],
  CreditLineUpdated: ["CreditLineChange"],
  ObligationRecorded: ["Obligation"],
  ObligationAccepted: ["Obligation"],
  ObligationCleared: ["SetOffEntry"],
  BalanceUpdated: ["CreditBalanceChange"],
  ClearingBridged: ["ClearingPart"],
  ClearingCompleted: ["ClearingEpoch"],
};
const DUE = 1_900_000_000n;
const u = (n: number | bigint) => BigInt(n) * 10n ** 18n;

/** A value with Maps as sorted entries and bigints as text (as the readers test compares views). */
function canonical(v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Map) return [...v.entries()].map(canonical).sort(byText);
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}
const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

const conn = await connect();
const { ethers } = conn;
type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];
const getNetwork = (address: string) => ethers.getContractAt("CreditNetwork", address);

describe("subgraph · a clearing split into parts (clearPart) on real CreditNetwork events", () => {
  let deployed: Parameters<typeof readerPlumbing>[0]["contract"];
  let credit: Awaited<ReturnType<typeof getNetwork>>;
  let creditAddress: string;
  let steward: Signer;
  let ring: Signer[];
  let rt: SubgraphRuntime;
  let logs: Log[];
  const solutionId = ethers.id("ring split in three");
  /** Per part (1-3): its block, the contract's views at it, and the indexed entities right after it. */
  const parts: {
    block: number;
    outstanding: bigint;
    nid: bigint;
    openBridge: bigint;
    obligations: PlainEntity[];
    combined: Map<string, bigint>;
  }[] = [];
  const beforeSplit = { nid: 0n, outstanding: 0n, combined: new Map<string, bigint>() };
  /** The readers' answers while the first bridge is open, and once the split is complete. */
  const agreement: { when: string; chain: unknown[]; subgraph: unknown[] }[] = [];

  /** Both readers over the runtime's store at the latest block: every screen need of this story. */
  async function readersAnswer(when: string) {
    const { client, events, undo } = await readerPlumbing({
      conn,
      store: rt.store,
      contract: deployed,
      abi: creditNetworkAbi,
      address: creditAddress,
      fold: creditFold,
      maxRange: 4n,
    });
    try {
      const chain = createCreditChainReader(client, creditAddress as Address, events);
      const subgraph = createCreditSubgraphReader("http://subgraph.test/graphql", getAddress(creditAddress));
      const accounts = [...ring, steward].map((s) => s.address as Address);
      const ask = async (r: CreditReader) => [
        await r.info(),
        ...(await Promise.all(accounts.map((a) => r.mine(a)))),
        await r.members(),
        await r.clearing(),
        await r.epochs(10),
      ];
      agreement.push({ when, chain: await ask(chain), subgraph: await ask(subgraph) });
    } finally {
      undo();
    }
  }

  before(async () => {
    const signers = await ethers.getSigners();
    steward = signers[0];
    ring = signers.slice(1, 6);
    const outsider = signers[6];
    // The deployer is admin and steward, and never a member: it only submits the parts.
    const network = await ethers.deployContract("CreditNetwork", [
      "Commons Credit",
      "CMC",
      18,
      steward.address,
      [steward.address],
    ]);
    deployed = network;
    creditAddress = await network.getAddress();
    credit = await getNetwork(creditAddress);
    const [m0, m1, m2, m3, m4] = ring;
    for (const m of ring) await send(credit.connect(steward).admitMember(m.address));
    for (const m of ring) await send(credit.connect(m).setClearingConsent(true, m === m3));
    // m3 gives m2 a line of 50: the credit move of part 2 (m2 pays m3) uses it.
    await send(credit.connect(m3).offerCreditLine(m2.address, u(50)));
    await send(credit.connect(m2).acceptCreditLine(m3.address, u(50)));
    // The ring m0 -> m1 -> m2 -> m3 -> m4 -> m0 (obligations 1-5), and m2 owes m3 30 more (obligation 6).
    const owes: [Signer, Signer, number][] = [
      [m0, m1, 100],
      [m1, m2, 120],
      [m2, m3, 90],
      [m3, m4, 150],
      [m4, m0, 110],
      [m2, m3, 30],
    ];
    for (const [i, [debtor, creditor, amount]] of owes.entries()) {
      await send(
        credit
          .connect(creditor)
          .recordObligation(debtor.address, creditor.address, u(amount), DUE, ethers.id(`INV-${i + 1}`)),
      );
      await send(credit.connect(debtor).acceptObligation(i + 1));
    }

    // Refused before anything moves: a part from someone who is no steward, and a part without a solution id.
    const bridge1 = { debtor: m0.address, creditor: m2.address, amount: u(90) };
    const setOffs1 = [
      { obligationId: 1, amount: u(90) },
      { obligationId: 2, amount: u(90) },
    ];
    await assert.rejects(credit.connect(outsider).clearPart(solutionId, setOffs1, [], bridge1), (err: Error) =>
      err.message.includes("AccessControlUnauthorizedAccount"),
    );
    await assert.rejects(credit.connect(steward).clearPart(ethers.ZeroHash, setOffs1, [], bridge1), (err: Error) =>
      err.message.includes("SolutionIdRequired"),
    );

    logs = await chainLogs(ethers.provider, [creditAddress]);
    rt = subgraphRuntime(DATA_SOURCE, creditAddress);
    await rt.processLogs(ethers.provider, logs);
    // The members' (the steward's entity, status None, holds nothing).
    const combined = () =>
      new Map(
        rt.store
          .all("CreditMember")
          .filter((m) => m.status !== "None")
          .map((m) => [m.id as string, m.combinedPosition as bigint]),
      );
    beforeSplit.nid = await credit.netInternalDebt();
    beforeSplit.outstanding = await credit.outstanding();
    beforeSplit.combined = combined();

    // The ring's flow is 90 (its smallest obligation). Part 1: m0 -> m1 -> m2, leaving "m0 owes m2 90". Part 2: the
    // bridge, m2 -> m3, and beside the ring obligation 6 closed by m2 paying m3 30 on credit; leaving "m0 owes m3
    // 90". Part 3: the bridge, m3 -> m4 -> m0; no bridge.
    const calls: [
      { obligationId: number; amount: bigint }[],
      { payer: string; payee: string; amount: bigint }[],
      { debtor: string; creditor: string; amount: bigint },
    ][] = [
      [setOffs1, [], bridge1],
      [
        [
          { obligationId: 3, amount: u(90) },
          { obligationId: 6, amount: u(30) },
        ],
        [{ payer: m2.address, payee: m3.address, amount: u(30) }],
        { debtor: m0.address, creditor: m3.address, amount: u(90) },
      ],
      [
        [
          { obligationId: 4, amount: u(90) },
          { obligationId: 5, amount: u(90) },
        ],
        [],
        { debtor: ZERO, creditor: ZERO, amount: 0n },
      ],
    ];
    for (const [setOffs, moves, bridge] of calls) {
      const receipt = (await (await credit.connect(steward).clearPart(solutionId, setOffs, moves, bridge)).wait())!;
      const at = { blockTag: receipt.blockNumber };
      const partLogs = (await chainLogs(ethers.provider, [creditAddress])).filter(
        (l) => l.blockNumber === receipt.blockNumber,
      );
      await rt.processLogs(ethers.provider, partLogs);
      parts.push({
        block: receipt.blockNumber,
        outstanding: await credit.outstanding(at),
        nid: await credit.netInternalDebt(at),
        openBridge: await credit.openBridge(solutionId, at),
        obligations: rt.store.all("Obligation"),
        combined: combined(),
      });
      if (parts.length === 1) await readersAnswer("while the first bridge is open");
    }
    logs = await chainLogs(ethers.provider, [creditAddress]);
    await readersAnswer("once the split is complete");
  });

  after(async () => {
    await conn.close?.();
  });

  const entity = entityLookup(() => rt);

  it("handles every log of the story, ClearingBridged included, without errors", () => {
    assert.equal(rt.handled.length, logs.length, "every network log had a handler");
    assert.deepEqual([...new Set(rt.handled.map((h) => h.name))].sort(), Object.keys(EVENT_ENTITIES).sort());
    assertEntitiesAndNoErrors(rt, EVENT_ENTITIES);
  });

  it("each bridge is an obligation the steward recorded, open after its part, set off in full by the next", async () => {
    const [m0, , m2, m3] = ring;
    const row = (list: PlainEntity[], id: string) => {
      const o = list.find((x) => x.id === id)!;
      return [o.status, o.debtor, o.creditor, o.remaining, o.bridgeOf ?? null, o.bridgeSettledBy ?? null];
    };
    // After part 1, bridge 7 is open; after part 2, it is settled and bridge 8 open; after part 3, both settled.
    assert.deepEqual(row(parts[0].obligations, "7"), ["Open", lower(m0.address), lower(m2.address), u(90), "1", null]);
    assert.equal(parts[0].obligations.length, 7);
    assert.deepEqual(row(parts[1].obligations, "7"), ["Settled", lower(m0.address), lower(m2.address), 0n, "1", "2"]);
    assert.deepEqual(row(parts[1].obligations, "8"), ["Open", lower(m0.address), lower(m3.address), u(90), "2", null]);
    assert.deepEqual(row(parts[2].obligations, "8"), ["Settled", lower(m0.address), lower(m3.address), 0n, "2", "3"]);
    assert.deepEqual(
      parts.map((p) => p.openBridge),
      [7n, 8n, 0n],
      "openBridge(solutionId) after each part",
    );
    assert.equal(rt.store.count("Obligation"), 8, "two bridges, no bridge after the last part");
    for (const id of [7n, 8n]) {
      const view = await credit.obligation(id);
      const e = entity("Obligation", id.toString());
      assert.deepEqual(
        [e.amount, e.remaining, e.status, e.dueDate, e.ref, e.proposer, e.acceptedBy, e.signed],
        [view.amount, view.remaining, "Settled", 0n, solutionId, lower(steward.address), lower(steward.address), false],
      );
      assert.deepEqual([e.clearedTotal, e.paidTotal], [u(90), 0n]);
    }
    for (let id = 1; id <= 6; id++) assert.equal(entity("Obligation", String(id)).bridgeOf, undefined, `#${id}`);
    // The steward is no member: an entity only so that the bridges' proposer resolves.
    const s = entity("CreditMember", lower(steward.address));
    assert.deepEqual([s.status, s.obligationsPayable, s.obligationsReceivable], ["None", 0n, 0n]);
    assert.equal(entity("CreditNetwork", lower(creditAddress)).memberCount, 5);
  });

  it("the parts: numbered in their split, each linked to its epoch and to the bridges it left and set off", () => {
    assert.deepEqual(
      rt.store
        .all("ClearingPart")
        .map((p) => [
          p.id,
          p.epoch,
          p.solutionId,
          p.index,
          p.first,
          p.bridge ?? null,
          p.bridgeAmount,
          p.settledBridge ?? null,
        ]),
      [
        ["1", "1", solutionId, 1, "1", "7", u(90), null],
        ["2", "2", solutionId, 2, "1", "8", u(90), "7"],
        ["3", "3", solutionId, 3, "1", null, 0n, "8"],
      ],
    );
    parts.forEach((p, i) => {
      const part = entity("ClearingPart", String(i + 1));
      assert.equal(part.blockNumber, BigInt(p.block));
      assert.equal(entity("ClearingEpoch", String(i + 1)).part, String(i + 1));
    });
  });

  it("each epoch's outstandingAfter is the contract's outstanding() after the part, bridge included", async () => {
    const epochs = [1, 2, 3].map((n) => entity("ClearingEpoch", String(n)));
    assert.deepEqual(
      epochs.map((e) => e.outstandingAfter),
      parts.map((p) => p.outstanding),
    );
    // 600 owed: part 1 sets off 180 and leaves a bridge of 90; part 2 sets off 210 (the bridge, 90 + 30 beside
    // the ring) and leaves 90; part 3 sets off 270 (the bridge included), leaving the ring's remainder.
    assert.equal(beforeSplit.outstanding, u(600));
    assert.deepEqual(
      epochs.map((e) => [e.obligationsBefore, e.cleared, e.setOffCount, e.outstandingAfter, e.movedToCredit]),
      [
        [u(600), u(180), 2, u(510), 0n],
        [u(510), u(210), 3, u(390), u(30)],
        [u(390), u(270), 3, u(120), 0n],
      ],
    );
    for (const e of epochs) {
      assert.equal(e.operator, lower(steward.address));
      assert.equal(e.solutionId, solutionId);
      const setOffs = rt.store.all("SetOffEntry").filter((s) => s.epoch === e.id);
      assert.equal(setOffs.length, e.setOffCount, "the settled bridge is one of the set-offs");
      assert.equal(
        setOffs.reduce((x, s) => x + (s.amount as bigint), 0n),
        e.cleared,
      );
    }
    const n = entity("CreditNetwork", lower(creditAddress));
    assert.deepEqual([n.outstanding, n.epochCount, n.openObligationCount], [await credit.outstanding(), 3, 4]);
    assert.equal(n.clearedTotal, u(180 + 210 + 270));
  });

  it("the credit move of part 2 is linked to its epoch although the bridge's logs follow it", () => {
    const [, , m2, m3] = ring;
    const moves = rt.store.all("CreditBalanceChange").filter((c) => c.epoch != null);
    assert.deepEqual(
      moves.map((m) => [m.epoch, m.moveIndex, m.payer, m.payee, m.amount]),
      [["2", 0, lower(m2.address), lower(m3.address), u(30)]],
    );
    assert.equal(entity("ClearingEpoch", "2").creditMoveCount, 1);
  });

  it("no part changes a member's combined position; NID is the contract's, and only the credit move shifts it", async () => {
    for (const p of parts) assert.deepEqual(p.combined, beforeSplit.combined, `after the part at block ${p.block}`);
    const epochs = [1, 2, 3].map((n) => entity("ClearingEpoch", String(n)));
    assert.deepEqual(
      epochs.map((e) => e.netInternalDebt),
      parts.map((p) => p.nid),
    );
    // 50 before: the bridges move nobody's position; m2's 30 moved onto the credit line raises its obligation
    // position by 30 (its credit position falls by as much).
    assert.deepEqual([beforeSplit.nid, ...parts.map((p) => p.nid)], [u(50), u(50), u(80), u(80)]);
    for (const m of ring) {
      const e = entity("CreditMember", lower(m.address));
      assert.equal(e.netPosition, await credit.netPosition(m.address));
    }
  });

  it("the dApp's chain reader and subgraph reader agree while a bridge is open and after the split", () => {
    assert.deepEqual(
      agreement.map((a) => a.when),
      ["while the first bridge is open", "once the split is complete"],
    );
    for (const a of agreement) assert.deepEqual(canonical(a.subgraph), canonical(a.chain), a.when);
    const [m0] = ring;
    type Mine = { obligations: { id: bigint; bridge?: unknown }[] };
    type Epoch = { epoch: bigint; outstandingAfter: bigint; part?: unknown };
    const open = agreement[0].chain;
    const m0Open = open[1] as Mine;
    assert.deepEqual(m0Open.obligations[0], {
      ...m0Open.obligations[0],
      id: 7n,
      bridge: { solutionId, epoch: 1n, part: 1 },
    });
    const done = agreement[1].chain;
    assert.deepEqual(
      (done[1] as Mine).obligations.filter((o) => o.bridge).map((o) => [o.id, o.bridge]),
      [
        [8n, { solutionId, epoch: 2n, part: 2, settledIn: 3n }],
        [7n, { solutionId, epoch: 1n, part: 1, settledIn: 2n }],
      ],
    );
    assert.equal(getAddress((done[1] as { account: string }).account), getAddress(m0.address));
    assert.deepEqual(
      (done.at(-1) as Epoch[]).map((e) => [e.epoch, e.outstandingAfter, e.part]),
      [
        [3n, u(120), { index: 3, bridgeAmount: 0n, settledBridgeId: 8n }],
        [2n, u(390), { index: 2, bridgeId: 8n, bridgeAmount: u(90), settledBridgeId: 7n }],
        [1n, u(510), { index: 1, bridgeId: 7n, bridgeAmount: u(90) }],
      ],
    );
  });
});
