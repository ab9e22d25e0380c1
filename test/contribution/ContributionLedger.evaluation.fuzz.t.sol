// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {refMedianX2} from "./ContributionLedgerModel.sol";
import {ContributionLedgerFuzzBase} from "./ContributionLedgerFuzzBase.sol";

/// @notice Fuzz tests of ContributionLedger's peer evaluation and settlement: the median against a sort-based
/// reference, score and points bounds, self and double evaluation, the window and expiry (CL-2, CL-3, CL-4, CL-6 in
/// docs/invariants.md).
contract ContributionLedgerEvaluationFuzzTest is ContributionLedgerFuzzBase {
    struct MedianCase {
        uint64 projectId;
        uint256 id;
        uint8 quorum;
        uint8 minScore;
        uint32 weight;
        uint64 quantity;
        uint8[] scores;
    }

    /// @notice The evaluation reaching quorum settles by the median of the scores: status, medianX2 and points
    /// match a sort-based reference for every quorum 1..16 and every score array.
    function testFuzz_MedianSettlementMatchesReference(
        uint8 quorum,
        uint8 minScore,
        uint32 weight,
        uint64 quantity,
        uint8[16] memory rawScores
    ) public {
        MedianCase memory mc;
        mc.quorum = uint8(bound(quorum, 1, 16));
        mc.minScore = uint8(bound(minScore, 1, 10));
        mc.weight = uint32(bound(weight, 1, 1_000_000));
        mc.quantity = uint64(bound(quantity, 1, type(uint64).max));
        mc.projectId = _project(mc.quorum, mc.minScore, mc.weight);
        mc.id = _submit(contributor, mc.projectId, mc.quantity);
        mc.scores = new uint8[](mc.quorum);
        for (uint256 i = 0; i < mc.quorum; ++i) mc.scores[i] = rawScores[i] % 11;
        _checkMedianCase(mc);
    }

    /// @notice Extreme score arrays (all equal, two values only) for every quorum, where off-by-one errors in a
    /// counting median show up.
    function testFuzz_MedianTwoValues(uint8 quorum, uint8 lo, uint8 hi, uint16 mask, uint8 minScore) public {
        MedianCase memory mc;
        mc.quorum = uint8(bound(quorum, 1, 16));
        mc.minScore = uint8(bound(minScore, 1, 10));
        mc.weight = 1;
        mc.quantity = 1;
        mc.projectId = _project(mc.quorum, mc.minScore, mc.weight);
        mc.id = _submit(contributor, mc.projectId, mc.quantity);
        mc.scores = new uint8[](mc.quorum);
        for (uint256 i = 0; i < mc.quorum; ++i) mc.scores[i] = (mask >> i) & 1 == 1 ? hi % 11 : lo % 11;
        _checkMedianCase(mc);
    }

    function _checkMedianCase(MedianCase memory mc) internal {
        uint16 medianX2 = refMedianX2(mc.scores);
        bool accepted = medianX2 >= 2 * uint16(mc.minScore);
        uint256 points = accepted ? (uint256(mc.quantity) * mc.weight * medianX2) / 2 : 0;
        IContributionLedger.Status expected =
            accepted ? IContributionLedger.Status.Accepted : IContributionLedger.Status.Rejected;

        for (uint256 i = 0; i + 1 < mc.quorum; ++i) {
            vm.prank(evaluators[i]);
            ledger.evaluate(mc.id, mc.scores[i], bytes32(i));
            assertEq(uint8(ledger.getContribution(mc.id).status), uint8(IContributionLedger.Status.Pending));
        }
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IContributionLedger.ContributionSettled(mc.id, mc.projectId, contributor, expected, medianX2, points);
        vm.prank(evaluators[mc.quorum - 1]);
        ledger.evaluate(mc.id, mc.scores[mc.quorum - 1], bytes32(0));

        IContributionLedger.Contribution memory c = ledger.getContribution(mc.id);
        assertEq(uint8(c.status), uint8(expected), "status");
        assertEq(c.evaluationCount, mc.quorum, "evaluationCount");
        assertEq(ledger.pointsOf(mc.projectId, contributor), points, "points");
        (, , , , uint256 totalPoints) = ledger.getProject(mc.projectId);
        assertEq(totalPoints, points, "totalPoints (CL-4)");
        uint8[] memory stored = ledger.scoresOf(mc.id);
        assertEq(stored.length, mc.quorum);
        for (uint256 i = 0; i < mc.quorum; ++i) assertEq(stored[i], mc.scores[i], "scoresOf");

        // CL-3: a settled contribution never changes again.
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.ContributionNotPending.selector, mc.id, expected));
        vm.prank(evaluators[15]);
        ledger.evaluate(mc.id, 10, bytes32(0));
        vm.warp(block.timestamp + WINDOW + 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.ContributionNotPending.selector, mc.id, expected));
        ledger.expire(mc.id);
    }

    function testFuzz_ScoreOutOfRange(uint8 score) public {
        score = uint8(bound(score, 11, type(uint8).max));
        uint64 projectId = _project(1, 1, 1);
        uint256 id = _submit(contributor, projectId, 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.ScoreOutOfRange.selector, score, uint8(10)));
        vm.prank(evaluators[0]);
        ledger.evaluate(id, score, bytes32(0));
    }

    /// @notice The largest quantity with the largest weight and score settles without overflow.
    function test_MaxQuantityMaxWeightMaxScore() public {
        uint64 projectId = _project(1, 1, 1_000_000);
        uint256 id = _submit(contributor, projectId, type(uint64).max);
        vm.prank(evaluators[0]);
        ledger.evaluate(id, 10, bytes32(0));
        assertEq(ledger.pointsOf(projectId, contributor), uint256(type(uint64).max) * 1_000_000 * 10);
    }

    /// @notice The evaluation that would push a project's points over MAX_TOTAL_POINTS (2^96 - 1) reverts with the
    /// exact totals; the contribution stays pending (and can expire), and the points stay consistent (CL-4).
    function test_PointsCapExceeded() public {
        uint64 projectId = _project(1, 1, 1_000_000);
        uint256 perMint = uint256(type(uint64).max) * 1_000_000 * 10;
        uint256 max = type(uint96).max;
        uint256 fits = max / perMint;
        for (uint256 i = 0; i < fits; ++i) {
            uint256 id = _submit(contributor, projectId, type(uint64).max);
            vm.prank(evaluators[0]);
            ledger.evaluate(id, 10, bytes32(0));
        }
        uint256 last = _submit(contributor, projectId, type(uint64).max);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.PointsCapExceeded.selector, projectId, (fits + 1) * perMint, max)
        );
        vm.prank(evaluators[0]);
        ledger.evaluate(last, 10, bytes32(0));
        assertEq(uint8(ledger.getContribution(last).status), uint8(IContributionLedger.Status.Pending));
        (, , , , uint256 totalPoints) = ledger.getProject(projectId);
        assertEq(totalPoints, fits * perMint);
        assertEq(ledger.pointsOf(projectId, contributor), totalPoints);
        vm.warp(block.timestamp + WINDOW + 1);
        ledger.expire(last);
    }

    function testFuzz_NoSelfEvaluation(uint8 score) public {
        score = uint8(bound(score, 0, 10));
        uint64 projectId = _project(3, 1, 1);
        uint256 id = _submit(contributor, projectId, 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.SelfEvaluation.selector, id, contributor));
        vm.prank(contributor);
        ledger.evaluate(id, score, bytes32(0));
    }

    /// @notice CL-6 also for relayed contributions: the signer cannot evaluate, the relayer can.
    function testFuzz_NoSelfEvaluationSigned(uint256 pk, uint8 score) public {
        pk = _boundPk(pk);
        score = uint8(bound(score, 0, 10));
        (uint64 projectId, address signer) = _signedSetup(pk);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        vm.prank(evaluators[0]);
        uint256 id = ledger.submitSigned(input, signer, 0, deadline, sig);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.SelfEvaluation.selector, id, signer));
        vm.prank(signer);
        ledger.evaluate(id, score, bytes32(0));
        vm.prank(evaluators[0]); // the relayer is not the contributor
        ledger.evaluate(id, score, bytes32(0));
    }

    function testFuzz_NoDoubleEvaluation(uint8 s1, uint8 s2) public {
        s1 = uint8(bound(s1, 0, 10));
        s2 = uint8(bound(s2, 0, 10));
        uint64 projectId = _project(3, 1, 1);
        uint256 id = _submit(contributor, projectId, 1);
        vm.prank(evaluators[0]);
        ledger.evaluate(id, s1, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.AlreadyEvaluated.selector, id, evaluators[0]));
        vm.prank(evaluators[0]);
        ledger.evaluate(id, s2, bytes32(0));
        assertEq(ledger.getContribution(id).evaluationCount, 1);
    }

    /// @notice Evaluations are accepted until closesAt inclusive; expiry only strictly after it (CL-3 once expired).
    function testFuzz_WindowAndExpiry(uint32 dt) public {
        uint64 projectId = _project(2, 1, 1);
        uint256 id = _submit(contributor, projectId, 1);
        uint40 closesAt = ledger.getContribution(id).closesAt;
        assertEq(closesAt, block.timestamp + WINDOW);
        uint256 t = bound(dt, 0, 2 * uint256(WINDOW));
        vm.warp(block.timestamp + t);
        if (block.timestamp <= closesAt) {
            vm.expectRevert(abi.encodeWithSelector(IContributionLedger.EvaluationWindowOpen.selector, id, closesAt));
            ledger.expire(id);
            vm.prank(evaluators[0]);
            ledger.evaluate(id, 5, bytes32(0));
        } else {
            vm.expectRevert(abi.encodeWithSelector(IContributionLedger.EvaluationWindowClosed.selector, id, closesAt));
            vm.prank(evaluators[0]);
            ledger.evaluate(id, 5, bytes32(0));
            vm.expectEmit(true, true, true, true, address(ledger));
            emit IContributionLedger.ContributionSettled(
                id,
                projectId,
                contributor,
                IContributionLedger.Status.Expired,
                0,
                0
            );
            ledger.expire(id);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IContributionLedger.ContributionNotPending.selector,
                    id,
                    IContributionLedger.Status.Expired
                )
            );
            ledger.expire(id);
            assertEq(ledger.pointsOf(projectId, contributor), 0);
        }
    }
}
