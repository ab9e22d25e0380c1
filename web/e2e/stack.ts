// The stack the e2e global setup starts, as the tests receive it: its addresses, demo summaries and public-RPC proxy,
// passed from the setup to the test workers through the E2E_STACK environment variable (bigints kept).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Stack } from "../../scripts/lib/stack.ts";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const webDir = join(root, "web");

/** The started stack without its `close`, plus the URL the dApp is served at and the proxy it reads the chain through. */
export type StackInfo = Omit<Stack, "close"> & {
  webUrl: string;
  /** The port of the local indexer whose subgraph the dApp is built with (started by the readers story). */
  indexerPort: number;
  /** The public-RPC proxy (rpc-proxy.ts) between the dApp and the node: its JSON-RPC URL and its stats endpoints. */
  rpcProxy: { url: string; statsUrl: string; resetUrl: string };
};

const BIGINT = "$bigint";

export function encodeStack(info: StackInfo): string {
  return JSON.stringify(info, (_, v) => (typeof v === "bigint" ? { [BIGINT]: v.toString() } : v));
}

export function decodeStack(json: string | undefined): StackInfo {
  if (!json)
    throw new Error("E2E_STACK is not set: run the e2e through `npx playwright test -c web/playwright.config.ts`");
  return JSON.parse(json, (_, v) =>
    v && typeof v === "object" && typeof v[BIGINT] === "string" ? BigInt(v[BIGINT]) : v,
  ) as StackInfo;
}
