// The clearing CLI (scripts/clear.ts) end to end: obligations recorded on a JSON-RPC node, read back by the CLI,
// solved, submitted in chunks; and the file source.
import { expect } from "chai";
import hre from "hardhat";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chunkEdgesFor, main, readObligationsFile } from "../../scripts/clear.ts";

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
    const server = await hre.network.createServer("default", "127.0.0.1", 0);
    const { address, port } = await server.listen();
    const rpc = `http://${address}:${port}`;
    const conn = await hre.network.create({ network: "localhost", override: { url: rpc } });
    try {
      const { ethers } = conn;
      const [steward, a, b, c, d, outsider] = await ethers.getSigners();
      const net = await ethers.deployContract("CreditNetwork", ["Test", "TST", 6, steward.address, [steward.address]]);
      for (const m of [a, b, c, d, outsider]) {
        await (await net.admitMember(m.address)).wait();
        if (m !== outsider) await (await net.connect(m).setClearingConsent(true, false)).wait();
      }
      const unit = 10n ** 6n;
      const record = async (debtor: typeof a, creditor: typeof a, amount: bigint) => {
        await (
          await net.connect(creditor).recordObligation(debtor.address, creditor.address, amount, 0, ethers.ZeroHash)
        ).wait();
        await (await net.connect(debtor).acceptObligation(await net.obligationCount())).wait();
      };
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
      expect(text).to.match(/2 chunk\(s\)/);
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
    } finally {
      await conn.close();
      await server.close();
    }
  });

  it("solves a CSV file and writes the solution as JSON", async function () {
    const dir = mkdtempSync(join(tmpdir(), "clear-cli-"));
    const csv = join(dir, "obligations.csv");
    const A = "0x00000000000000000000000000000000000000a1";
    const B = "0x00000000000000000000000000000000000000b2";
    const C = "0x00000000000000000000000000000000000000c3";
    writeFileSync(csv, `id,debtor,creditor,amount\n1,${A},${B},100\n2,${B},${C},70\n3,${C},${A},90\n`);
    expect(readObligationsFile(csv)).to.have.length(3);
    const out = join(dir, "solution.json");
    expect(await main(["--file", csv, "--out", out])).to.equal(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.solution.cleared).to.equal("210");
    expect(written.solution.setOffs).to.deep.equal([
      { id: "1", amount: "70" },
      { id: "2", amount: "70" },
      { id: "3", amount: "70" },
    ]);
    expect(written.chunks).to.have.length(1);
  });

  it("rejects bad input files and sizes chunks from the block gas limit", async function () {
    const dir = mkdtempSync(join(tmpdir(), "clear-cli-"));
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "id,debtor,amount\n1,0x00000000000000000000000000000000000000a1,5\n");
    expect(() => readObligationsFile(bad)).to.throw(/header must contain/);
    const zero = join(dir, "zero.json");
    writeFileSync(
      zero,
      JSON.stringify([
        {
          id: 1,
          debtor: "0x00000000000000000000000000000000000000a1",
          creditor: "0x00000000000000000000000000000000000000b2",
          amount: 0,
        },
      ]),
    );
    expect(() => readObligationsFile(zero)).to.throw(/positive integer/);
    expect(chunkEdgesFor(30_000_000n)).to.equal(933);
    expect(chunkEdgesFor(100_000n)).to.equal(1);
  });
});
