// What each party of an order may do now, by the contract's rules (IClusterExchange's notice): the producer accepts
// within ACCEPT_WINDOW of the match, may start production, ship or cancel until shipped, and settles a shipment the
// buyer neither confirmed nor disputed within CONFIRM_WINDOW; the buyer cancels once the producer let its window pass
// (the acceptance window, or LATE_GRACE after the promised date), confirms a shipment, or disputes it within the
// confirmation window; a steward of the credit network resolves a dispute. Times are Unix seconds of the chain.
import { contractConstants } from "@cosmolocal/sdk";
import type { Address } from "viem";
import { sameAddress } from "../shared/format";
import type { OrderRecord } from "./data/types";

const C = contractConstants.ClusterExchange.constants;
export const ACCEPT_WINDOW = Number(C.ACCEPT_WINDOW);
export const LATE_GRACE = Number(C.LATE_GRACE);
export const CONFIRM_WINDOW = Number(C.CONFIRM_WINDOW);

export type OrderAction =
  "accept" | "decline" | "start" | "ship" | "cancel" | "confirm" | "dispute" | "settle" | "resolve";

/** An action the viewer has on an order: open now, or from `opensAt` (its first allowed second), or until `closesAt`. */
export interface ActionWindow {
  action: OrderAction;
  opensAt?: number;
  closesAt?: number;
}

/** The actions `me` (a steward of the credit network or not) has on order record `r` at chain time `now`. */
export function orderActions(r: OrderRecord, me: Address | undefined, isSteward: boolean, now: number): ActionWindow[] {
  const producer = sameAddress(me, r.producer);
  const buyer = sameAddress(me, r.buyer);
  const gate = (action: OrderAction, opensAt: number): ActionWindow =>
    now >= opensAt ? { action } : { action, opensAt };
  const out: ActionWindow[] = [];
  switch (r.state) {
    case "Matched": {
      const deadline = r.matchedAt + ACCEPT_WINDOW;
      if (producer) {
        if (now <= deadline) out.push({ action: "accept", closesAt: deadline });
        out.push({ action: "decline" });
      }
      if (buyer) out.push(gate("cancel", deadline + 1));
      break;
    }
    case "Accepted":
    case "InProduction":
      if (producer) {
        if (r.state === "Accepted") out.push({ action: "start" });
        out.push({ action: "ship" }, { action: "cancel" });
      }
      if (buyer) out.push(gate("cancel", r.promisedAt + LATE_GRACE + 1));
      break;
    case "Shipped": {
      const deadline = r.shippedAt + CONFIRM_WINDOW;
      if (buyer) {
        out.push({ action: "confirm" });
        if (now <= deadline) out.push({ action: "dispute", closesAt: deadline });
      }
      if (producer) out.push(gate("settle", deadline + 1));
      break;
    }
    case "Disputed":
      if (isSteward) out.push({ action: "resolve" });
      break;
    case "Delivered":
    case "Cancelled":
      break;
  }
  return out;
}

/** The date by which a live order is due to be shipped: the promised one once accepted, else the need's due date. */
export const dueDateOf = (r: OrderRecord) => (r.promisedAt > 0 ? r.promisedAt : r.dueBy);
