// The credit network as the council's proposals' calls to it read: its timelock administers the network, so
// appointing and removing stewards (STEWARD_ROLE) is a council decision.
import { contractConstants, creditNetworkAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import type { GovernedContract } from "../../council/actions/action";
import { roleCallWords } from "../../council/actions/role";
import { creditAddress } from "../contracts";

export const { STEWARD_ROLE } = contractConstants.CreditNetwork.constants;

export const creditNetwork: GovernedContract = {
  name: "The credit network",
  address: creditAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: creditNetworkAbi, data });
    return (
      roleCallWords(c, STEWARD_ROLE, "the credit network", {
        grant: (who) => `Appoint ${who} as a credit steward`,
        revoke: (who) => `Remove ${who} as a credit steward`,
      }) ?? `Credit network: ${c.functionName}`
    );
  },
};
