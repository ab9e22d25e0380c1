// Obligation terms signed off-chain (EIP-712) by one party, shared as JSON, submitted by the other party with
// `recordSignedObligation`. The JSON carries the chain and network it is valid for, so a wrong paste is explained
// before anything is sent.
import type { ObligationTermsMessage } from "@cosmolocal/sdk";
import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";

export const SIGNED_TERMS_TYPE = "cosmolocal.credit.signedObligationTerms.v1";

export interface SignedTerms {
  chainId: number;
  network: Address;
  signer: Address;
  terms: ObligationTermsMessage;
  signature: Hex;
}

export function encodeSignedTerms(t: SignedTerms): string {
  return JSON.stringify(
    {
      type: SIGNED_TERMS_TYPE,
      chainId: t.chainId,
      network: t.network,
      signer: t.signer,
      terms: {
        debtor: t.terms.debtor,
        creditor: t.terms.creditor,
        amount: t.terms.amount.toString(),
        dueDate: t.terms.dueDate.toString(),
        ref: t.terms.ref,
        nonce: t.terms.nonce.toString(),
        deadline: t.terms.deadline.toString(),
      },
      signature: t.signature,
    },
    null,
    2,
  );
}

/** Parses pasted signed terms; throws an Error with a plain message when they are not usable. */
export function decodeSignedTerms(text: string): SignedTerms {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error("That is not signed terms: paste the whole JSON text you were sent.");
  }
  if (raw?.type !== SIGNED_TERMS_TYPE) throw new Error("That JSON is not signed obligation terms from this dApp.");
  const t = (raw.terms ?? {}) as Record<string, unknown>;
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
    network: addr(raw.network, "network"),
    signer: addr(raw.signer, "signer"),
    terms: {
      debtor: addr(t.debtor, "debtor"),
      creditor: addr(t.creditor, "creditor"),
      amount: uint(t.amount, "amount"),
      dueDate: uint(t.dueDate, "due date"),
      ref: hex(t.ref, "reference", 32),
      nonce: uint(t.nonce, "nonce"),
      deadline: uint(t.deadline, "deadline"),
    },
    signature: hex(raw.signature, "signature"),
  };
}
