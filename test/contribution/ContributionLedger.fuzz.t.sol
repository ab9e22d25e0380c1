// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../../contracts/mocks/FeeOnTransferERC20.sol";
import {FalseReturnERC20} from "../../contracts/mocks/FalseReturnERC20.sol";
import {ReentrantClaimer} from "../../contracts/mocks/ReentrantClaimer.sol";

/// @notice Fuzz tests of ContributionLedger: median settlement against a sort-based reference, pro-rata income
/// split against an exact reference, EIP-712 signatures, input bounds and hostile tokens / members.
/// Invariant IDs (CL-1..CL-6) refer to docs/invariants.md.
contract ContributionLedgerFuzzTest is Test {
    ContributionLedger internal ledger;
    MockERC20 internal token;

    address internal coordinator = makeAddr("coordinator");
    address internal funder = makeAddr("funder");

    uint256 internal constant N_EVALUATORS = 16; // MAX_QUORUM
    uint256 internal constant N_MEMBERS = 6;
    address[N_EVALUATORS] internal evaluators;
    address[N_MEMBERS] internal members;
    address internal contributor = makeAddr("contributor");

    uint32 internal constant WINDOW = 1 days;

    bytes32 internal constant CONTRIBUTION_TYPEHASH = keccak256(
        "Contribution(uint64 projectId,uint16 kindId,uint64 quantity,bytes32 evidenceHash,string evidenceURI,address contributor,uint64 nonce,uint64 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    function setUp() public {
        ledger = new ContributionLedger();
        token = new MockERC20("Test USD", "TUSD", 6);
        for (uint256 i = 0; i < N_EVALUATORS; ++i) evaluators[i] = makeAddr(string.concat("evaluator", vm.toString(i)));
        for (uint256 i = 0; i < N_MEMBERS; ++i) members[i] = makeAddr(string.concat("member", vm.toString(i)));
    }

    // ================================================================================================ helpers

    function _policy(uint8 quorum, uint8 minScore) internal pure returns (IContributionLedger.EvaluationPolicy memory) {
        return IContributionLedger.EvaluationPolicy({quorum: quorum, evaluationWindow: WINDOW, minScore: minScore});
    }

    /// @dev Project with one kind of weight `weight`, `contributor` and all evaluators and members as members.
    function _project(uint8 quorum, uint8 minScore, uint32 weight) internal returns (uint64 projectId) {
        string[] memory names = new string[](1);
        names[0] = "work";
        uint32[] memory weights = new uint32[](1);
        weights[0] = weight;
        vm.startPrank(coordinator);
        projectId = ledger.createProject("Commons", "ipfs://meta", _policy(quorum, minScore), names, weights);
        ledger.grantRole(projectId, contributor, 1);
        for (uint256 i = 0; i < N_EVALUATORS; ++i) ledger.grantRole(projectId, evaluators[i], 1);
        for (uint256 i = 0; i < N_MEMBERS; ++i) ledger.grantRole(projectId, members[i], 1);
        vm.stopPrank();
    }

    function _input(
        uint64 projectId,
        uint16 kindId,
        uint64 quantity
    ) internal pure returns (IContributionLedger.ContributionInput memory) {
        return
            IContributionLedger.ContributionInput({
                projectId: projectId,
                kindId: kindId,
                quantity: quantity,
                evidenceHash: keccak256(abi.encode(projectId, quantity)),
                evidenceURI: "ipfs://evidence"
            });
    }

    function _submit(address who, uint64 projectId, uint64 quantity) internal returns (uint256 id) {
        vm.prank(who);
        id = ledger.submit(_input(projectId, 0, quantity));
    }

    /// @dev Sort-based reference: twice the median of `scores` (insertion sort, then the two middle elements).
    function _refMedianX2(uint8[] memory scores) internal pure returns (uint16) {
        uint256 n = scores.length;
        uint8[] memory s = new uint8[](n);
        for (uint256 i = 0; i < n; ++i) s[i] = scores[i];
        for (uint256 i = 1; i < n; ++i) {
            uint8 key = s[i];
            uint256 j = i;
            while (j > 0 && s[j - 1] > key) {
                s[j] = s[j - 1];
                --j;
            }
            s[j] = key;
        }
        return uint16(s[(n - 1) / 2]) + uint16(s[n / 2]);
    }

    function _digest(
        address verifyingContract,
        uint256 chainId,
        IContributionLedger.ContributionInput memory input,
        address signer,
        uint64 nonce,
        uint64 deadline
    ) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("Cosmolocal Contributions"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                CONTRIBUTION_TYPEHASH,
                input.projectId,
                input.kindId,
                input.quantity,
                input.evidenceHash,
                keccak256(bytes(input.evidenceURI)),
                signer,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function _boundPk(uint256 pk) internal pure returns (uint256) {
        // secp256k1 group order
        return bound(pk, 1, 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140);
    }

    // ============================================================================== median settlement (CL-3)

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
        uint16 medianX2 = _refMedianX2(mc.scores);
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

    // ============================================================================================ income (CL-1)

    struct SplitState {
        uint64 projectId;
        address tok; // address(0) = ETH
        uint256 weight; // weight of kind 0 (0 read as 1); a mint of quantity q with score 1 gives q * weight points
        uint256[N_MEMBERS] points;
        uint256[N_MEMBERS] ref; // sum over deposits of floor(amount * points_i / total)
        uint256[N_MEMBERS] paid;
        uint256[N_MEMBERS] mints;
        uint256 total;
        uint256 deposited;
        uint256 deposits;
        uint256 mintCount;
    }

    /// @dev Mints exactly `quantity * weight` points to member `i`: quorum 1, score 1 (median x2 = 2).
    function _mintPoints(SplitState memory st, uint256 i, uint64 quantity) internal {
        uint256 id = _submit(members[i], st.projectId, quantity);
        vm.prank(evaluators[0]);
        ledger.evaluate(id, 1, bytes32(0));
        uint256 pts = uint256(quantity) * (st.weight == 0 ? 1 : st.weight);
        st.points[i] += pts;
        st.total += pts;
        st.mints[i] += 1;
        st.mintCount += 1;
        assertEq(ledger.pointsOf(st.projectId, members[i]), st.points[i], "CL-2 points");
    }

    function _depositTo(SplitState memory st, uint256 amount) internal {
        if (st.tok == address(0)) {
            vm.deal(funder, amount);
            vm.prank(funder);
            ledger.depositIncome{value: amount}(st.projectId);
        } else {
            token.mint(funder, amount);
            vm.startPrank(funder);
            token.approve(address(ledger), amount);
            ledger.depositIncomeToken(st.projectId, st.tok, amount);
            vm.stopPrank();
        }
        for (uint256 i = 0; i < N_MEMBERS; ++i) st.ref[i] += Math.mulDiv(amount, st.points[i], st.total);
        st.deposited += amount;
        st.deposits += 1;
    }

    function _balanceOf(address tok, address who) internal view returns (uint256) {
        return tok == address(0) ? who.balance : token.balanceOf(who);
    }

    function _claimAll(SplitState memory st, uint256 i) internal {
        uint256 owed = ledger.claimable(st.projectId, st.tok, members[i]);
        if (owed == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IContributionLedger.NothingToClaim.selector, st.projectId, st.tok, members[i])
            );
            vm.prank(members[i]);
            ledger.claim(st.projectId, st.tok);
            return;
        }
        uint256 before = _balanceOf(st.tok, members[i]);
        vm.prank(members[i]);
        uint256 amount = ledger.claim(st.projectId, st.tok);
        assertEq(amount, owed, "claim pays claimable()");
        assertEq(_balanceOf(st.tok, members[i]) - before, amount, "member received the claim");
        assertEq(ledger.claimable(st.projectId, st.tok, members[i]), 0, "nothing left after claim");
        st.paid[i] += amount;
    }

    function _checkSolvency(SplitState memory st) internal view {
        (uint256 received, uint256 claimed, ) = ledger.incomeStats(st.projectId, st.tok);
        assertEq(received, st.deposited, "received");
        uint256 sumPaid;
        uint256 sumClaimable;
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            sumPaid += st.paid[i];
            sumClaimable += ledger.claimable(st.projectId, st.tok, members[i]);
        }
        assertEq(claimed, sumPaid, "claimed");
        assertLe(claimed + sumClaimable, received, "CL-1: never owes more than received");
        // dust: < 1 wei per member (floor of earned) + 1 wei per mint (ceil of debt) + carry / 1e18
        assertLe(
            received - claimed - sumClaimable,
            N_MEMBERS + st.mintCount + st.total / 1e18 + 1,
            "CL-1: dust is bounded"
        );
        assertEq(_balanceOf(st.tok, address(ledger)), received - claimed, "solvency: balance = received - claimed");
    }

    function _splitSetup(
        uint64[N_MEMBERS] memory initialPoints,
        bool useToken,
        uint64 maxQ,
        uint32 weight
    ) internal returns (SplitState memory st) {
        st.weight = weight;
        st.projectId = _project(1, 1, weight);
        if (useToken) {
            vm.prank(coordinator);
            ledger.addIncomeToken(st.projectId, address(token));
            st.tok = address(token);
        }
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            uint64 q = uint64(bound(initialPoints[i], 0, maxQ));
            if (q != 0) _mintPoints(st, i, q);
        }
        if (st.total == 0) _mintPoints(st, 0, 1);
    }

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

    // ========================================================================================= signatures (CL-5)

    function _signedSetup(uint256 pk) internal returns (uint64 projectId, address signer) {
        projectId = _project(1, 1, 1);
        signer = vm.addr(pk);
        vm.prank(coordinator);
        ledger.grantRole(projectId, signer, 1);
    }

    function _expectSubmitted(
        uint256 id,
        IContributionLedger.ContributionInput memory input,
        address signer,
        address relayer
    ) internal {
        vm.expectEmit(true, true, true, true, address(ledger));
        emit IContributionLedger.ContributionSubmitted(
            id,
            input.projectId,
            signer,
            input.kindId,
            input.quantity,
            input.evidenceHash,
            input.evidenceURI,
            uint40(block.timestamp + WINDOW),
            relayer
        );
    }

    /// @notice A correctly signed contribution is recorded for the signer, whoever relays it, until the deadline
    /// inclusive; the nonce is consumed; the digest matches an independent EIP-712 computation.
    function testFuzz_SignedSubmitValid(
        uint256 pk,
        address relayer,
        uint64 quantity,
        uint32 ttl,
        uint32 elapsed,
        string memory uri
    ) public {
        pk = _boundPk(pk);
        quantity = uint64(bound(quantity, 1, type(uint64).max));
        (uint64 projectId, address signer) = _signedSetup(pk);
        uint64 deadline = uint64(block.timestamp) + ttl;
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, quantity);
        input.evidenceURI = uri;
        bytes32 digest = _digest(address(ledger), block.chainid, input, signer, 0, deadline);
        assertEq(ledger.contributionDigest(input, signer, 0, deadline), digest, "digest");
        bytes memory sig = _sign(pk, digest);

        vm.warp(block.timestamp + bound(elapsed, 0, ttl)); // up to the deadline inclusive
        _expectSubmitted(1, input, signer, relayer);
        vm.prank(relayer);
        uint256 id = ledger.submitSigned(input, signer, 0, deadline, sig);
        assertEq(id, 1);
        assertEq(ledger.getContribution(id).contributor, signer);
        assertEq(ledger.nonces(projectId, signer), 1);

        // CL-5: replay of the same message fails on the consumed nonce.
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.InvalidNonce.selector, signer, uint64(1), uint64(0))
        );
        vm.prank(relayer);
        ledger.submitSigned(input, signer, 0, deadline, sig);
        assertEq(ledger.contributionCount(), 1);

        // The next nonce works.
        bytes memory sig1 = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 1, deadline));
        vm.prank(relayer);
        ledger.submitSigned(input, signer, 1, deadline, sig1);
        assertEq(ledger.nonces(projectId, signer), 2);
    }

    /// @notice Finding 9: the contributor voids its unsubmitted signatures up to `upTo`: every message signed with a
    /// nonce up to `upTo` is refused, the one signed with `upTo + 1` is recorded.
    function testFuzz_Finding9_CancelledSignaturesCannotBeSubmitted(
        uint256 pk,
        uint64 upTo,
        uint64 signedNonce
    ) public {
        pk = _boundPk(pk);
        upTo = uint64(bound(upTo, 0, type(uint64).max - 2));
        signedNonce = uint64(bound(signedNonce, 0, upTo));
        (uint64 projectId, address signer) = _signedSetup(pk);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        bytes memory withheld = _sign(
            pk,
            _digest(address(ledger), block.chainid, input, signer, signedNonce, deadline)
        );
        vm.expectEmit(address(ledger));
        emit IContributionLedger.NoncesCancelled(projectId, signer, 0, upTo + 1);
        vm.prank(signer);
        ledger.cancelSignatures(projectId, upTo);
        assertEq(ledger.nonces(projectId, signer), upTo + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.InvalidNonce.selector, signer, upTo + 1, signedNonce)
        );
        ledger.submitSigned(input, signer, signedNonce, deadline, withheld);
        bytes memory next = _sign(pk, _digest(address(ledger), block.chainid, input, signer, upTo + 1, deadline));
        assertEq(ledger.submitSigned(input, signer, upTo + 1, deadline, next), 1);
    }

    /// @notice A signature by anyone but `contributor` is refused.
    function testFuzz_SignedSubmitWrongSigner(uint256 pk, uint256 otherPk) public {
        pk = _boundPk(pk);
        otherPk = _boundPk(otherPk);
        vm.assume(pk != otherPk);
        (uint64 projectId, address signer) = _signedSetup(pk);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        bytes memory sig = _sign(otherPk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline, sig);
        assertEq(ledger.nonces(projectId, signer), 0);
    }

    /// @notice Changing any signed field (here the quantity or the URI) invalidates the signature.
    function testFuzz_SignedSubmitTamperedInput(uint256 pk, uint64 quantity, uint64 otherQuantity) public {
        pk = _boundPk(pk);
        quantity = uint64(bound(quantity, 1, type(uint64).max));
        otherQuantity = uint64(bound(otherQuantity, 1, type(uint64).max));
        vm.assume(quantity != otherQuantity);
        (uint64 projectId, address signer) = _signedSetup(pk);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, quantity);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        input.quantity = otherQuantity;
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline, sig);
        input.quantity = quantity;
        input.evidenceURI = "ipfs://other";
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline, sig);
        // a later deadline than signed is another message too
        input.evidenceURI = "ipfs://evidence";
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline + 1, sig);
    }

    /// @notice CL-5: after the deadline the message is refused with the exact deadline and timestamp.
    function testFuzz_SignedSubmitExpired(uint256 pk, uint32 ttl, uint32 late) public {
        pk = _boundPk(pk);
        (uint64 projectId, address signer) = _signedSetup(pk);
        uint64 deadline = uint64(block.timestamp) + ttl;
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        uint256 t = uint256(deadline) + bound(late, 1, 365 days);
        vm.warp(t);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.SignatureExpired.selector, uint256(deadline), t));
        ledger.submitSigned(input, signer, 0, deadline, sig);
    }

    /// @notice CL-5: a nonce that skips ahead is refused.
    function testFuzz_SignedSubmitFutureNonce(uint256 pk, uint64 nonce) public {
        pk = _boundPk(pk);
        nonce = uint64(bound(nonce, 1, type(uint64).max));
        (uint64 projectId, address signer) = _signedSetup(pk);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, nonce, deadline));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidNonce.selector, signer, uint64(0), nonce));
        ledger.submitSigned(input, signer, nonce, deadline, sig);
    }

    /// @notice The domain binds the chain id: a message signed for one chain is refused on another, and the
    /// domain separator follows the chain id (no stale cache after a fork).
    function testFuzz_SignedSubmitWrongChainId(uint256 pk, uint64 otherChainId) public {
        pk = _boundPk(pk);
        otherChainId = uint64(bound(otherChainId, 1, type(uint64).max));
        vm.assume(otherChainId != block.chainid);
        (uint64 projectId, address signer) = _signedSetup(pk);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sigHere = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        bytes memory sigThere = _sign(pk, _digest(address(ledger), otherChainId, input, signer, 0, deadline));

        // signed for another chain, submitted here
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline, sigThere);

        // signed here, submitted after the chain id changed
        vm.chainId(otherChainId);
        assertEq(
            ledger.contributionDigest(input, signer, 0, deadline),
            _digest(address(ledger), otherChainId, input, signer, 0, deadline)
        );
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        ledger.submitSigned(input, signer, 0, deadline, sigHere);
        // ...where the message signed for that chain is valid
        ledger.submitSigned(input, signer, 0, deadline, sigThere);
        assertEq(ledger.nonces(projectId, signer), 1);
    }

    /// @notice The domain binds the verifying contract: a message signed for one ledger is refused by another
    /// (where the signer is a member of a project with the same id).
    function testFuzz_SignedSubmitOtherContract(uint256 pk) public {
        pk = _boundPk(pk);
        (uint64 projectId, address signer) = _signedSetup(pk);
        ContributionLedger other = new ContributionLedger();
        string[] memory names = new string[](1);
        names[0] = "work";
        uint32[] memory weights = new uint32[](1);
        weights[0] = 1;
        vm.startPrank(coordinator);
        assertEq(other.createProject("Other", "", _policy(1, 1), names, weights), projectId);
        other.grantRole(projectId, signer, 1);
        vm.stopPrank();
        uint64 deadline = uint64(block.timestamp + 1 hours);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.InvalidSignature.selector, signer));
        other.submitSigned(input, signer, 0, deadline, sig);
        ledger.submitSigned(input, signer, 0, deadline, sig);
    }

    /// @notice A valid signature of a non-member is refused with NotMember (and consumes nothing).
    function testFuzz_SignedSubmitNonMember(uint256 pk) public {
        pk = _boundPk(pk);
        uint64 projectId = _project(1, 1, 1);
        address signer = vm.addr(pk);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        IContributionLedger.ContributionInput memory input = _input(projectId, 0, 5);
        bytes memory sig = _sign(pk, _digest(address(ledger), block.chainid, input, signer, 0, deadline));
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.NotMember.selector, projectId, signer));
        ledger.submitSigned(input, signer, 0, deadline, sig);
        assertEq(ledger.nonces(projectId, signer), 0);
    }

    // ==================================================================================================== bounds

    function testFuzz_ScoreOutOfRange(uint8 score) public {
        score = uint8(bound(score, 11, type(uint8).max));
        uint64 projectId = _project(1, 1, 1);
        uint256 id = _submit(contributor, projectId, 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.ScoreOutOfRange.selector, score, uint8(10)));
        vm.prank(evaluators[0]);
        ledger.evaluate(id, score, bytes32(0));
    }

    function test_ZeroQuantity() public {
        uint64 projectId = _project(1, 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.InvalidQuantity.selector, uint64(0), type(uint64).max)
        );
        vm.prank(contributor);
        ledger.submit(_input(projectId, 0, 0));
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

    function testFuzz_NonMemberCannotSubmitOrEvaluate(address outsider) public {
        uint64 projectId = _project(1, 1, 1);
        vm.assume(ledger.rolesOf(projectId, outsider) & 1 == 0 && outsider != contributor);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.NotMember.selector, projectId, outsider));
        vm.prank(outsider);
        ledger.submit(_input(projectId, 0, 1));
        uint256 id = _submit(contributor, projectId, 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionLedger.NotMember.selector, projectId, outsider));
        vm.prank(outsider);
        ledger.evaluate(id, 5, bytes32(0));
    }

    // ============================================================================================ evaluation (CL-6)

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

    // ================================================================================================ income errors

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

    // ============================================================================================== hostile tokens

    function testFuzz_FeeOnTransferRefused(uint256 amount) public {
        amount = bound(amount, 100, 1e30);
        FeeOnTransferERC20 fot = new FeeOnTransferERC20("Fee", "FEE");
        uint64 projectId = _project(1, 1, 1);
        vm.prank(coordinator);
        ledger.addIncomeToken(projectId, address(fot));
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 10);
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
        uint64 projectId = _project(1, 1, 1);
        vm.prank(coordinator);
        ledger.addIncomeToken(projectId, address(bad));
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 10);
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
        uint64 projectId = _project(1, 1, 1);
        vm.prank(coordinator);
        ledger.addIncomeToken(projectId, address(bad));
        SplitState memory st;
        st.projectId = projectId;
        _mintPoints(st, 0, 10);
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

    // ================================================================================================= reentrancy

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
