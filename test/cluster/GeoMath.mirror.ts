// GeoMath on chain (through contracts/mocks/GeoMathHarness.sol) against its TypeScript mirror, the SDK's
// distanceMetres: equal to the metre on the edges of the globe and on seeded random places, near and far.
import { expect } from "chai";
import { distanceMetres, validPlace } from "../../sdk/src/cluster/geo.ts";
import { CITY, ethers } from "./fixtures.ts";

type Pair = [number, number, number, number];
const LAT = 90_000_000;
const LON = 180_000_000;

/** A seeded generator of integers in [lo, hi] (mulberry32), so a failure names a pair that can be replayed. */
function integers(seed: number) {
  let a = seed >>> 0;
  return (lo: number, hi: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return lo + Math.floor(r * (hi - lo + 1));
  };
}

/** Poles, the equator, the antimeridian named both ways, half a turn and one microdegree either side of it, odd
 * latitude sums of both signs (the mean latitude rounds toward zero), and the same place. */
const EDGES: Pair[] = [
  [0, 0, 0, 0],
  [LAT, 0, -LAT, 0],
  [LAT, LON, LAT, -LON],
  [-LAT, 12_345_678, -LAT, -98_765_432],
  [0, LON, 0, -LON],
  [0, 0, 0, LON],
  [0, -LON, 0, 0],
  [0, 0, 0, LON - 1],
  [0, -1, 0, LON],
  [10, LON - 50_000, -11, -LON + 50_000],
  [44_493_700, 179_999_999, 44_493_700, -179_999_999],
  [-33_868_820, 151_209_290, 40_712_776, -74_005_974],
  [1, 0, 0, 1],
  [-1, 0, 0, 1],
  [-3, 5, -4, -5],
  [LAT, LON, -LAT, -LON],
  [LAT - 1, 0, LAT, LON],
  [-LAT, -LON, -LAT + 1, LON],
  [CITY.lat, CITY.lon, CITY.lat, CITY.lon],
  [CITY.lat, CITY.lon, CITY.lat + 1, CITY.lon],
  [CITY.lat, CITY.lon, CITY.lat, CITY.lon + 1],
  [CITY.lat, CITY.lon, -CITY.lat, CITY.lon - LON], // the antipode
];

function randomPairs(count: number): Pair[] {
  const next = integers(20_260_119);
  const pairs: Pair[] = [];
  for (let i = 0; i < count; i++) {
    const lat1 = next(-LAT, LAT);
    const lon1 = next(-LON, LON);
    const kind = i % 3;
    if (kind === 0)
      pairs.push([lat1, lon1, next(-LAT, LAT), next(-LON, LON)]); // anywhere on the globe
    else {
      // within a cluster: up to 0.5° (kind 1) or 0.005° (kind 2) away, clamped to the globe
      const r = kind === 1 ? 500_000 : 5_000;
      const lat2 = Math.max(-LAT, Math.min(LAT, lat1 + next(-r, r)));
      const lon2 = Math.max(-LON, Math.min(LON, lon1 + next(-r, r)));
      pairs.push([lat1, lon1, lat2, lon2]);
    }
  }
  return pairs;
}

describe("GeoMath · the SDK's distanceMetres is its exact mirror", () => {
  it("on the globe's edges and 600 seeded random pairs, near and far, to the metre", async () => {
    const harness = await ethers.deployContract("GeoMathHarness");
    const pairs = [...EDGES, ...randomPairs(600)];
    expect(pairs.length).to.be.greaterThanOrEqual(500);
    const onChain = await Promise.all(pairs.map((p) => harness.distance(...p)));
    pairs.forEach((p, i) => {
      expect(validPlace(p[0], p[1]) && validPlace(p[2], p[3]), `pair ${i} is on the globe`).to.equal(true);
      expect(onChain[i], `pair ${i}: ${p.join(", ")}`).to.equal(BigInt(distanceMetres(...p)));
    });
    // not vacuous: the pairs span the metre to half the globe
    const metres = onChain.map(Number);
    expect(Math.min(...metres.filter((m) => m > 0))).to.be.lessThan(10);
    expect(Math.max(...metres)).to.be.greaterThan(20_000_000);
  });

  it("validPlace agrees on the globe's bounds", async () => {
    const harness = await ethers.deployContract("GeoMathHarness");
    for (const [lat, lon] of [
      [LAT, LON],
      [-LAT, -LON],
      [LAT + 1, 0],
      [-LAT - 1, 0],
      [0, LON + 1],
      [0, -LON - 1],
    ]) {
      expect(await harness.validPlace(lat, lon), `${lat}, ${lon}`).to.equal(validPlace(lat, lon));
    }
  });
});
