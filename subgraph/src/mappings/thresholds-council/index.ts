// Mapping of the ThresholdsCouncil data source (OpenZeppelin Governor): proposals, votes, vetoes and settings.
export {
  handleProposalCreated,
  handleVoteCast,
  handleVoteCastWithParams,
  handleProposalQueued,
  handleProposalExecuted,
  handleProposalCanceled,
  handleVetoCast,
} from "./proposals";
export {
  handleVotingDelaySet,
  handleVotingPeriodSet,
  handleProposalThresholdSet,
  handleQuorumNumeratorUpdated,
  handleTimelockChange,
} from "./settings";
