// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {ContributionLedgerFuzzBase} from "./ContributionLedgerFuzzBase.sol";

/// @notice Fuzz tests of ContributionLedger's submissions and EIP-712 signed submissions: nonces, deadlines,
/// cancellations, forged and replayed messages (CL-5 in docs/invariants.md).
contract ContributionLedgerSignaturesFuzzTest is ContributionLedgerFuzzBase {
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

    function test_ZeroQuantity() public {
        uint64 projectId = _project(1, 1, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IContributionLedger.InvalidQuantity.selector, uint64(0), type(uint64).max)
        );
        vm.prank(contributor);
        ledger.submit(_input(projectId, 0, 0));
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
}
