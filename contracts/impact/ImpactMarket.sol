// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IImpactMarket} from "./IImpactMarket.sol";
import {IImpactRegistry} from "./IImpactRegistry.sol";

/// @title ImpactMarket
/// @notice Listings, purchases bound to the terms the buyer saw, pull payments and public matching rounds for impact
/// units. See {IImpactMarket} for the model and the invariants IM-4, IM-8, IM-9 and IM-10.
/// @dev No admin, no fee, no upgrade. A listing is three slots (seller, units left and version; currency and price;
/// proceeds, units sold and the listing time, which keeps the slot non-zero so a sale after a withdrawal pays no
/// new-slot cost). Each sale reads the claim's verified and revoked units from the registry (one slot) to keep the
/// claim's market sales within verified - revoked (IM-10). Every entry point is nonReentrant: purchases call the buyer's ERC-1155 hook (through the registry), the
/// round owner's ERC-721 hook (certificate) and ERC-20 tokens, and withdrawals send ETH. State is written before
/// each of those calls.
contract ImpactMarket is IImpactMarket, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;
    uint16 private constant _MAX_MATCH_BPS = 50_000;
    uint256 private constant _MAX_NAME_LENGTH = 128; // the registry's limit for a beneficiary

    struct ListingSale {
        address seller;
        uint48 remaining;
        uint32 version;
    }

    struct ListingTerms {
        address currency;
        uint96 pricePerUnit;
    }

    struct ListingBook {
        uint128 proceeds;
        uint64 unitsSold;
        uint40 listedAt;
    }

    /// @dev A purchase's counterpart and price, read once from the listing.
    struct Sale {
        address seller;
        address currency;
        uint256 price;
        uint256 cost;
    }

    /// @dev The match a purchase gets from a round, worked out before anything is written.
    struct Match {
        uint256 units;
        uint256 cost;
    }

    address private immutable _REGISTRY;

    uint256 private _roundCount;
    mapping(uint256 claimId => ListingSale) private _sales;
    mapping(uint256 claimId => ListingTerms) private _terms;
    mapping(uint256 claimId => ListingBook) private _books;
    mapping(uint256 roundId => Round) private _rounds;
    mapping(uint256 roundId => mapping(uint256 claimId => uint256 spent)) private _spentOnClaim;
    mapping(uint256 roundId => mapping(address buyer => uint256 spent)) private _spentOnBuyer;
    mapping(uint256 roundId => mapping(uint256 claimId => ClaimEligibility)) private _eligibility;

    /// @param registry_ The impact registry (units, claims, retirement).
    constructor(address registry_) {
        _REGISTRY = registry_;
    }

    // ------------------------------------------------------------------------------------------------ listings

    /// @inheritdoc IImpactMarket
    function list(uint256 claimId, address currency, uint96 pricePerUnit, uint48 units) external nonReentrant {
        (IImpactRegistry.ClaimStatus status, address claimant, ) = IImpactRegistry(_REGISTRY).statusOf(claimId);
        if (claimant != msg.sender) revert NotClaimant(claimId, msg.sender);
        // Listable while units may exist to sell: before verification ("straight into the listing"), once verified,
        // and after a partial revocation (frozen units still cannot be sold).
        if (
            status == IImpactRegistry.ClaimStatus.None ||
            status == IImpactRegistry.ClaimStatus.Rejected ||
            (status == IImpactRegistry.ClaimStatus.Revoked && _fullyRevoked(claimId))
        ) revert ClaimNotForSale(claimId, uint8(status));
        if (!IERC1155(_REGISTRY).isApprovedForAll(msg.sender, address(this))) revert MarketNotApproved(msg.sender);
        if (pricePerUnit == 0) revert ZeroPrice();
        if (units == 0) revert ZeroUnits();
        ListingBook storage book = _books[claimId];
        ListingTerms storage terms = _terms[claimId];
        uint256 proceeds = book.proceeds;
        if (proceeds != 0 && terms.currency != currency) revert CurrencyChangeWithProceeds(claimId, proceeds);
        // A new version for every listing, so an order placed against the old terms can never be filled by the new.
        uint32 version = _sales[claimId].version + 1;
        _sales[claimId] = ListingSale({seller: msg.sender, remaining: units, version: version});
        _terms[claimId] = ListingTerms({currency: currency, pricePerUnit: pricePerUnit});
        book.listedAt = uint40(block.timestamp);
        emit Listed(claimId, msg.sender, currency, pricePerUnit, units, version);
    }

    /// @inheritdoc IImpactMarket
    function delist(uint256 claimId) external nonReentrant {
        ListingSale storage sale = _sales[claimId];
        if (sale.seller != msg.sender) revert NotClaimant(claimId, msg.sender);
        sale.remaining = 0;
        emit Delisted(claimId);
    }

    /// @inheritdoc IImpactMarket
    function buy(uint256 claimId, uint256 units, BuyTerms calldata terms) external payable nonReentrant {
        Sale memory sale = _take(claimId, units, terms, units);
        ListingBook storage book = _books[claimId];
        _checkUnrevoked(claimId, book.unitsSold, units);
        book.proceeds += SafeCast.toUint128(sale.cost);
        book.unitsSold += uint64(units);
        _collect(sale.currency, sale.cost);
        IERC1155(_REGISTRY).safeTransferFrom(sale.seller, msg.sender, claimId, units, "");
        emit Purchased(claimId, msg.sender, 0, uint48(units), uint96(sale.price), sale.cost, 0, 0, 0);
    }

    /// @inheritdoc IImpactMarket
    function buyMatched(
        uint256 roundId,
        uint256 claimId,
        uint256 units,
        BuyTerms calldata terms,
        uint256 minMatchedUnits
    ) external payable nonReentrant {
        Round storage round = _rounds[roundId];
        Match memory m = _match(roundId, round, claimId, msg.sender, units);
        if (m.units < minMatchedUnits) revert MatchBelowMinimum(roundId, m.units, minMatchedUnits);
        Sale memory sale = _take(claimId, units + m.units, terms, units);
        ListingBook storage book = _books[claimId];
        _checkUnrevoked(claimId, book.unitsSold, units + m.units);
        book.proceeds += SafeCast.toUint128(sale.cost + m.cost);
        book.unitsSold += uint64(units + m.units);
        round.remaining -= uint128(m.cost); // m.cost <= remaining (see _budget)
        _spentOnClaim[roundId][claimId] += m.cost;
        _spentOnBuyer[roundId][msg.sender] += m.cost;
        _collect(sale.currency, sale.cost);
        IERC1155(_REGISTRY).safeTransferFrom(sale.seller, msg.sender, claimId, units, "");
        uint256 certificateId;
        if (m.units != 0) {
            // IM-8: the round's units never reach anyone's balance; they are burned here, for the round's owner.
            certificateId = IImpactRegistry(_REGISTRY).retireFrom(
                sale.seller,
                claimId,
                m.units,
                round.name,
                "Matched purchase",
                round.owner
            );
        }
        emit Purchased(
            claimId,
            msg.sender,
            roundId,
            uint48(units),
            uint96(sale.price),
            sale.cost,
            uint48(m.units),
            m.cost,
            certificateId
        );
    }

    /// @inheritdoc IImpactMarket
    function withdrawProceeds(uint256 claimId, address to) external nonReentrant {
        if (_sales[claimId].seller != msg.sender) revert NotClaimant(claimId, msg.sender);
        ListingBook storage book = _books[claimId];
        uint256 amount = book.proceeds;
        if (amount == 0) revert NothingToWithdraw();
        book.proceeds = 0;
        emit ProceedsWithdrawn(claimId, msg.sender, to, amount);
        _pay(_terms[claimId].currency, to, amount);
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /// @inheritdoc IImpactMarket
    function createRound(
        RoundConfig calldata config,
        uint256 deposit
    ) external payable nonReentrant returns (uint256 roundId) {
        if (config.matchBps == 0 || config.matchBps > _MAX_MATCH_BPS) revert InvalidMatchRatio(config.matchBps);
        if (config.endTime <= block.timestamp) revert EndTimeInPast(config.endTime, block.timestamp);
        if (config.methodologyMask == 0) revert NoEligibleMethodology();
        if (config.maxPricePerUnit == 0) revert ZeroPrice();
        uint256 nameLength = bytes(config.name).length;
        if (nameLength == 0 || nameLength > _MAX_NAME_LENGTH) revert InvalidRoundName(nameLength, _MAX_NAME_LENGTH);
        roundId = ++_roundCount;
        Round storage round = _rounds[roundId];
        round.owner = msg.sender;
        round.matchBps = config.matchBps;
        round.endTime = config.endTime;
        round.currency = config.currency;
        round.maxPricePerUnit = config.maxPricePerUnit;
        round.capPerClaim = config.capPerClaim;
        round.capPerBuyer = config.capPerBuyer;
        round.methodologyMask = config.methodologyMask;
        round.name = config.name;
        round.allowListOnly = config.allowListOnly;
        round.acceptsRevokedClaims = config.acceptsRevokedClaims;
        emit RoundCreated(
            roundId,
            msg.sender,
            config.currency,
            config.matchBps,
            config.endTime,
            config.maxPricePerUnit,
            config.capPerClaim,
            config.capPerBuyer,
            config.methodologyMask,
            config.name
        );
        if (config.allowListOnly || config.acceptsRevokedClaims) {
            emit RoundClaimRulesSet(roundId, config.allowListOnly, config.acceptsRevokedClaims);
        }
        _fund(roundId, round, deposit);
    }

    /// @inheritdoc IImpactMarket
    function fundRound(uint256 roundId, uint256 amount) external payable nonReentrant {
        Round storage round = _rounds[roundId];
        if (round.owner == address(0)) revert UnknownRound(roundId);
        if (block.timestamp >= round.endTime) revert RoundEnded(roundId, round.endTime);
        _fund(roundId, round, amount);
    }

    /// @inheritdoc IImpactMarket
    function reclaimRound(uint256 roundId) external nonReentrant {
        Round storage round = _ownedRound(roundId);
        if (block.timestamp < round.endTime) revert RoundNotEnded(roundId, round.endTime);
        uint256 amount = round.remaining;
        if (amount == 0) revert NothingToWithdraw();
        round.remaining = 0;
        emit RoundReclaimed(roundId, msg.sender, amount);
        _pay(round.currency, msg.sender, amount);
    }

    /// @inheritdoc IImpactMarket
    function setRoundClaims(
        uint256 roundId,
        uint256[] calldata claimIds,
        ClaimEligibility eligibility
    ) external nonReentrant {
        _ownedRound(roundId);
        mapping(uint256 => ClaimEligibility) storage choices = _eligibility[roundId];
        for (uint256 i = 0; i < claimIds.length; ++i) {
            choices[claimIds[i]] = eligibility;
            emit RoundClaimEligibilitySet(roundId, claimIds[i], eligibility);
        }
    }

    /// @inheritdoc IImpactMarket
    function setRoundClaimRules(uint256 roundId, bool allowListOnly, bool acceptsRevokedClaims) external nonReentrant {
        Round storage round = _ownedRound(roundId);
        if (block.timestamp >= round.endTime) revert RoundEnded(roundId, round.endTime);
        round.allowListOnly = allowListOnly;
        round.acceptsRevokedClaims = acceptsRevokedClaims;
        emit RoundClaimRulesSet(roundId, allowListOnly, acceptsRevokedClaims);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IImpactMarket
    function registry() external view returns (address) {
        return _REGISTRY;
    }

    /// @inheritdoc IImpactMarket
    function getListing(uint256 claimId) external view returns (Listing memory) {
        ListingSale memory sale = _sales[claimId];
        ListingTerms memory terms = _terms[claimId];
        ListingBook memory book = _books[claimId];
        return
            Listing({
                seller: sale.seller,
                remaining: sale.remaining,
                version: sale.version,
                currency: terms.currency,
                pricePerUnit: terms.pricePerUnit,
                proceeds: book.proceeds,
                unitsSold: book.unitsSold,
                listedAt: book.listedAt
            });
    }

    /// @inheritdoc IImpactMarket
    function unitsForSale(uint256 claimId) external view returns (uint256) {
        (uint256 verified, uint256 revoked) = IImpactRegistry(_REGISTRY).verifiedAndRevoked(claimId);
        uint256 sold = _books[claimId].unitsSold;
        return verified > revoked + sold ? verified - revoked - sold : 0;
    }

    /// @inheritdoc IImpactMarket
    function roundClaimEligibility(uint256 roundId, uint256 claimId) external view returns (ClaimEligibility) {
        return _eligibility[roundId][claimId];
    }

    /// @inheritdoc IImpactMarket
    function roundCount() external view returns (uint256) {
        return _roundCount;
    }

    /// @inheritdoc IImpactMarket
    function getRound(uint256 roundId) external view returns (Round memory) {
        if (_rounds[roundId].owner == address(0)) revert UnknownRound(roundId);
        return _rounds[roundId];
    }

    /// @inheritdoc IImpactMarket
    function matchedSpend(
        uint256 roundId,
        uint256 claimId,
        address buyer
    ) external view returns (uint256 forClaim, uint256 forBuyer) {
        return (_spentOnClaim[roundId][claimId], _spentOnBuyer[roundId][buyer]);
    }

    /// @inheritdoc IImpactMarket
    function previewMatch(
        uint256 roundId,
        uint256 claimId,
        address buyer,
        uint256 units
    ) external view returns (uint256 matchedUnits, uint256 matchedCost) {
        try this.quoteMatch(roundId, claimId, buyer, units) returns (uint256 u, uint256 c) {
            return (u, c);
        } catch {
            return (0, 0);
        }
    }

    /// @notice {previewMatch} that reverts with the reason instead of returning zeros (for clients and tests).
    function quoteMatch(
        uint256 roundId,
        uint256 claimId,
        address buyer,
        uint256 units
    ) external view returns (uint256 matchedUnits, uint256 matchedCost) {
        Match memory m = _match(roundId, _rounds[roundId], claimId, buyer, units);
        return (m.units, m.cost);
    }

    // ------------------------------------------------------------------------------------------------ internals

    /// @dev Checks a purchase of `taken` units (bought + matched) against the listing and the terms the buyer named
    /// (IM-9), and takes them off the listing.
    /// @param bought Units the buyer pays for (> 0); `sale.cost` is their price.
    function _take(
        uint256 claimId,
        uint256 taken,
        BuyTerms calldata terms,
        uint256 bought
    ) private returns (Sale memory sale) {
        if (bought == 0) revert ZeroUnits();
        ListingSale storage listing = _sales[claimId];
        ListingSale memory s = listing;
        if (s.seller == address(0)) revert NotListed(claimId);
        if (s.version != terms.listingVersion) revert ListingVersionMismatch(claimId, terms.listingVersion, s.version);
        ListingTerms memory t = _terms[claimId];
        if (t.currency != terms.currency) revert ListingCurrencyMismatch(claimId, terms.currency, t.currency);
        if (taken > s.remaining) revert ExceedsListing(claimId, s.remaining, taken);
        uint256 cost = bought * t.pricePerUnit; // bought <= remaining < 2^48 and price < 2^96: no overflow
        if (cost > terms.maxCost) revert CostAboveMax(claimId, cost, terms.maxCost);
        listing.remaining = uint48(s.remaining - taken);
        sale = Sale({seller: s.seller, currency: t.currency, price: t.pricePerUnit, cost: cost});
    }

    /// @dev IM-10: the claim's market sales, `sold` so far plus `units` now, stay within verified - revoked units,
    /// so revoked tonnes are never sold by the claimant, even if it parked units elsewhere before the revocation.
    function _checkUnrevoked(uint256 claimId, uint256 sold, uint256 units) private view {
        (uint256 verified, uint256 revoked) = IImpactRegistry(_REGISTRY).verifiedAndRevoked(claimId);
        uint256 available = verified > revoked + sold ? verified - revoked - sold : 0;
        if (units > available) revert ExceedsUnitsForSale(claimId, available, units);
    }

    /// @dev The round `roundId`, which must exist and be the caller's.
    function _ownedRound(uint256 roundId) private view returns (Round storage round) {
        round = _rounds[roundId];
        if (round.owner == address(0)) revert UnknownRound(roundId);
        if (round.owner != msg.sender) revert NotRoundOwner(roundId, msg.sender);
    }

    /// @dev The match for `buyer` buying `units` of `claimId` through round `roundId`: units x ratio, rounded down
    /// (toward the round), then cut to the round's funds, its caps for the claim and the buyer (whole units at the
    /// listing price, rounded down), and what is left of the listing after the buyer's units.
    function _match(
        uint256 roundId,
        Round storage round,
        uint256 claimId,
        address buyer,
        uint256 units
    ) private view returns (Match memory m) {
        if (round.owner == address(0)) revert UnknownRound(roundId);
        if (block.timestamp >= round.endTime) revert RoundEnded(roundId, round.endTime);
        (IImpactRegistry.ClaimStatus status, address claimant, uint8 methodologyId) = IImpactRegistry(_REGISTRY)
            .statusOf(claimId);
        if ((round.methodologyMask >> methodologyId) & 1 == 0) revert MethodologyNotEligible(roundId, methodologyId);
        ClaimEligibility choice = _eligibility[roundId][claimId];
        if (choice == ClaimEligibility.Excluded) revert ClaimExcluded(roundId, claimId);
        if (round.allowListOnly && choice != ClaimEligibility.Allowed) revert ClaimNotAllowed(roundId, claimId);
        if (status == IImpactRegistry.ClaimStatus.Revoked && !round.acceptsRevokedClaims) {
            (, uint256 revoked) = IImpactRegistry(_REGISTRY).verifiedAndRevoked(claimId);
            revert ClaimHasRevocation(roundId, claimId, revoked);
        }
        // Only the claimant's own address is known on chain; see docs/impact.md for what a round cannot tell.
        if (buyer == claimant) revert SelfMatch(roundId, buyer);
        ListingTerms memory t = _terms[claimId];
        // Never listed: no price to match at (and nothing to divide the budget by).
        if (t.pricePerUnit == 0) revert NotListed(claimId);
        if (t.currency != round.currency) revert CurrencyMismatch(roundId, round.currency, t.currency);
        if (t.pricePerUnit > round.maxPricePerUnit) {
            revert PriceAboveRoundLimit(roundId, t.pricePerUnit, round.maxPricePerUnit);
        }
        uint256 budget = _budget(roundId, round, claimId, buyer);
        m.units = Math.mulDiv(units, round.matchBps, _BPS); // rounds down: the round never overpays
        m.units = Math.min(m.units, budget / t.pricePerUnit); // whole units the budget pays for, rounded down
        uint256 remaining = _sales[claimId].remaining;
        m.units = Math.min(m.units, remaining > units ? remaining - units : 0);
        m.cost = m.units * t.pricePerUnit;
    }

    /// @dev What the round may still spend on this purchase: its funds, cut to what is left of its caps.
    function _budget(
        uint256 roundId,
        Round storage round,
        uint256 claimId,
        address buyer
    ) private view returns (uint256) {
        uint256 forClaim = _left(round.capPerClaim, _spentOnClaim[roundId][claimId]);
        uint256 forBuyer = _left(round.capPerBuyer, _spentOnBuyer[roundId][buyer]);
        return Math.min(round.remaining, Math.min(forClaim, forBuyer));
    }

    function _fullyRevoked(uint256 claimId) private view returns (bool) {
        (uint256 verified, uint256 revoked) = IImpactRegistry(_REGISTRY).verifiedAndRevoked(claimId);
        return revoked == verified;
    }

    function _left(uint256 cap, uint256 spent) private pure returns (uint256) {
        return cap > spent ? cap - spent : 0;
    }

    function _fund(uint256 roundId, Round storage round, uint256 amount) private {
        if (amount == 0) {
            if (msg.value != 0) revert IncorrectPayment(0, msg.value);
            return;
        }
        round.remaining += SafeCast.toUint128(amount);
        round.deposited += SafeCast.toUint128(amount);
        emit RoundFunded(roundId, msg.sender, amount, round.remaining);
        _collect(round.currency, amount);
    }

    /// @dev Takes `amount` from the caller: exactly that much ETH, or an ERC-20 transfer that must deliver it whole.
    function _collect(address currency, uint256 amount) private {
        if (currency == address(0)) {
            if (msg.value != amount) revert IncorrectPayment(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert IncorrectPayment(0, msg.value);
        IERC20 token = IERC20(currency);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert TokenShortfall(currency, amount, received);
    }

    function _pay(address currency, address to, uint256 amount) private {
        if (currency == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(currency).safeTransfer(to, amount);
    }
}
