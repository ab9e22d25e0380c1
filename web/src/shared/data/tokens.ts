import { erc20Abi, type Address, type PublicClient } from "viem";
import { ETH_TOKEN } from "@cosmolocal/sdk";
import type { TokenInfo } from "./types";

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
