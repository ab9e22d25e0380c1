// Ethereum triggers: a real chain's log, decoded with the contract's ABI, built in WASM memory as a graph-ts
// `ethereum.Event` (block, transaction, parameters; receipt null).
import { AbiCoder, getAddress, Indexed, type Interface, type Log, type ParamType } from "ethers";
import type { AscMemory } from "./asc.ts";
import { readBigInt, writeBigInt } from "./host.ts";

/** graph-ts `ethereum.ValueKind`. */
const EthKind = {
  ADDRESS: 0,
  FIXED_BYTES: 1,
  BYTES: 2,
  INT: 3,
  UINT: 4,
  BOOL: 5,
  STRING: 6,
  FIXED_ARRAY: 7,
  ARRAY: 8,
  TUPLE: 9,
} as const;

export type EthValue =
  | { kind: "address"; value: string }
  | { kind: "fixedBytes" | "bytes"; value: string }
  | { kind: "int" | "uint"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "fixedArray" | "array" | "tuple"; value: EthValue[] };

export interface EthBlock {
  hash: string;
  parentHash: string;
  unclesHash: string;
  author: string;
  stateRoot: string;
  transactionsRoot: string;
  receiptsRoot: string;
  number: bigint;
  gasUsed: bigint;
  gasLimit: bigint;
  timestamp: bigint;
  difficulty: bigint;
  totalDifficulty: bigint;
  size: bigint | null;
  baseFeePerGas: bigint | null;
}

export interface EthTransaction {
  hash: string;
  index: bigint;
  from: string;
  to: string | null;
  value: bigint;
  gasLimit: bigint;
  gasPrice: bigint;
  input: string;
  nonce: bigint;
}

export interface EthEvent {
  address: string;
  logIndex: bigint;
  transactionLogIndex: bigint;
  logType: string | null;
  block: EthBlock;
  transaction: EthTransaction;
  parameters: { name: string; value: EthValue }[];
}

/** Converts a decoded ABI value (ethers) to an ethereum.Value description, as graph-node would. */
export function ethValue(param: ParamType, value: unknown): EthValue {
  if (value instanceof Indexed) return { kind: "fixedBytes", value: value.hash ?? "0x" }; // indexed dynamic type
  const t = param.baseType;
  if (t === "address") return { kind: "address", value: value as string };
  if (t === "bool") return { kind: "bool", value: value as boolean };
  if (t === "string") return { kind: "string", value: value as string };
  if (t === "bytes") return { kind: "bytes", value: value as string };
  if (/^bytes\d+$/.test(param.type)) return { kind: "fixedBytes", value: value as string };
  if (/^uint\d*$/.test(param.type)) return { kind: "uint", value: value as bigint };
  if (/^int\d*$/.test(param.type)) return { kind: "int", value: value as bigint };
  if (t === "array") {
    const items = [...(value as unknown[])].map((v) => ethValue(param.arrayChildren!, v));
    return { kind: param.arrayLength! >= 0 ? "fixedArray" : "array", value: items };
  }
  if (t === "tuple") {
    const items = param.components!.map((c, i) => ethValue(c, (value as unknown[])[i]));
    return { kind: "tuple", value: items };
  }
  throw new Error(`test runtime: unsupported ABI type ${param.type}`);
}

/** The JS value ethers encodes for an ethereum.Value description (the inverse of `ethValue`). */
export function abiValue(v: EthValue): unknown {
  switch (v.kind) {
    case "fixedArray":
    case "array":
    case "tuple":
      return v.value.map(abiValue);
    default:
      return v.value;
  }
}

/**
 * The ABI type an ethereum.Value is encoded as, as graph-node's ethabi does (integers as 256-bit words, fixed bytes by
 * their length, an array's items by its first item's type: an empty array encodes as its length alone whatever it is).
 */
function abiType(v: EthValue): string {
  switch (v.kind) {
    case "address":
    case "bool":
    case "string":
    case "bytes":
      return v.kind;
    case "int":
    case "uint":
      return `${v.kind}256`;
    case "fixedBytes":
      return `bytes${(v.value.length - 2) / 2}`;
    case "array":
      return `${v.value.length > 0 ? abiType(v.value[0]) : "uint256"}[]`;
    case "fixedArray":
      return `${v.value.length > 0 ? abiType(v.value[0]) : "uint256"}[${v.value.length}]`;
    case "tuple":
      return `(${v.value.map(abiType).join(",")})`;
  }
}

/** graph-ts `ethereum.encode(value)`: the ABI encoding of the one value, as Solidity's `abi.encode(value)`. */
export function encodeEthValue(v: EthValue): string {
  return AbiCoder.defaultAbiCoder().encode([abiType(v)], [abiValue(v)]);
}

/** Reads an `ethereum.Value` from WASM memory (e.g. the arguments of an `ethereum.call`). */
export function readEthValue(asc: AscMemory, ptr: number): EthValue {
  const { kind, payload } = asc.readEnum(ptr);
  const p = Number(payload & 0xffffffffn);
  const hex = () => "0x" + Buffer.from(asc.readBytes(p)).toString("hex");
  switch (kind) {
    case EthKind.ADDRESS:
      return { kind: "address", value: getAddress(hex()) };
    case EthKind.FIXED_BYTES:
      return { kind: "fixedBytes", value: hex() };
    case EthKind.BYTES:
      return { kind: "bytes", value: hex() };
    case EthKind.INT:
      return { kind: "int", value: readBigInt(asc, p) };
    case EthKind.UINT:
      return { kind: "uint", value: readBigInt(asc, p) };
    case EthKind.BOOL:
      return { kind: "bool", value: payload !== 0n };
    case EthKind.STRING:
      return { kind: "string", value: asc.readString(p) };
    case EthKind.FIXED_ARRAY:
    case EthKind.ARRAY:
    case EthKind.TUPLE: {
      const items = asc.readPointerArray(p).map((e) => readEthValue(asc, e));
      const k = kind === EthKind.TUPLE ? "tuple" : kind === EthKind.ARRAY ? "array" : "fixedArray";
      return { kind: k, value: items };
    }
    default:
      throw new Error(`test runtime: unknown ethereum.Value kind ${kind}`);
  }
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/^0x/, ""), "hex"));
}

export function writeEthValue(asc: AscMemory, v: EthValue): number {
  const id = asc.classId("EthereumValue");
  const ptr = (p: number): bigint => BigInt(p);
  switch (v.kind) {
    case "address":
      return asc.newEnum(EthKind.ADDRESS, ptr(asc.newBytes(hexBytes(v.value))), id);
    case "fixedBytes":
      return asc.newEnum(EthKind.FIXED_BYTES, ptr(asc.newBytes(hexBytes(v.value))), id);
    case "bytes":
      return asc.newEnum(EthKind.BYTES, ptr(asc.newBytes(hexBytes(v.value))), id);
    case "int":
      return asc.newEnum(EthKind.INT, ptr(writeBigInt(asc, v.value)), id);
    case "uint":
      return asc.newEnum(EthKind.UINT, ptr(writeBigInt(asc, v.value)), id);
    case "bool":
      return asc.newEnum(EthKind.BOOL, v.value ? 1n : 0n, id);
    case "string":
      return asc.newEnum(EthKind.STRING, ptr(asc.newString(v.value)), id);
    case "fixedArray":
    case "array":
    case "tuple": {
      const items = v.value.map((e) => writeEthValue(asc, e));
      const array = asc.newPointerArray(items, asc.classId("ArrayEthereumValue"));
      const kind = v.kind === "tuple" ? EthKind.TUPLE : v.kind === "array" ? EthKind.ARRAY : EthKind.FIXED_ARRAY;
      return asc.newEnum(kind, ptr(array), id);
    }
  }
}

function writeBlock(asc: AscMemory, b: EthBlock): number {
  const bytes = (h: string) => asc.newBytes(hexBytes(h));
  const big = (x: bigint) => writeBigInt(asc, x);
  return asc.newObject(
    [
      bytes(b.hash),
      bytes(b.parentHash),
      bytes(b.unclesHash),
      bytes(b.author),
      bytes(b.stateRoot),
      bytes(b.transactionsRoot),
      bytes(b.receiptsRoot),
      big(b.number),
      big(b.gasUsed),
      big(b.gasLimit),
      big(b.timestamp),
      big(b.difficulty),
      big(b.totalDifficulty),
      b.size === null ? 0 : big(b.size),
      b.baseFeePerGas === null ? 0 : big(b.baseFeePerGas),
    ],
    asc.classId("EthereumBlock"),
  );
}

function writeTransaction(asc: AscMemory, t: EthTransaction): number {
  const bytes = (h: string) => asc.newBytes(hexBytes(h));
  const big = (x: bigint) => writeBigInt(asc, x);
  return asc.newObject(
    [
      bytes(t.hash),
      big(t.index),
      bytes(t.from),
      t.to === null ? 0 : bytes(t.to),
      big(t.value),
      big(t.gasLimit),
      big(t.gasPrice),
      bytes(t.input),
      big(t.nonce),
    ],
    asc.classId("EthereumTransaction"),
  );
}

/** Builds an `ethereum.Event` in WASM memory; returns its pointer. */
export function writeEvent(asc: AscMemory, e: EthEvent): number {
  const params = e.parameters.map((p) => {
    const name = asc.newString(p.name);
    const value = writeEthValue(asc, p.value);
    return asc.newObject([name, value], asc.classId("EventParam"));
  });
  const fields = [
    asc.newBytes(hexBytes(e.address)),
    writeBigInt(asc, e.logIndex),
    writeBigInt(asc, e.transactionLogIndex),
    e.logType === null ? 0 : asc.newString(e.logType),
    writeBlock(asc, e.block),
    writeTransaction(asc, e.transaction),
    asc.newPointerArray(params, asc.classId("ArrayEventParam")),
    0, // receipt: null (handlers do not declare `receipt: true`)
  ];
  return asc.newObject(fields, asc.classId("EthereumEvent"));
}

// ------------------------------------------------------------------------------- from a JSON-RPC node

/** Minimal provider interface (ethers / Hardhat providers satisfy it). */
export interface RpcProvider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

type RpcBlock = Record<string, string | null | undefined>;
type RpcTx = Record<string, string | null | undefined>;
type RpcReceipt = { logs: { logIndex: string }[] };

const big = (x: string | null | undefined, fallback = 0n): bigint => (x == null ? fallback : BigInt(x));
const ZERO32 = "0x" + "00".repeat(32);

/** Fetches blocks, transactions and receipts once each, and turns logs into `EthEvent`s. */
export class EventSource {
  private readonly provider: RpcProvider;
  private readonly blocks = new Map<string, Promise<EthBlock>>();
  private readonly txs = new Map<string, Promise<EthTransaction>>();
  private readonly receipts = new Map<string, Promise<RpcReceipt>>();

  constructor(provider: RpcProvider) {
    this.provider = provider;
  }

  block(hash: string): Promise<EthBlock> {
    let p = this.blocks.get(hash);
    if (!p) {
      p = (this.provider.send("eth_getBlockByHash", [hash, false]) as Promise<RpcBlock>).then((b) => ({
        hash: b.hash!,
        parentHash: b.parentHash!,
        unclesHash: b.sha3Uncles ?? ZERO32,
        author: b.miner ?? "0x" + "00".repeat(20),
        stateRoot: b.stateRoot ?? ZERO32,
        transactionsRoot: b.transactionsRoot ?? ZERO32,
        receiptsRoot: b.receiptsRoot ?? ZERO32,
        number: big(b.number),
        gasUsed: big(b.gasUsed),
        gasLimit: big(b.gasLimit),
        timestamp: big(b.timestamp),
        difficulty: big(b.difficulty),
        totalDifficulty: big(b.totalDifficulty),
        size: b.size == null ? null : BigInt(b.size),
        baseFeePerGas: b.baseFeePerGas == null ? null : BigInt(b.baseFeePerGas),
      }));
      this.blocks.set(hash, p);
    }
    return p;
  }

  transaction(hash: string): Promise<EthTransaction> {
    let p = this.txs.get(hash);
    if (!p) {
      p = (this.provider.send("eth_getTransactionByHash", [hash]) as Promise<RpcTx>).then((t) => ({
        hash: t.hash!,
        index: big(t.transactionIndex),
        from: t.from!,
        to: t.to ?? null,
        value: big(t.value),
        gasLimit: big(t.gas),
        gasPrice: big(t.gasPrice ?? t.maxFeePerGas),
        input: t.input ?? "0x",
        nonce: big(t.nonce),
      }));
      this.txs.set(hash, p);
    }
    return p;
  }

  private receipt(hash: string): Promise<RpcReceipt> {
    let p = this.receipts.get(hash);
    if (!p) {
      p = this.provider.send("eth_getTransactionReceipt", [hash]) as Promise<RpcReceipt>;
      this.receipts.set(hash, p);
    }
    return p;
  }

  /** Decodes a log with `iface`; returns null when the ABI has no such event. */
  async event(iface: Interface, log: Log): Promise<{ name: string; signature: string; event: EthEvent } | null> {
    const parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
    if (!parsed) return null;
    const [block, transaction, receipt] = await Promise.all([
      this.block(log.blockHash),
      this.transaction(log.transactionHash),
      this.receipt(log.transactionHash),
    ]);
    const position = receipt.logs.findIndex((l) => Number(l.logIndex) === log.index);
    const inputs = parsed.fragment.inputs;
    return {
      name: parsed.name,
      signature: parsed.signature,
      event: {
        address: log.address,
        logIndex: BigInt(log.index),
        transactionLogIndex: BigInt(position < 0 ? log.index : position),
        logType: null,
        block,
        transaction,
        parameters: inputs.map((input, i) => ({ name: input.name, value: ethValue(input, parsed.args[i]) })),
      },
    };
  }
}
