// The identity component: every account the dApp shows goes through it (the build's check-identity enforces it).
// A name when one is known, the short address, a copy button and, on public chains, a link to the explorer.
import { useEffect, useState } from "react";
import type { Address } from "viem";
import { useEnsName } from "wagmi";
import { explorerLink, isLocalChain, targetChain } from "./config";
import { sameAddress } from "./format";
import { knownName, learnName, personaName, shortAddress } from "./names";

/**
 * Whether the target chain has ENS (viem's chain description names its resolver): only then is a name looked up,
 * so a public chain without ENS gets no wasted RPC call.
 */
const HAS_ENS = !!(targetChain.contracts?.ensUniversalResolver || targetChain.contracts?.ensRegistry);
/** A reverse record rarely changes: look it up once an hour at most (TanStack Query shares it between components). */
const ENS_STALE_MS = 60 * 60 * 1000;
const COPIED_MS = 2000;

/** The account's name: a local persona, else its ENS name where the chain has ENS (looked up once, cached). */
export function useAccountName(address: Address): string | undefined {
  const persona = personaName(address);
  const ens = useEnsName({
    address,
    chainId: targetChain.id,
    query: { enabled: HAS_ENS && !persona, staleTime: ENS_STALE_MS },
  });
  useEffect(() => {
    if (ens.data) learnName(address, ens.data);
  }, [address, ens.data]);
  return persona ?? ens.data ?? knownName(address);
}

/** An account: its name (if known), short address, a "you" tag when it is the connected account, copy, explorer. */
export function Who({ address, me }: { address: Address; me?: Address }) {
  const name = useAccountName(address);
  const short = shortAddress(address);
  const href = isLocalChain ? undefined : explorerLink("address", address);
  return (
    <span className="addr" data-identity title={address}>
      {name && <strong className="who">{name}</strong>}
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener" aria-label={`${address} on the explorer`}>
          <code className="muted small">{short}</code>
        </a>
      ) : (
        <code className={name ? "muted small" : undefined}>{short}</code>
      )}
      {sameAddress(address, me) && <span className="tag">you</span>}
      <CopyButton address={address} />
    </span>
  );
}

/** Copies the full address and says so for a moment (to screen readers too). */
function CopyButton({ address }: { address: Address }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(t);
  }, [copied]);
  // navigator.clipboard exists only in a secure context (https or localhost) and may be refused: then the address
  // is offered in a prompt to copy by hand.
  const byHand = () => window.prompt("Copy this address:", address);
  const copy = () => {
    if (!navigator.clipboard) return void byHand();
    navigator.clipboard.writeText(address).then(() => setCopied(true), byHand);
  };
  return (
    <>
      <button
        type="button"
        className="who-copy"
        aria-label={`Copy address ${address}`}
        title="Copy address"
        data-copied={copied || undefined}
        onClick={copy}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden focusable="false">
          {copied ? (
            <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" />
          ) : (
            <path
              d="M5 5V2.5h8.5V11H11M2.5 5H11v8.5H2.5z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinejoin="round"
            />
          )}
        </svg>
      </button>
      <span className="sr-only" role="status">
        {copied ? "Address copied" : ""}
      </span>
    </>
  );
}
