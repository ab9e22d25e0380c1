// The graph-ts host functions a mapping imports, keyed by import name as graph-node resolves them; an import the
// runtime lacks fails loudly when called.
import { encodeBase58, getAddress, keccak256 } from "ethers";
import type { AscMemory } from "./asc.ts";
import { encodeEthValue, readEthValue, writeEthValue, type EthValue } from "./ethereum.ts";
import {
  bigIntFromSignedLE,
  bigIntToSignedLE,
  decimalDividedBy,
  decimalEquals,
  decimalFromString,
  decimalMinus,
  decimalPlus,
  decimalTimes,
  decimalToString,
  normalizeDecimal,
  type Decimal,
} from "./numbers.ts";
import { toHex, type EntityData, type EntityStore, type StoreValue } from "./store.ts";

/** graph-ts `ValueKind` (store values). */
const StoreKind = {
  STRING: 0,
  INT: 1,
  BIGDECIMAL: 2,
  BOOL: 3,
  ARRAY: 4,
  NULL: 5,
  BYTES: 6,
  BIGINT: 7,
  INT8: 8,
  TIMESTAMP: 9,
} as const;

export const LOG_LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"] as const;

export interface LogEntry {
  level: (typeof LOG_LEVELS)[number];
  message: string;
}

/** A contract call of the mapping (graph-ts `ethereum.SmartContractCall`). */
export interface EthCallRequest {
  /** Name of the ABI in the data source's `abis`. */
  contractName: string;
  address: string;
  functionName: string;
  /** As graph-cli writes it: `name(inputs):(outputs)`, e.g. `member(address):((uint8,bool,bool))`. */
  functionSignature: string;
  params: EthValue[];
}

export interface HostContext {
  asc(): AscMemory;
  store: EntityStore;
  logs: LogEntry[];
  verbose: boolean;
  dataSource: { address: string; network: string };
  /**
   * Answers an `ethereum.call` at the trigger's block: the decoded outputs, or null when the call reverted.
   * Host functions are synchronous, so the runtime answers from a cache and throws `PendingEthCall` for a call
   * it has not made yet; it then makes the call, undoes the trigger's changes and runs the trigger again.
   */
  ethCall?: (request: EthCallRequest) => EthValue[] | null;
}

/** An error thrown by the mapping (abort, critical log, failing host call): the trigger fails. */
export class MappingError extends Error {}

/** Thrown by `ethereum.call` when the answer is not cached yet (see `HostContext.ethCall`); not a failure. */
export class PendingEthCall extends Error {
  readonly call: { to: string; data: string; blockNumber: bigint; key: string };

  constructor(call: { to: string; data: string; blockNumber: bigint; key: string }) {
    super(`ethereum.call to ${call.to} at block ${call.blockNumber} is not cached yet`);
    this.call = call;
  }
}

// ------------------------------------------------------------------------------ values in WASM memory

export function readBigInt(asc: AscMemory, ptr: number): bigint {
  return bigIntFromSignedLE(asc.readBytes(ptr));
}

export function writeBigInt(asc: AscMemory, value: bigint): number {
  return asc.newBytes(bigIntToSignedLE(value));
}

export function readDecimal(asc: AscMemory, ptr: number): Decimal {
  return { digits: readBigInt(asc, asc.u32(ptr)), exp: readBigInt(asc, asc.u32(ptr + 4)) };
}

export function writeDecimal(asc: AscMemory, value: Decimal): number {
  const d = normalizeDecimal(value);
  const digits = writeBigInt(asc, d.digits);
  const exp = writeBigInt(asc, d.exp);
  return asc.newObject([digits, exp], asc.classId("BigDecimal"));
}

export function readStoreValue(asc: AscMemory, ptr: number): StoreValue {
  const { kind, payload } = asc.readEnum(ptr);
  const p = Number(payload & 0xffffffffn);
  switch (kind) {
    case StoreKind.STRING:
      return { kind: "String", value: asc.readString(p) };
    case StoreKind.INT:
      return { kind: "Int", value: Number(BigInt.asIntN(32, payload)) };
    case StoreKind.BIGDECIMAL:
      return { kind: "BigDecimal", value: readDecimal(asc, p) };
    case StoreKind.BOOL:
      return { kind: "Boolean", value: payload !== 0n };
    case StoreKind.ARRAY:
      return { kind: "Array", value: asc.readPointerArray(p).map((e) => readStoreValue(asc, e)) };
    case StoreKind.NULL:
      return { kind: "Null" };
    case StoreKind.BYTES:
      return { kind: "Bytes", value: asc.readBytes(p) };
    case StoreKind.BIGINT:
      return { kind: "BigInt", value: readBigInt(asc, p) };
    case StoreKind.INT8:
      return { kind: "Int8", value: BigInt.asIntN(64, payload) };
    case StoreKind.TIMESTAMP:
      return { kind: "Timestamp", value: BigInt.asIntN(64, payload) };
    default:
      throw new MappingError(`unknown store value kind ${kind}`);
  }
}

export function writeStoreValue(asc: AscMemory, v: StoreValue): number {
  const id = asc.classId("StoreValue");
  switch (v.kind) {
    case "String":
      return asc.newEnum(StoreKind.STRING, BigInt(asc.newString(v.value)), id);
    case "Int":
      return asc.newEnum(StoreKind.INT, BigInt(v.value), id);
    case "BigDecimal":
      return asc.newEnum(StoreKind.BIGDECIMAL, BigInt(writeDecimal(asc, v.value)), id);
    case "Boolean":
      return asc.newEnum(StoreKind.BOOL, v.value ? 1n : 0n, id);
    case "Array": {
      const items = v.value.map((e) => writeStoreValue(asc, e));
      return asc.newEnum(StoreKind.ARRAY, BigInt(asc.newPointerArray(items, asc.classId("ArrayStoreValue"))), id);
    }
    case "Null":
      return asc.newEnum(StoreKind.NULL, 0n, id);
    case "Bytes":
      return asc.newEnum(StoreKind.BYTES, BigInt(asc.newBytes(v.value)), id);
    case "BigInt":
      return asc.newEnum(StoreKind.BIGINT, BigInt(writeBigInt(asc, v.value)), id);
    case "Int8":
      return asc.newEnum(StoreKind.INT8, v.value, id);
    case "Timestamp":
      return asc.newEnum(StoreKind.TIMESTAMP, v.value, id);
  }
}

/** graph-ts `Entity` (a TypedMap<string, Value>: { entries: Array<TypedMapEntry> }) → fields. */
export function readEntity(asc: AscMemory, ptr: number): EntityData {
  const data: EntityData = new Map();
  for (const entry of asc.readPointerArray(asc.u32(ptr))) {
    data.set(asc.readString(asc.u32(entry)), readStoreValue(asc, asc.u32(entry + 4)));
  }
  return data;
}

export function writeEntity(asc: AscMemory, data: EntityData): number {
  const entries: number[] = [];
  for (const [key, value] of data) {
    const k = asc.newString(key);
    const v = writeStoreValue(asc, value);
    entries.push(asc.newObject([k, v], asc.classId("TypedMapEntryStringStoreValue")));
  }
  const array = asc.newPointerArray(entries, asc.classId("ArrayTypedMapEntryStringStoreValue"));
  return asc.newObject([array], asc.classId("TypedMapStringStoreValue"));
}

/** graph-ts `JSONValueKind`. */
const JsonKind = { NULL: 0, BOOL: 1, NUMBER: 2, STRING: 3, ARRAY: 4, OBJECT: 5 } as const;

/** A JSON number as its source text (graph-node hands numbers to the mapping as decimal strings). */
class JsonNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
type Json = null | boolean | string | JsonNumber | Json[] | { [key: string]: Json };

/**
 * UTF-8 bytes parsed as graph-node's serde_json does (invalid UTF-8 or JSON throws; a repeated key keeps its last
 * value), numbers kept as their source text.
 */
export function parseJson(data: Uint8Array): Json {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === "number" ? new JsonNumber(context?.source ?? String(value)) : value;
  return JSON.parse(text, reviver as (key: string, value: unknown) => unknown) as Json;
}

/** graph-ts `JSONValue` (objects as `TypedMap<string, JSONValue>`, arrays as `Array<JSONValue>`). */
export function writeJson(asc: AscMemory, v: Json): number {
  const id = asc.classId("JsonValue");
  if (v === null) return asc.newEnum(JsonKind.NULL, 0n, id);
  if (typeof v === "boolean") return asc.newEnum(JsonKind.BOOL, v ? 1n : 0n, id);
  if (typeof v === "string") return asc.newEnum(JsonKind.STRING, BigInt(asc.newString(v)), id);
  if (v instanceof JsonNumber) return asc.newEnum(JsonKind.NUMBER, BigInt(asc.newString(v.text)), id);
  if (Array.isArray(v)) {
    const items = v.map((e) => writeJson(asc, e));
    return asc.newEnum(JsonKind.ARRAY, BigInt(asc.newPointerArray(items, asc.classId("ArrayJsonValue"))), id);
  }
  const entries = Object.entries(v).map(([key, value]) => {
    const k = asc.newString(key);
    return asc.newObject([k, writeJson(asc, value)], asc.classId("TypedMapEntryStringJsonValue"));
  });
  const array = asc.newPointerArray(entries, asc.classId("ArrayTypedMapEntryStringJsonValue"));
  return asc.newEnum(JsonKind.OBJECT, BigInt(asc.newObject([array], asc.classId("TypedMapStringJsonValue"))), id);
}

// ----------------------------------------------------------------------------------- host functions

type HostFn = (...args: number[]) => number | void;

export function hostFunctions(ctx: HostContext): Record<string, HostFn> {
  const asc = (): AscMemory => ctx.asc();
  const str = (p: number): string => asc().readString(p);
  const big = (p: number): bigint => readBigInt(asc(), p);
  const newBig = (v: bigint): number => writeBigInt(asc(), v);
  const dec = (p: number): Decimal => readDecimal(asc(), p);
  const newDec = (v: Decimal): number => writeDecimal(asc(), v);
  const bytes = (p: number): Uint8Array => asc().readBytes(p);
  const guard = <A extends number[]>(name: string, fn: (...args: A) => number | void) => {
    return (...args: A): number | void => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof MappingError || e instanceof PendingEthCall) throw e;
        throw new MappingError(`host function ${name} failed: ${(e as Error).message}`, { cause: e });
      }
    };
  };

  const fns: Record<string, (...args: number[]) => number | void> = {
    abort: (msg: number, file: number, line: number, column: number) => {
      const m = msg ? asc().readString(msg) : "(no message)";
      const f = file ? asc().readString(file) : "?";
      throw new MappingError(`Mapping aborted at ${f}, line ${line}, column ${column}, with message: ${m}`);
    },

    // store
    "store.get": (type: number, id: number) => {
      const e = ctx.store.get(str(type), str(id));
      return e ? writeEntity(asc(), e) : 0;
    },
    "store.get_in_block": (type: number, id: number) => {
      const e = ctx.store.getInBlock(str(type), str(id));
      return e ? writeEntity(asc(), e) : 0;
    },
    "store.set": (type: number, id: number, data: number) => {
      ctx.store.set(str(type), str(id), readEntity(asc(), data));
    },
    "store.remove": (type: number, id: number) => {
      ctx.store.remove(str(type), str(id));
    },
    "store.loadRelated": (type: number, id: number, field: number) => {
      const related = ctx.store.loadRelated(str(type), str(id), str(field)).map((e) => writeEntity(asc(), e));
      return asc().newPointerArray(related, asc().classId("ArrayTypedMapEntryStringStoreValue"));
    },

    // BigInt
    "bigInt.plus": (x: number, y: number) => newBig(big(x) + big(y)),
    "bigInt.minus": (x: number, y: number) => newBig(big(x) - big(y)),
    "bigInt.times": (x: number, y: number) => newBig(big(x) * big(y)),
    "bigInt.dividedBy": (x: number, y: number) => {
      const d = big(y);
      if (d === 0n) throw new MappingError("attempted to divide BigInt by zero");
      return newBig(big(x) / d);
    },
    "bigInt.dividedByDecimal": (x: number, y: number) => newDec(decimalDividedBy({ digits: big(x), exp: 0n }, dec(y))),
    "bigInt.mod": (x: number, y: number) => {
      const d = big(y);
      if (d === 0n) throw new MappingError("attempted to compute BigInt modulo zero");
      return newBig(big(x) % d);
    },
    "bigInt.pow": (x: number, exp: number) => newBig(big(x) ** BigInt(exp & 0xff)),
    "bigInt.fromString": (s: number) => newBig(BigInt(str(s))),
    "bigInt.bitOr": (x: number, y: number) => newBig(big(x) | big(y)),
    "bigInt.bitAnd": (x: number, y: number) => newBig(big(x) & big(y)),
    "bigInt.leftShift": (x: number, bits: number) => newBig(big(x) << BigInt(bits & 0xff)),
    "bigInt.rightShift": (x: number, bits: number) => newBig(big(x) >> BigInt(bits & 0xff)),

    // BigDecimal
    "bigDecimal.plus": (x: number, y: number) => newDec(decimalPlus(dec(x), dec(y))),
    "bigDecimal.minus": (x: number, y: number) => newDec(decimalMinus(dec(x), dec(y))),
    "bigDecimal.times": (x: number, y: number) => newDec(decimalTimes(dec(x), dec(y))),
    "bigDecimal.dividedBy": (x: number, y: number) => newDec(decimalDividedBy(dec(x), dec(y))),
    "bigDecimal.equals": (x: number, y: number) => (decimalEquals(dec(x), dec(y)) ? 1 : 0),
    "bigDecimal.toString": (x: number) => asc().newString(decimalToString(dec(x))),
    "bigDecimal.fromString": (s: number) => newDec(decimalFromString(str(s))),

    // type conversions
    "typeConversion.bytesToString": (b: number) =>
      asc().newString(new TextDecoder().decode(bytes(b)).replace(/\u0000+$/, "")),
    "typeConversion.bytesToHex": (b: number) => asc().newString(toHex(bytes(b))),
    "typeConversion.bigIntToString": (b: number) => asc().newString(big(b).toString()),
    "typeConversion.bigIntToHex": (b: number) => {
      const v = big(b);
      return asc().newString((v < 0n ? "-0x" : "0x") + (v < 0n ? -v : v).toString(16));
    },
    "typeConversion.stringToH160": (s: number) => asc().newBytes(Buffer.from(getAddress(str(s)).slice(2), "hex")),
    "typeConversion.bytesToBase58": (b: number) => asc().newString(encodeBase58(bytes(b))),

    // json (graph-ts `json.fromString` / `try_fromString` pass UTF-8 bytes; `try_…` gives Result<JSONValue, bool>)
    "json.fromBytes": (b: number) => writeJson(asc(), parseJson(bytes(b))),
    "json.try_fromBytes": (b: number) => {
      let parsed: Json;
      try {
        parsed = parseJson(bytes(b));
      } catch {
        const error = asc().newObject([1], asc().classId("WrappedBool"));
        return asc().newObject([0, error], asc().classId("ResultJsonValueBool"));
      }
      const value = asc().newObject([writeJson(asc(), parsed)], asc().classId("WrappedJsonValue"));
      return asc().newObject([value, 0], asc().classId("ResultJsonValueBool"));
    },

    // crypto
    "crypto.keccak256": (b: number) => asc().newBytes(Buffer.from(keccak256(bytes(b)).slice(2), "hex")),

    // logging
    "log.log": (level: number, msg: number) => {
      const entry: LogEntry = { level: LOG_LEVELS[level] ?? "DEBUG", message: str(msg) };
      ctx.logs.push(entry);
      if (ctx.verbose || level <= 1) console.error(`[mapping ${entry.level}] ${entry.message}`);
      if (level === 0) throw new MappingError(`Critical error logged by the mapping: ${entry.message}`);
    },

    // ethereum (graph-ts `ethereum.call`: SmartContractCall { contractName, contractAddress, functionName,
    // functionSignature, functionParams }; returns Array<ethereum.Value>, or null when the call reverted)
    "ethereum.call": (call: number) => {
      const a = asc();
      if (!ctx.ethCall) throw new MappingError("ethereum.call: the runtime was given no chain to call");
      const request: EthCallRequest = {
        contractName: a.readString(a.u32(call)),
        address: toHex(a.readBytes(a.u32(call + 4))),
        functionName: a.readString(a.u32(call + 8)),
        functionSignature: a.readString(a.u32(call + 12)),
        params: a.readPointerArray(a.u32(call + 16)).map((p) => readEthValue(a, p)),
      };
      const outputs = ctx.ethCall(request);
      if (outputs === null) return 0;
      const items = outputs.map((v) => writeEthValue(asc(), v));
      return asc().newPointerArray(items, asc().classId("ArrayEthereumValue"));
    },

    // graph-ts `ethereum.encode`: the value's ABI encoding (null on graph-node when it cannot be encoded: here a throw)
    "ethereum.encode": (value: number) =>
      asc().newBytes(Buffer.from(encodeEthValue(readEthValue(asc(), value)).slice(2), "hex")),

    // data source
    "dataSource.address": () => asc().newBytes(Buffer.from(ctx.dataSource.address.slice(2), "hex")),
    "dataSource.network": () => asc().newString(ctx.dataSource.network),
    "dataSource.context": () => writeEntity(asc(), new Map()),
  };

  const out: Record<string, HostFn> = {};
  for (const [name, fn] of Object.entries(fns)) out[name] = guard(name, fn);
  return out;
}

/** Import object for a compiled mapping: every import the module declares, resolved by name. */
export function importsFor(module: WebAssembly.Module, fns: Record<string, HostFn>): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== "function")
      throw new Error(`test runtime: unsupported ${imp.kind} import ${imp.module}.${imp.name}`);
    const fn =
      fns[imp.name] ??
      (() => {
        throw new MappingError(`test runtime: host function ${imp.name} is not implemented`);
      });
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  return imports;
}
