// Every write of the council module: propose, vote, queue, execute, veto — simulated first (a revert is explained before
// the wallet opens: a state that does not allow it, a vote already cast, the timelock's ETA not reached, or the
// governed contract's own error when executing), then sent through the shared transaction runner.
import { thresholdsCouncilAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { useConfig } from "wagmi";
import type { simulateContract } from "wagmi/actions";
import { councilAddress, targetChain } from "../shared/config";
import type { ErrorContext } from "../shared/errors";
import { nameOf } from "../shared/names";
import { simulateThenWrite, useTransactor } from "../shared/tx";
import { VOTE_LABELS } from "./data";

type SimulateRequest = Parameters<typeof simulateContract>[1];

export interface CouncilCall {
  target: Address;
  data: Hex;
  /** The call in plain words (shown in the form before proposing). */
  summary: string;
}

export function useCouncilActions(explainAmounts?: Pick<ErrorContext, "amount" | "resource">) {
  const config = useConfig();
  const run = useTransactor();

  return useMemo(() => {
    const base = { address: councilAddress!, abi: thresholdsCouncilAbi, chainId: targetChain.id } as const;
    const explain: ErrorContext = { contract: "council", name: nameOf, ...explainAmounts };
    const send = (title: string, request: Omit<SimulateRequest, "address" | "abi">) =>
      run(title, simulateThenWrite(config, { ...base, ...request } as SimulateRequest), explain);

    return {
      propose: (calls: CouncilCall[], description: string) =>
        send(`Propose: ${description.length > 60 ? `${description.slice(0, 57)}…` : description}`, {
          functionName: "propose",
          args: [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), description],
        }),
      vote: (number: number, id: bigint, support: 0 | 1 | 2) =>
        send(`Vote ${VOTE_LABELS[support].toLowerCase()} proposal ${number}`, {
          functionName: "castVote",
          args: [id, support],
        }),
      queue: (number: number, id: bigint) => send(`Queue proposal ${number}`, { functionName: "queue", args: [id] }),
      execute: (number: number, id: bigint) =>
        send(`Execute proposal ${number}`, { functionName: "execute", args: [id] }),
      veto: (number: number, id: bigint) => send(`Veto proposal ${number}`, { functionName: "castVeto", args: [id] }),
    };
  }, [config, run, explainAmounts]);
}
