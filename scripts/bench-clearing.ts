// The clearing solver's benchmark (called by scripts/bench.ts): time and exact optimality on the fixed-seed instance
// of 100,000 obligations among 10,000 members and on a single ring of 100,000 members; time and peak memory of the CLI
// end to end (parse + solve + write, in a child process) on a trade-like instance of 1,000,000 obligations among
// 100,000 members; each figure also as a ratio to the LP solver HiGHS (dev-only) run in the same bench.
// Environment: CLEARING_LP=0 skips the LP runs; CLEARING_LP_LIMIT_S (default 300) is the LP's time limit per solve;
// CLEARING_GLPK=1 (or `--glpk`) also cross-checks with GLPK. Alone: `node scripts/bench-clearing.ts [--glpk]
// [--ring <members>] [--e2e <obligations>]` (smaller sizes for a quick look: the keys then name those sizes).
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Highs } from "highs";
import {
  dualBound,
  randomClearingInstance,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type ObligationInput,
} from "../sdk/src/clearing/index.ts";

/** The benchmark instance: seeded, so every run and every machine solves the same graph. */
export const CLEARING_BENCH_INSTANCE = { seed: 1, members: 10_000, obligations: 100_000, decimals: 18 };
/** The ring: ringInstance(100_000, 1) of test/credit/solver.helpers.ts, one cycle through every member. */
export const CLEARING_RING_INSTANCE = { seed: 1, members: 100_000 };
/** The end-to-end instance: powerLaw(100_000, 1_000_000, 1) of test/credit/solver.helpers.ts (trade-like). */
export const CLEARING_E2E_INSTANCE = { seed: 1, members: 100_000, obligations: 1_000_000 };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const UNIT = 10n ** 18n;
const units = (x: bigint) => Number(x / UNIT) + Number(x % UNIT) / 1e18;
const fmt = (x: bigint) => units(x).toLocaleString("en-US", { maximumFractionDigits: 2 });
/** 100_000 -> "100k", 1_000_000 -> "1m": the size in a key. */
const label = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : `${n}`);
const ratio3 = (x: number) => Number(x.toPrecision(3));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Cross-check with GLPK (dynamic import: only this optional path needs the dev dependency). */
async function glpkCheck(obligations: ObligationInput[], cleared: bigint, seconds: number, log: (s: string) => void) {
  const { default: GLPK } = await import("glpk.js/node");
  const { clearingLp } = await import("../test/credit/solver.helpers.ts");
  const glpk = await GLPK();
  const started = performance.now();
  const r = glpk.solve(clearingLp(glpk, obligations, [], UNIT), { msglev: glpk.GLP_MSG_OFF, tmlim: seconds });
  const ms = performance.now() - started;
  if (r.result.status !== glpk.GLP_OPT) {
    log(`  glpk (${obligations.length} obligations): no optimum within ${seconds} s (status ${r.result.status})`);
    return;
  }
  const rel = Math.abs(units(cleared) - r.result.z) / r.result.z;
  log(
    `  glpk (${obligations.length} obligations): optimum ${r.result.z.toFixed(2)} units in ${(ms / 1000).toFixed(1)} s;` +
      ` solver/glpk relative difference ${rel.toExponential(2)}`,
  );
}

/** An LP run: its time (ms; for a child, spawn to exit), whether it stopped at the time limit, its optimum in units. */
interface LpRun {
  ms: number;
  status: string;
  optimal: boolean;
  /** Stopped at the time limit: `ms` is a lower bound of the time the LP needs. */
  limited: boolean;
  objective: number;
  /** Of `ms`, building the model (in-process runs). */
  buildMs?: number;
}

/** The records of one section: results (key -> value) and the checks that are not "value <= target". */
class Report {
  results: Record<string, number> = {};
  checks: [string, boolean][] = [];
  readonly log: (line: string) => void;
  constructor(log: (line: string) => void) {
    this.log = log;
  }

  /**
   * `<key>.lpRatio` = ours / the LP's figure (< 1: ours is smaller) and `<key>.lpRatio.bound` = 1 when the LP stopped
   * at its time limit (then the LP's time, and its peak memory so far, are lower bounds: the ratio is an upper bound).
   * Also checks that the LP's optimum equals ours (relative difference in units <= 1e-9) when it found one.
   */
  lpRatio(key: string, ours: number, lp: LpRun, lpFigure: number, cleared?: bigint) {
    this.results[`${key}.lpRatio`] = ratio3(ours / lpFigure);
    this.results[`${key}.lpRatio.bound`] = lp.limited ? 1 : 0;
    if (cleared === undefined || !lp.optimal) return;
    const rel = Math.abs(units(cleared) - lp.objective) / Math.max(1, lp.objective);
    this.checks.push([
      `${key}: HiGHS optimum = ours (relative difference ${rel.toExponential(2)} <= 1e-9)`,
      rel <= 1e-9,
    ]);
  }

  /** Logs an LP run; returns whether it gives a ratio (an optimum, or the time limit reached). */
  lpLine(what: string, lp: LpRun, detail = ""): boolean {
    if (lp.optimal) this.log(`  HiGHS ${what}: optimum ${lp.objective.toFixed(2)} units in ${seconds(lp.ms)}${detail}`);
    else if (lp.limited)
      this.log(`  HiGHS ${what}: time limit reached after ${seconds(lp.ms)}${detail}; its ratios are upper bounds`);
    else this.log(`  HiGHS ${what}: no optimum (status ${lp.status}) after ${seconds(lp.ms)}${detail}; no ratio`);
    return lp.optimal || lp.limited;
  }
}

/** Builds the clearing LP in this process and solves it: time = model build + solve (ours also maps its input). */
async function lpInProcess(highs: Highs, obligations: ObligationInput[], limitS: number): Promise<LpRun> {
  const { clearingHighsModel, solveHighs } = await import("../test/credit/solver.helpers.ts");
  const started = performance.now();
  const model = clearingHighsModel(highs, obligations, [], UNIT);
  const buildMs = performance.now() - started;
  const r = solveHighs(highs, model, limitS);
  const ms = performance.now() - started;
  return {
    ms,
    buildMs,
    status: r.status,
    optimal: r.optimal,
    limited: r.status === "timeLimit",
    objective: r.objective,
  };
}

/** Median of 3 timed solves (after the caller's warm-up); throws if the runs disagree. */
function timeSolve(obligations: ObligationInput[]): { median: number; times: number[]; solution: ClearingSolution } {
  const times: number[] = [];
  const runs: ClearingSolution[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    runs.push(solveClearing(obligations));
    times.push(performance.now() - started);
  }
  const solution = runs[0];
  for (const s of runs) {
    if (s.cleared !== solution.cleared || s.setOffs.length !== solution.setOffs.length) {
      throw new Error("clearing bench: runs disagree");
    }
  }
  return { median: [...times].sort((a, b) => a - b)[1], times, solution };
}

/** Verifies the batch (throws if it does not) and returns cleared / dualBound (exactly 1 when proven optimal). */
function provenRatio(obligations: ObligationInput[], solution: ClearingSolution): number {
  const check = verifyBatch(obligations, solution);
  if (!check.ok) throw new Error(`clearing bench: the batch does not verify: ${check.reason}`);
  const bound = dualBound(obligations, solution.potentials!);
  return bound === solution.cleared ? 1 : Number((solution.cleared * 10n ** 12n) / bound) / 1e12;
}

/** Writes obligations as the CLI's CSV (header id,debtor,creditor,amount), 10,000 lines per write; returns bytes. */
export function writeObligationsCsv(path: string, obligations: readonly ObligationInput[]): number {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, "id,debtor,creditor,amount\n");
    for (let i = 0; i < obligations.length; i += 10_000) {
      const lines = obligations.slice(i, i + 10_000).map((o) => `${o.id},${o.debtor},${o.creditor},${o.amount}\n`);
      writeSync(fd, lines.join(""));
    }
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}

/**
 * Runs `node <args>` in a child process preloaded with scripts/bench/peak-memory.ts: wall time from spawn to exit
 * (ms), the child's own peak RSS (MB; undefined if it did not exit normally), exit code and output. Killed (SIGKILL)
 * after `timeoutMs`.
 */
export function measureChild(
  args: string[],
  timeoutMs: number,
): Promise<{ ms: number; peakMb?: number; code: number | null; stdout: string; stderr: string }> {
  const preload = pathToFileURL(join(root, "scripts/bench/peak-memory.ts")).href;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", preload, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString();
      const peak = [...stderr.matchAll(/^peak-rss-kb (\d+)$/gm)].at(-1);
      resolve({
        ms,
        peakMb: peak ? Math.round(Number(peak[1]) / 1024) : undefined,
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: stderr.replace(/\n?peak-rss-kb \d+\n/g, ""),
      });
    });
  });
}

/** The JSON object a CLI printed: all of stdout, or else its last line that parses as an object; undefined if none. */
function jsonOf(stdout: string): Record<string, unknown> | undefined {
  const candidates = [stdout.trim(), ...stdout.trim().split("\n").reverse()];
  for (const text of candidates) {
    if (!text.startsWith("{")) continue;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const tail = (text: string) => text.trim().split("\n").slice(-5).join(" | ");

export interface ClearingBenchOptions {
  /** Also cross-check with GLPK (default: CLEARING_GLPK=1). */
  glpk?: boolean;
  /** Run HiGHS for the `.lpRatio` keys (default: unless CLEARING_LP=0). */
  lp?: boolean;
  /** HiGHS's time limit per solve, in seconds (default: CLEARING_LP_LIMIT_S, else 300). */
  lpLimitS?: number;
  /** Members of the ring (default CLEARING_RING_INSTANCE.members). */
  ringMembers?: number;
  /** Obligations of the end-to-end instance, among a tenth as many members (default 1,000,000; 0 skips it). */
  e2eObligations?: number;
  log?: (line: string) => void;
}

export async function benchClearing(
  options: ClearingBenchOptions = {},
): Promise<{ results: Record<string, number>; checks: [string, boolean][] }> {
  const log = options.log ?? ((s: string) => console.log(s));
  const report = new Report(log);
  const { results, checks } = report;
  const glpk = options.glpk ?? process.env.CLEARING_GLPK === "1";
  const lp = options.lp ?? process.env.CLEARING_LP !== "0";
  const lpLimitS = options.lpLimitS ?? Number(process.env.CLEARING_LP_LIMIT_S || 300);
  const helpers = await import("../test/credit/solver.helpers.ts");
  const highs = lp ? await helpers.loadHighs() : undefined;

  // --- 100k: random uniform instance -------------------------------------------------------------------------
  const { seed, members, obligations: count, decimals } = CLEARING_BENCH_INSTANCE;
  log(`clearing: ${count.toLocaleString("en-US")} obligations among ${members.toLocaleString("en-US")} members…`);
  const { obligations } = randomClearingInstance({ seed, members, obligations: count, decimals });

  // warm-up (JIT) on smaller instances of the kinds timed
  const warm = randomClearingInstance({ seed: seed + 1, members: 1000, obligations: 10_000, decimals });
  solveClearing(warm.obligations);
  solveClearing(helpers.ringInstance(2000, seed + 1));

  const random = timeSolve(obligations);
  const { solution, median } = random;
  const ratio = provenRatio(obligations, solution);
  const remaining = solution.obligationsBefore - solution.cleared;
  log(`  solve: ${random.times.map((t) => t.toFixed(0)).join(", ")} ms (median ${median.toFixed(0)} ms)`);
  log(
    `  ${solution.setOffs.length.toLocaleString("en-US")} set-offs; cleared ${fmt(solution.cleared)} of ` +
      `${fmt(solution.obligationsBefore)} units (${((100 * units(solution.cleared)) / units(solution.obligationsBefore)).toFixed(1)}%);` +
      ` remaining ${fmt(remaining)} >= NID ${fmt(solution.nid)}`,
  );
  log(`  batch verifies; dual bound ${ratio === 1 ? "=" : "!="} cleared: ratio ${ratio}`);
  results["clearing.solve.100k"] = Math.round(median);
  results["clearing.cleared.ratio"] = ratio;
  checks.push([`clearing.cleared.ratio = ${ratio} (must be 1)`, ratio === 1]);
  if (highs) {
    const run = await lpInProcess(highs, obligations, lpLimitS);
    if (report.lpLine("100k", run, ` (model build ${Math.round(run.buildMs!)} ms + solve)`))
      report.lpRatio("clearing.solve.100k", median, run, run.ms, solution.cleared);
  }
  if (glpk) {
    await glpkCheck(obligations, solution.cleared, 60, log);
    const small = randomClearingInstance({ seed: seed + 2, members: 1000, obligations: 10_000, decimals });
    await glpkCheck(small.obligations, solveClearing(small.obligations).cleared, 60, log);
  }

  // --- ring: one cycle through every member ----------------------------------------------------------------------
  const ringMembers = options.ringMembers ?? CLEARING_RING_INSTANCE.members;
  const ringKey = `clearing.solve.ring${label(ringMembers)}`;
  log(`clearing: a ring of ${ringMembers.toLocaleString("en-US")} members…`);
  const ring = helpers.ringInstance(ringMembers, CLEARING_RING_INSTANCE.seed);
  const ringRun = timeSolve(ring);
  const ringRatio = provenRatio(ring, ringRun.solution);
  log(`  solve: ${ringRun.times.map((t) => t.toFixed(0)).join(", ")} ms (median ${ringRun.median.toFixed(0)} ms)`);
  log(
    `  cleared ${fmt(ringRun.solution.cleared)} units; batch verifies; dual bound ` +
      `${ringRatio === 1 ? "=" : "!="} cleared: ratio ${ringRatio}`,
  );
  results[ringKey] = Math.round(ringRun.median);
  results[`clearing.cleared.ratio.ring${label(ringMembers)}`] = ringRatio;
  checks.push([`clearing.cleared.ratio.ring${label(ringMembers)} = ${ringRatio} (must be 1)`, ringRatio === 1]);
  if (highs) {
    const run = await lpInProcess(highs, ring, lpLimitS);
    if (report.lpLine(`ring${label(ringMembers)}`, run, ` (model build ${Math.round(run.buildMs!)} ms + solve)`))
      report.lpRatio(ringKey, ringRun.median, run, run.ms, ringRun.solution.cleared);
  }

  // --- end to end through the CLI, in child processes ----------------------------------------------------------
  const e2eObligations = options.e2eObligations ?? CLEARING_E2E_INSTANCE.obligations;
  if (e2eObligations > 0) await benchEndToEnd(report, e2eObligations, lp ? lpLimitS : undefined, log);
  return { results, checks };
}

/**
 * `clearing.solve.<size>` (ms from spawn to exit of `node scripts/clear.ts --file <csv> --out <csv> --json`) and
 * `clearing.memory.<size>` (that process's peak RSS, MB) on powerLaw(obligations / 10, obligations); with an LP time
 * limit, the same two figures for scripts/bench/clearing-lp.ts (read the CSV, build, solve with HiGHS) as ratios.
 */
async function benchEndToEnd(
  report: Report,
  obligations: number,
  lpLimitS: number | undefined,
  log: (s: string) => void,
) {
  const { results } = report;
  const members = Math.floor(obligations / 10);
  const size = label(obligations);
  const dir = mkdtempSync(join(tmpdir(), "cosmolocal-clearing-"));
  try {
    const csv = join(dir, "obligations.csv");
    log(
      `clearing end to end: ${obligations.toLocaleString("en-US")} obligations among ` +
        `${members.toLocaleString("en-US")} members (trade-like), through scripts/clear.ts in a child process…`,
    );
    const started = performance.now();
    const { powerLaw } = await import("../test/credit/solver.helpers.ts");
    const bytes = writeObligationsCsv(csv, powerLaw(members, obligations, CLEARING_E2E_INSTANCE.seed));
    log(`  instance written to ${csv} (${Math.round(bytes / 2 ** 20)} MB) in ${seconds(performance.now() - started)}`);

    const clear = join(root, "scripts/clear.ts");
    const ours = await measureChild([clear, "--file", csv, "--out", join(dir, "out.csv"), "--json"], 600_000);
    if (ours.code !== 0) throw new Error(`clearing bench: clear.ts exited with ${ours.code}: ${tail(ours.stderr)}`);
    if (ours.peakMb === undefined) throw new Error("clearing bench: clear.ts did not report its peak memory");
    results[`clearing.solve.${size}`] = Math.round(ours.ms);
    results[`clearing.memory.${size}`] = ours.peakMb;
    const summary = jsonOf(ours.stdout);
    // per-stage milliseconds: `ms` in the CLI's summary (`times` accepted too)
    const times = (summary?.ms ?? summary?.times) as Record<string, number> | undefined;
    const stages = times
      ? `; stages ${Object.entries(times)
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(", ")} ms`
      : "";
    log(`  clear.ts: ${Math.round(ours.ms)} ms spawn to exit, peak RSS ${ours.peakMb} MB${stages}`);
    const clearedText = summary?.cleared;
    const cleared = /^\d+$/.test(String(clearedText)) ? BigInt(String(clearedText)) : undefined;
    if (cleared !== undefined)
      log(
        `  cleared ${fmt(cleared)} units${summary?.optimal === true ? " (proven optimal: dual bound = cleared)" : ""}`,
      );
    if (lpLimitS === undefined) return;

    const lpScript = join(root, "scripts/bench/clearing-lp.ts");
    const child = await measureChild([lpScript, csv, String(lpLimitS)], (lpLimitS + 600) * 1000);
    const out = jsonOf(child.stdout);
    if (child.code !== 0 || out === undefined) {
      log(`  HiGHS ${size}: the LP process failed (exit ${child.code}: ${tail(child.stderr)}); no ratio`);
      return;
    }
    const run: LpRun = {
      ms: child.ms,
      status: String(out.status),
      optimal: out.optimal === true,
      limited: out.status === "timeLimit",
      objective: Number(out.objective),
    };
    const detail = ` (read ${out.readMs} ms, build ${out.buildMs} ms, solve ${out.solveMs} ms), peak RSS ${child.peakMb} MB`;
    if (!report.lpLine(`${size} in a child process`, run, detail)) return;
    if (cleared === undefined) log("  the CLI's summary has no `cleared`: the LP's optimum is not compared");
    report.lpRatio(`clearing.solve.${size}`, ours.ms, run, run.ms, cleared);
    if (child.peakMb !== undefined) report.lpRatio(`clearing.memory.${size}`, ours.peakMb, run, child.peakMb);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { glpk: { type: "boolean" }, ring: { type: "string" }, e2e: { type: "string" } },
  });
  const { results, checks } = await benchClearing({
    glpk: values.glpk || undefined,
    ringMembers: values.ring ? Number(values.ring) : undefined,
    e2eObligations: values.e2e ? Number(values.e2e) : undefined,
  });
  for (const [text, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${text}`);
  console.log(JSON.stringify(results));
}
