// CN-7: the off-chain clearing solver's batches always verify on chain — whole, with credit lines, and in chunks.
import { expect } from "chai";
import {
  chunkSolution,
  CLEARING_GAS_PER_BRIDGE,
  clearingGas,
  edgesForGas,
  mulberry32,
  solveClearing,
  verifyBatch,
  type ClearingSolution,
  type LiquidityInput,
  type ObligationInput,
} from "../../sdk/src/clearing/index.ts";
import {
  combinedPosition,
  deployNetwork,
  ethers,
  memo,
  type Network,
  networkHelpers,
  ObligationStatus,
  openLine,
  type Signer,
  u,
} from "./fixtures.ts";
import { coverage } from "../utils/coverage.ts";

/** 8 members, all consenting to clearing; none offers liquidity yet. */
async function withEightMembers() {
  const base = await deployNetwork();
  const { network, steward, alice, bob, carol, dave, erin, rest } = base;
  const members = [alice, bob, carol, dave, erin, ...rest.slice(0, 3)];
  for (const m of members) {
    await network.connect(steward).admitMember(m.address);
    await network.connect(m).setClearingConsent(true, false);
  }
  return { ...base, members };
}

/**
 * Records `count` random obligations among `members` (amounts with random sub-units), each accepted by its debtor;
 * a few more are left Proposed or cancelled, so reading back must filter them.
 */
async function recordRandomObligations(network: Network, members: Signer[], seed: number, count: number) {
  const rand = mulberry32(seed);
  const below = (n: number) => rand() % n;
  for (let i = 0; i < count + 2; i++) {
    const d = below(members.length);
    const c = (d + 1 + below(members.length - 1)) % members.length;
    const [debtor, creditor] = [members[d], members[c]];
    const amount = u(1 + below(500)) + BigInt(below(1_000_000));
    await network.connect(creditor).recordObligation(debtor.address, creditor.address, amount, 0, ethers.ZeroHash);
    const id = await network.obligationCount();
    if (i === count) continue; // left Proposed
    await network.connect(debtor).acceptObligation(id);
    if (i === count + 1) {
      // cancelled by mutual consent
      await network.connect(debtor).cancelObligation(id);
      await network.connect(creditor).cancelObligation(id);
    }
  }
}

/** The open obligations as the solver takes them: remaining amounts, ids ascending. */
async function openObligations(network: Network): Promise<ObligationInput[]> {
  const out: ObligationInput[] = [];
  const n = await network.obligationCount();
  for (let id = 1n; id <= n; id++) {
    const o = await network.obligation(id);
    if (o.status === ObligationStatus.Open)
      out.push({ id, debtor: o.debtor, creditor: o.creditor, amount: o.remaining });
  }
  return out;
}

function toBatch(solution: ClearingSolution) {
  return {
    setOffs: solution.setOffs.map((s) => ({ obligationId: s.id, amount: s.amount })),
    moves: solution.creditMoves.map((m) => ({ payer: m.payer, payee: m.payee, amount: m.amount })),
  };
}

const NO_BRIDGE = { debtor: ethers.ZeroAddress, creditor: ethers.ZeroAddress, amount: 0n };

/**
 * Submits a chunk: an ordinary one with `clear` (by the network's default signer), a part of a split cycle with the
 * steward's `clearPart`. Returns the transaction and the chunk's edges as the contract counts them (the bridge a part
 * sets off counts as a set-off).
 */
async function submit(network: Network, steward: Signer, solutionId: string, chunk: ClearingSolution) {
  const { setOffs, moves } = toBatch(chunk);
  if (!chunk.split) return { tx: await network.clear(solutionId, setOffs, moves), setOffs: setOffs.length, moves };
  const bridge = chunk.split.bridge ?? NO_BRIDGE;
  const tx = await network.connect(steward).clearPart(solutionId, setOffs, moves, bridge);
  return { tx, setOffs: setOffs.length + (chunk.split.index > 1 ? 1 : 0), moves };
}

/** The SDK's gas bound of a chunk: base + per edge, plus the bridge a part leaves. */
function chunkGas(chunk: ClearingSolution, edges: number): bigint {
  return clearingGas(edges) + (chunk.split?.bridge ? CLEARING_GAS_PER_BRIDGE : 0n);
}

/** Whether the open obligations (debtor -> creditor) still contain a directed cycle. */
function hasCycle(obligations: ObligationInput[]): boolean {
  const out = new Map<string, string[]>();
  for (const o of obligations) {
    const d = o.debtor.toLowerCase();
    out.set(d, [...(out.get(d) ?? []), o.creditor.toLowerCase()]);
  }
  const state = new Map<string, number>(); // 1 on the stack, 2 done
  const visit = (v: string): boolean => {
    state.set(v, 1);
    for (const w of out.get(v) ?? []) {
      if (state.get(w) === 1) return true;
      if (state.get(w) === undefined && visit(w)) return true;
    }
    state.set(v, 2);
    return false;
  };
  return [...out.keys()].some((v) => state.get(v) === undefined && visit(v));
}

/** Liquidity inputs from the lines whose giver offered liquidity: payer = receiver, payee = giver. */
async function liquidityOf(network: Network, members: Signer[]): Promise<LiquidityInput[]> {
  const lines: LiquidityInput[] = [];
  for (const payee of members) {
    if (!(await network.member(payee.address)).liquidity) continue;
    for (const payer of members) {
      if (payer === payee) continue;
      const capacity = await network.payCapacity(payer.address, payee.address);
      if (capacity > 0n) lines.push({ payer: payer.address, payee: payee.address, capacity });
    }
  }
  return lines;
}

/** Random credit lines (some givers lend them as liquidity) and some trade on them. */
async function openRandomLines(network: Network, members: Signer[], seed: number) {
  const rand = mulberry32(seed ^ 0x5eed);
  const below = (n: number) => rand() % n;
  for (const [i, m] of members.entries()) await network.connect(m).setClearingConsent(true, i % 3 !== 2);
  for (let i = 0; i < 14; i++) {
    const g = below(members.length);
    const r = (g + 1 + below(members.length - 1)) % members.length;
    if ((await network.creditLimit(members[g].address, members[r].address)) > 0n) continue;
    await openLine(network, members[g], members[r], u(50 + below(400)));
    if (below(2) === 0) await network.connect(members[r]).pay(members[g].address, u(1 + below(50)), memo("trade"));
  }
}

describe("CreditNetwork · the off-chain solver's batches verify on-chain (CN-7)", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`clears a random graph of 30 obligations among 8 members (seed ${seed})`, async () => {
      const { network, members, outsider } = await networkHelpers.loadFixture(withEightMembers);
      await recordRandomObligations(network, members, seed, 30);
      const obligations = await openObligations(network);
      expect(obligations.length).to.equal(30);
      const solution = solveClearing(obligations);
      expect(verifyBatch(obligations, solution)).to.deep.equal({ ok: true });
      expect(solution.creditMoves).to.deep.equal([]);

      const positions = await Promise.all(members.map((m) => network.netPosition(m.address)));
      const outstanding = await network.outstanding();
      const nid = await network.netInternalDebt();
      expect(solution.obligationsBefore).to.equal(outstanding);
      expect(solution.nid).to.equal(nid);
      expect(hasCycle(obligations)).to.equal(true);
      expect(solution.cleared).to.be.greaterThan(0n);

      const { setOffs, moves } = toBatch(solution);
      const solutionId = ethers.id(`solver seed ${seed}`);
      await expect(network.connect(outsider).clear(solutionId, setOffs, moves))
        .to.emit(network, "ClearingCompleted")
        .withArgs(1, outsider.address, solutionId, outstanding, solution.cleared, 0, nid, setOffs.length);

      expect(await Promise.all(members.map((m) => network.netPosition(m.address)))).to.deep.equal(positions);
      expect(await network.outstanding()).to.equal(outstanding - solution.cleared);
      expect(await network.netInternalDebt()).to.equal(nid);
      const byId = new Map(obligations.map((o) => [o.id, o.amount]));
      for (const s of solution.setOffs)
        expect((await network.obligation(s.id)).remaining).to.equal(byId.get(s.id)! - s.amount);
      // optimal: no cycle of debt is left among the open obligations
      expect(hasCycle(await openObligations(network))).to.equal(false);
    });
  }

  it("uses credit lines offered as liquidity: moves verify, combined positions do not change", async () => {
    const { network, admin, members } = await networkHelpers.loadFixture(withEightMembers);
    await recordRandomObligations(network, members, 11, 30);
    await openRandomLines(network, members, 11);
    const obligations = await openObligations(network);
    const liquidity = await liquidityOf(network, members);
    expect(liquidity.length).to.be.greaterThan(0);
    const solution = solveClearing(obligations, { liquidity });
    expect(verifyBatch(obligations, solution, liquidity)).to.deep.equal({ ok: true });
    expect(solution.creditMoves.length).to.be.greaterThan(0);
    expect(solution.cleared).to.be.gte(solveClearing(obligations).cleared);

    const combined = await Promise.all(members.map((m) => combinedPosition(network, m, members)));
    const outstanding = await network.outstanding();
    const balances = await Promise.all(solution.creditMoves.map((m) => network.balance(m.payer, m.payee)));
    const { setOffs, moves } = toBatch(solution);
    const tx = await network.clear(ethers.id("with liquidity"), setOffs, moves);
    const nidAfter = await network.netInternalDebt();
    expect(nidAfter).to.be.lt(solution.nid); // moves onto credit lines take debt out of the obligations
    await expect(tx)
      .to.emit(network, "ClearingCompleted")
      .withArgs(
        1,
        admin.address,
        ethers.id("with liquidity"),
        outstanding,
        solution.cleared,
        solution.movedToCredit,
        nidAfter,
        setOffs.length,
      );

    expect(await Promise.all(members.map((m) => combinedPosition(network, m, members)))).to.deep.equal(combined);
    expect(await network.outstanding()).to.equal(outstanding - solution.cleared);
    for (const [i, m] of solution.creditMoves.entries()) {
      expect(await network.balance(m.payer, m.payee)).to.equal(balances[i] - m.amount);
    }
    let positive = 0n;
    for (const m of members) {
      const p = await network.netPosition(m.address);
      if (p > 0n) positive += p;
    }
    expect(await network.netInternalDebt()).to.equal(positive);
    expect(positive).to.be.lte(await network.outstanding());
  });

  for (const withLiquidity of [false, true]) {
    it(`every chunk stays within the SDK's gas bound on chain, base + per edge (${withLiquidity ? "with" : "without"} liquidity)`, async () => {
      // 17 members and 90 random obligations: cycles of every length up to the whole network, members shared by many
      // of them; a budget of 12 edges makes many chunks, each touching members no earlier edge of its batch touched.
      const { network, steward, alice, bob, carol, dave, erin, rest } = await deployNetwork();
      const members = [alice, bob, carol, dave, erin, ...rest];
      for (const m of members) {
        await network.connect(steward).admitMember(m.address);
        await network.connect(m).setClearingConsent(true, false);
      }
      await recordRandomObligations(network, members, withLiquidity ? 77 : 78, 90);
      if (withLiquidity) await openRandomLines(network, members, 77);
      const obligations = await openObligations(network);
      const liquidity = withLiquidity ? await liquidityOf(network, members) : undefined;
      const solution = solveClearing(obligations, { liquidity });
      const budget = clearingGas(12);
      const maxEdges = edgesForGas(budget);
      expect(maxEdges).to.equal(12);
      const chunks = chunkSolution(solution, obligations, maxEdges, liquidity);
      expect(chunks.length).to.be.greaterThan(3);
      let worstPerEdge = 0n;
      for (const chunk of chunks) {
        const sent = await submit(network, steward, ethers.id("gas"), chunk);
        const edges = sent.setOffs + sent.moves.length;
        const receipt = await sent.tx.wait();
        const perEdge = (receipt!.gasUsed - chunkGas(chunk, 0)) / BigInt(edges);
        if (perEdge > worstPerEdge) worstPerEdge = perEdge;
        // Gas means nothing in --coverage's instrumented bytecode: CI runs this file again on the plain build.
        if (coverage) continue;
        expect(receipt!.gasUsed, `${edges} edges`).to.be.at.most(chunkGas(chunk, edges));
        expect(receipt!.gasUsed, `${edges} edges${chunk.split ? " (a part)" : ""}`).to.be.at.most(budget);
      }
      expect(await network.outstanding()).to.equal(solution.obligationsBefore - solution.cleared);
      if (!coverage) expect(worstPerEdge > 0n && worstPerEdge <= clearingGas(1) - clearingGas(0)).to.equal(true);
    });

    it(`a ring longer than the budget is split into parts, each within it on chain (${withLiquidity ? "with a credit move in the ring" : "set-offs only"})`, async () => {
      // 40 members in one ring, a budget of 16 edges: parts of 8 ring edges, the bridge before and the bridge after.
      const { network, steward } = await deployNetwork();
      const wallets = Array.from(
        { length: 40 },
        (_, i) => new ethers.Wallet(ethers.id(`ring member ${i}`), ethers.provider),
      );
      for (const w of wallets) {
        await networkHelpers.setBalance(w.address, 10n ** 18n);
        await network.connect(steward).admitMember(w.address);
        await network.connect(w).setClearingConsent(true, true);
      }
      const ring = wallets as unknown as Signer[];
      // wallet i owes wallet i+1 (the last one the first), except, with liquidity, the first edge: a credit line
      // the second member gives the first instead (the ring then runs through a credit move).
      for (let i = withLiquidity ? 1 : 0; i < ring.length; i++) {
        const debtor = ring[i];
        const creditor = ring[(i + 1) % ring.length];
        await network
          .connect(creditor)
          .recordObligation(debtor.address, creditor.address, u(100 + i), 0, ethers.ZeroHash);
        await network.connect(debtor).acceptObligation(await network.obligationCount());
      }
      if (withLiquidity) await openLine(network, ring[0], ring[1], u(500));
      const obligations = await openObligations(network);
      const liquidity = withLiquidity ? await liquidityOf(network, ring) : undefined;
      const solution = solveClearing(obligations, { liquidity });
      expect(solution.cleared > 0n).to.equal(true);
      const budget = clearingGas(16);
      const chunks = chunkSolution(solution, obligations, edgesForGas(budget), liquidity);
      expect(chunks.every((c) => c.split && c.split.count === chunks.length)).to.equal(true);
      expect(chunks.length).to.equal(5); // 40 edges, 8 per part
      const positions = await Promise.all(ring.map((m) => combinedPosition(network, m, ring)));
      const solutionId = ethers.id(`ring ${withLiquidity}`);
      for (const [k, chunk] of chunks.entries()) {
        expect(chunk.split!.index).to.equal(k + 1);
        expect(await network.outstanding()).to.equal(chunk.obligationsBefore);
        const sent = await submit(network, steward, solutionId, chunk);
        const receipt = await sent.tx.wait();
        // every part leaves every member's position as it was
        expect(await Promise.all(ring.map((m) => combinedPosition(network, m, ring)))).to.deep.equal(positions);
        if (coverage) continue;
        const edges = sent.setOffs + sent.moves.length;
        expect(receipt!.gasUsed, `part ${k + 1}`).to.be.at.most(chunkGas(chunk, edges));
        expect(receipt!.gasUsed, `part ${k + 1}`).to.be.at.most(budget);
      }
      expect(await network.openBridge(solutionId)).to.equal(0n);
      expect(await network.outstanding()).to.equal(solution.obligationsBefore - solution.cleared);
      for (const s of solution.setOffs) {
        const o = await network.obligation(s.id);
        expect(o.remaining).to.equal(o.amount - s.amount);
      }
    });

    it(`submits a solution in chunks of at most 4 edges, each verifying on its own (${withLiquidity ? "with" : "without"} liquidity)`, async () => {
      const { network, admin, steward, members } = await networkHelpers.loadFixture(withEightMembers);
      await recordRandomObligations(network, members, 21, 40);
      if (withLiquidity) await openRandomLines(network, members, 21);
      const obligations = await openObligations(network);
      const liquidity = withLiquidity ? await liquidityOf(network, members) : undefined;
      const solution = solveClearing(obligations, { liquidity });
      const chunks = chunkSolution(solution, obligations, 4, liquidity);
      expect(chunks.length).to.be.greaterThan(1);
      if (withLiquidity) expect(solution.creditMoves.length).to.be.greaterThan(0);

      const combined = await Promise.all(members.map((m) => combinedPosition(network, m, members)));
      const positions = await Promise.all(members.map((m) => network.netPosition(m.address)));
      const solutionId = ethers.id(`chunked ${withLiquidity}`);
      let cleared = 0n;
      for (const [k, chunk] of chunks.entries()) {
        expect(await network.outstanding()).to.equal(chunk.obligationsBefore);
        expect(await network.netInternalDebt()).to.equal(chunk.nid);
        const { tx, setOffs } = await submit(network, steward, solutionId, chunk);
        await expect(tx)
          .to.emit(network, "ClearingCompleted")
          .withArgs(
            k + 1,
            chunk.split ? steward.address : admin.address,
            solutionId,
            chunk.obligationsBefore,
            chunk.cleared,
            chunk.movedToCredit,
            await network.netInternalDebt(),
            setOffs,
          );
        cleared += chunk.cleared;
      }
      // The bridges the parts set off are counted in their `cleared`: what the obligations lost is the solution's.
      const bridged = chunks.reduce((t, c) => t + (c.split?.bridge?.amount ?? 0n), 0n);
      expect(cleared - bridged).to.equal(solution.cleared);
      expect(await network.epochCount()).to.equal(BigInt(chunks.length));
      expect(await network.outstanding()).to.equal(solution.obligationsBefore - solution.cleared);
      expect(await Promise.all(members.map((m) => combinedPosition(network, m, members)))).to.deep.equal(combined);
      if (!withLiquidity) {
        expect(await Promise.all(members.map((m) => network.netPosition(m.address)))).to.deep.equal(positions);
      }
      // the chunks add up to the whole solution, obligation by obligation
      const byId = new Map(obligations.map((o) => [o.id, o.amount]));
      for (const s of solution.setOffs)
        expect((await network.obligation(s.id)).remaining).to.equal(byId.get(s.id)! - s.amount);
    });
  }
});
