// The council actions that accredit an impact verifier and remove one (VERIFIER_ROLE of the impact registry).
import { roleAction } from "../../council/actions/role";
import { VERIFIER_ROLE } from "../data";
import { impactRegistry } from "./calls";

export const verifierOn = roleAction({
  kind: "verifierOn",
  label: "Accredit impact verifier",
  contract: impactRegistry,
  role: VERIFIER_ROLE,
  functionName: "grantRole",
  who: "Verifier to accredit",
  what: "An accredited verifier attests, rejects and revokes climate claims (never their own).",
});
export const verifierOff = roleAction({
  kind: "verifierOff",
  label: "Remove impact verifier",
  contract: impactRegistry,
  role: VERIFIER_ROLE,
  functionName: "revokeRole",
  who: "Verifier to remove",
  what: "Their past votes stay; they can no longer vote, sign attestations or revoke.",
});
