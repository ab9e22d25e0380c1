// The cluster's shapes between the screens, the contract and the matcher: units as bytes8 both ways, degrees typed by
// a person, the "near me" box (never narrower than the contract's distance), the contract's structs, and a batch of
// matches cut into submitMatches calls (each intent once, increasing ids, indexes pointing at the right intents).
import { distanceMetres, type Match } from "@cosmolocal/sdk";
import { zeroHash, type Address } from "viem";
import { describe, expect, it } from "vitest";
import type { ClusterIntent, IntentTerms } from "./data/types";
import {
  boxAround,
  formatDegrees,
  formatDistance,
  matchBatches,
  matcherIntent,
  orderArg,
  parseDegrees,
  stateValue,
  termsArg,
  unitBytes,
  unitText,
} from "./terms";

const owner = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;

function intent(id: bigint, side: "offer" | "need", over: Partial<IntentTerms> = {}): ClusterIntent {
  const terms: IntentTerms = {
    owner: owner(Number(id)),
    side,
    category: 4200,
    unit: unitBytes("kg")!,
    designId: 0n,
    spec: zeroHash,
    quantity: 30n,
    price: 10n,
    start: 1_000,
    end: 2_000,
    lat: 44_494_900,
    lon: 11_342_600,
    maxDistance: 20_000,
    ...over,
  };
  return {
    id,
    terms,
    unitText: "kg",
    matched: 5n,
    remaining: terms.quantity - 5n,
    active: true,
    version: 1,
    orderCount: 1,
    postedAt: 1_000,
    updatedAt: 1_000,
    blockNumber: 1n,
    txHash: zeroHash,
  };
}

describe("units", () => {
  it("packs 1 to 8 printable ASCII characters into bytes8 and back", () => {
    expect(unitBytes("kg")).toBe("0x6b67000000000000");
    expect(unitBytes("12345678")).toBe("0x3132333435363738");
    expect(unitText("0x6b67000000000000")).toBe("kg");
    for (const bad of ["", "123456789", "k g", "kg\n", "€"]) expect(unitBytes(bad), bad).toBeUndefined();
  });
});

describe("places", () => {
  it("parses degrees with up to 6 decimals into microdegrees, within the globe", () => {
    expect(parseDegrees("44.4949", 90)).toEqual({ value: 44_494_900 });
    expect(parseDegrees("-0.000001", 180)).toEqual({ value: -1 });
    expect(parseDegrees("180", 180)).toEqual({ value: 180_000_000 });
    expect(parseDegrees("90.000001", 90)).toHaveProperty("error");
    expect(parseDegrees("44.1234567", 90)).toHaveProperty("error");
    expect(parseDegrees("north", 90)).toHaveProperty("error");
    expect(formatDegrees(-4_835_700)).toBe("−4.8357°");
    expect(formatDegrees(45_000_000)).toBe("45°");
  });

  it("words distances in metres below a kilometre, then kilometres", () => {
    expect(formatDistance(395)).toBe("395 m");
    expect(formatDistance(6_334)).toBe("6.3 km");
    expect(formatDistance(1_204_000)).toBe("1,204 km");
  });

  it("bounds every place within the radius by the contract's distance (the box is never too narrow)", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let k = 0; k < 2_000; k++) {
      const lat = Math.round(rand() * 70e6);
      const lon = Math.round(rand() * 170e6);
      const metres = Math.round(Math.abs(rand()) * 200_000) + 1;
      const box = boxAround(lat, lon, metres);
      // A place just outside the box in each direction is farther than the radius.
      const outside = [
        [box.latMax + 1, lon],
        [box.latMin - 1, lon],
        ...(box.lonMin > -180e6 ? [[lat, box.lonMin - 1]] : []),
        ...(box.lonMax < 180e6 ? [[lat, box.lonMax + 1]] : []),
      ].filter(([a]) => Math.abs(a) <= 90e6);
      for (const [a, b] of outside)
        expect(distanceMetres(lat, lon, a, b), `${lat},${lon} r=${metres}`).toBeGreaterThan(metres);
    }
  });
});

describe("the contract's structs", () => {
  it("gives the side and the state as their enum values", () => {
    expect(termsArg(intent(1n, "need").terms).side).toBe(1);
    expect(termsArg(intent(1n, "offer").terms).side).toBe(0);
    expect(stateValue("Matched")).toBe(1);
    expect(stateValue("Disputed")).toBe(7);
    const r = {
      offerId: 1n,
      needId: 2n,
      producer: owner(1),
      buyer: owner(2),
      designId: 0n,
      quantity: 3n,
      price: 4n,
      matchedAt: 5,
      dueBy: 6,
      promisedAt: 0,
      shippedAt: 0,
      state: "Shipped" as const,
    };
    expect(orderArg(r).state).toBe(4);
  });

  it("gives the matcher what remains of an intent", () => {
    const i = matcherIntent(intent(3n, "offer"));
    expect(i.remaining).toBe(25n);
    expect(i.unit).toBe("kg");
  });
});

describe("batches of matches", () => {
  const intents = new Map([1n, 2n, 3n, 7n, 9n].map((id) => [id, intent(id, id < 5n ? "offer" : "need")]));
  const m = (offerId: bigint, needId: bigint, quantity: bigint): Match => ({ offerId, needId, quantity, price: 10n });

  it("names each intent once in increasing id order, and points each match at its two intents", () => {
    const matches = [m(3n, 9n, 1n), m(1n, 7n, 2n), m(3n, 7n, 3n), m(2n, 9n, 4n)];
    const [batch, ...rest] = matchBatches(matches, intents, 20);
    expect(rest).toEqual([]);
    expect(batch.intents.map((i) => i.id)).toEqual([1n, 2n, 3n, 7n, 9n]);
    for (const [k, x] of batch.matches.entries()) {
      expect(batch.intents[x.offer].id).toBe(matches[k].offerId);
      expect(batch.intents[x.need].id).toBe(matches[k].needId);
      expect(x.quantity).toBe(matches[k].quantity);
    }
    expect(batch.intents[0].terms).toEqual(termsArg(intents.get(1n)!.terms));
  });

  it("cuts a long result into calls of at most perTx matches, each complete", () => {
    const matches = [m(1n, 7n, 1n), m(2n, 7n, 1n), m(3n, 9n, 1n)];
    const batches = matchBatches(matches, intents, 2);
    expect(batches.map((b) => b.matches.length)).toEqual([2, 1]);
    expect(batches[1].intents.map((i) => i.id)).toEqual([3n, 9n]);
    expect(batches.flatMap((b) => b.source)).toEqual(matches);
  });

  it("refuses a match naming an intent it was not given", () => {
    expect(() => matchBatches([m(4n, 7n, 1n)], intents)).toThrow(/Intent 4/);
  });
});
