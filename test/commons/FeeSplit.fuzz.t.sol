// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {FeeSplit} from "../../contracts/commons/FeeSplit.sol";

/// @notice FeeSplit against reference models written another way: an ancestor's share by long division in base
/// 10,000 (no 512-bit product), the parts of a fee summed, and paid time extended step by step.
contract FeeSplitFuzzTest is Test {
    uint256 private constant BPS = 10_000;

    /// @dev The reference share: `floor(fee × bps / 10000)` as `(fee / 10000) × bps + floor((fee % 10000) × bps /
    /// 10000)`, exact for every 256-bit fee because the second product is below 10^8.
    function _referenceShare(uint256 fee, uint256 bps) private pure returns (uint256) {
        return (fee / BPS) * bps + ((fee % BPS) * bps) / BPS;
    }

    function testFuzz_shareIsTheFloorOfTheExactShare(uint256 fee, uint256 bps) public pure {
        bps = bound(bps, 0, BPS);
        uint256 s = FeeSplit.share(fee, bps);
        assertEq(s, _referenceShare(fee, bps), "share != floor(fee * bps / 10000)");
        assertLe(s, fee, "a share above the fee");
    }

    /// @notice The parts of a fee (up to 8 ancestors' shares summing to at most 50 %, and the rest) sum to the fee, to
    /// the wei; the rest is at least half the fee, and every rounding remainder is in it (each share is rounded down).
    function testFuzz_partsSumToTheFee(uint256 fee, uint16[8] memory shares, uint8 count) public pure {
        fee = bound(fee, 0, type(uint224).max); // what a 128-bit quantity at a 96-bit rate can owe
        uint256 n = bound(count, 0, 8);
        uint256 totalBps;
        uint256 sumShares;
        for (uint256 i = 0; i < n; ++i) {
            uint256 bps = bound(shares[i], 0, 5_000 - totalBps);
            totalBps += bps;
            sumShares += FeeSplit.share(fee, bps);
        }
        uint256 rest = fee - sumShares;
        assertEq(sumShares + rest, fee);
        assertGe(rest, fee - _referenceShare(fee, totalBps), "the rest lost more than the ancestors' whole share");
        assertGe(rest * 2, fee, "the rest is below half the fee");
        assertLe(_referenceShare(fee, totalBps) - sumShares, n, "rounding moved more than a wei per ancestor");
    }

    function testFuzz_feeForIsTheProduct(uint128 quantity, uint96 rate) public pure {
        uint256 fee = FeeSplit.feeFor(quantity, rate);
        if (quantity != 0) assertEq(fee / quantity, rate);
        else assertEq(fee, 0);
    }

    /// @notice Paying periods one call at a time or all at once reaches the same paid-until time, and paid time never
    /// starts before the payment.
    function testFuzz_extendPaidStepByStep(uint40 paidUntil, uint40 now_, uint8 periods, uint32 length) public pure {
        uint256 once = FeeSplit.extendPaid(paidUntil, now_, periods, length);
        uint256 stepwise = paidUntil;
        if (periods == 0) stepwise = now_ > paidUntil ? now_ : paidUntil;
        for (uint256 i = 0; i < periods; ++i) stepwise = FeeSplit.extendPaid(stepwise, now_, 1, length);
        assertEq(once, stepwise);
        assertGe(once, now_);
        assertGe(once, paidUntil);
    }
}
