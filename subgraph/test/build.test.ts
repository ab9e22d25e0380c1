// The test runtime on this subgraph's build: every host function the mapping WASM of each data source imports is
// implemented, and the manifest reader finds every handler. Run from the repository root after the build.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Interface } from "ethers";
import { parseManifest } from "@cosmolocal/graph-test-runtime";
import { MANIFEST, subgraphRuntime } from "./setup.ts";

describe("subgraph · the test runtime on the built subgraph", () => {
  const rt = subgraphRuntime("ContributionLedger");

  it("implements every host function the mapping WASM of each data source imports", () => {
    const names = parseManifest(MANIFEST).dataSources.map((d) => d.name);
    assert.deepEqual(names, [
      "ContributionLedger",
      "CreditNetwork",
      "ResourceRegistry",
      "ThresholdsCouncil",
      "CouncilSeat",
      "CouncilTimelock",
      "ImpactRegistry",
      "ImpactMarket",
      "MembersPaymaster",
      "DesignCommons",
      "ClusterExchange",
      "Commonfare",
    ]);
    for (const name of names) {
      const ds = subgraphRuntime(name);
      assert.ok(ds.importedFunctions().includes("store.set"), name);
      assert.deepEqual(ds.missingHostFunctions(), [], name);
    }
    for (const name of ["CreditNetwork", "ThresholdsCouncil", "ImpactRegistry"])
      assert.ok(subgraphRuntime(name).importedFunctions().includes("ethereum.call"), name);
  });

  it("reads the manifest: one handler per event of the contribution ABI, each exported by the WASM", () => {
    const abi = new Interface(
      JSON.parse(readFileSync(join(import.meta.dirname, "../../sdk/abis/ContributionLedger.json"), "utf8")),
    );
    const moduleEvents: string[] = [];
    abi.forEachEvent((e) => {
      if (e.name !== "EIP712DomainChanged") moduleEvents.push(e.topicHash); // ERC-5267, never emitted here
    });
    const topics = rt.dataSource.eventHandlers.map((h) => h.topic0);
    assert.deepEqual([...topics].sort(), [...moduleEvents].sort());
    for (const h of rt.dataSource.eventHandlers) assert.ok(rt.exportedFunctions().includes(h.handler), h.handler);
  });
});
