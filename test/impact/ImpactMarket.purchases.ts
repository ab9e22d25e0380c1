import { expect } from "chai";
import {
  ETH,
  ethers,
  listedClaim,
  networkHelpers,
  PRICE,
  PRICE_EURS,
  TONNE,
  unitsHeld,
  ZERO_HASH,
  terms,
  revokeBy,
  verifiedClaim,
} from "./fixtures.ts";

/** `listedClaim` plus 50 t of it relisted in dEUR at 25 dEUR per tonne. */
async function listedInTokens() {
  const f = await listedClaim();
  await f.market.connect(f.alice).list(f.id, f.tokenAddress, PRICE_EURS, 50n * TONNE);
  return f;
}

describe("ImpactMarket · purchases", () => {
  it("buys with exact ETH: units to the buyer, the price to the listing's proceeds (pull payment)", async () => {
    const { registry, market, alice, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    const cost = PRICE * 10n * TONNE;
    const tx = market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE), { value: cost });
    await expect(tx)
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, 0, 10n * TONNE, PRICE, cost, 0, 0, 0);
    await expect(tx)
      .to.emit(registry, "TransferSingle")
      .withArgs(await market.getAddress(), alice.address, buyer.address, id, 10n * TONNE);
    await expect(tx).to.changeEtherBalances(ethers, [buyer, market, alice], [-cost, cost, 0n]);
    expect(await registry.balanceOf(buyer.address, id)).to.equal(10n * TONNE);
    expect(await registry.balanceOf(alice.address, id)).to.equal(105n * TONNE);
    const l = await market.getListing(id);
    expect([l.remaining, l.proceeds, l.unitsSold]).to.deep.equal([90n * TONNE, cost, 10n * TONNE]);
  });

  it("refuses a wrong ETH amount (IncorrectPayment), too little or too much", async () => {
    const { market, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    const cost = PRICE * 10n * TONNE;
    for (const value of [0n, cost - 1n, cost + 1n]) {
      await expect(market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE), { value }))
        .to.be.revertedWithCustomError(market, "IncorrectPayment")
        .withArgs(cost, value);
    }
  });

  it("finding 1: a buyer approved for two tokens cannot be charged in the other one after a relisting (ListingVersionMismatch, ListingCurrencyMismatch)", async () => {
    const { market, marketAddress, alice, buyer, token, tokenAddress, id } =
      await networkHelpers.loadFixture(verifiedClaim);
    // The buyer holds standing approvals to the market for a cheap token (dEUR) and a valuable one (GOLD).
    const gold = await ethers.deployContract("MockERC20", ["Gold", "GOLD", 6]);
    await gold.mint(buyer.address, 1_000_000n * 10n ** 6n);
    await gold.connect(buyer).approve(marketAddress, ethers.MaxUint256);
    await market.connect(alice).list(id, tokenAddress, PRICE_EURS, 50n * TONNE);
    const agreed = await terms(market, id, 10n * TONNE, PRICE_EURS); // dEUR, version 1, 250 dEUR at most
    expect([agreed.currency, agreed.listingVersion]).to.deep.equal([tokenAddress, 1n]);
    // The seller relists in GOLD at the same raw price before the buyer's transaction lands.
    await market.connect(alice).list(id, await gold.getAddress(), PRICE_EURS, 50n * TONNE);
    const [goldBefore, eursBefore] = [await gold.balanceOf(buyer.address), await token.balanceOf(buyer.address)];
    await expect(market.connect(buyer).buy(id, 10n * TONNE, agreed))
      .to.be.revertedWithCustomError(market, "ListingVersionMismatch")
      .withArgs(id, 1, 2);
    // Naming the new version but the currency it agreed to is refused too, with both currencies named.
    await expect(market.connect(buyer).buy(id, 10n * TONNE, { ...agreed, listingVersion: 2 }))
      .to.be.revertedWithCustomError(market, "ListingCurrencyMismatch")
      .withArgs(id, tokenAddress, await gold.getAddress());
    expect([await gold.balanceOf(buyer.address), await token.balanceOf(buyer.address)]).to.deep.equal([
      goldBefore,
      eursBefore,
    ]);
    // With the new terms named, it buys in GOLD.
    await market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE_EURS));
    expect(await gold.balanceOf(buyer.address)).to.equal(goldBefore - 10n * TONNE * PRICE_EURS);
  });

  it("finding 1: the buyer never pays more than the total it named (CostAboveMax); a relisting at a higher price cannot front-run", async () => {
    const { market, alice, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    const agreed = await terms(market, id, 1n * TONNE, PRICE);
    await expect(
      market.connect(buyer).buy(id, 1n * TONNE, { ...agreed, maxCost: PRICE * TONNE - 1n }, { value: PRICE * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "CostAboveMax")
      .withArgs(id, PRICE * TONNE, PRICE * TONNE - 1n);
    await market.connect(alice).list(id, ETH, PRICE * 3n, 100n * TONNE);
    await expect(market.connect(buyer).buy(id, 1n * TONNE, agreed, { value: PRICE * 3n * TONNE }))
      .to.be.revertedWithCustomError(market, "ListingVersionMismatch")
      .withArgs(id, 1, 2);
    await expect(
      market.connect(buyer).buy(id, 1n * TONNE, { ...agreed, listingVersion: 2 }, { value: PRICE * 3n * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "CostAboveMax")
      .withArgs(id, PRICE * 3n * TONNE, PRICE * TONNE);
    // A maximum above the cost pays the listing's price, not the maximum.
    await expect(
      market
        .connect(buyer)
        .buy(id, 1n * TONNE, await terms(market, id, 1n * TONNE, PRICE * 5n), { value: PRICE * 3n * TONNE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, 0, 1n * TONNE, PRICE * 3n, PRICE * 3n * TONNE, 0, 0, 0);
  });

  it("refuses more than listed (ExceedsListing), zero units (ZeroUnits) and unlisted claims (NotListed)", async () => {
    const { market, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    await expect(
      market.connect(buyer).buy(id, 100n * TONNE + 1n, await terms(market, id, 100n * TONNE + 1n, PRICE), {
        value: PRICE * (100n * TONNE + 1n),
      }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsListing")
      .withArgs(id, 100n * TONNE, 100n * TONNE + 1n);
    await expect(market.connect(buyer).buy(id, 0n, await terms(market, id, 0n, PRICE))).to.be.revertedWithCustomError(
      market,
      "ZeroUnits",
    );
    await expect(market.connect(buyer).buy(99, 1n, await terms(market, 99, 1n, PRICE), { value: PRICE }))
      .to.be.revertedWithCustomError(market, "NotListed")
      .withArgs(99);
    // Exactly the listing: it empties.
    await market
      .connect(buyer)
      .buy(id, 100n * TONNE, await terms(market, id, 100n * TONNE, PRICE), { value: PRICE * 100n * TONNE });
    await expect(market.connect(buyer).buy(id, 1n, await terms(market, id, 1n, PRICE), { value: PRICE }))
      .to.be.revertedWithCustomError(market, "ExceedsListing")
      .withArgs(id, 0n, 1n);
  });

  it("buys with an ERC-20: the exact amount moves from buyer to market; ETH sent along is refused", async () => {
    const { registry, market, token, buyer, id } = await networkHelpers.loadFixture(listedInTokens);
    const cost = PRICE_EURS * 10n * TONNE; // 250 dEUR
    await expect(
      market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE_EURS), { value: 1n }),
    )
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(0n, 1n);
    const tx = market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE_EURS));
    await expect(tx)
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, 0, 10n * TONNE, PRICE_EURS, cost, 0, 0, 0);
    await expect(tx).to.changeTokenBalances(ethers, token, [buyer, market], [-cost, cost]);
    expect(await registry.balanceOf(buyer.address, id)).to.equal(10n * TONNE);
    expect((await market.getListing(id)).proceeds).to.equal(cost);
  });

  it("a buyer without allowance or balance gets the token's own error and nothing moves", async () => {
    const { market, marketAddress, token, bob, buyer, id } = await networkHelpers.loadFixture(listedInTokens);
    const cost = PRICE_EURS * TONNE;
    await expect(market.connect(bob).buy(id, TONNE, await terms(market, id, TONNE, PRICE_EURS)))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(marketAddress, 0n, cost);
    await token.connect(buyer).approve(marketAddress, cost - 1n);
    await expect(market.connect(buyer).buy(id, TONNE, await terms(market, id, TONNE, PRICE_EURS)))
      .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
      .withArgs(marketAddress, cost - 1n, cost);
    expect((await market.getListing(id)).remaining).to.equal(50n * TONNE);
  });

  it("refuses fee-on-transfer tokens (TokenShortfall): the market would owe more than it holds", async () => {
    const { market, marketAddress, alice, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    const fee = await ethers.deployContract("FeeOnTransferERC20", ["Fee Euro", "fEUR"]);
    const feeAddress = await fee.getAddress();
    await fee.mint(buyer.address, 10n ** 24n);
    await fee.connect(buyer).approve(marketAddress, ethers.MaxUint256);
    await market.connect(alice).list(id, feeAddress, 10n ** 15n, 10n * TONNE);
    const cost = 10n ** 15n * 3n;
    await expect(market.connect(buyer).buy(id, 3n, await terms(market, id, 3n, 10n ** 15n)))
      .to.be.revertedWithCustomError(market, "TokenShortfall")
      .withArgs(feeAddress, cost, cost - (await fee.feeOf(cost)));
    expect(await fee.balanceOf(marketAddress)).to.equal(0n);
  });

  it("refuses tokens that return false instead of reverting (SafeERC20FailedOperation)", async () => {
    const { market, marketAddress, alice, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    const bad = await ethers.deployContract("FalseReturnERC20", ["False Euro", "xEUR", true]);
    const badAddress = await bad.getAddress();
    await bad.mint(buyer.address, 10n ** 24n);
    await bad.connect(buyer).approve(marketAddress, ethers.MaxUint256);
    await market.connect(alice).list(id, badAddress, 1_000n, 10n * TONNE);
    await expect(market.connect(buyer).buy(id, 3n, await terms(market, id, 3n, 1_000n)))
      .to.be.revertedWithCustomError(market, "SafeERC20FailedOperation")
      .withArgs(badAddress);
    // Honest while buying, false while paying out: the withdrawal fails and the proceeds stay.
    await bad.setReturnFalse(false);
    await market.connect(buyer).buy(id, 3n, await terms(market, id, 3n, 1_000n));
    await bad.setReturnFalse(true);
    await expect(market.connect(alice).withdrawProceeds(id, alice.address))
      .to.be.revertedWithCustomError(market, "SafeERC20FailedOperation")
      .withArgs(badAddress);
    expect((await market.getListing(id)).proceeds).to.equal(3_000n);
  });

  it("frozen units cannot be sold: the purchase reverts UnitsFrozen and nothing moves (IM-6)", async () => {
    const { v2, registry, market, marketAddress, alice, bob, buyer, v1, id } =
      await networkHelpers.loadFixture(listedClaim);
    // alice gave 10 t away before the revocation: she holds 105 t, 20 t frozen, 85 t sellable (the market's limit
    // is 115 - 20 = 95 t, so the registry's freeze is what refuses the 86th tonne)
    await registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 10n * TONNE, "0x");
    await revokeBy(registry, [v1, v2], id, 20n * TONNE);
    const balanceBefore = await ethers.provider.getBalance(buyer.address);
    await expect(
      market
        .connect(buyer)
        .buy(id, 86n * TONNE, await terms(market, id, 86n * TONNE, PRICE), { value: PRICE * 86n * TONNE }),
    )
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 20n * TONNE, 105n * TONNE, 86n * TONNE);
    expect((await market.getListing(id)).remaining).to.equal(100n * TONNE);
    expect(await ethers.provider.getBalance(marketAddress)).to.equal(0n);
    expect(await ethers.provider.getBalance(buyer.address)).to.equal(balanceBefore);
    await market
      .connect(buyer)
      .buy(id, 85n * TONNE, await terms(market, id, 85n * TONNE, PRICE), { value: PRICE * 85n * TONNE });
    expect(await registry.balanceOf(alice.address, id)).to.equal(20n * TONNE);
  });

  it("a seller who withdrew the market's approval cannot be bought from (ERC1155MissingApprovalForAll)", async () => {
    const { registry, market, marketAddress, alice, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    await registry.connect(alice).setApprovalForAll(marketAddress, false);
    await expect(market.connect(buyer).buy(id, 1n, await terms(market, id, 1n, PRICE), { value: PRICE }))
      .to.be.revertedWithCustomError(registry, "ERC1155MissingApprovalForAll")
      .withArgs(marketAddress, alice.address);
  });

  it("proceeds in an ERC-20 are withdrawn in it; the market's balances equal what it owes (IM-4)", async () => {
    const { market, marketAddress, token, alice, bob, buyer, funder, id } =
      await networkHelpers.loadFixture(listedInTokens);
    await market.connect(buyer).buy(id, 10n * TONNE, await terms(market, id, 10n * TONNE, PRICE_EURS));
    await market.connect(funder).buy(id, 4n * TONNE, await terms(market, id, 4n * TONNE, PRICE_EURS));
    const owed = PRICE_EURS * 14n * TONNE;
    expect(await token.balanceOf(marketAddress)).to.equal(owed);
    const tx = market.connect(alice).withdrawProceeds(id, bob.address);
    await expect(tx).to.emit(market, "ProceedsWithdrawn").withArgs(id, alice.address, bob.address, owed);
    await expect(tx).to.changeTokenBalances(ethers, token, [market, bob], [-owed, owed]);
    expect(await token.balanceOf(marketAddress)).to.equal(0n);
  });

  it("a seller buying its own listing pays itself: units stay, the price becomes proceeds", async () => {
    const { registry, market, alice, id } = await networkHelpers.loadFixture(listedClaim);
    await market
      .connect(alice)
      .buy(id, 1n * TONNE, await terms(market, id, 1n * TONNE, PRICE), { value: PRICE * TONNE });
    expect(await registry.balanceOf(alice.address, id)).to.equal(115n * TONNE);
    expect(await unitsHeld(registry, id, [alice])).to.equal(115n * TONNE);
    expect((await market.getListing(id)).proceeds).to.equal(PRICE * TONNE);
  });
});
