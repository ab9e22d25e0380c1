import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import type { HttpNetworkUserConfig } from "hardhat/types/config";

// The compiler comes from the npm `solc` package (pinned exactly in package.json): no download, ever.
const require = createRequire(import.meta.url);
const solcVersion: string = require("solc/package.json").version;
const solcPath: string = require.resolve("solc/soljson.js");

// The solidarity circles' contract is compiled through the IR with runs = 1,000 in both profiles: at runs = 10,000 the
// optimizer's inlining takes it to 26.8 kB, above the 24,576-byte limit of public chains (at 1,000: 22.9 kB; its bench
// keys are measured with these settings).
const COMMONFARE = "contracts/commonfare/Commonfare.sol";
const commonfareCompiler = {
  version: solcVersion,
  path: solcPath,
  settings: { optimizer: { enabled: true, runs: 1_000 }, viaIR: true },
};

// Fuzz profiles: quick by default, >= 5,000 runs in CI (CI=true) or with FUZZ_PROFILE=ci.
/** The fuzz and invariant seed of the CI profile ("cosmolocal"). */
const CI_FUZZ_SEED = "0x636f736d6f6c6f63616c";
const ciFuzz = process.env.FUZZ_PROFILE === "ci" || (process.env.CI === "true" && process.env.FUZZ_PROFILE !== "quick");

/**
 * A public chain reached over JSON-RPC: its URL from `<PREFIX>_RPC_URL` and the deploying key from
 * `DEPLOYER_PRIVATE_KEY`, both configuration variables (an environment variable, else the Hardhat keystore:
 * `npx hardhat keystore set DEPLOYER_PRIVATE_KEY`); nothing secret is ever in a committed file.
 */
const remote = (prefix: string, chainType: "l1" | "op", chainId?: number): HttpNetworkUserConfig => ({
  type: "http",
  chainType,
  ...(chainId === undefined ? {} : { chainId }),
  url: configVariable(`${prefix}_RPC_URL`),
  accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
});

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        compilers: [{ version: solcVersion, path: solcPath, settings: { optimizer: { enabled: true, runs: 200 } } }],
        overrides: { [COMMONFARE]: commonfareCompiler },
      },
      production: {
        compilers: [
          {
            version: solcVersion,
            path: solcPath,
            settings: { optimizer: { enabled: true, runs: 10_000 }, viaIR: true },
          },
        ],
        overrides: { [COMMONFARE]: commonfareCompiler },
      },
    },
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
  },
  test: {
    solidity: {
      // CI pins the seed, so that a run is reproducible and a failure can be replayed; FUZZ_SEED=<hex> explores
      // another sequence (quick runs without it draw a random seed each time).
      fuzz: { runs: ciFuzz ? 5_000 : 256, seed: process.env.FUZZ_SEED ?? (ciFuzz ? CI_FUZZ_SEED : undefined) },
      invariant: { runs: ciFuzz ? 256 : 32, depth: ciFuzz ? 64 : 32 },
    },
    mocha: { timeout: 120_000 },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: process.env.RPC_URL ?? "http://127.0.0.1:8545" },
    // Public chains `npm run deploy -- --network <name>` knows (docs/deploy.md); OP-stack chains have chainType "op".
    sepolia: remote("SEPOLIA", "l1", 11155111),
    baseSepolia: remote("BASE_SEPOLIA", "op", 84532),
    opSepolia: remote("OP_SEPOLIA", "op", 11155420),
    chiado: remote("CHIADO", "l1", 10200),
    base: remote("BASE", "op", 8453),
    optimism: remote("OPTIMISM", "op", 10),
    gnosis: remote("GNOSIS", "l1", 100),
    // Any other EVM chain (and the deploy test's node): CUSTOM_RPC_URL, chain id as the node reports it.
    custom: remote("CUSTOM", "l1"),
  },
  // The deploy test's chain (scripts/deploy.check.ts): its explorer is a stand-in Blockscout API the test serves, so
  // that verification runs end to end without the internet.
  chainDescriptors: {
    7357: {
      name: "Deploy test chain",
      blockExplorers: {
        blockscout: {
          name: "Deploy test explorer",
          url: process.env.DEPLOY_TEST_EXPLORER_URL ?? "http://127.0.0.1:4000",
          apiUrl: `${process.env.DEPLOY_TEST_EXPLORER_URL ?? "http://127.0.0.1:4000"}/api`,
        },
      },
    },
  },
  // `npm run deploy -- --verify`: every contract on the chain's explorer (Etherscan's multichain API with
  // ETHERSCAN_API_KEY, Blockscout, Sourcify), as the chain descriptors of Hardhat list them.
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
    blockscout: { enabled: true },
    sourcify: { enabled: true },
  },
});
