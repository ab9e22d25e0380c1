// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {FuzzBase} from "../utils/FuzzBase.sol";

/// @notice Shared fixture of the ContributionLedger fuzz tests: a ledger, members and evaluators, projects, inputs,
/// an independent EIP-712 digest and the income-split reference state.
abstract contract ContributionLedgerFuzzBase is FuzzBase {
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

    function _signedSetup(uint256 pk) internal returns (uint64 projectId, address signer) {
        projectId = _project(1, 1, 1);
        signer = vm.addr(pk);
        vm.prank(coordinator);
        ledger.grantRole(projectId, signer, 1);
    }
}
