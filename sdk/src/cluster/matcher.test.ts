// The cluster matcher (node --test): optimal against an LP oracle (GLPK, dev-only) on random and clustered
// instances, every batch passing the contract's checks, each compatibility rule enforced, the grid finding exactly
// the pairs an all-pairs scan finds, and the greedy baseline.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import GLPK, { type GLPK as Glpk, type LP } from "glpk.js/node";
import { mulberry32 } from "../clearing/random.ts";
import { distanceMetres } from "./geo.ts";
import { cheapestAtQuantity, compatiblePairs, greedyNearestFirst, matchIntents } from "./matcher.ts";
import { randomClusterInstance, RANDOM_EPOCH } from "./random.ts";
import type { Intent, Match, MatchResult } from "./types.ts";
import { checkMatches, normaliseIntent, pairRule } from "./validate.ts";

const ZERO = `0x${"0".repeat(64)}`;
const owner = (i: number) => `0x${(i + 1).toString(16).padStart(40, "0")}`;

/** A compatible offer (id 1) and need (id 2), 1.1 km apart; `o` and `n` override fields. */
function pair(o: Partial<Intent> = {}, n: Partial<Intent> = {}): [Intent, Intent] {
  const base = {
    category: 7,
    unit: "pcs",
    designId: 0n,
    spec: ZERO,
    remaining: 10n,
    start: 1000,
    end: 2000,
    maxDistance: 5000,
  };
  return [
    { ...base, id: 1n, owner: owner(0), side: "offer", price: 100n, lat: 45_000_000, lon: 5_000_000, ...o },
    { ...base, id: 2n, owner: owner(1), side: "need", price: 120n, lat: 45_010_000, lon: 5_000_000, ...n },
  ];
}

/** Every compatible pair by brute force: [offer, need, distance]. */
function allPairs(intents: Intent[], now?: number): [Intent, Intent, number][] {
  const live = intents.filter((x) => now === undefined || x.end >= now).map(normaliseIntent);
  const out: [Intent, Intent, number][] = [];
  for (const o of live.filter((x) => x.side === "offer"))
    for (const n of live.filter((x) => x.side === "need")) {
      const d = pairRule(o, n);
      if (typeof d === "number") out.push([o, n, d]);
    }
  return out;
}

let glpk: Glpk;

/**
 * The LP oracle, two LPs over x_e >= 0 per compatible pair with Σ x at each intent <= remaining: (1) maximise Σ x,
 * giving F; (2) minimise Σ x_e × (price × 1000 + metres × costPerUnitKm) subject to Σ x = F (or = `quantity`).
 * Returns [F, cost].
 */
function lpOptimum(intents: Intent[], costPerUnitKm: bigint, now?: number, quantity?: bigint): [bigint, bigint] {
  const edges = allPairs(intents, now);
  if (edges.length === 0) return [0n, 0n];
  const rows = new Map<bigint, { name: string; coef: number }[]>();
  edges.forEach(([o, n], e) => {
    for (const id of [o.id, n.id]) {
      if (!rows.has(id)) rows.set(id, []);
      rows.get(id)!.push({ name: `x${e}`, coef: 1 });
    }
  });
  const remaining = new Map(intents.map((x) => [x.id, Number(x.remaining)]));
  const subjectTo: LP["subjectTo"] = [...rows].map(([id, vars]) => ({
    name: `i${id}`,
    vars,
    bnds: { type: glpk.GLP_UP, lb: 0, ub: remaining.get(id)! },
  }));
  const all = edges.map((_, e) => ({ name: `x${e}`, coef: 1 }));
  const bounds = edges.map((_, e) => ({ name: `x${e}`, type: glpk.GLP_LO, lb: 0, ub: 0 }));
  const opts = { msglev: glpk.GLP_MSG_OFF };
  const first = glpk.solve(
    { name: "max", objective: { direction: glpk.GLP_MAX, name: "q", vars: all }, subjectTo, bounds },
    opts,
  );
  assert.equal(first.result.status, glpk.GLP_OPT);
  const F = quantity === undefined ? Math.round(first.result.z) : Number(quantity);
  const costs = edges.map(([o, , d], e) => ({
    name: `x${e}`,
    coef: Number(o.price * 1000n + BigInt(d) * costPerUnitKm),
  }));
  const second = glpk.solve(
    {
      name: "min",
      objective: { direction: glpk.GLP_MIN, name: "c", vars: costs },
      subjectTo: [...subjectTo, { name: "F", vars: all, bnds: { type: glpk.GLP_FX, lb: F, ub: F } }],
      bounds,
    },
    opts,
  );
  assert.equal(second.result.status, glpk.GLP_OPT);
  assert.ok(Math.abs(second.result.z) < 2 ** 50, "LP objective too large to compare exactly");
  return [BigInt(F), BigInt(Math.round(second.result.z))];
}

/** The batch passes the contract's checks, its totals add up and match its matches. */
function expectConsistent(intents: Intent[], r: MatchResult, costPerUnitKm: bigint, now?: number) {
  assert.deepEqual(checkMatches(intents, r.matches, { now }), { ok: true });
  const byId = new Map(intents.map((x) => [x.id, x]));
  let q = 0n;
  let metres = 0n;
  let paid = 0n;
  const used = new Map<bigint, bigint>();
  for (const m of r.matches) {
    const o = byId.get(m.offerId)!;
    const n = byId.get(m.needId)!;
    assert.ok(m.quantity > 0n);
    assert.equal(m.price, o.price, "a match is at the offer's ask");
    q += m.quantity;
    paid += m.quantity * m.price;
    metres += m.quantity * BigInt(distanceMetres(o.lat, o.lon, n.lat, n.lon));
    for (const id of [o.id, n.id]) used.set(id, (used.get(id) ?? 0n) + m.quantity);
  }
  for (const [id, u] of used) assert.ok(u <= byId.get(id)!.remaining, `intent ${id} over its remaining`);
  assert.equal(r.matchedQuantity, q);
  assert.equal(r.transportMetres, metres);
  assert.equal(r.paid, paid);
  assert.equal(r.cost, paid * 1000n + metres * costPerUnitKm);
  const open = [...r.unmatched.offers, ...r.unmatched.needs];
  for (const x of open) assert.equal(x.remaining, byId.get(x.id)!.remaining - (used.get(x.id) ?? 0n));
  const total = intents.reduce((s, x) => s + x.remaining, 0n);
  assert.equal(
    open.reduce((s, x) => s + x.remaining, 0n),
    total - 2n * q,
  );
}

/** A small random instance in a 40 km square: few categories and owners, varied radii, windows, prices, designs. */
function smallInstance(seed: number): Intent[] {
  const rand = mulberry32(seed);
  const below = (k: number) => rand() % k;
  const count = 4 + below(30);
  return Array.from({ length: count }, (_, i) => {
    const start = below(8) * 100;
    const side = below(2) ? "offer" : "need";
    return {
      id: BigInt(i + 1),
      owner: owner(below(6)),
      side,
      category: below(4) ? 1 : 2,
      unit: below(8) ? "pcs" : "kg",
      designId: below(5) === 0 ? BigInt(1 + below(2)) : 0n,
      spec: below(6) === 0 ? `0x${(1 + below(2)).toString(16).padStart(64, "0")}` : ZERO,
      remaining: BigInt(1 + below(30)),
      price: BigInt(side === "offer" ? 50 + below(100) : 80 + below(120)),
      start,
      end: start + 100 + below(900),
      lat: 45_000_000 + below(360_000),
      lon: 5_000_000 + below(500_000),
      maxDistance: 2_000 + below(40_000),
    } satisfies Intent;
  });
}

describe("cluster matcher · optimality (LP oracle)", () => {
  before(async () => {
    glpk = await GLPK();
  });

  it("equals GLPK's maximum quantity and least cost at it on 300 small random instances", () => {
    let matchedSome = 0;
    let greedyWorse = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const intents = smallInstance(seed);
      const k = BigInt(seed % 4 === 0 ? 0 : 1 + (seed % 40));
      const r = matchIntents(intents, { costPerUnitKm: k });
      const [F, cost] = lpOptimum(intents, k);
      assert.equal(r.matchedQuantity, F, `seed ${seed}: quantity`);
      assert.equal(r.cost, cost, `seed ${seed}: cost`);
      expectConsistent(intents, r, k);
      if (F > 0n) matchedSome++;
      const greedy = greedyNearestFirst(intents, { costPerUnitKm: k });
      if (greedy.matchedQuantity < F || greedy.cost > cost) greedyWorse++;
      // the cheapest batch of the greedy's quantity, from cost scaling started at the greedy batch
      const same = cheapestAtQuantity(intents, { costPerUnitKm: k }, greedy.matches);
      assert.equal(same.matchedQuantity, greedy.matchedQuantity);
      assert.equal(same.cost, lpOptimum(intents, k, undefined, greedy.matchedQuantity)[1], `seed ${seed}: at quantity`);
      expectConsistent(intents, same, k);
    }
    assert.ok(matchedSome >= 200, `only ${matchedSome} instances had any match`);
    assert.ok(greedyWorse >= 50, `only ${greedyWorse} instances where the optimum differs from the greedy baseline`);
  });

  it("equals GLPK on 12 clustered instances (towns, 40 categories, designs, specs, windows, 150 + 150 intents)", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const intents = randomClusterInstance({
        seed,
        offers: 150,
        needs: 150,
        categories: 3 + (seed % 5),
        regionKm: 30 + 10 * seed,
        clumps: 1 + (seed % 6),
        decimals: 2,
        maxQuantity: 40,
        members: 40,
      });
      const k = BigInt(1 + 7 * seed);
      const now = seed % 3 === 0 ? RANDOM_EPOCH + 20 * 86_400 : undefined;
      const r = matchIntents(intents, { costPerUnitKm: k, now });
      const [F, cost] = lpOptimum(intents, k, now);
      assert.ok(F > 0n);
      assert.equal(r.matchedQuantity, F, `seed ${seed}: quantity`);
      assert.equal(r.cost, cost, `seed ${seed}: cost`);
      expectConsistent(intents, r, k, now);
    }
  });

  it("stays exact with quantities beyond 2^53 (the bigint path): the optimum scales with the quantities", () => {
    for (let seed = 400; seed < 420; seed++) {
      const intents = smallInstance(seed);
      const big = intents.map((x) => ({ ...x, remaining: x.remaining << 60n }));
      const small = matchIntents(intents, { costPerUnitKm: 3n });
      const r = matchIntents(big, { costPerUnitKm: 3n });
      assert.equal(r.matchedQuantity, small.matchedQuantity << 60n, `seed ${seed}`);
      assert.equal(r.cost, small.cost << 60n, `seed ${seed}`);
      expectConsistent(big, r, 3n);
    }
  });

  it("shifts and divides 18-decimal prices exactly (same batch cost as the instance in whole units, × 10^18)", () => {
    const unit = 10n ** 18n;
    for (let seed = 500; seed < 520; seed++) {
      const intents = smallInstance(seed);
      const wide = intents.map((x) => ({ ...x, price: x.price * unit }));
      const a = matchIntents(intents, { costPerUnitKm: 2n });
      const b = matchIntents(wide, { costPerUnitKm: 2n * unit });
      assert.equal(b.matchedQuantity, a.matchedQuantity);
      assert.equal(b.cost, a.cost * unit);
    }
  });

  it("refuses prices it cannot solve exactly (odd 18-decimal prices) with a RangeError", () => {
    const [o, n] = pair({ price: 10n ** 20n + 1n }, { price: 10n ** 21n });
    const [o2] = pair({ id: 3n, price: 7n * 10n ** 19n + 3n });
    assert.throws(() => matchIntents([o, n, o2], { costPerUnitKm: 1n }), RangeError);
  });
});

describe("cluster matcher · rules", () => {
  const cases: [string, Partial<Intent>, Partial<Intent>][] = [
    ["SelfTrade", { owner: owner(1).toUpperCase().replace("0X", "0x") }, {}],
    ["CategoryMismatch", { category: 8 }, {}],
    ["CategoryMismatch", { unit: "kg" }, {}],
    ["DesignMismatch", { designId: 4n }, { designId: 5n }],
    ["DesignMismatch", {}, { designId: 5n }],
    ["DesignMismatch", {}, { spec: `0x${"ab".repeat(32)}` }],
    ["PriceOutsideTerms", { price: 121n }, {}],
    ["WindowsDisjoint", { start: 2001, end: 3000 }, {}],
    ["WindowsDisjoint", {}, { start: 0, end: 999 }],
    ["TooFar", { maxDistance: 1000 }, {}],
    ["TooFar", {}, { maxDistance: 1000 }],
  ];

  it("a compatible pair matches min(remaining) at the ask; the boundaries of each rule are inclusive", () => {
    const [o, n] = pair({ remaining: 7n }, { remaining: 10n });
    const r = matchIntents([o, n], { costPerUnitKm: 0n });
    assert.deepEqual(r.matches, [{ offerId: 1n, needId: 2n, quantity: 7n, price: 100n }]);
    assert.deepEqual(
      r.unmatched.needs.map((x) => x.remaining),
      [3n],
    );
    const d = distanceMetres(o.lat, o.lon, n.lat, n.lon);
    assert.equal(d, 1111);
    const edge = pair(
      { price: 120n, start: 2000, end: 5000, maxDistance: d, designId: 3n, spec: `0x${"cd".repeat(32)}` },
      { maxDistance: d, designId: 3n, spec: `0x${"CD".repeat(32)}` },
    );
    assert.equal(matchIntents(edge, { costPerUnitKm: 1n }).matchedQuantity, 10n);
  });

  for (const [reason, o, n] of cases) {
    it(`never matches a pair with ${reason} (${JSON.stringify({ ...o, ...n }, (_, v) => (typeof v === "bigint" ? `${v}` : v))})`, () => {
      const intents = pair(o, n);
      assert.equal(pairRule(normaliseIntent(intents[0]), normaliseIntent(intents[1])), reason);
      assert.equal(matchIntents(intents, { costPerUnitKm: 1n }).matches.length, 0);
      assert.equal(greedyNearestFirst(intents, { costPerUnitKm: 1n }).matches.length, 0);
      const forged: Match = { offerId: 1n, needId: 2n, quantity: 1n, price: intents[0].price };
      assert.deepEqual(checkMatches(intents, [forged]), { ok: false, reason, index: 0 });
    });
  }

  it("checkMatches rejects unknown ids, swapped sides, zero quantities, prices out of terms, overfills, expiry", () => {
    const [o, n] = pair({ remaining: 5n });
    const [o2] = pair({ id: 3n, owner: owner(2), remaining: 5n });
    const intents = [o, n, o2];
    const ok = (m: Partial<Match>): Match => ({ offerId: 1n, needId: 2n, quantity: 1n, price: 100n, ...m });
    const check = (ms: Match[], now?: number) => checkMatches(intents, ms, { now });
    assert.deepEqual(check([ok({}), ok({ price: 120n, quantity: 4n })]), { ok: true });
    assert.deepEqual(check([ok({ offerId: 9n })]), { ok: false, reason: "UnknownIntent", index: 0 });
    assert.deepEqual(check([ok({ offerId: 2n, needId: 1n })]), { ok: false, reason: "WrongSide", index: 0 });
    assert.deepEqual(check([ok({ needId: 3n })]), { ok: false, reason: "WrongSide", index: 0 });
    assert.deepEqual(check([ok({ quantity: 0n })]), { ok: false, reason: "ZeroQuantity", index: 0 });
    assert.deepEqual(check([ok({ price: 99n })]), { ok: false, reason: "PriceOutsideTerms", index: 0 });
    assert.deepEqual(check([ok({ price: 121n })]), { ok: false, reason: "PriceOutsideTerms", index: 0 });
    // the offer has 5: 5 then 1 more overfills it; the need has 10: 5 + 5 from two offers is fine, 6 more is not
    assert.deepEqual(check([ok({ quantity: 5n }), ok({ quantity: 1n })]), {
      ok: false,
      reason: "QuantityExceedsRemaining",
      index: 1,
    });
    assert.deepEqual(check([ok({ quantity: 5n }), ok({ offerId: 3n, quantity: 5n })]), { ok: true });
    assert.deepEqual(check([ok({ quantity: 6n })]), { ok: false, reason: "QuantityExceedsRemaining", index: 0 });
    assert.deepEqual(check([ok({})], 2000), { ok: true });
    assert.deepEqual(check([ok({})], 2001), { ok: false, reason: "IntentExpired", index: 0 });
  });

  it("splits a match whose amount would exceed the credit network's MAX_OBLIGATION into orders that fit", () => {
    const max = 2n ** 96n - 1n;
    const [o, n] = pair({ remaining: 10n ** 9n, price: 10n ** 20n }, { remaining: 10n ** 9n, price: 10n ** 20n });
    const r = matchIntents([o, n], { costPerUnitKm: 0n });
    const per = max / 10n ** 20n;
    assert.deepEqual(
      r.matches.map((m) => m.quantity),
      [per, 10n ** 9n - per],
    );
    assert.equal(r.matchedQuantity, 10n ** 9n);
    assert.deepEqual(checkMatches([o, n], r.matches), { ok: true });
    const whole: Match = { offerId: 1n, needId: 2n, quantity: 10n ** 9n, price: 10n ** 20n };
    assert.deepEqual(checkMatches([o, n], [whole]), { ok: false, reason: "OrderTooLarge", index: 0 });
  });

  it("leaves out intents expired at `now`, and lists them as still open", () => {
    const [o, n] = pair();
    assert.equal(matchIntents([o, n], { costPerUnitKm: 0n, now: 2000 }).matchedQuantity, 10n);
    const r = matchIntents([o, n], { costPerUnitKm: 0n, now: 2001 });
    assert.equal(r.matchedQuantity, 0n);
    assert.deepEqual(
      r.unmatched.offers.map((x) => x.id),
      [1n],
    );
  });

  it("rejects malformed intents and duplicate ids, naming the intent", () => {
    const [o, n] = pair();
    const bad: [Partial<Intent>, RegExp][] = [
      [{ remaining: 0n }, /intent 1: remaining/],
      [{ price: -1n }, /intent 1: price/],
      [{ price: 0n }, /intent 1: price/],
      [{ remaining: 2n ** 96n }, /intent 1: remaining/],
      [{ id: 2n ** 64n }, /intent 18446744073709551616: id/],
      [{ start: 10, end: 10 }, /intent 1: window/],
      [{ maxDistance: 0 }, /intent 1: maxDistance/],
      [{ lat: 90_000_001 }, /intent 1: place/],
      [{ lon: 1.5 }, /intent 1: place/],
      [{ owner: "0x12" }, /intent 1: owner/],
      [{ unit: "kilograms" }, /intent 1: unit/],
      [{ spec: "0x00" }, /intent 1: spec/],
      [{ start: 10, end: 9 }, /intent 1: window/],
      [{ maxDistance: -1 }, /intent 1: maxDistance/],
      [{ category: 2 ** 32 }, /intent 1: category/],
    ];
    for (const [change, message] of bad)
      assert.throws(() => matchIntents([{ ...o, ...change }, n], { costPerUnitKm: 0n }), message);
    assert.throws(() => matchIntents([o, { ...n, id: 1n }], { costPerUnitKm: 0n }), /intent 1: duplicate id/);
    assert.throws(() => matchIntents([o, n], { costPerUnitKm: -1n }), /costPerUnitKm/);
  });
});

describe("cluster matcher · candidate pairs and greedy baseline", () => {
  it("the grid finds exactly the all-pairs scan's pairs (worldwide, antimeridian, near the poles, 0 to 3,000 km)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = mulberry32(seed * 7919);
      const below = (k: number) => rand() % k;
      // a few hubs anywhere (some on the antimeridian or near a pole), intents scattered around them
      const hubs = Array.from({ length: 4 }, (_, h) => [
        h === 0 ? 89_000_000 - below(3_000_000) : below(170_000_000) - 85_000_000,
        h === 1 ? 179_900_000 : below(360_000_001) - 180_000_000,
      ]);
      const intents: Intent[] = Array.from({ length: 160 }, (_, i) => {
        const [hl, ho] = hubs[below(4)];
        const spread = [20_000, 500_000, 5_000_000][below(3)];
        const lat = Math.max(-90_000_000, Math.min(90_000_000, hl + below(2 * spread) - spread));
        let lon = ho + below(2 * spread) - spread;
        if (lon > 180_000_000) lon -= 360_000_000;
        if (lon < -180_000_000) lon += 360_000_000;
        return {
          ...pair()[0],
          id: BigInt(i + 1),
          owner: owner(i),
          side: below(2) ? "offer" : "need",
          category: below(2),
          price: 100n,
          lat,
          lon,
          maxDistance: [1, 800, 30_000, 400_000, 3_000_000][below(5)],
        };
      });
      const c = compatiblePairs(intents, undefined);
      const found = new Set<string>();
      for (let e = 0; e < c.eo.length; e++) {
        found.add(`${c.offers[c.eo[e]].id}-${c.needs[c.en[e]].id}`);
        assert.equal(
          c.ed[e],
          distanceMetres(c.offers[c.eo[e]].lat, c.offers[c.eo[e]].lon, c.needs[c.en[e]].lat, c.needs[c.en[e]].lon),
        );
      }
      const expected = new Set(allPairs(intents).map(([o, n]) => `${o.id}-${n.id}`));
      assert.equal(found.size, c.eo.length, `seed ${seed}: a pair twice`);
      assert.deepEqual([...found].sort(), [...expected].sort(), `seed ${seed}`);
    }
  });

  it("greedy: each need in id order takes its nearest offers first; valid, never more than the optimum", () => {
    // need 3 (first) is 1.1 km from offer 1 and 2.2 km from offer 2; need 4 reaches only offer 1
    const [o1, n3] = pair({ remaining: 5n }, { id: 3n, remaining: 5n });
    const o2: Intent = { ...o1, id: 2n, owner: owner(2), lat: 44_980_000 };
    const n4: Intent = { ...n3, id: 4n, owner: owner(3), lat: 45_020_000, maxDistance: 2300 };
    const intents = [o1, o2, n3, n4];
    const g = greedyNearestFirst(intents, { costPerUnitKm: 1n });
    assert.deepEqual(g.matches, [{ offerId: 1n, needId: 3n, quantity: 5n, price: 100n }]);
    const best = matchIntents(intents, { costPerUnitKm: 1n });
    assert.equal(best.matchedQuantity, 10n);
    assert.deepEqual(
      best.matches.map((m) => [m.offerId, m.needId]),
      [
        [2n, 3n],
        [1n, 4n],
      ],
    );
    for (let seed = 1; seed <= 60; seed++) {
      const xs = smallInstance(seed);
      const gr = greedyNearestFirst(xs, { costPerUnitKm: 5n });
      expectConsistent(xs, gr, 5n);
      assert.ok(gr.matchedQuantity <= matchIntents(xs, { costPerUnitKm: 5n }).matchedQuantity);
    }
  });

  it("cheapestAtQuantity refuses a batch that fails the contract's checks", () => {
    const [o, n] = pair({ remaining: 3n });
    const batch: Match[] = [{ offerId: 1n, needId: 2n, quantity: 4n, price: 100n }];
    assert.throws(() => cheapestAtQuantity([o, n], { costPerUnitKm: 1n }, batch), /match 0 .*QuantityExceedsRemaining/);
  });

  it("is deterministic and independent of the order of the input for the totals", () => {
    const intents = randomClusterInstance({ seed: 9, offers: 300, needs: 300, decimals: 2 });
    const a = matchIntents(intents, { costPerUnitKm: 20n });
    assert.deepEqual(matchIntents(intents, { costPerUnitKm: 20n }), a);
    const shuffled = [...intents].reverse();
    const b = matchIntents(shuffled, { costPerUnitKm: 20n });
    assert.equal(b.matchedQuantity, a.matchedQuantity);
    assert.equal(b.cost, a.cost);
    expectConsistent(intents, a, 20n);
  });
});
