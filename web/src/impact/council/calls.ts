// The impact registry as the council's proposals' calls to it read: verifier accreditations and methodologies.
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import type { GovernedContract } from "../../council/actions/action";
import { impactRegistryAddress } from "../contracts";
import { shortAddress } from "../../shared/format";
import { nameOf } from "../../shared/names";
import { VERIFIER_ROLE } from "../data";

export const impactRegistry: GovernedContract = {
  name: "The impact registry",
  address: impactRegistryAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: impactRegistryAbi, data });
    switch (c.functionName) {
      case "grantRole":
        return c.args[0] === VERIFIER_ROLE
          ? `Accredit ${nameOf(c.args[1])} as an impact verifier`
          : `Grant role ${shortAddress(c.args[0])} of the impact registry to ${nameOf(c.args[1])}`;
      case "revokeRole":
        return c.args[0] === VERIFIER_ROLE
          ? `Remove ${nameOf(c.args[1])}'s accreditation as an impact verifier`
          : `Revoke role ${shortAddress(c.args[0])} of the impact registry from ${nameOf(c.args[1])}`;
      case "setMethodology": {
        const [id, k, active, name] = c.args;
        return (
          `Set impact methodology ${id} “${name}”: ${k} approval${k === 1 ? "" : "s"} (and rejections) per claim, ` +
          `${active ? "open" : "closed"} for new claims`
        );
      }
      default:
        return `Impact registry: ${c.functionName}`;
    }
  },
};
