// A seeded generator of realistic cluster-exchange instances (the bench, tests and demos): makers and buyers in clumps
// (towns) of one region, a skewed category mix, designs and specs on some intents, varied radii, windows and prices.
import { mulberry32 } from "../clearing/random.ts";
import type { Intent } from "./types.ts";

/** Parameters of {@link randomClusterInstance}. */
export interface RandomClusterOptions {
  seed: number;
  offers: number;
  needs: number;
  /** Category codes 1..categories, drawn with weights 1/k (Zipf). Default 40. */
  categories?: number;
  /** Side of the square region, km. Default 100. */
  regionKm?: number;
  /** Towns the intents cluster around (80 %; the rest spread uniformly). Default 12. */
  clumps?: number;
  /** Centre of the region, microdegrees. Default Lyon (45.76°N, 4.84°E). */
  lat?: number;
  lon?: number;
  /** Credit decimals; prices are whole cents of the credit unit. Default 6. */
  decimals?: number;
  /** Maximum distance owners accept, km: drawn from [minKm, maxKm]. Default 5..50. */
  minKm?: number;
  maxKm?: number;
  /** Quantities 1..maxQuantity (small ones more likely). Default 200. */
  maxQuantity?: number;
  /** Distinct owners (offers and needs draw from the same members). Default offers + needs / 2. */
  members?: number;
}

const DAY = 86_400;
/** 2026-01-01T00:00:00Z: the instances' time origin. */
export const RANDOM_EPOCH = 1_767_225_600;

/**
 * A reproducible instance: ids 1..offers for the offers and offers+1.. for the needs. Each category has a unit and a
 * reference price; offers ask 80-120 % of it and needs accept up to 90-140 %. Windows fall in the first 60 days after
 * {@link RANDOM_EPOCH}.
 */
export function randomClusterInstance(options: RandomClusterOptions): Intent[] {
  const { seed, offers, needs, categories = 40, regionKm = 100, clumps = 12, decimals = 6 } = options;
  const { lat: centreLat = 45_760_000, lon: centreLon = 4_840_000, minKm = 5, maxKm = 50, maxQuantity = 200 } = options;
  const members = options.members ?? Math.max(2, Math.ceil((offers + needs) / 2));
  const rand = mulberry32(seed);
  const unit = () => rand() / 4294967296;
  const below = (k: number) => Math.floor(unit() * k);
  const cent = 10n ** BigInt(Math.max(0, decimals - 2));

  const weights = Array.from({ length: categories }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const category = () => {
    let x = unit() * total;
    for (let k = 0; k < categories; k++) if ((x -= weights[k]) < 0) return k + 1;
    return categories;
  };
  const units = ["pcs", "kg", "m", "l", "m2", "h"];
  const catUnit = Array.from({ length: categories + 1 }, () => units[below(units.length)]);
  const catPrice = Array.from({ length: categories + 1 }, () => 100 + below(50_000)); // 1.00 to 500.99, in cents

  const degLat = 1e6 / 111.195; // microdegrees per km north
  const degLon = degLat / Math.cos((centreLat / 1e6) * (Math.PI / 180));
  const half = regionKm / 2;
  const towns = Array.from({ length: clumps }, () => ({
    x: (unit() * 2 - 1) * half * 0.8,
    y: (unit() * 2 - 1) * half * 0.8,
    spread: 2 + unit() * 6,
  }));
  const place = (): [number, number] => {
    let x: number;
    let y: number;
    if (clumps > 0 && unit() < 0.8) {
      const t = towns[below(clumps)];
      // a normal draw (Box-Muller) around the town
      const r = t.spread * Math.sqrt(-2 * Math.log(1 - unit()));
      const a = 2 * Math.PI * unit();
      x = Math.max(-half, Math.min(half, t.x + r * Math.cos(a)));
      y = Math.max(-half, Math.min(half, t.y + r * Math.sin(a)));
    } else {
      x = (unit() * 2 - 1) * half;
      y = (unit() * 2 - 1) * half;
    }
    return [Math.round(centreLat + y * degLat), Math.round(centreLon + x * degLon)];
  };
  const owner = () => `0x${(1 + below(members)).toString(16).padStart(40, "0")}`;
  const quantity = () => BigInt(1 + Math.floor(maxQuantity * unit() ** 2));
  const spec = (k: number) => `0x${k.toString(16).padStart(64, "0")}`;
  const ZERO = spec(0);

  const intents: Intent[] = [];
  for (let i = 0; i < offers + needs; i++) {
    const side = i < offers ? "offer" : "need";
    const c = category();
    const [lat, lon] = place();
    const ref = catPrice[c];
    const pct = side === "offer" ? 80 + below(41) : 90 + below(51);
    const start = RANDOM_EPOCH + below(30) * DAY;
    const end = start + (side === "offer" ? 7 + below(54) : 3 + below(28)) * DAY;
    // Some needs ask for one of the category's 3 designs or 2 specs; some offers are of one.
    const design = unit() < (side === "offer" ? 0.3 : 0.1) ? BigInt(c * 10 + below(3)) : 0n;
    const specHash = unit() < (side === "offer" ? 0.2 : 0.05) ? spec(c * 10 + below(2)) : ZERO;
    intents.push({
      id: BigInt(i + 1),
      owner: owner(),
      side,
      category: c,
      unit: catUnit[c],
      designId: design,
      spec: specHash,
      remaining: quantity(),
      price: BigInt(Math.floor((ref * pct) / 100)) * cent,
      start,
      end,
      lat,
      lon,
      maxDistance: Math.round((minKm + unit() * (maxKm - minKm)) * 1000),
    });
  }
  return intents;
}
