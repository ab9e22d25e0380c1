// Mapping of the ContributionLedger data source: one handler per event of IContributionLedger; balances are
// recomputed from events alone.
export {
  handleContributionSubmitted,
  handleContributionEvaluated,
  handleContributionSettled,
  handlePointsMinted,
  handleNoncesCancelled,
} from "./contributions";
export { handleIncomeDeposited, handleIncomeClaimed } from "./income";
export {
  handleProjectCreated,
  handleProjectUpdated,
  handleKindAdded,
  handleKindActivationChanged,
  handleIncomeTokenAdded,
  handleProjectRoleGranted,
  handleProjectRoleRevoked,
} from "./projects";
