// The approval a payment in an ERC-20 needs first: the payer's allowance to the paying contract is read, and when it
// is short of the amount, exactly the amount is approved through the shared write (its own toast and wording).
import { useCallback } from "react";
import { erc20Abi, type Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { targetChain } from "./config";
import type { Wording } from "./errorWords";
import { explainError } from "./errors";
import { useWrite, type TxOutcome } from "./tx";

export interface Approval {
  token: Address;
  owner: Address;
  /** The contract that takes the payment. */
  spender: Address;
  amount: bigint;
}

/**
 * `approve(title, approval)`: resolves ok at once when `owner`'s allowance to `spender` covers `amount`, else to the
 * outcome of one approve of exactly `amount` titled `title`; a failed read of the allowance resolves to its error.
 */
export function useApproval(wordings: readonly Wording[] = []) {
  const config = useConfig();
  const write = useWrite({ abi: erc20Abi }, wordings);
  return useCallback(
    async (title: string, { token, owner, spender, amount }: Approval): Promise<TxOutcome> => {
      let allowance: bigint;
      try {
        allowance = await readContract(config, {
          address: token,
          abi: erc20Abi,
          functionName: "allowance",
          args: [owner, spender],
          chainId: targetChain.id,
        });
      } catch (err) {
        const { message, name } = explainError(err, wordings);
        return { ok: false, error: message, errorName: name };
      }
      if (allowance >= amount) return { ok: true };
      return write(title, { address: token, functionName: "approve", args: [spender, amount] });
    },
    [config, write, wordings],
  );
}
