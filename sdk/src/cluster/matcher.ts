/**
 * The cluster exchange's off-chain matcher: from open offers and needs, the batch of matches that trades the most
 * units and, among those batches, costs the least in price plus transport; and the greedy nearest-first baseline.
 * docs/cluster.md ("Matching") has the model, the algorithm and how its optimality is tested.
 *
 * Model: min-cost maximum flow on the bipartite graph source → offer (capacity: remaining) → need (an arc per
 * compatible pair, see pairRule; capacity min of both remainings) → sink (capacity: remaining). Cost of a unit on arc
 * (o, n), scaled by 1000 so it is an exact integer: price(o) × 1000 + distanceMetres(o, n) × costPerUnitKm (= 1000 ×
 * (price + km × costPerUnitKm)). Every maximum flow moves the same quantity F, so within a connected group the cost
 * can be shifted by the group's lowest ask (a constant F × 1000 × minAsk) and divided by the gcd of the arc costs
 * without changing which flow is optimal.
 *
 * Algorithm: candidate pairs come without an all-pairs scan (intents grouped by category and unit, then a grid of
 * lat/lon cells per group; each need visits only the cells within its reach, a conservative bound of the contract's
 * distance, before the exact rules). Each connected group is solved on its own: a maximum flow (the clearing
 * solver's min-cost flow with zero costs, i.e. Dinic), then cost scaling (scaling.ts) from it, which keeps its
 * quantity; where cost scaling's exact doubles do not suffice, the clearing solver's successive shortest paths in
 * `partial` mode (stops when no open offer reaches an open need: a maximum flow of least cost), bigint quantities.
 */
import { minCostFlow } from "../clearing/mcf.ts";
import { CREDIT_MAX_OBLIGATION } from "../constants.ts";
import { METRES_PER_DEGREE, MICRO } from "./geo.ts";
import { costScaling, scalingFits } from "./scaling.ts";
import type { Intent, Match, MatchOptions, MatchResult } from "./types.ts";
import { checkMatches, expired, normaliseIntent, pairRule, type NormalIntent } from "./validate.ts";

const MICRO_N = Number(MICRO);
const METRES_PER_DEGREE_N = Number(METRES_PER_DEGREE);
const HALF_TURN = 180 * MICRO_N;
const FULL_TURN = 360 * MICRO_N;
const QUARTER_TURN = 90 * MICRO_N;
const HALF_TURN_SQ = HALF_TURN * HALF_TURN;
/** The smallest grid cell, microdegrees (about 110 m). */
const MIN_CELL = 1000;

/** Live (unexpired) offers and needs, their compatible pairs (index into offers, needs; distance metres). */
export interface Candidates {
  offers: NormalIntent[];
  needs: NormalIntent[];
  eo: Int32Array;
  en: Int32Array;
  ed: Float64Array;
}

/** The largest latitude difference (microdegrees) of two places at most `metres` apart by the contract's distance. */
function latReach(metres: number): number {
  // metres = ⌊d × 111,195 / 10⁶⌋ <= R  ⇒  d <= ⌊(R + 1) × 10⁶ / 111,195⌋, and dLat <= d (d = ⌊√(x² + dLat²)⌋).
  return Math.floor(((metres + 1) * MICRO_N) / METRES_PER_DEGREE_N) + 2;
}

/**
 * The largest longitude difference (the short way) of a place at latitude `lat` and one within `reach` of latitude:
 * x = ⌊dLon × cos(m)⌋ <= d, with cos Bhaskara's, decreasing in the mean latitude m <= |lat| + reach. Infinity when the
 * reach touches a pole (every longitude).
 */
function lonReach(lat: number, reach: number): number {
  const m = Math.min(QUARTER_TURN, Math.abs(lat) + reach);
  const cos = (HALF_TURN_SQ - 4 * m * m) / (HALF_TURN_SQ + m * m);
  return cos > 1e-6 ? ((reach + 1) / cos) * (1 + 1e-9) + 2 : Infinity;
}

/** Offers and needs of one category and unit. */
interface Group {
  offers: number[];
  needs: number[];
}

/** Compatible pairs of one group, by a grid of cells `cell` microdegrees wide over the offers' places. */
function groupCandidates(
  group: Group,
  offers: NormalIntent[],
  needs: NormalIntent[],
  out: { eo: number[]; en: number[]; ed: number[] },
) {
  let offerReach = 0;
  for (const i of group.offers) offerReach = Math.max(offerReach, offers[i].maxDistance);
  const reach = group.needs.map((j) => latReach(Math.min(needs[j].maxDistance, offerReach)));
  const sorted = [...reach].sort((a, b) => a - b);
  const cell = Math.max(MIN_CELL, sorted[sorted.length >> 1]);
  const cols = Math.ceil(FULL_TURN / cell);
  const rowOf = (lat: number) => Math.floor((lat + QUARTER_TURN) / cell);
  const colOf = (lon: number) => Math.floor((lon + HALF_TURN) / cell);
  const keyed = group.offers.map((i) => ({ i, key: rowOf(offers[i].lat) * cols + colOf(offers[i].lon) }));
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  const order = Int32Array.from(keyed, (k) => k.i);
  /** Per cell key and per row: [first, end) in `order`. */
  const cells = new Map<number, [number, number]>();
  const rows = new Map<number, [number, number]>();
  for (let k = 0; k < keyed.length; k++) {
    const key = keyed[k].key;
    const row = Math.floor(key / cols);
    const c = cells.get(key);
    if (c) c[1] = k + 1;
    else cells.set(key, [k, k + 1]);
    const r = rows.get(row);
    if (r) r[1] = k + 1;
    else rows.set(row, [k, k + 1]);
  }
  const visit = (range: [number, number] | undefined, j: number) => {
    if (range === undefined) return;
    const n = needs[j];
    for (let k = range[0]; k < range[1]; k++) {
      const i = order[k];
      const rule = pairRule(offers[i], n);
      if (typeof rule === "number") {
        out.eo.push(i);
        out.en.push(j);
        out.ed.push(rule);
      }
    }
  };
  group.needs.forEach((j, g) => {
    const n = needs[j];
    const latR = reach[g];
    const lonR = lonReach(n.lat, latR);
    // Longitude spans [lon − lonR, lon + lonR], wrapped into [−180°, 180°]: at most two column ranges.
    const spans: [number, number][] = [];
    if (2 * lonR + cell >= FULL_TURN) spans.push([0, cols - 1]);
    else {
      const lo = n.lon - lonR;
      const hi = n.lon + lonR;
      spans.push([colOf(Math.max(lo, -HALF_TURN)), colOf(Math.min(hi, HALF_TURN))]);
      if (lo < -HALF_TURN) spans.push([colOf(lo + FULL_TURN), cols - 1]);
      if (hi > HALF_TURN) spans.push([0, colOf(hi - FULL_TURN)]);
    }
    const full = spans[0][1] - spans[0][0] + 1 >= cols;
    const rowLo = rowOf(Math.max(n.lat - latR, -QUARTER_TURN));
    const rowHi = rowOf(Math.min(n.lat + latR, QUARTER_TURN));
    let width = 0;
    for (const [a, b] of spans) width += b - a + 1;
    // A reach wider than the group's offers are many: test them all rather than visit mostly empty cells.
    if ((rowHi - rowLo + 1) * (full ? 1 : width) > order.length) visit([0, order.length], j);
    else
      for (let row = rowLo; row <= rowHi; row++) {
        if (full) visit(rows.get(row), j);
        else for (const [a, b] of spans) for (let c = a; c <= b; c++) visit(cells.get(row * cols + c), j);
      }
  });
}

/**
 * Checks and splits the intents: live offers and needs (unexpired at `now`) and all their compatible pairs, found
 * per category and unit through the grid (the same pairs as testing every offer against every need).
 */
export function compatiblePairs(intents: readonly Intent[], now: number | undefined): Candidates {
  const seen = new Set<bigint>();
  const offers: NormalIntent[] = [];
  const needs: NormalIntent[] = [];
  for (const intent of intents) {
    const x = normaliseIntent(intent);
    if (seen.has(x.id)) throw new RangeError(`intent ${x.id}: duplicate id`);
    seen.add(x.id);
    if (expired(x, now)) continue;
    (x.side === "offer" ? offers : needs).push(x);
  }
  const groups = new Map<string, Group>();
  const groupOf = (x: NormalIntent) => {
    const key = `${x.category}/${x.unit}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { offers: [], needs: [] }));
    return g;
  };
  offers.forEach((o, i) => groupOf(o).offers.push(i));
  needs.forEach((n, j) => groupOf(n).needs.push(j));
  const out = { eo: [] as number[], en: [] as number[], ed: [] as number[] };
  for (const g of groups.values()) if (g.offers.length && g.needs.length) groupCandidates(g, offers, needs, out);
  return { offers, needs, eo: Int32Array.from(out.eo), en: Int32Array.from(out.en), ed: Float64Array.from(out.ed) };
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/**
 * Integer costs of candidate pairs `edges` (see the header): price × 1000 + metres × costPerUnitKm, less the lowest
 * ask × 1000, divided by their gcd; throws a RangeError if they are too large for exact potentials on `nodes` nodes.
 */
function pairCosts(c: Candidates, edges: number[], costPerUnitKm: bigint, nodes: number) {
  let minPrice = -1n;
  for (const e of edges) {
    const p = c.offers[c.eo[e]].price;
    if (minPrice < 0n || p < minPrice) minPrice = p;
  }
  const k = edges.length;
  const big: bigint[] = new Array<bigint>(k);
  let divisor = 0n;
  for (let x = 0; x < k; x++) {
    const e = edges[x];
    big[x] = 1000n * (c.offers[c.eo[e]].price - minPrice) + BigInt(c.ed[e]) * costPerUnitKm;
    divisor = gcd(divisor, big[x]);
  }
  if (divisor === 0n) divisor = 1n;
  const cost = new Float64Array(k);
  let maxCost = 0n;
  for (let x = 0; x < k; x++) {
    const scaled = big[x] / divisor;
    if (scaled > maxCost) maxCost = scaled;
    cost[x] = Number(scaled);
  }
  if (maxCost * 4n * BigInt(nodes + 1) > 2n ** 53n)
    throw new RangeError(
      `matchIntents: ${nodes} connected intents whose price spread × 1000 + metres × costPerUnitKm ` +
        `(${maxCost * divisor}) is too large to solve exactly; quote prices and costPerUnitKm in coarser steps`,
    );
  return { cost, maxCost: Number(maxCost) };
}

/**
 * Cost scaling from the feasible flow `initial` over offers (supply > 0) → needs (supply < 0), with a source S →
 * offers (capacity: supply) and needs → sink T, which keeps the flow's quantity: the least-cost flow of that
 * quantity, or null where quantities or costs are too large for its exact doubles.
 */
function cheapestFlow(
  n: number,
  from: Int32Array,
  to: Int32Array,
  cost: Float64Array,
  maxCost: number,
  cap: bigint[],
  supply: bigint[],
  initial: bigint[],
): bigint[] | null {
  const k = from.length;
  let total = 0n;
  for (const s of supply) total += s > 0n ? s : -s;
  if (total > 2n ** 53n || !scalingFits(n + 2, maxCost)) return null;
  const arcs = k + n;
  const sFrom = new Int32Array(arcs);
  const sTo = new Int32Array(arcs);
  const sCost = new Float64Array(arcs);
  const sCap = new Float64Array(arcs);
  const sFlow = new Float64Array(arcs);
  sFrom.set(from);
  sTo.set(to);
  sCost.set(cost);
  for (let x = 0; x < k; x++) {
    sCap[x] = Number(cap[x]);
    sFlow[x] = Number(initial[x]);
    sFlow[k + from[x]] += sFlow[x];
    sFlow[k + to[x]] += sFlow[x];
  }
  for (let v = 0; v < n; v++) {
    const a = k + v;
    if (supply[v] > 0n) [sFrom[a], sTo[a]] = [n, v];
    else [sFrom[a], sTo[a]] = [v, n + 1];
    sCap[a] = Number(supply[v] > 0n ? supply[v] : -supply[v]);
  }
  if (!costScaling(n + 2, sFrom, sTo, sCost, sCap, sFlow)) return null;
  return Array.from(sFlow.subarray(0, k), (f) => BigInt(f));
}

/** Capacities (the smaller remaining) and supplies (offers +, needs −) of candidate pairs `edges` on `nodes`. */
function network(c: Candidates, edges: number[], nodes: number[], local: Int32Array) {
  const P = c.offers.length;
  const k = edges.length;
  const from = new Int32Array(k);
  const to = new Int32Array(k);
  const cap: bigint[] = new Array<bigint>(k);
  for (let x = 0; x < k; x++) {
    const e = edges[x];
    from[x] = local[c.eo[e]];
    to[x] = local[P + c.en[e]];
    const a = c.offers[c.eo[e]].remaining;
    const b = c.needs[c.en[e]].remaining;
    cap[x] = a < b ? a : b;
  }
  const supply = nodes.map((v) => (v < P ? c.offers[v].remaining : -c.needs[v - P].remaining));
  return { from, to, cap, supply };
}

/** Matches, totals and what stays open, from a quantity per candidate pair. */
function result(
  intents: readonly Intent[],
  c: Candidates,
  flow: bigint[],
  options: MatchOptions,
  components: number,
): MatchResult {
  const used = new Map<bigint, bigint>();
  const matches: Match[] = [];
  let matchedQuantity = 0n;
  let paid = 0n;
  let transportMetres = 0n;
  for (let e = 0; e < flow.length; e++) {
    const quantity = flow[e];
    if (quantity === 0n) continue;
    const o = c.offers[c.eo[e]];
    const n = c.needs[c.en[e]];
    // An order's amount (quantity × price) is at most the credit network's MAX_OBLIGATION: split larger matches.
    const most = CREDIT_MAX_OBLIGATION / o.price;
    for (let left = quantity; left > 0n; left -= most)
      matches.push({ offerId: o.id, needId: n.id, quantity: left < most ? left : most, price: o.price });
    matchedQuantity += quantity;
    paid += quantity * o.price;
    transportMetres += quantity * BigInt(c.ed[e]);
    used.set(o.id, (used.get(o.id) ?? 0n) + quantity);
    used.set(n.id, (used.get(n.id) ?? 0n) + quantity);
  }
  matches.sort((a, b) => cmp(a.needId, b.needId) || cmp(a.offerId, b.offerId));
  const unmatched = { offers: [] as Intent[], needs: [] as Intent[] };
  for (const intent of intents) {
    const remaining = intent.remaining - (used.get(intent.id) ?? 0n);
    if (remaining > 0n) (intent.side === "offer" ? unmatched.offers : unmatched.needs).push({ ...intent, remaining });
  }
  return {
    matches,
    matchedQuantity,
    unmatched,
    paid,
    transportMetres,
    cost: 1000n * paid + transportMetres * options.costPerUnitKm,
    candidates: flow.length,
    components,
  };
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function checkOptions(options: MatchOptions) {
  if (typeof options.costPerUnitKm !== "bigint" || options.costPerUnitKm < 0n)
    throw new RangeError("costPerUnitKm must be a bigint >= 0 (credit base units per unit per km)");
  if (options.now !== undefined && !Number.isSafeInteger(options.now)) throw new RangeError("now must be unix seconds");
}

/**
 * The optimal batch: the largest total quantity, and among the batches of that quantity the least Σ quantity ×
 * (price + km × costPerUnitKm); each match at the offer's ask. Exact (bigint quantities, integer costs) and
 * deterministic. Throws a RangeError on a malformed intent or duplicate id.
 */
export function matchIntents(intents: readonly Intent[], options: MatchOptions): MatchResult {
  checkOptions(options);
  const c = compatiblePairs(intents, options.now);
  const P = c.offers.length;
  const m = c.eo.length;
  // Connected groups of candidate pairs (union-find over offers 0..P-1 and needs P..).
  const parent = Int32Array.from({ length: P + c.needs.length }, (_, v) => v);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (let e = 0; e < m; e++) parent[find(c.eo[e])] = find(P + c.en[e]);
  const byRoot = new Map<number, number[]>();
  for (let e = 0; e < m; e++) {
    const root = find(c.eo[e]);
    const list = byRoot.get(root);
    if (list) list.push(e);
    else byRoot.set(root, [e]);
  }

  const flow: bigint[] = new Array<bigint>(m).fill(0n);
  const local = new Int32Array(P + c.needs.length).fill(-1);
  for (const edges of byRoot.values()) {
    const nodes: number[] = [];
    for (const e of edges) for (const v of [c.eo[e], P + c.en[e]]) if (local[v] < 0) local[v] = nodes.push(v) - 1;
    const { cost, maxCost } = pairCosts(c, edges, options.costPerUnitKm, nodes.length);
    const { from, to, cap, supply } = network(c, edges, nodes, local);
    const n = nodes.length;
    const k = edges.length;
    // A maximum flow first (the clearing MCF with zero costs is Dinic), then the cheapest flow of its quantity; the
    // clearing MCF's successive shortest paths (bigint quantities) where cost scaling's doubles would not be exact.
    const max = minCostFlow({ n, m: k, from, to, cost: new Int32Array(k), cap, supply, partial: true }).flow;
    const solved =
      cheapestFlow(n, from, to, cost, maxCost, cap, supply, max) ??
      minCostFlow({ n, m: k, from, to, cost, cap, supply, partial: true }).flow;
    for (let x = 0; x < k; x++) flow[edges[x]] = solved[x];
    for (const v of nodes) local[v] = -1;
  }
  return result(intents, c, flow, options, byRoot.size);
}

/**
 * The baseline: each need, in id order, takes the nearest compatible offers first (ties: lower offer id) until its
 * remaining quantity is met or no compatible offer has any left. Same rules and totals as {@link matchIntents}.
 */
export function greedyNearestFirst(intents: readonly Intent[], options: MatchOptions): MatchResult {
  checkOptions(options);
  const c = compatiblePairs(intents, options.now);
  const m = c.eo.length;
  const order = Array.from({ length: m }, (_, e) => e);
  order.sort(
    (a, b) =>
      cmp(c.needs[c.en[a]].id, c.needs[c.en[b]].id) ||
      c.ed[a] - c.ed[b] ||
      cmp(c.offers[c.eo[a]].id, c.offers[c.eo[b]].id),
  );
  const offerLeft = c.offers.map((o) => o.remaining);
  const needLeft = c.needs.map((n) => n.remaining);
  const flow: bigint[] = new Array<bigint>(m).fill(0n);
  for (const e of order) {
    const i = c.eo[e];
    const j = c.en[e];
    const q = offerLeft[i] < needLeft[j] ? offerLeft[i] : needLeft[j];
    if (q === 0n) continue;
    flow[e] = q;
    offerLeft[i] -= q;
    needLeft[j] -= q;
  }
  return result(intents, c, flow, options, 0);
}

/**
 * The least-cost batch that matches exactly as much as `batch` (a valid batch of these intents, e.g. the greedy
 * baseline's): cost scaling started from it. Compares a batch with the optimum at equal quantity. Throws a RangeError
 * if `batch` fails {@link checkMatches}, or its quantities or costs are too large.
 */
export function cheapestAtQuantity(intents: readonly Intent[], options: MatchOptions, batch: readonly Match[]) {
  checkOptions(options);
  const check = checkMatches(intents, batch, options);
  if (!check.ok) throw new RangeError(`cheapestAtQuantity: match ${check.index} of the batch fails: ${check.reason}`);
  const c = compatiblePairs(intents, options.now);
  const P = c.offers.length;
  const index = new Map<string, number>();
  for (let e = 0; e < c.eo.length; e++) index.set(`${c.offers[c.eo[e]].id}/${c.needs[c.en[e]].id}`, e);
  const initial: bigint[] = new Array<bigint>(c.eo.length).fill(0n);
  for (const m of batch) {
    initial[index.get(`${m.offerId}/${m.needId}`)!] += m.quantity;
  }
  const edges = Array.from({ length: c.eo.length }, (_, e) => e);
  const nodes = Array.from({ length: P + c.needs.length }, (_, v) => v);
  const local = Int32Array.from(nodes);
  const { cost, maxCost } = pairCosts(c, edges, options.costPerUnitKm, nodes.length);
  const { from, to, cap, supply } = network(c, edges, nodes, local);
  const flow = cheapestFlow(nodes.length, from, to, cost, maxCost, cap, supply, initial);
  if (flow === null) throw new RangeError("cheapestAtQuantity: quantities or costs too large for cost scaling");
  return result(intents, c, flow, options, 1);
}
