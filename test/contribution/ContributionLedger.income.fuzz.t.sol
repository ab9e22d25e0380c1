// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {ContributionLedgerFuzzBase} from "./ContributionLedgerFuzzBase.sol";

/// @notice Fuzz tests of ContributionLedger's income and claims: the pro-rata split against an exact reference,
/// deposit errors and the income cap (CL-1 and solvency in docs/invariants.md).
contract ContributionLedgerIncomeFuzzTest is ContributionLedgerFuzzBase {
    /// @notice Random point distributions and random interleavings of mints, deposits and claims: the sum paid
    /// never exceeds the sum deposited, and every member ends up within a few wei of their exact pro-rata share
    /// (income is owed to the holders at the moment it arrives).
    function testFuzz_IncomeSplitIsProRata(
        uint64[N_MEMBERS] memory initialPoints,
        uint256[12] memory ops,
        bool useToken
    ) public {
        SplitState memory st = _splitSetup(initialPoints, useToken, 1e15, 1);
        for (uint256 k = 0; k < ops.length; ++k) {
            uint256 op = ops[k];
            uint256 who = (op >> 8) % N_MEMBERS;
            uint256 kind = op % 4;
            if (kind == 0) {
                _mintPoints(st, who, uint64(bound(op >> 16, 1, 1e15)));
            } else if (kind == 3) {
                _claimAll(st, who);
            } else {
                _depositTo(st, bound(op >> 16, 1, 1e27));
            }
            _checkSolvency(st);
        }
        for (uint256 i = 0; i < N_MEMBERS; ++i)
            if (ledger.claimable(st.projectId, st.tok, members[i]) > 0) _claimAll(st, i);
        _checkSolvency(st);
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            // exact share lies in [ref, ref + deposits); paid <= exact (+1 for carry redistribution),
            // paid >= exact - 1 (floor of earned) - mints (ceil of debt) - 1 (carry)
            assertLe(st.paid[i], st.ref[i] + st.deposits + 1, "paid above the pro-rata share");
            assertGe(st.paid[i] + st.mints[i] + 2, st.ref[i], "paid below the pro-rata share");
        }
    }

    /// @notice Same with huge point totals (up to ~3e26, weight 1e6) and small deposits, where most of a deposit can sit in
    /// the carry: still never pays more than received, and the unpaid remainder stays within the dust bound.
    function testFuzz_IncomeSplitHugePoints(
        uint64[N_MEMBERS] memory initialPoints,
        uint256[8] memory ops,
        bool useToken
    ) public {
        SplitState memory st = _splitSetup(initialPoints, useToken, type(uint64).max, 1_000_000);
        for (uint256 k = 0; k < ops.length; ++k) {
            uint256 op = ops[k];
            uint256 who = (op >> 8) % N_MEMBERS;
            uint256 kind = op % 3;
            if (kind == 0) {
                _mintPoints(st, who, uint64(bound(op >> 16, 1, type(uint64).max)));
            } else if (kind == 1) {
                _claimAll(st, who);
            } else {
                _depositTo(st, bound(op >> 16, 1, 1e20));
            }
            _checkSolvency(st);
        }
    }

    /// @notice Points minted after a deposit earn nothing of it (income is owed to holders at arrival).
    function testFuzz_LatePointsEarnOnlyLaterIncome(uint64 early, uint64 late, uint128 first, uint128 second) public {
        early = uint64(bound(early, 1, 1e15));
        late = uint64(bound(late, 1, 1e15));
        uint256 a = bound(first, 1, 1e30);
        uint256 b = bound(second, 1, 1e30);
        SplitState memory st;
        st.projectId = _project(1, 1, 1);
        _mintPoints(st, 0, early);
        _depositTo(st, a);
        _mintPoints(st, 1, late);
        assertEq(
            ledger.claimable(st.projectId, address(0), members[1]),
            0,
            "late points earn nothing of earlier income"
        );
        assertApproxEqAbs(ledger.claimable(st.projectId, address(0), members[0]), a, 1);
        _depositTo(st, b);
        uint256 c0 = ledger.claimable(st.projectId, address(0), members[0]);
        uint256 c1 = ledger.claimable(st.projectId, address(0), members[1]);
        assertLe(c0 + c1, a + b);
        assertApproxEqAbs(c1, Math.mulDiv(b, late, uint256(early) + late), 2);
        assertApproxEqAbs(c0, a + Math.mulDiv(b, early, uint256(early) + late), 2);
    }

    function test_DepositErrors() public {
        uint64 projectId = _project(1, 1, 1);
        vm.deal(funder, 10 ether);
        vm.startPrank(funder);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.NoPointHolders.selector, projectId));
        ledger.depositIncome{value: 1}(projectId);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.UnknownProject.selector, uint64(99)));
        ledger.depositIncome{value: 1}(99);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.IncomeTokenNotAccepted.selector, projectId, address(token))
        );
        ledger.depositIncomeToken(projectId, address(token), 1);
        vm.stopPrank();
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 1);
        vm.expectRevert(IContributionLedger.ZeroAmount.selector);
        vm.prank(funder);
        ledger.depositIncome{value: 0}(projectId);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.NothingToClaim.selector, projectId, address(0), members[0])
        );
        vm.prank(members[0]);
        ledger.claim(projectId, address(0));
    }

    function testFuzz_IncomeCap(uint256 amount) public {
        uint64 projectId = _project(1, 1, 1);
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 1);
        uint256 first = uint256(type(uint128).max) - 5;
        vm.deal(funder, type(uint256).max);
        vm.prank(funder);
        ledger.depositIncome{value: first}(projectId);
        amount = bound(amount, 6, type(uint128).max);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.IncomeCapExceeded.selector, projectId, address(0)));
        vm.prank(funder);
        ledger.depositIncome{value: amount}(projectId);
        vm.prank(funder);
        ledger.depositIncome{value: 5}(projectId); // exactly at the cap
        vm.prank(members[0]);
        assertEq(ledger.claim(projectId, address(0)), type(uint128).max);
    }
}
