// The council actions that appoint a credit steward and remove one (STEWARD_ROLE of the credit network).
import { roleAction } from "../../council/actions/role";
import { creditNetwork, STEWARD_ROLE } from "./calls";

export const stewardOn = roleAction({
  kind: "stewardOn",
  label: "Appoint credit steward",
  contract: creditNetwork,
  role: STEWARD_ROLE,
  functionName: "grantRole",
  who: "Steward to appoint",
  what: "A steward admits, suspends and reinstates members of the credit network; nothing else.",
});
export const stewardOff = roleAction({
  kind: "stewardOff",
  label: "Remove credit steward",
  contract: creditNetwork,
  role: STEWARD_ROLE,
  functionName: "revokeRole",
  who: "Steward to remove",
  what: "The members they admitted stay members; they can no longer admit, suspend or reinstate.",
});
