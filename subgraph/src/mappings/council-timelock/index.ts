// Mapping of the CouncilTimelock data source (TimelockController): operations, minimum delay and roles.
export { handleCallScheduled, handleCallSalt, handleCallExecuted, handleCancelled } from "./operations";
export { handleTimelockRoleGranted, handleTimelockRoleRevoked, handleMinDelayChange } from "./roles";
