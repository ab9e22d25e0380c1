// Mapping of the ImpactRegistry data source: claims, k-of-n attestations, ERC-1155 impact units (token id = claim id),
// revocations and retirements; AccessControl roles for the verifiers. Log order within a call is in the README.
export {
  handleMethodologySet,
  handleClaimSubmitted,
  handleClaimAttested,
  handleClaimRejectionRecorded,
  handleClaimVerified,
  handleClaimRejected,
} from "./claims";
export { handleRevocationVoteRecorded, handleClaimRevoked, handleUnitsRefrozen } from "./revocations";
export {
  handleUnitsRetired,
  handleImpactTransferSingle,
  handleImpactTransferBatch,
  handleImpactApprovalForAll,
} from "./units";
export {
  handleImpactRoleGranted,
  handleImpactRoleRevoked,
  handleVerifierSlotAssigned,
  handleVerifierSlotReleased,
  handleNonceInvalidated,
} from "./verifiers";
