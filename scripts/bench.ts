// `npm run bench`: gas of each user-facing operation and of the whole deployment (production profile), the clearing
// solver's and the cluster matcher's figures, the members' gas sponsorship overhead (`aa.sponsored.*`) and the dApp's read
// cost on the large demo, into bench/results.json; `BENCH_ONLY=credit,clearing` runs a subset (contribution, credit,
// resource, impact, sponsorship, commons, commonfare, deploy, clearing, cluster, web; `BENCH_WEB_SCALE=0.05` shrinks the web
// bench's demo; CLEARING_LP=0 skips the clearing section's LP baseline, CLEARING_LP_LIMIT_S bounds it, default 300 s).
// The pure-TypeScript sections also run alone: `node scripts/bench-clearing.ts`, `node scripts/bench/cluster.ts`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import hre from "hardhat";
import { benchCommons, COMMONS_TARGETS } from "./bench/commons.ts";
import { benchContribution, CONTRIBUTION_TARGETS } from "./bench/contribution.ts";
import { benchCredit, CREDIT_STEP_TARGETS, CREDIT_TARGETS } from "./bench/credit.ts";
import { benchImpact, IMPACT_TARGETS } from "./bench/impact.ts";
import { benchResource, RESOURCE_TARGETS } from "./bench/resource.ts";
import { benchSponsorship, SPONSORSHIP_TARGETS } from "./bench/sponsorship.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsPath = join(root, "bench/results.json");
const conn = await hre.network.create();
const { ethers } = conn;
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const want = (module: string) => !only || only.includes(module);

const TARGETS: Record<string, number> = {
  ...CONTRIBUTION_TARGETS,
  ...CREDIT_TARGETS,
  ...RESOURCE_TARGETS,
  ...IMPACT_TARGETS,
  ...SPONSORSHIP_TARGETS,
  ...COMMONS_TARGETS,
  "clearing.solve.100k": 2000,
  // issue 21: a ring of 100,000 members (ms), and the CLI end to end on 1,000,000 trade-like obligations among 100,000
  // members: ms from spawn to exit, and that process's peak RSS in MB (1.5 GB)
  "clearing.solve.ring100k": 1000,
  "clearing.solve.1m": 10_000,
  "clearing.memory.1m": 1536,
};
const results: Record<string, number> = {};
/** Checks that are not a single "value <= target": [description, passed]. */
const checks: [string, boolean][] = [];
/** Records whether the figures `a` and `b` (a cost at two scales) are within 5 % of each other. */
function within5(a: string, b: string) {
  const spread = Math.abs(results[a] - results[b]) / Math.min(results[a], results[b]);
  checks.push([`${a} vs ${b}: ${(spread * 100).toFixed(2)}% apart (<= 5%)`, spread <= 0.05]);
}

if (want("contribution")) {
  Object.assign(results, await benchContribution(ethers));
  within5("contribution.claim@10", "contribution.claim@1000");
}

if (want("credit")) {
  Object.assign(results, await benchCredit(ethers));
  const direct = results["credit.pay.direct"];
  const perHop = (results["credit.pay.hop3"] - direct) / 3;
  checks.push([
    `credit: each extra hop ${Math.round(perHop)} gas over direct (<= 20,000)`,
    perHop <= CREDIT_STEP_TARGETS.hop,
  ]);
  const perEdge = (results["credit.clear.cycle10"] - results["credit.clear.cycle3"]) / 7;
  checks.push([
    `credit: each extra cycle edge ${Math.round(perEdge)} gas (<= 15,000)`,
    perEdge <= CREDIT_STEP_TARGETS.edge,
  ]);
}

if (want("resource")) {
  Object.assign(results, await benchResource(ethers));
  const a = results["resource.rollover@10"];
  const b = results["resource.rollover@1000"];
  const spread = Math.abs(a - b) / Math.min(a, b);
  checks.push([`resource.rollover@10 vs @1000: ${(spread * 100).toFixed(2)}% apart (<= 5%)`, spread <= 0.05]);
}

if (want("impact")) {
  Object.assign(results, await benchImpact(ethers));
}

if (want("sponsorship")) {
  Object.assign(results, await benchSponsorship(ethers));
}

if (want("commons")) {
  Object.assign(results, await benchCommons(ethers));
  within5("commons.payFee@10", "commons.payFee@1000");
}

if (want("commonfare")) {
  const { benchCommonfare, COMMONFARE_TARGETS } = await import("./bench/commonfare.ts");
  Object.assign(TARGETS, COMMONFARE_TARGETS);
  Object.assign(results, await benchCommonfare(ethers));
  within5("commonfare.collectGift@20", "commonfare.collectGift@50");
}

if (want("deploy")) {
  const { benchDeploy } = await import("./bench/deploy.ts");
  Object.assign(results, await benchDeploy(conn));
}

if (want("web")) {
  const { benchWeb, WEB_TARGETS } = await import("./bench/web.ts");
  Object.assign(TARGETS, WEB_TARGETS);
  const web = await benchWeb();
  Object.assign(results, web.results);
  checks.push(...web.checks);
}

if (want("clearing")) {
  const { benchClearing } = await import("./bench-clearing.ts");
  const clearing = await benchClearing();
  Object.assign(results, clearing.results);
  checks.push(...clearing.checks);
}

if (want("cluster")) {
  const { benchCluster, CLUSTER_TARGETS } = await import("./bench/cluster.ts");
  const { benchClusterGas, CLUSTER_GAS_TARGETS } = await import("./bench/cluster-gas.ts");
  Object.assign(TARGETS, CLUSTER_TARGETS, CLUSTER_GAS_TARGETS);
  Object.assign(results, await benchClusterGas(ethers));
  Object.assign(results, await benchCluster());
}

// --- report ------------------------------------------------------------------------------------------------
const previous = existsSync(resultsPath)
  ? (JSON.parse(readFileSync(resultsPath, "utf8")) as Record<string, number>)
  : {};
// A web run replaces every earlier web figure (a screen that failed to load has no `.ms`: no stale one may remain).
if (want("web")) for (const key of Object.keys(previous)) if (key.startsWith("web.")) delete previous[key];
const merged = { ...previous, ...results };
mkdirSync(dirname(resultsPath), { recursive: true });
writeFileSync(resultsPath, JSON.stringify(Object.fromEntries(Object.entries(merged).sort()), null, 2) + "\n");

let failed = false;
console.log("\noperation                              value    target");
for (const [op, value] of Object.entries(results)) {
  const target = TARGETS[op];
  const over = target !== undefined && value > target;
  failed ||= over;
  console.log(
    `${op.padEnd(36)} ${String(value).padStart(8)}   ${target ? `<= ${target}${over ? "  OVER" : "  ok"}` : ""}`,
  );
}
for (const [text, ok] of checks) {
  console.log(`${ok ? "ok  " : "FAIL"} ${text}`);
  failed ||= !ok;
}
console.log(`wrote ${resultsPath}`);
if (failed) process.exit(1);
