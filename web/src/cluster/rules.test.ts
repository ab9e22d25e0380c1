// Who may take which step of an order, and when, against the contract's rules (IClusterExchange): the producer's
// acceptance window, the buyer's cancellation after the producer's windows, the confirmation window, a steward's
// resolution — each boundary second on the side the contract puts it.
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { OrderRecord, OrderState } from "./data/types";
import { ACCEPT_WINDOW, CONFIRM_WINDOW, dueDateOf, LATE_GRACE, orderActions } from "./rules";

const PRODUCER = "0x00000000000000000000000000000000000000aa" as Address;
const BUYER = "0x00000000000000000000000000000000000000bb" as Address;
const OTHER = "0x00000000000000000000000000000000000000cc" as Address;
const T = 1_000_000;

const record = (state: OrderState, over: Partial<OrderRecord> = {}): OrderRecord => ({
  offerId: 1n,
  needId: 2n,
  producer: PRODUCER,
  buyer: BUYER,
  designId: 0n,
  quantity: 10n,
  price: 5n,
  matchedAt: T,
  dueBy: T + 30 * 86_400,
  promisedAt: 0,
  shippedAt: 0,
  state,
  ...over,
});
const names = (r: OrderRecord, me: Address, now: number, steward = false) =>
  orderActions(r, me, steward, now).map((a) => (a.opensAt ? `${a.action}@${a.opensAt}` : a.action));

describe("order steps by state, party and time", () => {
  it("matched: the producer accepts until the window's last second or declines; the buyer cancels after it", () => {
    const r = record("Matched");
    expect(names(r, PRODUCER, T + ACCEPT_WINDOW)).toEqual(["accept", "decline"]);
    expect(names(r, PRODUCER, T + ACCEPT_WINDOW + 1)).toEqual(["decline"]);
    expect(names(r, BUYER, T + ACCEPT_WINDOW)).toEqual([`cancel@${T + ACCEPT_WINDOW + 1}`]);
    expect(names(r, BUYER, T + ACCEPT_WINDOW + 1)).toEqual(["cancel"]);
    expect(names(r, OTHER, T)).toEqual([]);
  });

  it("accepted or in production: the producer goes on or cancels; the buyer cancels after the late grace", () => {
    const promisedAt = T + 10 * 86_400;
    expect(names(record("Accepted", { promisedAt }), PRODUCER, T)).toEqual(["start", "ship", "cancel"]);
    expect(names(record("InProduction", { promisedAt }), PRODUCER, T)).toEqual(["ship", "cancel"]);
    const opens = promisedAt + LATE_GRACE + 1;
    expect(names(record("InProduction", { promisedAt }), BUYER, opens - 1)).toEqual([`cancel@${opens}`]);
    expect(names(record("Accepted", { promisedAt }), BUYER, opens)).toEqual(["cancel"]);
  });

  it("shipped: the buyer confirms (any time) or disputes within the window; the producer settles after it", () => {
    const shippedAt = T + 5 * 86_400;
    const r = record("Shipped", { promisedAt: T + 86_400, shippedAt });
    const end = shippedAt + CONFIRM_WINDOW;
    expect(names(r, BUYER, end)).toEqual(["confirm", "dispute"]);
    expect(names(r, BUYER, end + 1)).toEqual(["confirm"]);
    expect(names(r, PRODUCER, end)).toEqual([`settle@${end + 1}`]);
    expect(names(r, PRODUCER, end + 1)).toEqual(["settle"]);
  });

  it("disputed: only a steward resolves; delivered and cancelled orders are final", () => {
    expect(names(record("Disputed"), OTHER, T, true)).toEqual(["resolve"]);
    expect(names(record("Disputed"), BUYER, T)).toEqual([]);
    for (const s of ["Delivered", "Cancelled"] as const)
      for (const who of [PRODUCER, BUYER]) expect(names(record(s), who, T, true)).toEqual([]);
  });

  it("is due by the promised date once accepted, else by the need's due date", () => {
    expect(dueDateOf(record("Matched"))).toBe(T + 30 * 86_400);
    expect(dueDateOf(record("Accepted", { promisedAt: T + 9 }))).toBe(T + 9);
  });
});
