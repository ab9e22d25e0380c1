import { expect } from "chai";
import {
  dualBound,
  netInternalDebt,
  netPositions,
  solveClearing,
  verifyBatch,
  type ObligationInput,
} from "../../sdk/src/clearing/index.ts";
import {
  addr,
  applySetOffs,
  certificateViolations,
  obligationsOf,
  positionChanges,
  randomInstance,
} from "./solver.helpers.ts";

const [A, B, C, D] = [addr(0), addr(1), addr(2), addr(3)];
const amounts = (s: { setOffs: { id: bigint; amount: bigint }[] }) => s.setOffs.map((x) => [x.id, x.amount]);

describe("Clearing solver · basics", () => {
  it("empty input: nothing to clear", () => {
    const s = solveClearing([]);
    expect(s).to.deep.include({
      setOffs: [],
      creditMoves: [],
      obligationsBefore: 0n,
      cleared: 0n,
      nid: 0n,
      members: 0,
    });
    expect(s.movedToCredit).to.equal(0n);
    expect(verifyBatch([], s)).to.deep.equal({ ok: false, reason: "EmptyBatch()" });
  });

  it("no cycle: a chain and a shortcut clear nothing", () => {
    const obligations = obligationsOf([
      [0, 1, 10],
      [1, 2, 10],
      [0, 2, 5],
    ]);
    const s = solveClearing(obligations);
    expect(s.setOffs).to.deep.equal([]);
    expect(s.cleared).to.equal(0n);
    expect(s.obligationsBefore).to.equal(25n);
    expect(s.nid).to.equal(15n); // C is owed 15; B nets to 0
    expect(s.members).to.equal(3);
    expect(certificateViolations(obligations, s)).to.deep.equal([]);
    expect(dualBound(obligations, s.potentials!)).to.equal(0n);
  });

  it("a 3-cycle clears its smallest amount on every edge", () => {
    const obligations = obligationsOf([
      [0, 1, 5],
      [1, 2, 7],
      [2, 0, 9],
    ]);
    const s = solveClearing(obligations);
    expect(amounts(s)).to.deep.equal([
      [1n, 5n],
      [2n, 5n],
      [3n, 5n],
    ]);
    expect(s.cleared).to.equal(15n);
    expect(s.creditMoves).to.deep.equal([]);
    // remaining 0, 2, 4: NID (C is owed... A owes 4 net) = 4, unchanged by set-off
    expect(s.nid).to.equal(4n);
    expect(netInternalDebt(applySetOffs(obligations, s))).to.equal(4n);
    expect(verifyBatch(obligations, s)).to.deep.equal({ ok: true });
  });

  it("two cycles sharing an edge: the shared edge is cleared in full, split between them", () => {
    // A->B (10) shared by A->B->C->A (6) and A->B->D->A (7): 10 on A->B, 10 more on each side, total 30.
    const obligations = obligationsOf([
      [0, 1, 10],
      [1, 2, 6],
      [2, 0, 6],
      [1, 3, 7],
      [3, 0, 7],
    ]);
    const s = solveClearing(obligations);
    expect(s.cleared).to.equal(30n);
    expect(s.setOffs[0]).to.deep.equal({ id: 1n, amount: 10n });
    expect(verifyBatch(obligations, s)).to.deep.equal({ ok: true });
    expect(certificateViolations(obligations, s)).to.deep.equal([]);
  });

  it("maximises the amount cleared, not the number of cycles: a long cycle beats a short one on a shared edge", () => {
    // A->B (1) is either in A->B->A (clears 2) or in A->B->C->D->A (clears 4).
    const obligations = obligationsOf([
      [0, 1, 1],
      [1, 0, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 0, 1],
    ]);
    const s = solveClearing(obligations);
    expect(s.cleared).to.equal(4n);
    expect(amounts(s)).to.deep.equal([
      [1n, 1n],
      [3n, 1n],
      [4n, 1n],
      [5n, 1n],
    ]);
  });

  it("rejects self-loops (case-insensitively) and other invalid input", () => {
    expect(() => solveClearing([{ id: 1n, debtor: A, creditor: A, amount: 1n }])).to.throw(/same debtor and creditor/);
    const base = obligationsOf([
      [0, 1, 1],
      [1, 0, 1],
    ]);
    expect(() => solveClearing([base[0], { ...base[1], id: 1n }])).to.throw(/duplicate obligation id 1/);
    expect(() => solveClearing([{ ...base[0], amount: 0n }])).to.throw(/amount must be > 0/);
    expect(() => solveClearing(base, { liquidity: [{ payer: A, payee: B, capacity: -1n }] })).to.throw(/capacity/);
    expect(() => solveClearing(base, { liquidity: [{ payer: A, payee: A, capacity: 1n }] })).to.throw(/payer = payee/);
  });

  it("never returns a self-loop credit move, even with lines both ways", () => {
    const obligations = obligationsOf([
      [0, 1, 10],
      [1, 2, 10],
    ]);
    const liquidity = [
      { payer: A, payee: C, capacity: 10n },
      { payer: C, payee: A, capacity: 10n },
      { payer: A, payee: B, capacity: 3n },
      { payer: B, payee: A, capacity: 3n },
    ];
    const s = solveClearing(obligations, { liquidity });
    for (const m of s.creditMoves) expect(m.payer.toLowerCase()).to.not.equal(m.payee.toLowerCase());
    expect(s.cleared).to.equal(20n);
    expect(s.creditMoves).to.deep.equal([{ payer: A, payee: C, amount: 10n }]); // no useless round trips
    expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
  });

  it("liquidity closes a chain that cannot clear on its own (A owes B, B owes C, A may pay C on credit)", () => {
    const obligations = obligationsOf([
      [0, 1, 10],
      [1, 2, 10],
    ]);
    expect(solveClearing(obligations).cleared).to.equal(0n);
    const liquidity = [{ payer: A, payee: C, capacity: 10n }];
    const s = solveClearing(obligations, { liquidity });
    expect(amounts(s)).to.deep.equal([
      [1n, 10n],
      [2n, 10n],
    ]);
    expect(s.creditMoves).to.deep.equal([{ payer: A, payee: C, amount: 10n }]);
    expect(s.movedToCredit).to.equal(10n);
    expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
    expect(positionChanges(obligations, s).size).to.equal(0);
    expect(certificateViolations(obligations, s, liquidity)).to.deep.equal([]);
    // a smaller line clears only that much
    const small = solveClearing(obligations, { liquidity: [{ payer: A, payee: C, capacity: 4n }] });
    expect(amounts(small)).to.deep.equal([
      [1n, 4n],
      [2n, 4n],
    ]);
    // a line in the wrong direction is useless, as is a zero-capacity one
    expect(solveClearing(obligations, { liquidity: [{ payer: C, payee: A, capacity: 10n }] }).cleared).to.equal(0n);
    expect(solveClearing(obligations, { liquidity: [{ payer: A, payee: C, capacity: 0n }] }).cleared).to.equal(0n);
  });

  it("parallel lines of one pair are merged into one credit move", () => {
    const obligations = obligationsOf([
      [0, 1, 10],
      [1, 2, 10],
      [2, 3, 10],
    ]);
    const liquidity = [
      { payer: A, payee: D, capacity: 4n },
      { payer: A, payee: D, capacity: 5n },
    ];
    const s = solveClearing(obligations, { liquidity });
    expect(s.creditMoves).to.deep.equal([{ payer: A, payee: D, amount: 9n }]);
    expect(s.cleared).to.equal(27n);
    expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
  });

  it("credit moves come sorted by (payer, payee) as integers", () => {
    // two independent chains closed by lines; the member with the larger address pays first in input order
    const obligations = obligationsOf([
      [5, 6, 3],
      [6, 7, 3],
      [0, 1, 2],
      [1, 2, 2],
      [0, 3, 1],
      [3, 2, 1],
    ]);
    const liquidity = [
      { payer: addr(5), payee: addr(7), capacity: 3n },
      { payer: addr(0), payee: addr(2), capacity: 3n },
    ];
    const s = solveClearing(obligations, { liquidity });
    expect(s.creditMoves.map((m) => [m.payer, m.payee, m.amount])).to.deep.equal([
      [addr(0), addr(2), 3n],
      [addr(5), addr(7), 3n],
    ]);
    expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
  });

  it("keeps every member's net position (random graphs), and without liquidity remaining >= NID", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { obligations, liquidity } = randomInstance(
        seed,
        3 + (seed % 12),
        4 + seed * 3,
        seed % 3 === 0 ? 5 : 0,
        50,
      );
      const s = solveClearing(obligations, { liquidity });
      expect(positionChanges(obligations, s).size, `seed ${seed}`).to.equal(0);
      if (liquidity.length === 0) {
        const after = netPositions(applySetOffs(obligations, s));
        for (const [member, net] of netPositions(obligations)) expect(after.get(member) ?? 0n).to.equal(net);
        expect(s.obligationsBefore - s.cleared >= s.nid, `seed ${seed}`).to.equal(true);
        expect(netInternalDebt(applySetOffs(obligations, s))).to.equal(s.nid);
      }
    }
  });

  it("reports totals: obligationsBefore, NID (sum of positive net positions), members", () => {
    const { obligations } = randomInstance(7, 20, 120, 0, 1000);
    const s = solveClearing(obligations);
    expect(s.obligationsBefore).to.equal(obligations.reduce((t, o) => t + o.amount, 0n));
    const net = netPositions(obligations);
    expect(s.nid).to.equal([...net.values()].reduce((t, v) => (v > 0n ? t + v : t), 0n));
    expect([...net.values()].reduce((t, v) => t + v, 0n)).to.equal(0n);
    expect(s.members).to.equal(net.size);
    expect(s.cleared).to.equal(s.setOffs.reduce((t, x) => t + x.amount, 0n));
  });

  it("is deterministic; input order changes neither the value nor the validity", () => {
    const { obligations, liquidity } = randomInstance(11, 40, 300, 20, 100, 18);
    const a = solveClearing(obligations, { liquidity });
    const b = solveClearing(obligations, { liquidity });
    expect(b).to.deep.equal(a);
    const shuffled = [...obligations].reverse();
    const c = solveClearing(shuffled, { liquidity: [...liquidity].reverse() });
    expect(c.cleared).to.equal(a.cleared);
    expect(c.setOffs.map((x) => x.id)).to.deep.equal([...c.setOffs.map((x) => x.id)].sort((x, y) => (x < y ? -1 : 1)));
    expect(verifyBatch(shuffled, c, liquidity)).to.deep.equal({ ok: true });
  });

  it("compares addresses case-insensitively and returns them as first spelled", () => {
    const [a, b, c, d] = [1, 2, 3, 4].map((i) => `0x${"abcdef".repeat(6)}abc${i}`);
    const upper = (x: string) => `0x${x.slice(2).toUpperCase()}`;
    const obligations: ObligationInput[] = [
      { id: 1n, debtor: a, creditor: upper(b), amount: 10n },
      { id: 2n, debtor: b, creditor: c, amount: 10n },
      { id: 3n, debtor: upper(c), creditor: a, amount: 10n },
    ];
    const liquidity = [{ payer: upper(a), payee: d, capacity: 1n }];
    const s = solveClearing(obligations, { liquidity });
    expect(s.members).to.equal(4);
    expect(s.cleared).to.equal(30n);
    expect([...s.potentials!.keys()]).to.deep.equal([a, upper(b), c, d]);
    expect([...netPositions(obligations).keys()]).to.deep.equal([a, upper(b), c]);
    expect(verifyBatch(obligations, s, liquidity)).to.deep.equal({ ok: true });
    expect(() => solveClearing([{ id: 1n, debtor: a, creditor: upper(a), amount: 1n }])).to.throw(/same debtor/);
  });

  it("reports progress, ending with done = total", () => {
    const { obligations } = randomInstance(3, 200, 2000, 0, 1000);
    const calls: [number, number][] = [];
    solveClearing(obligations, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).to.be.greaterThan(1);
    const [done, total] = calls[calls.length - 1];
    expect(done).to.equal(total);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).to.be.at.least(calls[i - 1][0]);
  });
});
