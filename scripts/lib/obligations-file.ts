// Streaming reader of the clearing CLI's obligations files (scripts/clear.ts --file): CSV (comma, semicolon or tab;
// RFC 4180 quotes) or a JSON array, either one optionally gzip-compressed. The bytes are parsed as they stream in
// (no whole-file string, no JSON.parse of the file), amounts stay exact (bigint from the digits, never a float), and
// every rejected input is named by file, line and column. Node only (node:fs, node:zlib); see docs/clearing-solver.md
// "Running it for a community" for the format and the messages.
import { getHashes, hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { checksumAddress } from "viem";
import type { ObligationInput } from "../../sdk/src/clearing/index.ts";

/** The columns (CSV) or keys (JSON) of an obligation, each required exactly once. */
export const OBLIGATION_COLUMNS = ["id", "debtor", "creditor", "amount"] as const;

/**
 * A rejected obligations file. The message is the whole explanation, one line:
 * `<file>:<line>: column <k> (<name>): expected <what>, got <what>` for a CSV value,
 * `<file>:<line>:<column>: "<key>": expected <what>, got <what>` for a JSON value (column in characters), and
 * `<file>: <what>` when no line applies (empty file, unreadable file).
 */
export class ObligationsFileError extends Error {
  /** The path of the file, as given. */
  readonly file: string;
  /** 1-based line of the rejected input, when there is one. */
  readonly line: number | undefined;
  constructor(message: string, file: string, line?: number) {
    super(message);
    this.name = "ObligationsFileError";
    this.file = file;
    this.line = line;
  }
}

/** What {@link readObligationsFile} read. */
export interface ObligationsFile {
  /** The obligations in file order; debtor and creditor are one interned string per member (its first spelling). */
  obligations: ObligationInput[];
  /** 1-based source line of each obligation (for JSON: the line of its `{`). */
  line: Int32Array;
  /** Distinct members (addresses compared case-insensitively). */
  members: number;
  format: "csv" | "json";
  /** Whether the file was gzip-compressed (detected by its first bytes, 1f 8b). */
  gzip: boolean;
  /** Bytes parsed (after decompression). */
  bytes: number;
  /** Whether the ids are strictly ascending in the file (the usual case; duplicates are then found without a map). */
  idsAscending: boolean;
}

const TWO_256 = 1n << 256n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const P15 = 10n ** 15n;
/** A line (CSV) or an obligation object (JSON) longer than this is refused rather than buffered. */
const MAX_RECORD = 1 << 20;
const ID = 0;
const DEBTOR = 1;
const CREDITOR = 2;
const AMOUNT = 3;
const EXPECT_ID = "a whole number (digits only)";
const EXPECT_AMOUNT = "a whole number of base units (digits only)";
const EXPECT_ADDRESS = "an address (0x and 40 hex digits)";

/** A rejected value: what was expected and what was found; the format's parser adds the place. */
class Reject {
  readonly expected: string;
  readonly got: string;
  constructor(expected: string, got: string) {
    this.expected = expected;
    this.got = got;
  }
}

/** `text` quoted for a message (control characters escaped), cut to 64 characters. */
function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 61)}…` : text);
}

/** Bytes [s, e) quoted for a message, or "an empty value". */
function shown(buf: Uint8Array, s: number, e: number): string {
  return s >= e ? "an empty value" : quote(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8"));
}

/**
 * The unsigned decimal integer in bytes [s, e): digits only (leading zeros allowed), below 2^256, and for an amount
 * at least 1. `got` overrides how the value is shown (a JSON number is shown unquoted).
 */
function decimal(buf: Uint8Array, s: number, e: number, amount: boolean, got?: string): bigint {
  if (e > s && e - s <= 30) {
    // Up to 30 digits: two doubles of at most 15 digits each, exact; one pass.
    const m = e - 15 > s ? e - 15 : s;
    let high = 0;
    let low = 0;
    let k = s;
    for (; k < m; k++) {
      const d = buf[k] - 48;
      if (d < 0 || d > 9) break;
      high = high * 10 + d;
    }
    if (k === m) {
      for (; k < e; k++) {
        const d = buf[k] - 48;
        if (d < 0 || d > 9) break;
        low = low * 10 + d;
      }
      if (k === e) {
        if (high === 0) {
          if (low === 0 && amount) throw new Reject("an amount of at least 1 base unit", got ?? shown(buf, s, e));
          return BigInt(low);
        }
        return BigInt(high) * P15 + BigInt(low);
      }
    }
  }
  const expected = amount ? EXPECT_AMOUNT : EXPECT_ID;
  if (s >= e) throw new Reject(expected, got ?? "an empty value");
  for (let k = s; k < e; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) throw new Reject(expected, got ?? shown(buf, s, e));
  }
  let z = s;
  while (z < e - 1 && buf[z] === 48) z++;
  const len = e - z;
  let value: bigint;
  if (len <= 15) {
    let n = 0;
    for (let k = z; k < e; k++) n = n * 10 + buf[k] - 48;
    value = BigInt(n);
  } else if (len <= 30) {
    const m = e - 15;
    let high = 0;
    for (let k = z; k < m; k++) high = high * 10 + buf[k] - 48;
    let low = 0;
    for (let k = m; k < e; k++) low = low * 10 + buf[k] - 48;
    value = BigInt(high) * P15 + BigInt(low);
  } else if (len <= 78) {
    value = BigInt(Buffer.from(buf.buffer, buf.byteOffset + z, len).toString("latin1"));
  } else {
    value = TWO_256;
  }
  if (value >= TWO_256)
    throw new Reject(amount ? "an amount below 2^256" : "an id below 2^256", got ?? shown(buf, s, e));
  if (amount && value === 0n) throw new Reject("an amount of at least 1 base unit", got ?? shown(buf, s, e));
  return value;
}

/** Per byte: its hex digit value, | LOWER for a-f, | UPPER for A-F, or BAD. */
const LOWER = 0x10;
const UPPER = 0x20;
const BAD = 0x80;
const HEX = new Uint8Array(256).fill(BAD);
for (let c = 48; c <= 57; c++) HEX[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX[c] = (c - 87) | LOWER;
for (let c = 65; c <= 70; c++) HEX[c] = (c - 55) | UPPER;

/** Node's own Keccak-256 (OpenSSL 3.2+, Node 24), much faster than a JavaScript one; viem's otherwise. */
const NATIVE_KECCAK = getHashes().includes("keccak-256");

/** Whether `address` (0x + 40 hex digits, mixed case) is spelled as its EIP-55 checksum. */
export function isChecksummed(address: string): boolean {
  const lower = address.slice(2).toLowerCase();
  if (!NATIVE_KECCAK) return checksumAddress(`0x${lower}`) === address;
  const digest = hash("keccak-256", lower, "buffer");
  for (let i = 0; i < 40; i++) {
    const c = address.charCodeAt(i + 2);
    if (c < 65) continue; // a digit
    const upper = ((digest[i >> 1] >> (i & 1 ? 0 : 4)) & 15) >= 8;
    if (upper !== c < 97) return false;
  }
  return true;
}

/** A 32-bit hash of an address's five words. */
function mix(w0: number, w1: number, w2: number, w3: number, w4: number): number {
  let h = w0 ^ 0x2545f491;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ w1;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ w2;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ w3;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ w4;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The members seen so far: one index and one string per distinct address. Addresses are hashed from their 20 bytes
 * (no string per row); a mixed-case spelling is checked against its EIP-55 checksum once per member.
 */
class Members {
  /** First spelling of each member. */
  readonly names: string[] = [];
  /** The checked EIP-55 spelling of each member (its 40 hex digits), once a mixed-case one has been seen. */
  private spelling = new Uint8Array(40 * 1024);
  private checked = new Uint8Array(1024);
  private words = new Int32Array(5 * 1024);
  private slots = new Int32Array(4096);
  private mask = 4095;

  get count(): number {
    return this.names.length;
  }

  /** The member index of the address in bytes [s, e). */
  intern(buf: Uint8Array, s: number, e: number): number {
    if (e - s !== 42 || buf[s] !== 48 || buf[s + 1] !== 120) throw new Reject(EXPECT_ADDRESS, shown(buf, s, e));
    // The 20 bytes as five 32-bit words (8 hex digits each), with the kinds of digits seen (LOWER, UPPER, BAD).
    let seen = 0;
    let p = s + 2;
    let w0 = 0;
    for (const end = p + 8; p < end; p++) {
      const t = HEX[buf[p]];
      seen |= t;
      w0 = (w0 << 4) | (t & 15);
    }
    let w1 = 0;
    for (const end = p + 8; p < end; p++) {
      const t = HEX[buf[p]];
      seen |= t;
      w1 = (w1 << 4) | (t & 15);
    }
    let w2 = 0;
    for (const end = p + 8; p < end; p++) {
      const t = HEX[buf[p]];
      seen |= t;
      w2 = (w2 << 4) | (t & 15);
    }
    let w3 = 0;
    for (const end = p + 8; p < end; p++) {
      const t = HEX[buf[p]];
      seen |= t;
      w3 = (w3 << 4) | (t & 15);
    }
    let w4 = 0;
    for (const end = p + 8; p < end; p++) {
      const t = HEX[buf[p]];
      seen |= t;
      w4 = (w4 << 4) | (t & 15);
    }
    if (seen & BAD) throw new Reject(EXPECT_ADDRESS, shown(buf, s, e));
    const h = mix(w0, w1, w2, w3, w4);
    const words = this.words;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    let index = -1;
    for (;;) {
      const slot = slots[i];
      if (slot === 0) break;
      const b = (slot - 1) * 5;
      if (words[b] === w0 && words[b + 1] === w1 && words[b + 2] === w2 && words[b + 3] === w3 && words[b + 4] === w4) {
        index = slot - 1;
        break;
      }
      i = (i + 1) & mask;
    }
    if ((seen & LOWER) !== 0 && (seen & UPPER) !== 0) this.checkSpelling(index, buf, s, e);
    if (index >= 0) return index;
    index = this.names.length;
    if ((index + 1) * 5 > this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    const at = index * 5;
    this.words[at] = w0;
    this.words[at + 1] = w1;
    this.words[at + 2] = w2;
    this.words[at + 3] = w3;
    this.words[at + 4] = w4;
    this.slots[i] = index + 1;
    this.names.push(Buffer.from(buf.buffer, buf.byteOffset + s, 42).toString("latin1"));
    if (this.names.length * 2 > this.mask) this.rehash();
    return index;
  }

  /** Throws unless the mixed-case spelling in bytes [s, e) is the EIP-55 checksum of its address. */
  private checkSpelling(index: number, buf: Uint8Array, s: number, e: number): void {
    if (index >= 0 && this.checked[index] === 1) {
      const spelling = this.spelling;
      const base = index * 40 - s - 2;
      let k = s + 2;
      while (k < e && buf[k] === spelling[base + k]) k++;
      if (k === e) return;
    }
    const spelled = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("latin1");
    if (!isChecksummed(spelled)) {
      throw new Reject("an address whose mixed case is its EIP-55 checksum (or all one case)", quote(spelled));
    }
    // A new member is checked before it is added: its index is the next one.
    const at = index >= 0 ? index : this.names.length;
    if (at >= this.checked.length) {
      const size = Math.max(this.checked.length * 2, at + 1);
      const checked = new Uint8Array(size);
      checked.set(this.checked);
      this.checked = checked;
      const spelling = new Uint8Array(size * 40);
      spelling.set(this.spelling);
      this.spelling = spelling;
    }
    this.checked[at] = 1;
    this.spelling.set(buf.subarray(s + 2, e), at * 40);
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    const words = this.words;
    for (let index = 0; index < this.names.length; index++) {
      const b = index * 5;
      let i = mix(words[b], words[b + 1], words[b + 2], words[b + 3], words[b + 4]) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = index + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Collects the obligations with their lines; finds a duplicate id as it goes while the ids ascend. */
class Collector {
  readonly obligations: ObligationInput[] = [];
  lines = new Int32Array(4096);
  ascending = true;
  private readonly path: string;
  private last = -1n;
  /** Whether every id is below 2^53 (the duplicate check after an unsorted file then sorts doubles). */
  private small = true;

  constructor(path: string) {
    this.path = path;
  }

  add(line: number, id: bigint, debtor: string, creditor: string, amount: bigint): void {
    const n = this.obligations.length;
    if (this.ascending && id <= this.last) {
      if (id === this.last) this.duplicate(id, line, this.lines[n - 1]);
      this.ascending = false;
    }
    this.last = id;
    if (id > MAX_SAFE) this.small = false;
    if (n === this.lines.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[n] = line;
    this.obligations.push({ id, debtor, creditor, amount });
  }

  /** After the last obligation: for ids not in ascending order, the first id (in file order) seen twice. */
  checkDuplicates(): void {
    if (this.ascending) return;
    const obligations = this.obligations;
    const n = obligations.length;
    const repeated = new Set<bigint>();
    if (this.small) {
      const ids = new Float64Array(n);
      for (let i = 0; i < n; i++) ids[i] = Number(obligations[i].id);
      ids.sort();
      for (let k = 1; k < n; k++) if (ids[k] === ids[k - 1]) repeated.add(BigInt(ids[k]));
    } else {
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) =>
        obligations[a].id < obligations[b].id ? -1 : obligations[a].id > obligations[b].id ? 1 : 0,
      );
      for (let k = 1; k < n; k++) {
        if (obligations[order[k]].id === obligations[order[k - 1]].id) repeated.add(obligations[order[k]].id);
      }
    }
    if (repeated.size === 0) return;
    const first = new Map<bigint, number>();
    for (let i = 0; i < n; i++) {
      const id = obligations[i].id;
      if (!repeated.has(id)) continue;
      const seen = first.get(id);
      if (seen !== undefined) this.duplicate(id, this.lines[i], seen);
      first.set(id, this.lines[i]);
    }
  }

  private duplicate(id: bigint, line: number, firstLine: number): never {
    throw new ObligationsFileError(
      `${this.path}:${line}: duplicate obligation id ${id} (first on line ${firstLine})`,
      this.path,
      line,
    );
  }
}

/** A format's parser: fed the decompressed bytes chunk by chunk, then ended. */
interface Parser {
  feed(chunk: Buffer): void;
  end(): void;
  /** The line being read (for a decompression error). */
  readonly lineNow: number;
}

/** CSV: a header row, then one obligation per line (line framing by byte search, fields parsed from the bytes). */
class CsvParser implements Parser {
  private readonly path: string;
  private readonly members: Members;
  private readonly out: Collector;
  private line = 0;
  private header = false;
  private sep = 44;
  /** The column kind (ID, DEBTOR, CREDITOR, AMOUNT) at each position. */
  private readonly kinds = new Int8Array(4);
  private readonly starts = new Int32Array(4);
  private readonly ends = new Int32Array(4);
  private escapedMask = 0;
  private carry: Buffer[] = [];
  private carried = 0;
  private bytes = 0;
  private sawBom = false;
  /** Records a field of a data row (bound once: no closure per row). */
  private readonly onField: (index: number, a: number, b: number, escaped: boolean, buf: Buffer) => void;

  constructor(path: string, members: Members, out: Collector) {
    this.path = path;
    this.members = members;
    this.out = out;
    this.onField = (index, a, b, escaped, buf) => {
      if (index >= 4) this.fail(index, `expected 4 columns (the header's), got more: ${shown(buf, a, b)}`);
      this.starts[index] = a;
      this.ends[index] = b;
      if (escaped) this.escapedMask |= 1 << index;
    };
  }

  get lineNow(): number {
    return this.line + 1;
  }

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    const pos = this.carried > 0 ? this.finishCarried(chunk) : 0;
    if (pos < 0) return;
    const rest = this.lines(chunk, pos);
    if (rest < chunk.length) this.hold(chunk.subarray(rest));
  }

  /** Every whole line of `chunk` from `pos`; the start of the unfinished last line. (Kept small: the hot loop.) */
  private lines(chunk: Buffer, pos: number): number {
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) return pos;
      this.line++;
      this.handle(chunk, pos, nl);
      pos = nl + 1;
    }
  }

  /** The line held from earlier chunks, ended in `chunk`: handled; the index after its newline (-1: still open). */
  private finishCarried(chunk: Buffer): number {
    const nl = chunk.indexOf(10);
    if (nl < 0) {
      this.hold(chunk);
      return -1;
    }
    this.carry.push(chunk.subarray(0, nl));
    const joined = Buffer.concat(this.carry);
    this.carry = [];
    this.carried = 0;
    this.line++;
    this.handle(joined, 0, joined.length);
    return nl + 1;
  }

  end(): void {
    if (this.carried > 0) {
      const joined = Buffer.concat(this.carry);
      this.carry = [];
      this.carried = 0;
      this.line++;
      this.handle(joined, 0, joined.length);
    }
    if (!this.header) {
      if (this.bytes === 0 || (this.bytes === 3 && this.line <= 1 && this.sawBom)) {
        throw new ObligationsFileError(
          `${this.path}: empty file: expected a header id,debtor,creditor,amount`,
          this.path,
        );
      }
      throw new ObligationsFileError(
        `${this.path}:${this.line}: expected a header id,debtor,creditor,amount, got the end of the file`,
        this.path,
        this.line,
      );
    }
  }

  /** Keeps the start of a line that continues in the next chunk (refusing a line longer than MAX_RECORD). */
  private hold(part: Buffer): void {
    this.carry.push(part);
    this.carried += part.length;
    if (this.carried > MAX_RECORD) {
      throw new ObligationsFileError(
        `${this.path}:${this.line + 1}: expected one obligation per line, got a line longer than 1 MiB`,
        this.path,
        this.line + 1,
      );
    }
  }

  private fail(column: number, why: string): never {
    const name = this.header && column < 4 ? ` (${OBLIGATION_COLUMNS[this.kinds[column]]})` : "";
    throw new ObligationsFileError(
      `${this.path}:${this.line}: column ${column + 1}${name}: ${why}`,
      this.path,
      this.line,
    );
  }

  private handle(buf: Buffer, s: number, e: number): void {
    if (e > s && buf[e - 1] === 13) e--;
    if (this.line === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) {
      s += 3;
      this.sawBom = true;
    }
    let p = s;
    while (p < e && (buf[p] === 32 || buf[p] === 9)) p++;
    if (p === e || buf[p] === 35) return; // blank line, or a # comment
    if (!this.header) this.readHeader(buf, s, e);
    else if (!this.quick(buf, s, e)) this.row(buf, s, e);
  }

  /**
   * Splits bytes [s, e) into fields: unquoted (spaces around trimmed) or quoted ("..." with "" for a quote, spaces
   * around the quotes allowed). Calls `field(index, start, end, escaped)`; returns the number of fields.
   */
  private split(
    buf: Buffer,
    s: number,
    e: number,
    field: (index: number, start: number, end: number, escaped: boolean, buf: Buffer) => void,
  ): number {
    const sep = this.sep;
    let n = 0;
    let p = s;
    for (;;) {
      while (p < e && buf[p] === 32) p++;
      let a: number;
      let b: number;
      let escaped = false;
      if (p < e && buf[p] === 34) {
        a = p + 1;
        let q = a;
        for (;;) {
          while (q < e && buf[q] !== 34) q++;
          if (q >= e) this.fail(n, `expected a closing quote on the same line, got ${shown(buf, p, e)}`);
          if (q + 1 < e && buf[q + 1] === 34) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        b = q;
        p = q + 1;
        while (p < e && buf[p] === 32) p++;
        if (p < e && buf[p] !== sep) {
          this.fail(n, `expected a separator after the closing quote, got ${shown(buf, p, Math.min(e, p + 1))}`);
        }
      } else {
        a = p;
        while (p < e && buf[p] !== sep) p++;
        b = p;
        while (b > a && buf[b - 1] === 32) b--;
      }
      field(n, a, b, escaped, buf);
      n++;
      if (p >= e) return n;
      p++;
    }
  }

  private readHeader(buf: Buffer, s: number, e: number): void {
    let quoted = false;
    this.sep = 44;
    for (let p = s; p < e; p++) {
      const c = buf[p];
      if (c === 34) quoted = !quoted;
      else if (!quoted && (c === 44 || c === 59 || c === 9)) {
        this.sep = c;
        break;
      }
    }
    const seen = [-1, -1, -1, -1];
    const where = `${this.path}:${this.line}`;
    const fail = (why: string): never => {
      throw new ObligationsFileError(`${where}: ${why}`, this.path, this.line);
    };
    this.split(buf, s, e, (index, a, b, escaped) => {
      const text = cellText(buf, a, b, escaped);
      const kind = (OBLIGATION_COLUMNS as readonly string[]).indexOf(text.trim().toLowerCase());
      if (kind < 0) {
        fail(`column ${index + 1}: expected a column name (id, debtor, creditor or amount), got ${quote(text)}`);
      }
      if (seen[kind] >= 0) {
        fail(
          `column ${index + 1}: expected each column once, got ${quote(text)} again (first in column ${seen[kind] + 1})`,
        );
      }
      seen[kind] = index;
      this.kinds[index] = kind;
    });
    const missing = OBLIGATION_COLUMNS.filter((_, kind) => seen[kind] < 0);
    if (missing.length > 0) {
      fail(
        `header: expected the columns id, debtor, creditor and amount (any order), got ${shown(buf, s, e)}: ` +
          `no ${missing.join(", ")}`,
      );
    }
    this.header = true;
  }

  /**
   * The usual row, read without the general splitter: 4 unquoted fields without spaces, all valid. Returns false,
   * having added nothing, for anything else: `row` then reads it the general way and names what is wrong.
   */
  private quick(buf: Buffer, s: number, e: number): boolean {
    const sep = this.sep;
    const kinds = this.kinds;
    let p = s;
    let id = 0n;
    let amount = 0n;
    let debtor = -1;
    let creditor = -1;
    try {
      for (let column = 0; column < 4; column++) {
        const kind = kinds[column];
        let q = p;
        if (kind === DEBTOR || kind === CREDITOR) {
          q = p + 42;
          if (q > e) return false;
        } else {
          while (q < e && buf[q] !== sep) q++;
        }
        if (column < 3 ? q >= e || buf[q] !== sep : q !== e) return false;
        if (kind === ID) id = decimal(buf, p, q, false);
        else if (kind === AMOUNT) amount = decimal(buf, p, q, true);
        else if (kind === DEBTOR) debtor = this.members.intern(buf, p, q);
        else creditor = this.members.intern(buf, p, q);
        p = q + 1;
      }
    } catch (error) {
      if (error instanceof Reject) return false;
      throw error;
    }
    if (debtor === creditor) return false;
    const names = this.members.names;
    this.out.add(this.line, id, names[debtor], names[creditor], amount);
    return true;
  }

  /** Any row: split by the general field reader; throws with the column of the first value that is wrong. */
  private row(buf: Buffer, s: number, e: number): void {
    const starts = this.starts;
    const ends = this.ends;
    this.escapedMask = 0;
    const n = this.split(buf, s, e, this.onField);
    const escapedMask = this.escapedMask;
    if (n < 4) this.fail(n, `expected a value, got the end of the line (the row has ${n} of the 4 columns)`);
    let id = 0n;
    let amount = 0n;
    let debtor = 0;
    let creditor = 0;
    let column = 0;
    try {
      for (; column < 4; column++) {
        let vb: Uint8Array = buf;
        let a = starts[column];
        let b = ends[column];
        if (escapedMask & (1 << column)) {
          vb = Buffer.from(cellText(buf, a, b, true), "utf8");
          a = 0;
          b = vb.length;
        }
        switch (this.kinds[column]) {
          case ID:
            id = decimal(vb, a, b, false);
            break;
          case DEBTOR:
            debtor = this.members.intern(vb, a, b);
            break;
          case CREDITOR:
            creditor = this.members.intern(vb, a, b);
            break;
          default:
            amount = decimal(vb, a, b, true);
        }
      }
    } catch (error) {
      if (error instanceof Reject) this.fail(column, `expected ${error.expected}, got ${error.got}`);
      throw error;
    }
    if (debtor === creditor) {
      const c = this.kinds.indexOf(CREDITOR);
      this.fail(c, `expected a creditor other than the debtor, got the same address ${shown(buf, starts[c], ends[c])}`);
    }
    const names = this.members.names;
    this.out.add(this.line, id, names[debtor], names[creditor], amount);
  }
}

/** The text of a CSV cell: bytes [a, b), with "" read as " when it was quoted with doubled quotes. */
function cellText(buf: Buffer, a: number, b: number, escaped: boolean): string {
  const text = buf.toString("utf8", a, b);
  return escaped ? text.replaceAll('""', '"') : text;
}

const NEED = -1;
const KEY_BYTES = OBLIGATION_COLUMNS.map((k) => Buffer.from(k, "latin1"));
/** How a JSON error names a key: in quotes. */
const LABELS = OBLIGATION_COLUMNS.map((k) => `"${k}"`);

/**
 * JSON: `[` obligation objects `]`, tokenised from the bytes. Numbers are kept as their source text; an object cut by
 * a chunk boundary is parsed again once the next chunk has arrived (objects are small).
 */
class JsonParser implements Parser {
  private readonly path: string;
  private readonly members: Members;
  private readonly out: Collector;
  /** Absolute offset of the current buffer's first byte; the line, its start offset and its UTF-8 continuation bytes. */
  private base = 0;
  private line = 1;
  private lineStart = 0;
  private adjust = 0;
  /** 0: before "[", 1: after "[", 2: after an obligation, 3: after ",", 4: after "]". */
  private state = 0;
  private carry: Buffer | null = null;
  private bytes = 0;
  private final = false;
  /** The last string scanned: the index of its closing quote (or NEED), and whether it has escapes. */
  private stringEnd = 0;
  private stringEscaped = false;
  // The obligation being read.
  private id = 0n;
  private amount = 0n;
  private debtor = 0;
  private creditor = 0;
  private creditorLine = 0;
  private creditorColumn = 0;
  private creditorBytes: Uint8Array = Buffer.alloc(0);
  private creditorStart = 0;
  private creditorEnd = 0;

  constructor(path: string, members: Members, out: Collector) {
    this.path = path;
    this.members = members;
    this.out = out;
  }

  get lineNow(): number {
    return this.line;
  }

  feed(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.carry === null) {
      this.run(chunk);
      return;
    }
    // The object cut at the end of the last chunk most likely ends at the first "}" of this one: join only that much.
    const close = chunk.indexOf(125);
    const carry = this.carry;
    this.carry = null;
    if (close < 0) {
      this.run(Buffer.concat([carry, chunk]));
      return;
    }
    this.run(Buffer.concat([carry, chunk.subarray(0, close + 1)]));
    const rest = chunk.subarray(close + 1);
    if (this.carry === null) this.run(rest);
    else {
      const held: Buffer = this.carry;
      this.carry = null;
      this.run(Buffer.concat([held, rest]));
    }
  }

  end(): void {
    if (this.bytes === 0) {
      throw new ObligationsFileError(
        `${this.path}: empty file: expected a JSON array of obligations [{"id": …, "debtor": …, "creditor": …, "amount": …}]`,
        this.path,
      );
    }
    this.final = true;
    const buf = this.carry ?? Buffer.alloc(0);
    this.carry = null;
    this.run(buf);
    if (this.state !== 4) {
      const expected = this.state === 0 ? `"["` : this.state === 2 ? `"," or "]"` : `an obligation "{" or "]"`;
      this.failColumn(this.base - this.lineStart - this.adjust + 1, `expected ${expected}, got the end of the file`);
    }
  }

  /** The 1-based column (in characters) of byte p of `buf`, on the current line. */
  private column(p: number): number {
    return this.base + p - this.lineStart - this.adjust + 1;
  }

  private failColumn(column: number, why: string, line = this.line): never {
    throw new ObligationsFileError(`${this.path}:${line}:${column}: ${why}`, this.path, line);
  }

  private fail(p: number, why: string): never {
    return this.failColumn(this.column(p), why);
  }

  /** "got …" for the byte at p: the character there, or the end of the file. */
  private got(buf: Buffer, p: number): string {
    if (p >= buf.length) return "the end of the file";
    let q = p + 1;
    while (q < buf.length && q < p + 4 && (buf[q] & 0xc0) === 0x80) q++;
    return quote(buf.toString("utf8", p, q));
  }

  /** Skips whitespace from p, counting lines. */
  private ws(buf: Buffer, p: number): number {
    const len = buf.length;
    while (p < len) {
      const c = buf[p];
      if (c === 32 || c === 9 || c === 13) p++;
      else if (c === 10) {
        p++;
        this.line++;
        this.lineStart = this.base + p;
        this.adjust = 0;
      } else break;
    }
    return p;
  }

  private run(buf: Buffer): void {
    let p = 0;
    if (this.base === 0 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      p = 3;
      this.lineStart = 3;
    }
    for (;;) {
      p = this.ws(buf, p);
      if (p >= buf.length) break;
      const c = buf[p];
      if (this.state === 0) {
        if (c !== 91) this.fail(p, `expected "[" (a JSON array of obligations), got ${this.got(buf, p)}`);
        this.state = 1;
        p++;
      } else if (this.state === 2) {
        if (c === 44) this.state = 3;
        else if (c === 93) this.state = 4;
        else this.fail(p, `expected "," or "]" after an obligation, got ${this.got(buf, p)}`);
        p++;
      } else if (this.state === 4) {
        this.fail(p, `expected the end of the file after "]", got ${this.got(buf, p)}`);
      } else if (c === 93 && this.state === 1) {
        this.state = 4;
        p++;
      } else if (c === 123) {
        const line = this.line;
        const lineStart = this.lineStart;
        const adjust = this.adjust;
        const next = this.object(buf, p);
        if (next === NEED) {
          this.line = line;
          this.lineStart = lineStart;
          this.adjust = adjust;
          if (buf.length - p > MAX_RECORD) this.fail(p, "expected an obligation object, got one longer than 1 MiB");
          this.carry = buf.subarray(p);
          this.base += p;
          return;
        }
        p = next;
        this.state = 2;
      } else {
        this.fail(p, `expected an obligation "{"${this.state === 1 ? ` or "]"` : ""}, got ${this.got(buf, p)}`);
      }
    }
    this.base += buf.length;
  }

  /** Out of bytes at p: NEED, or at the end of the file, an error. */
  private more(p: number, expected: string): number {
    if (this.final) this.fail(p, `expected ${expected}, got the end of the file`);
    return NEED;
  }

  /** Scans the string whose opening quote is at p into stringEnd (its closing quote, or NEED) and stringEscaped. */
  private string(buf: Buffer, p: number): void {
    const len = buf.length;
    let q = p + 1;
    this.stringEscaped = false;
    for (;;) {
      if (q >= len) {
        this.stringEnd = this.more(len, "the closing quote of the string");
        return;
      }
      const c = buf[q];
      if (c === 34) break;
      if (c === 92) {
        this.stringEscaped = true;
        q += 2;
        continue;
      }
      if (c < 32) this.fail(q, `expected a string's closing quote, got a control character ${this.got(buf, q)}`);
      if ((c & 0xc0) === 0x80) this.adjust++;
      q++;
    }
    this.stringEnd = q;
  }

  /** The text of the string from the quote at p to the quote at end (escapes decoded). */
  private text(buf: Buffer, p: number, end: number, escaped: boolean, column: number): string {
    if (!escaped) return buf.toString("utf8", p + 1, end);
    try {
      return JSON.parse(buf.toString("utf8", p, end + 1)) as string;
    } catch {
      return this.failColumn(column, `expected a valid JSON string, got ${quote(buf.toString("utf8", p, end + 1))}`);
    }
  }

  /** The key (ID, DEBTOR, CREDITOR, AMOUNT) of the string from the quote at p to the quote at end, or -1. */
  private keyOf(buf: Buffer, p: number, end: number, escaped: boolean, column: number): number {
    if (escaped) return (OBLIGATION_COLUMNS as readonly string[]).indexOf(this.text(buf, p, end, true, column));
    const a = p + 1;
    for (let k = 0; k < 4; k++) {
      const name = KEY_BYTES[k];
      if (end - a !== name.length) continue;
      let i = 0;
      while (i < name.length && buf[a + i] === name[i]) i++;
      if (i === name.length) return k;
    }
    return -1;
  }

  /** Reads the obligation whose "{" is at `open` and adds it; the index after its "}", or NEED. */
  private object(buf: Buffer, open: number): number {
    const line = this.line;
    const openColumn = this.column(open);
    let seen = 0;
    let p = this.ws(buf, open + 1);
    if (p >= buf.length) return this.more(p, `a key or "}"`);
    if (buf[p] !== 125) {
      for (;;) {
        if (buf[p] !== 34) this.fail(p, `expected a key in quotes, got ${this.got(buf, p)}`);
        const keyColumn = this.column(p);
        this.string(buf, p);
        const end = this.stringEnd;
        if (end === NEED) return NEED;
        const key = this.keyOf(buf, p, end, this.stringEscaped, keyColumn);
        if (key < 0) {
          const text = this.text(buf, p, end, this.stringEscaped, keyColumn);
          this.failColumn(keyColumn, `expected a key "id", "debtor", "creditor" or "amount", got ${quote(text)}`);
        }
        if (seen & (1 << key))
          this.failColumn(keyColumn, `expected each key once, got "${OBLIGATION_COLUMNS[key]}" again`);
        seen |= 1 << key;
        p = this.ws(buf, end + 1);
        if (p >= buf.length) return this.more(p, `":"`);
        if (buf[p] !== 58) this.fail(p, `expected ":" after the key, got ${this.got(buf, p)}`);
        p = this.ws(buf, p + 1);
        if (p >= buf.length) return this.more(p, "a value");
        p = this.value(buf, p, key);
        if (p === NEED) return NEED;
        p = this.ws(buf, p);
        if (p >= buf.length) return this.more(p, `"," or "}"`);
        if (buf[p] === 125) break;
        if (buf[p] !== 44) this.fail(p, `expected "," or "}" in an obligation, got ${this.got(buf, p)}`);
        p = this.ws(buf, p + 1);
        if (p >= buf.length) return this.more(p, "a key");
      }
    }
    if (seen !== 15) {
      const missing = OBLIGATION_COLUMNS.filter((_, k) => !(seen & (1 << k))).map((k) => `"${k}"`);
      this.failColumn(
        openColumn,
        `expected the keys "id", "debtor", "creditor" and "amount", got an obligation without ${missing.join(", ")}`,
        line,
      );
    }
    const names = this.members.names;
    if (this.debtor === this.creditor) {
      this.failColumn(
        this.creditorColumn,
        `"creditor": expected a creditor other than the debtor, got the same address ` +
          shown(this.creditorBytes, this.creditorStart, this.creditorEnd),
        this.creditorLine,
      );
    }
    this.out.add(line, this.id, names[this.debtor], names[this.creditor], this.amount);
    return p + 1;
  }

  /** Reads the value of `key` at p; the index after it, or NEED. */
  private value(buf: Buffer, p: number, key: number): number {
    const label = LABELS[key];
    const line = this.line;
    const column = this.column(p);
    const expected = key === ID ? EXPECT_ID : key === AMOUNT ? EXPECT_AMOUNT : EXPECT_ADDRESS;
    const c = buf[p];
    if (c === 34) {
      this.string(buf, p);
      const end = this.stringEnd;
      if (end === NEED) return NEED;
      let bytes: Uint8Array = buf;
      let a = p + 1;
      let b = end;
      if (this.stringEscaped) {
        bytes = Buffer.from(this.text(buf, p, end, true, column), "utf8");
        a = 0;
        b = bytes.length;
      }
      try {
        if (key === ID) this.id = decimal(bytes, a, b, false);
        else if (key === AMOUNT) this.amount = decimal(bytes, a, b, true);
        else {
          const member = this.members.intern(bytes, a, b);
          if (key === DEBTOR) this.debtor = member;
          else {
            this.creditor = member;
            this.creditorLine = line;
            this.creditorColumn = column;
            this.creditorBytes = bytes;
            this.creditorStart = a;
            this.creditorEnd = b;
          }
        }
      } catch (error) {
        if (error instanceof Reject) this.failColumn(column, `${label}: expected ${error.expected}, got ${error.got}`);
        throw error;
      }
      return end + 1;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let q = p;
      for (; q < buf.length; q++) {
        const d = buf[q];
        if (!((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 69 || d === 101)) break;
      }
      if (q >= buf.length && !this.final) return NEED;
      const text = buf.toString("latin1", p, q);
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
        this.failColumn(column, `expected a JSON value, got ${quote(text)}`);
      }
      if (key === DEBTOR || key === CREDITOR) {
        this.failColumn(column, `${label}: expected ${expected} in quotes, got the number ${text}`);
      }
      if (!/^\d+$/.test(text)) this.failColumn(column, `${label}: expected ${expected}, got ${text}`);
      if (text.length > 16 || Number(text) > Number.MAX_SAFE_INTEGER) {
        this.failColumn(
          column,
          `${label}: expected a string for a number above 2^53 - 1 (JSON readers round it), got ${text}: ` +
            `write it as "${text}"`,
        );
      }
      try {
        if (key === ID) this.id = decimal(buf, p, q, false, text);
        else this.amount = decimal(buf, p, q, true, text);
      } catch (error) {
        if (error instanceof Reject) this.failColumn(column, `${label}: expected ${error.expected}, got ${error.got}`);
        throw error;
      }
      return q;
    }
    let q = p;
    while (q < buf.length && ((buf[q] >= 97 && buf[q] <= 122) || (buf[q] >= 65 && buf[q] <= 90))) q++;
    if (q >= buf.length && q > p && !this.final) return NEED;
    const word = buf.toString("latin1", p, q);
    if (c === 123 || c === 91 || word === "true" || word === "false" || word === "null") {
      const kind = c === 123 ? "an object" : c === 91 ? "an array" : word;
      this.failColumn(column, `${label}: expected ${expected}, got ${kind}`);
    }
    return this.failColumn(column, `expected a JSON value, got ${q > p ? quote(word) : this.got(buf, p)}`);
  }
}

/**
 * Reads an obligations file, streamed: CSV (`.csv`, `.tsv`, `.txt`), JSON (`.json`), either gzip-compressed (by its
 * first bytes 1f 8b; `.gz`), or, for another name, JSON if its first character is `[` and CSV otherwise. Throws an
 * {@link ObligationsFileError} naming the file, the line and the column of the first rejected input.
 */
export async function readObligationsFile(path: string): Promise<ObligationsFile> {
  let head: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const first = Buffer.alloc(2);
      const { bytesRead } = await handle.read(first, 0, 2, 0);
      head = first.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ObligationsFileError(`${path}: cannot read the file (${(error as Error).message})`, path);
  }
  const gzip = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const name = path.toLowerCase().replace(/\.gz$/, "");
  const format: "csv" | "json" | null = name.endsWith(".json") ? "json" : /\.(csv|tsv|txt)$/.test(name) ? "csv" : null;

  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let source: AsyncIterable<Buffer> = file;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: 1 << 18 });
    pipeline(file, gunzip, () => {});
    source = gunzip;
  }
  const members = new Members();
  const out = new Collector(path);
  const reading = { parser: null as Parser | null, format, pending: [] as Buffer[] };
  const start = (kind: "csv" | "json"): Parser => {
    reading.format = kind;
    const parser = kind === "csv" ? new CsvParser(path, members, out) : new JsonParser(path, members, out);
    reading.parser = parser;
    for (const chunk of reading.pending.splice(0)) parser.feed(chunk);
    return parser;
  };
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (reading.parser !== null) reading.parser.feed(chunk);
      else {
        reading.pending.push(chunk);
        if (reading.format !== null) start(reading.format);
        else {
          const first = firstSignificant(chunk, bytes === chunk.length);
          if (first >= 0) start(first === 91 ? "json" : "csv");
        }
      }
    }
  } catch (error) {
    if (error instanceof ObligationsFileError) throw error;
    const code = (error as { code?: unknown }).code;
    if (gzip && typeof code === "string" && code.startsWith("Z_")) {
      const line = reading.parser?.lineNow ?? 1;
      throw new ObligationsFileError(
        `${path}:${line}: expected gzip-compressed data, got corrupt data (${(error as Error).message})`,
        path,
        line,
      );
    }
    throw new ObligationsFileError(`${path}: cannot read the file (${(error as Error).message})`, path);
  }
  const parser = reading.parser ?? start(reading.format ?? "csv");
  parser.end();
  out.checkDuplicates();
  const n = out.obligations.length;
  return {
    obligations: out.obligations,
    line: out.lines.slice(0, n),
    members: members.count,
    format: reading.format ?? "csv",
    gzip,
    bytes,
    idsAscending: out.ascending,
  };
}

/** The first byte of `chunk` that is not whitespace (nor, at the start of the file, a UTF-8 BOM); -1 if none. */
function firstSignificant(chunk: Buffer, atStart: boolean): number {
  let p = atStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  while (p < chunk.length && (chunk[p] === 32 || chunk[p] === 9 || chunk[p] === 10 || chunk[p] === 13)) p++;
  return p < chunk.length ? chunk[p] : -1;
}
