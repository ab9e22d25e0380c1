// Attestations signed off-chain (EIP-712) by a verifier, shared as JSON text or as a link, submitted by anyone with
// `attestBySig`. The JSON names the chain and registry it is valid for, so a wrong paste is explained before anything
// is sent.
import type { AttestationMessage } from "@cosmolocal/sdk";
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";

export const SIGNED_ATTESTATION_TYPE = "cosmolocal.impact.signedAttestation.v1";

export interface SignedAttestation {
  chainId: number;
  registry: Address;
  attestation: AttestationMessage;
  signature: Hex;
}

export function encodeSignedAttestation(s: SignedAttestation): string {
  const a = s.attestation;
  return JSON.stringify(
    {
      type: SIGNED_ATTESTATION_TYPE,
      chainId: s.chainId,
      registry: s.registry,
      attestation: {
        verifier: a.verifier,
        claimId: a.claimId.toString(),
        verifiedUnits: a.verifiedUnits.toString(),
        reportHash: a.reportHash,
        nonce: a.nonce.toString(),
        deadline: a.deadline.toString(),
      },
      signature: s.signature,
    },
    null,
    2,
  );
}

/** Parses a pasted signed attestation; throws an Error with a plain message when it is not usable. */
export function decodeSignedAttestation(text: string): SignedAttestation {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error("That is not a signed attestation: paste the whole JSON text the verifier shared.");
  }
  if (raw?.type !== SIGNED_ATTESTATION_TYPE) throw new Error("That JSON is not a signed attestation from this dApp.");
  const a = (raw.attestation ?? {}) as Record<string, unknown>;
  const addr = (v: unknown, what: string): Address => {
    if (typeof v !== "string" || !isAddress(v, { strict: false })) throw new Error(`The ${what} is not an address.`);
    return getAddress(v);
  };
  const uint = (v: unknown, what: string): bigint => {
    if (typeof v !== "string" || !/^\d+$/.test(v)) throw new Error(`The ${what} is not a whole number.`);
    return BigInt(v);
  };
  const hex = (v: unknown, what: string, bytes?: number): Hex => {
    if (typeof v !== "string" || !isHex(v) || (bytes !== undefined && v.length !== 2 + bytes * 2))
      throw new Error(`The ${what} is malformed.`);
    return v;
  };
  return {
    chainId: Number(raw.chainId),
    registry: addr(raw.registry, "registry"),
    attestation: {
      verifier: addr(a.verifier, "verifier"),
      claimId: uint(a.claimId, "claim id"),
      verifiedUnits: uint(a.verifiedUnits, "attested amount"),
      reportHash: hex(a.reportHash, "report hash", 32),
      nonce: uint(a.nonce, "nonce"),
      deadline: uint(a.deadline, "deadline"),
    },
    signature: hex(raw.signature, "signature"),
  };
}

/** The JSON as URL-safe base64, for a link that opens the submit box filled in. */
export function toLinkParam(json: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify(JSON.parse(json)));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromLinkParam(param: string): string | undefined {
  try {
    const bin = atob(param.replace(/-/g, "+").replace(/_/g, "/"));
    const json = new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return undefined;
  }
}
