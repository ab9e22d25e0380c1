// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title GiftMath: the commonfare circle's pure arithmetic
/// @notice The gift index, the shares it takes from each account, the months a claim has begun, and the months of
/// cover a pool holds. Every rounding is stated; each one favours the circle's pool (see {ICommonfare}).
library GiftMath {
    /// @notice The index scale: the index counts gifts taken per unit of monthly deposit, × 1e18.
    uint256 internal constant SCALE = 1e18;

    /// @notice How much a gift (or a write-off) of `amount` raises the index when funding members' monthly deposits sum
    /// to `fundingWeight`: `ceil(amount * SCALE / fundingWeight)`, rounded up so that the accounts give at least
    /// `amount` in all. `fundingWeight` must be non-zero.
    /// Plain arithmetic, no 512-bit product: callers pass `amount` < 2^128 (a circle's pool), so `amount * SCALE` < 2^188.
    function indexStep(uint256 amount, uint256 fundingWeight) internal pure returns (uint256) {
        return (amount * SCALE + fundingWeight - 1) / fundingWeight;
    }

    /// @notice What an account of monthly deposit `weight`, last settled at index `snapshot`, has given since, now that
    /// the index is `index`: `ceil(weight * (index - snapshot) / SCALE)` (rounded up: an account never gives less than
    /// its exact share).
    /// Plain arithmetic: `weight` < 2^96 and indexes < 2^128, so the product is below 2^224.
    function given(uint256 weight, uint256 index, uint256 snapshot) internal pure returns (uint256) {
        return (weight * (index - snapshot) + SCALE - 1) / SCALE;
    }

    /// @notice The months of a claim that have begun by `nowTs` for a claim started at `startedAt`: month k (from 0)
    /// begins at `startedAt + k * month`, so the first one at once; at most `maxMonths`.
    function monthsBegun(
        uint256 startedAt,
        uint256 nowTs,
        uint256 month,
        uint256 maxMonths
    ) internal pure returns (uint256) {
        if (startedAt == 0 || nowTs < startedAt) return 0;
        return Math.min((nowTs - startedAt) / month + 1, maxMonths);
    }

    /// @notice The months of cover a pool holds at a monthly burn, × 100, rounded down (type(uint256).max: no burn).
    function coverMonths1e2(uint256 pool, uint256 burn) internal pure returns (uint256) {
        if (burn == 0) return type(uint256).max;
        return Math.mulDiv(pool, 100, burn);
    }
}
