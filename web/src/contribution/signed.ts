// Signed-but-unsubmitted contributions, kept in localStorage *before* the transaction is sent, so that a failed
// or interrupted send never loses the member's signature: they can retry (relay it themself) or discard it.
import { useSyncExternalStore } from "react";
import type { Address, Hex } from "viem";

export interface SignedContribution {
  signature: Hex;
  chainId: number;
  ledger: Address;
  contributor: Address;
  input: { projectId: string; kindId: number; quantity: string; evidenceHash: Hex; evidenceURI: string };
  nonce: string;
  deadline: string;
  createdAt: number;
  lastError?: string;
}

const KEY = "cosmolocal.signedContributions.v1";
const listeners = new Set<() => void>();
let cached: { raw: string | null; list: SignedContribution[] } = { raw: null, list: [] };

function read(): SignedContribution[] {
  const raw = localStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let list: SignedContribution[] = [];
    try {
      list = raw ? (JSON.parse(raw) as SignedContribution[]) : [];
    } catch {
      list = [];
    }
    cached = { raw, list };
  }
  return cached.list;
}

function write(list: SignedContribution[]) {
  localStorage.setItem(KEY, JSON.stringify(list));
  for (const l of listeners) l();
}

export const signedStore = {
  add(s: SignedContribution) {
    write([...read().filter((x) => x.signature !== s.signature), s]);
  },
  update(signature: Hex, patch: Partial<SignedContribution>) {
    write(read().map((x) => (x.signature === signature ? { ...x, ...patch } : x)));
  },
  remove(signature: Hex) {
    write(read().filter((x) => x.signature !== signature));
  },
  /** Every stored signature, all ledgers and projects. */
  list(): SignedContribution[] {
    return read();
  },
};

function subscribe(l: () => void) {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => e.key === KEY && l();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener("storage", onStorage);
  };
}

/** Signed contributions waiting for submission, for a ledger and project. */
export function useSignedContributions(ledger: Address | undefined, projectId: bigint): SignedContribution[] {
  const all = useSyncExternalStore(subscribe, read);
  return all.filter(
    (s) => ledger && s.ledger.toLowerCase() === ledger.toLowerCase() && s.input.projectId === projectId.toString(),
  );
}
