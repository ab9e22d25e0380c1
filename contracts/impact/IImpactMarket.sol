// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Funding market for impact units, with public matching rounds
/// @notice A claimant lists its claim's units at a price per unit (1 unit = 1 kg CO2e) in ETH or an ERC-20; funders
/// buy any amount up to the listing, naming the terms they agreed to: the listing's currency, its version (every
/// {list} increments it, so a relisting voids orders placed against the old terms) and the most they pay in total.
/// Proceeds accrue to the listing and the claimant withdraws them (pull payments). A claim's sales through the market
/// never exceed its verified units less its revoked units, wherever the claimant keeps its units. A listing may be made as soon as the claim is submitted, so the units
/// are for sale the moment the k-th attestation mints them ("straight into the listing"). The market sells units as
/// the claimant's ERC-1155 operator: it never holds units, so frozen units (revocation) cannot be sold.
/// Matching rounds: a public funder deposits into a round with rules: a match ratio, caps per claim and per buyer,
/// the eligible methodologies, the highest price it matches at, an end time, whether only claims it allowed are
/// matched, and whether claims with a revocation are (by default they are not). Its owner allows or excludes claims
/// one by one. A purchase made through a round is
/// matched from it: the round buys `units x ratio` more units at the same price, and those units are retired at once
/// in the round's name (certificate to the round's owner), so donor and matcher never both claim the same tonne.
/// After the end the owner reclaims what is left.
/// @dev Currency address(0) is ETH. Tokens that deliver less than the amount sent (fee on transfer) are refused.
/// Invariants (IDs refer to docs/invariants.md):
/// - IM-4 per currency, funds in (purchases + round deposits) = paid out (withdrawn proceeds + reclaimed round
///   remainders) + withdrawable proceeds + round remainders, and the market holds exactly withdrawable + remainders.
/// - IM-8 a round never pays more than its deposits, more than its cap for a claim or a buyer, above its price limit,
///   after its end, for an ineligible methodology, an excluded (or, with an allow-list, not allowed) claim, or a claim
///   with a revocation unless its owner opted in; every unit it pays for is retired in the same transaction.
/// - IM-9 a buyer pays only in the currency it named, against the listing version it named, and never more in total
///   than the most it named.
/// - IM-10 the units of a claim sold through the market never exceed its verified units less its revoked units at
///   the time of each sale: a revoked tonne is never sold by its claimant, from whatever address it was parked at.
interface IImpactMarket {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice A listing as stored.
    /// @param seller The claimant.
    /// @param remaining Units still for sale.
    /// @param version Incremented by every {list}: a purchase names the version it agreed to.
    /// @param proceeds Withdrawable proceeds of this listing, in its currency.
    /// @param unitsSold Units sold so far (matched units included), over every version of the listing.
    struct Listing {
        address seller;
        uint48 remaining;
        uint32 version;
        address currency;
        uint96 pricePerUnit;
        uint128 proceeds;
        uint64 unitsSold;
        uint40 listedAt;
    }

    /// @notice A matching round's rules, chosen by its creator.
    /// @param currency Currency of the round (address(0) = ETH); only listings in it are matched.
    /// @param matchBps Units the round buys per unit bought, in basis points (10000 = one for one), 1..50000.
    /// @param endTime Unix time after which nothing is matched and the owner may reclaim the rest.
    /// @param maxPricePerUnit Highest listing price the round matches at.
    /// @param capPerClaim Most the round spends on one claim (currency units).
    /// @param capPerBuyer Most the round spends matching one buyer's purchases.
    /// @param methodologyMask Bit i set = methodology i is eligible (non-zero).
    /// @param name Shown on the certificates of matched retirements (the beneficiary): 1..128 bytes.
    /// @param allowListOnly Only claims the owner allowed ({setRoundClaims}) are matched.
    /// @param acceptsRevokedClaims Claims with any revocation are matched too (by default they are refused, since
    /// the certificate of a matched retirement would be flagged).
    struct RoundConfig {
        address currency;
        uint16 matchBps;
        uint40 endTime;
        uint96 maxPricePerUnit;
        uint128 capPerClaim;
        uint128 capPerBuyer;
        uint256 methodologyMask;
        string name;
        bool allowListOnly;
        bool acceptsRevokedClaims;
    }

    /// @notice A round as stored: its rules plus the funds deposited and left.
    struct Round {
        address owner;
        uint16 matchBps;
        uint40 endTime;
        bool allowListOnly;
        bool acceptsRevokedClaims;
        address currency;
        uint96 maxPricePerUnit;
        uint128 remaining;
        uint128 deposited;
        uint128 capPerClaim;
        uint128 capPerBuyer;
        uint256 methodologyMask;
        string name;
    }

    /// @notice What a buyer agreed to; a purchase reverts unless the listing still matches it.
    /// @param currency The listing's currency (address(0) = ETH).
    /// @param listingVersion The listing's version ({Listing.version}) the buyer saw.
    /// @param maxCost The most the buyer pays in total for the units it buys (matched units are the round's).
    struct BuyTerms {
        address currency;
        uint32 listingVersion;
        uint256 maxCost;
    }

    /// @notice A round owner's choice for one claim: none (the round's rules decide), allowed, or excluded.
    enum ClaimEligibility {
        Default,
        Allowed,
        Excluded
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice A claim was listed, or relisted with new terms (a new `version`).
    event Listed(
        uint256 indexed claimId,
        address indexed seller,
        address indexed currency,
        uint96 pricePerUnit,
        uint48 units,
        uint32 version
    );
    /// @notice A claim's listing was taken off sale (its proceeds stay withdrawable).
    event Delisted(uint256 indexed claimId);
    /// @notice Units were bought (and, through a round, matched and retired).
    /// @param roundId The matching round, or 0 for a plain purchase.
    /// @param matchedUnits Units the round bought and retired (0 for a plain purchase).
    /// @param certificateId Certificate of the matched retirement, or 0.
    event Purchased(
        uint256 indexed claimId,
        address indexed buyer,
        uint256 indexed roundId,
        uint48 units,
        uint96 pricePerUnit,
        uint256 cost,
        uint48 matchedUnits,
        uint256 matchedCost,
        uint256 certificateId
    );
    /// @notice A claimant withdrew a listing's proceeds to `to`.
    event ProceedsWithdrawn(uint256 indexed claimId, address indexed seller, address to, uint256 amount);
    /// @notice A matching round was opened with these rules.
    event RoundCreated(
        uint256 indexed roundId,
        address indexed owner,
        address indexed currency,
        uint16 matchBps,
        uint40 endTime,
        uint96 maxPricePerUnit,
        uint128 capPerClaim,
        uint128 capPerBuyer,
        uint256 methodologyMask,
        string name
    );
    /// @notice The round's claim rules were set: only allowed claims, and whether claims with a revocation match.
    event RoundClaimRulesSet(uint256 indexed roundId, bool allowListOnly, bool acceptsRevokedClaims);
    /// @notice The round's owner allowed, excluded or reset one claim.
    event RoundClaimEligibilitySet(uint256 indexed roundId, uint256 indexed claimId, ClaimEligibility eligibility);
    /// @notice `amount` was added to a round; `remaining` is what it holds now.
    event RoundFunded(uint256 indexed roundId, address indexed funder, uint256 amount, uint256 remaining);
    /// @notice After its end, the round's owner took back what was left.
    event RoundReclaimed(uint256 indexed roundId, address indexed owner, uint256 amount);

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when `caller` acts on a claim's listing but is not the claim's claimant (or the listing's seller).
    error NotClaimant(uint256 claimId, address caller);
    /// @notice Thrown when a claim in `status` (None, Rejected, or fully revoked) is listed.
    error ClaimNotForSale(uint256 claimId, uint8 status);
    /// @notice Thrown when `seller` lists without having approved this market as its ERC-1155 operator.
    error MarketNotApproved(address seller);
    /// @notice Thrown when a listing or a round names a price of 0.
    error ZeroPrice();
    /// @notice Thrown when a listing or a purchase names 0 units.
    error ZeroUnits();
    /// @notice Thrown when a claim that was never listed is bought or matched.
    error NotListed(uint256 claimId);
    /// @notice Thrown when a purchase (bought plus matched units, `requested`) takes more than the `remaining` units.
    error ExceedsListing(uint256 claimId, uint256 remaining, uint256 requested);
    /// @notice Thrown when a purchase names a currency other than the listing's: `expected` (the buyer's) vs `actual`.
    error ListingCurrencyMismatch(uint256 claimId, address expected, address actual);
    /// @notice Thrown when the listing was relisted since the buyer saw it: `expected` (the buyer's) vs `actual`.
    error ListingVersionMismatch(uint256 claimId, uint32 expected, uint32 actual);
    /// @notice Thrown when the buyer's units would cost `cost`, more than the `maxCost` it named.
    error CostAboveMax(uint256 claimId, uint256 cost, uint256 maxCost);
    /// @notice Thrown when a sale would take the claim's market sales past its verified less revoked units (0 before
    /// verification): `available` is what may still be sold (verified - revoked - sold), `requested` the units asked
    /// for (bought plus matched).
    error ExceedsUnitsForSale(uint256 claimId, uint256 available, uint256 requested);
    /// @notice Thrown when the ETH sent is not `expected` (the exact cost, or 0 for a token purchase or deposit).
    error IncorrectPayment(uint256 expected, uint256 sent);
    /// @notice Thrown when a token transfer delivered `received`, less than the `expected` amount (fee on transfer).
    error TokenShortfall(address currency, uint256 expected, uint256 received);
    /// @notice Thrown when a relisting changes the currency while `proceeds` of the old one wait to be withdrawn.
    error CurrencyChangeWithProceeds(uint256 claimId, uint256 proceeds);
    /// @notice Thrown when there are no proceeds (or no round remainder) to withdraw.
    error NothingToWithdraw();
    /// @notice Thrown when a round that does not exist is named.
    error UnknownRound(uint256 roundId);
    /// @notice Thrown when a round's match ratio is 0 or above 50000 basis points.
    error InvalidMatchRatio(uint16 matchBps);
    /// @notice Thrown when a round's `endTime` is not after `timestamp`, the block's time.
    error EndTimeInPast(uint40 endTime, uint256 timestamp);
    /// @notice Thrown when a round makes no methodology eligible.
    error NoEligibleMethodology();
    /// @notice Thrown when a round is funded or matches at or after its `endTime`.
    error RoundEnded(uint256 roundId, uint40 endTime);
    /// @notice Thrown when a round is reclaimed before its `endTime`.
    error RoundNotEnded(uint256 roundId, uint40 endTime);
    /// @notice Thrown when `caller`, not the round's owner, reclaims it or sets its claims.
    error NotRoundOwner(uint256 roundId, address caller);
    /// @notice Thrown when the claim's methodology is not in the round's eligible set.
    error MethodologyNotEligible(uint256 roundId, uint8 methodologyId);
    /// @notice Thrown when the round's currency is not the listing's.
    error CurrencyMismatch(uint256 roundId, address roundCurrency, address listingCurrency);
    /// @notice Thrown when the listing's price is above the highest price the round matches at.
    error PriceAboveRoundLimit(uint256 roundId, uint256 pricePerUnit, uint256 maxPricePerUnit);
    /// @notice Thrown when the claimant's own address buys its claim through a round.
    error SelfMatch(uint256 roundId, address buyer);
    /// @notice Thrown when fewer units than the buyer's `minMatchedUnits` would be matched.
    error MatchBelowMinimum(uint256 roundId, uint256 matchedUnits, uint256 minMatchedUnits);
    /// @notice Thrown when a round's name is empty or longer than `maxLength` (128) bytes: it is the beneficiary of its
    /// matched retirements, as the registry requires.
    error InvalidRoundName(uint256 length, uint256 maxLength);
    /// @notice Thrown when the round's owner excluded this claim.
    error ClaimExcluded(uint256 roundId, uint256 claimId);
    /// @notice Thrown when the round matches only allowed claims and this claim is not one of them.
    error ClaimNotAllowed(uint256 roundId, uint256 claimId);
    /// @notice Thrown when the claim has a revocation (`revokedUnits` > 0) and the round did not opt in to such claims.
    error ClaimHasRevocation(uint256 roundId, uint256 claimId, uint256 revokedUnits);

    // ------------------------------------------------------------------------------------------------ listings

    /// @notice Lists (or relists, replacing the terms) `units` of the caller's claim at `pricePerUnit`. The claim
    /// must be Submitted, Verified or partly Revoked and the caller its claimant, having approved this market as its
    /// operator on the registry. The currency cannot change while proceeds wait to be withdrawn.
    function list(uint256 claimId, address currency, uint96 pricePerUnit, uint48 units) external;

    /// @notice Takes the caller's listing off sale (proceeds stay withdrawable).
    function delist(uint256 claimId) external;

    /// @notice Buys `units` of a listed claim, paying units x price (exact ETH, or an ERC-20 allowance). Reverts unless
    /// the listing is still in `terms.currency` at `terms.listingVersion` and the cost is at most `terms.maxCost`, so
    /// a relisting (new currency or price) between signing and inclusion can never charge the buyer.
    function buy(uint256 claimId, uint256 units, BuyTerms calldata terms) external payable;

    /// @notice As {buy}, matched by round `roundId`: the round buys up to `units x ratio` more (within its caps and
    /// funds) and retires them in its name. Reverts if fewer than `minMatchedUnits` would be matched.
    function buyMatched(
        uint256 roundId,
        uint256 claimId,
        uint256 units,
        BuyTerms calldata terms,
        uint256 minMatchedUnits
    ) external payable;

    /// @notice Sends a listing's proceeds to `to` (claimant only).
    function withdrawProceeds(uint256 claimId, address to) external;

    // ------------------------------------------------------------------------------------------------ rounds

    /// @notice Opens a matching round owned by the caller, funded with `deposit` (send it as ETH for an ETH round).
    function createRound(RoundConfig calldata config, uint256 deposit) external payable returns (uint256 roundId);

    /// @notice Adds `amount` to a running round (anyone; what is left at the end returns to the round's owner).
    function fundRound(uint256 roundId, uint256 amount) external payable;

    /// @notice After the end, sends what is left of the round to its owner (owner only).
    function reclaimRound(uint256 roundId) external;

    /// @notice Allows, excludes or resets claims for round `roundId` (owner only). An excluded claim is never
    /// matched; with `allowListOnly` only allowed claims are.
    function setRoundClaims(uint256 roundId, uint256[] calldata claimIds, ClaimEligibility eligibility) external;

    /// @notice Changes whether round `roundId` matches only allowed claims, and whether it matches claims with a
    /// revocation (owner only, while the round runs).
    function setRoundClaimRules(uint256 roundId, bool allowListOnly, bool acceptsRevokedClaims) external;

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The impact registry whose units this market sells.
    function registry() external view returns (address);

    /// @notice The listing of `claimId` (all zeros if it was never listed).
    function getListing(uint256 claimId) external view returns (Listing memory);

    /// @notice Units of `claimId` the market may still sell: verified - revoked - sold, and 0 before verification.
    function unitsForSale(uint256 claimId) external view returns (uint256);

    /// @notice Number of rounds opened (round ids are 1..roundCount).
    function roundCount() external view returns (uint256);

    /// @notice Round `roundId` as stored.
    function getRound(uint256 roundId) external view returns (Round memory);

    /// @notice The owner's choice for `claimId` in round `roundId`.
    function roundClaimEligibility(uint256 roundId, uint256 claimId) external view returns (ClaimEligibility);

    /// @notice Spent by round `roundId` on claim `claimId` and on buyer `buyer` so far (currency units).
    function matchedSpend(
        uint256 roundId,
        uint256 claimId,
        address buyer
    ) external view returns (uint256 forClaim, uint256 forBuyer);

    /// @notice What {buyMatched} would match now for `buyer` buying `units` of `claimId` (0s when not eligible).
    function previewMatch(
        uint256 roundId,
        uint256 claimId,
        address buyer,
        uint256 units
    ) external view returns (uint256 matchedUnits, uint256 matchedCost);
}
