// The clearing CLI's file source and outputs (scripts/clear.ts, node --test, no chain): --out id,setoff rows that
// verify, --batches lines that add up to the solution, the --json summary, "nothing to clear", exit codes, and a
// fresh clone (no sdk/src/generated/) running --help and --file. The chain source: test/credit/clear.cli.ts (mocha).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { keccak256, stringToHex } from "viem";
import {
  netPositions,
  randomClearingInstance,
  solveClearing,
  verifyBatch,
  type ObligationInput,
  type SetOff,
} from "../sdk/src/clearing/index.ts";
import { EXIT, main, netInternalDebtAfter, solutionIdOf } from "./clear.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "clear-cli-"));
const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";
const C = "0x00000000000000000000000000000000000000c3";

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const csvOf = (obligations: readonly ObligationInput[]) =>
  `id,debtor,creditor,amount\n${obligations.map((o) => `${o.id},${o.debtor},${o.creditor},${o.amount}`).join("\n")}\n`;

/** Runs main() in-process; returns its exit code and what it printed on stdout and stderr. */
async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => void out.push(l), err: (l) => void err.push(l) });
  return { code, out, err };
}

/** The set-offs of an `--out` file. */
function readSetOffs(path: string): SetOff[] {
  const [header, ...rows] = readFileSync(path, "utf8").trimEnd().split("\n");
  assert.equal(header, "id,setoff");
  return rows
    .filter((r) => r !== "")
    .map((r) => {
      const [id, amount] = r.split(",");
      return { id: BigInt(id), amount: BigInt(amount) };
    });
}

const instance = randomClearingInstance({ seed: 5, members: 200, obligations: 3_000 });
const instanceFile = file("instance.csv", csvOf(instance.obligations));

describe("clear CLI: file source and outputs", () => {
  it("--help prints the options and the exit codes", async () => {
    const { code, out } = await cli(["--help"]);
    assert.equal(code, EXIT.ok);
    assert.match(out.join("\n"), /--batches <path>/);
    assert.match(out.join("\n"), /Exit codes:\n {2}0 {2}solved/);
  });

  it("--out writes id,setoff rows (ascending id, > 0) that verify against the file's obligations", async () => {
    const out = join(dir, "setoffs.csv");
    const { code, out: lines } = await cli(["--file", instanceFile, "--out", out]);
    assert.equal(code, EXIT.ok);
    const setOffs = readSetOffs(out);
    assert.ok(setOffs.length > 100);
    for (let i = 0; i < setOffs.length; i++) {
      assert.ok(setOffs[i].amount > 0n);
      if (i > 0) assert.ok(setOffs[i].id > setOffs[i - 1].id);
    }
    const cleared = setOffs.reduce((sum, s) => sum + s.amount, 0n);
    assert.deepEqual(verifyBatch(instance.obligations, { setOffs, creditMoves: [], cleared, movedToCredit: 0n }), {
      ok: true,
    });
    assert.equal(cleared, solveClearing(instance.obligations).cleared);
    const text = lines.join("\n");
    assert.match(text, /optimum bound .* = cleared: the batch is optimal/);
    assert.match(
      text,
      /^time {19}read \d[\d,]* ms, solve \d[\d,]* ms, verify \d[\d,]* ms, chunk \d[\d,]* ms, write \d[\d,]* ms$/m,
    );
  });

  it("--json prints one JSON object, with every field, and nothing else on stdout", async () => {
    const { code, out, err } = await cli(["--file", instanceFile, "--json", "--chunk-edges", "400"]);
    assert.equal(code, EXIT.ok, err.join("\n"));
    assert.equal(out.length, 1);
    const summary = JSON.parse(out[0]);
    const solution = solveClearing(instance.obligations);
    assert.deepEqual(Object.keys(summary), [
      "source",
      "file",
      "network",
      "chainId",
      "symbol",
      "decimals",
      "obligations",
      "members",
      "excluded",
      "obligationsBefore",
      "cleared",
      "clearedPercent",
      "optimumBound",
      "optimal",
      "movedToCredit",
      "creditMoves",
      "remaining",
      "nidBefore",
      "nidAfter",
      "setOffs",
      "chunks",
      "maxSetOffsPerChunk",
      "gasBudget",
      "chunksOverBudget",
      "splitCycles",
      "splitParts",
      "solutionId",
      "out",
      "batches",
      "transactions",
      "ms",
    ]);
    assert.equal(summary.source, "file");
    assert.equal(summary.obligations, 3_000);
    assert.equal(summary.members, 200);
    assert.equal(summary.cleared, String(solution.cleared));
    assert.equal(summary.optimumBound, String(solution.cleared));
    assert.equal(summary.optimal, true);
    assert.equal(summary.obligationsBefore, String(solution.obligationsBefore));
    assert.equal(summary.remaining, String(solution.obligationsBefore - solution.cleared));
    assert.equal(summary.nidBefore, String(solution.nid));
    assert.equal(summary.nidAfter, String(solution.nid));
    assert.equal(summary.setOffs, solution.setOffs.length);
    assert.equal(summary.maxSetOffsPerChunk, 400);
    assert.equal(summary.gasBudget, String(60_000n + 16_000n * 400n));
    assert.equal(summary.solutionId, solutionIdOf(solution.setOffs));
    for (const stage of ["read", "solve", "verify", "chunk", "write"]) assert.equal(typeof summary.ms[stage], "number");
    assert.match(err.join("\n"), /the batch verifies/);
  });

  it("--batches: one line per chunk that verifies in turn, and together add up to the solution", async () => {
    const batches = join(dir, "batches.jsonl");
    const out = join(dir, "with-batches.csv");
    const { code } = await cli(["--file", instanceFile, "--out", out, "--batches", batches, "--chunk-edges", "50"]);
    assert.equal(code, EXIT.ok);
    const lines = readFileSync(batches, "utf8").trimEnd().split("\n");
    const remaining = new Map(instance.obligations.map((o) => [o.id, o.amount]));
    const total = new Map<bigint, bigint>();
    const ids = new Set<string>();
    lines.forEach((line, i) => {
      const batch = JSON.parse(line);
      assert.equal(batch.chunk, i + 1);
      assert.equal(batch.chunks, lines.length);
      ids.add(batch.solutionId);
      assert.deepEqual(batch.creditMoves, []);
      const setOffs: SetOff[] = batch.setOffs.map(([id, amount]: [string, string]) => ({
        id: BigInt(id),
        amount: BigInt(amount),
      }));
      const cleared = setOffs.reduce((sum, s) => sum + s.amount, 0n);
      assert.equal(batch.cleared, String(cleared));
      const current = instance.obligations
        .filter((o) => remaining.get(o.id)! > 0n)
        .map((o) => ({ ...o, amount: remaining.get(o.id)! }));
      assert.equal(batch.obligationsBefore, String(current.reduce((sum, o) => sum + o.amount, 0n)));
      // Each chunk is a valid batch against what the earlier chunks left.
      assert.deepEqual(verifyBatch(current, { setOffs, creditMoves: [], cleared, movedToCredit: 0n }), { ok: true });
      for (const s of setOffs) {
        remaining.set(s.id, remaining.get(s.id)! - s.amount);
        total.set(s.id, (total.get(s.id) ?? 0n) + s.amount);
      }
    });
    assert.deepEqual([...ids], [solutionIdOf(readSetOffs(out))]);
    assert.deepEqual(
      [...total].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, amount]) => ({ id, amount })),
      readSetOffs(out),
    );
  });

  it("nothing to clear: exit 0, a header-only --out and an empty --batches replace the old files", async () => {
    const chain = file("chain.csv", `id,debtor,creditor,amount\n1,${A},${B},5\n2,${B},${C},7\n`);
    const out = file("old-out.csv", "id,setoff\n1,5\n");
    const batches = file("old-batches.jsonl", '{"chunk":1}\n');
    const { code, out: lines } = await cli(["--file", chain, "--out", out, "--batches", batches]);
    assert.equal(code, EXIT.ok);
    assert.match(lines.join("\n"), /nothing to clear/);
    assert.match(lines.join("\n"), /^chunks {17}0$/m);
    assert.equal(readFileSync(out, "utf8"), "id,setoff\n");
    assert.equal(readFileSync(batches, "utf8"), "");
  });

  it("a bad file exits 2 with file:line: column, and removes the old outputs this run could not replace", async () => {
    const bad = file("bad.csv", `id,debtor,creditor,amount\n1,${A},${B},1e18\n`);
    const out = file("stale.csv", "id,setoff\n1,5\n");
    const { code, out: lines, err } = await cli(["--file", bad, "--out", out]);
    assert.equal(code, EXIT.usage);
    assert.deepEqual(lines, []);
    assert.equal(
      err[0],
      `clear: ${bad}:2: column 4 (amount): expected a whole number of base units (digits only), got "1e18"`,
    );
    assert.equal(existsSync(out), false);
    assert.equal((await cli(["--file", bad, "--submit"])).code, EXIT.usage);
    assert.equal((await cli(["--file", instanceFile, "--gas-budget", "10e6"])).code, EXIT.usage);
    assert.equal((await cli(["--file", instanceFile, "--out", join(dir, "no-such-folder", "x.csv")])).code, EXIT.usage);
    assert.equal((await cli(["--file", instanceFile, "--out", instanceFile])).code, EXIT.usage);
    assert.ok(existsSync(instanceFile));
    assert.equal((await cli(["--unknown"])).code, EXIT.usage);
  });

  it("a cycle longer than a chunk is split into parts with bridges; a budget too small for a part is named", async () => {
    const ring = Array.from({ length: 20 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}`);
    const obligations = ring.map((m, i) => ({
      id: BigInt(i + 1),
      debtor: m,
      creditor: ring[(i + 1) % 20],
      amount: 5n,
    }));
    const batches = join(dir, "ring.jsonl");
    const ringFile = file("ring.csv", csvOf(obligations));
    // 16 edges: parts of 8 ring edges, each with the bridge it sets off (1) and the one it leaves (BRIDGE_EDGES, 7).
    const split = await cli(["--file", ringFile, "--chunk-edges", "16", "--batches", batches]);
    assert.equal(split.code, EXIT.ok);
    const text = split.out.join("\n");
    assert.match(text, /^chunks {17}3 of at most 16 set-offs each \(gas budget 316,000\)$/m);
    assert.match(text, /^split cycles {11}1 cycle\(s\) longer than a chunk, in 3 parts \(a steward sends them/m);
    const lines = readFileSync(batches, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.call, l.part, l.parts, l.setOffs.length, l.bridge?.[2] ?? null]),
      [
        ["clearPart", 1, 3, 8, "5"],
        ["clearPart", 2, 3, 8, "5"],
        ["clearPart", 3, 3, 4, null],
      ],
    );
    // Every bridge runs from the cycle's first member to the last one its part reached.
    assert.equal(lines[0].bridge[0], lines[1].bridge[0]);
    assert.notEqual(lines[0].bridge[1], lines[1].bridge[1]);
    // Outstanding before each part counts the bridges: 100, then 100 - 40 + 5, then 65 - 45 + 5.
    assert.deepEqual(
      lines.map((l) => [l.obligationsBefore, l.cleared]),
      [
        ["100", "40"],
        ["65", "45"],
        ["25", "25"],
      ],
    );

    // 3 edges cannot hold one ring edge and its two bridges: those parts are named over the budget.
    const small = await cli(["--file", ringFile, "--chunk-edges", "3", "--batches", batches]);
    assert.equal(small.code, EXIT.ok);
    const smallText = small.out.join("\n");
    assert.match(smallText, /^chunks {17}20, 19 of them over the gas budget 108,000 \(≈ 3 set-offs\)$/m);
    assert.match(
      smallText,
      /^chunk 1 holds 8 set-offs, over the gas budget of 108,000 \(≈ 3 set-offs\): a part of a split cycle holds at least one set-off and its two bridges \(9 set-offs' worth\)$/m,
    );
    assert.doesNotMatch(smallText, /at most/);
  });

  it("the solution id is keccak256 of the set-offs' JSON, as before; NID after follows the credit moves", () => {
    const solution = solveClearing(instance.obligations);
    const json = JSON.stringify(solution.setOffs.map((s) => [String(s.id), String(s.amount)]));
    assert.equal(solutionIdOf(solution.setOffs), keccak256(stringToHex(json)));

    const withLines = randomClearingInstance({ seed: 9, members: 60, obligations: 400, liquidity: 80 });
    const batch = solveClearing(withLines.obligations, { liquidity: withLines.liquidity });
    assert.ok(batch.creditMoves.length > 0);
    // By definition: the NID of the remaining amounts, with each credit move's net effect on obligation positions.
    const setOff = new Map(batch.setOffs.map((s) => [s.id, s.amount]));
    const remaining = withLines.obligations
      .map((o) => ({ ...o, amount: o.amount - (setOff.get(o.id) ?? 0n) }))
      .filter((o) => o.amount > 0n);
    const net = new Map([...netPositions(withLines.obligations)].map(([k]) => [k.toLowerCase(), 0n]));
    for (const [k, v] of netPositions(remaining)) net.set(k.toLowerCase(), v);
    let nid = 0n;
    for (const v of net.values()) if (v > 0n) nid += v;
    assert.equal(netInternalDebtAfter(withLines.obligations, batch), nid);
    assert.ok(nid < batch.nid);
  });
});

describe("clear CLI on a fresh clone (no sdk/src/generated/)", () => {
  it("--help and --file work; the chain source says what to build, in one line, exit 2", () => {
    // Copy clear.ts and everything it imports statically (relative imports, followed), nothing generated.
    const clone = mkdtempSync(join(tmpdir(), "clear-clone-"));
    const pending = [join(root, "scripts/clear.ts")];
    const copied = new Set<string>();
    while (pending.length > 0) {
      const path = pending.pop()!;
      if (copied.has(path)) continue;
      copied.add(path);
      const target = join(clone, relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
      const source = readFileSync(path, "utf8");
      for (const match of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)";/gms)) {
        pending.push(resolve(dirname(path), match[1]));
      }
    }
    assert.ok(![...copied].some((p) => p.includes("generated")), "a static import reaches sdk/src/generated/");
    copyFileSync(join(root, "package.json"), join(clone, "package.json"));
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"), "dir");
    writeFileSync(join(clone, "obligations.csv"), `id,debtor,creditor,amount\n1,${A},${B},4\n2,${B},${A},6\n`);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["scripts/clear.ts", ...args], {
        cwd: clone,
        encoding: "utf8",
        env: { ...process.env, RPC_URL: "http://127.0.0.1:9" },
      });

    const help = run("--help");
    assert.equal(help.status, EXIT.ok, help.stderr);
    assert.match(help.stdout, /^Usage: npm run clear/);
    const fromFile = run("--file", "obligations.csv", "--out", "setoffs.csv");
    assert.equal(fromFile.status, EXIT.ok, fromFile.stderr);
    assert.equal(readFileSync(join(clone, "setoffs.csv"), "utf8"), "id,setoff\n1,4\n2,4\n");
    const chain = run();
    assert.equal(chain.status, EXIT.usage);
    assert.equal(chain.stdout, "");
    assert.equal(
      chain.stderr,
      "clear: the chain source needs the generated SDK (sdk/src/generated/ is missing): run `npx hardhat build && " +
        "node scripts/gen-sdk.ts` first (npm start and npm run deploy do both); the --file source does not need it\n",
    );
  });
});
