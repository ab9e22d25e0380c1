import { expect } from "chai";
import {
  claimInput,
  ETH,
  ethers,
  latest,
  listedClaim,
  networkHelpers,
  PRICE,
  PRICE_EURS,
  Status,
  submit,
  TONNE,
  verifiedClaim,
  ZERO_HASH,
  deployImpact,
  terms,
  revokeBy,
} from "./fixtures.ts";

describe("ImpactMarket · listings and proceeds", () => {
  it("the claimant lists its claim; the listing is stored with every field", async () => {
    const { market, registryAddress, alice, id } = await networkHelpers.loadFixture(verifiedClaim);
    await expect(market.connect(alice).list(id, ETH, PRICE, 100n * TONNE))
      .to.emit(market, "Listed")
      .withArgs(id, alice.address, ETH, PRICE, 100n * TONNE, 1);
    const l = await market.getListing(id);
    expect([
      l.seller,
      l.remaining,
      l.version,
      l.currency,
      l.pricePerUnit,
      l.proceeds,
      l.unitsSold,
      l.listedAt,
    ]).to.deep.equal([alice.address, 100n * TONNE, 1n, ETH, PRICE, 0n, 0n, await latest()]);
    expect(await market.registry()).to.equal(registryAddress);
  });

  it("a claim listed before verification is for sale the moment the k-th approval mints its units", async () => {
    const { registry, market, alice, buyer, v1, v2, day } = await networkHelpers.loadFixture(deployImpact);
    const id = await submit(registry, alice, claimInput(day));
    await market.connect(alice).list(id, ETH, PRICE, 120n * TONNE);
    // Nothing minted yet: the purchase fails as a whole.
    await expect(
      market.connect(buyer).buy(id, 1n * TONNE, await terms(market, id, 1n * TONNE, PRICE), { value: PRICE * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsUnitsForSale")
      .withArgs(id, 0n, 1n * TONNE);
    await registry.connect(v1).attest(id, 110n * TONNE, ZERO_HASH);
    await registry.connect(v2).attest(id, 112n * TONNE, ZERO_HASH);
    await expect(
      market.connect(buyer).buy(id, 1n * TONNE, await terms(market, id, 1n * TONNE, PRICE), { value: PRICE * TONNE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, 0, 1n * TONNE, PRICE, PRICE * TONNE, 0, 0, 0);
    // The listing may name more than was verified; sales past the verified units fail.
    expect(await market.unitsForSale(id)).to.equal(109n * TONNE);
    await expect(
      market
        .connect(buyer)
        .buy(id, 110n * TONNE, await terms(market, id, 110n * TONNE, PRICE), { value: PRICE * 110n * TONNE }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsUnitsForSale")
      .withArgs(id, 109n * TONNE, 110n * TONNE);
  });

  it("only the claimant lists (NotClaimant), also for unknown claims", async () => {
    const { market, registry, alice, bob, id } = await networkHelpers.loadFixture(verifiedClaim);
    await registry.connect(bob).setApprovalForAll(await market.getAddress(), true);
    await expect(market.connect(bob).list(id, ETH, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "NotClaimant")
      .withArgs(id, bob.address);
    await expect(market.connect(alice).list(99, ETH, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "NotClaimant")
      .withArgs(99, alice.address);
  });

  it("refuses rejected and fully revoked claims (ClaimNotForSale); partly revoked ones stay listable", async () => {
    const { registry, market, alice, v1, v2, v3, day, id } = await networkHelpers.loadFixture(verifiedClaim);
    const rejected = await submit(registry, alice, claimInput(day, { methodologyId: 2 }));
    await registry.connect(v1).reject(rejected, ZERO_HASH);
    await expect(market.connect(alice).list(rejected, ETH, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "ClaimNotForSale")
      .withArgs(rejected, Status.Rejected);
    await revokeBy(registry, [v3, v1], id, 15n * TONNE);
    await expect(market.connect(alice).list(id, ETH, PRICE, 100n * TONNE))
      .to.emit(market, "Listed")
      .withArgs(id, alice.address, ETH, PRICE, 100n * TONNE, 1);
    await revokeBy(registry, [v2, v1], id, 100n * TONNE);
    await expect(market.connect(alice).list(id, ETH, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "ClaimNotForSale")
      .withArgs(id, Status.Revoked);
  });

  it("requires the market's approval (MarketNotApproved), a non-zero price and non-zero units", async () => {
    const { registry, market, marketAddress, alice, id } = await networkHelpers.loadFixture(verifiedClaim);
    await registry.connect(alice).setApprovalForAll(marketAddress, false);
    await expect(market.connect(alice).list(id, ETH, PRICE, 1n))
      .to.be.revertedWithCustomError(market, "MarketNotApproved")
      .withArgs(alice.address);
    await registry.connect(alice).setApprovalForAll(marketAddress, true);
    await expect(market.connect(alice).list(id, ETH, 0n, 1n)).to.be.revertedWithCustomError(market, "ZeroPrice");
    await expect(market.connect(alice).list(id, ETH, PRICE, 0n)).to.be.revertedWithCustomError(market, "ZeroUnits");
  });

  it("relisting replaces the terms; the currency cannot change while proceeds wait (CurrencyChangeWithProceeds)", async () => {
    const { market, alice, buyer, tokenAddress, id } = await networkHelpers.loadFixture(listedClaim);
    await market.connect(alice).list(id, tokenAddress, PRICE_EURS, 50n * TONNE); // no proceeds yet: allowed
    await market.connect(alice).list(id, ETH, PRICE * 2n, 80n * TONNE);
    let l = await market.getListing(id);
    expect([l.currency, l.pricePerUnit, l.remaining]).to.deep.equal([ETH, PRICE * 2n, 80n * TONNE]);
    await market
      .connect(buyer)
      .buy(id, 1n * TONNE, await terms(market, id, 1n * TONNE, PRICE * 2n), { value: PRICE * 2n * TONNE });
    await expect(market.connect(alice).list(id, tokenAddress, PRICE_EURS, 50n * TONNE))
      .to.be.revertedWithCustomError(market, "CurrencyChangeWithProceeds")
      .withArgs(id, PRICE * 2n * TONNE);
    // Same currency, new price and units: fine; proceeds and units sold carry over.
    await market.connect(alice).list(id, ETH, PRICE, 10n * TONNE);
    l = await market.getListing(id);
    expect([l.remaining, l.pricePerUnit, l.proceeds, l.unitsSold]).to.deep.equal([
      10n * TONNE,
      PRICE,
      PRICE * 2n * TONNE,
      1n * TONNE,
    ]);
    await market.connect(alice).withdrawProceeds(id, alice.address);
    await expect(market.connect(alice).list(id, tokenAddress, PRICE_EURS, 50n * TONNE))
      .to.emit(market, "Listed")
      .withArgs(id, alice.address, tokenAddress, PRICE_EURS, 50n * TONNE, 5);
  });

  it("delist takes the units off sale; only the seller delists; proceeds stay withdrawable", async () => {
    const { market, alice, bob, buyer, id } = await networkHelpers.loadFixture(listedClaim);
    await market
      .connect(buyer)
      .buy(id, 2n * TONNE, await terms(market, id, 2n * TONNE, PRICE), { value: PRICE * 2n * TONNE });
    await expect(market.connect(bob).delist(id))
      .to.be.revertedWithCustomError(market, "NotClaimant")
      .withArgs(id, bob.address);
    await expect(market.connect(alice).delist(99))
      .to.be.revertedWithCustomError(market, "NotClaimant")
      .withArgs(99, alice.address);
    await expect(market.connect(alice).delist(id)).to.emit(market, "Delisted").withArgs(id);
    await expect(market.connect(buyer).buy(id, 1n, await terms(market, id, 1n, PRICE), { value: PRICE }))
      .to.be.revertedWithCustomError(market, "ExceedsListing")
      .withArgs(id, 0n, 1n);
    await expect(market.connect(alice).withdrawProceeds(id, alice.address)).to.changeEtherBalances(
      ethers,
      [alice, market],
      [PRICE * 2n * TONNE, -(PRICE * 2n * TONNE)],
    );
  });

  it("withdrawProceeds: the seller pulls everything to any address, once (NothingToWithdraw, NotClaimant)", async () => {
    const { market, alice, bob, buyer, outsider, id } = await networkHelpers.loadFixture(listedClaim);
    await expect(market.connect(alice).withdrawProceeds(id, alice.address)).to.be.revertedWithCustomError(
      market,
      "NothingToWithdraw",
    );
    await market
      .connect(buyer)
      .buy(id, 3n * TONNE, await terms(market, id, 3n * TONNE, PRICE), { value: PRICE * 3n * TONNE });
    await market
      .connect(outsider)
      .buy(id, 2n * TONNE, await terms(market, id, 2n * TONNE, PRICE), { value: PRICE * 2n * TONNE });
    const amount = PRICE * 5n * TONNE;
    await expect(market.connect(bob).withdrawProceeds(id, bob.address))
      .to.be.revertedWithCustomError(market, "NotClaimant")
      .withArgs(id, bob.address);
    const tx = market.connect(alice).withdrawProceeds(id, bob.address);
    await expect(tx).to.emit(market, "ProceedsWithdrawn").withArgs(id, alice.address, bob.address, amount);
    await expect(tx).to.changeEtherBalances(ethers, [bob, market], [amount, -amount]);
    await expect(market.connect(alice).withdrawProceeds(id, alice.address)).to.be.revertedWithCustomError(
      market,
      "NothingToWithdraw",
    );
    const l = await market.getListing(id);
    expect([l.proceeds, l.unitsSold, l.remaining]).to.deep.equal([0n, 5n * TONNE, 95n * TONNE]);
    expect(await ethers.provider.getBalance(await market.getAddress())).to.equal(0n);
  });

  it("an unknown listing reads as empty; unknown rounds revert UnknownRound", async () => {
    const { market } = await networkHelpers.loadFixture(verifiedClaim);
    const l = await market.getListing(77);
    expect([l.seller, l.remaining, l.pricePerUnit, l.proceeds]).to.deep.equal([ETH, 0n, 0n, 0n]);
    expect(await market.roundCount()).to.equal(0n);
    await expect(market.getRound(1)).to.be.revertedWithCustomError(market, "UnknownRound").withArgs(1);
  });
});
