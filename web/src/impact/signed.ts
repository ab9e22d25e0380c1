// Attestations signed off-chain (EIP-712), shared as JSON or a link naming their chain and registry, submitted by
// anyone with `attestBySig`.
import type { AttestationMessage } from "@cosmolocal/sdk";
import type { Address, Hex } from "viem";
import { addrField, hexField, parseSignedJson, uintField } from "../shared/signedJson";

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
  const raw = parseSignedJson(
    text,
    SIGNED_ATTESTATION_TYPE,
    "That is not a signed attestation: paste the whole JSON text the verifier shared.",
    "That JSON is not a signed attestation from this dApp.",
  );
  const a = (raw.attestation ?? {}) as Record<string, unknown>;
  return {
    chainId: Number(raw.chainId),
    registry: addrField(raw.registry, "registry"),
    attestation: {
      verifier: addrField(a.verifier, "verifier"),
      claimId: uintField(a.claimId, "claim id"),
      verifiedUnits: uintField(a.verifiedUnits, "attested amount"),
      reportHash: hexField(a.reportHash, "report hash", 32),
      nonce: uintField(a.nonce, "nonce"),
      deadline: uintField(a.deadline, "deadline"),
    },
    signature: hexField(raw.signature, "signature"),
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
