// The clearing solver's benchmark (called by scripts/bench.ts): time and exact optimality on the fixed-seed instance
// of 100,000 obligations among 10,000 members; `--glpk` (or CLEARING_GLPK=1) also cross-checks with GLPK.
import { fileURLToPath } from "node:url";
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

const UNIT = 10n ** 18n;
const units = (x: bigint) => Number(x / UNIT) + Number(x % UNIT) / 1e18;
const fmt = (x: bigint) => units(x).toLocaleString("en-US", { maximumFractionDigits: 2 });

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

export async function benchClearing(
  options: { glpk?: boolean; log?: (line: string) => void } = {},
): Promise<Record<string, number>> {
  const log = options.log ?? ((s: string) => console.log(s));
  const glpk = options.glpk ?? process.env.CLEARING_GLPK === "1";
  const { seed, members, obligations: count, decimals } = CLEARING_BENCH_INSTANCE;
  log(`clearing: ${count.toLocaleString("en-US")} obligations among ${members.toLocaleString("en-US")} members…`);
  const { obligations } = randomClearingInstance({ seed, members, obligations: count, decimals });

  // warm-up (JIT) on a smaller instance of the same kind
  const warm = randomClearingInstance({ seed: seed + 1, members: 1000, obligations: 10_000, decimals });
  solveClearing(warm.obligations);

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
  const median = [...times].sort((a, b) => a - b)[1];

  const check = verifyBatch(obligations, solution);
  if (!check.ok) throw new Error(`clearing bench: the batch does not verify: ${check.reason}`);
  const bound = dualBound(obligations, solution.potentials!);
  const ratio = bound === solution.cleared ? 1 : Number((solution.cleared * 10n ** 12n) / bound) / 1e12;

  const remaining = solution.obligationsBefore - solution.cleared;
  log(`  solve: ${times.map((t) => t.toFixed(0)).join(", ")} ms (median ${median.toFixed(0)} ms)`);
  log(
    `  ${solution.setOffs.length.toLocaleString("en-US")} set-offs; cleared ${fmt(solution.cleared)} of ` +
      `${fmt(solution.obligationsBefore)} units (${((100 * units(solution.cleared)) / units(solution.obligationsBefore)).toFixed(1)}%);` +
      ` remaining ${fmt(remaining)} >= NID ${fmt(solution.nid)}`,
  );
  log(`  batch verifies; dual bound ${bound === solution.cleared ? "=" : "!="} cleared: ratio ${ratio}`);

  if (glpk) {
    await glpkCheck(obligations, solution.cleared, 60, log);
    const small = randomClearingInstance({ seed: seed + 2, members: 1000, obligations: 10_000, decimals });
    await glpkCheck(small.obligations, solveClearing(small.obligations).cleared, 60, log);
  }
  return { "clearing.solve.100k": Math.round(median), "clearing.cleared.ratio": ratio };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchClearing({ glpk: process.argv.includes("--glpk") || undefined });
  console.log(JSON.stringify(results));
}
