// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {FeeOnTransferERC20} from "../../contracts/mocks/FeeOnTransferERC20.sol";
import {FalseReturnERC20} from "../../contracts/mocks/FalseReturnERC20.sol";
import {ReentrantClaimer} from "../../contracts/mocks/ReentrantClaimer.sol";
import {ContributionLedgerFuzzBase} from "./ContributionLedgerFuzzBase.sol";

/// @notice Fuzz tests of ContributionLedger against hostile tokens and re-entrant members (solvency in
/// docs/invariants.md).
contract ContributionLedgerSafetyFuzzTest is ContributionLedgerFuzzBase {
    function testFuzz_FeeOnTransferRefused(uint256 amount) public {
        amount = bound(amount, 100, 1e30);
        FeeOnTransferERC20 fot = new FeeOnTransferERC20("Fee", "FEE");
        uint64 projectId = _projectPaidIn(address(fot));
        fot.mint(funder, amount);
        vm.startPrank(funder);
        fot.approve(address(ledger), amount);
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionLedger.TransferAmountMismatch.selector,
                address(fot),
                amount,
                amount - fot.feeOf(amount)
            )
        );
        ledger.depositIncomeToken(projectId, address(fot), amount);
        vm.stopPrank();
        (uint256 received, , ) = ledger.incomeStats(projectId, address(fot));
        assertEq(received, 0);
        assertEq(fot.balanceOf(address(ledger)), 0);
    }

    function test_FalseReturnTokenRefusedOnDeposit() public {
        FalseReturnERC20 bad = new FalseReturnERC20("False", "FLS", true);
        uint64 projectId = _projectPaidIn(address(bad));
        bad.mint(funder, 1000);
        vm.startPrank(funder);
        bad.approve(address(ledger), 1000);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(bad)));
        ledger.depositIncomeToken(projectId, address(bad), 1000);
        vm.stopPrank();
    }

    /// @notice A token that starts returning false after income was deposited makes the claim revert as a whole
    /// (no claim is recorded without payment); the claim succeeds once the token behaves again.
    function testFuzz_FalseReturnTokenRefusedOnClaim(uint128 amount) public {
        uint256 amt = bound(amount, 1, type(uint128).max);
        FalseReturnERC20 bad = new FalseReturnERC20("False", "FLS", false);
        uint64 projectId = _projectPaidIn(address(bad));
        bad.mint(funder, amt);
        vm.startPrank(funder);
        bad.approve(address(ledger), amt);
        ledger.depositIncomeToken(projectId, address(bad), amt);
        vm.stopPrank();
        bad.setReturnFalse(true);
        uint256 owed = ledger.claimable(projectId, address(bad), members[0]);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(bad)));
        vm.prank(members[0]);
        ledger.claim(projectId, address(bad));
        (, uint256 claimed, ) = ledger.incomeStats(projectId, address(bad));
        assertEq(claimed, 0);
        assertEq(ledger.claimable(projectId, address(bad), members[0]), owed);
        bad.setReturnFalse(false);
        vm.prank(members[0]);
        assertEq(ledger.claim(projectId, address(bad)), owed);
        assertEq(bad.balanceOf(members[0]), owed);
        assertLe(owed, amt);
    }

    /// @dev A project that accepts income in `tok`, where members[0] holds 10 points.
    function _projectPaidIn(address tok) internal returns (uint64 projectId) {
        projectId = _project(1, 1, 1);
        vm.prank(coordinator);
        ledger.addIncomeToken(projectId, tok);
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 10);
    }

    function _claimerWithIncome(uint256 amount) internal returns (ReentrantClaimer claimer, uint64 projectId) {
        projectId = _project(1, 1, 1);
        claimer = new ReentrantClaimer(ledger);
        vm.prank(coordinator);
        ledger.grantRole(projectId, address(claimer), 1);
        uint256 id = claimer.submit(_input(projectId, 0, 3));
        vm.prank(evaluators[0]);
        ledger.evaluate(id, 1, bytes32(0));
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 1); // another holder, so that the pool holds more than the claimer is owed
        vm.deal(funder, amount);
        vm.prank(funder);
        ledger.depositIncome{value: amount}(projectId);
    }

    /// @notice A re-entrant claim from the ETH callback is blocked by the guard; the outer claim pays once.
    function testFuzz_ReentrantClaimBlocked(uint96 amount) public {
        uint256 amt = bound(amount, 4, type(uint96).max);
        (ReentrantClaimer claimer, uint64 projectId) = _claimerWithIncome(amt);
        claimer.setReenter(true);
        uint256 owed = ledger.claimable(projectId, address(0), address(claimer));
        assertGt(owed, 0);
        uint256 ledgerBefore = address(ledger).balance;
        assertEq(claimer.claim(projectId), owed);
        assertEq(claimer.reentryAttempts(), 1);
        assertEq(claimer.reentrySuccesses(), 0);
        assertEq(
            claimer.lastReentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(address(claimer).balance, owed, "paid exactly once");
        assertEq(ledgerBefore - address(ledger).balance, owed);
        (, uint256 claimed, ) = ledger.incomeStats(projectId, address(0));
        assertEq(claimed, owed);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.NothingToClaim.selector, projectId, address(0), address(claimer))
        );
        claimer.claim(projectId);
    }

    /// @notice When the claimer's callback reverts (bubbling the blocked re-entry), the whole claim reverts
    /// with EthTransferFailed and nothing is recorded.
    function testFuzz_ReentrantClaimBubbledReverts(uint96 amount) public {
        uint256 amt = bound(amount, 4, type(uint96).max);
        (ReentrantClaimer claimer, uint64 projectId) = _claimerWithIncome(amt);
        claimer.setAction(ReentrantClaimer.Action.Claim, true, 0, 0, 0);
        uint256 owed = ledger.claimable(projectId, address(0), address(claimer));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.EthTransferFailed.selector, address(claimer), owed));
        claimer.claim(projectId);
        assertEq(ledger.claimable(projectId, address(0), address(claimer)), owed);
        (, uint256 claimed, ) = ledger.incomeStats(projectId, address(0));
        assertEq(claimed, 0);
        assertEq(address(claimer).balance, 0);
    }

    /// @notice Re-entering evaluate / submit from the claim callback is harmless: state was updated before the
    /// transfer, the claim pays once and the inner call behaves as a normal call.
    function test_ReentrantEvaluateAndSubmitHarmless() public {
        (ReentrantClaimer claimer, uint64 projectId) = _claimerWithIncome(1 ether);
        uint256 target = _submit(contributor, projectId, 2);
        claimer.setAction(ReentrantClaimer.Action.Evaluate, false, target, 7, 0);
        uint256 owed = ledger.claimable(projectId, address(0), address(claimer));
        assertEq(claimer.claim(projectId), owed);
        assertEq(claimer.reentrySuccesses(), 1);
        assertTrue(ledger.hasEvaluated(target, address(claimer)));
        assertEq(ledger.pointsOf(projectId, contributor), 2 * 7);
        assertEq(address(claimer).balance, owed);

        vm.deal(funder, 1 ether);
        vm.prank(funder);
        ledger.depositIncome{value: 1 ether}(projectId);
        claimer.setAction(ReentrantClaimer.Action.Submit, false, 0, 0, 0);
        uint256 count = ledger.contributionCount();
        uint256 owed2 = ledger.claimable(projectId, address(0), address(claimer));
        assertEq(claimer.claim(projectId), owed2);
        assertEq(claimer.reentrySuccesses(), 2);
        assertEq(ledger.contributionCount(), count + 1);
        assertEq(ledger.getContribution(count + 1).contributor, address(claimer));
        assertEq(address(claimer).balance, owed + owed2);
        (uint256 received, uint256 claimed, ) = ledger.incomeStats(projectId, address(0));
        assertLe(claimed, received);
        assertEq(address(ledger).balance, received - claimed);
    }
}
