// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Funding market for impact units, with public matching rounds
/// @notice A claimant lists its claim's units at a price per unit (1 unit = 1 kg CO2e) in ETH or an ERC-20; funders
/// buy any amount up to the listing, naming the highest price they accept. Proceeds accrue to the listing and the
/// claimant withdraws them (pull payments). A listing may be made as soon as the claim is submitted, so the units
/// are for sale the moment the k-th attestation mints them ("straight into the listing"). The market sells units as
/// the claimant's ERC-1155 operator: it never holds units, so frozen units (revocation) cannot be sold.
/// Matching rounds: a public funder deposits into a round with rules: a match ratio, caps per claim and per buyer,
/// the eligible methodologies, the highest price it matches at and an end time. A purchase made through a round is
/// matched from it: the round buys `units x ratio` more units at the same price, and those units are retired at once
/// in the round's name (certificate to the round's owner), so donor and matcher never both claim the same tonne.
/// After the end the owner reclaims what is left.
/// @dev Currency address(0) is ETH. Tokens that deliver less than the amount sent (fee on transfer) are refused.
/// Invariants (IDs refer to docs/invariants.md):
/// - IM-4 per currency, funds in (purchases + round deposits) = paid out (withdrawn proceeds + reclaimed round
///   remainders) + withdrawable proceeds + round remainders, and the market holds exactly withdrawable + remainders.
/// - IM-8 a round never pays more than its deposits, more than its cap for a claim or a buyer, above its price limit,
///   after its end, or for an ineligible methodology; every unit it pays for is retired in the same transaction.
interface IImpactMarket {
    // ------------------------------------------------------------------------------------------------ types

    /// @param seller The claimant.
    /// @param remaining Units still for sale.
    /// @param proceeds Withdrawable proceeds of this listing, in its currency.
    /// @param unitsSold Units sold so far (matched units included).
    struct Listing {
        address seller;
        uint48 remaining;
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
    struct RoundConfig {
        address currency;
        uint16 matchBps;
        uint40 endTime;
        uint96 maxPricePerUnit;
        uint128 capPerClaim;
        uint128 capPerBuyer;
        uint256 methodologyMask;
        string name;
    }

    /// @notice A round as stored: its rules plus the funds deposited and left.
    struct Round {
        address owner;
        uint16 matchBps;
        uint40 endTime;
        address currency;
        uint96 maxPricePerUnit;
        uint128 remaining;
        uint128 deposited;
        uint128 capPerClaim;
        uint128 capPerBuyer;
        uint256 methodologyMask;
        string name;
    }

    // ------------------------------------------------------------------------------------------------ events

    event Listed(
        uint256 indexed claimId,
        address indexed seller,
        address indexed currency,
        uint96 pricePerUnit,
        uint48 units
    );
    event Delisted(uint256 indexed claimId);
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
    event ProceedsWithdrawn(uint256 indexed claimId, address indexed seller, address to, uint256 amount);
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
    event RoundFunded(uint256 indexed roundId, address indexed funder, uint256 amount, uint256 remaining);
    event RoundReclaimed(uint256 indexed roundId, address indexed owner, uint256 amount);

    // ------------------------------------------------------------------------------------------------ errors

    error NotClaimant(uint256 claimId, address caller);
    error ClaimNotForSale(uint256 claimId, uint8 status);
    error MarketNotApproved(address seller);
    error ZeroPrice();
    error ZeroUnits();
    error NotListed(uint256 claimId);
    error ExceedsListing(uint256 claimId, uint256 remaining, uint256 requested);
    error PriceAboveMax(uint256 claimId, uint256 pricePerUnit, uint256 maxPricePerUnit);
    error IncorrectPayment(uint256 expected, uint256 sent);
    error TokenShortfall(address currency, uint256 expected, uint256 received);
    error CurrencyChangeWithProceeds(uint256 claimId, uint256 proceeds);
    error NothingToWithdraw();
    error UnknownRound(uint256 roundId);
    error InvalidMatchRatio(uint16 matchBps);
    error EndTimeInPast(uint40 endTime, uint256 now_);
    error NoEligibleMethodology();
    error RoundEnded(uint256 roundId, uint40 endTime);
    error RoundNotEnded(uint256 roundId, uint40 endTime);
    error NotRoundOwner(uint256 roundId, address caller);
    error MethodologyNotEligible(uint256 roundId, uint8 methodologyId);
    error CurrencyMismatch(uint256 roundId, address roundCurrency, address listingCurrency);
    error PriceAboveRoundLimit(uint256 roundId, uint256 pricePerUnit, uint256 maxPricePerUnit);
    error SelfMatch(uint256 roundId, address buyer);
    error MatchBelowMinimum(uint256 roundId, uint256 matchedUnits, uint256 minMatchedUnits);
    /// @notice A round's name is the beneficiary of its matched retirements: 1..128 bytes, as the registry requires.
    error InvalidRoundName(uint256 length, uint256 maxLength);

    // ------------------------------------------------------------------------------------------------ listings

    /// @notice Lists (or relists, replacing the terms) `units` of the caller's claim at `pricePerUnit`. The claim
    /// must be Submitted, Verified or partly Revoked and the caller its claimant, having approved this market as its
    /// operator on the registry. The currency cannot change while proceeds wait to be withdrawn.
    function list(uint256 claimId, address currency, uint96 pricePerUnit, uint48 units) external;

    /// @notice Takes the caller's listing off sale (proceeds stay withdrawable).
    function delist(uint256 claimId) external;

    /// @notice Buys `units` of a listed claim, paying units x price (exact ETH, or an ERC-20 allowance), reverting
    /// if the price is above `maxPricePerUnit` (front-running and price changes).
    function buy(uint256 claimId, uint256 units, uint256 maxPricePerUnit) external payable;

    /// @notice As {buy}, matched by round `roundId`: the round buys up to `units x ratio` more (within its caps and
    /// funds) and retires them in its name. Reverts if fewer than `minMatchedUnits` would be matched.
    function buyMatched(
        uint256 roundId,
        uint256 claimId,
        uint256 units,
        uint256 maxPricePerUnit,
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

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The impact registry whose units this market sells.
    function registry() external view returns (address);

    function getListing(uint256 claimId) external view returns (Listing memory);

    function roundCount() external view returns (uint256);

    function getRound(uint256 roundId) external view returns (Round memory);

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
