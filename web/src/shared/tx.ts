// The one typed contract write: a contract (ABI + address) bound once, function name and arguments checked against its
// ABI; each call simulates, sends, waits for the receipt (and for the subgraph to index it), with a toast per stage and
// the decoded error, then refreshes queries. When the co-op pays the member's gas (sponsorship/gasPayer.tsx), the same
// call goes as an ERC-4337 operation through the bundler instead of a transaction, with the same stages.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import {
  BaseError,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type TransactionReceipt,
} from "viem";
import { useConfig } from "wagmi";
import {
  getConnection,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
  type SimulateContractParameters,
} from "wagmi/actions";
import { useGasPayer } from "../sponsorship/gasPayer";
import { eth } from "../sponsorship/errors";
import { sendSponsored } from "../sponsorship/sponsor";
import { BURNER_ID } from "./burner";
import { targetChain } from "./config";
import { readSubgraphUrl } from "./data/source";
import { waitForIndexed } from "./data/graphql";
import type { Wording } from "./errorWords";
import { explainError } from "./errors";
import { useToasts, type Toast } from "./toasts";

export interface TxOutcome {
  ok: boolean;
  receipt?: TransactionReceipt;
  /** What the co-op's paymaster paid for a sponsored write (wei). */
  sponsoredCost?: bigint;
  error?: string;
  /** The contract's custom error (or UserRejected, Network, InsufficientFunds), for a specific reaction in the UI. */
  errorName?: string;
}

type Mutability = "nonpayable" | "payable";
/** The state-changing functions of `A`. */
export type WriteName<A extends Abi> = ContractFunctionName<A, Mutability>;

/** One call of a bound contract: the function and its arguments as the ABI types them. */
export interface WriteCall<A extends Abi, F extends WriteName<A>> {
  functionName: F;
  args: ContractFunctionArgs<A, Mutability, F> & readonly unknown[];
  /** ETH sent along (payable functions). */
  value?: bigint;
  /** Another deployment of the same ABI (a token), instead of the bound address. */
  address?: Address;
}

/** A contract's ABI and its address on the target chain (undefined when it is not deployed there). */
export interface BoundContract<A extends Abi> {
  abi: A;
  address?: Address;
}

/**
 * The first stage of a transaction's toast for the wallet `connectorId`: a browser wallet waits for its person to
 * confirm; the local test wallet signs by itself, so it is already sending.
 */
export function sendStage(connectorId: string | undefined, sponsored = false): Pick<Toast, "stage" | "message"> {
  if (sponsored)
    return { stage: "sending", message: "Checking, then sending through the bundler: the co-op pays the gas." };
  return connectorId === BURNER_ID
    ? { stage: "sending", message: "Checking, then sending." }
    : { stage: "signing", message: "Checking, then confirm in your wallet." };
}

/**
 * Binds `contract` and the wording of its errors (`wordings`: the module's tables with its unit and names); the
 * returned `write(title, call, wordings?)` runs one transaction and resolves to its outcome, never throwing.
 */
export function useWrite<const A extends Abi>(contract: BoundContract<A>, wordings: readonly Wording[] = []) {
  const config = useConfig();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const gas = useGasPayer();
  const sponsor = gas.sponsored ? gas.owner : undefined;
  const { abi, address: bound } = contract;

  return useCallback(
    async <F extends WriteName<A>>(
      title: string,
      { functionName, args, value, address = bound }: WriteCall<A, F>,
      callWordings: readonly Wording[] = wordings,
    ): Promise<TxOutcome> => {
      const id = toasts.show({ title, ...sendStage(getConnection(config).connector?.id, !!sponsor) });
      let hash: Hash | undefined;
      let sponsoredCost: bigint | undefined;
      try {
        if (!address) throw new Error("This contract is not deployed on the selected chain.");
        const request: SimulateContractParameters = {
          abi,
          address,
          functionName,
          args,
          value,
          chainId: targetChain.id,
        };
        // Simulated first, so a revert is explained before the wallet opens.
        const { request: simulated } = await simulateContract(config, request);
        let receipt: TransactionReceipt;
        if (sponsor) {
          if (value) throw new Error("The co-op pays gas, not amounts: sending ETH needs ETH of your own.");
          const sent = await sendSponsored(sponsor, { address, abi, functionName, args }, () =>
            toasts.update(id, {
              stage: "pending",
              message: "The bundler accepted the operation; waiting for it to be included.",
            }),
          );
          hash = sent.receipt.transactionHash;
          if (!sent.success) throw revertedOperation(sent.reason);
          receipt = sent.receipt;
          sponsoredCost = sent.actualGasCost;
        } else {
          hash = await writeContract(config, simulated);
          toasts.update(id, { stage: "pending", message: "Waiting for the transaction to be included.", hash });
          receipt = await waitForTransactionReceipt(config, { hash });
          if (receipt.status !== "success") throw new Error("The transaction was reverted on chain.");
        }
        const paid = sponsoredCost !== undefined ? ` The co-op paid ${eth(sponsoredCost)} of gas.` : "";
        let message = `Included in block ${receipt.blockNumber}.${paid}`;
        if (readSubgraphUrl) {
          // The screens read the subgraph: they show the change once it has indexed the transaction's block.
          toasts.update(id, {
            stage: "indexing",
            message: `Included in block ${receipt.blockNumber}; waiting for the indexer to reach it.`,
          });
          message = (await waitForIndexed(readSubgraphUrl, receipt.blockNumber))
            ? `Included in block ${receipt.blockNumber} and indexed.${paid}`
            : `Included in block ${receipt.blockNumber}.${paid} The indexer is behind: the screens will show it when it catches up.`;
        }
        // The screens refresh before the toast says it is done: once it does, what they show includes the change (and
        // a form that clears itself on success has done so before the person types the next entry).
        await queryClient.invalidateQueries();
        toasts.update(id, { stage: "success", message, hash });
        return { ok: true, receipt, sponsoredCost };
      } catch (err) {
        const { message, name } = explainError(err, callWordings);
        toasts.update(id, { stage: "error", message, hash });
        if (hash) void queryClient.invalidateQueries();
        return { ok: false, error: message, errorName: name };
      }
    },
    [config, toasts, queryClient, abi, bound, wordings, sponsor],
  );
}

/**
 * A sponsored operation whose call reverted on chain (the co-op still paid the gas), carrying the revert data where
 * explainError decodes it.
 */
function revertedOperation(reason: string | undefined): Error {
  return Object.assign(new BaseError("The operation was included, but its call reverted."), { data: reason });
}
