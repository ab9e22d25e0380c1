// Mapping of the DesignCommons data source: every event of IDesignCommons, the licences' ERC-721 (mints and approvals)
// and ERC-5192 Locked, and Ownable2Step's; computed from events, no eth_call. ERC-5192 Unlocked is never emitted.
export { handleDesignRegistered, handleAncestorRecorded, handleTermsSet } from "./designs";
export {
  handleCommonsEntityAccredited,
  handleCommonsEntityRevoked,
  handleOwnershipTransferStarted,
  handleOwnershipTransferred,
} from "./owner";
export { handleLicenceTaken, handleTransfer, handleLocked, handleApproval, handleApprovalForAll } from "./licences";
export {
  handleProductionReported,
  handlePeriodsPaid,
  handleAncestorShareCredited,
  handleProjectShareCredited,
  handleHeldReleased,
  handleReportOperatorSet,
  handleProductionReportedByOperator,
  handleOwedFeesPaid,
} from "./fees";
