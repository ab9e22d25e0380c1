import { expect } from "chai";
import {
  claimInput,
  DAY,
  ETH,
  ethers,
  latest,
  listedClaim,
  networkHelpers,
  PRICE,
  PRICE_EURS,
  roundConfig,
  submit,
  TONNE,
  withRound,
  ZERO_HASH,
  type RoundConfig,
  terms,
  revokeBy,
} from "./fixtures.ts";

type F = Awaited<ReturnType<typeof listedClaim>>;

/** Creates a round owned by the city with `overrides` of the default rules and `deposit` ETH; returns its id. */
async function round(f: F, overrides: Partial<RoundConfig>, deposit: bigint) {
  const config = roundConfig((await latest()) + 30n * BigInt(DAY), overrides);
  const value = config.currency === ETH ? deposit : 0n;
  await f.market.connect(f.city).createRound(config, deposit, { value });
  return { roundId: await f.market.roundCount(), config };
}

describe("ImpactMarket · matching rounds", () => {
  it("createRound stores the rules and takes the deposit", async () => {
    const { market, city, config, endTime, deposit } = await networkHelpers.loadFixture(withRound);
    const r = await market.getRound(1);
    expect([
      r.owner,
      r.matchBps,
      r.endTime,
      r.currency,
      r.maxPricePerUnit,
      r.remaining,
      r.deposited,
      r.capPerClaim,
      r.capPerBuyer,
      r.methodologyMask,
      r.name,
    ]).to.deep.equal([
      city.address,
      10_000n,
      endTime,
      ETH,
      PRICE,
      deposit,
      deposit,
      config.capPerClaim,
      config.capPerBuyer,
      6n,
      "City of Ghent climate fund",
    ]);
    expect(await market.roundCount()).to.equal(1n);
    expect(await ethers.provider.getBalance(await market.getAddress())).to.equal(deposit);
  });

  it("createRound emits its rules and the deposit", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const config = roundConfig((await latest()) + 1000n);
    const tx = f.market.connect(f.city).createRound(config, 5n, { value: 5n });
    await expect(tx)
      .to.emit(f.market, "RoundCreated")
      .withArgs(
        1,
        f.city.address,
        ETH,
        config.matchBps,
        config.endTime,
        config.maxPricePerUnit,
        config.capPerClaim,
        config.capPerBuyer,
        config.methodologyMask,
        config.name,
      );
    await expect(tx).to.emit(f.market, "RoundFunded").withArgs(1, f.city.address, 5n, 5n);
    // A round may start empty (no RoundFunded) and be funded later.
    await expect(f.market.connect(f.city).createRound(config, 0n)).not.to.emit(f.market, "RoundFunded");
    expect((await f.market.getRound(2)).remaining).to.equal(0n);
  });

  it("refuses invalid rules and payments", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const { market, city, tokenAddress } = f;
    const end = (await latest()) + 1000n;
    for (const matchBps of [0, 50_001, 65_535]) {
      await expect(market.connect(city).createRound(roundConfig(end, { matchBps }), 0n))
        .to.be.revertedWithCustomError(market, "InvalidMatchRatio")
        .withArgs(matchBps);
    }
    const now = (await latest()) + 5n;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await expect(market.connect(city).createRound(roundConfig(now), 0n))
      .to.be.revertedWithCustomError(market, "EndTimeInPast")
      .withArgs(now, now);
    await expect(
      market.connect(city).createRound(roundConfig(end, { methodologyMask: 0n }), 0n),
    ).to.be.revertedWithCustomError(market, "NoEligibleMethodology");
    await expect(
      market.connect(city).createRound(roundConfig(end, { maxPricePerUnit: 0n }), 0n),
    ).to.be.revertedWithCustomError(market, "ZeroPrice");
    await expect(market.connect(city).createRound(roundConfig(end), 10n, { value: 9n }))
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(10n, 9n);
    await expect(market.connect(city).createRound(roundConfig(end), 0n, { value: 1n }))
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(0n, 1n);
    await expect(market.connect(city).createRound(roundConfig(end, { currency: tokenAddress }), 10n, { value: 10n }))
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(0n, 10n);
    await expect(market.connect(city).createRound(roundConfig(end, { matchBps: 50_000 }), 0n)).to.emit(
      market,
      "RoundCreated",
    );
    const fee = await ethers.deployContract("FeeOnTransferERC20", ["Fee Euro", "fEUR"]);
    await fee.mint(city.address, 10n ** 20n);
    await fee.connect(city).approve(await market.getAddress(), ethers.MaxUint256);
    await expect(market.connect(city).createRound(roundConfig(end, { currency: await fee.getAddress() }), 10_000n))
      .to.be.revertedWithCustomError(market, "TokenShortfall")
      .withArgs(await fee.getAddress(), 10_000n, 9_900n);
  });

  it("buyMatched: the round buys units x ratio more and retires them at once in its name (IM-8)", async () => {
    const { registry, market, certificates, alice, buyer, city, id, roundId, deposit } =
      await networkHelpers.loadFixture(withRound);
    const units = 5n * TONNE;
    const cost = PRICE * units;
    expect(await market.previewMatch(roundId, id, buyer.address, units)).to.deep.equal([units, cost]);
    const tx = market
      .connect(buyer)
      .buyMatched(roundId, id, units, await terms(market, id, units, PRICE), units, { value: cost });
    await expect(tx)
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, roundId, units, PRICE, cost, units, cost, 1);
    await expect(tx)
      .to.emit(registry, "UnitsRetired")
      .withArgs(id, alice.address, 1, city.address, units, "City of Ghent climate fund", "Matched purchase");
    await expect(tx).to.changeEtherBalances(ethers, [buyer, market], [-cost, cost]);
    expect(await registry.balanceOf(buyer.address, id)).to.equal(units);
    expect(await registry.balanceOf(alice.address, id)).to.equal(115n * TONNE - 2n * units);
    expect(await registry.balanceOf(city.address, id)).to.equal(0n); // the round's units are burned, never held
    expect(await certificates.ownerOf(1)).to.equal(city.address);
    const cert = await certificates.getCertificate(1);
    expect([cert.claimId, cert.units, cert.beneficiary]).to.deep.equal([id, units, "City of Ghent climate fund"]);
    const l = await market.getListing(id);
    expect([l.remaining, l.proceeds, l.unitsSold]).to.deep.equal([100n * TONNE - 2n * units, 2n * cost, 2n * units]);
    expect((await market.getRound(roundId)).remaining).to.equal(deposit - cost);
    expect(await market.matchedSpend(roundId, id, buyer.address)).to.deep.equal([cost, cost]);
    expect((await registry.getClaim(id)).retiredUnits).to.equal(units);
    // IM-4: the market holds exactly the proceeds plus the round's remainder.
    expect(await ethers.provider.getBalance(await market.getAddress())).to.equal(l.proceeds + deposit - cost);
  });

  it("the ratio rounds down, toward the pool: 1/3 matches nothing on 1 to 3 units, 3 on 10; 5x matches 35 on 7", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const third = await round(f, { matchBps: 3_333 }, ethers.parseEther("1"));
    const five = await round(f, { matchBps: 50_000 }, ethers.parseEther("1"));
    const { market, buyer, id } = f;
    for (const [units, matched] of [
      [1n, 0n],
      [3n, 0n],
      [10n, 3n],
      [3_001n, 1_000n],
    ]) {
      expect(await market.quoteMatch(third.roundId, id, buyer.address, units)).to.deep.equal([
        matched,
        matched * PRICE,
      ]);
    }
    await expect(
      market
        .connect(buyer)
        .buyMatched(third.roundId, id, 10n, await terms(market, id, 10n, PRICE), 3n, { value: 10n * PRICE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, third.roundId, 10n, PRICE, 10n * PRICE, 3n, 3n * PRICE, 1);
    await expect(
      market
        .connect(buyer)
        .buyMatched(five.roundId, id, 7n, await terms(market, id, 7n, PRICE), 35n, { value: 7n * PRICE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, five.roundId, 7n, PRICE, 7n * PRICE, 35n, 35n * PRICE, 2);
    // Nothing matched: no certificate, no retirement, certificate id 0 in the event.
    await expect(
      market
        .connect(buyer)
        .buyMatched(third.roundId, id, 2n, await terms(market, id, 2n, PRICE), 0n, { value: 2n * PRICE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, third.roundId, 2n, PRICE, 2n * PRICE, 0n, 0n, 0n);
    expect(await f.certificates.count()).to.equal(2n);
  });

  it("caps per buyer and per claim are in currency units and cut the match to whole units", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const { market, buyer, funder, outsider, id } = f;
    // 5,000 units per buyer (plus half a unit's worth), 7,500 units per claim.
    const { roundId } = await round(
      f,
      { capPerBuyer: PRICE * 5_000n + PRICE / 2n, capPerClaim: PRICE * 7_500n },
      ethers.parseEther("2"),
    );
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, 6_000n, await terms(market, id, 6_000n, PRICE), 0n, { value: 6_000n * PRICE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, roundId, 6_000n, PRICE, 6_000n * PRICE, 5_000n, 5_000n * PRICE, 1);
    // The buyer's cap is used up (half a unit's worth is left: not a whole unit).
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, 1_000n, await terms(market, id, 1_000n, PRICE), 1n, { value: 1_000n * PRICE }),
    )
      .to.be.revertedWithCustomError(market, "MatchBelowMinimum")
      .withArgs(roundId, 0n, 1n);
    // Another buyer gets what is left of the claim's cap.
    await expect(
      market
        .connect(funder)
        .buyMatched(roundId, id, 6_000n, await terms(market, id, 6_000n, PRICE), 0n, { value: 6_000n * PRICE }),
    )
      .to.emit(market, "Purchased")
      .withArgs(id, funder.address, roundId, 6_000n, PRICE, 6_000n * PRICE, 2_500n, 2_500n * PRICE, 2);
    expect(await market.previewMatch(roundId, id, outsider.address, 1_000n)).to.deep.equal([0n, 0n]);
    expect(await market.matchedSpend(roundId, id, buyer.address)).to.deep.equal([7_500n * PRICE, 5_000n * PRICE]);
    expect(await market.matchedSpend(roundId, id, funder.address)).to.deep.equal([7_500n * PRICE, 2_500n * PRICE]);
    // A cap of 0 matches nothing.
    const none = await round(f, { capPerBuyer: 0n }, ethers.parseEther("1"));
    expect(await market.quoteMatch(none.roundId, id, outsider.address, 1_000n)).to.deep.equal([0n, 0n]);
  });

  it("the round's funds cut the match to whole units; the dust stays in the round and is reclaimed", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const { market, buyer, city, id } = f;
    const deposit = PRICE * 7n + 5n;
    const { roundId, config } = await round(f, {}, deposit);
    await market
      .connect(buyer)
      .buyMatched(roundId, id, 10n, await terms(market, id, 10n, PRICE), 7n, { value: 10n * PRICE });
    expect((await market.getRound(roundId)).remaining).to.equal(5n);
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, 10n, await terms(market, id, 10n, PRICE), 1n, { value: 10n * PRICE }),
    )
      .to.be.revertedWithCustomError(market, "MatchBelowMinimum")
      .withArgs(roundId, 0n, 1n);
    await networkHelpers.time.increaseTo(config.endTime);
    await expect(market.connect(city).reclaimRound(roundId)).to.changeEtherBalances(ethers, [city, market], [5n, -5n]);
  });

  it("what is left of the listing after the buyer's units cuts the match", async () => {
    const { market, alice, buyer, id, roundId } = await networkHelpers.loadFixture(withRound);
    await market.connect(alice).list(id, ETH, PRICE, 10n);
    expect(await market.quoteMatch(roundId, id, buyer.address, 8n)).to.deep.equal([2n, 2n * PRICE]);
    expect(await market.quoteMatch(roundId, id, buyer.address, 10n)).to.deep.equal([0n, 0n]);
    expect(await market.quoteMatch(roundId, id, buyer.address, 11n)).to.deep.equal([0n, 0n]);
    await expect(
      market
        .connect(buyer)
        .buyMatched(roundId, id, 11n, await terms(market, id, 11n, PRICE), 0n, { value: 11n * PRICE }),
    )
      .to.be.revertedWithCustomError(market, "ExceedsListing")
      .withArgs(id, 10n, 11n);
    await market
      .connect(buyer)
      .buyMatched(roundId, id, 8n, await terms(market, id, 8n, PRICE), 2n, { value: 8n * PRICE });
    expect((await market.getListing(id)).remaining).to.equal(0n);
  });

  it("refuses unknown and ended rounds, ineligible methodologies, other currencies, prices above the limit, self-matching", async () => {
    const f = await networkHelpers.loadFixture(withRound);
    const { registry, market, alice, bob, buyer, v1, v2, v3, tokenAddress, day, id, roundId, endTime } = f;
    const value = { value: PRICE * TONNE };
    await expect(market.connect(buyer).buyMatched(9, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, value))
      .to.be.revertedWithCustomError(market, "UnknownRound")
      .withArgs(9);
    // methodology 3 is not in the mask
    const biochar = await submit(registry, bob, claimInput(day, { methodologyId: 3 }));
    for (const v of [v1, v2, v3]) await registry.connect(v).attest(biochar, 10n * TONNE, ZERO_HASH);
    await market.connect(bob).list(biochar, ETH, PRICE, 10n * TONNE);
    await expect(
      market.connect(buyer).buyMatched(roundId, biochar, TONNE, await terms(market, biochar, TONNE, PRICE), 0n, value),
    )
      .to.be.revertedWithCustomError(market, "MethodologyNotEligible")
      .withArgs(roundId, 3);
    await expect(market.connect(alice).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, value))
      .to.be.revertedWithCustomError(market, "SelfMatch")
      .withArgs(roundId, alice.address);
    await market.connect(alice).list(id, ETH, PRICE + 1n, 100n * TONNE);
    await expect(
      market.connect(buyer).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE + 1n), 0n, {
        value: (PRICE + 1n) * TONNE,
      }),
    )
      .to.be.revertedWithCustomError(market, "PriceAboveRoundLimit")
      .withArgs(roundId, PRICE + 1n, PRICE);
    await market.connect(alice).list(id, tokenAddress, PRICE_EURS, 100n * TONNE);
    await expect(market.connect(buyer).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE_EURS), 0n))
      .to.be.revertedWithCustomError(market, "CurrencyMismatch")
      .withArgs(roundId, ETH, tokenAddress);
    await market.connect(alice).list(id, ETH, PRICE, 100n * TONNE);
    // the buyer's own maximum still applies
    await expect(
      market.connect(buyer).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE - 1n), 0n, value),
    )
      .to.be.revertedWithCustomError(market, "CostAboveMax")
      .withArgs(id, PRICE * TONNE, (PRICE - 1n) * TONNE);
    await expect(
      market.connect(buyer).buyMatched(roundId, id, 0n, await terms(market, id, 0n, PRICE), 0n),
    ).to.be.revertedWithCustomError(market, "ZeroUnits");
    await networkHelpers.time.setNextBlockTimestamp(endTime);
    await expect(market.connect(buyer).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, value))
      .to.be.revertedWithCustomError(market, "RoundEnded")
      .withArgs(roundId, endTime);
    await networkHelpers.mine(); // the views read the latest block: mine one at the end time
    for (const [name, args] of [
      ["RoundEnded", [roundId, endTime]],
      ["UnknownRound", [9n]],
    ] as const) {
      const r = name === "UnknownRound" ? 9n : roundId;
      await expect(market.quoteMatch(r, id, buyer.address, TONNE))
        .to.be.revertedWithCustomError(market, name)
        .withArgs(...args);
      expect(await market.previewMatch(r, id, buyer.address, TONNE)).to.deep.equal([0n, 0n]);
    }
  });

  it("an unlisted claim is refused with NotListed, in quotes and purchases", async () => {
    const { registry, market, bob, buyer, v1, day, roundId } = await networkHelpers.loadFixture(withRound);
    const unlisted = await submit(registry, bob, claimInput(day, { methodologyId: 2 }));
    await registry.connect(v1).attest(unlisted, 10n * TONNE, ZERO_HASH);
    await expect(market.quoteMatch(roundId, unlisted, buyer.address, TONNE))
      .to.be.revertedWithCustomError(market, "NotListed")
      .withArgs(unlisted);
    await expect(
      market.connect(buyer).buyMatched(roundId, unlisted, TONNE, await terms(market, unlisted, TONNE, PRICE), 0n, {
        value: PRICE * TONNE,
      }),
    )
      .to.be.revertedWithCustomError(market, "NotListed")
      .withArgs(unlisted);
    expect(await market.previewMatch(roundId, unlisted, buyer.address, TONNE)).to.deep.equal([0n, 0n]);
  });

  it("minMatchedUnits protects the buyer when the listing ran low in between (MatchBelowMinimum)", async () => {
    const { market, buyer, funder, id, roundId } = await networkHelpers.loadFixture(withRound);
    const [quoted] = await market.previewMatch(roundId, id, buyer.address, 20n * TONNE);
    expect(quoted).to.equal(20n * TONNE);
    // someone else buys 70 of the 100 t first: after the buyer's 20 t only 10 t are left to match
    await market
      .connect(funder)
      .buy(id, 70n * TONNE, await terms(market, id, 70n * TONNE, PRICE), { value: PRICE * 70n * TONNE });
    expect(await market.previewMatch(roundId, id, buyer.address, 20n * TONNE)).to.deep.equal([
      10n * TONNE,
      PRICE * 10n * TONNE,
    ]);
    await expect(
      market.connect(buyer).buyMatched(roundId, id, 20n * TONNE, await terms(market, id, 20n * TONNE, PRICE), quoted, {
        value: PRICE * 20n * TONNE,
      }),
    )
      .to.be.revertedWithCustomError(market, "MatchBelowMinimum")
      .withArgs(roundId, 10n * TONNE, quoted);
    await market
      .connect(buyer)
      .buyMatched(roundId, id, 20n * TONNE, await terms(market, id, 20n * TONNE, PRICE), 10n * TONNE, {
        value: PRICE * 20n * TONNE,
      });
    expect((await market.getListing(id)).remaining).to.equal(0n);
  });

  it("matched units cannot come out of the seller's frozen units (UnitsFrozen): the whole purchase reverts", async () => {
    const { v2, registry, market, alice, bob, buyer, city, v1, id, roundId, deposit } =
      await networkHelpers.loadFixture(withRound);
    await registry.connect(alice).safeTransferFrom(alice.address, bob.address, id, 5n * TONNE, "0x");
    await revokeBy(registry, [v1, v2], id, 100n * TONNE); // 110 t held, 100 t frozen; the market may sell 15 t
    await market.connect(city).setRoundClaimRules(roundId, false, true); // the round opts in to revoked claims
    await expect(
      market.connect(buyer).buyMatched(roundId, id, 6n * TONNE, await terms(market, id, 6n * TONNE, PRICE), 0n, {
        value: PRICE * 6n * TONNE,
      }),
    )
      .to.be.revertedWithCustomError(registry, "UnitsFrozen")
      .withArgs(id, alice.address, 100n * TONNE, 104n * TONNE, 6n * TONNE);
    expect((await market.getRound(roundId)).remaining).to.equal(deposit);
    await market.connect(buyer).buyMatched(roundId, id, 5n * TONNE, await terms(market, id, 5n * TONNE, PRICE), 0n, {
      value: PRICE * 5n * TONNE,
    });
    expect(await registry.sellableUnits(id)).to.equal(0n);
  });

  it("finding 4: by default a round refuses a claim with any revocation (ClaimHasRevocation); its owner may opt in", async () => {
    const { v2, registry, market, buyer, city, outsider, v1, id, roundId, endTime } =
      await networkHelpers.loadFixture(withRound);
    await revokeBy(registry, [v1, v2], id, 1n); // one kilogram revoked
    const buy = async () =>
      market.connect(buyer).buyMatched(roundId, id, TONNE, await terms(market, id, TONNE, PRICE), 0n, {
        value: PRICE * TONNE,
      });
    await expect(buy()).to.be.revertedWithCustomError(market, "ClaimHasRevocation").withArgs(roundId, id, 1n);
    expect(await market.previewMatch(roundId, id, buyer.address, TONNE)).to.deep.equal([0n, 0n]);
    await expect(market.connect(outsider).setRoundClaimRules(roundId, false, true))
      .to.be.revertedWithCustomError(market, "NotRoundOwner")
      .withArgs(roundId, outsider.address);
    await expect(market.connect(city).setRoundClaimRules(roundId, false, true))
      .to.emit(market, "RoundClaimRulesSet")
      .withArgs(roundId, false, true);
    await expect(buy()).to.emit(market, "Purchased");
    // After its end a round's rules no longer change.
    await networkHelpers.time.increaseTo(endTime);
    await expect(market.connect(city).setRoundClaimRules(roundId, false, false))
      .to.be.revertedWithCustomError(market, "RoundEnded")
      .withArgs(roundId, endTime);
  });

  it("finding 3: the round's owner excludes a claim, or matches only the claims it allowed", async () => {
    const { registry, market, alice, buyer, city, outsider, v2, id, roundId, day } =
      await networkHelpers.loadFixture(withRound);
    const other = await submit(registry, alice, claimInput(day, { methodologyId: 2 })); // k = 1
    await registry.connect(v2).attest(other, 10n * TONNE, ZERO_HASH);
    await market.connect(alice).list(other, ETH, PRICE, 10n * TONNE);
    const buy = async (claimId: bigint) =>
      market.connect(buyer).buyMatched(roundId, claimId, TONNE, await terms(market, claimId, TONNE, PRICE), 0n, {
        value: PRICE * TONNE,
      });
    await expect(market.connect(outsider).setRoundClaims(roundId, [id], 2))
      .to.be.revertedWithCustomError(market, "NotRoundOwner")
      .withArgs(roundId, outsider.address);
    await expect(market.connect(city).setRoundClaims(roundId, [id], 2))
      .to.emit(market, "RoundClaimEligibilitySet")
      .withArgs(roundId, id, 2);
    expect(await market.roundClaimEligibility(roundId, id)).to.equal(2n);
    await expect(buy(id)).to.be.revertedWithCustomError(market, "ClaimExcluded").withArgs(roundId, id);
    await expect(buy(other)).to.emit(market, "Purchased");
    // Only allowed claims: `other` is not on the list until the owner adds it.
    await market.connect(city).setRoundClaimRules(roundId, true, false);
    await expect(buy(other)).to.be.revertedWithCustomError(market, "ClaimNotAllowed").withArgs(roundId, other);
    await market.connect(city).setRoundClaims(roundId, [other, id], 1);
    await expect(buy(other)).to.emit(market, "Purchased");
    await expect(buy(id)).to.emit(market, "Purchased");
    // A round can be created with the list in force from the start.
    const endTime = (await latest()) + 10n * BigInt(DAY);
    await expect(market.connect(city).createRound(roundConfig(endTime, { allowListOnly: true }), 0n))
      .to.emit(market, "RoundClaimRulesSet")
      .withArgs(2, true, false);
    await expect(market.connect(city).setRoundClaimRules(roundId + 5n, true, true))
      .to.be.revertedWithCustomError(market, "UnknownRound")
      .withArgs(roundId + 5n);
  });

  it("finding 3: a claimant's second address is not caught by SelfMatch; the per-claim cap bounds what it can take", async () => {
    const { market, alice, bob, outsider, city, id } = await networkHelpers.loadFixture(listedClaim);
    // A round with a per-claim cap of 10 t worth, and a per-buyer cap of 6 t worth.
    const endTime = (await latest()) + 10n * BigInt(DAY);
    await market
      .connect(city)
      .createRound(
        roundConfig(endTime, { capPerClaim: PRICE * 10n * TONNE, capPerBuyer: PRICE * 6n * TONNE }),
        PRICE * 100n * TONNE,
        { value: PRICE * 100n * TONNE },
      );
    const buy = async (who: typeof alice) =>
      market.connect(who).buyMatched(1, id, 8n * TONNE, await terms(market, id, 8n * TONNE, PRICE), 0n, {
        value: PRICE * 8n * TONNE,
      });
    await expect(buy(alice)).to.be.revertedWithCustomError(market, "SelfMatch").withArgs(1, alice.address);
    // bob and the outsider (alice's other addresses; to the chain, strangers) are each matched up to the buyer cap,
    // but the claim's cap, not the number of addresses, bounds what the round spends on the claim.
    await buy(bob);
    await buy(outsider);
    const [forClaim, forBob] = await market.matchedSpend(1, id, bob.address);
    const [, forOutsider] = await market.matchedSpend(1, id, outsider.address);
    expect([forBob, forOutsider, forClaim]).to.deep.equal([
      PRICE * 6n * TONNE,
      PRICE * 4n * TONNE,
      PRICE * 10n * TONNE,
    ]);
  });

  it("an ERC-20 round matches listings in its token", async () => {
    const f = await networkHelpers.loadFixture(listedClaim);
    const { market, marketAddress, token, tokenAddress, alice, buyer, city, id } = f;
    await market.connect(alice).list(id, tokenAddress, PRICE_EURS, 50n * TONNE);
    const deposit = 1_000n * 10n ** 6n;
    const { roundId } = await round(
      f,
      { currency: tokenAddress, maxPricePerUnit: PRICE_EURS, capPerClaim: deposit, capPerBuyer: deposit },
      deposit,
    );
    expect(await token.balanceOf(marketAddress)).to.equal(deposit);
    const tx = market
      .connect(buyer)
      .buyMatched(roundId, id, 2n * TONNE, await terms(market, id, 2n * TONNE, PRICE_EURS), 2n * TONNE);
    const cost = PRICE_EURS * 2n * TONNE;
    await expect(tx)
      .to.emit(market, "Purchased")
      .withArgs(id, buyer.address, roundId, 2n * TONNE, PRICE_EURS, cost, 2n * TONNE, cost, 1);
    await expect(tx).to.changeTokenBalances(ethers, token, [buyer, market, city], [-cost, cost, 0n]);
    expect(await token.balanceOf(marketAddress)).to.equal(deposit + cost);
    expect((await market.getListing(id)).proceeds).to.equal(2n * cost);
    expect((await market.getRound(roundId)).remaining).to.equal(deposit - cost);
  });

  it("fundRound: anyone adds to a running round; refused once it ended or for an unknown round", async () => {
    const { market, funder, roundId, endTime, deposit } = await networkHelpers.loadFixture(withRound);
    const extra = ethers.parseEther("0.5");
    await expect(market.connect(funder).fundRound(roundId, extra, { value: extra }))
      .to.emit(market, "RoundFunded")
      .withArgs(roundId, funder.address, extra, deposit + extra);
    await expect(market.connect(funder).fundRound(roundId, extra, { value: extra - 1n }))
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(extra, extra - 1n);
    await expect(market.connect(funder).fundRound(roundId, 0n)).not.to.emit(market, "RoundFunded");
    await expect(market.connect(funder).fundRound(roundId, 0n, { value: 1n }))
      .to.be.revertedWithCustomError(market, "IncorrectPayment")
      .withArgs(0n, 1n);
    await expect(market.connect(funder).fundRound(7, 1n, { value: 1n }))
      .to.be.revertedWithCustomError(market, "UnknownRound")
      .withArgs(7);
    const r = await market.getRound(roundId);
    expect([r.remaining, r.deposited]).to.deep.equal([deposit + extra, deposit + extra]);
    await networkHelpers.time.setNextBlockTimestamp(endTime);
    await expect(market.connect(funder).fundRound(roundId, 1n, { value: 1n }))
      .to.be.revertedWithCustomError(market, "RoundEnded")
      .withArgs(roundId, endTime);
  });

  it("reclaimRound: the owner only, from the end time on, once; the rest returns to the owner", async () => {
    const { market, buyer, city, funder, id, roundId, endTime, deposit } = await networkHelpers.loadFixture(withRound);
    await market.connect(buyer).buyMatched(roundId, id, 5n * TONNE, await terms(market, id, 5n * TONNE, PRICE), 0n, {
      value: PRICE * 5n * TONNE,
    });
    await expect(market.connect(city).reclaimRound(roundId))
      .to.be.revertedWithCustomError(market, "RoundNotEnded")
      .withArgs(roundId, endTime);
    await networkHelpers.time.setNextBlockTimestamp(endTime);
    await expect(market.connect(funder).reclaimRound(roundId))
      .to.be.revertedWithCustomError(market, "NotRoundOwner")
      .withArgs(roundId, funder.address);
    await expect(market.connect(city).reclaimRound(9))
      .to.be.revertedWithCustomError(market, "UnknownRound")
      .withArgs(9);
    const left = deposit - PRICE * 5n * TONNE;
    const tx = market.connect(city).reclaimRound(roundId);
    await expect(tx).to.emit(market, "RoundReclaimed").withArgs(roundId, city.address, left);
    await expect(tx).to.changeEtherBalances(ethers, [city, market], [left, -left]);
    await expect(market.connect(city).reclaimRound(roundId)).to.be.revertedWithCustomError(market, "NothingToWithdraw");
    const r = await market.getRound(roundId);
    expect([r.remaining, r.deposited]).to.deep.equal([0n, deposit]);
    // IM-4: only the seller's proceeds are left in the market.
    expect(await ethers.provider.getBalance(await market.getAddress())).to.equal(PRICE * 10n * TONNE);
  });

  it("refuses a round name the registry would refuse as a beneficiary (empty, over 128 bytes): InvalidRoundName", async () => {
    // The name is the beneficiary of every matched retirement, so it is checked when the round is created rather
    // than failing each matched purchase later.
    const f = await networkHelpers.loadFixture(listedClaim);
    for (const name of ["", "x".repeat(129)]) {
      await expect(round(f, { name }, PRICE * TONNE))
        .to.be.revertedWithCustomError(f.market, "InvalidRoundName")
        .withArgs(name.length, 128);
    }
    const { roundId } = await round(f, { name: "x".repeat(128) }, PRICE * TONNE);
    expect((await f.market.getRound(roundId)).name).to.equal("x".repeat(128));
  });
});
