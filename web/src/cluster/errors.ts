// The ClusterExchange's custom errors (its own and reentrancy's it inherits) in plain sentences: what was refused and
// what the person can do. Members by name, prices and amounts in the credit network's unit, distances in kilometres,
// dates as dates; the context they are worded in. The credit network's errors a delivery bubbles up are worded by
// credit/errors.ts.
import type { clusterExchangeAbi } from "@cosmolocal/sdk";
import { baseUnits, type ErrorTable, type WordContext } from "../shared/errorWords";
import { formatAmount, formatDate, formatInt } from "../shared/format";
import { nameOf } from "../shared/names";
import type { Unit } from "../shared/units";
import { ORDER_STATES } from "./data/types";

/** How the module words: members by name, amounts in the credit network's unit (base units until it is known). */
export const clusterContext = (unit?: Unit): WordContext => ({
  name: nameOf,
  amount: unit ? unit.fmt : baseUnits,
});

/** Metres as kilometres ("12.4 km", "< 0.1 km"). */
const km = (metres: bigint) => `${formatAmount(metres, 3, 1)} km`;

/** An order state by its enum value, as a person reads it. */
const stateText = (state: number) =>
  (({ InProduction: "in production", Matched: "matched (not accepted yet)" }) as Record<string, string | undefined>)[
    ORDER_STATES[state - 1]
  ] ?? (ORDER_STATES[state - 1] ?? "unknown").toLowerCase();

/** Microdegrees as degrees ("44.4937°", "−11.343°"). */
const degrees = (micro: number) =>
  `${micro < 0 ? "−" : ""}${(Math.abs(micro) / 1_000_000).toFixed(6).replace(/\.?0+$/, "")}°`;

export const clusterErrors: ErrorTable<typeof clusterExchangeAbi, WordContext> = {
  NotActiveMember: ({ account }, { name }) =>
    `${name(account)} is not an active member of the credit network: only its members post intents and are matched. A steward admits members (and reinstates suspended ones).`,
  ExchangeNotApproved: ({ account }, { name }) =>
    `${name(account)} has not allowed the exchange to record its orders' obligations on the credit network: it posts and is matched only while it does, so that each match is an agreement the network records. Use “Allow the exchange” on the Local exchange page, then try again.`,
  NotIntentOwner: ({ intentId, account }, { name }) =>
    `${name(account)} did not post intent #${intentId}: only its owner updates or withdraws it. Switch to that account.`,
  IntentNotActive: ({ intentId }) =>
    `Intent #${intentId} does not exist or was withdrawn: it can no longer be changed or matched. Reload the list.`,
  IntentTermsMismatch: ({ intentId }) =>
    `Intent #${intentId} has changed since this page read it (its owner updated it, or it was withdrawn). Reload and try again.`,
  ZeroQuantity: () => "Enter a quantity of at least one unit.",
  ZeroPrice: () => "Enter a price above zero: a delivery is recorded as an obligation, which must be for some amount.",
  EmptyUnit: () => "Enter the unit the quantity is counted in, such as pcs or kg.",
  InvalidWindow: ({ start, end }) =>
    end <= start
      ? `The window must end after it starts (it starts ${formatDate(start)} and ends ${formatDate(end)}). Choose a later end.`
      : `The window ended on ${formatDate(end)}, which has already passed. Choose an end in the future.`,
  InvalidPlace: ({ lat, lon }) =>
    `${degrees(lat)}, ${degrees(lon)} is not a place on the globe: a latitude lies between −90° and 90°, a longitude between −180° and 180°.`,
  ZeroDistance: () =>
    "Enter the farthest distance you accept to a counterpart, above zero: with none, nothing can be matched.",
  UnknownDesign: ({ designId }) =>
    `The design commons holds no design #${designId}. Choose a registered design, or name none.`,
  OwnerOrSideChanged: ({ intentId }) =>
    `An update keeps intent #${intentId}'s owner and side: to trade the other way, withdraw it and post a new intent.`,
  QuantityBelowMatched: ({ intentId, quantity, matched }) =>
    `Intent #${intentId} already has ${formatInt(matched)} matched, more than the ${formatInt(quantity)} asked for: set a quantity of at least ${formatInt(matched)}.`,
  EmptyBatch: () => "The batch holds no match: there is nothing to submit.",
  IntentsNotSorted: ({ index, intentId }) =>
    `Intent #${intentId} (at position ${index + 1n} of the batch) is out of order or named twice: a batch names each intent once, in increasing id order. Compute the matches again.`,
  IntentIndexOutOfRange: ({ index }) =>
    `A match points at position ${index + 1n} of the batch's intents, which it does not hold. Compute the matches again.`,
  WrongSide: ({ intentId, expected }) =>
    `Intent #${intentId} is not ${expected === 0 ? "an offer" : "a need"}: each match pairs an offer with a need. Compute the matches again.`,
  SelfTrade: ({ owner }, { name }) =>
    `Both the offer and the need belong to ${name(owner)}: no one trades with themself. Leave that pair out.`,
  CategoryMismatch: ({ offerId, needId }) =>
    `Offer #${offerId} and need #${needId} are not in the same category and unit, so they cannot be matched.`,
  DesignMismatch: ({ offerId, needId }) =>
    `Need #${needId} asks for a design or specification that offer #${offerId} is not of, so they cannot be matched.`,
  PriceOutsideTerms: ({ price, ask, max }, { amount }) =>
    ask > max
      ? `The offer asks ${amount(ask)} per unit, more than the need's highest, ${amount(max)}: the two cannot be matched.`
      : `A price of ${amount(price)} per unit lies outside the terms: it must be at least the offer's ${amount(ask)} and at most the need's ${amount(max)}.`,
  WindowsDisjoint: ({ offerId, needId }) =>
    `Offer #${offerId}'s window and need #${needId}'s do not overlap: the offer is not available when the need wants it.`,
  IntentExpired: ({ intentId, end }) =>
    `Intent #${intentId} closed on ${formatDate(end)}: it can no longer be matched. Its owner may update it with a later end.`,
  TooFar: ({ distance, maxDistance }) =>
    `The two places are ${km(distance)} apart, farther than the ${km(maxDistance)} one of the two owners accepts.`,
  QuantityExceedsRemaining: ({ intentId, quantity, remaining }) =>
    `A match asks ${formatInt(quantity)} of intent #${intentId}, of which only ${formatInt(remaining)} is still unmatched: it changed since the matches were computed. Compute them again.`,
  OrderTooLarge: ({ amount: total, max }, { amount }) =>
    `This order would be worth ${amount(total)}, more than the largest obligation the credit network records (${amount(max)}). Match a smaller quantity.`,
  UnknownOrder: ({ orderId }) => `Order #${orderId} does not exist.`,
  OrderRecordMismatch: ({ orderId }) =>
    `Order #${orderId} has moved on since this page read it (another step was taken). Reload and look at it again.`,
  WrongOrderState: ({ orderId, state }) =>
    `Order #${orderId} is ${stateText(state)}, where this step is not allowed. Reload to see what can be done next.`,
  NotAllowed: ({ orderId, account }, { name }) =>
    `${name(account)} may not take this step of order #${orderId}: it is its producer's, its buyer's or a steward's. Switch to the right account.`,
  AcceptWindowClosed: ({ orderId, deadline }) =>
    `Order #${orderId} could be accepted only until ${formatDate(deadline)}. Its buyer may now cancel it; post a new offer to be matched again.`,
  InvalidPromise: ({ promisedAt, dueBy }) =>
    promisedAt > dueBy
      ? `${formatDate(promisedAt)} is after the buyer's due date, ${formatDate(dueBy)}: promise a date by then.`
      : `${formatDate(promisedAt)} has already passed: promise a date between now and ${formatDate(dueBy)}.`,
  TooEarly: ({ orderId, allowedAt }) =>
    `This step of order #${orderId} is allowed only from ${formatDate(allowedAt)}. Come back then.`,
  ConfirmWindowClosed: ({ orderId, deadline }) =>
    `The time to confirm or dispute order #${orderId} ended on ${formatDate(deadline)}: its producer may now settle it as delivered.`,
  DeliveredQuantityTooLarge: ({ quantity, ordered }) =>
    `${formatInt(quantity)} delivered is more than the ${formatInt(ordered)} ordered: resolve with at most ${formatInt(ordered)} (0 cancels the order).`,
  ReentrancyGuardReentrantCall: () =>
    "The exchange refused a call made from inside another of its calls. Send it in a transaction of its own.",
};
