// Mapping of the ImpactMarket data source: listings, purchases, proceeds and matching rounds.
export { handleListed, handleDelisted, handlePurchased, handleProceedsWithdrawn } from "./listings";
export {
  handleRoundCreated,
  handleRoundFunded,
  handleRoundReclaimed,
  handleRoundClaimRulesSet,
  handleRoundClaimEligibilitySet,
} from "./rounds";
