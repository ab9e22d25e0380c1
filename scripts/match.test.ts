// The match CLI (scripts/match.ts, node --test): JSON and CSV files give the same batch, --out and --greedy, and the
// strict parsing's row-numbered errors.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { main, parseIntents } from "./match.ts";

const dir = mkdtempSync(join(tmpdir(), "match-cli-"));
const ZERO = `0x${"0".repeat(64)}`;
const A = `0x${"a".repeat(40)}`;
const B = `0x${"b".repeat(40)}`;
const C = `0x${"c".repeat(40)}`;

// Two offers and two needs of one category in Lyon: need 3 can use both offers, need 4 only offer 1 (its radius);
// the nearest-first baseline gives offer 1 to need 3 and leaves need 4 without.
const HEADER = "id,owner,side,category,unit,designId,spec,remaining,price,start,end,lat,lon,maxDistance";
const ROWS = [
  `1,${A},offer,7,pcs,0,${ZERO},5,100,1000,2000,45000000,5000000,5000`,
  `2,${B},offer,7,pcs,,,5,100,1000,2000,44980000,5000000,5000`,
  `3,${C},need,7,pcs,0,${ZERO},5,120,1000,2000,45010000,5000000,5000`,
  `4,${C},need,7,pcs,0,${ZERO},5,120,1000,2000,45020000,5000000,2300`,
];
const csv = (rows: string[], header = HEADER) => [header, ...rows].join("\n") + "\n";
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const asJson = (rows: string[]) =>
  JSON.stringify(
    rows.map((r) => {
      const cells = r.split(",");
      const o: Record<string, unknown> = Object.fromEntries(HEADER.split(",").map((h, i) => [h, cells[i]]));
      for (const k of ["category", "start", "end", "lat", "lon", "maxDistance"]) o[k] = Number(o[k]);
      if (o.designId === "") delete o.designId;
      if (o.spec === "") delete o.spec;
      return o;
    }),
  );

/** Runs the CLI with `args`; its exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.join(" "));
  try {
    return { code: await main(args), text: lines.join("\n") };
  } finally {
    console.log = log;
  }
}

describe("match CLI (scripts/match.ts)", () => {
  it("matches a CSV file, writes --out, and the JSON file of the same intents gives the same batch", async () => {
    const out = join(dir, "out.json");
    const { code, text } = await run(file("a.csv", csv(ROWS)), "--cost-per-km", "3", "--out", out);
    assert.equal(code, 0);
    assert.match(text, /2 offers, 2 needs; 3 compatible pairs in 1 groups/);
    assert.match(text, /passes the contract's checks/);
    assert.match(text, /matched\s+10 units in 2 matches/);
    assert.match(text, /paid\s+1000\n/);
    const written = JSON.parse(readFileSync(out, "utf8"));
    assert.deepEqual(written.matches, [
      { offerId: "2", needId: "3", quantity: "5", price: "100" },
      { offerId: "1", needId: "4", quantity: "5", price: "100" },
    ]);
    // 5 × 3,335 m (0.03° of latitude) + 5 × 2,223 m (0.02°); cost = 1000 × paid + metres × 3
    assert.equal(written.transportMetres, "27790");
    assert.equal(written.costThousandths, String(1000n * 1000n + 27790n * 3n));
    const out2 = join(dir, "out2.json");
    assert.equal((await run(file("a.json", asJson(ROWS)), "--cost-per-km", "3", "--out", out2)).code, 0);
    assert.deepEqual(JSON.parse(readFileSync(out2, "utf8")), written);
  });

  it("--greedy prints the baseline and the comparison; --decimals prints credits; --now drops expired intents", async () => {
    const { code, text } = await run(file("b.csv", csv(ROWS)), "--greedy", "--decimals", "2", "--limit", "1");
    assert.equal(code, 0);
    assert.match(text, /… 1 more matches/);
    assert.match(text, /greedy nearest-first/);
    assert.match(text, /matched\s+5 units in 1 matches/);
    assert.match(text, /optimum vs greedy: 5 more units/);
    assert.match(text, /paid\s+10\n/); // 1000 base units at 2 decimals
    assert.match((await run(file("c.csv", csv(ROWS)), "--now", "2001")).text, /matched\s+0 units in 0 matches/);
  });

  it("--help prints the usage", async () => {
    const { code, text } = await run("--help");
    assert.equal(code, 0);
    assert.match(text, /Usage: npm run match/);
  });

  it("rejects amounts as JSON numbers, non-integer amounts, bad rows and headers, naming the row", async () => {
    const json = JSON.parse(asJson(ROWS));
    json[1].price = 100;
    assert.throws(
      () => parseIntents(JSON.stringify(json), "json", "f.json"),
      /f\.json: row 2: price: must be a decimal string/,
    );
    json[1].price = "1.5";
    assert.throws(() => parseIntents(JSON.stringify(json), "json", "f.json"), /row 2: price: must be a whole number/);
    json[1].price = "100";
    json[2].lat = 45.01;
    assert.throws(() => parseIntents(JSON.stringify(json), "json", "f.json"), /row 3: lat: must be an integer/);
    assert.throws(() => parseIntents("{}", "json", "f.json"), /must be a JSON array/);
    assert.throws(() => parseIntents("[1]", "json", "f.json"), /row 1: must be an object/);
    const bad = [...ROWS];
    bad[2] = bad[2].replace(",need,", ",buy,");
    assert.throws(
      () => parseIntents(csv(bad), "csv", "f.csv"),
      /f\.csv: row 3 \(line 4\): side: must be offer or need/,
    );
    bad[2] = ROWS[2].replace(",5,120,", ",-5,120,");
    assert.throws(() => parseIntents(csv(bad), "csv", "f.csv"), /row 3 \(line 4\): remaining/);
    bad[2] = ROWS[2].replace(",45010000,", ",95000000,");
    assert.throws(() => parseIntents(csv(bad), "csv", "f.csv"), /row 3 \(line 4\): intent: intent 3: place/);
    bad[2] = ROWS[2] + ",extra";
    assert.throws(() => parseIntents(csv(bad), "csv", "f.csv"), /row 3 \(line 4\): 15 cells for 14 columns/);
    bad[2] = ROWS[2].replace(/^3,/, "1,");
    assert.throws(() => parseIntents(csv(bad), "csv", "f.csv"), /row 3: id 1 already on row 1/);
    assert.throws(() => parseIntents(csv(ROWS, HEADER.replace(",price", "")), "csv", "f.csv"), /lacks column "price"/);
    assert.throws(() => parseIntents(csv(ROWS, HEADER + ",colour"), "csv", "f.csv"), /unknown column "colour"/);
    await assert.rejects(main([file("d.txt", "x")]), /must end in \.json or \.csv/);
    await assert.rejects(
      main([file("e.csv", csv(ROWS)), "--cost-per-km", "0.5"]),
      /--cost-per-km must be a whole number/,
    );
  });
});
