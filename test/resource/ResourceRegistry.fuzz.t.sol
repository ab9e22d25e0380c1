// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {ResourceRegistry} from "../../contracts/resource/ResourceRegistry.sol";
import {IResourceRegistry} from "../../contracts/resource/IResourceRegistry.sol";

/// @notice Fuzz tests of ResourceRegistry: the step-bounded cap it sets for random previous caps and basis points, the
/// carry-over of a season change and entitlement transfers against a reference computation (the pure rule is fuzzed in
/// HarvestControlRule.fuzz.t.sol). Invariant IDs (RC-1..RC-5) refer to docs/invariants.md.
contract ResourceRegistryFuzzTest is Test {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_BIOMASS = type(uint96).max;
    uint32 internal constant SEASON = 365 days;

    ResourceRegistry internal registry;
    address[3] internal holders;

    function setUp() public {
        registry = new ResourceRegistry(address(this));
        for (uint256 i = 0; i < 3; ++i) holders[i] = makeAddr(string.concat("holder", vm.toString(i)));
    }

    // ================================================================================================ helpers

    function _rule(
        uint256 f,
        uint256 bpa,
        uint256 blim,
        uint256 rise,
        uint256 cut
    ) internal pure returns (IResourceRegistry.HarvestRule memory) {
        return IResourceRegistry.HarvestRule(uint64(f), uint96(bpa), uint96(blim), uint16(rise), uint16(cut));
    }

    /// @dev Registers a resource with `rule`, `shares` for the three holders and `carryBps`; this contract is the
    /// council and the accredited assessor.
    function _register(
        IResourceRegistry.HarvestRule memory rule,
        uint32[3] memory shares,
        uint16 carryBps
    ) internal returns (uint256 id, uint256 start) {
        start = block.timestamp + 1 days;
        address[] memory hs = new address[](3);
        uint32[] memory ss = new uint32[](3);
        for (uint256 i = 0; i < 3; ++i) (hs[i], ss[i]) = (holders[i], shares[i]);
        IResourceRegistry.ClosedPeriod[] memory none = new IResourceRegistry.ClosedPeriod[](0);
        id = registry.registerResource(
            IResourceRegistry.ResourceConfig("Fuzz stock", "t", uint64(start), SEASON, rule, carryBps, 10_000, none),
            hs,
            ss
        );
        registry.setAssessor(id, address(this), true);
        registry.setBuyer(id, address(this), true);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(holders[i]);
            registry.approveBuyer(id, address(this), true);
        }
    }

    // ================================================================================================== RC-4

    /// @notice RC-4: the cap stays within [-maxCut, +maxRise] of a non-zero previous cap and equals the rule
    /// clamped to those bounds; after a zero cap it is the rule's value. previewCap == what postAssessment sets.
    function testFuzz_stepBounds(uint256 prevSeed, uint256 biomass, uint256 riseSeed, uint256 cutSeed) public {
        uint256 rise = _bound(riseSeed, 0, BPS);
        uint256 cut = _bound(cutSeed, 0, BPS);
        // F = 1, Blim = 0, Bpa = 1: the rule's value is the biomass itself.
        (uint256 id, uint256 start) = _register(_rule(WAD, 1, 0, rise, cut), [uint32(1), 1, 1], 0);
        uint256 previous = _bound(prevSeed, 0, MAX_BIOMASS / 2);
        if (prevSeed % 8 == 0) previous = 0;
        registry.postAssessment(id, 1, previous, bytes32(0));
        vm.warp(start);
        biomass = _bound(biomass, 0, MAX_BIOMASS);
        (uint256 rc, uint256 cap) = registry.previewCap(id, 2, biomass);
        assertEq(rc, biomass, "identity rule");
        if (previous == 0) {
            assertEq(cap, rc, "RC-4: bounded after a zero cap");
        } else {
            uint256 upper = previous + (previous * rise) / BPS;
            uint256 lower = previous - (previous * cut) / BPS;
            assertLe(cap, upper, "RC-4: rise above maxRiseBps");
            assertGe(cap, lower, "RC-4: cut below maxCutBps");
            assertEq(cap, rc > upper ? upper : (rc < lower ? lower : rc), "RC-4: not the clamped rule");
        }
        assertEq(registry.postAssessment(id, 2, biomass, bytes32(0)), cap, "previewCap != postAssessment");
        assertEq(registry.getSeason(id, 2).cap, cap, "stored cap");
    }

    // ========================================================================================= carry-over math

    struct CarryCase {
        uint256 id;
        uint256 start;
        uint32[3] shares;
        uint256 total;
        uint16 carryBps;
        uint256 cap1;
        uint256 cap2;
        uint256 carried;
        uint256[3] carry;
    }

    /// @notice RC-1/RC-2: after random landings in season 1, season 2 opens with carriedIn = sum of min(unused,
    /// shares x carryLimitPerShare) (or 0 and voided if that exceeds cap 2), allocationPerShare = floor((cap 2 -
    /// carriedIn) / T), and every holder's entitlement = shares x allocationPerShare + its carry.
    function testFuzz_carryMath(
        uint32[3] memory shareSeeds,
        uint256 cap1Seed,
        uint256 cap2Seed,
        uint16 carrySeed,
        uint256[3] memory landSeeds
    ) public {
        CarryCase memory c;
        for (uint256 i = 0; i < 3; ++i) {
            c.shares[i] = uint32(_bound(shareSeeds[i], 1, 1_000_000));
            c.total += c.shares[i];
        }
        c.carryBps = uint16(_bound(carrySeed, 0, BPS));
        (c.id, c.start) = _register(_rule(WAD, 1, 0, BPS, BPS), c.shares, c.carryBps);
        c.cap1 = _bound(cap1Seed, 0, 1e28);
        registry.postAssessment(c.id, 1, c.cap1, bytes32(0));
        vm.warp(c.start);
        _landSeasonOne(c, landSeeds);
        c.cap2 = _bound(cap2Seed, 0, 2 * c.cap1);
        registry.postAssessment(c.id, 2, c.cap2, bytes32(0));
        vm.warp(c.start + SEASON);
        registry.rollover(c.id);
        _checkSeasonTwo(c);
    }

    function _landSeasonOne(CarryCase memory c, uint256[3] memory landSeeds) internal {
        IResourceRegistry.SeasonInfo memory s1 = registry.getSeason(c.id, 1);
        assertEq(s1.allocationPerShare, c.cap1 / c.total, "allocation per share");
        assertEq(s1.carryLimitPerShare, (s1.allocationPerShare * c.carryBps) / BPS, "carry limit per share");
        for (uint256 i = 0; i < 3; ++i) {
            uint256 have = registry.entitlementOf(c.id, holders[i]);
            assertEq(have, c.shares[i] * s1.allocationPerShare, "season 1 entitlement");
            uint256 amount = _bound(landSeeds[i], 0, have);
            if (amount > 0) registry.recordLanding(c.id, holders[i], amount, bytes32(i));
            uint256 limit = c.shares[i] * s1.carryLimitPerShare;
            c.carry[i] = have - amount < limit ? have - amount : limit;
            c.carried += c.carry[i];
        }
        assertEq(registry.getSeason(c.id, 1).carryForward, c.carried, "RC-2: carry-forward accumulator");
    }

    function _checkSeasonTwo(CarryCase memory c) internal view {
        IResourceRegistry.SeasonInfo memory s2 = registry.getSeason(c.id, 2);
        bool voided = c.carried > c.cap2;
        uint256 carriedIn = voided ? 0 : c.carried;
        assertEq(s2.carryVoided, voided, "voided");
        assertEq(s2.carriedIn, carriedIn, "RC-2: carried in");
        assertEq(s2.allocationPerShare, (c.cap2 - carriedIn) / c.total, "allocation per share 2");
        IResourceRegistry.SeasonInfo memory s1 = registry.getSeason(c.id, 1);
        assertTrue(s1.closed, "season 1 closed");
        assertEq(s1.landed + carriedIn + s1.leftInSea, c.cap1, "RC-2: report does not add up");
        uint256 sum;
        for (uint256 i = 0; i < 3; ++i) {
            uint256 e = registry.entitlementOf(c.id, holders[i]);
            assertEq(e, c.shares[i] * s2.allocationPerShare + (voided ? 0 : c.carry[i]), "season 2 entitlement");
            sum += e;
        }
        // RC-1 in season 2: entitlements + landed (0) + unallocated == cap.
        assertEq(sum + (c.cap2 - carriedIn - c.total * s2.allocationPerShare), c.cap2, "RC-1");
    }

    /// @notice RC-1/RC-3: a random transfer keeps the sum of entitlements, and the recipient within the cap.
    function testFuzz_transferConserves(uint256 amountSeed, uint16 capSeed, uint8 fromSeed, uint8 toSeed) public {
        (uint256 id, uint256 start) = _register(_rule(WAD, 1, 0, BPS, BPS), [uint32(3), 3, 3], 1_000);
        registry.setQuotaPolicy(id, 1_000, uint16(_bound(capSeed, 3_400, BPS)));
        registry.postAssessment(id, 1, 900e18, bytes32(0));
        vm.warp(start);
        uint256 from = fromSeed % 3;
        uint256 to = (from + 1 + (toSeed % 2)) % 3;
        uint256 have = registry.entitlementOf(id, holders[from]);
        uint256 amount = _bound(amountSeed, 1, have);
        uint256 maxHold = registry.maxHolding(id);
        uint256 wouldHold = registry.entitlementOf(id, holders[to]) + amount;
        vm.prank(holders[from]);
        if (wouldHold > maxHold) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IResourceRegistry.ConcentrationCapExceeded.selector,
                    id,
                    holders[to],
                    maxHold,
                    wouldHold
                )
            );
            registry.transferEntitlement(id, holders[to], amount);
            return;
        }
        registry.transferEntitlement(id, holders[to], amount);
        uint256 sum;
        for (uint256 i = 0; i < 3; ++i) sum += registry.entitlementOf(id, holders[i]);
        assertEq(sum, 900e18, "RC-1: entitlement created or destroyed");
        assertLe(registry.entitlementOf(id, holders[to]), maxHold, "RC-3: recipient above the cap");
    }
}
