// The primal-dual min-cost flow engine (sdk/src/clearing/mcf.ts) with both of its phase flows, push-relabel on float64
// limbs (the default) and Dinic on bigints: on seeded random problems and on the MTCS form of every instance shape,
// each returns a feasible flow (bounds and every supply exactly, in bigint) whose potentials leave no residual arc of
// negative reduced cost (so it is optimal), and both find the same least cost.
import { expect } from "chai";
import { minCostFlow, mulberry32, type FlowProblem, type ObligationInput } from "../../sdk/src/clearing/index.ts";
import {
  denseSmall,
  grid,
  longPathBackEdges,
  manyRings,
  powerLaw,
  ringInstance,
  ringOfCliques,
  ringWithChords,
  starOfRings,
} from "./solver.helpers.ts";

/** A seeded generator of numbers in [0, 1). */
const uniform = (seed: number) => {
  const next = mulberry32(seed);
  return () => next() / 2 ** 32;
};

/** Checks feasibility and the certificate exactly; returns the total cost. */
function expectOptimal(problem: FlowProblem, flow: bigint[], pi: Float64Array, label: string): bigint {
  const { n, m, from, to, cost, cap, supply } = problem;
  const balance: bigint[] = supply.slice();
  let total = 0n;
  for (let e = 0; e < m; e++) {
    const f = flow[e];
    expect(f >= 0n && f <= cap[e], `${label}: arc ${e} flow ${f} within [0, ${cap[e]}]`).to.equal(true);
    balance[from[e]] -= f;
    balance[to[e]] += f;
    total += f * BigInt(cost[e]);
    const reduced = cost[e] + pi[from[e]] - pi[to[e]];
    expect(Number.isInteger(pi[from[e]]) && Number.isInteger(pi[to[e]]), `${label}: integer potentials`).to.equal(true);
    if (f < cap[e]) expect(reduced >= 0, `${label}: arc ${e} can grow but has reduced cost ${reduced}`).to.equal(true);
    if (f > 0n) expect(reduced <= 0, `${label}: arc ${e} can shrink but has reduced cost ${reduced}`).to.equal(true);
  }
  for (let v = 0; v < n; v++) expect(balance[v], `${label}: node ${v} keeps its supply`).to.equal(0n);
  return total;
}

/** Both phase flows: each optimal, the same cost; returns the push-relabel run's statistics. */
function solveBoth(problem: FlowProblem, label: string) {
  const push = minCostFlow({ ...problem, phaseFlow: "push-relabel" });
  const dinic = minCostFlow({ ...problem, phaseFlow: "dinic" });
  const costPush = expectOptimal(problem, push.flow, push.pi, `${label} (push-relabel)`);
  const costDinic = expectOptimal(problem, dinic.flow, dinic.pi, `${label} (Dinic)`);
  expect(costPush, label).to.equal(costDinic);
  expect(dinic.relabels, label).to.equal(0);
  return push;
}

/**
 * A random feasible problem: random arcs (parallel arcs, both directions and zero costs included), a random flow within
 * the capacities, and the supplies that flow implies.
 */
function randomProblem(seed: number, n: number, m: number, maxCost: number, amount: () => bigint): FlowProblem {
  const rnd = uniform(seed);
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const cost = new Int32Array(m);
  const cap: bigint[] = [];
  const supply: bigint[] = new Array<bigint>(n).fill(0n);
  for (let e = 0; e < m; e++) {
    const u = Math.floor(rnd() * n);
    let v = Math.floor(rnd() * (n - 1));
    if (v >= u) v++;
    from[e] = u;
    to[e] = v;
    cost[e] = Math.floor(rnd() * (maxCost + 1));
    const c = amount();
    cap.push(c);
    const f = rnd() < 0.5 ? 0n : rnd() < 0.5 ? c : (c * BigInt(Math.floor(rnd() * 1000))) / 1000n;
    supply[u] += f;
    supply[v] -= f;
  }
  return { n, m, from, to, cost, cap, supply };
}

/** The MTCS form of a clearing instance: the remaining amounts carry every member's net debt, cost 1 per unit. */
function mtcsProblem(obligations: readonly ObligationInput[]): FlowProblem {
  const index = new Map<string, number>();
  const id = (a: string) => index.get(a) ?? (index.set(a, index.size), index.size - 1);
  const m = obligations.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const cap: bigint[] = [];
  for (let e = 0; e < m; e++) {
    from[e] = id(obligations[e].debtor);
    to[e] = id(obligations[e].creditor);
    cap.push(obligations[e].amount);
  }
  const supply: bigint[] = new Array<bigint>(index.size).fill(0n);
  for (let e = 0; e < m; e++) {
    supply[from[e]] += cap[e];
    supply[to[e]] -= cap[e];
  }
  return { n: index.size, m, from, to, cost: new Int32Array(m).fill(1), cap, supply };
}

describe("Clearing solver · min-cost flow engine (push-relabel and Dinic phases)", () => {
  it("both phase flows are optimal and agree on 200 random problems (costs 0..5, small and 18-decimal amounts)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = uniform(10_000 + seed);
      const n = 2 + (seed % 30);
      const m = 1 + ((seed * 13) % 150);
      const amount =
        seed % 2 === 0
          ? () => BigInt(1 + Math.floor(rnd() * 20))
          : () => BigInt(Math.floor(rnd() * 10_000)) * 10n ** 18n + BigInt(Math.floor(rnd() * 1e9));
      const push = solveBoth(randomProblem(seed, n, m, seed % 6, amount), `seed ${seed}`);
      expect(push.rounds, `seed ${seed}: push-relabel ran`).to.equal(0);
    }
  });

  it("both phase flows are optimal and agree on the MTCS form of every instance shape", () => {
    const shapes: [string, ObligationInput[]][] = [
      ["ring", ringInstance(300, 3)],
      ["ring with chords", ringWithChords(300, 600, 5)],
      ["disjoint rings", manyRings(10, 30, 7)],
      ["ring of cliques", ringOfCliques(40, 4, 9)],
      ["long path with back edges", longPathBackEdges(400, 11)],
      ["torus", grid(15, 15, 13)],
      ["rings sharing a hub", starOfRings(10, 30, 17)],
      ["trade-like power law", powerLaw(300, 3000, 19)],
      ["complete digraph", denseSmall(25, 23)],
    ];
    for (const [name, obligations] of shapes) {
      const push = solveBoth(mtcsProblem(obligations), name);
      expect(push.relabels + push.augmentations, `${name}: push-relabel ran`).to.be.greaterThan(0);
    }
  });

  it("amounts beyond the limbs (capacities summing to 2^100 or more) fall back to Dinic, still exact and optimal", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = uniform(20_000 + seed);
      const amount = () => (1n << 99n) + BigInt(Math.floor(rnd() * 1e15)) * 10n ** 12n;
      const problem = randomProblem(seed, 3 + (seed % 8), 4 + seed * 3, 3, amount);
      const run = minCostFlow(problem);
      expectOptimal(problem, run.flow, run.pi, `seed ${seed}`);
      expect(run.relabels, `seed ${seed}: no push-relabel`).to.equal(0);
    }
  });

  it("phase limits hold with push-relabel: stops after maxPhases with PhaseLimitError", () => {
    const problem = mtcsProblem(ringWithChords(500, 1500, 29));
    const { phases } = minCostFlow(problem);
    expect(phases).to.be.greaterThan(2);
    expect(() => minCostFlow({ ...problem, maxPhases: 2 })).to.throw("stopped after 2 phases");
  });
});
