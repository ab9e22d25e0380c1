// Mapping of the CreditNetwork data source: every event of ICreditNetwork and AccessControl's RoleGranted /
// RoleRevoked; state follows the contract's bookkeeping (pair balances, obligation net positions, outstanding, NID).
export { handleObligationCleared, handleClearingBridged, handleClearingCompleted } from "./clearing";
export {
  handleCreditLineOffered,
  handleCreditLineUpdated,
  handleCreditOfferCancelled,
  handleCreditLineClosed,
} from "./lines";
export {
  handleRoleGranted,
  handleRoleRevoked,
  handleMemberAdmitted,
  handleMemberSuspended,
  handleMemberReinstated,
  handleClearingConsentSet,
} from "./members";
export {
  handleObligationRecorded,
  handleObligationAccepted,
  handleObligationCancelRequested,
  handleObligationCancelled,
  handleObligationPaid,
  handleNonceCancelled,
  handleObligationOperatorSet,
} from "./obligations";
export { handleBalanceUpdated, handlePaid } from "./payments";
