// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title FeeSplit
/// @notice The pure arithmetic of CopyFair fees: what a licence owes, each ancestor's share of a fee, and how far
/// per-period payments extend a licence's paid time.
/// @dev Rounding: an ancestor's share rounds down (`Math.mulDiv`, floor), so every remainder stays with the design's
/// own project, whose share is the fee less the ancestors' shares: the sum of the parts is the fee, to the wei.
library FeeSplit {
    /// @notice Basis points in a whole (100 %).
    uint256 internal constant BPS = 10_000;

    /// @notice `quantity × rate`: what `quantity` units (or periods) owe at `rate` each. Cannot overflow: a 128-bit
    /// quantity times a 96-bit rate fits in 224 bits.
    /// @param quantity Units produced or periods paid.
    /// @param rate The fee per unit or per period.
    /// @return The fee.
    function feeFor(uint256 quantity, uint256 rate) internal pure returns (uint256) {
        return quantity * rate;
    }

    /// @notice An ancestor's share of `fee`: `fee × shareBps / 10000`, rounded down.
    /// @param fee The fee paid.
    /// @param shareBps The ancestor's share in basis points (at most 10000).
    /// @return The share.
    function share(uint256 fee, uint256 shareBps) internal pure returns (uint256) {
        return Math.mulDiv(fee, shareBps, BPS); // rounds down: the remainder stays with the design's project
    }

    /// @notice Where `periods` more periods of `periodLength` seconds take a licence paid until `paidUntil`, paid at
    /// time `now_`: paid time extends from the later of the two (a lapse is not paid for retroactively).
    /// @param paidUntil The licence's paid time so far.
    /// @param now_ The payment's time.
    /// @param periods Periods paid.
    /// @param periodLength Seconds per period.
    /// @return The new paid-until time.
    function extendPaid(
        uint256 paidUntil,
        uint256 now_,
        uint256 periods,
        uint256 periodLength
    ) internal pure returns (uint256) {
        return Math.max(paidUntil, now_) + periods * periodLength;
    }
}
