/**
 * EIP-712 domain and types of the ContributionLedger. They mirror the contract's CONTRIBUTION_TYPEHASH; the test
 * `test/contribution/ContributionLedger.signatures.ts` proves that a digest built from these equals the
 * contract's `contributionDigest`, so a drift fails the build.
 */
export const CONTRIBUTION_DOMAIN_NAME = "Cosmolocal Contributions";
export const CONTRIBUTION_DOMAIN_VERSION = "1";

export const contributionTypes = {
  Contribution: [
    { name: "projectId", type: "uint64" },
    { name: "kindId", type: "uint16" },
    { name: "quantity", type: "uint64" },
    { name: "evidenceHash", type: "bytes32" },
    { name: "evidenceURI", type: "string" },
    { name: "contributor", type: "address" },
    { name: "nonce", type: "uint64" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

export function contributionDomain(chainId: number | bigint, verifyingContract: `0x${string}`) {
  return {
    name: CONTRIBUTION_DOMAIN_NAME,
    version: CONTRIBUTION_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    verifyingContract,
  } as const;
}

/** The message a member signs. */
export interface ContributionMessage {
  projectId: bigint;
  kindId: number;
  quantity: bigint;
  evidenceHash: `0x${string}`;
  evidenceURI: string;
  contributor: `0x${string}`;
  nonce: bigint;
  deadline: bigint;
}

/** The same types as a mutable record, the shape ethers' `signTypedData` and `TypedDataEncoder` expect. */
export const contributionTypesMutable: Record<string, { name: string; type: string }[]> = {
  Contribution: contributionTypes.Contribution.map((f) => ({ ...f })),
};

/**
 * EIP-712 domain and types of the CreditNetwork's signed obligations (`OBLIGATION_TYPEHASH`). One party signs
 * the terms, the other submits them with `recordSignedObligation`; `test/credit/CreditNetwork.obligations.ts` checks
 * these against the contract.
 */
export const CREDIT_DOMAIN_NAME = "Cosmolocal Credit";
export const CREDIT_DOMAIN_VERSION = "1";

export const obligationTypes = {
  ObligationTerms: [
    { name: "debtor", type: "address" },
    { name: "creditor", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "dueDate", type: "uint256" },
    { name: "ref", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export function creditDomain(chainId: number | bigint, verifyingContract: `0x${string}`) {
  return {
    name: CREDIT_DOMAIN_NAME,
    version: CREDIT_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    verifyingContract,
  } as const;
}

/**
 * Keyed nonce of signed obligation terms: the key (upper 192 bits) is the address of the counterparty that records
 * the terms, the lower 64 bits count the signer's terms to that counterparty that were recorded or cancelled
 * (OpenZeppelin NoncesKeyed). Read the next one with the contract's `signatureNonce(signer, counterparty)`; the
 * signer voids outstanding terms with `cancelNonce(counterparty, nonce)`.
 */
export function obligationNonce(counterparty: `0x${string}`, sequence: bigint): bigint {
  return (BigInt(counterparty) << 64n) | sequence;
}

/** The sequence number (lower 64 bits) of a keyed obligation nonce. */
export function obligationNonceSequence(nonce: bigint): bigint {
  return nonce & ((1n << 64n) - 1n);
}

/** Terms of an obligation as signed by one party. */
export interface ObligationTermsMessage {
  debtor: `0x${string}`;
  creditor: `0x${string}`;
  amount: bigint;
  dueDate: bigint;
  ref: `0x${string}`;
  /** Keyed by the counterparty: see {@link obligationNonce}. */
  nonce: bigint;
  deadline: bigint;
}

/** The same types as a mutable record, the shape ethers' `signTypedData` expects. */
export const obligationTypesMutable: Record<string, { name: string; type: string }[]> = {
  ObligationTerms: obligationTypes.ObligationTerms.map((f) => ({ ...f })),
};

/**
 * EIP-712 domain and types of the ImpactRegistry's signed attestations (`_ATTESTATION_TYPEHASH`). A verifier signs
 * an approval off-chain and anyone submits it with `attestBySig`; `test/impact/ImpactRegistry.signatures.ts` checks
 * these against the contract's `attestationDigest`. Nonces are unordered (any unused number, as Permit2's).
 */
export const IMPACT_DOMAIN_NAME = "Cosmolocal ImpactRegistry";
export const IMPACT_DOMAIN_VERSION = "1";

export const attestationTypes = {
  Attestation: [
    { name: "verifier", type: "address" },
    { name: "claimId", type: "uint256" },
    { name: "verifiedUnits", type: "uint256" },
    { name: "reportHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export function impactDomain(chainId: number | bigint, verifyingContract: `0x${string}`) {
  return {
    name: IMPACT_DOMAIN_NAME,
    version: IMPACT_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    verifyingContract,
  } as const;
}

/** The approval a verifier signs (verifiedUnits in kg CO2e, at most the claimed amount). */
export interface AttestationMessage {
  verifier: `0x${string}`;
  claimId: bigint;
  verifiedUnits: bigint;
  reportHash: `0x${string}`;
  nonce: bigint;
  deadline: bigint;
}

/** The same types as a mutable record, the shape ethers' `signTypedData` and `TypedDataEncoder` expect. */
export const attestationTypesMutable: Record<string, { name: string; type: string }[]> = {
  Attestation: attestationTypes.Attestation.map((f) => ({ ...f })),
};
