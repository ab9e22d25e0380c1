// Every write of the credit module, typed by the CreditNetwork's ABI and sent through the shared write (errors worded
// in the network's unit, members by name); obligation terms are signed here (EIP-712) for the counterparty to record.
import { creditDomain, creditNetworkAbi, obligationTypes, type ObligationTermsMessage } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { chainDeadline } from "../shared/chainTime";
import { targetChain } from "../shared/config";
import { creditAddress } from "./contracts";
import { baseUnits, knownRevert, wordWith } from "../shared/errorWords";
import { nameOf } from "../shared/names";
import { useWrite, type WriteCall, type WriteName } from "../shared/tx";
import type { Unit } from "../shared/units";
import { creditErrors, shortNonce } from "./errors";

type Abi = typeof creditNetworkAbi;

/** How long signed obligation terms stay valid for the counterparty to submit, counted from chain time at signing. */
export const TERMS_VALIDITY_SECONDS = 7 * 24 * 3600;

export function useCreditWrites(unit: Unit | undefined) {
  const config = useConfig();
  const fmt = useMemo(() => (unit ? unit.fmt : baseUnits), [unit]);
  const ctx = useMemo(() => ({ name: nameOf, amount: fmt }), [fmt]);
  const wordings = useMemo(() => [wordWith(creditErrors, ctx)], [ctx]);
  const write = useWrite({ abi: creditNetworkAbi, address: creditAddress }, wordings);

  return useMemo(() => {
    const call = <F extends WriteName<Abi>>(title: string, functionName: F, args: WriteCall<Abi, F>["args"]) =>
      write(title, { functionName, args });

    return {
      /** A revert a form knows before sending, in the words its decoded revert has. */
      refusal: knownRevert(creditErrors, ctx),
      admit: (account: Address) => call(`Admit ${nameOf(account)}`, "admitMember", [account]),
      suspend: (account: Address) => call(`Suspend ${nameOf(account)}`, "suspendMember", [account]),
      reinstate: (account: Address) => call(`Reinstate ${nameOf(account)}`, "reinstateMember", [account]),
      setConsent: (clearing: boolean, liquidity: boolean) =>
        call("Save clearing consent", "setClearingConsent", [clearing, liquidity]),

      offerLine: (receiver: Address, limit: bigint, current: bigint) =>
        call(
          limit === 0n
            ? `Cut ${nameOf(receiver)}'s line to 0`
            : limit <= current
              ? `Lower ${nameOf(receiver)}'s line to ${fmt(limit)}`
              : `Offer ${nameOf(receiver)} a line of ${fmt(limit)}`,
          "offerCreditLine",
          [receiver, limit],
        ),
      acceptLine: (giver: Address, limit: bigint) =>
        call(`Accept ${nameOf(giver)}'s line of ${fmt(limit)}`, "acceptCreditLine", [giver, limit]),
      cancelOffer: (giver: Address, receiver: Address, mine: "giver" | "receiver") =>
        call(
          mine === "giver" ? `Withdraw offer to ${nameOf(receiver)}` : `Decline ${nameOf(giver)}'s offer`,
          "cancelCreditOffer",
          [giver, receiver],
        ),
      closeLine: (giver: Address, receiver: Address) =>
        call(`Close line ${nameOf(giver)} → ${nameOf(receiver)}`, "closeCreditLine", [giver, receiver]),

      /** `path` = [intermediary..., payee]; one hop is a direct `pay`. */
      pay: (path: Address[], amount: bigint, memo: Hex) =>
        path.length === 1
          ? call(`Pay ${nameOf(path[0])} ${fmt(amount)}`, "pay", [path[0], amount, memo])
          : call(
              `Pay ${nameOf(path[path.length - 1])} ${fmt(amount)} via ${path.slice(0, -1).map(nameOf).join(", ")}`,
              "payAlong",
              [path, amount, memo],
            ),

      recordObligation: (debtor: Address, creditor: Address, amount: bigint, dueDate: bigint, ref: Hex) =>
        call(`Record: ${nameOf(debtor)} owes ${nameOf(creditor)} ${fmt(amount)}`, "recordObligation", [
          debtor,
          creditor,
          amount,
          dueDate,
          ref,
        ]),
      acceptObligation: (id: bigint) => call(`Accept obligation #${id}`, "acceptObligation", [id]),
      cancelObligation: (id: bigint, title: string) => call(title, "cancelObligation", [id]),
      payObligation: (id: bigint, amount: bigint, path: Address[]) =>
        call(`Pay ${fmt(amount)} of obligation #${id}`, "payObligation", [id, amount, path]),
      recordSigned: (terms: ObligationTermsMessage, signature: Hex) =>
        call(
          `Record signed obligation: ${nameOf(terms.debtor)} owes ${nameOf(terms.creditor)}`,
          "recordSignedObligation",
          [terms, signature],
        ),

      /**
       * Voids the signer's outstanding signed terms to `counterparty` with `nonce` (its next nonce towards it): they
       * can never be recorded.
       */
      cancelTerms: (counterparty: Address, nonce: bigint) =>
        call(`Cancel signed terms for ${nameOf(counterparty)} (nonce ${shortNonce(nonce)})`, "cancelNonce", [
          counterparty,
          nonce,
        ]),

      /**
       * Signs obligation terms (EIP-712) in the wallet; the counterparty submits them. The nonce is the signer's next
       * one towards the counterparty (keyed by its address), so terms withheld by one member never block terms to
       * another.
       */
      async signTerms(
        signer: Address,
        draft: Omit<ObligationTermsMessage, "nonce" | "deadline">,
      ): Promise<{ terms: ObligationTermsMessage; signature: Hex }> {
        const counterparty = signer.toLowerCase() === draft.debtor.toLowerCase() ? draft.creditor : draft.debtor;
        const nonce = await readContract(config, {
          address: creditAddress!,
          abi: creditNetworkAbi,
          chainId: targetChain.id,
          functionName: "signatureNonce",
          args: [signer, counterparty],
        });
        const terms: ObligationTermsMessage = {
          ...draft,
          nonce,
          deadline: await chainDeadline(config, TERMS_VALIDITY_SECONDS),
        };
        const signature = await signTypedData(config, {
          account: signer,
          domain: creditDomain(targetChain.id, creditAddress!),
          types: obligationTypes,
          primaryType: "ObligationTerms",
          message: terms,
        });
        return { terms, signature };
      },

      clear: (
        title: string,
        solutionId: Hex,
        setOffs: { obligationId: bigint; amount: bigint }[],
        moves: { payer: Address; payee: Address; amount: bigint }[],
      ) => call(title, "clear", [solutionId, setOffs, moves]),
      /**
       * One part of a clearing split into parts (stewards only): it sets off the bridge the part before it left under
       * `solutionId`, its set-offs and moves, and leaves `bridge` open for the next part (amount 0 and zero addresses:
       * none, the last part).
       */
      clearPart: (
        title: string,
        solutionId: Hex,
        setOffs: { obligationId: bigint; amount: bigint }[],
        moves: { payer: Address; payee: Address; amount: bigint }[],
        bridge: { debtor: Address; creditor: Address; amount: bigint },
      ) => call(title, "clearPart", [solutionId, setOffs, moves, bridge]),
    };
  }, [config, write, fmt, ctx]);
}
