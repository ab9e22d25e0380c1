// The cluster exchange's shapes between the screens, the contract and the SDK's matcher: units as bytes8, places in
// microdegrees typed as degrees, intents' terms and orders' records as the contract's structs, intents as the matcher
// reads them, and a batch of the matcher's matches cut into submitMatches calls (each intent named once, with its
// terms, in increasing id order, and each match pointing at its two intents' positions).
import { distanceMetres, type Intent, type Match } from "@cosmolocal/sdk";
import { hexToBytes, stringToHex, type Hex } from "viem";
import { ORDER_STATES, type ClusterIntent, type IntentTerms, type OrderRecord, type OrderState } from "./data/types";

/** Matches per submitMatches transaction (about 1.4 M gas at the bench's costliest shape). */
export const MATCHES_PER_TX = 20;

const UNIT = /^[\x21-\x7e]{1,8}$/;

/** A unit typed by a person ("pcs", "kg") as the contract's bytes8, or undefined unless 1 to 8 ASCII characters. */
export function unitBytes(text: string): Hex | undefined {
  return UNIT.test(text) ? stringToHex(text, { size: 8 }) : undefined;
}

/** A bytes8 unit as text (its trailing zero bytes trimmed; other bytes as they are). */
export function unitText(unit: Hex): string {
  const bytes = hexToBytes(unit);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return String.fromCharCode(...bytes.subarray(0, end));
}

/** Microdegrees per degree. */
export const MICRO = 1_000_000;

/**
 * Degrees typed by a person (at most 6 decimals, "45.7640" or "-4.8357") as microdegrees within ±`max` degrees, or a
 * plain-language problem.
 */
export function parseDegrees(text: string, max: 90 | 180): { value: number } | { error: string } {
  const t = text.trim();
  const what = max === 90 ? "latitude" : "longitude";
  if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(t))
    return {
      error: `Enter the ${what} in degrees with at most 6 decimals, like ${max === 90 ? "44.4949" : "11.3426"}.`,
    };
  const [whole, frac = ""] = t.replace("-", "").split(".");
  const micro = Number(whole) * MICRO + Number(frac.padEnd(6, "0"));
  if (micro > max * MICRO) return { error: `A ${what} lies between −${max}° and ${max}°.` };
  return { value: t.startsWith("-") ? -micro : micro };
}

/** Microdegrees as degrees for a person ("44.4949°"), trailing zeros trimmed. */
export function formatDegrees(micro: number): string {
  const sign = micro < 0 ? "−" : "";
  const abs = Math.abs(micro);
  const frac = String(abs % MICRO)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${Math.floor(abs / MICRO)}${frac ? `.${frac}` : ""}°`;
}

/** A place as "lat, lon" for a person. */
export const formatPlace = (lat: number, lon: number) => `${formatDegrees(lat)}, ${formatDegrees(lon)}`;

/** Metres as a person reads them: "850 m", "12.4 km", "1,204 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${metres} m`;
  const km = metres / 1000;
  return `${km < 100 ? km.toFixed(1) : Math.round(km).toLocaleString("en-US")} km`;
}

/** The contract's distance (GeoMath) between two places, metres. */
export const distanceBetween = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  distanceMetres(a.lat, a.lon, b.lat, b.lon);

/**
 * The box of places within `metres` of (lat, lon), microdegrees (a reader's `box` bound; the exact distance is the
 * contract's). Latitude reach over-estimates the contract's distance; longitude widens by the cosine at the box's
 * edge nearest the pole; a box that would pass a pole or wrap round the antimeridian spans every longitude.
 */
export function boxAround(lat: number, lon: number, metres: number) {
  const reach = Math.ceil(((metres + 1) * MICRO) / 111_195) + 2;
  const latMin = Math.max(-90 * MICRO, lat - reach);
  const latMax = Math.min(90 * MICRO, lat + reach);
  const edge = Math.max(Math.abs(latMin), Math.abs(latMax)) / MICRO;
  // Bhaskara's cosine, as GeoMath: the longitude difference shrinks by it at the mean latitude.
  const cos = (180 ** 2 - 4 * edge ** 2) / (180 ** 2 + edge ** 2);
  const lonReach = cos > 0.01 ? Math.ceil(reach / cos) + 2 : Infinity;
  if (lon - lonReach < -180 * MICRO || lon + lonReach > 180 * MICRO || !Number.isFinite(lonReach))
    return { latMin, latMax, lonMin: -180 * MICRO, lonMax: 180 * MICRO };
  return { latMin, latMax, lonMin: lon - lonReach, lonMax: lon + lonReach };
}

/** The contract's IntentTerms struct of `t` (the side as its enum value). */
export const termsArg = (t: IntentTerms) => ({
  owner: t.owner,
  side: t.side === "offer" ? 0 : 1,
  category: t.category,
  unit: t.unit,
  designId: t.designId,
  spec: t.spec,
  quantity: t.quantity,
  price: t.price,
  start: t.start,
  end: t.end,
  lat: t.lat,
  lon: t.lon,
  maxDistance: t.maxDistance,
});

/** The enum value of an order state (IClusterExchange.OrderState: None is 0). */
export const stateValue = (s: OrderState) => ORDER_STATES.indexOf(s) + 1;

/** The contract's Order struct of `r` (the state as its enum value). */
export const orderArg = (r: OrderRecord) => ({ ...r, state: stateValue(r.state) });

/** An open intent as the matcher reads it: what remains of it. */
export function matcherIntent(i: ClusterIntent): Intent {
  const t = i.terms;
  return {
    id: i.id,
    owner: t.owner,
    side: t.side,
    category: t.category,
    unit: unitText(t.unit),
    designId: t.designId,
    spec: t.spec,
    remaining: i.remaining,
    price: t.price,
    start: t.start,
    end: t.end,
    lat: t.lat,
    lon: t.lon,
    maxDistance: t.maxDistance,
  };
}

/** One submitMatches call: the intents it names (their ids and current terms, increasing ids) and its matches. */
export interface MatchBatch {
  intents: { id: bigint; terms: ReturnType<typeof termsArg> }[];
  matches: { offer: number; need: number; quantity: bigint; price: bigint }[];
  /** The matcher's matches it carries, in the same order. */
  source: Match[];
}

/**
 * The matcher's `matches` as submitMatches calls of at most `perTx` matches each, their intents' terms taken from
 * `intents` (by id). Throws when a match names an intent not given.
 */
export function matchBatches(
  matches: readonly Match[],
  intents: ReadonlyMap<bigint, ClusterIntent>,
  perTx = MATCHES_PER_TX,
): MatchBatch[] {
  const batches: MatchBatch[] = [];
  for (let from = 0; from < matches.length; from += perTx) {
    const source = matches.slice(from, from + perTx);
    const ids = [...new Set(source.flatMap((m) => [m.offerId, m.needId]))].sort((a, b) => (a < b ? -1 : 1));
    const index = new Map(ids.map((id, k) => [id, k]));
    batches.push({
      intents: ids.map((id) => {
        const intent = intents.get(id);
        if (!intent) throw new Error(`Intent ${id} is not among the intents read.`);
        return { id, terms: termsArg(intent.terms) };
      }),
      matches: source.map((m) => ({
        offer: index.get(m.offerId)!,
        need: index.get(m.needId)!,
        quantity: m.quantity,
        price: m.price,
      })),
      source,
    });
  }
  return batches;
}
