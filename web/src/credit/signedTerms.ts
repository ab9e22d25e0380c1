// Obligation terms signed off-chain (EIP-712) by one party, shared as JSON naming their chain and network, submitted
// by the other party with `recordSignedObligation`.
import type { ObligationTermsMessage } from "@cosmolocal/sdk";
import type { Address, Hex } from "viem";
import { addrField, hexField, parseSignedJson, uintField } from "../shared/signedJson";

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
  const raw = parseSignedJson(
    text,
    SIGNED_TERMS_TYPE,
    "That is not signed terms: paste the whole JSON text you were sent.",
    "That JSON is not signed obligation terms from this dApp.",
  );
  const t = (raw.terms ?? {}) as Record<string, unknown>;
  return {
    chainId: Number(raw.chainId),
    network: addrField(raw.network, "network"),
    signer: addrField(raw.signer, "signer"),
    terms: {
      debtor: addrField(t.debtor, "debtor"),
      creditor: addrField(t.creditor, "creditor"),
      amount: uintField(t.amount, "amount"),
      dueDate: uintField(t.dueDate, "due date"),
      ref: hexField(t.ref, "reference", 32),
      nonce: uintField(t.nonce, "nonce"),
      deadline: uintField(t.deadline, "deadline"),
    },
    signature: hexField(raw.signature, "signature"),
  };
}
