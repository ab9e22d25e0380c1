// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HarvestControlRule} from "./HarvestControlRule.sol";
import {IResourceRegistry} from "./IResourceRegistry.sol";

/// @title ResourceRegistry
/// @notice Resource-cap currency ("Fishcoin"): owns the registered resources, their seasons and science-set caps, quota
/// shares (ERC-1155) and holders' per-season entitlement and landings; the arithmetic is {HarvestControlRule}'s.
/// See {IResourceRegistry} for the model and the invariants RC-1..RC-5.
/// @dev Storage is packed for the hot paths (transfer, landing):
/// - a holder's position in its last season is one slot (season, seasonShares, entitlement, landed);
/// - a season's carry-forward accumulator, carry limit per share and flags share a slot, and its cap and landed total
///   share another, so a landing writes the holding, the accumulator and the landed total: three slots, all
///   non-zero before (the flags keep the first slot non-zero, the cap the second);
/// - closed periods are one packed word (up to 4 x (start, end) of 32 bits).
/// Nothing here sends value. The only external calls are ERC-1155 acceptance checks made by OpenZeppelin after the
/// state is written (share mints and transfers), so a re-entering receiver sees consistent state; no guard needed.
contract ResourceRegistry is IResourceRegistry, ERC1155 {
    uint256 private constant _WAD = HarvestControlRule.WAD;
    uint256 private constant _BPS = HarvestControlRule.BPS;
    uint256 private constant _MAX_CLOSED_PERIODS = 4;

    struct Resource {
        // slot 0
        uint64 firstSeasonStart;
        uint32 seasonLength;
        uint32 totalShares;
        uint32 openedSeason;
        uint32 lastAssessedSeason;
        uint16 carryOverBps;
        uint16 concentrationCapBps;
        uint16 maxRiseBps;
        uint16 maxCutBps;
        // slot 1
        uint64 targetRate;
        uint96 precautionaryBiomass;
        uint96 limitBiomass;
        // slot 2: up to 4 x (uint32 start | uint32 end << 32), period i at bit 64 * i; end == 0 marks the end
        uint256 closedPeriods;
        string name;
        string unit;
    }

    struct Season {
        // slot 0 (written by transfers and landings)
        uint96 carryForward;
        uint96 carryLimitPerShare;
        bool opened;
        bool carryVoided;
        bool closed;
        bool assessed;
        // slot 1 (cap read by transfers, landed written by landings)
        uint96 cap;
        uint96 landed;
        // slot 2 (read when a holder is settled)
        uint96 allocationPerShare;
        uint96 carriedIn;
        // slot 3
        uint96 biomass;
        uint96 ruleCap;
        uint96 leftInSea;
        // slot 4
        bytes32 reportHash;
    }

    struct HoldingSlot {
        uint32 season;
        uint32 seasonShares;
        uint96 entitlement;
        uint96 landed;
    }

    address private _council;
    address private _pendingCouncil;
    uint256 private _resourceCount;
    mapping(uint256 resourceId => Resource) private _resources;
    mapping(uint256 resourceId => mapping(uint256 season => Season)) private _seasons;
    mapping(uint256 resourceId => mapping(address holder => HoldingSlot)) private _holdings;
    mapping(uint256 resourceId => mapping(address account => bool)) private _assessors;
    mapping(uint256 resourceId => mapping(address account => bool)) private _buyers;
    mapping(uint256 resourceId => mapping(address holder => mapping(address buyer => bool))) private _buyerApprovals;

    modifier onlyCouncil() {
        if (msg.sender != _council) revert CallerNotCouncil(msg.sender, _council);
        _;
    }

    /// @param council_ The thresholds council's TimelockController.
    constructor(address council_) ERC1155("") {
        if (council_ == address(0)) revert InvalidCouncil();
        _council = council_;
        emit CouncilChanged(address(0), council_);
    }

    // ------------------------------------------------------------------------------------------------ council

    /// @inheritdoc IResourceRegistry
    function council() external view returns (address) {
        return _council;
    }

    /// @inheritdoc IResourceRegistry
    function pendingCouncil() external view returns (address) {
        return _pendingCouncil;
    }

    /// @inheritdoc IResourceRegistry
    function proposeCouncil(address newCouncil) external onlyCouncil {
        if (newCouncil == address(0)) revert InvalidCouncil();
        // A TimelockController answers getMinDelay(); an account or another contract does not (TC-4).
        if (newCouncil.code.length == 0) revert CouncilNotTimelock(newCouncil);
        (bool ok, bytes memory answer) = newCouncil.staticcall(abi.encodeCall(TimelockController.getMinDelay, ()));
        if (!ok || answer.length != 32) revert CouncilNotTimelock(newCouncil);
        _pendingCouncil = newCouncil;
        emit CouncilHandoverProposed(msg.sender, newCouncil);
    }

    /// @inheritdoc IResourceRegistry
    function acceptCouncil() external {
        address pending = _pendingCouncil;
        if (msg.sender != pending) revert CallerNotPendingCouncil(msg.sender, pending);
        emit CouncilChanged(_council, pending);
        _council = pending;
        delete _pendingCouncil;
    }

    /// @inheritdoc IResourceRegistry
    function cancelCouncilHandover() external onlyCouncil {
        address pending = _pendingCouncil;
        if (pending == address(0)) revert NoCouncilHandover();
        delete _pendingCouncil;
        emit CouncilHandoverCancelled(msg.sender, pending);
    }

    /// @inheritdoc IResourceRegistry
    function registerResource(
        ResourceConfig calldata config,
        address[] calldata holders,
        uint32[] calldata shares
    ) external onlyCouncil returns (uint256 resourceId) {
        if (config.seasonLength == 0) revert ZeroSeasonLength();
        if (config.firstSeasonStart <= block.timestamp) {
            revert FirstSeasonInPast(config.firstSeasonStart, block.timestamp);
        }
        uint256 totalShares = _checkInitialHolders(holders, shares);
        resourceId = ++_resourceCount;
        Resource storage r = _resources[resourceId];
        r.firstSeasonStart = config.firstSeasonStart;
        r.seasonLength = config.seasonLength;
        r.totalShares = uint32(totalShares);
        r.name = config.name;
        r.unit = config.unit;
        emit ResourceRegistered(
            resourceId,
            config.name,
            config.unit,
            config.firstSeasonStart,
            config.seasonLength,
            uint32(totalShares)
        );
        _setHarvestRule(resourceId, r, config.rule);
        _setQuotaPolicy(resourceId, r, config.carryOverBps, config.concentrationCapBps);
        _setClosedPeriods(resourceId, r, config.closedPeriods);
        uint256 maxShares = (totalShares * config.concentrationCapBps) / _BPS;
        for (uint256 i = 0; i < holders.length; ++i) {
            // The id is new, so a holder already holding shares of it was listed before.
            if (balanceOf(holders[i], resourceId) != 0) revert InvalidInitialHolders();
            uint256 wouldHold = shares[i];
            if (wouldHold > maxShares) revert ShareCapExceeded(resourceId, holders[i], maxShares, wouldHold);
            _mint(holders[i], resourceId, shares[i], "");
        }
    }

    /// @inheritdoc IResourceRegistry
    function setHarvestRule(uint256 resourceId, HarvestRule calldata rule) external onlyCouncil {
        _setHarvestRule(resourceId, _resource(resourceId), rule);
    }

    /// @inheritdoc IResourceRegistry
    function setQuotaPolicy(uint256 resourceId, uint16 carryOverBps, uint16 concentrationCapBps) external onlyCouncil {
        _setQuotaPolicy(resourceId, _resource(resourceId), carryOverBps, concentrationCapBps);
    }

    /// @inheritdoc IResourceRegistry
    function setClosedPeriods(uint256 resourceId, ClosedPeriod[] calldata periods) external onlyCouncil {
        _setClosedPeriods(resourceId, _resource(resourceId), periods);
    }

    /// @inheritdoc IResourceRegistry
    function setAssessor(uint256 resourceId, address assessor, bool accredited) external onlyCouncil {
        _resource(resourceId);
        _assessors[resourceId][assessor] = accredited;
        emit AssessorAccreditationSet(resourceId, assessor, accredited);
    }

    /// @inheritdoc IResourceRegistry
    function setBuyer(uint256 resourceId, address buyer, bool registered) external onlyCouncil {
        _resource(resourceId);
        _buyers[resourceId][buyer] = registered;
        emit BuyerRegistrationSet(resourceId, buyer, registered);
    }

    // ------------------------------------------------------------------------------------------------ science

    /// @inheritdoc IResourceRegistry
    function postAssessment(
        uint256 resourceId,
        uint256 season,
        uint256 biomass,
        bytes32 reportHash
    ) external returns (uint256 cap) {
        Resource storage r = _resource(resourceId);
        if (!_assessors[resourceId][msg.sender]) revert UnaccreditedAssessor(resourceId, msg.sender);
        uint256 expected = _seasonAt(r, block.timestamp) + 1;
        if (season != expected) revert StaleSeason(resourceId, season, expected);
        Season storage s = _seasons[resourceId][season];
        if (s.assessed) revert AlreadyAssessed(resourceId, season);
        if (biomass > type(uint96).max) revert BiomassTooLarge(biomass);
        uint256 ruleCap;
        (ruleCap, cap) = _computeCap(resourceId, r, season, biomass);
        s.assessed = true;
        s.cap = uint96(cap);
        s.biomass = uint96(biomass);
        s.ruleCap = uint96(ruleCap);
        s.reportHash = reportHash;
        r.lastAssessedSeason = uint32(season);
        emit AssessmentPosted(resourceId, season, msg.sender, biomass, reportHash, ruleCap, cap);
    }

    /// @inheritdoc IResourceRegistry
    function previewCap(
        uint256 resourceId,
        uint256 season,
        uint256 biomass
    ) external view returns (uint256 ruleCap, uint256 cap) {
        if (biomass > type(uint96).max) revert BiomassTooLarge(biomass);
        return _computeCap(resourceId, _resource(resourceId), season, biomass);
    }

    // ------------------------------------------------------------------------------------------------ seasons

    /// @inheritdoc IResourceRegistry
    function rollover(uint256 resourceId) external {
        Resource storage r = _resource(resourceId);
        uint256 current = _seasonAt(r, block.timestamp);
        if (r.openedSeason >= current) revert NothingToRollOver(resourceId, current);
        _openThrough(resourceId, r, current);
    }

    // ------------------------------------------------------------------------------------------------ holders

    /// @inheritdoc IResourceRegistry
    function transferEntitlement(uint256 resourceId, address to, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0) || to == msg.sender) revert InvalidRecipient(to);
        (Resource storage r, uint256 current) = _openWaters(resourceId);
        HoldingSlot memory from = _settled(resourceId, current, msg.sender);
        if (from.entitlement < amount) {
            revert InsufficientEntitlement(resourceId, msg.sender, from.entitlement, amount);
        }
        HoldingSlot memory recipient = _settled(resourceId, current, to);
        Season storage s = _seasons[resourceId][current];
        uint256 maxHold = (uint256(s.cap) * r.concentrationCapBps) / _BPS;
        uint256 wouldHold = uint256(recipient.entitlement) + recipient.landed + amount;
        if (wouldHold > maxHold) revert ConcentrationCapExceeded(resourceId, to, maxHold, wouldHold);

        uint256 perShare = s.carryLimitPerShare;
        uint256 fromBefore = from.entitlement;
        uint256 toBefore = recipient.entitlement;
        from.entitlement = uint96(fromBefore - amount);
        recipient.entitlement = uint96(wouldHold - recipient.landed);
        // Carry-forward accumulator: the sender's carry can only shrink, the recipient's only grow.
        s.carryForward = uint96(
            s.carryForward +
                HarvestControlRule.carryGain(toBefore, recipient.entitlement, recipient.seasonShares * perShare) -
                HarvestControlRule.carryGain(from.entitlement, fromBefore, from.seasonShares * perShare)
        );
        _holdings[resourceId][msg.sender] = from;
        _holdings[resourceId][to] = recipient;
        emit EntitlementTransferred(resourceId, msg.sender, to, current, amount);
    }

    /// @inheritdoc IResourceRegistry
    function approveBuyer(uint256 resourceId, address buyer, bool approved) external {
        _resource(resourceId);
        _buyerApprovals[resourceId][msg.sender][buyer] = approved;
        emit BuyerApprovalSet(resourceId, msg.sender, buyer, approved);
    }

    /// @inheritdoc IResourceRegistry
    function recordLanding(uint256 resourceId, address holder, uint256 amount, bytes32 ticket) external {
        if (amount == 0) revert ZeroAmount();
        if (!_buyers[resourceId][msg.sender]) revert UnregisteredBuyer(resourceId, msg.sender);
        if (!_buyerApprovals[resourceId][holder][msg.sender]) revert BuyerNotApproved(resourceId, holder, msg.sender);
        (, uint256 current) = _openWaters(resourceId);
        HoldingSlot memory h = _settled(resourceId, current, holder);
        uint256 before = h.entitlement;
        if (before < amount) revert LandingExceedsEntitlement(resourceId, holder, before, amount);
        Season storage s = _seasons[resourceId][current];
        h.entitlement = uint96(before - amount);
        h.landed += uint96(amount);
        s.carryForward = uint96(
            s.carryForward -
                HarvestControlRule.carryGain(h.entitlement, before, uint256(h.seasonShares) * s.carryLimitPerShare)
        );
        s.landed += uint96(amount);
        _holdings[resourceId][holder] = h;
        emit Landed(resourceId, holder, msg.sender, current, amount, ticket);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IResourceRegistry
    function resourceCount() external view returns (uint256) {
        return _resourceCount;
    }

    /// @inheritdoc IResourceRegistry
    function getResource(uint256 resourceId) external view returns (ResourceInfo memory info) {
        Resource storage r = _resource(resourceId);
        info.name = r.name;
        info.unit = r.unit;
        info.firstSeasonStart = r.firstSeasonStart;
        info.seasonLength = r.seasonLength;
        info.totalShares = r.totalShares;
        info.openedSeason = r.openedSeason;
        info.lastAssessedSeason = r.lastAssessedSeason;
        info.rule = HarvestRule(r.targetRate, r.precautionaryBiomass, r.limitBiomass, r.maxRiseBps, r.maxCutBps);
        info.carryOverBps = r.carryOverBps;
        info.concentrationCapBps = r.concentrationCapBps;
        info.closedPeriods = _unpackClosedPeriods(r.closedPeriods);
    }

    /// @inheritdoc IResourceRegistry
    function getSeason(uint256 resourceId, uint256 season) external view returns (SeasonInfo memory info) {
        Resource storage r = _resource(resourceId);
        Season storage s = _seasons[resourceId][season];
        info.assessed = s.assessed;
        info.biomass = s.biomass;
        info.ruleCap = s.ruleCap;
        info.cap = s.cap;
        info.reportHash = s.reportHash;
        info.opened = s.opened;
        info.landed = s.landed;
        info.closed = s.closed;
        info.leftInSea = s.leftInSea;
        if (s.opened) {
            info.carryVoided = s.carryVoided;
            info.carriedIn = s.carriedIn;
            info.allocationPerShare = s.allocationPerShare;
            info.carryLimitPerShare = s.carryLimitPerShare;
            info.carryForward = s.carryForward;
        } else if (season != 0 && season <= _seasonAt(r, block.timestamp)) {
            // Started but not opened yet: what opening it now would give (nobody has touched it).
            HarvestControlRule.OpeningTerms memory t = _terms(resourceId, r, season);
            info.carryVoided = t.carryVoided;
            info.carriedIn = t.carriedIn;
            info.allocationPerShare = t.allocationPerShare;
            info.carryLimitPerShare = t.carryLimitPerShare;
            info.carryForward = uint256(r.totalShares) * t.carryLimitPerShare;
        }
    }

    /// @inheritdoc IResourceRegistry
    function seasonAt(uint256 resourceId, uint256 timestamp) external view returns (uint256) {
        return _seasonAt(_resource(resourceId), timestamp);
    }

    /// @inheritdoc IResourceRegistry
    function currentSeason(uint256 resourceId) external view returns (uint256) {
        return _seasonAt(_resource(resourceId), block.timestamp);
    }

    /// @inheritdoc IResourceRegistry
    function holdingOf(uint256 resourceId, address holder) public view returns (Holding memory h) {
        Resource storage r = _resource(resourceId);
        uint256 current = _seasonAt(r, block.timestamp);
        h.season = current;
        h.shares = balanceOf(holder, resourceId);
        if (current == 0) return h;
        HoldingSlot memory slot = _holdings[resourceId][holder];
        HarvestControlRule.OpeningTerms memory t = _terms(resourceId, r, current);
        h.settled = slot.season == current;
        if (h.settled) {
            h.seasonShares = slot.seasonShares;
            h.entitlement = slot.entitlement;
            h.landed = slot.landed;
        } else {
            h.seasonShares = h.shares;
            uint256 previousLimit = current > 1 ? _terms(resourceId, r, current - 1).carryLimitPerShare : 0;
            h.pendingCarryIn = _carryIn(t.carryVoided, current, slot, h.shares, previousLimit);
            h.entitlement = h.shares * t.allocationPerShare + h.pendingCarryIn;
        }
        h.allocated = h.seasonShares * t.allocationPerShare;
        h.carryLimit = h.seasonShares * t.carryLimitPerShare;
    }

    /// @inheritdoc IResourceRegistry
    function entitlementOf(uint256 resourceId, address holder) external view returns (uint256) {
        return holdingOf(resourceId, holder).entitlement;
    }

    /// @inheritdoc IResourceRegistry
    function maxHolding(uint256 resourceId) external view returns (uint256) {
        Resource storage r = _resource(resourceId);
        uint256 current = _seasonAt(r, block.timestamp);
        return (uint256(_seasons[resourceId][current].cap) * r.concentrationCapBps) / _BPS;
    }

    /// @inheritdoc IResourceRegistry
    function closedPeriodAt(
        uint256 resourceId,
        uint256 timestamp
    ) public view returns (bool closed, uint256 from, uint256 until) {
        Resource storage r = _resource(resourceId);
        uint256 packed = r.closedPeriods;
        uint256 season = _seasonAt(r, timestamp);
        if (packed == 0 || season == 0) return (false, 0, 0);
        uint256 seasonStart = r.firstSeasonStart + (season - 1) * uint256(r.seasonLength);
        uint256 offset = timestamp - seasonStart;
        for (uint256 i = 0; i < _MAX_CLOSED_PERIODS; ++i) {
            uint256 period = packed >> (64 * i);
            uint256 end = uint32(period >> 32);
            if (end == 0) break;
            uint256 start = uint32(period);
            if (offset >= start && offset < end) return (true, seasonStart + start, seasonStart + end);
        }
        return (false, 0, 0);
    }

    /// @inheritdoc IResourceRegistry
    function isAssessor(uint256 resourceId, address account) external view returns (bool) {
        return _assessors[resourceId][account];
    }

    /// @inheritdoc IResourceRegistry
    function isBuyer(uint256 resourceId, address account) external view returns (bool) {
        return _buyers[resourceId][account];
    }

    /// @inheritdoc IResourceRegistry
    function isBuyerApproved(uint256 resourceId, address holder, address buyer) external view returns (bool) {
        return _buyerApprovals[resourceId][holder][buyer];
    }

    // ------------------------------------------------------------------------------------------------ shares

    /// @dev Share transfers settle both parties into the current season first (so this season's allocation keeps
    /// the shares held when it opened) and respect the recipient-side share cap. Mints happen only at registration.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        bool moves = from != address(0) && to != address(0) && from != to;
        if (moves) {
            for (uint256 i = 0; i < ids.length; ++i) {
                _beforeShareTransfer(ids[i], from, to);
            }
        }
        super._update(from, to, ids, values);
        // The share cap is checked on the balances after the move, so a batch listing an id twice cannot split a
        // transfer into parts that each fit (still before the receiver's acceptance hook runs).
        if (moves) {
            for (uint256 i = 0; i < ids.length; ++i) {
                Resource storage r = _resources[ids[i]];
                uint256 maxShares = (uint256(r.totalShares) * r.concentrationCapBps) / _BPS;
                uint256 wouldHold = balanceOf(to, ids[i]);
                if (wouldHold > maxShares) revert ShareCapExceeded(ids[i], to, maxShares, wouldHold);
            }
        }
    }

    function _beforeShareTransfer(uint256 resourceId, address from, address to) private {
        Resource storage r = _resource(resourceId);
        uint256 current = _seasonAt(r, block.timestamp);
        if (current != 0) {
            _openThrough(resourceId, r, current);
            _holdings[resourceId][from] = _settled(resourceId, current, from);
            _holdings[resourceId][to] = _settled(resourceId, current, to);
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    function _resource(uint256 resourceId) private view returns (Resource storage r) {
        r = _resources[resourceId];
        if (r.seasonLength == 0) revert UnknownResource(resourceId);
    }

    function _seasonAt(Resource storage r, uint256 timestamp) private view returns (uint256) {
        uint256 start = r.firstSeasonStart;
        if (timestamp < start) return 0;
        return (timestamp - start) / r.seasonLength + 1;
    }

    /// @dev The current season, opened, outside any closed period.
    function _openWaters(uint256 resourceId) private returns (Resource storage r, uint256 current) {
        r = _resource(resourceId);
        current = _seasonAt(r, block.timestamp);
        if (current == 0) revert NoOpenSeason(resourceId, r.firstSeasonStart);
        if (r.openedSeason < current) _openThrough(resourceId, r, current);
        if (r.closedPeriods != 0) {
            (bool closed, uint256 from, uint256 until) = closedPeriodAt(resourceId, block.timestamp);
            if (closed) revert ClosedPeriodActive(resourceId, from, until);
        }
    }

    /// @dev Opens every season up to `current`, one O(1) step each (a loop only if whole seasons passed untouched).
    function _openThrough(uint256 resourceId, Resource storage r, uint256 current) private {
        uint256 opened = r.openedSeason;
        if (opened >= current) return;
        while (opened < current) {
            _open(resourceId, r, ++opened);
        }
        r.openedSeason = uint32(opened);
    }

    /// @dev Opens season `n`: takes the previous season's final carry-forward into the cap (or voids it), fixes the
    /// allocation per share, starts the carry-forward accumulator and closes the previous season with its report.
    function _open(uint256 resourceId, Resource storage r, uint256 n) private {
        Season storage s = _seasons[resourceId][n];
        uint256 carried = n > 1 ? _seasons[resourceId][n - 1].carryForward : 0;
        HarvestControlRule.OpeningTerms memory t = HarvestControlRule.openingTerms(
            s.cap,
            carried,
            r.totalShares,
            r.carryOverBps
        );
        s.opened = true;
        s.carryVoided = t.carryVoided;
        s.carriedIn = uint96(t.carriedIn);
        s.allocationPerShare = uint96(t.allocationPerShare);
        s.carryLimitPerShare = uint96(t.carryLimitPerShare);
        s.carryForward = uint96(uint256(r.totalShares) * t.carryLimitPerShare);
        if (n > 1) _close(resourceId, n - 1, t.carriedIn);
        emit SeasonOpened(resourceId, n, s.cap, t.carriedIn, t.carryVoided, t.allocationPerShare, t.carryLimitPerShare);
    }

    function _close(uint256 resourceId, uint256 season, uint256 carriedOver) private {
        Season storage p = _seasons[resourceId][season];
        uint256 cap = p.cap;
        uint256 landed = p.landed;
        uint256 leftInSea = cap - landed - carriedOver;
        p.closed = true;
        p.leftInSea = uint96(leftInSea);
        emit SeasonClosed(resourceId, season, cap, landed, carriedOver, leftInSea);
    }

    /// @dev Opening terms of season `n` (1 <= n <= current): stored once opened, otherwise projected from the last
    /// opened season as if nobody touched the seasons in between (which is the case: touching opens them).
    function _terms(
        uint256 resourceId,
        Resource storage r,
        uint256 n
    ) private view returns (HarvestControlRule.OpeningTerms memory t) {
        Season storage s = _seasons[resourceId][n];
        if (s.opened) {
            return
                HarvestControlRule.OpeningTerms(s.carryVoided, s.carriedIn, s.allocationPerShare, s.carryLimitPerShare);
        }
        uint256 opened = r.openedSeason;
        uint256 carried = opened > 0 ? _seasons[resourceId][opened].carryForward : 0;
        for (uint256 k = opened + 1; k <= n; ++k) {
            t = HarvestControlRule.openingTerms(_seasons[resourceId][k].cap, carried, r.totalShares, r.carryOverBps);
            carried = uint256(r.totalShares) * t.carryLimitPerShare;
        }
    }

    /// @dev `holder`'s position settled into the opened season `current` (not written; callers write it back).
    function _settled(uint256 resourceId, uint256 current, address holder) private returns (HoldingSlot memory h) {
        h = _holdings[resourceId][holder];
        if (h.season == current) return h;
        Season storage s = _seasons[resourceId][current];
        uint256 shares = balanceOf(holder, resourceId);
        uint256 previousLimit = current > 1 ? _seasons[resourceId][current - 1].carryLimitPerShare : 0;
        uint256 carriedIn = _carryIn(s.carryVoided, current, h, shares, previousLimit);
        uint256 allocated = shares * s.allocationPerShare;
        h = HoldingSlot(uint32(current), uint32(shares), uint96(allocated + carriedIn), 0);
        emit EntitlementSettled(resourceId, current, holder, allocated, carriedIn);
    }

    /// @dev The rule's value and the step-bounded cap of `season` for `biomass` ({HarvestControlRule}).
    /// @dev Carry into `current` for a holder last settled in `last.season`. Touched in the previous season: the
    /// smaller of what it had left and its limit. Untouched: its whole limit (unused >= allocation >= limit), from
    /// the shares it still holds (shares only move after settling both parties). Kept here, not in
    /// {HarvestControlRule}: it reads the holding's fields lazily, and passing them as arguments costs ~80 gas a call.
    function _carryIn(
        bool voided,
        uint256 current,
        HoldingSlot memory last,
        uint256 shares,
        uint256 previousLimitPerShare
    ) private pure returns (uint256) {
        if (voided || current == 1) return 0;
        if (last.season == current - 1) {
            return Math.min(last.entitlement, uint256(last.seasonShares) * previousLimitPerShare);
        }
        return shares * previousLimitPerShare;
    }

    function _computeCap(
        uint256 resourceId,
        Resource storage r,
        uint256 season,
        uint256 biomass
    ) private view returns (uint256 ruleCap, uint256 cap) {
        ruleCap = HarvestControlRule.ruleCap(r.targetRate, r.precautionaryBiomass, r.limitBiomass, biomass);
        uint256 previous = season > 1 ? _seasons[resourceId][season - 1].cap : 0;
        // After a zero cap the rule is not step-bounded: skip reading the bounds (boundedCap gives the rule too).
        if (previous == 0) return (ruleCap, ruleCap);
        cap = HarvestControlRule.boundedCap(ruleCap, previous, r.maxRiseBps, r.maxCutBps);
    }

    function _checkInitialHolders(
        address[] calldata holders,
        uint32[] calldata shares
    ) private pure returns (uint256 total) {
        if (holders.length == 0 || holders.length != shares.length) revert InvalidInitialHolders();
        for (uint256 i = 0; i < holders.length; ++i) {
            if (holders[i] == address(0) || shares[i] == 0) revert InvalidInitialHolders();
            total += shares[i];
        }
        if (total > type(uint32).max) revert InvalidTotalShares(total);
    }

    function _setHarvestRule(uint256 resourceId, Resource storage r, HarvestRule calldata rule) private {
        if (rule.limitBiomass >= rule.precautionaryBiomass) {
            revert RuleOutOfOrder(rule.limitBiomass, rule.precautionaryBiomass);
        }
        if (rule.targetRate > _WAD) revert TargetRateTooHigh(rule.targetRate);
        if (rule.maxRiseBps > _BPS) revert BasisPointsOutOfRange(rule.maxRiseBps);
        if (rule.maxCutBps > _BPS) revert BasisPointsOutOfRange(rule.maxCutBps);
        r.targetRate = rule.targetRate;
        r.precautionaryBiomass = rule.precautionaryBiomass;
        r.limitBiomass = rule.limitBiomass;
        r.maxRiseBps = rule.maxRiseBps;
        r.maxCutBps = rule.maxCutBps;
        emit HarvestRuleSet(resourceId, rule);
    }

    function _setQuotaPolicy(
        uint256 resourceId,
        Resource storage r,
        uint16 carryOverBps,
        uint16 concentrationCapBps
    ) private {
        if (carryOverBps > _BPS) revert BasisPointsOutOfRange(carryOverBps);
        if (concentrationCapBps > _BPS) revert BasisPointsOutOfRange(concentrationCapBps);
        if (concentrationCapBps == 0) revert ZeroConcentrationCap();
        r.carryOverBps = carryOverBps;
        r.concentrationCapBps = concentrationCapBps;
        emit QuotaPolicySet(resourceId, carryOverBps, concentrationCapBps);
    }

    function _setClosedPeriods(uint256 resourceId, Resource storage r, ClosedPeriod[] calldata periods) private {
        if (periods.length > _MAX_CLOSED_PERIODS) revert TooManyClosedPeriods(periods.length, _MAX_CLOSED_PERIODS);
        uint256 packed;
        uint256 previousEnd;
        for (uint256 i = 0; i < periods.length; ++i) {
            ClosedPeriod calldata p = periods[i];
            if (p.start >= p.end || p.start < previousEnd || p.end > r.seasonLength) {
                revert ClosedPeriodOutOfOrder(i, p.start, p.end);
            }
            packed |= (uint256(p.start) | (uint256(p.end) << 32)) << (64 * i);
            previousEnd = p.end;
        }
        r.closedPeriods = packed;
        emit ClosedPeriodsSet(resourceId, periods);
    }

    function _unpackClosedPeriods(uint256 packed) private pure returns (ClosedPeriod[] memory periods) {
        uint256 count;
        while (count < _MAX_CLOSED_PERIODS && uint32(packed >> (64 * count + 32)) != 0) ++count;
        periods = new ClosedPeriod[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 period = packed >> (64 * i);
            periods[i] = ClosedPeriod(uint32(period), uint32(period >> 32));
        }
    }
}
