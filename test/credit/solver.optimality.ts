// The clearing solver is optimal: equal to an LP oracle (GLPK, dev-only) on seeded random graphs, and its dual
// certificate checked exactly in bigint (non-negative reduced costs, dual bound == amount cleared).
import { expect } from "chai";
import GLPK, { type GLPK as Glpk } from "glpk.js/node";
import {
  dualBound,
  mulberry32,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../../sdk/src/clearing/index.ts";
import { addr, certificateViolations, clearingLp, obligationsOf, randomInstance } from "./solver.helpers.ts";

let glpk: Glpk;

function lpOptimum(obligations: ObligationInput[], liquidity: LiquidityInput[] = [], unit = 1n): number {
  const r = glpk.solve(clearingLp(glpk, obligations, liquidity, unit), { msglev: glpk.GLP_MSG_OFF });
  expect(r.result.status).to.equal(glpk.GLP_OPT);
  return r.result.z;
}

/** Feasible (verifyBatch) and optimal (certificate) — exact, no floats. */
function expectProvenOptimal(obligations: ObligationInput[], s: ClearingSolution, liquidity: LiquidityInput[] = []) {
  if (s.setOffs.length > 0) expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
  expect(certificateViolations(obligations, s, liquidity)).to.deep.equal([]);
  expect(dualBound(obligations, s.potentials!, liquidity)).to.equal(s.cleared);
}

describe("Clearing solver · optimality", () => {
  before(async () => {
    glpk = await GLPK();
  });

  it("matches GLPK exactly on 300 small random graphs with integer amounts (a third with liquidity)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const n = 2 + (seed % 11);
      const m = 1 + ((seed * 7) % 40);
      const l = seed % 3 === 0 ? 1 + (seed % 6) : 0;
      const { obligations, liquidity } = randomInstance(seed, n, m, l, 20);
      const s = solveClearing(obligations, { liquidity });
      expect(s.cleared, `seed ${seed}`).to.equal(BigInt(Math.round(lpOptimum(obligations, liquidity))));
      expectProvenOptimal(obligations, s, liquidity);
    }
  });

  it("matches GLPK exactly on 20 medium graphs (60 members, 400 obligations, amounts up to 10^6)", () => {
    for (let seed = 1000; seed < 1020; seed++) {
      const { obligations, liquidity } = randomInstance(seed, 60, 400, seed % 2 ? 40 : 0, 1_000_000);
      const s = solveClearing(obligations, { liquidity });
      expect(s.cleared, `seed ${seed}`).to.equal(BigInt(Math.round(lpOptimum(obligations, liquidity))));
      expectProvenOptimal(obligations, s, liquidity);
    }
  });

  it("matches GLPK within 1e-9 on 20 graphs with 18-decimal amounts (and is proven optimal exactly)", () => {
    for (let seed = 2000; seed < 2020; seed++) {
      const { obligations, liquidity } = randomInstance(seed, 40, 250, seed % 2 ? 20 : 0, 10_000, 18);
      const s = solveClearing(obligations, { liquidity });
      const unit = 10n ** 18n;
      const z = lpOptimum(obligations, liquidity, unit);
      const ours = Number(s.cleared / unit) + Number(s.cleared % unit) / 1e18;
      expect(Math.abs(ours - z) / Math.max(1, z), `seed ${seed}`).to.be.below(1e-9);
      expectProvenOptimal(obligations, s, liquidity);
    }
  });

  it("matches GLPK exactly on 300 sparse graphs of series members: chains, loops through one member, lines in chains", () => {
    // Most members have one arc in and one out, so the solver contracts long runs of them into single arcs: check the
    // contraction (and the potentials it gives the members inside) on graphs made of such runs.
    for (let seed = 1; seed <= 300; seed++) {
      const rand = mulberry32(seed * 7919);
      const below = (k: number) => rand() % k;
      const n = 3 + below(30);
      const edges: [number, number, number][] = [];
      const lines: LiquidityInput[] = [];
      // a few cycles of random lengths over random members, some sharing a member, amounts 1..20
      for (let c = 0, cycles = 1 + below(4); c < cycles; c++) {
        const len = 2 + below(Math.min(n - 1, 12));
        const members: number[] = [];
        for (let i = 0; i < len; i++) {
          let v = below(n);
          while (members.includes(v)) v = (v + 1) % n;
          members.push(v);
        }
        for (let i = 0; i < len; i++) {
          const [d, c2] = [members[i], members[(i + 1) % len]];
          // now and then the step is a credit line (c2 may pay d) instead of an obligation
          if (seed % 3 === 0 && below(4) === 0)
            lines.push({ payer: addr(c2), payee: addr(d), capacity: BigInt(below(21)) });
          else edges.push([d, c2, 1 + below(20)]);
        }
      }
      for (let i = 0, chords = below(3); i < chords; i++) {
        const d = below(n);
        edges.push([d, (d + 1 + below(n - 1)) % n, 1 + below(20)]);
      }
      const obligations = obligationsOf(edges);
      const s = solveClearing(obligations, { liquidity: lines });
      expect(s.cleared, `seed ${seed}`).to.equal(BigInt(Math.round(lpOptimum(obligations, lines))));
      expectProvenOptimal(obligations, s, lines);
    }
  });

  it("cost scaling matches GLPK exactly on 300 small random graphs (a third with liquidity) and 20 medium ones", () => {
    for (let seed = 1; seed <= 320; seed++) {
      const medium = seed > 300;
      const { obligations, liquidity } = medium
        ? randomInstance(seed, 60, 400, seed % 2 ? 40 : 0, 1_000_000)
        : randomInstance(seed, 2 + (seed % 11), 1 + ((seed * 7) % 40), seed % 3 === 0 ? 1 + (seed % 6) : 0, 20);
      const s = solveClearing(obligations, { liquidity, engine: "cost-scaling" });
      expect(s.cleared, `seed ${seed}`).to.equal(BigInt(Math.round(lpOptimum(obligations, liquidity))));
      expectProvenOptimal(obligations, s, liquidity);
    }
  });

  it("certifies structured graphs: rings, rings with chords, complete digraphs, stars, bipartite back-and-forth", () => {
    const cases: ObligationInput[][] = [];
    const ring = (k: number, amount: (i: number) => number) =>
      Array.from({ length: k }, (_, i) => [i, (i + 1) % k, amount(i)] as [number, number, number]);
    cases.push(obligationsOf(ring(200, (i) => 1 + ((i * 37) % 101))));
    cases.push(
      obligationsOf([
        ...ring(100, (i) => 50 + (i % 7)),
        ...ring(100, (i) => 1 + (i % 5)).map(([d, c, a]) => [d, (c + 17) % 100, a] as [number, number, number]),
      ]),
    );
    const complete: [number, number, number][] = [];
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) if (i !== j) complete.push([i, j, 1 + ((i * 13 + j * 7) % 23)]);
    cases.push(obligationsOf(complete));
    cases.push(
      obligationsOf(
        Array.from(
          { length: 30 },
          (_, i) => (i % 2 ? [0, 1 + (i % 10), i + 1] : [1 + (i % 10), 0, i + 2]) as [number, number, number],
        ),
      ),
    );
    const bipartite: [number, number, number][] = [];
    for (let i = 0; i < 10; i++)
      for (let j = 10; j < 20; j++) bipartite.push((i + j) % 3 ? [i, j, 1 + ((i * j) % 9)] : [j, i, 2 + ((i + j) % 7)]);
    cases.push(obligationsOf(bipartite));
    for (const [i, obligations] of cases.entries()) {
      const s = solveClearing(obligations);
      expect(s.cleared, `case ${i}`).to.equal(BigInt(Math.round(lpOptimum(obligations))));
      expectProvenOptimal(obligations, s);
    }
  });

  it("certifies large random instances exactly (2,000 members, 20,000 obligations, 18 decimals, with liquidity)", () => {
    const { obligations, liquidity } = randomInstance(77, 2000, 20_000, 500, 10_000, 18);
    const s = solveClearing(obligations, { liquidity });
    expect(s.cleared > 0n && s.movedToCredit > 0n).to.equal(true);
    expectProvenOptimal(obligations, s, liquidity);
  });

  it("the certificate check is not vacuous: it rejects a feasible but suboptimal batch", () => {
    // optimum uses the long cycle A->B->C->D->A; the short cycle A->B->A is feasible but clears less
    const obligations = obligationsOf([
      [0, 1, 1],
      [1, 0, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 0, 1],
    ]);
    const best = solveClearing(obligations);
    const worse: ClearingSolution = {
      ...best,
      setOffs: [
        { id: 1n, amount: 1n },
        { id: 2n, amount: 1n },
      ],
      cleared: 2n,
    };
    expect(verifyBatch(obligations, worse)).to.deep.equal({ ok: true });
    expect(certificateViolations(obligations, worse)).to.not.deep.equal([]);
    expect(dualBound(obligations, best.potentials!)).to.equal(4n);
    // any potentials give an upper bound: all-zero potentials bound by the total
    const zero = new Map([0, 1, 2, 3].map((i) => [addr(i), 0n]));
    expect(dualBound(obligations, zero)).to.equal(5n);
  });
});
