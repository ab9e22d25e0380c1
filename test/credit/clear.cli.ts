// The clearing CLI (scripts/clear.ts) end to end: obligations recorded on a JSON-RPC node, read back by the CLI,
// solved, submitted in chunks; and the file source.
import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPublicClient, custom, http, type PublicClient } from "viem";
import { chunkEdgesFor, EXIT, main, readChainObligations, setOffsForGas } from "../../scripts/clear.ts";
import type { Network, Signer } from "./fixtures.ts";

type Connection = Awaited<ReturnType<typeof hre.network.create>>;

/** A JSON-RPC node of the default network on a free port, and a connection to it; both closed afterwards. */
async function onLocalNode(run: (node: { rpc: string; ethers: Connection["ethers"] }) => Promise<void>) {
  const server = await hre.network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  const rpc = `http://${address}:${port}`;
  const conn = await hre.network.create({ network: "localhost", override: { url: rpc } });
  try {
    await run({ rpc, ethers: conn.ethers });
  } finally {
    await conn.close();
    await server.close();
  }
}

/** A CreditNetwork in a 6-decimal test currency, `steward` its admin and only steward. */
const deployTestNetwork = (ethers: Connection["ethers"], steward: Signer) =>
  ethers.deployContract("CreditNetwork", ["Test", "TST", 6, steward.address, [steward.address]]) as Promise<Network>;

/** An open obligation: `creditor` records that `debtor` owes it `amount`, and the debtor accepts. */
async function recordAccepted(net: Network, debtor: Signer, creditor: Signer, amount: bigint) {
  const zero = `0x${"0".repeat(64)}`;
  await (await net.connect(creditor).recordObligation(debtor.address, creditor.address, amount, 0, zero)).wait();
  await (await net.connect(debtor).acceptObligation(await net.obligationCount())).wait();
}

describe("clear CLI (scripts/clear.ts)", function () {
  const output: string[] = [];
  let restore: typeof console.log;
  beforeEach(() => {
    output.length = 0;
    restore = console.log;
    console.log = (...args: unknown[]) => void output.push(args.join(" "));
  });
  afterEach(() => {
    console.log = restore;
  });

  it("reads open obligations from the chain, clears two cycles in chunks and leaves net positions unchanged", async function () {
    await onLocalNode(async ({ rpc, ethers }) => {
      const [steward, a, b, c, d, outsider] = await ethers.getSigners();
      const net = await deployTestNetwork(ethers, steward);
      for (const m of [a, b, c, d, outsider]) {
        await (await net.admitMember(m.address)).wait();
        if (m !== outsider) await (await net.connect(m).setClearingConsent(true, false)).wait();
      }
      const unit = 10n ** 6n;
      const record = (debtor: Signer, creditor: Signer, amount: bigint) =>
        recordAccepted(net, debtor, creditor, amount);
      // Cycle a -> b -> c -> a (min 30) and a 2-cycle c <-> d (min 5); d -> outsider is not consented.
      await record(a, b, 50n * unit);
      await record(b, c, 30n * unit);
      await record(c, a, 40n * unit);
      await record(c, d, 5n * unit);
      await record(d, c, 8n * unit);
      await record(d, outsider, 9n * unit);
      const before = await Promise.all([a, b, c, d].map((m) => net.netPosition(m.address)));

      const code = await main([
        "--rpc",
        rpc,
        "--network",
        await net.getAddress(),
        "--submit",
        "--account",
        "0",
        "--yes",
        "--chunk-edges",
        "3",
      ]);
      expect(code).to.equal(0);
      const text = output.join("\n");
      expect(text).to.match(/1 open obligations left out/);
      expect(text).to.match(/cleared\s+100 TST/); // 3 x 30 + 2 x 5
      expect(text).to.match(/chunks\s+2 of at most 3 set-offs each/);
      expect(text).to.match(/optimum bound\s+100 TST\s+= cleared: the batch is optimal/);
      expect(await net.epochCount()).to.equal(2n);
      expect((await net.obligation(1)).remaining).to.equal(20n * unit);
      expect((await net.obligation(2)).remaining).to.equal(0n);
      expect((await net.obligation(3)).remaining).to.equal(10n * unit);
      expect((await net.obligation(4)).remaining).to.equal(0n);
      expect((await net.obligation(5)).remaining).to.equal(3n * unit);
      expect((await net.obligation(6)).remaining).to.equal(9n * unit);
      const after = await Promise.all([a, b, c, d].map((m) => net.netPosition(m.address)));
      expect(after).to.deep.equal(before);

      // Nothing left to clear: a second run solves to zero and sends nothing.
      output.length = 0;
      expect(
        await main(["--rpc", rpc, "--network", await net.getAddress(), "--submit", "--account", "0", "--yes"]),
      ).to.equal(0);
      expect(output.join("\n")).to.match(/nothing to clear/);
    });
  });

  it("sends a ring longer than a chunk in parts with bridges, as a steward only; positions never move", async function () {
    await onLocalNode(async ({ rpc, ethers }) => {
      const [steward, ...others] = await ethers.getSigners();
      const ring = others.slice(0, 12);
      const net = await deployTestNetwork(ethers, steward);
      for (const m of ring) {
        await (await net.admitMember(m.address)).wait();
        await (await net.connect(m).setClearingConsent(true, false)).wait();
      }
      const unit = 10n ** 6n;
      for (let i = 0; i < ring.length; i++) {
        await recordAccepted(net, ring[i], ring[(i + 1) % ring.length], BigInt(20 + i) * unit);
      }
      const before = await Promise.all(ring.map((m) => net.netPosition(m.address)));
      const address = await net.getAddress();
      // --chunk-edges 10: one set-off and the two bridges' 8 edges' worth leave 2 ring edges per part, so 6 parts.
      const args = ["--rpc", rpc, "--network", address, "--submit", "--yes", "--chunk-edges", "10"];

      // A member who is not a steward: refused before anything is sent.
      expect(await main([...args, "--account", "1"])).to.equal(EXIT.failure);
      expect(output.join("\n")).to.match(/split cycles\s+1 cycle\(s\) longer than a chunk, in 6 parts/);
      expect(await net.epochCount()).to.equal(0n);

      output.length = 0;
      expect(await main([...args, "--account", "0"])).to.equal(EXIT.ok);
      const text = output.join("\n");
      expect(text).to.match(/chunk 6\/6: epoch 6, part 6\/6 of a split cycle/);
      expect(await net.epochCount()).to.equal(6n);
      // The ring's smallest obligation (20) is set off on every edge; five bridges opened and were set off.
      for (let id = 1n; id <= 12n; id++) {
        const o = await net.obligation(id);
        expect(o.remaining).to.equal(o.amount - 20n * unit);
      }
      expect(await net.obligationCount()).to.equal(17n);
      for (let id = 13n; id <= 17n; id++) expect((await net.obligation(id)).remaining).to.equal(0n);
      expect(await Promise.all(ring.map((m) => net.netPosition(m.address)))).to.deep.equal(before);
    });
  });

  it("reads liquidity logs in bounded windows from --from-block, and refuses --liquidity without a start block", async function () {
    await onLocalNode(async ({ rpc, ethers }) => {
      const [steward, a, b, c] = await ethers.getSigners();
      const net = await deployTestNetwork(ethers, steward);
      const deployedAt = await ethers.provider.getBlockNumber();
      for (const m of [a, b, c]) await (await net.admitMember(m.address)).wait();
      for (const m of [a, b]) await (await net.connect(m).setClearingConsent(true, false)).wait();
      await (await net.connect(c).setClearingConsent(true, true)).wait(); // c lends its lines as liquidity
      const unit = 10n ** 6n;
      // a owes b 50, b owes c 50; c gives a a line of 100: a pays c on credit, which closes the chain.
      const record = (debtor: Signer, creditor: Signer, amount: bigint) =>
        recordAccepted(net, debtor, creditor, amount);
      await record(a, b, 50n * unit);
      await record(b, c, 50n * unit);
      await (await net.connect(c).offerCreditLine(a.address, 100n * unit)).wait();
      await (await net.connect(a).acceptCreditLine(c.address, 100n * unit)).wait();
      // Empty blocks, so that the log read needs several windows.
      await ethers.provider.send("hardhat_mine", ["0x20"]);
      // The log reads: windows of at most --log-window blocks, from the start block, never from block 0.
      const inner = createPublicClient({ transport: http(rpc) });
      const ranges: [bigint, bigint][] = [];
      const counting = createPublicClient({
        transport: custom({
          request: async ({ method, params }) => {
            if (method === "eth_getLogs") {
              const [filter] = params as [{ fromBlock: string; toBlock: string }];
              ranges.push([BigInt(filter.fromBlock), BigInt(filter.toBlock)]);
            }
            return inner.request({ method, params } as never);
          },
        }),
      }) as PublicClient;
      const read = await readChainObligations(counting, (await net.getAddress()) as `0x${string}`, {
        fromBlock: BigInt(deployedAt),
        logWindow: 5n,
        liquidity: true,
      });
      expect(read.liquidity).to.deep.equal([{ payer: a.address, payee: c.address, capacity: 100n * unit }]);
      const head = BigInt(await ethers.provider.getBlockNumber());
      expect(ranges.length).to.equal(Number((head - BigInt(deployedAt)) / 5n) + 1);
      for (const [from, to] of ranges) {
        expect(to - from + 1n <= 5n).to.equal(true);
        expect(from >= BigInt(deployedAt)).to.equal(true);
      }

      const errors: string[] = [];
      const io = { out: (l: string) => void output.push(l), err: (l: string) => void errors.push(l) };
      const base = ["--rpc", rpc, "--network", await net.getAddress(), "--liquidity"];

      expect(await main(base, io)).to.equal(EXIT.usage);
      expect(errors.join("\n")).to.match(/--liquidity reads logs: give --from-block <n>/);

      errors.length = 0;
      output.length = 0;
      const code = await main([...base, "--from-block", String(deployedAt), "--log-window", "5", "--json"], io);
      expect(code, errors.join("\n")).to.equal(EXIT.ok);
      expect(output).to.have.length(1);
      const summary = JSON.parse(output[0]);
      expect(summary.cleared).to.equal(String(100n * unit));
      expect(summary.creditMoves).to.equal(1);
      expect(summary.movedToCredit).to.equal(String(50n * unit));
      expect(summary.nidBefore).to.equal(String(50n * unit));
      expect(summary.nidAfter).to.equal("0");
      expect(summary.optimal).to.equal(true);
    });
  });

  it("solves a CSV file and writes the set-offs as a CSV id,setoff", async function () {
    const dir = mkdtempSync(join(tmpdir(), "clear-cli-"));
    const csv = join(dir, "obligations.csv");
    const A = "0x00000000000000000000000000000000000000a1";
    const B = "0x00000000000000000000000000000000000000b2";
    const C = "0x00000000000000000000000000000000000000c3";
    writeFileSync(csv, `id,debtor,creditor,amount\n1,${A},${B},100\n2,${B},${C},70\n3,${C},${A},90\n`);
    const out = join(dir, "setoffs.csv");
    expect(await main(["--file", csv, "--out", out])).to.equal(EXIT.ok);
    expect(readFileSync(out, "utf8")).to.equal("id,setoff\n1,70\n2,70\n3,70\n");
    expect(output.join("\n")).to.match(/cleared\s+210 base units\s+\(80\.76%\) in 3 set-offs/);
  });

  it("rejects bad input files (exit 2) and sizes chunks from the gas", async function () {
    const dir = mkdtempSync(join(tmpdir(), "clear-cli-"));
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "id,debtor,amount\n1,0x00000000000000000000000000000000000000a1,5\n");
    const errors: string[] = [];
    const io = { out: (l: string) => void output.push(l), err: (l: string) => void errors.push(l) };
    expect(await main(["--file", bad], io)).to.equal(EXIT.usage);
    expect(errors[0]).to.equal(
      `clear: ${bad}:1: header: expected the columns id, debtor, creditor and amount (any order), got "id,debtor,amount": no creditor`,
    );
    expect(chunkEdgesFor(30_000_000n)).to.equal(933);
    expect(chunkEdgesFor(100_000n)).to.equal(1);
    expect(setOffsForGas(10_000_000n)).to.equal(621);
  });
});
