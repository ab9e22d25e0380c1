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
