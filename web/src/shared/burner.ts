// The local test wallet: a wagmi connector over Hardhat's public test accounts, offered only when the dApp targets
// the local chain (these keys are public).
import { createConnector } from "wagmi";
import { createWalletClient, getAddress, http, numberToHex, type Address, type EIP1193RequestFn } from "viem";
import { mnemonicToAccount, type HDAccount } from "viem/accounts";
import { LOCAL_PERSONAS } from "@cosmolocal/sdk";
import { LOCAL_CHAIN_ID, rpcUrl, targetChain } from "./config";

const TEST_MNEMONIC = "test test test test test test test test test test test junk";
/** One test account per demo persona (sdk/src/local.ts). */
export const BURNER_ACCOUNT_COUNT = LOCAL_PERSONAS.length;
const INDEX_KEY = "cosmolocal.burner.index";
const CONNECTED_KEY = "cosmolocal.burner.connected";

const cache = new Map<number, HDAccount>();
export function burnerAccount(index: number): HDAccount {
  let a = cache.get(index);
  if (!a) {
    a = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });
    cache.set(index, a);
  }
  return a;
}

export function burnerIndex(): number {
  const n = Number(localStorage.getItem(INDEX_KEY) ?? 0);
  return Number.isInteger(n) && n >= 0 && n < BURNER_ACCOUNT_COUNT ? n : 0;
}

type Listener = (accounts: readonly Address[]) => void;
const listeners = new Set<Listener>();

/** Makes test account `index` the active account of the local test wallet. */
export function selectBurnerAccount(index: number): void {
  localStorage.setItem(INDEX_KEY, String(index));
  const address = burnerAccount(index).address;
  for (const l of listeners) l([address]);
}

export const BURNER_ID = "local-test-wallet";

export function burner() {
  return createConnector<{ request: EIP1193RequestFn }>((config) => {
    let connected = false;
    const current = () => burnerAccount(burnerIndex());
    const onChange: Listener = (accounts) => {
      if (connected) config.emitter.emit("change", { accounts });
    };
    return {
      id: BURNER_ID,
      name: "Local test wallet",
      type: "burner",
      async setup() {
        listeners.add(onChange);
      },
      async connect(params) {
        connected = true;
        localStorage.setItem(CONNECTED_KEY, "1");
        const accounts = [current().address];
        // The connector type allows a capabilities shape; plain addresses are what wagmi asks for by default.
        return {
          accounts: (params?.withCapabilities
            ? accounts.map((address) => ({ address, capabilities: {} }))
            : accounts) as never,
          chainId: LOCAL_CHAIN_ID,
        };
      },
      async disconnect() {
        connected = false;
        localStorage.removeItem(CONNECTED_KEY);
      },
      async getAccounts() {
        return [current().address];
      },
      async getChainId() {
        return LOCAL_CHAIN_ID;
      },
      async isAuthorized() {
        connected = localStorage.getItem(CONNECTED_KEY) === "1";
        return connected;
      },
      async getClient() {
        return createWalletClient({ account: current(), chain: targetChain, transport: http(rpcUrl) });
      },
      async getProvider() {
        const request = (async ({ method, params }: { method: string; params?: unknown }) => {
          if (method === "eth_accounts" || method === "eth_requestAccounts") return [current().address];
          if (method === "eth_chainId") return numberToHex(LOCAL_CHAIN_ID);
          const res = await fetch(rpcUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
          });
          const body = await res.json();
          if (body.error) throw Object.assign(new Error(body.error.message), body.error);
          return body.result;
        }) as EIP1193RequestFn;
        return { request };
      },
      onAccountsChanged(accounts) {
        config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
      },
      onChainChanged(chain) {
        config.emitter.emit("change", { chainId: Number(chain) });
      },
      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },
    };
  });
}
