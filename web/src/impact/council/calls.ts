// The impact registry as the council's proposals' calls to it read: verifier accreditations and methodologies.
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import type { GovernedContract } from "../../council/actions/action";
import { impactRegistryAddress } from "../contracts";
import { roleCallWords } from "../../council/actions/role";
import { VERIFIER_ROLE } from "../data";

export const impactRegistry: GovernedContract = {
  name: "The impact registry",
  address: impactRegistryAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: impactRegistryAbi, data });
    const role = roleCallWords(c, VERIFIER_ROLE, "the impact registry", {
      grant: (who) => `Accredit ${who} as an impact verifier`,
      revoke: (who) => `Remove ${who}'s accreditation as an impact verifier`,
    });
    if (role) return role;
    switch (c.functionName) {
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
