// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title HarvestControlRule
/// @notice The pure arithmetic of a resource-cap currency: the harvest control rule (assessed biomass -> season cap,
/// step-bounded against the previous cap) and the carry-over of unused entitlement (season terms, carry gains).
/// @dev Amounts are in the resource's base units, rates in 1e18 (WAD), percentages in basis points (BPS). Every
/// division rounds down, which leaves the remainder in the sea (never more catch than the stated rule or percentage).
/// The caller keeps inputs in the registry's storage ranges (biomass and amounts < 2^96, rate <= WAD, bps <= BPS), so
/// no product below overflows; the two `mulDiv`s are the only operations that could revert on other inputs.
library HarvestControlRule {
    /// @notice 1.0 as a fishing rate (the whole biomass).
    uint256 internal constant WAD = 1e18;
    /// @notice 100 % in basis points.
    uint256 internal constant BPS = 10_000;

    /// @notice Terms a season opens with.
    /// @param carryVoided Whether the carry-over offered into the season exceeded its cap and was void.
    /// @param carriedIn The carry-over taken into the season (0 if voided), part of its cap.
    /// @param allocationPerShare The season's fresh entitlement per quota share.
    /// @param carryLimitPerShare The most a share may carry out of the season into the next.
    struct OpeningTerms {
        bool carryVoided;
        uint256 carriedIn;
        uint256 allocationPerShare;
        uint256 carryLimitPerShare;
    }

    /// @notice The hockey stick: 0 at or below the limit biomass Blim; F x Bpa x (B - Blim) / (Bpa - Blim) between
    /// Blim and the precautionary biomass Bpa; F x B at or above Bpa.
    /// @dev Rounds down (toward the fish): `mulDiv(F, B, WAD)` above Bpa; between Blim and Bpa both `mulDiv`s round
    /// down, so the ramp never exceeds F x B and meets it at Bpa up to one ramp step. Needs `limit < precautionary`.
    /// @param targetRate F, the target fishing rate in WAD (at most WAD).
    /// @param precautionary Bpa, the biomass from which the full rate applies.
    /// @param limit Blim, the biomass at or below which nothing may be caught.
    /// @param biomass B, the assessed biomass.
    /// @return The rule's cap for `biomass`.
    function ruleCap(
        uint256 targetRate,
        uint256 precautionary,
        uint256 limit,
        uint256 biomass
    ) internal pure returns (uint256) {
        // Bpa first: the usual case costs one comparison (B >= Bpa > Blim).
        if (biomass >= precautionary) return Math.mulDiv(targetRate, biomass, WAD);
        if (biomass <= limit) return 0;
        uint256 atPrecautionary = Math.mulDiv(targetRate, precautionary, WAD);
        return Math.mulDiv(atPrecautionary, biomass - limit, precautionary - limit);
    }

    /// @notice The season cap: the rule's value clamped to at most `maxRiseBps` above and `maxCutBps` below the
    /// previous season's cap, or the rule's value itself when the previous cap is 0 (first season, or below Blim).
    /// @dev Both bounds round toward the previous cap (the step is rounded down), so a change never exceeds the stated
    /// step.
    /// @param rule The rule's value for this season ({ruleCap}).
    /// @param previous The previous season's cap.
    /// @param maxRiseBps The largest rise over `previous`, in basis points.
    /// @param maxCutBps The largest cut below `previous`, in basis points (at most BPS).
    /// @return The cap of the season.
    function boundedCap(
        uint256 rule,
        uint256 previous,
        uint256 maxRiseBps,
        uint256 maxCutBps
    ) internal pure returns (uint256) {
        if (previous == 0) return rule;
        uint256 upper = previous + (previous * maxRiseBps) / BPS;
        uint256 lower = previous - (previous * maxCutBps) / BPS;
        return rule > upper ? upper : (rule < lower ? lower : rule);
    }

    /// @notice The terms a season of cap `cap` opens with, when `carried` is offered from the season before: the carry
    /// is inside the cap (void when it does not fit), the rest is shared per share, and a share may carry
    /// `carryOverBps` of its allocation onward.
    /// @dev Both divisions round down: the remainder stays unallocated (in the sea), and a carry limit never exceeds
    /// the stated percentage. Needs `totalShares > 0`.
    /// @param cap The season's cap.
    /// @param carried The carry-forward of the previous season (0 for the first).
    /// @param totalShares The resource's quota shares.
    /// @param carryOverBps The share of an allocation that may be carried into the next season, in basis points.
    /// @return t The season's opening terms.
    function openingTerms(
        uint256 cap,
        uint256 carried,
        uint256 totalShares,
        uint256 carryOverBps
    ) internal pure returns (OpeningTerms memory t) {
        t.carryVoided = carried > cap;
        t.carriedIn = t.carryVoided ? 0 : carried;
        t.allocationPerShare = (cap - t.carriedIn) / totalShares;
        t.carryLimitPerShare = (t.allocationPerShare * carryOverBps) / BPS;
    }

    /// @notice How much more of a carry limit `limit` a holding of `high` carries than one of `low`: what the season's
    /// carry-forward grows by when a holding rises from `low` to `high` (or shrinks by when it falls). Needs
    /// `low <= high`.
    /// @param low The smaller holding.
    /// @param high The larger holding.
    /// @param limit The holder's carry limit (its season shares x the carry limit per share).
    /// @return min(high, limit) - min(low, limit).
    function carryGain(uint256 low, uint256 high, uint256 limit) internal pure returns (uint256) {
        return Math.min(high, limit) - Math.min(low, limit);
    }
}
