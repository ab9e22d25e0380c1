// The clearing bench's LP baseline as a process of its own, so that its time and peak memory are measured the same
// way as the clearing CLI's (scripts/bench-clearing.ts runs both with the peak-memory preload): reads an obligations
// CSV (header id,debtor,creditor,amount; amounts in base units of 10^18), builds the clearing LP for HiGHS from dense
// arrays (no object per row, no model text) and solves it within a time limit. Prints one JSON line:
// { members, obligations, status, optimal, objective (units), readMs, buildMs, solveMs }.
// Usage: node scripts/bench/clearing-lp.ts <file.csv> [time limit in seconds, default 300]
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { clearingHighsArcs, loadHighs, solveHighs } from "../../test/credit/solver.helpers.ts";

const [file, limit = "300"] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/bench/clearing-lp.ts <file.csv> [time limit in seconds]");

const started = performance.now();
const index = new Map<string, number>();
const member = (address: string) => {
  const key = address.toLowerCase();
  let i = index.get(key);
  if (i === undefined) index.set(key, (i = index.size));
  return i;
};
const from: number[] = [];
const to: number[] = [];
const upper: number[] = [];
let columns: { debtor: number; creditor: number; amount: number } | undefined;
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (line.trim() === "" || line.startsWith("#")) continue;
  const cells = line.split(",").map((c) => c.trim());
  if (columns === undefined) {
    columns = { debtor: cells.indexOf("debtor"), creditor: cells.indexOf("creditor"), amount: cells.indexOf("amount") };
    if (Object.values(columns).includes(-1)) throw new Error(`${file}: the header must name debtor,creditor,amount`);
    continue;
  }
  from.push(member(cells[columns.debtor]));
  to.push(member(cells[columns.creditor]));
  upper.push(Number(cells[columns.amount]) / 1e18);
}
const read = performance.now();

const highs = await loadHighs();
const model = clearingHighsArcs(
  highs,
  index.size,
  Int32Array.from(from),
  Int32Array.from(to),
  Float64Array.from(upper),
);
const built = performance.now();
const result = solveHighs(highs, model, Number(limit));
console.log(
  JSON.stringify({
    members: index.size,
    obligations: from.length,
    status: result.status,
    optimal: result.optimal,
    objective: result.objective,
    readMs: Math.round(read - started),
    buildMs: Math.round(built - read),
    solveMs: Math.round(result.ms),
  }),
);
