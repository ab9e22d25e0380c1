// Drift checks of the contract constants the mappings use: src/utils/constants.generated.ts is what the SDK's
// contractConstants give now, and each public constant there equals the contract's own getter.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { Interface } from "ethers";
import { artifacts } from "hardhat";
import { contractConstants } from "@cosmolocal/sdk";
import { CONSTANTS_FILE, constantsSource } from "../scripts/gen-constants.ts";
import { DATA_SOURCES } from "../scripts/prepare.ts";
import { connect } from "./setup.ts";

const CONTRACTS = DATA_SOURCES.map((ds) => ds.name);
const conn = await connect();
const { provider } = conn.ethers;

describe("subgraph · generated contract constants", () => {
  after(async () => {
    await conn.close?.();
  });

  it("constants.generated.ts is generated from the SDK's contractConstants of every data source's contract", () => {
    assert.equal(readFileSync(CONSTANTS_FILE, "utf8"), constantsSource(CONTRACTS));
    for (const name of CONTRACTS) assert.ok(name in contractConstants, name);
  });

  it("every public constant equals the contract's getter (its runtime code, called without a deployment)", async () => {
    const checked: string[] = [];
    for (const [i, name] of CONTRACTS.entries()) {
      const artifact = await artifacts.readArtifact(name);
      const iface = new Interface(artifact.abi);
      // A constant's getter reads no storage: the runtime code alone answers it.
      const address = "0x" + (0xc0de00 + i).toString(16).padStart(40, "0");
      await provider.send("hardhat_setCode", [address, artifact.deployedBytecode]);
      const constants = contractConstants[name as keyof typeof contractConstants].constants as Record<
        string,
        number | bigint | string
      >;
      for (const [key, value] of Object.entries(constants)) {
        const getter = iface.getFunction(key);
        if (!getter || getter.inputs.length > 0) continue; // private: no getter
        const [onChain] = iface.decodeFunctionResult(
          getter,
          await provider.call({ to: address, data: iface.encodeFunctionData(getter) }),
        );
        assert.equal(
          typeof value === "string" ? value.toLowerCase() : BigInt(value),
          typeof onChain === "string" ? onChain.toLowerCase() : onChain,
          `${name}.${key}`,
        );
        checked.push(`${name}.${key}`);
      }
    }
    // The role ids and limits the mappings rely on are among them.
    for (const key of [
      "ContributionLedger.MEMBER_ROLE",
      "ContributionLedger.COORDINATOR_ROLE",
      "CreditNetwork.DEFAULT_ADMIN_ROLE",
      "CreditNetwork.STEWARD_ROLE",
      "CouncilTimelock.PROPOSER_ROLE",
      "CouncilTimelock.CANCELLER_ROLE",
      "CouncilTimelock.EXECUTOR_ROLE",
      "ImpactRegistry.VERIFIER_ROLE",
      "ImpactRegistry.DEFAULT_ADMIN_ROLE",
    ])
      assert.ok(checked.includes(key), key);
  });
});
