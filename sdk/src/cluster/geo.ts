// The cluster exchange's distance between two places, in whole metres, computed exactly as the contract's GeoMath
// library does (integers only, every division rounded down), so a match the matcher finds is one the contract accepts.
// Places are fixed-point latitude and longitude in microdegrees (1e-6 degree, int32). The model: an equirectangular
// projection at the pair's mean latitude, its cosine by Bhaskara I's rational approximation, on a sphere of the Earth's
// mean radius (111,195 m per degree of arc). Its error against the great-circle (haversine) distance is bounded in
// docs and tested in sdk/src/cluster/geo.test.ts.

/** Microdegrees per degree. */
export const MICRO = 1_000_000n;
/** Metres per degree of arc on a sphere of the Earth's mean radius (6,371,008.8 m): 2πR / 360, rounded down. */
export const METRES_PER_DEGREE = 111_195n;
/** 180° squared, in microdegrees squared: Bhaskara's cos θ ≈ (180² − 4θ²) / (180² + θ²) for |θ| ≤ 90°. */
const HALF_TURN_SQ = 180n * 180n * MICRO * MICRO;
const FULL_TURN = 360n * MICRO;
const HALF_TURN = 180n * MICRO;

export const MAX_LAT = 90_000_000;
export const MAX_LON = 180_000_000;

const abs = (x: bigint) => (x < 0n ? -x : x);

/** Integer square root, rounded down (as OpenZeppelin's Math.sqrt). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Number's square root can be off by one either way for large n: correct it.
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** Whether a place is on the globe: latitude within ±90°, longitude within ±180° (microdegrees, integers). */
export function validPlace(lat: number, lon: number): boolean {
  return Number.isInteger(lat) && Number.isInteger(lon) && Math.abs(lat) <= MAX_LAT && Math.abs(lon) <= MAX_LON;
}

/**
 * The distance in whole metres between (lat1, lon1) and (lat2, lon2), microdegrees, as GeoMath.distance computes it:
 * dLat = |lat2 − lat1|; dLon = |lon2 − lon1|, the short way round (at most 180°); m = |lat1 + lat2| / 2;
 * x = dLon × (180² − 4m²) / (180² + m²) (in microdegrees); d = ⌊√(x² + dLat²)⌋; metres = ⌊d × 111,195 / 10⁶⌋.
 */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = abs(BigInt(lat2) - BigInt(lat1));
  let dLon = abs(BigInt(lon2) - BigInt(lon1));
  if (dLon > HALF_TURN) dLon = FULL_TURN - dLon;
  const m = abs(BigInt(lat1) + BigInt(lat2)) / 2n;
  const x = (dLon * (HALF_TURN_SQ - 4n * m * m)) / (HALF_TURN_SQ + m * m);
  const d = isqrt(x * x + dLat * dLat);
  return Number((d * METRES_PER_DEGREE) / MICRO);
}

/** The great-circle distance in metres on the same sphere (haversine), the reference the error bound is stated against. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = (Number(METRES_PER_DEGREE) * 360) / (2 * Math.PI);
  const rad = (micro: number) => ((micro / 1e6) * Math.PI) / 180;
  const [p1, p2] = [rad(lat1), rad(lat2)];
  const dp = p2 - p1;
  const dl = rad(lon2) - rad(lon1);
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
