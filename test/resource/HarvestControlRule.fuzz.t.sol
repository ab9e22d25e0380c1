// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HarvestControlRule} from "../../contracts/resource/HarvestControlRule.sol";

/// @notice Fuzz tests of the HarvestControlRule library against a plain reference model (RC-4 for the rule and the
/// step bound, RC-1/RC-2 for the opening terms and the carry), with its edge cases. Invariant IDs refer to
/// docs/invariants.md.
contract HarvestControlRuleFuzzTest is Test {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_AMOUNT = type(uint96).max;

    // ================================================================================================ model

    /// @dev The hockey stick in plain arithmetic (every product fits: F <= 1e18 < 2^60, B < 2^96).
    function _modelRuleCap(uint256 f, uint256 bpa, uint256 blim, uint256 b) internal pure returns (uint256) {
        if (b <= blim) return 0;
        if (b >= bpa) return (f * b) / WAD;
        return (((f * bpa) / WAD) * (b - blim)) / (bpa - blim);
    }

    function _modelBoundedCap(uint256 rule, uint256 prev, uint256 rise, uint256 cut) internal pure returns (uint256) {
        if (prev == 0) return rule;
        uint256 upper = prev + (prev * rise) / BPS;
        uint256 lower = prev - (prev * cut) / BPS;
        if (rule > upper) return upper;
        if (rule < lower) return lower;
        return rule;
    }

    function _randomRule(
        uint256 fSeed,
        uint256 bpaSeed,
        uint256 blimSeed
    ) internal pure returns (uint256, uint256, uint256) {
        uint256 f = _bound(fSeed, 0, WAD);
        uint256 bpa = _bound(bpaSeed, 1, MAX_AMOUNT);
        uint256 blim = _bound(blimSeed, 0, bpa - 1);
        return (f, bpa, blim);
    }

    // ============================================================================================ rule: RC-4

    /// @notice RC-4: the rule equals the reference hockey stick for any rule and biomass.
    function testFuzz_ruleMatchesModel(uint256 fSeed, uint256 bpaSeed, uint256 blimSeed, uint256 biomass) public pure {
        (uint256 f, uint256 bpa, uint256 blim) = _randomRule(fSeed, bpaSeed, blimSeed);
        biomass = _bound(biomass, 0, MAX_AMOUNT);
        assertEq(HarvestControlRule.ruleCap(f, bpa, blim, biomass), _modelRuleCap(f, bpa, blim, biomass), "rule");
    }

    /// @notice RC-4: the rule is non-decreasing in biomass, for any rule.
    function testFuzz_ruleNonDecreasing(
        uint256 fSeed,
        uint256 bpaSeed,
        uint256 blimSeed,
        uint256 b1,
        uint256 b2
    ) public pure {
        (uint256 f, uint256 bpa, uint256 blim) = _randomRule(fSeed, bpaSeed, blimSeed);
        b1 = _bound(b1, 0, MAX_AMOUNT);
        b2 = _bound(b2, b1, MAX_AMOUNT);
        assertLe(
            HarvestControlRule.ruleCap(f, bpa, blim, b1),
            HarvestControlRule.ruleCap(f, bpa, blim, b2),
            "RC-4: rule decreased"
        );
    }

    /// @notice RC-4: 0 at or below Blim, exactly F x B (rounded down) at or above Bpa, and never above F x B.
    function testFuzz_ruleSegments(uint256 fSeed, uint256 bpaSeed, uint256 blimSeed, uint256 biomass) public pure {
        (uint256 f, uint256 bpa, uint256 blim) = _randomRule(fSeed, bpaSeed, blimSeed);
        biomass = _bound(biomass, 0, MAX_AMOUNT);
        uint256 rc = HarvestControlRule.ruleCap(f, bpa, blim, biomass);
        uint256 fb = (f * biomass) / WAD;
        assertLe(rc, fb, "RC-4: rule above F x B");
        if (biomass <= blim) assertEq(rc, 0, "RC-4: fishing at or below Blim");
        if (biomass >= bpa) assertEq(rc, fb, "RC-4: not F x B above Bpa");
        if (biomass > blim && biomass < bpa) {
            uint256 atBpa = (f * bpa) / WAD;
            assertEq(rc, (atBpa * (biomass - blim)) / (bpa - blim), "RC-4: ramp value");
        }
        assertEq(HarvestControlRule.ruleCap(f, bpa, blim, blim), 0, "RC-4: not 0 at Blim");
    }

    /// @notice RC-4: continuous at Bpa (one unit below Bpa is at most one ramp step, rounded up, below F x Bpa),
    /// and continuous at Blim (one unit above Blim is at most one ramp step).
    function testFuzz_ruleContinuous(uint256 fSeed, uint256 bpaSeed, uint256 blimSeed) public pure {
        (uint256 f, uint256 bpa, uint256 blim) = _randomRule(fSeed, bpaSeed, blimSeed);
        uint256 atBpa = HarvestControlRule.ruleCap(f, bpa, blim, bpa);
        assertEq(atBpa, (f * bpa) / WAD, "F x Bpa");
        uint256 step = atBpa / (bpa - blim) + 1;
        uint256 below = HarvestControlRule.ruleCap(f, bpa, blim, bpa - 1);
        assertLe(below, atBpa, "RC-4: jump down at Bpa");
        assertLe(atBpa - below, step, "RC-4: discontinuous at Bpa");
        if (blim + 1 < bpa)
            assertLe(HarvestControlRule.ruleCap(f, bpa, blim, blim + 1), step, "RC-4: discontinuous at Blim");
    }

    /// @notice Edge cases of the rule: zero biomass, Blim itself and one unit either side, Bpa itself, F = 0 and
    /// F = 1 (the whole biomass), and the largest biomass the registry stores.
    function test_ruleEdgeCases() public pure {
        // Blim = 40, Bpa = 100, F = 0.2: the ramp is 20 x (B - 40) / 60.
        uint256 f = 0.2e18;
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 0), 0, "zero biomass");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 39), 0, "below Blim");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 40), 0, "at Blim");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 41), 0, "one above Blim rounds down to 0 (20 / 60)");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 43), 1, "60 / 60 above Blim");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 70), 10, "half way up the ramp");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 99), 19, "one below Bpa (19.67 rounds down)");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 100), 20, "at Bpa: F x Bpa");
        assertEq(HarvestControlRule.ruleCap(f, 100, 40, 1_000), 200, "above Bpa: F x B");
        // Blim = 0: zero biomass still gives nothing, and the ramp starts at once.
        assertEq(HarvestControlRule.ruleCap(f, 100, 0, 0), 0, "zero biomass, Blim = 0");
        assertEq(HarvestControlRule.ruleCap(f, 100, 0, 50), 10, "ramp from 0");
        // F = 0 closes the fishery at any biomass; F = 1 takes the whole biomass above Bpa.
        assertEq(HarvestControlRule.ruleCap(0, 100, 40, MAX_AMOUNT), 0, "F = 0");
        assertEq(HarvestControlRule.ruleCap(WAD, 100, 40, MAX_AMOUNT), MAX_AMOUNT, "F = 1 at the largest biomass");
        assertEq(HarvestControlRule.ruleCap(WAD, MAX_AMOUNT, 0, MAX_AMOUNT - 1), MAX_AMOUNT - 1, "F = 1 on the ramp");
    }

    // ====================================================================================== step bound: RC-4

    /// @notice RC-4: the cap equals the reference clamp for any rule value, previous cap and bounds; it stays within
    /// [-maxCut, +maxRise] of a non-zero previous cap, and after a zero cap it is the rule's value.
    function testFuzz_boundedCapMatchesModel(
        uint256 rule,
        uint256 previous,
        uint256 riseSeed,
        uint256 cutSeed
    ) public pure {
        rule = _bound(rule, 0, MAX_AMOUNT);
        previous = _bound(previous, 0, MAX_AMOUNT / 2);
        uint256 rise = _bound(riseSeed, 0, BPS);
        uint256 cut = _bound(cutSeed, 0, BPS);
        uint256 cap = HarvestControlRule.boundedCap(rule, previous, rise, cut);
        assertEq(cap, _modelBoundedCap(rule, previous, rise, cut), "bounded cap");
        if (previous == 0) {
            assertEq(cap, rule, "RC-4: bounded after a zero cap");
        } else {
            assertLe(cap, previous + (previous * rise) / BPS, "RC-4: rise above maxRiseBps");
            assertGe(cap, previous - (previous * cut) / BPS, "RC-4: cut below maxCutBps");
        }
    }

    /// @notice Edge cases of the step bound: at each bound exactly, both bounds rounding toward the previous cap,
    /// maxCutBps = 10000 closing the fishery in one season, maxRiseBps = 0 freezing rises, and a zero previous cap.
    function test_boundedCapEdgeCases() public pure {
        // Previous 1,000, +20 % / -30 %: bounds 1,200 and 700.
        assertEq(HarvestControlRule.boundedCap(5_000, 1_000, 2_000, 3_000), 1_200, "rise clamped");
        assertEq(HarvestControlRule.boundedCap(1_200, 1_000, 2_000, 3_000), 1_200, "at the upper bound");
        assertEq(HarvestControlRule.boundedCap(1_000, 1_000, 2_000, 3_000), 1_000, "unchanged rule passes");
        assertEq(HarvestControlRule.boundedCap(700, 1_000, 2_000, 3_000), 700, "at the lower bound");
        assertEq(HarvestControlRule.boundedCap(0, 1_000, 2_000, 3_000), 700, "cut clamped");
        // Previous 999, +/-0.01 % (0.0999 rounds to 0): both bounds are the previous cap.
        assertEq(HarvestControlRule.boundedCap(5_000, 999, 1, 1), 999, "upper bound rounds toward previous");
        assertEq(HarvestControlRule.boundedCap(0, 999, 1, 1), 999, "lower bound rounds toward previous");
        assertEq(HarvestControlRule.boundedCap(0, 1_000, 2_000, BPS), 0, "maxCutBps = 10000 closes the fishery");
        assertEq(HarvestControlRule.boundedCap(5_000, 1_000, 0, 3_000), 1_000, "maxRiseBps = 0 freezes rises");
        assertEq(HarvestControlRule.boundedCap(5_000, 0, 0, 0), 5_000, "no bound after a zero cap");
        assertEq(HarvestControlRule.boundedCap(0, 0, 2_000, 3_000), 0, "zero after zero");
    }

    // ================================================================================ carry-over: RC-1, RC-2

    /// @notice RC-1/RC-2: the opening terms equal the reference (carry inside the cap or void; allocation and carry
    /// limit per share rounded down), and what they allocate never exceeds the cap.
    function testFuzz_openingTermsMatchModel(
        uint256 cap,
        uint256 carried,
        uint256 totalShares,
        uint256 carryBps
    ) public pure {
        cap = _bound(cap, 0, MAX_AMOUNT);
        carried = _bound(carried, 0, MAX_AMOUNT);
        totalShares = _bound(totalShares, 1, type(uint32).max);
        carryBps = _bound(carryBps, 0, BPS);
        HarvestControlRule.OpeningTerms memory t = HarvestControlRule.openingTerms(cap, carried, totalShares, carryBps);
        bool voided = carried > cap;
        uint256 carriedIn = voided ? 0 : carried;
        uint256 perShare = (cap - carriedIn) / totalShares;
        assertEq(t.carryVoided, voided, "voided");
        assertEq(t.carriedIn, carriedIn, "carried in");
        assertEq(t.allocationPerShare, perShare, "allocation per share");
        assertEq(t.carryLimitPerShare, (perShare * carryBps) / BPS, "carry limit per share");
        assertLe(t.carriedIn + totalShares * t.allocationPerShare, cap, "RC-1: allocated above the cap");
        assertLe(t.carryLimitPerShare, t.allocationPerShare, "carry limit above the allocation");
    }

    /// @notice Edge cases of the opening terms: a carry exactly the cap (kept, nothing left to allocate), one unit
    /// above (void), a zero cap, and a remainder smaller than the shares (unallocated, in the sea).
    function test_openingTermsEdgeCases() public pure {
        HarvestControlRule.OpeningTerms memory t = HarvestControlRule.openingTerms(1_000, 1_000, 3, 5_000);
        assertFalse(t.carryVoided, "carry = cap is kept");
        assertEq(t.carriedIn, 1_000, "carry = cap carried in");
        assertEq(t.allocationPerShare, 0, "nothing left to allocate");
        t = HarvestControlRule.openingTerms(1_000, 1_001, 3, 5_000);
        assertTrue(t.carryVoided, "carry above cap is void");
        assertEq(t.carriedIn, 0, "void carry not carried in");
        assertEq(t.allocationPerShare, 333, "whole cap allocated, 1 left in the sea");
        assertEq(t.carryLimitPerShare, 166, "50 % of 333 rounds down");
        t = HarvestControlRule.openingTerms(0, 0, 3, BPS);
        assertEq(t.allocationPerShare + t.carryLimitPerShare + t.carriedIn, 0, "zero cap");
        t = HarvestControlRule.openingTerms(2, 0, 3, BPS);
        assertEq(t.allocationPerShare, 0, "a remainder below the shares stays in the sea");
    }

    /// @notice RC-2: the carry gain of a holding moving between `low` and `high` is the difference of the two
    /// holdings' carries, so the season's carry-forward accumulator tracks the sum of min(unused, limit).
    function testFuzz_carryGainMatchesModel(uint256 low, uint256 high, uint256 limit) public pure {
        high = _bound(high, 0, MAX_AMOUNT);
        low = _bound(low, 0, high);
        limit = _bound(limit, 0, MAX_AMOUNT);
        uint256 gain = HarvestControlRule.carryGain(low, high, limit);
        assertEq(gain, Math.min(high, limit) - Math.min(low, limit), "carry gain");
        assertLe(gain, high - low, "gain above the change");
        if (low >= limit) assertEq(gain, 0, "above the limit a change carries nothing");
        if (high <= limit) assertEq(gain, high - low, "below the limit a change carries all");
    }
}
