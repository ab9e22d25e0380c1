// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {ClearingVerification} from "../../contracts/credit/ClearingVerification.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";

/// @dev Calls the library from outside the test, so its reverts can be expected.
contract ClearingVerificationHarness {
    function checkSetOffOrder(uint256 index, uint256 id, uint256 previousId) external pure {
        ClearingVerification.checkSetOffOrder(index, id, previousId);
    }

    function setOff(uint256 id, uint256 remaining, uint256 amount) external pure returns (uint256) {
        return ClearingVerification.setOff(id, remaining, amount);
    }

    function checkMoveOrder(
        uint256 index,
        address payer,
        address payee,
        address prevPayer,
        address prevPayee
    ) external pure {
        ClearingVerification.checkMoveOrder(index, payer, payee, prevPayer, prevPayee);
    }

    /// @dev One batch: adds `deltas[i]` to `vertices[i]` through the library's vertex index (as CreditNetwork's
    /// `_touch` does), then checks conservation. Returns the first-touch flags and the vertices in first-touch order.
    function run(
        address[] calldata vertices,
        int256[] calldata deltas
    ) external returns (bool[] memory first, address[] memory touched) {
        ClearingVerification.Batch memory batch = ClearingVerification.create(vertices.length, 0);
        first = new bool[](vertices.length);
        for (uint256 i = 0; i < vertices.length; ++i) {
            uint256 index = ClearingVerification.vertexIndex(vertices[i]);
            first[i] = index == 0;
            if (first[i]) {
                batch.vertices[batch.count] = vertices[i];
                batch.deltas[batch.count] = deltas[i];
                ClearingVerification.setVertexIndex(vertices[i], ++batch.count);
            } else {
                batch.deltas[index - 1] += deltas[i];
            }
        }
        ClearingVerification.requireConserved(batch);
        touched = new address[](batch.count);
        for (uint256 i = 0; i < batch.count; ++i) touched[i] = batch.vertices[i];
    }
}

/// @notice Fuzz tests of the ClearingVerification library against a plain reference model: set-off and credit-move
/// order, set-off amounts, the transient vertex index, and flow conservation per vertex with the index reset after a
/// batch (CN-3).
/// Invariant IDs refer to docs/invariants.md.
contract ClearingVerificationFuzzTest is Test {
    ClearingVerificationHarness internal harness;

    function setUp() public {
        harness = new ClearingVerificationHarness();
    }

    /// @notice Set-offs must name strictly ascending ids: id 0 is unknown, a repeat is a duplicate, a descent unsorted.
    function testFuzz_setOffOrder(uint256 index, uint256 id, uint256 previousId) public {
        if (id % 4 == 0) id = previousId; // repeats are rare otherwise
        if (id == 0) vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.UnknownObligation.selector, 0));
        else if (id == previousId) {
            vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.DuplicateEdge.selector, index, id));
        } else if (id < previousId) {
            vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.EdgesNotSorted.selector, index, id));
        }
        harness.checkSetOffOrder(index, id, previousId);
    }

    /// @notice A set-off leaves remaining - amount; 0 and amounts above the remaining are refused.
    function testFuzz_setOff(uint256 id, uint256 remaining, uint256 amount) public {
        remaining = bound(remaining, 0, type(uint96).max);
        amount = bound(amount, 0, type(uint96).max);
        if (amount == 0) vm.expectRevert(ICreditNetwork.ZeroAmount.selector);
        else if (amount > remaining) {
            vm.expectRevert(
                abi.encodeWithSelector(ICreditNetwork.SetOffExceedsRemaining.selector, id, remaining, amount)
            );
        }
        uint256 left = harness.setOff(id, remaining, amount);
        if (amount != 0 && amount <= remaining) assertEq(left, remaining - amount, "remaining after the set-off");
    }

    /// @notice Credit moves must be strictly ascending by (payer, payee).
    function testFuzz_moveOrder(uint256 index, uint8 payer, uint8 payee, uint8 prevPayer, uint8 prevPayee) public {
        // Small address space, so equal payers and payees are common.
        (address a, address b) = (address(uint160(payer % 4)), address(uint160(payee % 4)));
        (address pa, address pb) = (address(uint160(prevPayer % 4)), address(uint160(prevPayee % 4)));
        bool after_ = uint160(a) > uint160(pa) || (a == pa && uint160(b) > uint160(pb));
        if (!after_) vm.expectRevert(abi.encodeWithSelector(ICreditNetwork.CreditMovesNotSorted.selector, index, a, b));
        harness.checkMoveOrder(index, a, b, pa, pb);
    }

    /// @notice CN-3: a batch passes exactly when every vertex's deltas add up to 0; otherwise it names the first
    /// vertex (in first-touch order) whose total is not 0, with that total. A vertex's first touch is flagged once,
    /// and a second batch in the same transaction starts from scratch (the transient indices were reset).
    function testFuzz_conservation(uint8[12] memory vertexSeeds, int64[12] memory deltaSeeds, bool balance) public {
        uint256 n = vertexSeeds.length;
        address[] memory vertices = new address[](n);
        int256[] memory deltas = new int256[](n);
        for (uint256 i = 0; i < n; ++i) {
            vertices[i] = address(uint160(1 + (vertexSeeds[i] % 5)));
            deltas[i] = deltaSeeds[i];
        }
        // Reference: totals per vertex and the first-touch order.
        address[] memory order = new address[](n);
        int256[] memory totals = new int256[](n);
        bool[] memory expectFirst = new bool[](n);
        uint256 count;
        for (uint256 i = 0; i < n; ++i) {
            uint256 k = 0;
            while (k < count && order[k] != vertices[i]) ++k;
            if (k == count) (order[count++], expectFirst[i]) = (vertices[i], true);
            totals[k] += deltas[i];
        }
        if (balance) {
            // Offset every total to 0 with a last touch of each vertex in the last positions it already holds.
            for (uint256 k = 0; k < count; ++k) {
                for (uint256 i = n; i > 0; --i) {
                    if (vertices[i - 1] == order[k]) {
                        deltas[i - 1] -= totals[k];
                        totals[k] = 0;
                        break;
                    }
                }
            }
        }
        uint256 firstUnbalanced = count;
        for (uint256 k = 0; k < count && firstUnbalanced == count; ++k) if (totals[k] != 0) firstUnbalanced = k;
        if (firstUnbalanced < count) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICreditNetwork.VertexNotConserved.selector,
                    order[firstUnbalanced],
                    totals[firstUnbalanced]
                )
            );
            harness.run(vertices, deltas);
            return;
        }
        (bool[] memory first, address[] memory touched) = harness.run(vertices, deltas);
        assertEq(touched.length, count, "vertices touched");
        for (uint256 k = 0; k < count; ++k) assertEq(touched[k], order[k], "first-touch order");
        for (uint256 i = 0; i < n; ++i) assertEq(first[i], expectFirst[i], "first touch flag");
        // Same transaction, second batch: every vertex is new again.
        (first, touched) = harness.run(vertices, deltas);
        assertEq(touched.length, count, "second batch from scratch");
        for (uint256 i = 0; i < n; ++i) assertEq(first[i], expectFirst[i], "first touch flag, second batch");
    }
}
