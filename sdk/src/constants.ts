// The contract constants and enums the SDK's users name directly, read from the generated `contractConstants` (never
// retyped by hand), and the two conventions that are not contract constants (the ETH token address, kg per tonne).
import { contractConstants } from "./generated/constants.ts";

const {
  ContributionLedger: ledger,
  CreditNetwork: credit,
  ImpactRegistry: impact,
  ImpactMarket: market,
} = contractConstants;

/** ContributionLedger limits, for forms that validate before sending. */
export const MEMBER_ROLE = ledger.constants.MEMBER_ROLE;
export const COORDINATOR_ROLE = ledger.constants.COORDINATOR_ROLE;
export const SCORE_MAX = ledger.constants.SCORE_MAX;
export const MAX_QUORUM = ledger.constants.MAX_QUORUM;
/** The token address the ledger and the market use for ETH. */
export const ETH_TOKEN = "0x0000000000000000000000000000000000000000" as const;

/** Contribution status, as the contract's `Status` enum. */
export const ContributionStatus = ledger.enums.Status;
export type ContributionStatusName = (typeof ContributionStatus)[number];

/** CreditNetwork enums and limits. */
export const MemberStatus = credit.enums.MemberStatus;
export const ObligationStatus = credit.enums.ObligationStatus;
export type ObligationStatusName = (typeof ObligationStatus)[number];
export const CREDIT_MAX_HOPS = credit.constants.MAX_HOPS;
export const CREDIT_MAX_LIMIT = credit.constants.MAX_LIMIT;
export const CREDIT_MAX_OBLIGATION = credit.constants.MAX_OBLIGATION;

/** ImpactRegistry and ImpactMarket enums and limits. Impact units are kg CO2e: 1 tonne = 1000 units. */
export const ClaimStatus = impact.enums.ClaimStatus;
export type ClaimStatusName = (typeof ClaimStatus)[number];
export const UNITS_PER_TONNE = 1000n;
export const IMPACT_MAX_THRESHOLD = impact.constants._MAX_THRESHOLD;
export const IMPACT_MAX_VERIFIERS = impact.constants._MAX_VERIFIER_SLOTS;
/** A claim's units are a uint48. */
export const IMPACT_MAX_UNITS = (1n << 48n) - 1n;
export const MATCH_MAX_BPS = market.constants._MAX_MATCH_BPS;

export { ENTRY_POINT_V08, SIMPLE_7702_ACCOUNT_V08 } from "./aa.ts";
