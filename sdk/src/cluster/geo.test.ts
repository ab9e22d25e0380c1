// The contract's distance (geo.ts, a mirror of GeoMath.sol) against the great-circle distance: the error bound stated
// in docs/cluster.md on 100,000 seeded pairs within 500 km at |lat| <= 70°, symmetry, zero, the antimeridian, the
// poles, known city distances, and isqrt.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mulberry32 } from "../clearing/random.ts";
import { distanceMetres, haversineMetres, isqrt, validPlace } from "./geo.ts";

/** `count` seeded pairs of places at most 500 km apart (great circle), both within ±maxLat, any longitude. */
function pairs(seed: number, count: number, maxLat: number): [number, number, number, number][] {
  const rand = mulberry32(seed);
  const u = () => rand() / 4294967296;
  const out: [number, number, number, number][] = [];
  while (out.length < count) {
    const lat1 = Math.round((u() * 2 - 1) * maxLat * 1e6);
    const lon1 = Math.round((u() * 2 - 1) * 180e6);
    // a point at a random bearing and distance (a local approximation; kept only if truly within 500 km)
    const km = u() * 500;
    const bearing = u() * 2 * Math.PI;
    const lat2 = Math.round(lat1 + ((km * Math.cos(bearing)) / 111.195) * 1e6);
    let lon2 = Math.round(lon1 + ((km * Math.sin(bearing)) / 111.195 / Math.cos((lat1 / 1e6) * (Math.PI / 180))) * 1e6);
    if (Math.abs(lat2) > maxLat * 1e6) continue;
    while (lon2 > 180e6) lon2 -= 360e6;
    while (lon2 < -180e6) lon2 += 360e6;
    if (haversineMetres(lat1, lon1, lat2, lon2) > 500_000) continue;
    out.push([lat1, lon1, lat2, lon2]);
  }
  return out;
}

describe("cluster distance (GeoMath mirror)", () => {
  it("is within 0.53 % + 1.1 m of the great-circle distance on 100,000 pairs within 500 km, |lat| <= 70°", () => {
    let maxRelative = 0;
    let maxOver = 0; // metres beyond 0.53 % of the true distance
    let antimeridian = 0;
    for (const [lat1, lon1, lat2, lon2] of pairs(1, 100_000, 70)) {
      const d = distanceMetres(lat1, lon1, lat2, lon2);
      const h = haversineMetres(lat1, lon1, lat2, lon2);
      const error = Math.abs(d - h);
      assert.ok(error <= 0.01 * h + 2, `target 1 % + 2 m: ${[lat1, lon1, lat2, lon2]}: ${d} vs ${h}`);
      if (h >= 1000) maxRelative = Math.max(maxRelative, error / h);
      maxOver = Math.max(maxOver, error - 0.0053 * h);
      if (Math.abs(lon2 - lon1) > 180e6) antimeridian++;
    }
    // The measured bound (docs/cluster.md, "Distance"): 0.53 % at most beyond 1 km, and 1.1 m of rounding.
    assert.ok(maxRelative < 0.0053, `max relative error ${maxRelative}`);
    assert.ok(maxOver <= 1.1, `max error beyond 0.53 %: ${maxOver} m`);
    assert.ok(maxRelative > 0.005, "the sample reaches the corners where the model is least accurate");
    assert.ok(antimeridian > 50, `only ${antimeridian} pairs across the antimeridian`);
  });

  it("is least accurate east-west at 70°: 0.5296 % over 500 km (the worst case the bound covers)", () => {
    const d = distanceMetres(70e6, 0, 70e6, 13_170_000);
    const h = haversineMetres(70e6, 0, 70e6, 13_170_000);
    assert.equal(d, 502_541);
    assert.ok(h < 500_000 && (d - h) / h > 0.00529 && (d - h) / h < 0.0053);
  });

  it("is symmetric, zero for the same place, and never negative", () => {
    for (const [lat1, lon1, lat2, lon2] of pairs(2, 20_000, 89)) {
      const d = distanceMetres(lat1, lon1, lat2, lon2);
      assert.equal(distanceMetres(lat2, lon2, lat1, lon1), d);
      assert.ok(d >= 0);
      assert.equal(distanceMetres(lat1, lon1, lat1, lon1), 0);
    }
    assert.equal(distanceMetres(0, -180e6, 0, 180e6), 0); // the same meridian spelled both ways
  });

  it("goes the short way across the antimeridian", () => {
    assert.equal(distanceMetres(0, 179_900_000, 0, -179_900_000), 22_239); // 0.2° of the equator
    assert.equal(distanceMetres(0, 179_900_000, 0, -179_900_000), distanceMetres(0, -100_000, 0, 100_000));
    const [d, h] = [distanceMetres(10e6, 179.5e6, 10.2e6, -179.7e6), haversineMetres(10e6, 179.5e6, 10.2e6, -179.7e6)];
    assert.equal(d, 90_339);
    assert.ok(Math.abs(d - h) < 0.001 * h);
  });

  it("at the poles: longitude does not matter for a pole itself, and the model overestimates near one", () => {
    assert.equal(distanceMetres(90e6, 0, 90e6, 180e6), 0);
    assert.equal(distanceMetres(-90e6, 10e6, -90e6, -170e6), 0);
    assert.equal(distanceMetres(90e6, 0, -90e6, 0), 20_015_100); // 180° × 111,195 m
    assert.equal(distanceMetres(90e6, 0, 89e6, 0), 111_195);
    // 1° from the pole on another meridian: the mean latitude's cosine no longer describes the pair (true 111.2 km)
    assert.equal(distanceMetres(90e6, 0, 89e6, 123e6), 164_704);
  });

  it("knows city distances (great circle on the mean sphere)", () => {
    const cities: [string, number[], number][] = [
      ["Paris – Brussels", [48_856_600, 2_352_200, 50_850_300, 4_351_700], 264_000],
      ["London – Paris", [51_507_400, -127_800, 48_856_600, 2_352_200], 343_500],
      ["Lyon – Grenoble", [45_764_000, 4_835_700, 45_188_500, 5_724_500], 94_300],
    ];
    for (const [name, [a, b, c, d], km] of cities) {
      const m = distanceMetres(a, b, c, d);
      assert.ok(Math.abs(m - km) <= 0.005 * km, `${name}: ${m} m`);
      assert.ok(Math.abs(m - haversineMetres(a, b, c, d)) <= 0.005 * km, `${name} vs haversine`);
    }
    assert.equal(distanceMetres(48_856_600, 2_352_200, 50_850_300, 4_351_700), 263_881);
  });

  it("isqrt rounds down exactly, and validPlace bounds the globe", () => {
    for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 30n, 10n ** 30n - 1n, (2n ** 60n + 3n) ** 2n - 1n]) {
      const r = isqrt(n);
      assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `isqrt(${n}) = ${r}`);
    }
    assert.throws(() => isqrt(-1n), RangeError);
    assert.equal(validPlace(90e6, -180e6), true);
    assert.equal(validPlace(90_000_001, 0), false);
    assert.equal(validPlace(0, 180_000_001), false);
    assert.equal(validPlace(0.5, 0), false);
  });
});
