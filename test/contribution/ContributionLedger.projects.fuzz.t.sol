// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ContributionLedgerFuzzBase} from "./ContributionLedgerFuzzBase.sol";

/// @notice Fuzz tests of ContributionLedger's projects: policy and weight bounds, kinds, income tokens, and policy
/// updates that leave pending contributions alone (CL-3 in docs/invariants.md).
contract ContributionLedgerProjectsFuzzTest is ContributionLedgerFuzzBase {
    /// @notice Policy changes apply only to contributions submitted afterwards.
    function testFuzz_PendingContributionKeepsItsPolicy(uint8 newQuorum, uint8 newMinScore, uint8 score) public {
        newQuorum = uint8(bound(newQuorum, 2, 16));
        newMinScore = uint8(bound(newMinScore, 1, 10));
        score = uint8(bound(score, 1, 10));
        uint64 projectId = _project(1, 1, 3);
        uint256 id = _submit(contributor, projectId, 7);
        vm.prank(coordinator);
        ledger.updateProject(projectId, "ipfs://meta2", _policy(newQuorum, newMinScore));
        vm.prank(evaluators[0]);
        ledger.evaluate(id, score, bytes32(0)); // quorum 1, minScore 1 from submission time: settles, accepted
        assertEq(uint8(ledger.getContribution(id).status), uint8(IContributionLedger.Status.Accepted));
        assertEq(ledger.pointsOf(projectId, contributor), uint256(7) * 3 * score);
        uint256 id2 = _submit(contributor, projectId, 7);
        IContributionLedger.Contribution memory c = ledger.getContribution(id2);
        assertEq(c.quorum, newQuorum);
        assertEq(c.minScore, newMinScore);
    }

    /// @notice At most MAX_INCOME_TOKENS (8) income tokens including ETH; ETH and duplicates are refused.
    function test_IncomeTokenLimits() public {
        uint64 projectId = _project(1, 1, 1);
        vm.startPrank(coordinator);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.IncomeTokenAlreadyAccepted.selector, projectId, address(0))
        );
        ledger.addIncomeToken(projectId, address(0));
        address[8] memory tokens;
        for (uint256 i = 0; i < 8; ++i) tokens[i] = address(new MockERC20("T", "T", 18));
        for (uint256 i = 0; i < 7; ++i) ledger.addIncomeToken(projectId, tokens[i]);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.IncomeTokenAlreadyAccepted.selector, projectId, tokens[0])
        );
        ledger.addIncomeToken(projectId, tokens[0]);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.TooManyIncomeTokens.selector, projectId, 8));
        ledger.addIncomeToken(projectId, tokens[7]);
        vm.stopPrank();
        assertEq(ledger.incomeTokens(projectId).length, 8);
        assertEq(ledger.incomeTokens(projectId)[0], address(0));
    }

    function testFuzz_InvalidPolicy(uint8 quorum, uint32 window, uint8 minScore) public {
        string[] memory names = new string[](0);
        uint32[] memory weights = new uint32[](0);
        IContributionLedger.EvaluationPolicy memory p = _policy(1, 1);
        if (quorum == 0 || quorum > 16) {
            p.quorum = quorum;
            vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidQuorum.selector, quorum, uint8(16)));
        } else if (window < 1 hours || window > 365 days) {
            p.evaluationWindow = window;
            vm.expectRevert(
                abi.encodeWithSelector(
                    IContributionLedger.InvalidEvaluationWindow.selector,
                    window,
                    uint32(1 hours),
                    uint32(365 days)
                )
            );
        } else if (minScore == 0 || minScore > 10) {
            p.minScore = minScore;
            vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidMinScore.selector, minScore, uint8(10)));
        } else {
            p = IContributionLedger.EvaluationPolicy(quorum, window, minScore);
            ledger.createProject("ok", "", p, names, weights);
            return;
        }
        ledger.createProject("bad", "", p, names, weights);
    }

    function testFuzz_InvalidWeight(uint32 weight) public {
        vm.assume(weight == 0 || weight > 1_000_000);
        string[] memory names = new string[](1);
        names[0] = "w";
        uint32[] memory weights = new uint32[](1);
        weights[0] = weight;
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidWeight.selector, weight, uint32(1_000_000)));
        ledger.createProject("bad", "", _policy(1, 1), names, weights);
    }

    function testFuzz_UnknownKind(uint16 kindId) public {
        kindId = uint16(bound(kindId, 1, type(uint16).max));
        uint64 projectId = _project(1, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.UnknownKind.selector, projectId, kindId));
        vm.prank(contributor);
        ledger.submit(_input(projectId, kindId, 1));
        // a closed kind is refused too
        vm.prank(coordinator);
        ledger.setKindActive(projectId, 0, false);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.UnknownKind.selector, projectId, uint16(0)));
        vm.prank(contributor);
        ledger.submit(_input(projectId, 0, 1));
    }
}
