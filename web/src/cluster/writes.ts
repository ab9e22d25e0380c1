// Every write of the cluster exchange, typed by ClusterExchange's ABI (and CreditNetwork's, for the approval that lets
// the exchange record its orders' obligations) and sent through the shared write: posting, updating and withdrawing
// intents, submitting the matcher's batches, and each step of an order. Refusals are worded by the module's table,
// with prices in the credit network's unit.
import { clusterExchangeAbi, creditNetworkAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Hex } from "viem";
import { creditAddress } from "../credit/contracts";
import { creditErrors } from "../credit/errors";
import { knownRevert, wordWith } from "../shared/errorWords";
import { formatDate, formatInt } from "../shared/format";
import { nameOf } from "../shared/names";
import { useWrite } from "../shared/tx";
import type { Unit } from "../shared/units";
import { clusterAddress } from "./contracts";
import type { ClusterIntent, IntentTerms, OrderRecord } from "./data/types";
import { clusterContext, clusterErrors } from "./errors";
import { orderArg, termsArg, unitText, type MatchBatch } from "./terms";

/** "12 pcs" */
export const quantityText = (q: bigint, unit: Hex) => `${formatInt(q)} ${unitText(unit)}`;

export function useClusterWrites(unit: Unit | undefined) {
  const ctx = useMemo(() => clusterContext(unit), [unit]);
  const wordings = useMemo(
    () => [wordWith(clusterErrors, ctx), wordWith(creditErrors, { name: nameOf, amount: ctx.amount })],
    [ctx],
  );
  const exchange = useWrite({ abi: clusterExchangeAbi, address: clusterAddress }, wordings);
  const credit = useWrite({ abi: creditNetworkAbi, address: creditAddress }, wordings);

  return useMemo(() => {
    const what = (t: Pick<IntentTerms, "side" | "quantity" | "unit" | "category">) =>
      `${t.side === "offer" ? "an offer" : "a need"} of ${quantityText(t.quantity, t.unit)} (category ${t.category})`;
    const order = (id: bigint) => `order #${id}`;
    return {
      /** A revert a form knows before sending, in the words its decoded revert has. */
      refusal: knownRevert(clusterErrors, ctx),

      /** Lets the exchange record (or, with false, stops it recording) the obligations of the member's orders. */
      approveExchange: (approved: boolean) =>
        credit(
          approved
            ? "Allow the cluster exchange to record my orders' obligations"
            : "Stop the cluster exchange recording my new orders' obligations",
          { functionName: "setObligationOperator", args: [clusterAddress!, approved] },
        ),

      postIntent: (terms: IntentTerms) =>
        exchange(`Post ${what(terms)}`, { functionName: "postIntent", args: [termsArg(terms)] }),
      updateIntent: (intent: ClusterIntent, next: IntentTerms) =>
        exchange(`Change intent #${intent.id}`, {
          functionName: "updateIntent",
          args: [intent.id, termsArg(intent.terms), termsArg(next)],
        }),
      withdrawIntent: (intent: ClusterIntent) =>
        exchange(`Withdraw intent #${intent.id}`, {
          functionName: "withdrawIntent",
          args: [intent.id, termsArg(intent.terms)],
        }),

      /** One batch of the matcher's matches ("part k of n" when the result takes several transactions). */
      submitMatches: (batch: MatchBatch, part?: string) =>
        exchange(
          `Submit ${formatInt(batch.matches.length)} ${batch.matches.length === 1 ? "match" : "matches"}${part ? ` (${part})` : ""}`,
          { functionName: "submitMatches", args: [batch.intents, batch.matches] },
        ),

      acceptOrder: (id: bigint, r: OrderRecord, promisedAt: number) =>
        exchange(`Accept ${order(id)}, promised by ${formatDate(promisedAt)}`, {
          functionName: "acceptOrder",
          args: [id, orderArg(r), promisedAt],
        }),
      startProduction: (id: bigint, r: OrderRecord) =>
        exchange(`Start producing ${order(id)}`, { functionName: "startProduction", args: [id, orderArg(r)] }),
      shipOrder: (id: bigint, r: OrderRecord) =>
        exchange(`Ship ${order(id)}`, { functionName: "shipOrder", args: [id, orderArg(r)] }),
      confirmDelivery: (id: bigint, r: OrderRecord) =>
        exchange(`Confirm the delivery of ${order(id)}`, {
          functionName: "confirmDelivery",
          args: [id, orderArg(r)],
        }),
      settleUnconfirmed: (id: bigint, r: OrderRecord) =>
        exchange(`Settle ${order(id)} (delivery not confirmed in time)`, {
          functionName: "settleUnconfirmed",
          args: [id, orderArg(r)],
        }),
      cancelOrder: (id: bigint, r: OrderRecord) =>
        exchange(`Cancel ${order(id)}`, { functionName: "cancelOrder", args: [id, orderArg(r)] }),
      disputeOrder: (id: bigint, r: OrderRecord, reason: Hex) =>
        exchange(`Dispute ${order(id)}`, { functionName: "disputeOrder", args: [id, orderArg(r), reason] }),
      resolveDispute: (id: bigint, r: OrderRecord, delivered: bigint) =>
        exchange(
          delivered === 0n
            ? `Resolve the dispute of ${order(id)}: cancel it`
            : `Resolve the dispute of ${order(id)}: ${formatInt(delivered)} of ${formatInt(r.quantity)} delivered`,
          { functionName: "resolveDispute", args: [id, orderArg(r), delivered] },
        ),
    };
  }, [ctx, exchange, credit]);
}
