// End to end through the local indexer: a Hardhat node served over HTTP, a real CreditNetwork and its transactions,
// the built subgraph's mappings run by `startLocalIndexer`, and GraphQL over HTTP compared with the contract's views.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import hre from "hardhat";
import { buildApiSchema, parseManifest, startLocalIndexer, type LocalIndexer } from "@cosmolocal/graph-test-runtime";
import { lower, MANIFEST, send, ZERO } from "./setup.ts";

const u = (n: number) => BigInt(n) * 10n ** 18n;
const max0 = (x: bigint) => (x > 0n ? x : 0n);
const MEMBER_STATUS = ["None", "Active", "Suspended"];

/** The in-process chain over HTTP (unlimited code size: see `connect` in setup.ts), and a connection to it. */
const server = await hre.network.createServer(
  { network: "default", override: { allowUnlimitedContractSize: true } },
  "127.0.0.1",
);
const { port } = await server.listen();
const rpcUrl = `http://127.0.0.1:${port}`;
const conn = await hre.network.create({ network: "localhost", override: { url: rpcUrl } });
const { ethers } = conn;
const getNetwork = (address: string) => ethers.getContractAt("CreditNetwork", address);

/**
 * Addresses for the indexer: the given data sources, every other one left out (zero address). The built manifest
 * may hold a local deployment's addresses, one of which can be a contract of this test (same deployer and nonce).
 */
function only(given: Record<string, { address: string; startBlock: number }>) {
  return Object.fromEntries(
    parseManifest(MANIFEST).dataSources.map((ds) => [ds.name, given[ds.name] ?? { address: ZERO, startBlock: 0 }]),
  );
}

async function query(url: string, text: string, variables?: Record<string, unknown>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: "http://127.0.0.1:5173" },
    body: JSON.stringify({ query: text, variables }),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data!;
}

const CREDIT_QUERY = `query Credit($network: ID!) {
  creditNetwork(id: $network) { memberCount lineCount openLineCount paymentCount outstanding totalCreditLimit }
  creditMembers(first: 1000, orderBy: id) { id status netPosition creditLimitGiven creditLimitReceived totalPaid }
  creditLines(first: 1000, where: { status: Open }) { id limit used giver { id } receiver { id } }
  payments(orderBy: blockNumber, orderDirection: desc) { amount from { id } to { id } }
  _meta { block { number hash } deployment hasIndexingErrors }
}`;

describe("subgraph · local indexer over HTTP on a real CreditNetwork", () => {
  let indexer: LocalIndexer;
  let credit: Awaited<ReturnType<typeof getNetwork>>;
  let accounts: string[];

  before(async () => {
    const [ada, bea, cyrus] = await ethers.getSigners();
    accounts = [ada, bea, cyrus].map((s) => s.address);
    const deployed = await ethers.deployContract("CreditNetwork", [
      "Commons Credit",
      "CMC",
      18,
      ada.address,
      [ada.address],
    ]);
    const receipt = await deployed.deploymentTransaction()!.wait();
    const creditAddress = await deployed.getAddress();
    credit = await getNetwork(creditAddress);
    for (const m of [ada, bea, cyrus]) await send(credit.connect(ada).admitMember(m.address));
    const open = async (giver: typeof ada, receiver: typeof ada, limit: bigint) => {
      await send(credit.connect(giver).offerCreditLine(receiver.address, limit));
      await send(credit.connect(receiver).acceptCreditLine(giver.address, limit));
    };
    await open(ada, bea, u(1000));
    await open(bea, cyrus, u(500));
    await send(credit.connect(bea).pay(ada.address, u(100), ethers.encodeBytes32String("bread")));
    await send(credit.connect(cyrus).pay(bea.address, u(40), ethers.encodeBytes32String("fish")));
    // Chunks of 4 blocks: the story spans several eth_getLogs calls.
    indexer = await startLocalIndexer({
      manifest: MANIFEST,
      rpcUrl,
      addresses: only({ CreditNetwork: { address: creditAddress, startBlock: receipt!.blockNumber } }),
      port: 0,
      name: "cosmolocal/test",
      pollInterval: 50,
      chunkSize: 4,
    });
  });

  after(async () => {
    await indexer?.close();
    await conn.close();
    await server.close();
  });

  /** Every figure the query returns equals the contract's view at the latest block. */
  async function assertMatchesContract(data: Record<string, unknown>) {
    const members = data.creditMembers as { id: string; status: string; netPosition: string; totalPaid: string }[];
    assert.deepEqual(
      members.map((m) => m.id),
      accounts.map(lower).sort(),
    );
    for (const m of members) {
      assert.equal(BigInt(m.netPosition), await credit.netPosition(m.id), `netPosition of ${m.id}`);
      assert.equal(m.status, MEMBER_STATUS[Number((await credit.member(m.id)).status)]);
    }
    const lines = data.creditLines as {
      limit: string;
      used: string;
      giver: { id: string };
      receiver: { id: string };
    }[];
    assert.equal(lines.length, 2);
    for (const l of lines) {
      assert.equal(BigInt(l.limit), await credit.creditLimit(l.giver.id, l.receiver.id));
      assert.equal(BigInt(l.used), max0(await credit.balance(l.giver.id, l.receiver.id)));
    }
    const network = data.creditNetwork as Record<string, unknown>;
    assert.equal(network.memberCount, 3);
    assert.equal(network.openLineCount, 2);
    assert.equal(BigInt(network.outstanding as string), await credit.outstanding());
    assert.equal(BigInt(network.totalCreditLimit as string), u(1500));
    const head = await ethers.provider.getBlock("latest");
    assert.deepEqual(data._meta, {
      block: { number: head!.number, hash: head!.hash },
      deployment: "cosmolocal/test",
      hasIndexingErrors: false,
    });
  }

  it("indexes from the start block in bounded chunks and answers with the contract's figures", async () => {
    await indexer.waitForBlock(await ethers.provider.getBlockNumber());
    const data = await query(indexer.url, CREDIT_QUERY, { network: lower(await credit.getAddress()) });
    await assertMatchesContract(data);
    assert.equal((data.creditNetwork as Record<string, unknown>).paymentCount, 2);
    assert.deepEqual(
      (data.payments as { amount: string; from: { id: string }; to: { id: string } }[]).map((p) => [
        p.amount,
        p.from.id,
        p.to.id,
      ]),
      [
        [String(u(40)), lower(accounts[2]), lower(accounts[1])],
        [String(u(100)), lower(accounts[1]), lower(accounts[0])],
      ],
    );
  });

  it("follows new blocks as they are mined", async () => {
    const [ada, bea] = await ethers.getSigners();
    await send(credit.connect(bea).pay(ada.address, u(250), ethers.encodeBytes32String("nets")));
    await indexer.waitForBlock(await ethers.provider.getBlockNumber());
    const data = await query(indexer.url, CREDIT_QUERY, { network: lower(await credit.getAddress()) });
    await assertMatchesContract(data);
    assert.equal((data.creditNetwork as Record<string, unknown>).paymentCount, 3);
  });

  it("serves a browser on another origin: CORS preflight, 404 elsewhere, GraphQL errors in the body", async () => {
    const preflight = await fetch(indexer.url, {
      method: "OPTIONS",
      headers: {
        Origin: "http://127.0.0.1:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /Content-Type/i);
    const elsewhere = await fetch(indexer.url.replace("cosmolocal/test", "other/name"), { method: "POST", body: "{}" });
    assert.equal(elsewhere.status, 404);
    const tooMany = await fetch(indexer.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: "{ creditMembers(first: 1001) { id } }" }),
    });
    const body = (await tooMany.json()) as { errors: { message: string }[] };
    assert.match(body.errors[0].message, /The `first` argument must be between 0 and 1000, but is 1001/);
  });

  it("refuses two data sources on one address (each log goes to one data source's runtime)", async () => {
    const address = await credit.getAddress();
    await assert.rejects(
      startLocalIndexer({
        manifest: MANIFEST,
        rpcUrl,
        addresses: only({
          CreditNetwork: { address, startBlock: 1 },
          ImpactMarket: { address: lower(address), startBlock: 1 },
        }),
        port: 0,
      }),
      /data sources CreditNetwork and ImpactMarket both listen to/,
    );
  });

  it("derives graph-node's query schema from schema.graphql (every entity's single and collection fields)", () => {
    const sdl = readFileSync(join(import.meta.dirname, "../schema.graphql"), "utf8");
    const { rootFields } = buildApiSchema(sdl);
    const entityCount = [...sdl.matchAll(/^type \w+ @entity/gm)].length;
    assert.equal(rootFields.size, 2 * entityCount);
    for (const [field, entity] of [
      ["creditMembers", "CreditMember"],
      ["impactRegistries", "ImpactRegistry"],
      ["roundUsageDays", "RoundUsageDay"],
      ["proceedsWithdrawals", "ProceedsWithdrawal"],
      ["vetos", "Veto"],
      ["clearingEpoches", "ClearingEpoch"],
    ]) {
      assert.deepEqual(rootFields.get(field), { entity, collection: true }, field);
    }
  });
});
