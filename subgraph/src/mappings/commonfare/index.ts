// Mapping of the Commonfare data source: every event of ICommonfare (currencies, circles, candidacies, own accounts,
// claims and gifts) and Ownable2Step's, computed from events, no eth_call; each account settled on the circle's gift
// index with the contract's rounding (up), and every balance and index an event states checked against it.
export {
  handleCurrencySet,
  handleOwnershipTransferStarted,
  handleOwnershipTransferred,
  handleCircleFounded,
  handleBoardMemberResigned,
} from "./circles";
export {
  handleJoinRequested,
  handleCandidacyWithdrawn,
  handleAdmissionApproved,
  handleMemberAdmitted,
  handleDeposited,
  handleWithdrawn,
  handleLevelChanged,
  handleMemberLeft,
  handleArrearsWrittenOff,
} from "./members";
export {
  handleClaimReported,
  handleClaimWithdrawn,
  handleClaimConfirmed,
  handleClaimStarted,
  handleGiftCollected,
  handleClaimEnded,
} from "./claims";
