// One transaction, Scaffold-ETH style: simulate first (so a revert is explained before the wallet opens),
// then ask the wallet, then wait for the receipt — with a toast for each stage and the contracts' custom errors
// decoded into plain language (worded with `explain`: amounts in the contract's unit, accounts by name). After a
// confirmed transaction every query is refreshed.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useConfig, type Config } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import type { Hash, TransactionReceipt } from "viem";
import { explainError, type ErrorContext } from "./errors";
import { useToasts } from "./toasts";

export interface TxOutcome {
  ok: boolean;
  receipt?: TransactionReceipt;
  error?: string;
  errorName?: string;
}

/** Simulates the call and, when it would succeed, hands its request to the wallet; resolves to the tx hash. */
export type Send = () => Promise<Hash>;

export function useTransactor() {
  const config = useConfig();
  const toasts = useToasts();
  const queryClient = useQueryClient();

  return useCallback(
    async (title: string, send: Send, explain?: ErrorContext): Promise<TxOutcome> => {
      const id = toasts.show({ title, stage: "signing", message: "Checking, then confirm in your wallet." });
      let hash: Hash | undefined;
      try {
        hash = await send();
        toasts.update(id, { stage: "pending", message: "Waiting for the transaction to be included.", hash });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") throw new Error("The transaction was reverted on chain.");
        toasts.update(id, { stage: "success", message: `Included in block ${receipt.blockNumber}.` });
        await queryClient.invalidateQueries();
        return { ok: true, receipt };
      } catch (err) {
        const { message, name } = explainError(err, explain);
        toasts.update(id, { stage: "error", message, hash });
        if (hash) void queryClient.invalidateQueries();
        return { ok: false, error: message, errorName: name };
      }
    },
    [config, toasts, queryClient],
  );
}

/** A `Send` that simulates the contract call first (a revert is explained before the wallet opens), then writes it. */
export function simulateThenWrite(config: Config, request: Parameters<typeof simulateContract>[1]): Send {
  return async () => {
    const sim = await simulateContract(config, request);
    return writeContract(config, sim.request);
  };
}
