// ERC-20 token info shared by the modules: the symbol and decimals of a token (ETH for the zero address), read once
// per token from its contract and cached.
import { erc20Abi, type Address, type PublicClient } from "viem";
import { ETH_TOKEN } from "@cosmolocal/sdk";

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
}

const cache = new Map<string, Promise<TokenInfo>>();

/** Symbol and decimals of an income token (ETH for the zero address), read once from the token contract. */
export function tokenInfo(client: PublicClient, address: Address): Promise<TokenInfo> {
  if (address.toLowerCase() === ETH_TOKEN) return Promise.resolve({ address, symbol: "ETH", decimals: 18 });
  const key = address.toLowerCase();
  let p = cache.get(key);
  if (!p) {
    p = Promise.all([
      client.readContract({ address, abi: erc20Abi, functionName: "symbol" }).catch(() => "tokens"),
      client.readContract({ address, abi: erc20Abi, functionName: "decimals" }).catch(() => 18),
    ]).then(([symbol, decimals]) => ({ address, symbol, decimals: Number(decimals) }));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}
