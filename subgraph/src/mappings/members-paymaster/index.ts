// Mapping of the MembersPaymaster data source: every event of IMembersPaymaster and Ownable2Step's; computed from
// events, no eth_call (the deposit at the EntryPoint and the period bounds are the dApp's view calls).
export { handleGasSponsored } from "./sponsorships";
export { handleMemberBudgetSet, handleMemberBudgetCleared } from "./budgets";
export {
  handleCallTargetAllowed,
  handleCallTargetRemoved,
  handleDefaultBudgetSet,
  handleCoordinatorBudgetCapSet,
  handleOwnershipTransferStarted,
  handleOwnershipTransferred,
} from "./settings";
