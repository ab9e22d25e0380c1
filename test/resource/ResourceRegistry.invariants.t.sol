// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {ResourceRegistry} from "../../contracts/resource/ResourceRegistry.sol";
import {IResourceRegistry} from "../../contracts/resource/IResourceRegistry.sol";
import {ResourceRegistryModel} from "./ResourceRegistryModel.sol";

/// @notice Invariant-test handler of ResourceRegistry (ghost accounting with an eager reference model).
/// @dev Four EOA holders (indices 0..3, 4,000 / 3,000 / 2,000 / 1,000 of 10,000 shares), one buyer, 30-day seasons
/// with a closed period on days 10-13; the handler is the council and the accredited science body. The ghost opens
/// every season as soon as time reaches it (the registry does so lazily; its views project the same values) and
/// recomputes every holder's entitlement, carry and the closing report from the interface's definitions, without
/// the registry's lazy settlement or carry-forward accumulator. Each action predicts its outcome, down to the exact
/// revert data; a call that must succeed but reverts, must revert but succeeds, or reverts with other data is
/// recorded in `violations`. After every successful entitlement transfer the recipient is checked against the
/// concentration cap (RC-3). The ghost state and the revert predictors are in {ResourceRegistryModel}.
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant
/// fuzzer needs the handler's artifact.
contract ResourceRegistryHandler is ResourceRegistryModel {
    ResourceRegistry public immutable registry;

    constructor() {
        registry = new ResourceRegistry(address(this));
        buyer = makeAddr("buyer");
        start = block.timestamp + 1 days;
        address[] memory hs = new address[](N);
        uint32[] memory ss = new uint32[](N);
        for (uint256 i = 0; i < N; ++i) {
            actors[i] = makeAddr(string.concat("holder", vm.toString(i)));
            hs[i] = actors[i];
            ss[i] = uint32((N - i) * 1_000);
            gShares[i] = ss[i];
        }
        IResourceRegistry.ClosedPeriod[] memory closed = new IResourceRegistry.ClosedPeriod[](1);
        closed[0] = IResourceRegistry.ClosedPeriod(CLOSED_FROM, CLOSED_UNTIL);
        id = registry.registerResource(
            IResourceRegistry.ResourceConfig(
                "Invariant stock",
                "t",
                uint64(start),
                SEASON,
                IResourceRegistry.HarvestRule(0.2e18, 100_000e18, 40_000e18, 2_000, 3_000),
                CARRY_BPS,
                CONCENTRATION_BPS,
                closed
            ),
            hs,
            ss
        );
        registry.setAssessor(id, address(this), true);
        registry.setBuyer(id, buyer, true);
        for (uint256 i = 0; i < N; ++i) {
            vm.prank(actors[i]);
            registry.approveBuyer(id, buyer, true);
            gApproved[i] = true;
        }
        _assess(150_000e18); // season 1: 30,000 t
        vm.warp(start + 1 days);
        _sync();
    }

    // ============================================================================================= actions

    /// @notice An entitlement transfer between two holders; one call in eight sends 0 or to oneself, one in four
    /// sends exactly the recipient's room under the cap or one unit more.
    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) public {
        uint256 f = fromSeed % N;
        uint256 t = toSeed % N;
        if (amountSeed % 8 != 0 && t == f) t = (t + 1) % N;
        uint256 have = gEntitlement[f];
        uint256 amount = _bound(amountSeed, 1, have + 1);
        uint256 maxHold = (gCap * CONCENTRATION_BPS) / BPS;
        uint256 held = gEntitlement[t] + gLanded[t];
        if (amountSeed % 4 == 1 && maxHold > held) amount = maxHold - held + ((amountSeed >> 8) % 2);
        if (amountSeed % 8 == 0 && t != f) amount = 0;

        (bytes memory err, bool capRefusal) = _transferError(f, t, amount);
        vm.prank(actors[f]);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IResourceRegistry.transferEntitlement, (id, actors[t], amount))
        );
        if (!_outcome(ok, ret, err, "transferEntitlement")) {
            if (err.length != 0) ++nRefusedTransfers;
            if (capRefusal) ++nCapRefusals;
            return;
        }
        gEntitlement[f] -= amount;
        gEntitlement[t] += amount;
        ++nTransfers;
        // RC-3: the recipient is within the cap after the transfer.
        IResourceRegistry.Holding memory h = registry.holdingOf(id, actors[t]);
        ++nRc3Checks;
        if (h.entitlement + h.landed > registry.maxHolding(id)) _violation("RC-3: recipient above the cap");
    }

    /// @notice The buyer records a landing; one call in four lands exactly what the holder holds or one unit more.
    function land(uint256 holderSeed, uint256 amountSeed) public {
        uint256 h = holderSeed % N;
        uint256 have = gEntitlement[h];
        uint256 amount = _bound(amountSeed, 1, have / 4 + 1);
        if (amountSeed % 4 == 0) amount = have + ((amountSeed >> 8) % 2);
        bytes memory err = _landingError(h, amount);
        vm.prank(buyer);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeCall(IResourceRegistry.recordLanding, (id, actors[h], amount, bytes32(amountSeed)))
        );
        if (!_outcome(ok, ret, err, "recordLanding")) {
            if (err.length != 0) ++nRefusedLandings;
            return;
        }
        gEntitlement[h] -= amount;
        gLanded[h] += amount;
        gSeasonLanded += amount;
        ++nLandings;
    }

    /// @notice A holder moves quota shares (safeTransferFrom); one call in four tries more than it holds or more
    /// than the recipient's room.
    function moveShares(uint256 fromSeed, uint256 toSeed, uint256 amountSeed) public {
        uint256 f = fromSeed % N;
        uint256 t = (f + 1 + (toSeed % (N - 1))) % N;
        uint256 room = MAX_SHARES - gShares[t];
        uint256 amount = _bound(amountSeed, 0, gShares[f] < room ? gShares[f] : room);
        if (amountSeed % 4 == 0) amount = gShares[f] + 1;
        else if (amountSeed % 4 == 1) amount = room + 1;
        bytes memory err = _shareMoveError(f, t, amount);
        vm.prank(actors[f]);
        (bool ok, bytes memory ret) = address(registry).call(
            abi.encodeWithSignature(
                "safeTransferFrom(address,address,uint256,uint256,bytes)",
                actors[f],
                actors[t],
                id,
                amount,
                ""
            )
        );
        if (!_outcome(ok, ret, err, "safeTransferFrom")) {
            if (err.length != 0) ++nRefusedShareMoves;
            return;
        }
        gShares[f] -= amount;
        gShares[t] += amount;
        ++nShareMoves;
    }

    /// @notice Time passes: a few days, or up to two seasons (whole seasons can pass untouched).
    function warp(uint256 secondsSeed) public {
        if (gSeason >= MAX_SEASON) return;
        uint256 dt =
            secondsSeed % 3 == 0 ? _bound(secondsSeed, SEASON / 2, 2 * SEASON) : _bound(secondsSeed, 1 hours, 6 days);
        vm.warp(block.timestamp + dt);
        ++nWarps;
        _sync();
    }

    /// @notice The science body posts the next season's assessment (one call in five posts it again, which must
    /// fail); the cap must be the rule's value clamped by the step bounds (RC-4).
    function assess(uint256 biomassSeed) public {
        uint256 next = gSeason + 1;
        if (gAssessed[next] && biomassSeed % 5 != 0) return;
        uint256 biomass = _bound(biomassSeed, 0, 220_000e18);
        if (gAssessed[next]) {
            vm.expectRevert(abi.encodeWithSelector(IResourceRegistry.AlreadyAssessed.selector, id, next));
            registry.postAssessment(id, next, biomass, bytes32(0));
            ++nAlreadyAssessed;
            return;
        }
        _assess(biomass);
    }

    /// @notice Anyone opens the current season (NothingToRollOver when it is open already).
    function rollover() public {
        bool due = registry.getResource(id).openedSeason < gSeason;
        bytes memory err =
            due ? bytes("") : abi.encodeWithSelector(IResourceRegistry.NothingToRollOver.selector, id, gSeason);
        (bool ok, bytes memory ret) = address(registry).call(abi.encodeCall(IResourceRegistry.rollover, (id)));
        if (_outcome(ok, ret, err, "rollover")) ++nRollovers;
        else ++nNothingToRollOver;
    }

    /// @notice A holder revokes or renews its approval of the buyer.
    function approve(uint256 holderSeed, bool approved) public {
        uint256 h = holderSeed % N;
        vm.prank(actors[h]);
        registry.approveBuyer(id, buyer, approved);
        gApproved[h] = approved;
        ++nApprovalChanges;
    }

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](8);
        s[0] = this.transfer.selector;
        s[1] = this.transfer.selector;
        s[2] = this.land.selector;
        s[3] = this.moveShares.selector;
        s[4] = this.warp.selector;
        s[5] = this.assess.selector;
        s[6] = this.rollover.selector;
        s[7] = this.approve.selector;
    }

    // ============================================================================================ internals

    function _assess(uint256 biomass) internal {
        uint256 next = gSeason + 1;
        (uint256 ruleCap, uint256 cap) = _predictCap(next, biomass);
        uint256 posted = registry.postAssessment(id, next, biomass, bytes32(biomass));
        if (posted != cap) _violation("RC-4: cap is not the clamped rule");
        gAssessed[next] = true;
        gCaps[next] = cap;
        gRuleCaps[next] = ruleCap;
        ++nAssessments;
    }
}

/// @notice Invariants RC-1..RC-5 of ResourceRegistry under random transfers, landings, share moves, warps,
/// assessments and rollovers (see {ResourceRegistryHandler}).
contract ResourceRegistryInvariantTest is Test {
    ResourceRegistryHandler internal handler;
    ResourceRegistry internal registry;
    uint256 internal id;
    uint256 internal constant N = 4;

    function setUp() public {
        handler = new ResourceRegistryHandler();
        registry = handler.registry();
        id = handler.id();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    // ============================================================================================ invariants

    /// @notice Every call succeeded or failed exactly as the ghost model predicted (exact revert data), and every
    /// recipient of a transfer was within the concentration cap afterwards (RC-3).
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice RC-1: in the current season, every holder's entitlement and landed amount equal the ghost's, and
    /// sum of entitlements + landed + unallocated == cap (unallocated = cap - carriedIn - T x allocationPerShare).
    function invariant_RC1_entitlementsWithinCap() public view {
        uint256 season = handler.gSeason();
        assertEq(registry.currentSeason(id), season, "season != ghost");
        IResourceRegistry.SeasonInfo memory s = registry.getSeason(id, season);
        assertEq(s.cap, handler.gCap(), "cap != ghost");
        assertEq(s.carriedIn, handler.gCarriedIn(), "carried in != ghost");
        assertEq(s.carryVoided, handler.gVoided(), "voided != ghost");
        assertEq(s.allocationPerShare, handler.gAps(), "allocation per share != ghost");
        assertEq(s.landed, handler.gSeasonLanded(), "landed != ghost");
        address[N] memory a = handler.actorList();
        uint256 entitlements;
        for (uint256 i = 0; i < N; ++i) {
            IResourceRegistry.Holding memory h = registry.holdingOf(id, a[i]);
            assertEq(h.entitlement, handler.gEntitlement(i), "RC-1: entitlement != ghost");
            assertEq(h.landed, handler.gLanded(i), "RC-1: landed != ghost");
            assertEq(h.seasonShares, handler.gSeasonShares(i), "season shares != ghost");
            entitlements += h.entitlement;
        }
        uint256 unallocated = s.cap - s.carriedIn - handler.T() * s.allocationPerShare;
        assertLt(unallocated, handler.T(), "RC-1: more than rounding left unallocated");
        assertEq(entitlements + s.landed + unallocated, s.cap, "RC-1: entitlements + landed + unallocated != cap");
        assertLe(s.landed, s.cap, "RC-1: landed above the cap");
    }

    /// @notice RC-2: every closed season's report is the ghost's (landed, carried over, left in the sea) and adds
    /// up to its cap; carriedOver == the next season's carriedIn == the sum of the holders' carries; the open
    /// season's carry-forward accumulator equals the ghost's sum of min(unused, limit).
    function invariant_RC2_closingReportExact() public view {
        uint256 season = handler.gSeason();
        for (uint256 k = 1; k < season; ++k) {
            IResourceRegistry.SeasonInfo memory s = registry.getSeason(id, k);
            uint256 carriedOver = registry.getSeason(id, k + 1).carriedIn;
            uint256[3] memory r = handler.report(k);
            assertEq(s.landed, r[0], "RC-2: landed != ghost");
            assertEq(carriedOver, r[1], "RC-2: carried over != ghost");
            if (s.closed) {
                assertEq(s.leftInSea, r[2], "RC-2: left in sea != ghost");
                assertEq(s.landed + carriedOver + s.leftInSea, s.cap, "RC-2: report does not add up");
            }
        }
        assertEq(registry.getSeason(id, season).carryForward, handler.ghostCarryForward(), "RC-2: carry-forward");
    }

    /// @notice RC-3: no holder holds more shares than the share cap (recipient-side entitlement checks are made
    /// after every transfer in the handler).
    function invariant_RC3_shareCap() public view {
        address[N] memory a = handler.actorList();
        uint256 maxShares = handler.MAX_SHARES();
        for (uint256 i = 0; i < N; ++i) {
            uint256 b = registry.balanceOf(a[i], id);
            assertEq(b, handler.gShares(i), "shares != ghost");
            assertLe(b, maxShares, "RC-3: shares above the cap");
        }
    }

    /// @notice RC-4: every assessed season's cap is the rule's value clamped to the step bounds of the previous
    /// (non-zero) cap; unassessed seasons have cap 0.
    function invariant_RC4_capsFollowTheRule() public view {
        uint256 last = handler.gSeason() + 1;
        for (uint256 k = 1; k <= last; ++k) {
            IResourceRegistry.SeasonInfo memory s = registry.getSeason(id, k);
            assertEq(s.assessed, handler.gAssessed(k), "assessed != ghost");
            assertEq(s.cap, handler.gCaps(k), "RC-4: cap != ghost");
            assertEq(s.ruleCap, handler.gRuleCaps(k), "RC-4: rule cap != ghost");
            assertLe(s.ruleCap, (s.biomass * 0.2e18) / 1e18, "RC-4: rule above F x B");
            uint256 previous = k > 1 ? registry.getSeason(id, k - 1).cap : 0;
            if (s.assessed && previous != 0) {
                assertLe(s.cap, previous + (previous * 2_000) / 10_000, "RC-4: rise above the bound");
                assertGe(s.cap, previous - (previous * 3_000) / 10_000, "RC-4: cut below the bound");
            }
        }
    }

    /// @notice RC-5: quota shares stay fixed in total (closed-period refusals are predicted and checked by the
    /// handler: see invariant_noViolations).
    function invariant_RC5_sharesFixed() public view {
        address[N] memory a = handler.actorList();
        uint256 total;
        for (uint256 i = 0; i < N; ++i) total += registry.balanceOf(a[i], id);
        assertEq(total, handler.T(), "RC-5: shares created or destroyed");
        assertEq(registry.getResource(id).totalShares, handler.T(), "RC-5: total shares changed");
    }

    // ================================================================================ coverage of the handler

    /// @notice A long pseudo-random action sequence drives every path of the handler and every invariant holds
    /// at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 700; ++i) {
            uint256 r = uint256(keccak256(abi.encode("resource coverage", i)));
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            uint256 action = r % 16;
            if (action < 5) handler.transfer(r1, r2, r3);
            else if (action < 8) handler.land(r1, r2);
            else if (action < 10) handler.moveShares(r1, r2, r3);
            else if (action < 12) handler.warp(r1);
            else if (action < 14) handler.assess(r1);
            else if (action == 14) handler.rollover();
            else handler.approve(r1, r2 % 3 != 0);
            if (i % 50 == 0) _checkAll();
        }
        assertGt(handler.nTransfers(), 0, "no transfer");
        assertGt(handler.nRefusedTransfers(), 0, "no refused transfer");
        assertGt(handler.nCapRefusals(), 0, "no concentration-cap refusal");
        assertGt(handler.nLandings(), 0, "no landing");
        assertGt(handler.nRefusedLandings(), 0, "no refused landing");
        assertGt(handler.nClosedRefusals(), 0, "no closed-period refusal");
        assertGt(handler.nShareMoves(), 0, "no share move");
        assertGt(handler.nRefusedShareMoves(), 0, "no refused share move");
        assertGt(handler.nWarps(), 0, "no warp");
        assertGt(handler.nAssessments(), 1, "no assessment");
        assertGt(handler.nAlreadyAssessed(), 0, "no second assessment");
        assertGt(handler.nUnassessedSeasons(), 0, "no unassessed season");
        assertGt(handler.nRollovers(), 0, "no rollover");
        assertGt(handler.nNothingToRollOver(), 0, "no NothingToRollOver");
        assertGt(handler.nMultiSeasonOpens(), 0, "no season passing untouched");
        assertGt(handler.nVoidedCarries(), 0, "no voided carry-over");
        assertGt(handler.nApprovalChanges(), 0, "no approval change");
        assertGt(handler.nRc3Checks(), 0, "no RC-3 check");
        assertGt(handler.gSeason(), 3, "fewer than 4 seasons");
        _checkAll();
    }

    function _checkAll() internal view {
        invariant_noViolations();
        invariant_RC1_entitlementsWithinCap();
        invariant_RC2_closingReportExact();
        invariant_RC3_shareCap();
        invariant_RC4_capsFollowTheRule();
        invariant_RC5_sharesFixed();
    }
}
