// The structured and adversarial instance shapes of solver.helpers.ts (the clearing bench's instances come from them):
// each has the shape it claims, and at small sizes the solver's batch is valid, proven optimal exactly (certificate,
// dual bound == cleared) and equal to the LP optimum of both GLPK and HiGHS (dev-only oracles).
import { expect } from "chai";
import GLPK, { type GLPK as Glpk } from "glpk.js/node";
import type { Highs } from "highs";
import { dualBound, solveClearing, verifyBatch, type ObligationInput } from "../../sdk/src/clearing/index.ts";
import {
  certificateViolations,
  clearingHighsModel,
  clearingLp,
  denseSmall,
  grid,
  loadHighs,
  longPathBackEdges,
  manyRings,
  powerLaw,
  ringInstance,
  ringOfCliques,
  ringWithChords,
  solveHighs,
  starOfRings,
} from "./solver.helpers.ts";

const UNIT = 10n ** 18n;
const units = (x: bigint) => Number(x / UNIT) + Number(x % UNIT) / 1e18;
const min = (xs: bigint[]) => xs.reduce((a, b) => (b < a ? b : a));

/** Members, and per member its creditors (with multiplicity) and its debtors. */
function graphOf(obligations: readonly ObligationInput[]) {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const o of obligations) {
    push(out, o.debtor, o.creditor);
    push(into, o.creditor, o.debtor);
  }
  const members = new Set([...out.keys(), ...into.keys()]);
  return { members, out, into };
}

/** Where every member owes exactly one other: the cycles, as lists of members (throws otherwise). */
function cyclesOf(obligations: readonly ObligationInput[]): string[][] {
  const { members, out, into } = graphOf(obligations);
  for (const m of members) expect([out.get(m)?.length, into.get(m)?.length], m).to.deep.equal([1, 1]);
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of members) {
    if (seen.has(start)) continue;
    const cycle: string[] = [];
    for (let m = start; !seen.has(m); m = out.get(m)![0]) {
      seen.add(m);
      cycle.push(m);
    }
    cycles.push(cycle);
  }
  return cycles;
}

/** Ids 1..m in order, 18-decimal amounts of 1..10,000 units (plus wei), no self-loop. */
function expectWellFormed(obligations: readonly ObligationInput[]) {
  obligations.forEach((o, i) => {
    expect(o.id).to.equal(BigInt(i + 1));
    expect(o.debtor).to.not.equal(o.creditor);
    expect(o.amount >= UNIT && o.amount < 10_001n * UNIT, `amount ${o.amount}`).to.equal(true);
  });
}

describe("Clearing solver · instance shapes", () => {
  let glpk: Glpk;
  let highs: Highs;

  before(async () => {
    [glpk, highs] = await Promise.all([GLPK(), loadHighs()]);
  });

  it("a ring is one cycle through its n members (n obligations); many rings are disjoint cycles", () => {
    const ring = ringInstance(500, 3);
    expectWellFormed(ring);
    expect(ring.length).to.equal(500);
    expect(cyclesOf(ring).map((c) => c.length)).to.deep.equal([500]);
    const rings = manyRings(7, 30, 3);
    expectWellFormed(rings);
    expect(rings.length).to.equal(210);
    expect(cyclesOf(rings).map((c) => c.length)).to.deep.equal(Array(7).fill(30));
  });

  it("ring with chords, long path with back edges, torus, ring of cliques, star of rings, dense: sizes and degrees", () => {
    const chords = ringWithChords(300, 120, 4);
    expect([chords.length, graphOf(chords).members.size]).to.deep.equal([420, 300]);
    expect(cyclesOf(chords.slice(0, 300)).map((c) => c.length)).to.deep.equal([300]);

    const path = longPathBackEdges(400, 4);
    expect(path.length).to.equal(400 + 8);
    expect(cyclesOf(path.slice(0, 400)).map((c) => c.length)).to.deep.equal([400]); // the path and its back edge

    const torus = grid(12, 9, 4);
    const g = graphOf(torus);
    expect([torus.length, g.members.size]).to.deep.equal([2 * 12 * 9, 12 * 9]);
    for (const m of g.members) expect([g.out.get(m)!.length, g.into.get(m)!.length]).to.deep.equal([2, 2]);

    const cliques = ringOfCliques(5, 6, 4);
    expect([cliques.length, graphOf(cliques).members.size]).to.deep.equal([5 * (6 * 5 + 1), 30]);

    const star = starOfRings(8, 10, 4);
    const s = graphOf(star);
    expect([star.length, s.members.size]).to.deep.equal([80, 1 + 8 * 9]);
    const hub = [...s.members].filter((m) => s.out.get(m)!.length > 1);
    expect(hub.length).to.equal(1);
    expect([s.out.get(hub[0])!.length, s.into.get(hub[0])!.length]).to.deep.equal([8, 8]);

    const dense = denseSmall(30, 4);
    expect(dense.length).to.equal(30 * 29);
    expect(new Set(dense.map((o) => `${o.debtor}>${o.creditor}`)).size).to.equal(30 * 29);
    for (const x of [chords, path, torus, cliques, star, dense]) expectWellFormed(x);
  });

  it("power law: every member trades, most with a handful of partners, a few hubs with many", () => {
    const trades = powerLaw(2000, 20_000, 5);
    expectWellFormed(trades);
    const partners = new Map<string, Set<string>>();
    for (const o of trades)
      for (const [a, b] of [
        [o.debtor, o.creditor],
        [o.creditor, o.debtor],
      ])
        partners.set(a, (partners.get(a) ?? new Set()).add(b));
    const counts = [...partners.values()].map((p) => p.size).sort((a, b) => a - b);
    const median = counts[counts.length >> 1];
    expect(counts.length).to.equal(2000);
    expect(median).to.be.within(5, 20);
    expect(counts.at(-1)!).to.be.above(10 * median);
  });

  it("same seed, same instance; another seed, other amounts and another labelling", () => {
    expect(powerLaw(100, 500, 9)).to.deep.equal(powerLaw(100, 500, 9));
    expect(grid(5, 5, 9)).to.deep.equal(grid(5, 5, 9));
    const [a, b] = [ringInstance(50, 1), ringInstance(50, 2)];
    expect(a.map((o) => o.amount)).to.not.deep.equal(b.map((o) => o.amount));
    expect(a.map((o) => o.debtor)).to.not.deep.equal(b.map((o) => o.debtor));
  });

  const small: [string, () => ObligationInput[]][] = [
    ["ring", () => ringInstance(1000, 11)],
    ["ring with chords", () => ringWithChords(1000, 500, 12)],
    ["many rings", () => manyRings(20, 50, 13)],
    ["ring of cliques", () => ringOfCliques(10, 12, 14)],
    ["long path with back edges", () => longPathBackEdges(1500, 15)],
    ["torus", () => grid(30, 30, 16)],
    ["star of rings", () => starOfRings(20, 50, 17)],
    ["power law", () => powerLaw(200, 2000, 18)],
    ["dense", () => denseSmall(40, 19)],
  ];

  it("every shape (<= 2,000 obligations): the batch verifies, is proven optimal, and equals GLPK's and HiGHS's optimum", () => {
    for (const [name, make] of small) {
      const obligations = make();
      expect(obligations.length, name).to.be.at.most(2000);
      const s = solveClearing(obligations);
      expect(s.cleared > 0n, name).to.equal(true);
      expect(verifyBatch(obligations, s), name).to.deep.equal({ ok: true });
      expect(certificateViolations(obligations, s), name).to.deep.equal([]);
      expect(dualBound(obligations, s.potentials!), name).to.equal(s.cleared);
      const ours = units(s.cleared);
      const r = glpk.solve(clearingLp(glpk, obligations, [], UNIT), { msglev: glpk.GLP_MSG_OFF });
      expect(r.result.status, name).to.equal(glpk.GLP_OPT);
      expect(Math.abs(ours - r.result.z) / r.result.z, `${name}: GLPK`).to.be.below(1e-9);
      const h = solveHighs(highs, clearingHighsModel(highs, obligations, [], UNIT));
      expect(h.optimal, name).to.equal(true);
      expect(Math.abs(ours - h.objective) / h.objective, `${name}: HiGHS`).to.be.below(1e-9);
    }
  });

  it("both flow engines (primal-dual and cost scaling) clear the same optimum on every shape, each proven optimal", () => {
    for (const [name, make] of small) {
      const obligations = make();
      const dual = solveClearing(obligations, { engine: "primal-dual" });
      const scaling = solveClearing(obligations, { engine: "cost-scaling" });
      expect(scaling.cleared, name).to.equal(dual.cleared);
      for (const s of [dual, scaling]) {
        expect(verifyBatch(obligations, s), name).to.deep.equal({ ok: true });
        expect(certificateViolations(obligations, s), name).to.deep.equal([]);
        expect(dualBound(obligations, s.potentials!), name).to.equal(s.cleared);
      }
    }
  });

  it("rings clear exactly their smallest amount on every obligation (checked in bigint)", () => {
    const ring = ringInstance(1000, 11);
    expect(solveClearing(ring).cleared).to.equal(1000n * min(ring.map((o) => o.amount)));
    const rings = manyRings(20, 50, 13);
    const star = starOfRings(20, 50, 17); // the rings share only the hub: each clears on its own
    const perRing = (xs: ObligationInput[], k: number, size: number) =>
      Array.from({ length: k }, (_, r) => BigInt(size) * min(xs.slice(r * size, (r + 1) * size).map((o) => o.amount)));
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    expect(solveClearing(rings).cleared).to.equal(sum(perRing(rings, 20, 50)));
    expect(solveClearing(star).cleared).to.equal(sum(perRing(star, 20, 50)));
  });
});
