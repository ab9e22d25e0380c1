// `npm run match -- <file>`: the cluster exchange's optimal batch of matches for the offers and needs of a JSON or CSV
// file, checked as the contract checks it; --greedy compares the nearest-first baseline. `--help` for the options.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatUnits } from "viem";
import {
  cheapestAtQuantity,
  checkMatches,
  distanceMetres,
  greedyNearestFirst,
  matchIntents,
  normaliseIntent,
  type Intent,
  type MatchResult,
} from "../sdk/src/index.ts";

const HELP = `Usage: npm run match -- <file> [options]

Reads open offers and needs (intents) from a JSON or CSV file, computes the batch of matches that trades the most
units at the least price + transport cost, checks it as the contract will, and prints it with its totals.

File (by extension, .json or .csv):
  JSON  [{ "id": "1", "owner": "0x…", "side": "offer", "category": 7, "unit": "pcs", "designId": "0",
           "spec": "0x00…00", "remaining": "10", "price": "1250000", "start": 1767225600, "end": 1769817600,
           "lat": 45764000, "lon": 4835700, "maxDistance": 20000 }, …]
  CSV   a header naming the columns id,owner,side,category,unit,remaining,price,start,end,lat,lon,maxDistance
        (any order) and optionally designId,spec; one intent a row, no quoting.
  id, designId, remaining and price are decimal strings (integers; price in credit base units), never JSON numbers;
  category, start, end (unix seconds), lat, lon (microdegrees) and maxDistance (metres) are integers. designId 0
  and an all-zero spec (the defaults) mean none.
Options:
  --cost-per-km <n>   transport cost, credit base units per unit per km (default 0: price only)
  --now <unix>        leave out intents whose window ended before this time
  --decimals <d>      credit decimals, to print prices and costs in credits (default 0: base units)
  --limit <n>         print at most n matches (default 50; the totals and --out cover all)
  --out <path>        write the matches and totals as JSON (amounts as decimal strings)
  --greedy            also run the greedy nearest-first baseline and compare
  --help`;

/** The columns a CSV must have, and the optional ones. */
const REQUIRED = [
  "id",
  "owner",
  "side",
  "category",
  "unit",
  "remaining",
  "price",
  "start",
  "end",
  "lat",
  "lon",
  "maxDistance",
] as const;
const OPTIONAL = ["designId", "spec"] as const;
const ZERO_SPEC = `0x${"0".repeat(64)}`;

/** One intent from its fields (strings, or JSON values), strictly; `where` prefixes every error. */
function intentOf(row: Record<string, unknown>, where: string): Intent {
  const fail = (field: string, why: string): never => {
    throw new Error(`${where}: ${field}: ${why}`);
  };
  const amount = (field: string, fallback?: bigint): bigint => {
    const v = row[field];
    if ((v === undefined || v === "") && fallback !== undefined) return fallback;
    if (typeof v !== "string") fail(field, `must be a decimal string (got ${JSON.stringify(v)})`);
    if (!/^\d+$/.test(v as string)) fail(field, `must be a whole number of base units in decimal digits (got "${v}")`);
    return BigInt(v as string);
  };
  const integer = (field: string): number => {
    const v = row[field];
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) fail(field, `must be an integer (got ${JSON.stringify(v)})`);
    return n;
  };
  const text = (field: string, fallback?: string): string => {
    const v = row[field];
    if ((v === undefined || v === "") && fallback !== undefined) return fallback;
    if (typeof v !== "string" || v === "") fail(field, "missing");
    return v as string;
  };
  const side = text("side");
  if (side !== "offer" && side !== "need") fail("side", `must be offer or need (got "${side}")`);
  const intent: Intent = {
    id: amount("id"),
    owner: text("owner"),
    side: side as Intent["side"],
    category: integer("category"),
    unit: text("unit"),
    designId: amount("designId", 0n),
    spec: text("spec", ZERO_SPEC),
    remaining: amount("remaining"),
    price: amount("price"),
    start: integer("start"),
    end: integer("end"),
    lat: integer("lat"),
    lon: integer("lon"),
    maxDistance: integer("maxDistance"),
  };
  try {
    normaliseIntent(intent);
  } catch (error) {
    fail("intent", (error as Error).message);
  }
  return intent;
}

/** Parses intents from JSON (an array of objects) or CSV text, with the row (and line) of any error. */
export function parseIntents(text: string, format: "json" | "csv", name: string): Intent[] {
  let intents: Intent[];
  if (format === "json") {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (error) {
      throw new Error(`${name}: not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(rows)) throw new Error(`${name}: must be a JSON array of intents`);
    intents = rows.map((row, i) => {
      if (typeof row !== "object" || row === null || Array.isArray(row))
        throw new Error(`${name}: row ${i + 1}: must be an object`);
      return intentOf(row as Record<string, unknown>, `${name}: row ${i + 1}`);
    });
  } else {
    const lines = text.split(/\r?\n/);
    const first = lines.findIndex((l) => l.trim() !== "");
    if (first < 0) throw new Error(`${name}: empty`);
    const header = lines[first].split(",").map((h) => h.trim());
    for (const h of header)
      if (![...REQUIRED, ...OPTIONAL].includes(h as never)) throw new Error(`${name}: unknown column "${h}"`);
    for (const h of REQUIRED) if (!header.includes(h)) throw new Error(`${name}: the header lacks column "${h}"`);
    if (new Set(header).size !== header.length) throw new Error(`${name}: a column is named twice`);
    intents = [];
    for (let l = first + 1; l < lines.length; l++) {
      if (lines[l].trim() === "") continue;
      const where = `${name}: row ${intents.length + 1} (line ${l + 1})`;
      const cells = lines[l].split(",").map((c) => c.trim());
      if (cells.length !== header.length)
        throw new Error(`${where}: ${cells.length} cells for ${header.length} columns`);
      intents.push(intentOf(Object.fromEntries(header.map((h, i) => [h, cells[i]])), where));
    }
  }
  const seen = new Map<bigint, number>();
  intents.forEach((x, i) => {
    if (seen.has(x.id)) throw new Error(`${name}: row ${i + 1}: id ${x.id} already on row ${seen.get(x.id)! + 1}`);
    seen.set(x.id, i);
  });
  return intents;
}

/** The intents of a .json or .csv file. */
export function readIntentsFile(path: string): Intent[] {
  const format = path.toLowerCase().endsWith(".json") ? "json" : path.toLowerCase().endsWith(".csv") ? "csv" : null;
  if (format === null) throw new Error(`${path}: the file must end in .json or .csv`);
  return parseIntents(readFileSync(path, "utf8"), format, path);
}

/** Integer option: digits only. */
function wholeNumber(value: string | undefined, option: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${option} must be a whole number (got "${value}")`);
  return BigInt(value);
}

/** The totals of a batch, one per line. */
export function totals(r: MatchResult, decimals: number): string[] {
  const credits = (v: bigint) => formatUnits(v, decimals);
  const open = (xs: Intent[]) => `${xs.length} (${xs.reduce((s, x) => s + x.remaining, 0n)} units)`;
  const km = (metres: bigint) => formatUnits(metres, 3);
  return [
    `matched          ${r.matchedQuantity} units in ${r.matches.length} matches`,
    `still open       offers ${open(r.unmatched.offers)}, needs ${open(r.unmatched.needs)}`,
    `paid             ${credits(r.paid)}`,
    `transport        ${km(r.transportMetres)} unit-km`,
    // cost is in thousandths of a base unit
    `cost             ${formatUnits(r.cost, decimals + 3)} (price + transport)`,
  ];
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "cost-per-km": { type: "string" },
      now: { type: "string" },
      decimals: { type: "string" },
      limit: { type: "string" },
      out: { type: "string" },
      greedy: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new Error("give one intents file (--help for the format)");
  const intents = readIntentsFile(positionals[0]);
  const costPerUnitKm = wholeNumber(values["cost-per-km"], "--cost-per-km") ?? 0n;
  const now = values.now === undefined ? undefined : Number(wholeNumber(values.now, "--now"));
  const decimals = Number(wholeNumber(values.decimals, "--decimals") ?? 0n);
  const limit = Number(wholeNumber(values.limit, "--limit") ?? 50n);
  const options = { costPerUnitKm, now };

  const started = performance.now();
  const r = matchIntents(intents, options);
  const ms = performance.now() - started;
  const check = checkMatches(intents, r.matches, { now });
  if (!check.ok) throw new Error(`internal error: match ${check.index} fails the contract's check ${check.reason}`);
  const offers = intents.filter((x) => x.side === "offer").length;
  console.log(
    `${offers} offers, ${intents.length - offers} needs; ${r.candidates} compatible pairs in ${r.components} groups; ` +
      `matched in ${ms.toFixed(0)} ms; the batch passes the contract's checks`,
  );
  const byId = new Map(intents.map((x) => [x.id, x]));
  if (r.matches.length) console.log("offer        need         quantity     price        km");
  for (const m of r.matches.slice(0, limit)) {
    const [o, n] = [byId.get(m.offerId)!, byId.get(m.needId)!];
    const metres = BigInt(distanceMetres(o.lat, o.lon, n.lat, n.lon));
    const cells = [m.offerId, m.needId, m.quantity, formatUnits(m.price, decimals), formatUnits(metres, 3)];
    console.log(
      cells
        .map((c) => String(c).padEnd(12))
        .join(" ")
        .trimEnd(),
    );
  }
  if (r.matches.length > limit) console.log(`… ${r.matches.length - limit} more matches (--out writes them all)`);
  for (const line of totals(r, decimals)) console.log(line);

  if (values.greedy) {
    const g = greedyNearestFirst(intents, options);
    const same = cheapestAtQuantity(intents, options, g.matches);
    const saved = g.transportMetres - same.transportMetres;
    console.log("\ngreedy nearest-first (each need in id order takes the nearest compatible offers first):");
    for (const line of totals(g, decimals)) console.log(line);
    console.log(
      `optimum vs greedy: ${r.matchedQuantity - g.matchedQuantity} more units; at the greedy's quantity the cheapest ` +
        `batch costs ${formatUnits(g.cost - same.cost, decimals + 3)} less and moves ` +
        `${formatUnits(saved < 0n ? -saved : saved, 3)} ${saved < 0n ? "more" : "fewer"} unit-km`,
    );
  }
  if (values.out) {
    const out = {
      costPerUnitKm: String(costPerUnitKm),
      now: now ?? null,
      matches: r.matches.map((m) => ({
        offerId: String(m.offerId),
        needId: String(m.needId),
        quantity: String(m.quantity),
        price: String(m.price),
      })),
      matchedQuantity: String(r.matchedQuantity),
      paid: String(r.paid),
      transportMetres: String(r.transportMetres),
      costThousandths: String(r.cost),
    };
    writeFileSync(values.out, JSON.stringify(out, null, 2) + "\n");
    console.log(`wrote ${values.out}`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`match: ${error.message}`);
      process.exit(1);
    },
  );
}
