// The clearing CLI's obligations reader (scripts/lib/obligations-file.ts, node --test): every format read exactly
// (CSV with , ; or tab, quotes, CRLF, BOM, comments; JSON; both gzip-compressed; files spanning many chunks), and
// every malformed input refused with its exact message (file, line, column, what was expected and what was found).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { getAddress } from "viem";
import { randomClearingInstance, type ObligationInput } from "../../sdk/src/clearing/index.ts";
import { isChecksummed, ObligationsFileError, readObligationsFile } from "./obligations-file.ts";

const dir = mkdtempSync(join(tmpdir(), "obligations-file-"));
const A = "0x00000000000000000000000000000000000000a1";
const B = "0x00000000000000000000000000000000000000b2";
const C = "0x00000000000000000000000000000000000000c3";
/** The EIP-55 test vector, and the same address with the case of its last letter flipped. */
const CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
const BAD_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
const MAX = (1n << 256n) - 1n;

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const o = (id: bigint, debtor: string, creditor: string, amount: bigint): ObligationInput => ({
  id,
  debtor,
  creditor,
  amount,
});

/** Asserts that reading `content` as `name` is refused with exactly `message(path)`. */
async function refuses(name: string, content: string | Buffer, message: (path: string) => string): Promise<void> {
  const path = file(name, content);
  await assert.rejects(readObligationsFile(path), (error: unknown) => {
    assert.ok(error instanceof ObligationsFileError, `not an ObligationsFileError: ${String(error)}`);
    assert.equal(error.message, message(path));
    assert.equal(error.file, path);
    return true;
  });
}

describe("obligations file: formats", () => {
  it("CSV with commas, columns in any order, amounts up to 2^256 - 1 exactly", async () => {
    const path = file(
      "comma.csv",
      `amount,creditor,debtor,id\n${MAX},${B},${A},0\n100000000000000000001,${C},${B},1\n7,${A},${C},2\n`,
    );
    const read = await readObligationsFile(path);
    assert.deepEqual(read.obligations, [o(0n, A, B, MAX), o(1n, B, C, 100000000000000000001n), o(2n, C, A, 7n)]);
    assert.deepEqual([...read.line], [2, 3, 4]);
    assert.equal(read.members, 3);
    assert.equal(read.format, "csv");
    assert.equal(read.gzip, false);
    assert.equal(read.idsAscending, true);
  });

  it("CSV with semicolons, CRLF, a BOM, comments, blank lines and no final newline", async () => {
    const text = `\uFEFF# exported 2026-01-31\r\nid;debtor;creditor;amount\r\n\r\n1;${A};${B};5\r\n# a comment\r\n   \r\n2;${B};${C};${MAX}`;
    const read = await readObligationsFile(file("semicolon.csv", text));
    assert.deepEqual(read.obligations, [o(1n, A, B, 5n), o(2n, B, C, MAX)]);
    assert.deepEqual([...read.line], [4, 7]);
  });

  it("CSV with tabs (.tsv), and quoted fields with spaces around them", async () => {
    const tsv = await readObligationsFile(file("tab.tsv", `id\tdebtor\tcreditor\tamount\n9\t${A}\t${C}\t12\n`));
    assert.deepEqual(tsv.obligations, [o(9n, A, C, 12n)]);
    const quoted = await readObligationsFile(
      file("quoted.csv", `"id","debtor", "creditor" ,"amount"\n "3" ,"${A}",${B}, "100000000000000000001"\n`),
    );
    assert.deepEqual(quoted.obligations, [o(3n, A, B, 100000000000000000001n)]);
  });

  it("quoted fields keep a separator and a doubled quote inside them (then name the whole value)", async () => {
    await refuses(
      "quoted-separator.csv",
      `id,debtor,creditor,amount\n1,${A},${B},"1,000"\n`,
      (p) => `${p}:2: column 4 (amount): expected a whole number of base units (digits only), got "1,000"`,
    );
    await refuses(
      "quoted-quote.csv",
      `id;debtor;creditor;amount\n"1";"${A}";"${B}";"10""0"\n`,
      (p) => `${p}:2: column 4 (amount): expected a whole number of base units (digits only), got "10\\"0"`,
    );
    await refuses(
      "unterminated.csv",
      `id,debtor,creditor,amount\n1,${A},${B},"100\n`,
      (p) => `${p}:2: column 4 (amount): expected a closing quote on the same line, got "\\"100"`,
    );
  });

  it("mixed-case addresses with a valid checksum, all-uppercase ones, and one string per member", async () => {
    const upper = `0x${CHECKSUMMED.slice(2).toUpperCase()}`;
    const lower = CHECKSUMMED.toLowerCase();
    const read = await readObligationsFile(
      file("case.csv", `id,debtor,creditor,amount\n1,${CHECKSUMMED},${A},1\n2,${A},${upper},2\n3,${lower},${A},3\n`),
    );
    // The first spelling names the member in every obligation.
    assert.deepEqual(read.obligations, [
      o(1n, CHECKSUMMED, A, 1n),
      o(2n, A, CHECKSUMMED, 2n),
      o(3n, CHECKSUMMED, A, 3n),
    ]);
    assert.equal(read.members, 2);
    assert.equal(isChecksummed(CHECKSUMMED), true);
    assert.equal(isChecksummed(BAD_CHECKSUM), false);
  });

  it("gzip-compressed CSV and JSON, found by their first bytes whatever the name", async () => {
    const csv = `id,debtor,creditor,amount\n1,${A},${B},100000000000000000001\n`;
    const json = `[{"id": "1", "debtor": "${A}", "creditor": "${B}", "amount": "100000000000000000001"}]`;
    const expected = [o(1n, A, B, 100000000000000000001n)];
    for (const [name, text] of [
      ["gz.csv.gz", csv],
      ["gz-named-plain.csv", csv],
      ["gz.json.gz", json],
    ] as const) {
      const read = await readObligationsFile(file(name, gzipSync(text)));
      assert.deepEqual(read.obligations, expected, name);
      assert.equal(read.gzip, true, name);
    }
  });

  it("JSON: strings, numbers up to 2^53 - 1, escapes, any key order, pretty or on one line", async () => {
    const text = `[
  {"id": "0", "debtor": "${A}", "creditor": "${B}", "amount": "${MAX}"},
  {"amount": 9007199254740991, "creditor": "${C}", "id": 9007199254740991, "debtor": "${B}"},
  {"id": "\\u0032", "debtor": "${C}", "creditor": "${A}", "amount": "100000000000000000001"}
]
`;
    const read = await readObligationsFile(file("pretty.json", text));
    const expected = [
      o(0n, A, B, MAX),
      o(9007199254740991n, B, C, 9007199254740991n),
      o(2n, C, A, 100000000000000000001n),
    ];
    assert.deepEqual(read.obligations, expected);
    assert.deepEqual([...read.line], [2, 3, 4]);
    assert.equal(read.format, "json");
    assert.equal(read.idsAscending, false);
    const oneLine = await readObligationsFile(file("one-line.txt.json", JSON.stringify(JSON.parse(text))));
    assert.deepEqual(oneLine.obligations.slice(0, 1), [o(0n, A, B, MAX)]);
  });

  it("an empty list is valid: a header-only CSV, [] in JSON; another name is read by its first character", async () => {
    assert.equal(
      (await readObligationsFile(file("header-only.csv", "id,debtor,creditor,amount\n"))).obligations.length,
      0,
    );
    assert.equal((await readObligationsFile(file("empty-list.json", " [ ]\n"))).obligations.length, 0);
    const sniffed = await readObligationsFile(
      file("export.dat", `\n [{"id":"4","debtor":"${A}","creditor":"${B}","amount":"1"}]`),
    );
    assert.equal(sniffed.format, "json");
    assert.deepEqual(sniffed.obligations, [o(4n, A, B, 1n)]);
  });

  it("files of many chunks (CSV, JSON, gzip) read exactly as generated, ids out of order too", async () => {
    const instance = randomClearingInstance({ seed: 11, members: 500, obligations: 30_000 });
    // Half the members checksummed (as wallets export them), half lowercase.
    const spelling = new Map(instance.members.map((m, i) => [m, i % 2 ? getAddress(m) : m]));
    const rows = instance.obligations.map((x) => ({
      ...x,
      debtor: spelling.get(x.debtor)!,
      creditor: spelling.get(x.creditor)!,
    }));
    [rows[100], rows[200]] = [rows[200], rows[100]];
    const csv = `id,debtor,creditor,amount\n${rows.map((r) => `${r.id},${r.debtor},${r.creditor},${r.amount}`).join("\n")}\n`;
    const json = `[\n${rows.map((r) => `  {"id": "${r.id}", "debtor": "${r.debtor}", "creditor": "${r.creditor}", "amount": "${r.amount}"}`).join(",\n")}\n]\n`;
    assert.ok(csv.length > 3 << 20, "the CSV spans several 1 MiB chunks");
    for (const [name, content] of [
      ["many.csv", csv],
      ["many.json", json],
      ["many.csv.gz", gzipSync(csv)],
      ["many.json.gz", gzipSync(json)],
    ] as const) {
      const read = await readObligationsFile(file(name, content));
      assert.deepEqual(read.obligations, rows, name);
      assert.equal(read.members, 500, name);
      assert.equal(read.idsAscending, false, name);
      // CSV: the header is line 1; JSON: "[" is line 1.
      assert.equal(read.line[29_999], 30_001, name);
    }
  });
});

describe("obligations file: rejected CSV input names file, line and column", () => {
  const header = "id,debtor,creditor,amount\n";
  const row = (id: string, amount: string, debtor = A, creditor = B) => `${id},${debtor},${creditor},${amount}\n`;
  const amountError = (got: string) => (p: string) =>
    `${p}:2: column 4 (amount): expected a whole number of base units (digits only), got "${got}"`;

  it("values: empty id, id abc, hex, decimals, exponents, signs, zero, at or above 2^256", async () => {
    await refuses(
      "empty-id.csv",
      header + row("", "5"),
      (p) => `${p}:2: column 1 (id): expected a whole number (digits only), got an empty value`,
    );
    await refuses(
      "id-abc.csv",
      header + row("abc", "5"),
      (p) => `${p}:2: column 1 (id): expected a whole number (digits only), got "abc"`,
    );
    await refuses(
      "id-negative.csv",
      header + row("-1", "5"),
      (p) => `${p}:2: column 1 (id): expected a whole number (digits only), got "-1"`,
    );
    await refuses(
      "id-plus.csv",
      header + row("+1", "5"),
      (p) => `${p}:2: column 1 (id): expected a whole number (digits only), got "+1"`,
    );
    for (const bad of ["0x10", "1.5", "1e18", "100.00", "-5", "1 000", "１"]) {
      await refuses(`amount-${bad}.csv`, header + row("1", bad), amountError(bad));
    }
    await refuses(
      "amount-zero.csv",
      header + row("1", "0"),
      (p) => `${p}:2: column 4 (amount): expected an amount of at least 1 base unit, got "0"`,
    );
    await refuses(
      "amount-empty.csv",
      header + row("1", ""),
      (p) => `${p}:2: column 4 (amount): expected a whole number of base units (digits only), got an empty value`,
    );
    const big = String(1n << 256n);
    await refuses(
      "amount-2-256.csv",
      header + row("1", big),
      (p) => `${p}:2: column 4 (amount): expected an amount below 2^256, got "${big.slice(0, 61)}…"`,
    );
    await refuses(
      "id-2-256.csv",
      header + row(big, "1"),
      (p) => `${p}:2: column 1 (id): expected an id below 2^256, got "${big.slice(0, 61)}…"`,
    );
  });

  it("addresses: malformed, a bad checksum, debtor = creditor in any case", async () => {
    await refuses(
      "short-address.csv",
      header + row("1", "5", "0x12"),
      (p) => `${p}:2: column 2 (debtor): expected an address (0x and 40 hex digits), got "0x12"`,
    );
    const notHex = `0x${"g".repeat(40)}`;
    await refuses(
      "not-hex.csv",
      header + row("1", "5", A, notHex),
      (p) => `${p}:2: column 3 (creditor): expected an address (0x and 40 hex digits), got "${notHex}"`,
    );
    await refuses(
      "checksum.csv",
      header + row("1", "5", A, BAD_CHECKSUM),
      (p) =>
        `${p}:2: column 3 (creditor): expected an address whose mixed case is its EIP-55 checksum (or all one case), ` +
        `got "${BAD_CHECKSUM}"`,
    );
    // The bad spelling of a member already seen with a good one is refused too.
    await refuses(
      "checksum-later.csv",
      header + row("1", "5", CHECKSUMMED, A) + row("2", "5", A, BAD_CHECKSUM),
      (p) =>
        `${p}:3: column 3 (creditor): expected an address whose mixed case is its EIP-55 checksum (or all one case), ` +
        `got "${BAD_CHECKSUM}"`,
    );
    const upperA = `0x${A.slice(2).toUpperCase()}`;
    await refuses(
      "self.csv",
      header + row("1", "5", A, upperA),
      (p) => `${p}:2: column 3 (creditor): expected a creditor other than the debtor, got the same address "${upperA}"`,
    );
  });

  it("columns: extra in the header or a row, missing in a row, header without a column or with one twice", async () => {
    await refuses(
      "extra-header.csv",
      "id,debtor,creditor,amount,memo\n" + row("1", "5"),
      (p) => `${p}:1: column 5: expected a column name (id, debtor, creditor or amount), got "memo"`,
    );
    await refuses(
      "extra-cell.csv",
      header + `1,${A},${B},5,rent\n`,
      (p) => `${p}:2: column 5: expected 4 columns (the header's), got more: "rent"`,
    );
    await refuses(
      "trailing-separator.csv",
      header + `1,${A},${B},5,\n`,
      (p) => `${p}:2: column 5: expected 4 columns (the header's), got more: an empty value`,
    );
    await refuses(
      "missing-cell.csv",
      header + `1,${A},${B}\n`,
      (p) => `${p}:2: column 4 (amount): expected a value, got the end of the line (the row has 3 of the 4 columns)`,
    );
    await refuses(
      "missing-column.csv",
      "id,debtor,amount\n",
      (p) =>
        `${p}:1: header: expected the columns id, debtor, creditor and amount (any order), got "id,debtor,amount": ` +
        `no creditor`,
    );
    await refuses(
      "twice.csv",
      "id,debtor,creditor,id\n",
      (p) => `${p}:1: column 4: expected each column once, got "id" again (first in column 1)`,
    );
  });

  it("files: empty, only comments, duplicate ids (ascending or not), corrupt gzip", async () => {
    await refuses("empty.csv", "", (p) => `${p}: empty file: expected a header id,debtor,creditor,amount`);
    await refuses("bom-only.csv", "\uFEFF", (p) => `${p}: empty file: expected a header id,debtor,creditor,amount`);
    await refuses(
      "comments-only.csv",
      "# nothing yet\n\n",
      (p) => `${p}:2: expected a header id,debtor,creditor,amount, got the end of the file`,
    );
    await refuses(
      "duplicate.csv",
      header + row("3", "5") + row("5", "5") + "# note\n" + row("5", "6"),
      (p) => `${p}:5: duplicate obligation id 5 (first on line 3)`,
    );
    await refuses(
      "duplicate-unsorted.csv",
      header + row("7", "5") + row("3", "5") + row("9", "5") + row("8", "1") + row("3", "5") + row("9", "1"),
      (p) => `${p}:6: duplicate obligation id 3 (first on line 3)`,
    );
    const huge = (1n << 200n) + 5n;
    await refuses(
      "duplicate-huge.csv",
      header + row(String(huge), "5") + row("1", "5") + row(String(huge), "5"),
      (p) => `${p}:4: duplicate obligation id ${huge} (first on line 2)`,
    );
    await refuses(
      "corrupt.csv.gz",
      Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not really gzip data")]),
      (p) => `${p}:1: expected gzip-compressed data, got corrupt data (unknown compression method)`,
    );
    const whole = gzipSync(header + row("1", "5") + row("2", "5") + row("3", "5"));
    await refuses(
      "truncated.csv.gz",
      whole.subarray(0, whole.length - 10),
      (p) => `${p}:4: expected gzip-compressed data, got corrupt data (unexpected end of file)`,
    );
    await assert.rejects(readObligationsFile(join(dir, "absent.csv")), (error: unknown) => {
      assert.ok(error instanceof ObligationsFileError);
      assert.match(error.message, /absent\.csv: cannot read the file \(ENOENT/);
      return true;
    });
  });
});

describe("obligations file: rejected JSON input names file, line and column", () => {
  const obligation = (fields: string) => `[\n  {${fields}}\n]\n`;
  const base = `"id": "1", "debtor": "${A}", "creditor": "${B}"`;

  it("a JSON number above 2^53 - 1 is refused (never rounded); one at 2^53 - 1 is read", async () => {
    await refuses(
      "big-number.json",
      obligation(`${base}, "amount": 100000000000000000001`),
      (p) =>
        `${p}:2:139: "amount": expected a string for a number above 2^53 - 1 (JSON readers round it), ` +
        `got 100000000000000000001: write it as "100000000000000000001"`,
    );
    await refuses(
      "two-53.json",
      obligation(`"id": 9007199254740992, "debtor": "${A}", "creditor": "${B}", "amount": "1"`),
      (p) =>
        `${p}:2:10: "id": expected a string for a number above 2^53 - 1 (JSON readers round it), ` +
        `got 9007199254740992: write it as "9007199254740992"`,
    );
    const read = await readObligationsFile(file("safe.json", obligation(`${base}, "amount": 9007199254740991`)));
    assert.deepEqual(read.obligations, [o(1n, A, B, 9007199254740991n)]);
  });

  it("values: decimals, exponents, signs, null, objects, a number for an address", async () => {
    for (const [bad, got] of [
      ["1e18", "1e18"],
      ["1.5", "1.5"],
      ["-5", "-5"],
      ['"1e18"', '"1e18"'],
      ['"0x10"', '"0x10"'],
      ["null", "null"],
      ["{}", "an object"],
      ["[1]", "an array"],
    ]) {
      await refuses(
        `value-${bad.replace(/\W/g, "_")}.json`,
        obligation(`${base}, "amount": ${bad}`),
        (p) => `${p}:2:139: "amount": expected a whole number of base units (digits only), got ${got}`,
      );
    }
    await refuses(
      "zero.json",
      obligation(`${base}, "amount": 0`),
      (p) => `${p}:2:139: "amount": expected an amount of at least 1 base unit, got 0`,
    );
    await refuses(
      "number-address.json",
      obligation(`"id": "1", "debtor": 12, "creditor": "${B}", "amount": "1"`),
      (p) => `${p}:2:25: "debtor": expected an address (0x and 40 hex digits) in quotes, got the number 12`,
    );
    await refuses(
      "leading-zero.json",
      obligation(`"id": 01, "debtor": "${A}", "creditor": "${B}", "amount": "1"`),
      (p) => `${p}:2:10: expected a JSON value, got "01"`,
    );
    await refuses(
      "self.json",
      obligation(`"id": "1", "debtor": "${A}", "creditor": "${A.toUpperCase().replace("0X", "0x")}", "amount": "1"`),
      (p) =>
        `${p}:2:83: "creditor": expected a creditor other than the debtor, got the same address ` +
        `"${A.toUpperCase().replace("0X", "0x")}"`,
    );
  });

  it("structure: not an array, trailing garbage, truncated, unknown, missing and repeated keys, empty file", async () => {
    await refuses("object.json", `{"id": "1"}`, (p) => `${p}:1:1: expected "[" (a JSON array of obligations), got "{"`);
    await refuses("garbage.json", "[] x", (p) => `${p}:1:4: expected the end of the file after "]", got "x"`);
    await refuses(
      "comma.json",
      `[{${base}, "amount": "1"},]`,
      (p) => `${p}:1:143: expected an obligation "{", got "]"`,
    );
    await refuses(
      "truncated.json",
      `[\n  {"id": "1", "debtor": "0x00`,
      (p) => `${p}:2:30: expected the closing quote of the string, got the end of the file`,
    );
    await refuses(
      "unclosed.json",
      `[\n  {${base}, "amount": "1"}\n`,
      (p) => `${p}:3:1: expected "," or "]", got the end of the file`,
    );
    await refuses(
      "unknown-key.json",
      obligation(`${base}, "amount": "1", "memo": "rent"`),
      (p) => `${p}:2:144: expected a key "id", "debtor", "creditor" or "amount", got "memo"`,
    );
    await refuses(
      "missing-key.json",
      obligation(base),
      (p) => `${p}:2:3: expected the keys "id", "debtor", "creditor" and "amount", got an obligation without "amount"`,
    );
    await refuses(
      "repeated-key.json",
      obligation(`${base}, "id": "2", "amount": "1"`),
      (p) => `${p}:2:129: expected each key once, got "id" again`,
    );
    await refuses(
      "empty.json",
      "",
      (p) =>
        `${p}: empty file: expected a JSON array of obligations [{"id": …, "debtor": …, "creditor": …, "amount": …}]`,
    );
    await refuses(
      "duplicate.json",
      `[\n  {${base}, "amount": "1"},\n  {${base}, "amount": "2"}\n]`,
      (p) => `${p}:3: duplicate obligation id 1 (first on line 2)`,
    );
    await refuses(
      "corrupt.json.gz",
      Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(12, 7)]),
      (p) => `${p}:1: expected gzip-compressed data, got corrupt data (invalid block type)`,
    );
  });
});
