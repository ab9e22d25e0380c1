// The design commons as the council's proposals' calls to it read (its owner is the council's timelock, which only
// accredits commons entities and withdraws their accreditation), and the making of such a call.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { decodeFunctionData, encodeFunctionData, type Address } from "viem";
import { callsTo, type GovernedContract, type Parsed, type ProposalContext } from "../../council/actions/action";
import { ownershipCallWords } from "../../council/actions/ownership";
import type { CouncilCall } from "../../council/writes";
import { contractName } from "../../sponsorship/contracts";
import { designsAddress } from "../contracts";

export const designCommons: GovernedContract = {
  name: "The design commons",
  address: designsAddress,
  describe(data) {
    const c = decodeFunctionData({ abi: designCommonsAbi, data });
    switch (c.functionName) {
      case "accreditCommonsEntity": {
        const [entity, uri] = c.args;
        const described = uri.trim() ? ` (described at ${uri})` : "";
        return `Accredit ${contractName(entity)} as a commons entity${described}: the licences it takes from then on are free`;
      }
      case "revokeCommonsEntity":
        return `Withdraw ${contractName(c.args[0])}'s accreditation as a commons entity: the licences it takes from then on pay the designs' terms (those it holds keep their tier)`;
      default:
        return (
          ownershipCallWords(
            c,
            "the design commons",
            "no one could accredit a commons entity or withdraw an accreditation again",
          ) ?? `Design commons: ${c.functionName}`
        );
    }
  },
};

/** The proposal's call accrediting `entity` (described at `uri`), or withdrawing its accreditation, in words. */
export function entityCall(
  entity: Address,
  accredit: { uri: string } | false,
  ctx: ProposalContext,
): Parsed<CouncilCall[]> {
  const data = accredit
    ? encodeFunctionData({ abi: designCommonsAbi, functionName: "accreditCommonsEntity", args: [entity, accredit.uri] })
    : encodeFunctionData({ abi: designCommonsAbi, functionName: "revokeCommonsEntity", args: [entity] });
  return callsTo(designCommons, [data], ctx);
}
