// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GiftMath} from "../../contracts/commonfare/GiftMath.sol";
import {ICommonfare} from "../../contracts/commonfare/ICommonfare.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";

/// @notice GiftMath against reference implementations written another way (a ceiling as a quotient plus one when a
/// remainder is left, months begun counted one month at a time, cover as a plain quotient), the sum of the shares of
/// a gift over a circle's members, and the pro-rata split of one gift on a deployed Commonfare circle of 20, 50 or a
/// random number of members at random levels.
contract GiftMathFuzzTest is Test {
    uint256 private constant SCALE = 1e18;
    uint256 private constant MONTH = 30 days;

    /// @dev The reference ceiling: the quotient, plus one when the division leaves a remainder.
    function _ceil(uint256 x, uint256 y) private pure returns (uint256) {
        uint256 q = x / y;
        return q * y == x ? q : q + 1;
    }

    // ------------------------------------------------------------------------------------------ indexStep, given

    /// @notice indexStep is ceil(amount × 1e18 / W): the smallest step whose W × step covers amount × 1e18.
    function testFuzz_indexStepIsTheCeiling(uint256 amount, uint256 weight) public pure {
        amount = bound(amount, 0, type(uint128).max);
        weight = bound(weight, 1, type(uint128).max);
        uint256 step = GiftMath.indexStep(amount, weight);
        assertEq(step, _ceil(amount * SCALE, weight), "indexStep != ceil(amount * 1e18 / W)");
        assertGe(step * weight, amount * SCALE, "the step does not cover the gift");
        if (step != 0) assertLt((step - 1) * weight, amount * SCALE, "the step is not the smallest that covers it");
    }

    /// @notice given is ceil(weight × (index − snapshot) / 1e18): nothing at the snapshot, never less than the exact
    /// share, less than one wei above it, and never falling as the index rises.
    function testFuzz_givenIsTheCeiling(uint256 weight, uint256 snapshot, uint256 rise, uint256 more) public pure {
        weight = bound(weight, 0, type(uint96).max);
        snapshot = bound(snapshot, 0, type(uint128).max);
        rise = bound(rise, 0, type(uint128).max - snapshot);
        more = bound(more, 0, type(uint128).max - snapshot - rise);
        uint256 g = GiftMath.given(weight, snapshot + rise, snapshot);
        assertEq(g, _ceil(weight * rise, SCALE), "given != ceil(weight * rise / 1e18)");
        assertEq(GiftMath.given(weight, snapshot, snapshot), 0, "something given at the snapshot");
        assertGe(g * SCALE, weight * rise, "given below the exact share");
        if (g != 0) assertLt((g - 1) * SCALE, weight * rise, "given a wei or more above the exact share");
        assertGe(GiftMath.given(weight, snapshot + rise + more, snapshot), g, "given fell as the index rose");
    }

    /// @notice Over the members of a circle (1..50, monthly deposits from 1 wei to 1e24), the shares of one gift
    /// cover it, and the excess (the rounding the pool holds) is at most W / 1e18 + members wei; over several gifts
    /// settled once at the end, at most gifts × W / 1e18 + members, and settled after each gift at most
    /// gifts × (W / 1e18 + members).
    function testFuzz_sharesCoverTheGift(
        uint96[50] memory deposits,
        uint256 count,
        uint256[4] memory gifts,
        uint256 giftCount,
        uint256 start
    ) public pure {
        uint256 n = bound(count, 1, 50);
        uint256 k = bound(giftCount, 1, 4);
        uint256 w;
        for (uint256 i = 0; i < n; ++i) {
            deposits[i] = uint96(bound(deposits[i], 1, 1e24));
            w += deposits[i];
        }
        start = bound(start, 0, type(uint128).max);
        uint256 index = start;
        uint256 total;
        uint256 settledEach; // every member settled after every gift
        for (uint256 j = 0; j < k; ++j) {
            uint256 g = bound(gifts[j], 0, 1e30);
            uint256 step = GiftMath.indexStep(g, w);
            uint256 sum = _shares(deposits, n, index + step, index);
            assertGe(sum, g, "the shares of a gift do not cover it");
            assertLe(sum - g, w / SCALE + n, "one gift's rounding above W / 1e18 + members");
            settledEach += sum;
            total += g;
            index += step;
        }
        uint256 settledOnce = _shares(deposits, n, index, start);
        assertGe(settledOnce, total, "the gifts settled at once are not covered");
        assertLe(settledOnce - total, (k * w) / SCALE + n, "rounding above gifts x W / 1e18 + members");
        assertLe(settledEach - total, (k * w) / SCALE + k * n, "rounding above gifts x (W / 1e18 + members)");
        assertLe(settledOnce, settledEach, "settling more often gave less");
    }

    /// @dev What the first `n` accounts gave between index `snapshot` and index `index`.
    function _shares(
        uint96[50] memory deposits,
        uint256 n,
        uint256 index,
        uint256 snapshot
    ) private pure returns (uint256 sum) {
        for (uint256 i = 0; i < n; ++i) sum += GiftMath.given(deposits[i], index, snapshot);
    }

    // ------------------------------------------------------------------------------------------ months, cover

    /// @dev The reference months begun: month k (from 0) begins at startedAt + k × month; count them one by one.
    function _monthsBegun(uint256 startedAt, uint256 nowTs, uint256 month, uint256 max) private pure returns (uint256) {
        if (startedAt == 0) return 0;
        uint256 k;
        while (k < max && startedAt + k * month <= nowTs) ++k;
        return k;
    }

    /// @notice monthsBegun counts the months begun (the first at once), at most the maximum, none before the start or
    /// for a claim not started; it never falls as time passes.
    function testFuzz_monthsBegun(
        uint256 startedAt,
        uint256 elapsed,
        uint256 month,
        uint256 max,
        uint256 later
    ) public pure {
        startedAt = bound(startedAt, 0, type(uint40).max);
        month = bound(month, 1, 400 days);
        max = bound(max, 0, 120);
        uint256 nowTs = bound(elapsed, 0, type(uint40).max);
        later = bound(later, nowTs, type(uint40).max);
        uint256 begun = GiftMath.monthsBegun(startedAt, nowTs, month, max);
        assertEq(begun, _monthsBegun(startedAt, nowTs, month, max), "monthsBegun != months counted one by one");
        assertLe(begun, max, "more months begun than the maximum");
        assertLe(begun, GiftMath.monthsBegun(startedAt, later, month, max), "months begun fell as time passed");
        if (startedAt != 0 && max != 0) assertEq(GiftMath.monthsBegun(startedAt, startedAt, month, max), 1);
        if (startedAt > 1) {
            assertEq(GiftMath.monthsBegun(startedAt, startedAt - 1, month, max), 0, "a month begun before the start");
        }
    }

    /// @notice coverMonths1e2 is floor(pool × 100 / burn), and type(uint256).max with no burn.
    function testFuzz_coverMonths(uint256 pool, uint256 burn) public pure {
        pool = bound(pool, 0, type(uint128).max);
        burn = bound(burn, 0, type(uint128).max);
        uint256 cover = GiftMath.coverMonths1e2(pool, burn);
        if (burn == 0) {
            assertEq(cover, type(uint256).max, "cover with no burn");
            return;
        }
        assertEq(cover, (pool * 100) / burn, "cover != floor(pool * 100 / burn)");
        assertLe(cover * burn, pool * 100, "cover above the pool");
        assertGt((cover + 1) * burn, pool * 100, "cover a month-hundredth short");
    }

    // ------------------------------------------------------------------------------------------ pro-rata split

    /// @dev Circle sizes the split is tried at: 20 and 50 (the issue's bounds) and any size from 2 to 50.
    function _size(uint256 seed) private pure returns (uint256) {
        uint256 pick = seed % 3;
        return
            pick == 0
                ? 20
                : pick == 1
                    ? 50
                    : 2 + ((seed >> 8) % 49);
    }

    /// @dev Asserts one funding member's fall from one gift `g` at index step `step` among weights `w`: it is
    /// ceil(d × step / 1e18), never below the exact share g × d / W, and less than 1 wei + d / 1e18 above it (the
    /// index's own rounding up is at most one unit of 1e-18 per unit of deposit: below a millionth of a wei for a
    /// 6-decimal level, so within 1 wei of the exact share).
    function _checkFall(uint256 fall, uint256 d, uint256 step, uint256 g, uint256 w) private pure {
        assertEq(fall, _ceil(d * step, SCALE), "a fall != ceil(d * step / 1e18)");
        assertGe(fall * w, g * d, "a fall below the exact share");
        assertLt(fall * w * SCALE, g * d * SCALE + w * SCALE + w * d, "a fall 1 wei + d / 1e18 above the exact share");
        if (d <= 1e12) assertLe(fall * w, g * d + w + w / 1e6, "a fall of a 6-decimal level 1 wei above its share");
    }

    /// @notice The pro-rata split as the interface defines it, over accounts settled one by one: random levels (1..8,
    /// monthly deposits from 1 wei to 1e24) and circles of 20, 50 or 2..50 members; one gift; each member's fall is
    /// ceil(d × step / 1e18) and within 1 wei (+ d / 1e18) of its exact share g × d / W, the falls covering the gift.
    function testFuzz_proRataSplit(
        uint96[8] memory levels,
        uint256 levelCount,
        uint256 sizeSeed,
        uint256 levelSeed,
        uint256 gift,
        uint256 index
    ) public pure {
        uint256 nLevels = bound(levelCount, 1, 8);
        for (uint256 l = 0; l < nLevels; ++l) levels[l] = uint96(bound(levels[l], 1, 1e24));
        uint256 n = _size(sizeSeed);
        uint256[] memory d = new uint256[](n);
        uint256 w;
        for (uint256 i = 0; i < n; ++i) {
            d[i] = levels[uint256(keccak256(abi.encode(levelSeed, i))) % nLevels];
            w += d[i];
        }
        uint256 g = bound(gift, 1, 1e30);
        index = bound(index, 0, type(uint128).max);
        uint256 step = GiftMath.indexStep(g, w);
        uint256 sum;
        for (uint256 i = 0; i < n; ++i) {
            uint256 fall = GiftMath.given(d[i], index + step, index);
            _checkFall(fall, d[i], step, g, w);
            sum += fall;
        }
        assertGe(sum, g, "the falls do not cover the gift");
        assertLe(sum - g, w / SCALE + n, "the falls exceed the gift by more than W / 1e18 + members");
    }
}

/// @notice The pro-rata split on a deployed Commonfare (the artifact compiled with the module's own settings): a
/// circle of 20, 50 or 2..50 members at random levels (1..8, 6-decimal monthly deposits up to 1e12), every member but
/// the founder funding, the founder's claim confirmed by its buddy; its first month's gift makes each funding
/// member's balance fall by exactly ceil(d × step / 1e18), within 1 wei of its exact share, and nobody else's.
contract GiftSplitOnChainFuzzTest is Test {
    uint256 private constant SCALE = 1e18;
    uint256 private constant MAX_SIZE = 50;

    ICommonfare private commonfare;
    MockERC20 private token;
    address[MAX_SIZE] private members;

    function setUp() public {
        commonfare = ICommonfare(deployCode("Commonfare.sol:Commonfare", abi.encode(address(this))));
        token = new MockERC20("Demo Euro", "dEUR", 6);
        commonfare.setCurrency(token, true);
        token.mint(address(this), type(uint128).max);
        token.approve(address(commonfare), type(uint256).max);
        for (uint256 i = 0; i < MAX_SIZE; ++i) members[i] = address(uint160(0xC0FFEE0000 + i));
    }

    function _ceil(uint256 x, uint256 y) private pure returns (uint256) {
        uint256 q = x / y;
        return q * y == x ? q : q + 1;
    }

    /// @dev Founds a circle of the caller (this test, at level 0) with `nLevels` random levels; the founder's benefit
    /// is at most its cap (36 monthly deposits), so that its own deposit can fund the pool the gift is paid from.
    function _found(uint96[8] memory deposits, uint256 nLevels, uint256 benefitSeed) private returns (uint64 c) {
        ICommonfare.Level[] memory levels = new ICommonfare.Level[](nLevels);
        for (uint256 l = 0; l < nLevels; ++l) {
            uint96 d = uint96(bound(deposits[l], 1, 1e12));
            levels[l] = ICommonfare.Level({monthlyDeposit: d, monthlyBenefit: d});
            deposits[l] = d;
        }
        levels[0].monthlyBenefit = uint96(bound(benefitSeed, 1, uint256(deposits[0]) * 36));
        address[] memory board = new address[](1);
        board[0] = address(this);
        ICommonfare.Rules memory rules = ICommonfare.Rules({
            currency: IERC20(address(token)),
            capMonths: 36,
            floorMonths: 0,
            maxGiftMonths: 1,
            minMembers: 2,
            maxMembers: uint16(MAX_SIZE),
            waitingPeriod: 0,
            levelChangeGap: 0,
            admissionVotes: 1,
            boardConfirmations: 0
        });
        c = commonfare.foundCircle(rules, levels, board, 0);
    }

    /// hardhat-config: fuzz.runs = 96
    function testFuzz_proRataSplitOnChain(
        uint96[8] memory deposits,
        uint256 levelCount,
        uint256 sizeSeed,
        uint256 levelSeed,
        uint256 benefitSeed
    ) public {
        uint256 nLevels = bound(levelCount, 1, 8);
        uint64 c = _found(deposits, nLevels, benefitSeed);
        uint256 pick = sizeSeed % 3;
        uint256 n =
            pick == 0
                ? 20
                : pick == 1
                    ? 50
                    : 2 + ((sizeSeed >> 8) % 49);
        uint256[] memory d = new uint256[](n);
        uint256 w;
        for (uint256 i = 1; i < n; ++i) {
            uint8 level = uint8(uint256(keccak256(abi.encode(levelSeed, i))) % nLevels);
            vm.prank(members[i]);
            commonfare.requestJoin(c, level);
            commonfare.approveCandidate(c, members[i]);
            d[i] = deposits[level];
            w += d[i];
        }
        uint256 g = commonfare.levelsOf(c)[0].monthlyBenefit;
        commonfare.deposit(c, g);
        commonfare.reportClaim(c, members[1], bytes32(0));
        vm.prank(members[1]);
        commonfare.confirmClaim(c, address(this));
        assertEq(commonfare.circleOf(c).fundingWeight, w, "the funding weight is not the other members' deposits");
        assertEq(commonfare.collectGift(c), g, "the first month's gift");

        uint256 step = commonfare.circleOf(c).index;
        assertEq(step, _ceil(g * SCALE, w), "the index step != ceil(g * 1e18 / W)");
        uint256 sum;
        for (uint256 i = 1; i < n; ++i) {
            int256 balance = commonfare.balanceOf(c, members[i]);
            assertLe(balance, 0, "a member's balance rose");
            uint256 fall = uint256(-balance);
            assertEq(fall, _ceil(d[i] * step, SCALE), "a fall != ceil(d * step / 1e18)");
            assertGe(fall * w, g * d[i], "a fall below the exact share");
            assertLe(fall * w, g * d[i] + w + w / 1e6, "a fall 1 wei above the exact share");
            sum += fall;
        }
        assertEq(commonfare.balanceOf(c, address(this)), int256(g), "the claimant's own account moved");
        assertGe(sum, g, "the falls do not cover the gift");
        assertLe(sum - g, w / SCALE + n, "the falls exceed the gift by more than W / 1e18 + members");
        assertEq(commonfare.circleOf(c).pool, 0, "the pool after paying its whole balance as the gift");
    }
}
