// Checks shared by the mapping tests: entity lookup, ABI-vs-manifest coverage, and "every event type produced its
// entities without a logged error".
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Interface } from "ethers";
import type { PlainEntity, SubgraphRuntime } from "@cosmolocal/graph-test-runtime";

/** `entity(type, id)`: the stored entity, failing the test when it does not exist. */
export function entityLookup(rt: () => SubgraphRuntime): (type: string, id: string) => PlainEntity {
  return (type, id) => {
    const e = rt().store.entity(type, id);
    assert.ok(e, `${type}[${id}] exists`);
    return e;
  };
}

/** Every event of `contract`'s ABI (but `notIndexed`) has a handler in `rt`'s data source, exported by the WASM. */
export function assertAbiCovered(rt: SubgraphRuntime, contract: string, notIndexed: readonly string[]): void {
  const abi = new Interface(
    JSON.parse(readFileSync(join(import.meta.dirname, `../../sdk/abis/${contract}.json`), "utf8")),
  );
  const indexed: string[] = [];
  abi.forEachEvent((e) => {
    if (!notIndexed.includes(e.name)) indexed.push(e.topicHash);
  });
  assert.deepEqual([...rt.dataSource.eventHandlers.map((h) => h.topic0)].sort(), [...indexed].sort(), contract);
  for (const h of rt.dataSource.eventHandlers) assert.ok(rt.exportedFunctions().includes(h.handler), h.handler);
  assert.deepEqual(rt.missingHostFunctions(), []);
}

/** Each event type in `eventEntities` produced every entity type listed for it, and nothing was logged at `levels`. */
export function assertEntitiesAndNoErrors(
  rt: SubgraphRuntime,
  eventEntities: Record<string, readonly string[]>,
  levels: readonly string[] = ["ERROR", "CRITICAL", "WARNING"],
): void {
  for (const [event, types] of Object.entries(eventEntities)) {
    for (const type of types) assert.ok(rt.store.count(type) > 0, `${event} produced ${type} entities`);
  }
  assert.deepEqual(
    rt.logs.filter((l) => levels.includes(l.level)),
    [],
    `nothing logged at ${levels.join("/")}`,
  );
}
