// ERC-7562 check of a mined bundle: the opcodes and storage slots the paymaster's validation touched, from the node's
// struct-log trace (debug_traceTransaction), attributed to the contract whose storage each SLOAD/SSTORE reads.
import { ethers } from "./fixtures.ts";

interface StructLog {
  op: string;
  depth: number;
  stack: string[];
}

export interface ValidationTrace {
  /** Every opcode executed in the paymaster's validatePaymasterUserOp (and the calls it made). */
  opcodes: Set<string>;
  /** Storage slots read or written, per (lower-case) storage address. */
  slots: Map<string, Set<string>>;
}

const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

/** The paymaster's first frame in the transaction (validation comes before execution and postOp). */
export async function paymasterValidationTrace(txHash: string, entryPoint: string, paymaster: string) {
  const trace = (await ethers.provider.send("debug_traceTransaction", [
    txHash,
    { disableMemory: true, disableStorage: true },
  ])) as { structLogs: StructLog[] };
  const logs = trace.structLogs;
  const frames: { code: string; storage: string }[] = [
    { code: entryPoint.toLowerCase(), storage: entryPoint.toLowerCase() },
  ];
  const result: ValidationTrace = { opcodes: new Set(), slots: new Map() };
  let inside = -1; // depth of the paymaster's validation frame while inside it
  let done = false;
  for (let i = 0; i < logs.length && !done; i++) {
    const log = logs[i];
    while (frames.length > log.depth) {
      frames.pop();
      if (inside > 0 && frames.length < inside) done = true;
    }
    if (done) break;
    const frame = frames[frames.length - 1];
    if (inside < 0 && frame.code === paymaster.toLowerCase() && frame.storage === paymaster.toLowerCase()) {
      inside = log.depth;
    }
    if (inside > 0) {
      result.opcodes.add(log.op);
      // OP-012: GAS only immediately before a *CALL.
      if (log.op === "GAS" && !CALLS.has(logs[i + 1]?.op)) result.opcodes.add("GAS (not before a call)");
      if (log.op === "SLOAD" || log.op === "SSTORE") {
        const slot = ethers.toBeHex(BigInt(log.stack[log.stack.length - 1]), 32);
        if (!result.slots.has(frame.storage)) result.slots.set(frame.storage, new Set());
        result.slots.get(frame.storage)!.add(slot);
      }
    }
    if (CALLS.has(log.op) && logs[i + 1]?.depth === log.depth + 1) {
      const target = ethers.toBeHex(BigInt(log.stack[log.stack.length - 2]), 20).toLowerCase();
      frames.push({
        code: target,
        storage: log.op === "DELEGATECALL" || log.op === "CALLCODE" ? frame.storage : target,
      });
    }
  }
  return result;
}

/** `keccak256(key ‖ slot)`: the slot of `mapping[key]` for a mapping at `slot`. */
export function mappingSlot(key: string | bigint, slot: string | bigint): string {
  const k = typeof key === "string" && key.length === 42 ? ethers.zeroPadValue(key, 32) : ethers.toBeHex(key, 32);
  return ethers.keccak256(ethers.concat([k, ethers.toBeHex(slot, 32)]));
}

/** The opcodes ERC-7562 bans in validation (OP-011, OP-080 for unstaked entities, OP-031 CREATE2 outside deployment). */
export const BANNED_OPCODES = [
  "ORIGIN",
  "GASPRICE",
  "BLOCKHASH",
  "COINBASE",
  "TIMESTAMP",
  "NUMBER",
  "PREVRANDAO",
  "DIFFICULTY",
  "GASLIMIT",
  "BASEFEE",
  "BLOBHASH",
  "BLOBBASEFEE",
  "CREATE",
  "CREATE2",
  "INVALID",
  "SELFDESTRUCT",
  "BALANCE",
  "SELFBALANCE",
];
