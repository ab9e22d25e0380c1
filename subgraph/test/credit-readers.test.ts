// The dApp's two credit readers on one chain: a Hardhat node over HTTP with a real CreditNetwork story, the chain
// reader (web/src/credit/data/chain.ts: events folded, three view calls) and the subgraph reader
// (web/src/credit/data/subgraph.ts: paged GraphQL) served by the local indexer running the built mappings. Every
// screen need answers the same from both.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import hre from "hardhat";
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { parseManifest, startLocalIndexer, type LocalIndexer } from "@cosmolocal/graph-test-runtime";
import { IncrementalLogReader } from "../../web/src/shared/data/logs.ts";
import { createCreditChainReader } from "../../web/src/credit/data/chain.ts";
import { creditFold } from "../../web/src/credit/data/fold.ts";
import { createCreditSubgraphReader } from "../../web/src/credit/data/subgraph.ts";
import type { CreditReader } from "../../web/src/credit/data/types.ts";
import { MANIFEST, send, ZERO } from "./setup.ts";

const u = (n: number) => BigInt(n) * 10n ** 18n;

const server = await hre.network.createServer(
  { network: "default", override: { allowUnlimitedContractSize: true } },
  "127.0.0.1",
);
const { port } = await server.listen();
const rpcUrl = `http://127.0.0.1:${port}`;
const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
const { ethers } = conn;

/**
 * A value with Maps as sorted entries (a Map's order is not part of a view) and bigints as text. Arrays keep their
 * order: both readers must return every list in the order the reader interface states.
 */
function canonical(v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Map) return [...v.entries()].map(canonical).sort(byText);
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}
const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe("web · the credit chain reader and subgraph reader agree on a real CreditNetwork", () => {
  let indexer: LocalIndexer;
  let chain: CreditReader;
  let subgraph: CreditReader;
  let accounts: Address[];
  let sameBlockNewestFirst: bigint[];

  before(async () => {
    const [ada, bea, cyrus, dara] = await ethers.getSigners();
    accounts = [ada, bea, cyrus, dara].map((s) => s.address as Address);
    const deployed = await ethers.deployContract("CreditNetwork", [
      "Commons Credit",
      "CMC",
      18,
      ada.address,
      [ada.address],
    ]);
    const startBlock = (await deployed.deploymentTransaction()!.wait())!.blockNumber;
    const address = (await deployed.getAddress()) as Address;
    const credit = await ethers.getContractAt("CreditNetwork", address);
    const memo = (text: string) => ethers.encodeBytes32String(text);
    const ref = (text: string) => ethers.id(text);

    for (const m of [ada, bea, cyrus, dara]) await send(credit.connect(ada).admitMember(m.address));
    await send(credit.connect(ada).setClearingConsent(true, true));
    for (const m of [bea, cyrus]) await send(credit.connect(m).setClearingConsent(true, false));
    const open = async (giver: typeof ada, receiver: typeof ada, limit: bigint) => {
      await send(credit.connect(giver).offerCreditLine(receiver.address, limit));
      await send(credit.connect(receiver).acceptCreditLine(giver.address, limit));
    };
    await open(ada, bea, u(1000));
    await open(bea, cyrus, u(500));
    await open(cyrus, ada, u(800));
    await open(ada, dara, u(300));
    await send(credit.connect(ada).offerCreditLine(cyrus.address, u(200))); // left pending
    await send(credit.connect(bea).pay(ada.address, u(100), memo("bread")));
    await send(credit.connect(cyrus).payAlong([bea.address, ada.address], u(50), memo("repairs")));
    await send(credit.connect(ada).pay(cyrus.address, u(30), memo("tools")));
    await send(credit.connect(dara).pay(ada.address, u(20), memo("seeds")));
    // A cycle bea -> cyrus -> ada -> bea, cleared by 300 each; one more owed by dara (no consent), one proposed.
    await send(credit.connect(bea).recordObligation(bea.address, cyrus.address, u(400), 2_000_000_000n, ref("1")));
    await send(credit.connect(cyrus).acceptObligation(1));
    await send(credit.connect(ada).recordObligation(cyrus.address, ada.address, u(300), 2_000_000_000n, ref("2")));
    await send(credit.connect(cyrus).acceptObligation(2));
    await send(credit.connect(bea).recordObligation(ada.address, bea.address, u(350), 2_000_000_000n, ref("3")));
    await send(credit.connect(ada).acceptObligation(3));
    await send(
      credit.connect(dara).clear(
        ethers.id("solution"),
        [1, 2, 3].map((id) => ({ obligationId: id, amount: u(300) })),
        [],
      ),
    );
    await send(credit.connect(ada).recordObligation(dara.address, ada.address, u(60), 2_000_000_000n, ref("4")));
    await send(credit.connect(dara).acceptObligation(4));
    await send(credit.connect(dara).recordObligation(dara.address, bea.address, u(25), 2_000_000_000n, ref("5")));
    // Two payments in one block (automine off): both readers list them newest first by log index.
    await ethers.provider.send("evm_setAutomine", [false]);
    const sameBlock = [
      await credit.connect(bea).pay(ada.address, u(7), memo("same block, 1")),
      await credit.connect(cyrus).pay(bea.address, u(9), memo("same block, 2")),
    ];
    await ethers.provider.send("evm_mine", []);
    await ethers.provider.send("evm_setAutomine", [true]);
    const receipts = await Promise.all(sameBlock.map((tx) => tx.wait()));
    assert.equal(receipts[0]!.blockNumber, receipts[1]!.blockNumber, "both payments in one block");
    sameBlockNewestFirst = receipts
      .map((r, i) => ({ index: r!.logs[r!.logs.length - 1].index, amount: [u(7), u(9)][i] }))
      .sort((a, b) => b.index - a.index)
      .map((p) => p.amount);
    await send(credit.connect(ada).suspendMember(dara.address));

    indexer = await startLocalIndexer({
      manifest: MANIFEST,
      rpcUrl,
      addresses: Object.fromEntries(
        parseManifest(MANIFEST).dataSources.map((ds) => [
          ds.name,
          ds.name === "CreditNetwork" ? { address, startBlock } : { address: ZERO, startBlock: 0 },
        ]),
      ),
      port: 0,
      name: "cosmolocal/readers",
      pollInterval: 50,
      chunkSize: 5,
    });
    await indexer.waitForBlock(await ethers.provider.getBlockNumber());

    const client = createPublicClient({ transport: http(rpcUrl) }) as PublicClient;
    // The chain reader's event source, as the dApp builds it: the network's logs from its deployment block, here in
    // chunks of 5 blocks.
    const events = new IncrementalLogReader({
      client,
      abi: creditNetworkAbi,
      addresses: [address],
      fromBlock: BigInt(startBlock),
      fold: creditFold,
      maxRange: 5n,
    });
    chain = createCreditChainReader(client, address, events);
    subgraph = createCreditSubgraphReader(indexer.url, address);
  });

  after(async () => {
    await indexer?.close();
    await conn.close();
    await server.close();
  });

  it("the headline figures, at the same block", async () => {
    const [a, b] = await Promise.all([chain.info(), subgraph.info()]);
    assert.deepEqual(b, a);
    assert.equal(a.block, BigInt(await ethers.provider.getBlockNumber()));
    assert.deepEqual(
      [a.activeMembers, a.suspendedMembers, a.openLines, a.openObligations, a.epochCount, a.outstanding],
      [3, 1, 4, 3, 1n, u(100 + 50 + 60)], // obligations 1, 3 and 4 are open
    );
  });

  it("each member's own credit: standing, lines and offers, balances, obligations", async () => {
    for (const account of accounts) {
      const [a, b] = await Promise.all([chain.mine(account), subgraph.mine(account)]);
      assert.deepEqual(canonical(b), canonical(a), account);
      assert.ok(a.member && a.lines.length > 0 && a.obligations.length > 0, account);
    }
    const none = "0x00000000000000000000000000000000000000e5" as Address;
    assert.deepEqual(canonical(await subgraph.mine(none)), canonical(await chain.mine(none)));
  });

  it("members, the payment graph and the clearing input", async () => {
    assert.deepEqual(canonical(await subgraph.members()), canonical(await chain.members()));
    const graph = await chain.graph();
    assert.deepEqual(canonical(await subgraph.graph()), canonical(graph));
    assert.equal(graph.lines.length, 4);
    const clearing = await chain.clearing();
    assert.deepEqual(canonical(await subgraph.clearing()), canonical(clearing));
    assert.deepEqual(
      clearing.obligations.map((o) => o.id),
      [1n, 3n], // 2 was cleared whole; 4 is owed by dara, who did not consent
    );
    assert.deepEqual(await subgraph.epochs(10), await chain.epochs(10));
  });

  it("payments, page by page by block, for everyone and for one member; two in one block by log index", async () => {
    for (const account of [undefined, accounts[0], accounts[2]]) {
      let before: bigint | undefined;
      const seen: bigint[] = [];
      for (let pages = 0; pages < 10; pages++) {
        const [a, b] = await Promise.all([
          chain.payments({ account, before, first: 2 }),
          subgraph.payments({ account, before, first: 2 }),
        ]);
        assert.deepEqual(b.items, a.items, `${account} before ${before}`);
        seen.push(...a.items.map((p) => p.amount));
        if (a.next === undefined) break;
        before = a.next;
      }
      if (account === undefined) assert.deepEqual(seen, [...sameBlockNewestFirst, u(20), u(30), u(50), u(100)]);
    }
  });
});
