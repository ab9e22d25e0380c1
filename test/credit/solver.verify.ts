import { expect } from "chai";
import {
  BRIDGE_EDGES,
  chunkEdges,
  chunkSolution,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../../sdk/src/clearing/index.ts";
import {
  addr,
  applySetOffs,
  longPathBackEdges,
  obligationsOf,
  positionChanges,
  randomInstance,
  ringInstance,
  ringWithChords,
} from "./solver.helpers.ts";

const [A, B, C, D] = [addr(0), addr(1), addr(2), addr(3)];

/** Two 3-cycles and a chain closed by a credit line: a batch with three set-off groups and one credit move. */
function fixture() {
  const obligations = obligationsOf([
    [0, 1, 5], // 1
    [1, 2, 5], // 2
    [2, 0, 5], // 3
    [1, 3, 4], // 4
    [3, 0, 4], // 5
    [0, 1, 4], // 6 (A -> B again, so 1 and 6 both feed B)
    [3, 2, 6], // 7
    [2, 4, 6], // 8: closed by the line 3 -> 4 (D pays E on credit)
  ]);
  const liquidity: LiquidityInput[] = [{ payer: D, payee: addr(4), capacity: 6n }];
  const solution = solveClearing(obligations, { liquidity });
  return { obligations, liquidity, solution };
}

const tamper = (s: ClearingSolution, f: (c: ClearingSolution) => void): ClearingSolution => {
  const c: ClearingSolution = {
    ...s,
    setOffs: s.setOffs.map((x) => ({ ...x })),
    creditMoves: s.creditMoves.map((x) => ({ ...x })),
  };
  f(c);
  return c;
};

describe("Clearing solver · verifyBatch mirrors the contract's checks", () => {
  it("accepts the solver's batch", () => {
    const { obligations, liquidity, solution } = fixture();
    expect(solution.setOffs.length).to.equal(8);
    expect(solution.creditMoves.length).to.equal(1);
    expect(verifyBatch(obligations, solution, liquidity)).to.deep.equal({ ok: true });
  });

  it("EmptyBatch: no set-offs", () => {
    const { obligations, liquidity, solution } = fixture();
    const t = tamper(solution, (c) => (c.setOffs = []));
    expect(verifyBatch(obligations, t, liquidity)).to.deep.equal({ ok: false, reason: "EmptyBatch()" });
  });

  it("DuplicateEdge and EdgesNotSorted: set-offs strictly ascending by id", () => {
    const { obligations, liquidity, solution } = fixture();
    const dup = tamper(solution, (c) => c.setOffs.splice(2, 0, { ...c.setOffs[1] }));
    expect(verifyBatch(obligations, dup, liquidity)).to.deep.equal({ ok: false, reason: "DuplicateEdge(2, 2)" });
    const swapped = tamper(solution, (c) => ([c.setOffs[3], c.setOffs[4]] = [c.setOffs[4], c.setOffs[3]]));
    expect(verifyBatch(obligations, swapped, liquidity)).to.deep.equal({ ok: false, reason: "EdgesNotSorted(4, 4)" });
  });

  it("UnknownObligation, ZeroAmount, SetOffExceedsRemaining", () => {
    const { obligations, liquidity, solution } = fixture();
    const unknown = tamper(solution, (c) => c.setOffs.push({ id: 99n, amount: 1n }));
    expect(verifyBatch(obligations, unknown, liquidity)).to.deep.equal({ ok: false, reason: "UnknownObligation(99)" });
    const zero = tamper(solution, (c) => (c.setOffs[0].amount = 0n));
    expect(verifyBatch(obligations, zero, liquidity).ok).to.equal(false);
    expect((verifyBatch(obligations, zero, liquidity) as { reason: string }).reason).to.match(
      /^ZeroAmount\(\) at set-off 0/,
    );
    const over = tamper(solution, (c) => (c.setOffs[0].amount = 6n));
    expect(verifyBatch(obligations, over, liquidity)).to.deep.equal({
      ok: false,
      reason: "SetOffExceedsRemaining(1, 5, 6)",
    });
  });

  it("VertexNotConserved: a set-off changed within its bounds", () => {
    const { obligations, liquidity, solution } = fixture();
    const t = tamper(solution, (c) => (c.setOffs[1].amount -= 1n)); // B -> C
    expect(verifyBatch(obligations, t, liquidity)).to.deep.equal({ ok: false, reason: `VertexNotConserved(${B}, -1)` });
  });

  it("credit moves: SelfDealing, CreditMovesNotSorted, ZeroAmount, CreditLimitExceeded", () => {
    const { obligations, liquidity, solution } = fixture();
    const move = solution.creditMoves[0];
    const self = tamper(solution, (c) => (c.creditMoves[0].payee = move.payer.toUpperCase().replace("0X", "0x")));
    expect(verifyBatch(obligations, self, liquidity)).to.deep.equal({
      ok: false,
      reason: `SelfDealing(${move.payer})`,
    });
    const twice = tamper(solution, (c) => c.creditMoves.push({ ...move, amount: 1n }));
    expect(verifyBatch(obligations, twice, [...liquidity, ...liquidity])).to.deep.equal({
      ok: false,
      reason: `CreditMovesNotSorted(1, ${move.payer}, ${move.payee})`,
    });
    const lines = [...liquidity, { payer: A, payee: B, capacity: 1n }];
    const unsorted = tamper(solution, (c) => c.creditMoves.push({ payer: A, payee: B, amount: 1n }));
    expect(verifyBatch(obligations, unsorted, lines)).to.deep.equal({
      ok: false,
      reason: `CreditMovesNotSorted(1, ${A}, ${B})`,
    });
    const zero = tamper(solution, (c) => (c.creditMoves[0].amount = 0n));
    expect((verifyBatch(obligations, zero, liquidity) as { reason: string }).reason).to.match(
      /^ZeroAmount\(\) at credit/,
    );
    const over = tamper(solution, (c) => (c.creditMoves[0].amount = 7n));
    expect(verifyBatch(obligations, over, liquidity)).to.deep.equal({
      ok: false,
      reason: `CreditLimitExceeded(0, ${move.payer}, ${move.payee}, 6, 7)`,
    });
    // without the liquidity the move has no line at all
    expect(verifyBatch(obligations, solution)).to.deep.equal({
      ok: false,
      reason: `CreditLimitExceeded(0, ${move.payer}, ${move.payee}, 0, 6)`,
    });
  });

  it("a credit move that is not matched by set-offs breaks conservation", () => {
    const { obligations, liquidity, solution } = fixture();
    const t = tamper(solution, (c) => (c.creditMoves[0].amount = 5n));
    expect(verifyBatch(obligations, t, liquidity)).to.deep.equal({ ok: false, reason: `VertexNotConserved(${D}, 1)` });
  });

  it("totals must match the set-offs and moves", () => {
    const { obligations, liquidity, solution } = fixture();
    expect(verifyBatch(obligations, { ...solution, cleared: solution.cleared + 1n }, liquidity).ok).to.equal(false);
    expect(verifyBatch(obligations, { ...solution, movedToCredit: 0n }, liquidity).ok).to.equal(false);
  });
});

describe("Clearing solver · chunkSolution", () => {
  /** Applies chunks in order, re-verifying each against the state left by the previous ones. */
  function applyInOrder(obligations: ObligationInput[], liquidity: LiquidityInput[], chunks: ClearingSolution[]) {
    let state = obligations;
    let lines = liquidity;
    for (const [i, chunk] of chunks.entries()) {
      expect(verifyBatch(state, chunk, lines), `chunk ${i}`).to.deep.equal({ ok: true });
      expect(positionChanges(state, chunk).size, `chunk ${i}`).to.equal(0);
      state = applySetOffs(state, chunk);
      // a used line has that much less capacity left
      lines = lines.map((q) => ({ ...q }));
      for (const m of chunk.creditMoves) {
        let left = m.amount;
        for (const q of lines) {
          if (q.payer !== m.payer || q.payee !== m.payee) continue;
          const used = left < q.capacity ? left : q.capacity;
          q.capacity -= used;
          left -= used;
        }
      }
    }
    return state;
  }

  const sumById = (chunks: ClearingSolution[]) => {
    const total = new Map<bigint, bigint>();
    for (const c of chunks) for (const s of c.setOffs) total.set(s.id, (total.get(s.id) ?? 0n) + s.amount);
    return [...total].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  };
  const movesByPair = (moves: { payer: string; payee: string; amount: bigint }[]) => {
    const total = new Map<string, bigint>();
    for (const m of moves) total.set(`${m.payer}>${m.payee}`, (total.get(`${m.payer}>${m.payee}`) ?? 0n) + m.amount);
    return [...total].sort();
  };

  it("random batches: every chunk conserves and verifies in sequence; the union is the solution", () => {
    for (const [seed, n, m, l, max] of [
      [1, 30, 200, 10, 10],
      [2, 60, 500, 30, 40],
      [3, 200, 1500, 50, 100],
      [4, 12, 60, 4, 3],
    ]) {
      const { obligations, liquidity } = randomInstance(seed, n, m, l, 1000, 18);
      const solution = solveClearing(obligations, { liquidity });
      const chunks = chunkSolution(solution, obligations, max, liquidity);
      expect(chunks.length).to.be.greaterThan(1);
      for (const c of chunks) expect(c.setOffs.length + (c.split && c.split.index > 1 ? 1 : 0)).to.be.greaterThan(0); // never an EmptyBatch
      expect(sumById(chunks)).to.deep.equal(solution.setOffs.map((s) => [s.id, s.amount]));
      expect(movesByPair(chunks.flatMap((c) => c.creditMoves))).to.deep.equal(movesByPair(solution.creditMoves));
      // The bridges the parts set off are counted in their `cleared`.
      const bridged = chunks.reduce((t, c) => t + (c.split?.bridge?.amount ?? 0n), 0n);
      expect(chunks.reduce((t, c) => t + c.cleared, 0n) - bridged).to.equal(solution.cleared);
      // Every chunk conserves every position, bridges included, with outstanding before each as the contract has it.
      applyParts(obligations, chunks);
      // Without parts, each chunk is also a batch that verifies on its own against what the ones before left.
      if (!chunks.some((c) => c.split)) {
        const final = applyInOrder(obligations, liquidity, chunks);
        expect(final).to.deep.equal(applySetOffs(obligations, solution));
      }
      expect(chunks[0].nid).to.equal(solution.nid);
    }
  });

  it("packs whole cycles up to the limit; a cycle longer than the limit is split into parts", () => {
    // two disjoint 3-cycles
    const obligations = obligationsOf([
      [0, 1, 5],
      [1, 2, 5],
      [2, 0, 5],
      [3, 4, 2],
      [4, 5, 2],
      [5, 3, 2],
    ]);
    const solution = solveClearing(obligations);
    const whole = chunkSolution(solution, obligations, 6);
    expect(whole.length).to.equal(1);
    expect(whole[0].setOffs).to.deep.equal(solution.setOffs);
    const perCycle = chunkSolution(solution, obligations, 3);
    expect(perCycle.map((c) => c.setOffs.map((s) => s.id))).to.deep.equal([
      [1n, 2n, 3n],
      [4n, 5n, 6n],
    ]);
    expect(perCycle.map((c) => c.cleared)).to.deep.equal([15n, 6n]);
    const tooSmall = chunkSolution(solution, obligations, 2);
    expect(tooSmall.map((c) => [c.setOffs.length, c.split?.index, c.split?.count])).to.deep.equal([
      [1, 1, 3],
      [1, 2, 3],
      [1, 3, 3],
      [1, 1, 3],
      [1, 2, 3],
      [1, 3, 3],
    ]);
    applyParts(obligations, tooSmall);
  });

  it("keeps credit moves with their set-offs, sorted per the contract's rules", () => {
    const { obligations, liquidity, solution } = fixture();
    const chunks = chunkSolution(solution, obligations, 3, liquidity);
    expect(chunks.length).to.be.greaterThan(1);
    expect(chunks.flatMap((c) => c.creditMoves).reduce((t, m) => t + m.amount, 0n)).to.equal(6n);
    for (const c of chunks) expect(verifyBatch(obligations, c, liquidity)).to.deep.equal({ ok: true });
  });

  it("empty solution: no chunks; invalid solution or limit: throws", () => {
    const obligations = obligationsOf([
      [0, 1, 5],
      [1, 2, 5],
    ]);
    expect(chunkSolution(solveClearing(obligations), obligations, 10)).to.deep.equal([]);
    const bad = { ...solveClearing(obligations), setOffs: [{ id: 1n, amount: 5n }], cleared: 5n };
    expect(() => chunkSolution(bad, obligations, 10)).to.throw(/does not verify: VertexNotConserved/);
    const cycle = obligationsOf([
      [0, 1, 5],
      [1, 0, 5],
    ]);
    expect(() => chunkSolution(solveClearing(cycle), cycle, 0)).to.throw(/maxEdgesPerChunk/);
    expect(C).to.not.equal(D);
  });

  /**
   * The contract's view of a sequence of chunks (CreditNetwork.clear / clearPart): obligations by id with what is left,
   * the bridge a part left open; every chunk must leave every member's net position as it was (bridges counted) and
   * never set off more than is left. Returns what is left of each input obligation at the end.
   */
  function applyParts(obligations: readonly ObligationInput[], chunks: readonly ClearingSolution[]) {
    const left = new Map(obligations.map((o) => [o.id, { ...o }]));
    let outstanding = obligations.reduce((t, o) => t + o.amount, 0n);
    let bridge: { debtor: string; creditor: string; amount: bigint } | undefined;
    for (const [i, c] of chunks.entries()) {
      expect(c.obligationsBefore, `chunk ${i}: outstanding before`).to.equal(outstanding);
      const delta = new Map<string, bigint>();
      const shift = (who: string, by: bigint) =>
        delta.set(who.toLowerCase(), (delta.get(who.toLowerCase()) ?? 0n) + by);
      let cleared = 0n;
      for (const s of c.setOffs) {
        const o = left.get(s.id)!;
        expect(s.amount > 0n && s.amount <= o.amount, `chunk ${i}: set-off on ${s.id}`).to.equal(true);
        o.amount -= s.amount;
        cleared += s.amount;
        shift(o.debtor, s.amount);
        shift(o.creditor, -s.amount);
      }
      for (const m of c.creditMoves) {
        shift(m.payee, m.amount);
        shift(m.payer, -m.amount);
      }
      if (c.split && c.split.index > 1) {
        expect(bridge, `chunk ${i}: a bridge to set off`).to.not.equal(undefined);
        shift(bridge!.debtor, bridge!.amount);
        shift(bridge!.creditor, -bridge!.amount);
        cleared += bridge!.amount;
        bridge = undefined;
      } else {
        expect(bridge, `chunk ${i}: the part before left a bridge`).to.equal(undefined);
      }
      if (c.split?.bridge) {
        bridge = c.split.bridge;
        expect(bridge.debtor.toLowerCase()).to.not.equal(bridge.creditor.toLowerCase());
        shift(bridge.debtor, -bridge.amount);
        shift(bridge.creditor, bridge.amount);
        outstanding += bridge.amount;
      }
      expect(c.cleared, `chunk ${i}: cleared`).to.equal(cleared);
      outstanding -= cleared;
      for (const [who, d] of delta) expect(d, `chunk ${i}: ${who}'s position`).to.equal(0n);
    }
    expect(bridge, "a bridge left after the last part").to.equal(undefined);
    return [...left.values()].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => o.amount);
  }

  it("a cycle longer than a chunk is split into parts: each conserves every position, bridges included", () => {
    for (const [name, obligations, max] of [
      ["ring of 200", ringInstance(200, 3), 24],
      ["ring of 200, the smallest budget for a part", ringInstance(200, 4), BRIDGE_EDGES + 2],
      ["ring of 60 with 20 chords", ringWithChords(60, 20, 5), 16],
      ["long path with back edges", longPathBackEdges(120, 6), 20],
    ] as [string, ObligationInput[], number][]) {
      const solution = solveClearing(obligations);
      const chunks = chunkSolution(solution, obligations, max);
      expect(
        chunks.some((c) => c.split),
        `${name}: some cycle is split`,
      ).to.equal(true);
      for (const c of chunks) {
        expect(chunkEdges(c), `${name}: a chunk within ${max} edges`).to.be.at.most(max);
        expect(c.nid, `${name}: NID`).to.equal(solution.nid);
      }
      // Parts run in order, 1..count, right after each other.
      for (let i = 0; i < chunks.length; i++) {
        const p = chunks[i].split;
        if (!p) continue;
        expect(p.index === 1 || chunks[i - 1].split?.index === p.index - 1, `${name}: part order`).to.equal(true);
        if (p.index < p.count) expect(chunks[i + 1].split?.index, `${name}: next part`).to.equal(p.index + 1);
      }
      const setOff = new Map(solution.setOffs.map((x) => [x.id, x.amount]));
      const expected = [...obligations]
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((o) => o.amount - (setOff.get(o.id) ?? 0n));
      expect(applyParts(obligations, chunks), `${name}: the parts add up to the solution`).to.deep.equal(expected);
    }
  });

  it("a split ring: parts of the stretch the budget leaves, bridges from its first member", () => {
    const obligations = ringInstance(30, 9);
    const solution = solveClearing(obligations);
    const max = BRIDGE_EDGES + 1 + 10; // ten ring edges per part
    const chunks = chunkSolution(solution, obligations, max);
    expect(chunks.map((c) => [c.split?.index, c.split?.count, c.setOffs.length])).to.deep.equal([
      [1, 3, 10],
      [2, 3, 10],
      [3, 3, 10],
    ]);
    const ring = solution.setOffs[0].amount; // a ring clears its smallest obligation on every edge
    expect(chunks[0].split!.bridge!.amount).to.equal(ring);
    expect(chunks[0].split!.bridge!.debtor).to.equal(chunks[1].split!.bridge!.debtor);
    expect(chunks[2].split!.bridge).to.equal(undefined);
  });
});
