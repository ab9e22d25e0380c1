// Where the dApp points: chain, RPC, the contracts deployed there (the SDK's generated per-chain map), data source.
import { deployments } from "@cosmolocal/sdk";
import { defineChain, type Address, type Chain } from "viem";
import { base, baseSepolia, gnosis, gnosisChiado, optimism, optimismSepolia, sepolia } from "viem/chains";

export const LOCAL_CHAIN_ID = 31337;

const env = import.meta.env;

/**
 * The public chains `VITE_CHAIN=<name>` builds for, by the names `npm run deploy -- --network <name>` uses: viem's
 * description of each (id, native currency, explorer, a public RPC URL that VITE_RPC_URL overrides).
 */
export const KNOWN_CHAINS: Record<string, Chain> = {
  sepolia,
  baseSepolia,
  opSepolia: optimismSepolia,
  chiado: gnosisChiado,
  base,
  optimism,
  gnosis,
};
const named = env.VITE_CHAIN ? KNOWN_CHAINS[env.VITE_CHAIN] : undefined;
if (env.VITE_CHAIN && !named)
  throw new Error(
    `VITE_CHAIN=${env.VITE_CHAIN} is not one of ${Object.keys(KNOWN_CHAINS).join(", ")}; for another chain set VITE_CHAIN_ID and VITE_RPC_URL`,
  );

export const chainId = named?.id ?? Number(env.VITE_CHAIN_ID ?? LOCAL_CHAIN_ID);
export const rpcUrl: string = env.VITE_RPC_URL ?? named?.rpcUrls.default.http[0] ?? "http://127.0.0.1:8545";
export const subgraphUrl: string | undefined = env.VITE_SUBGRAPH_URL || undefined;
export const isLocalChain = chainId === LOCAL_CHAIN_ID;

export const targetChain: Chain = named
  ? { ...named, rpcUrls: { default: { http: [rpcUrl] } } }
  : defineChain({
      id: chainId,
      name: isLocalChain ? "Hardhat (local)" : (env.VITE_CHAIN_NAME ?? `Chain ${chainId}`),
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
      testnet: isLocalChain,
      ...(env.VITE_EXPLORER_URL
        ? { blockExplorers: { default: { name: "Explorer", url: String(env.VITE_EXPLORER_URL) } } }
        : {}),
    });

/** The target chain's explorer page of a transaction or an address (undefined without an explorer). */
export function explorerLink(kind: "tx" | "address", value: string): string | undefined {
  const url = targetChain.blockExplorers?.default.url;
  return url ? `${url.replace(/\/$/, "")}/${kind}/${value}` : undefined;
}

/** The contracts deployed on the target chain (the SDK's generated per-chain map): address and deployment block. */
export const deployed = deployments[chainId] ?? {};
/**
 * The first block any of `names` was deployed in on the target chain: no event of theirs is older, so a module's
 * event reads start there. 0 where none of them is deployed (the module's reader is off then).
 */
export function startBlockOf(...names: (keyof typeof deployed)[]): bigint {
  const blocks = names.flatMap((n) => (deployed[n] ? [BigInt(deployed[n].startBlock)] : []));
  return blocks.length ? blocks.reduce((a, b) => (b < a ? b : a)) : 0n;
}
/** The local demo stablecoin (dEUR), offered as a listing and round currency next to ETH when deployed. */
export const demoTokenAddress: Address | undefined = deployed.MockERC20?.address;
/** The widest `eth_getLogs` range the chain readers ask for; halved, once, when the RPC refuses a range. */
export const logChunkBlocks = BigInt(env.VITE_LOG_CHUNK_BLOCKS ?? 2_000);
/** Blocks the chain readers read again on every refresh in case the chain re-organised them (none locally). */
export const reorgDepth = BigInt(env.VITE_REORG_DEPTH ?? (isLocalChain ? 0 : 12));
