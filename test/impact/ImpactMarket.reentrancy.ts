import { expect } from "chai";
import {
  claimInput,
  DAY,
  decodeError,
  ETH,
  ethers,
  latest,
  networkHelpers,
  PRICE,
  roundConfig,
  TONNE,
  withRound,
  terms,
} from "./fixtures.ts";

const Action = { None: 0, Buy: 1, BuyMatched: 2, Withdraw: 3, Reclaim: 4, Retire: 5, List: 6, Forward: 7 } as const;
const ON_ERC1155 = 1;
const ON_ERC721 = 2;
const ON_ETH = 4;

/** `withRound` plus a ReentrantImpactReceiver holding 10 ETH, and a helper that checks IM-4 on ETH. */
async function withAttacker() {
  const f = await withRound();
  const attacker = await ethers.deployContract("ReentrantImpactReceiver", [f.registryAddress, f.marketAddress]);
  const a = await attacker.getAddress();
  await f.funder.sendTransaction({ to: a, value: ethers.parseEther("10") });
  return { ...f, attacker, a };
}

type F = Awaited<ReturnType<typeof withAttacker>>;

/** IM-4 on ETH: the market holds exactly the proceeds of `claims` plus the remainders of `rounds`. */
async function expectSolvent(f: F, claims: bigint[], rounds: bigint[]) {
  let owed = 0n;
  for (const c of claims) owed += (await f.market.getListing(c)).proceeds;
  for (const r of rounds) owed += (await f.market.getRound(r)).remaining;
  expect(await ethers.provider.getBalance(f.marketAddress)).to.equal(owed);
}

/** The attacker's own claim (methodology 2, k = 1): 10 t verified by v1, listed by it at PRICE. */
async function attackerClaim(f: F) {
  await f.attacker.submitClaim(claimInput(f.day, { methodologyId: 2, units: 10n * TONNE }));
  const claimId = await f.registry.claimCount();
  await f.registry.connect(f.v1).attest(claimId, 10n * TONNE, ethers.ZeroHash);
  await f.attacker.approveMarket(true);
  await f.attacker.list(claimId, ETH, PRICE, 10n * TONNE);
  return claimId;
}

async function lastError(f: F) {
  return decodeError(await f.attacker.lastReentryError(), f.market, f.registry, f.attacker);
}

describe("ImpactMarket · reentrancy and hostile receivers", () => {
  it("a buyer re-entering buy, buyMatched, withdrawProceeds, reclaimRound or list from its ERC-1155 hook is refused", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, id, roundId } = f;
    const own = await attackerClaim(f);
    await f.market
      .connect(f.buyer)
      .buy(own, 2n * TONNE, await terms(f.market, own, 2n * TONNE, PRICE), { value: PRICE * 2n * TONNE }); // proceeds to steal
    const cost = PRICE * TONNE;
    const actions = [Action.Buy, Action.BuyMatched, Action.Withdraw, Action.Reclaim, Action.List];
    for (const [i, action] of actions.entries()) {
      await attacker.setAction(action, ON_ERC1155, false);
      const target = action === Action.Withdraw || action === Action.List ? own : id;
      await attacker.setTarget(target, roundId, TONNE, PRICE, cost, ethers.ZeroAddress);
      await expect(attacker.buy(id, TONNE, await terms(market, id, TONNE, PRICE), { value: cost }))
        .to.emit(market, "Purchased")
        .withArgs(id, a, 0, TONNE, PRICE, cost, 0, 0, 0);
      expect(await attacker.reentryAttempts()).to.equal(BigInt(i + 1));
      expect(await attacker.reentrySuccesses()).to.equal(0n);
      expect(await lastError(f)).to.deep.equal(["ReentrancyGuardReentrantCall", []]);
    }
    // Each purchase happened once; nothing else moved.
    expect(await registry.balanceOf(a, id)).to.equal(5n * TONNE);
    expect((await market.getListing(id)).remaining).to.equal(95n * TONNE);
    expect((await market.getListing(id)).proceeds).to.equal(5n * cost);
    expect((await market.getListing(own)).proceeds).to.equal(2n * cost);
    expect((await market.getRound(roundId)).remaining).to.equal(f.deposit);
    expect((await market.getListing(own)).pricePerUnit).to.equal(PRICE);
    await expectSolvent(f, [id, own], [roundId]);
  });

  it("a failed re-entry that bubbles up reverts the whole purchase; nothing moves", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, id } = f;
    await attacker.setAction(Action.Buy, ON_ERC1155, true);
    await attacker.setTarget(id, 0, TONNE, PRICE, PRICE * TONNE, ethers.ZeroAddress);
    const guard = market.interface.getError("ReentrancyGuardReentrantCall")!.selector;
    await expect(attacker.buy(id, TONNE, await terms(market, id, TONNE, PRICE), { value: PRICE * TONNE }))
      .to.be.revertedWithCustomError(attacker, "ReentryFailed")
      .withArgs(guard);
    expect(await registry.balanceOf(a, id)).to.equal(0n);
    expect((await market.getListing(id)).remaining).to.equal(100n * TONNE);
    expect(await ethers.provider.getBalance(a)).to.equal(ethers.parseEther("10"));
    await expectSolvent(f, [id], [1n]);
  });

  it("a round owner re-entering from its certificate hook is refused by the market, and a nested retire by the registry", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, certificates, attacker, a, buyer, id } = f;
    await attacker.buy(id, 2n * TONNE, await terms(market, id, 2n * TONNE, PRICE), { value: PRICE * 2n * TONNE }); // units it could retire
    const end = (await latest()) + 10n * BigInt(DAY);
    await attacker.createRound(roundConfig(end, { name: "Attacker fund" }), ethers.parseEther("1"), {
      value: ethers.parseEther("1"),
    });
    const roundId = await market.roundCount();
    const cost = PRICE * TONNE;
    const cases: [number, string][] = [
      [Action.Reclaim, "market"],
      [Action.BuyMatched, "market"],
      [Action.Withdraw, "market"],
      [Action.Retire, "registry"],
    ];
    for (const [i, [action]] of cases.entries()) {
      await attacker.setAction(action, ON_ERC721, false);
      await attacker.setTarget(id, roundId, TONNE, PRICE, cost, ethers.ZeroAddress);
      await expect(
        market
          .connect(buyer)
          .buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), TONNE, { value: cost }),
      )
        .to.emit(market, "Purchased")
        .withArgs(id, buyer.address, roundId, TONNE, PRICE, cost, TONNE, cost, i + 1);
      expect(await certificates.ownerOf(i + 1)).to.equal(a);
      expect([await attacker.reentryAttempts(), await attacker.reentrySuccesses()]).to.deep.equal([BigInt(i + 1), 0n]);
      expect((await lastError(f))[0]).to.equal("ReentrancyGuardReentrantCall");
    }
    expect(await registry.balanceOf(a, id)).to.equal(2n * TONNE);
    expect((await registry.getClaim(id)).retiredUnits).to.equal(4n * TONNE);
    expect((await market.getRound(roundId)).remaining).to.equal(ethers.parseEther("1") - 4n * cost);
    // Bubbled: the matched purchase reverts as a whole.
    await attacker.setAction(Action.Reclaim, ON_ERC721, true);
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), TONNE, { value: cost }),
    )
      .to.be.revertedWithCustomError(attacker, "ReentryFailed")
      .withArgs(market.interface.getError("ReentrancyGuardReentrantCall")!.selector);
    expect(await certificates.count()).to.equal(4n);
    await expectSolvent(f, [id], [1n, roundId]);
  });

  it("withdrawProceeds re-entered from the ETH callback is refused: the proceeds are paid once", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, attacker, a, buyer, roundId } = f;
    const own = await attackerClaim(f);
    await market
      .connect(buyer)
      .buy(own, 5n * TONNE, await terms(market, own, 5n * TONNE, PRICE), { value: PRICE * 5n * TONNE });
    const proceeds = PRICE * 5n * TONNE;
    for (const action of [Action.Withdraw, Action.Buy]) {
      await attacker.setAction(action, ON_ETH, false);
      await attacker.setTarget(own, roundId, TONNE, PRICE, PRICE * TONNE, ethers.ZeroAddress);
      if (action === Action.Buy)
        await market.connect(buyer).buy(own, TONNE, await terms(market, own, TONNE, PRICE), { value: PRICE * TONNE });
      const amount = action === Action.Withdraw ? proceeds : PRICE * TONNE;
      const tx = attacker.withdrawProceeds(own);
      await expect(tx).to.emit(market, "ProceedsWithdrawn").withArgs(own, a, a, amount);
      await expect(tx).to.changeEtherBalances(ethers, [a, market], [amount, -amount]);
      expect(await attacker.reentrySuccesses()).to.equal(0n);
      expect((await lastError(f))[0]).to.equal("ReentrancyGuardReentrantCall");
    }
    expect(await attacker.ethReceived()).to.equal(ethers.parseEther("10") + proceeds + PRICE * TONNE);
    await expectSolvent(f, [f.id, own], [roundId]);
  });

  it("reclaimRound re-entered from the ETH callback is refused: the remainder is paid once", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, attacker, a } = f;
    const end = (await latest()) + 100n;
    const deposit = ethers.parseEther("1");
    await attacker.createRound(roundConfig(end), deposit, { value: deposit });
    const roundId = await market.roundCount();
    await networkHelpers.time.increaseTo(end);
    await attacker.setAction(Action.Reclaim, ON_ETH, false);
    await attacker.setTarget(0, roundId, 0, 0, 0, ethers.ZeroAddress);
    const tx = attacker.reclaimRound(roundId);
    await expect(tx).to.emit(market, "RoundReclaimed").withArgs(roundId, a, deposit);
    await expect(tx).to.changeEtherBalances(ethers, [a, market], [deposit, -deposit]);
    expect(await lastError(f)).to.deep.equal(["ReentrancyGuardReentrantCall", []]);
    expect((await market.getRound(roundId)).remaining).to.equal(0n);
    await expectSolvent(f, [f.id], [1n, roundId]);
  });

  it("retire re-entered from the certificate hook is refused by the registry; a market purchase from it is independent", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, id, alice, buyer } = f;
    await attacker.buy(id, 5n * TONNE, await terms(market, id, 5n * TONNE, PRICE), { value: PRICE * 5n * TONNE });
    await attacker.setAction(Action.Retire, ON_ERC721, false);
    await attacker.setTarget(id, 0, TONNE, PRICE, PRICE * TONNE, ethers.ZeroAddress);
    await expect(attacker.retire(id, TONNE, "Attacker"))
      .to.emit(registry, "UnitsRetired")
      .withArgs(id, a, 1, a, TONNE, "Attacker", "");
    expect(await lastError(f)).to.deep.equal(["ReentrancyGuardReentrantCall", []]);
    expect(await registry.balanceOf(a, id)).to.equal(4n * TONNE);
    // Buying from the market inside the registry's certificate hook is an ordinary purchase.
    await attacker.setAction(Action.Buy, ON_ERC721, false);
    await attacker.retire(id, TONNE, "Attacker");
    expect(await attacker.reentrySuccesses()).to.equal(1n);
    expect(await registry.balanceOf(a, id)).to.equal(4n * TONNE);
    // IM-2: retired + outstanding = minted
    const held = (await registry.balanceOfBatch([alice.address, a, buyer.address], [id, id, id])).reduce(
      (x, y) => x + y,
      0n,
    );
    expect(held + (await registry.getClaim(id)).retiredUnits).to.equal(115n * TONNE);
    await expectSolvent(f, [id], [1n]);
    expect(await market.roundCount()).to.equal(1n);
  });

  it("a claimant contract cannot retire inside the mint of its units (attest is guarded); it may list them at once", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, v1, day } = f;
    await attacker.approveMarket(true);
    await attacker.submitClaim(claimInput(day, { methodologyId: 2, units: 10n * TONNE }));
    const first = await registry.claimCount();
    await attacker.setAction(Action.Retire, ON_ERC1155, false);
    await attacker.setTarget(first, 0, TONNE, PRICE, 0, ethers.ZeroAddress);
    await expect(registry.connect(v1).attest(first, 10n * TONNE, ethers.ZeroHash))
      .to.emit(registry, "ClaimVerified")
      .withArgs(first, a, 10n * TONNE);
    expect(await lastError(f)).to.deep.equal(["ReentrancyGuardReentrantCall", []]);
    expect((await registry.getClaim(first)).retiredUnits).to.equal(0n);
    // Listing from the mint hook: "straight into the listing".
    await attacker.submitClaim(claimInput(day, { methodologyId: 2, units: 10n * TONNE }));
    const second = await registry.claimCount();
    await attacker.setAction(Action.List, ON_ERC1155, false);
    await attacker.setTarget(second, 0, 10n * TONNE, PRICE, 0, ethers.ZeroAddress);
    await expect(registry.connect(v1).attest(second, 9n * TONNE, ethers.ZeroHash))
      .to.emit(market, "Listed")
      .withArgs(second, a, ETH, PRICE, 10n * TONNE, 1);
    expect(await attacker.reentrySuccesses()).to.equal(1n);
  });

  it("unguarded re-entries cannot break accounting: retiring or forwarding units from the purchase hook", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, alice, outsider, id } = f;
    await attacker.setAction(Action.Retire, ON_ERC1155, false);
    await attacker.setTarget(id, 0, TONNE, PRICE, 0, ethers.ZeroAddress);
    await attacker.buy(id, 3n * TONNE, await terms(market, id, 3n * TONNE, PRICE), { value: PRICE * 3n * TONNE });
    await attacker.setAction(Action.Forward, ON_ERC1155, false);
    await attacker.setTarget(id, 0, TONNE, PRICE, 0, outsider.address);
    await attacker.buy(id, 3n * TONNE, await terms(market, id, 3n * TONNE, PRICE), { value: PRICE * 3n * TONNE });
    expect(await attacker.reentrySuccesses()).to.equal(2n);
    expect(await registry.balanceOf(a, id)).to.equal(4n * TONNE);
    expect(await registry.balanceOf(outsider.address, id)).to.equal(TONNE);
    const c = await registry.getClaim(id);
    expect(c.retiredUnits).to.equal(TONNE);
    const held = (await registry.balanceOfBatch([alice.address, a, outsider.address], [id, id, id])).reduce(
      (x, y) => x + y,
      0n,
    );
    expect(held + c.retiredUnits).to.equal(c.verifiedUnits); // IM-1, IM-2
    expect((await market.getListing(id)).unitsSold).to.equal(6n * TONNE);
    await expectSolvent(f, [id], [1n]);
  });

  it("a buyer that refuses units (wrong selector) makes the purchase revert atomically", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, registry, attacker, a, id, roundId, deposit } = f;
    await attacker.setRefuse(ON_ERC1155);
    await expect(attacker.buy(id, TONNE, await terms(market, id, TONNE, PRICE), { value: PRICE * TONNE }))
      .to.be.revertedWithCustomError(registry, "ERC1155InvalidReceiver")
      .withArgs(a);
    await expect(
      attacker.buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, { value: PRICE * TONNE }),
    )
      .to.be.revertedWithCustomError(registry, "ERC1155InvalidReceiver")
      .withArgs(a);
    const l = await market.getListing(id);
    expect([l.remaining, l.proceeds, l.unitsSold]).to.deep.equal([100n * TONNE, 0n, 0n]);
    expect((await market.getRound(roundId)).remaining).to.equal(deposit);
    expect(await ethers.provider.getBalance(a)).to.equal(ethers.parseEther("10"));
    expect(await registry.balanceOf(a, id)).to.equal(0n);
    await attacker.setRefuse(0);
    await attacker.buy(id, TONNE, await terms(market, id, TONNE, PRICE), { value: PRICE * TONNE });
    expect(await registry.balanceOf(a, id)).to.equal(TONNE);
  });

  it("a round owner that refuses certificates blocks matched purchases (ERC721InvalidReceiver), not plain ones", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, certificates, attacker, a, buyer, id } = f;
    const end = (await latest()) + 100n;
    await attacker.createRound(roundConfig(end), ethers.parseEther("1"), { value: ethers.parseEther("1") });
    const roundId = await market.roundCount();
    await attacker.setRefuse(ON_ERC721);
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, { value: PRICE * TONNE }),
    )
      .to.be.revertedWithCustomError(certificates, "ERC721InvalidReceiver")
      .withArgs(a);
    await market.connect(buyer).buy(id, TONNE, await terms(market, id, TONNE, PRICE), { value: PRICE * TONNE });
    await networkHelpers.time.increaseTo(end);
    await expect(attacker.reclaimRound(roundId)).to.changeEtherBalance(ethers, a, ethers.parseEther("1"));
    await expectSolvent(f, [id], [1n, roundId]);
  });

  it("a seller whose receive() reverts cannot withdraw, and keeps its proceeds", async () => {
    const f = await networkHelpers.loadFixture(withAttacker);
    const { market, attacker, buyer } = f;
    const own = await attackerClaim(f);
    await market.connect(buyer).buy(own, TONNE, await terms(market, own, TONNE, PRICE), { value: PRICE * TONNE });
    await attacker.setRefuse(ON_ETH);
    await expect(attacker.withdrawProceeds(own)).to.be.revertedWithCustomError(attacker, "Refused");
    expect((await market.getListing(own)).proceeds).to.equal(PRICE * TONNE);
    await attacker.setRefuse(0);
    await expect(attacker.withdrawProceeds(own)).to.emit(market, "ProceedsWithdrawn");
    await expectSolvent(f, [f.id, own], [1n]);
  });
});
