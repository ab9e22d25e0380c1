// The solidarity circles as the council's proposals' calls to them read: their owner is the council's timelock, which
// only accepts currencies for new circles or stops accepting them (it cannot move money nor change a circle's rules).
import { commonfareAbi } from "@cosmolocal/sdk";
import { decodeFunctionData } from "viem";
import type { GovernedContract } from "../../council/actions/action";
import { ownershipCallWords } from "../../council/actions/ownership";
import { contractName } from "../../sponsorship/contracts";
import { commonfareAddress } from "../contracts";

export const commonfare: GovernedContract = {
  name: "The solidarity circles",
  address: commonfareAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: commonfareAbi, data });
    switch (c.functionName) {
      case "setCurrency": {
        const [currency, accepted] = c.args;
        return accepted
          ? `Accept ${contractName(currency)} as a currency for new solidarity circles`
          : `Stop accepting ${contractName(currency)} for new solidarity circles (the circles founded in it keep it)`;
      }
      default:
        return (
          ownershipCallWords(c, "the solidarity circles", "no one could accept a currency for new circles again") ??
          `Solidarity circles: ${c.functionName}`
        );
    }
  },
};
