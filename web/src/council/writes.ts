// Every write of the council module (propose, vote, queue, execute, veto), typed by the ThresholdsCouncil's ABI and sent
// through the shared write; a proposal's execution is worded with the governed contracts' errors too.
import { thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { councilAddress } from "./contracts";
import { baseUnits, wordWith } from "../shared/errorWords";
import { nameOf } from "../shared/names";
import { useWrite } from "../shared/tx";
import { impactErrors } from "../impact/errors";
import { resourceErrors } from "../resource/errors";
import { sponsorshipErrors } from "../sponsorship/errors";
import { VOTE_LABELS } from "./data";
import { councilErrors } from "./errors";

export interface CouncilCall {
  target: Address;
  data: Hex;
  /** ETH the timelock sends with the call, from its own balance (none when absent). */
  value?: bigint;
  /** The call in plain words (shown in the form before proposing). */
  summary: string;
}

/** The council's writes; `resourceName` names the resources in a governed registry's error. */
export function useCouncilWrites(resourceName: (resourceId: bigint) => string = (id) => `resource ${id}`) {
  const wordings = useMemo(
    () => [
      wordWith(councilErrors, { name: nameOf }),
      wordWith(resourceErrors, { name: nameOf, amount: baseUnits, resource: resourceName }),
      wordWith(impactErrors, { name: nameOf, amount: baseUnits }),
      wordWith(sponsorshipErrors, { name: nameOf, amount: baseUnits }),
    ],
    [resourceName],
  );
  const write = useWrite({ abi: thresholdsCouncilAbi, address: councilAddress }, wordings);

  return useMemo(
    () => ({
      propose: (calls: CouncilCall[], description: string) =>
        write(`Propose: ${description.length > 60 ? `${description.slice(0, 57)}…` : description}`, {
          functionName: "propose",
          args: [calls.map((c) => c.target), calls.map((c) => c.value ?? 0n), calls.map((c) => c.data), description],
        }),
      vote: (number: number, id: bigint, support: 0 | 1 | 2) =>
        write(`Vote ${VOTE_LABELS[support].toLowerCase()} proposal ${number}`, {
          functionName: "castVote",
          args: [id, support],
        }),
      queue: (number: number, id: bigint) => write(`Queue proposal ${number}`, { functionName: "queue", args: [id] }),
      execute: (number: number, id: bigint) =>
        write(`Execute proposal ${number}`, { functionName: "execute", args: [id] }),
      veto: (number: number, id: bigint) => write(`Veto proposal ${number}`, { functionName: "castVeto", args: [id] }),
    }),
    [write],
  );
}
