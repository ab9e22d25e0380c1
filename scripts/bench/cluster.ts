// The cluster matcher's benchmark (scripts/bench.ts, BENCH_ONLY=cluster; or `node scripts/bench/cluster.ts` alone):
// time to match the fixed-seed instance of 5,000 offers and 5,000 needs in one ~100 km region, its quantity and
// transport, and what it saves against the greedy nearest-first baseline at the greedy's quantity (unit-km, credits).
import { fileURLToPath } from "node:url";
import {
  cheapestAtQuantity,
  checkMatches,
  greedyNearestFirst,
  matchIntents,
  randomClusterInstance,
  type MatchResult,
} from "../../sdk/src/cluster/index.ts";

export const CLUSTER_TARGETS: Record<string, number> = { "cluster.match.10k": 2000 };

/** The instance: seeded, so every run and machine matches the same intents (around Lyon, 40 categories, 12 towns). */
export const CLUSTER_BENCH_INSTANCE = { seed: 1, offers: 5000, needs: 5000, regionKm: 100, decimals: 6 };
/** 0.05 credit (6 decimals) per unit per km. */
export const CLUSTER_BENCH_COST_PER_UNIT_KM = 50_000n;

const km = (metres: bigint) => Number(metres / 1000n);

export async function benchCluster(log: (line: string) => void = console.log): Promise<Record<string, number>> {
  const options = { costPerUnitKm: CLUSTER_BENCH_COST_PER_UNIT_KM };
  const intents = randomClusterInstance(CLUSTER_BENCH_INSTANCE);
  log(`cluster: ${CLUSTER_BENCH_INSTANCE.offers} offers and ${CLUSTER_BENCH_INSTANCE.needs} needs…`);
  // warm-up (JIT) on a smaller instance of the same kind
  matchIntents(randomClusterInstance({ ...CLUSTER_BENCH_INSTANCE, seed: 2, offers: 1000, needs: 1000 }), options);

  const times: number[] = [];
  let best: MatchResult | undefined;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const r = matchIntents(intents, options);
    times.push(performance.now() - started);
    if (best && (r.matchedQuantity !== best.matchedQuantity || r.cost !== best.cost))
      throw new Error("cluster bench: runs disagree");
    best = r;
  }
  const optimum = best!;
  const median = [...times].sort((a, b) => a - b)[2];
  const check = checkMatches(intents, optimum.matches);
  if (!check.ok) throw new Error(`cluster bench: match ${check.index} fails: ${check.reason}`);

  const greedy = greedyNearestFirst(intents, options);
  // Same quantity basis: the optimum's batch is larger, so compare the greedy with the cheapest batch of exactly the
  // greedy's quantity (same objective, cost scaling started from the greedy batch).
  const atGreedy = cheapestAtQuantity(intents, options, greedy.matches);
  log(`  match: ${times.map((t) => t.toFixed(0)).join(", ")} ms (median ${median.toFixed(0)} ms)`);
  log(
    `  optimum: ${optimum.matchedQuantity} units in ${optimum.matches.length} matches (${optimum.candidates} ` +
      `compatible pairs, ${optimum.components} groups), ${km(optimum.transportMetres)} unit-km; the batch passes the checks`,
  );
  log(`  greedy nearest-first: ${greedy.matchedQuantity} units, ${km(greedy.transportMetres)} unit-km`);
  // cost is in thousandths of a base unit; credits have CLUSTER_BENCH_INSTANCE.decimals decimals
  const credits = (cost: bigint) => Number(cost / 1000n / 10n ** BigInt(CLUSTER_BENCH_INSTANCE.decimals));
  log(
    `  cheapest batch of the greedy's quantity: ${km(atGreedy.transportMetres)} unit-km, ` +
      `${credits(greedy.cost - atGreedy.cost)} credits cheaper than the greedy's (price + transport)`,
  );
  return {
    "cluster.match.10k": Math.round(median),
    "cluster.match.10k.matched": Number(optimum.matchedQuantity),
    "cluster.match.10k.greedyMatched": Number(greedy.matchedQuantity),
    "cluster.match.10k.km": km(optimum.transportMetres),
    "cluster.match.10k.kmSavedVsGreedy": km(greedy.transportMetres - atGreedy.transportMetres),
    "cluster.match.10k.costSavedVsGreedy": credits(greedy.cost - atGreedy.cost),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await benchCluster();
  console.log(JSON.stringify(results));
}
