// Mapping of the ResourceRegistry data source: every event of IResourceRegistry and ERC-1155's TransferSingle /
// TransferBatch (quota shares, token id = resource id) and ApprovalForAll; computed from events, no eth_call.
export { handleAssessorAccreditationSet, handleBuyerRegistrationSet, handleBuyerApprovalSet } from "./accreditations";
export { handleEntitlementSettled, handleEntitlementTransferred, handleLanded } from "./holders";
export {
  handleCouncilChanged,
  handleCouncilHandoverProposed,
  handleCouncilHandoverCancelled,
  handleResourceRegistered,
  handleHarvestRuleSet,
  handleQuotaPolicySet,
  handleClosedPeriodsSet,
} from "./registry";
export { handleAssessmentPosted, handleSeasonOpened, handleSeasonClosed } from "./seasons";
export { handleTransferSingle, handleTransferBatch, handleApprovalForAll } from "./shares";
