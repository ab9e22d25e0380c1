// The canonical ERC-4337 v0.8 stack on a local chain: Arachnid's deterministic deployment proxy from its presigned
// transaction, then the EntryPoint and Simple7702Account from @account-abstraction/contracts' shipped artifacts through
// it, so that both land at their canonical addresses (a recompile does not reproduce the canonical bytecode). Used by
// the local stack (`npm start`, the e2e) and the paymaster tests. Public chains already have them (docs/sponsorship.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { concat, parseEther, type Signer } from "ethers";
import { ENTRY_POINT_V08, SIMPLE_7702_ACCOUNT_V08 } from "../../sdk/src/aa.ts";

export { ENTRY_POINT_V08, SIMPLE_7702_ACCOUNT_V08 };
/** Arachnid's deterministic deployment proxy, its one-time deployer and presigned (pre-EIP-155) deployment. */
export const DETERMINISTIC_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26c0b4956c";
const DEPLOYER_SIGNER = "0x3fab184622dc19b6109349b94811493bf2a45362";
const DEPLOYER_TX =
  "0xf8a58085174876e800830186a08080b853604580600e600039806000f350fe7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf31ba02222222222222222222222222222222222222222222222222222222222222222a02222222222222222222222222222222222222222222222222222222222222222";
/** The CREATE2 salts of the canonical v0.8 deployments. */
const ENTRY_POINT_SALT = "0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9";
const SIMPLE_7702_SALT = "0x0000000000000000000000000000000000000000000000000000000000000000";

const require = createRequire(import.meta.url);
/** An artifact shipped by @account-abstraction/contracts (ABI and the canonical creation bytecode). */
export const aaArtifact = (name: string): { abi: unknown[]; bytecode: string } =>
  JSON.parse(readFileSync(require.resolve(`@account-abstraction/contracts/artifacts/${name}.json`), "utf8"));

/**
 * Deploys the proxy (if missing), then the EntryPoint v0.8 and Simple7702Account through it (each if missing), paid by
 * `funder` (on a chain that accepts pre-EIP-155 transactions, as Hardhat's does). Throws when a contract does not land at
 * its canonical address.
 */
export async function deployAccountAbstraction(funder: Signer): Promise<void> {
  const provider = funder.provider!;
  if ((await provider.getCode(DETERMINISTIC_DEPLOYER)) === "0x") {
    await (await funder.sendTransaction({ to: DEPLOYER_SIGNER, value: parseEther("0.01") })).wait();
    await (await provider.broadcastTransaction(DEPLOYER_TX)).wait();
  }
  for (const [salt, name, expected] of [
    [ENTRY_POINT_SALT, "EntryPoint", ENTRY_POINT_V08],
    [SIMPLE_7702_SALT, "Simple7702Account", SIMPLE_7702_ACCOUNT_V08],
  ] as const) {
    if ((await provider.getCode(expected)) !== "0x") continue;
    const data = concat([salt, aaArtifact(name).bytecode]);
    await (await funder.sendTransaction({ to: DETERMINISTIC_DEPLOYER, data })).wait();
    if ((await provider.getCode(expected)) === "0x") throw new Error(`${name}: nothing deployed at ${expected}`);
  }
}
