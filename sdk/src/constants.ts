/** Mirrors of the ContributionLedger's public constants, for forms that validate before sending. */
export const MEMBER_ROLE = 1;
export const COORDINATOR_ROLE = 2;
export const SCORE_MAX = 10;
export const MAX_QUORUM = 16;
export const ETH_TOKEN = "0x0000000000000000000000000000000000000000" as const;

/** Contribution status, as the contract's `Status` enum. */
export const ContributionStatus = ["None", "Pending", "Accepted", "Rejected", "Expired"] as const;
export type ContributionStatusName = (typeof ContributionStatus)[number];

/** CreditNetwork enums and limits, mirrored for forms and screens. */
export const MemberStatus = ["None", "Active", "Suspended"] as const;
export const ObligationStatus = ["None", "Proposed", "Open", "Settled", "Cancelled"] as const;
export type ObligationStatusName = (typeof ObligationStatus)[number];
export const CREDIT_MAX_HOPS = 32;
export const CREDIT_MAX_LIMIT = (1n << 128n) - 1n;
export const CREDIT_MAX_OBLIGATION = (1n << 96n) - 1n;

/** ImpactRegistry and ImpactMarket enums and limits. Impact units are kg CO2e: 1 tonne = 1000 units. */
export const ClaimStatus = ["None", "Submitted", "Verified", "Rejected", "Revoked"] as const;
export type ClaimStatusName = (typeof ClaimStatus)[number];
export const UNITS_PER_TONNE = 1000n;
export const IMPACT_MAX_THRESHOLD = 16;
export const IMPACT_MAX_VERIFIERS = 192;
export const IMPACT_MAX_UNITS = (1n << 48n) - 1n;
export const MATCH_MAX_BPS = 50_000;
