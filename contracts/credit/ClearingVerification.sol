// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {SlotDerivation} from "@openzeppelin/contracts/utils/SlotDerivation.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {ICreditNetwork} from "./ICreditNetwork.sol";

/// @title ClearingVerification
/// @notice The checks of a clearing batch that need no network state: set-offs and credit moves in strictly
/// ascending order, set-offs within what is left of their obligation, and flow conservation at every vertex.
/// @dev Conservation is checked in O(edges): the first time a batch touches a vertex (CreditNetwork's `_touch`, which
/// also checks the vertex's consent), its index in the in-memory delta array is kept in transient storage (EIP-1153,
/// {setVertexIndex}), every later touch is a TLOAD ({vertexIndex}); {requireConserved} checks every delta is zero and
/// resets the indices, so several batches can run in one transaction.
library ClearingVerification {
    using SlotDerivation for bytes32;
    using TransientSlot for bytes32;
    using TransientSlot for TransientSlot.Uint256Slot;

    /// @dev Transient-storage namespace of the vertex index: keccak256("cosmolocal.credit.vertex").
    bytes32 private constant _VERTEX_NAMESPACE = 0x6b29c3672fe4ced06fd8fa6b4556efb00ea284dc379c7b0367a85c11ec7c833b;

    /// @notice The vertices a batch touched and their net-position deltas.
    /// @param vertices The touched vertices, in the order of their first touch (`count` of them are set).
    /// @param deltas The net-position delta of each vertex so far.
    /// @param count How many vertices the batch touched.
    struct Batch {
        address[] vertices;
        int256[] deltas;
        uint256 count;
    }

    /// @notice An empty batch with room for every vertex `setOffs` set-offs and `moves` credit moves can touch (two
    /// each).
    /// @param setOffs The number of set-offs of the batch.
    /// @param moves The number of credit moves of the batch.
    /// @return batch The empty batch.
    function create(uint256 setOffs, uint256 moves) internal pure returns (Batch memory batch) {
        batch.vertices = new address[](2 * (setOffs + moves));
        batch.deltas = new int256[](batch.vertices.length);
    }

    /// @notice Reverts unless set-off `index` names obligation `id` above the `previousId` of the set-off before it
    /// (0 for the first): {ICreditNetwork-UnknownObligation} for id 0, {ICreditNetwork-DuplicateEdge} for a repeat,
    /// {ICreditNetwork-EdgesNotSorted} for a descent.
    function checkSetOffOrder(uint256 index, uint256 id, uint256 previousId) internal pure {
        if (id <= previousId) {
            if (id == 0) revert ICreditNetwork.UnknownObligation(0);
            if (id == previousId) revert ICreditNetwork.DuplicateEdge(index, id);
            revert ICreditNetwork.EdgesNotSorted(index, id);
        }
    }

    /// @notice What is left of obligation `id` after a set-off of `amount` from its `remaining`; reverts with
    /// {ICreditNetwork-ZeroAmount} for a set-off of 0 and {ICreditNetwork-SetOffExceedsRemaining} above `remaining`.
    function setOff(uint256 id, uint256 remaining, uint256 amount) internal pure returns (uint256) {
        if (amount == 0) revert ICreditNetwork.ZeroAmount();
        if (amount > remaining) revert ICreditNetwork.SetOffExceedsRemaining(id, remaining, amount);
        unchecked {
            return remaining - amount; // amount <= remaining
        }
    }

    /// @notice Reverts with {ICreditNetwork-CreditMovesNotSorted} unless credit move `index`, `payer -> payee`,
    /// comes strictly after the move before it, `previousPayer -> previousPayee` (by payer, then payee; address(0)
    /// twice for the first).
    function checkMoveOrder(
        uint256 index,
        address payer,
        address payee,
        address previousPayer,
        address previousPayee
    ) internal pure {
        if (payer < previousPayer || (payer == previousPayer && payee <= previousPayee)) {
            revert ICreditNetwork.CreditMovesNotSorted(index, payer, payee);
        }
    }

    /// @notice The index + 1 of `vertex` in the current batch's arrays, 0 if the batch has not touched it.
    function vertexIndex(address vertex) internal view returns (uint256) {
        return _VERTEX_NAMESPACE.deriveMapping(vertex).asUint256().tload();
    }

    /// @notice Records `index` (its position + 1, or 0 to forget it) as `vertex`'s index in the current batch.
    function setVertexIndex(address vertex, uint256 index) internal {
        _VERTEX_NAMESPACE.deriveMapping(vertex).asUint256().tstore(index);
    }

    /// @notice Reverts with {ICreditNetwork-VertexNotConserved} for the first vertex whose delta is not zero, and
    /// otherwise forgets the batch's vertex indices.
    function requireConserved(Batch memory batch) internal {
        for (uint256 i = 0; i < batch.count; ++i) {
            if (batch.deltas[i] != 0) revert ICreditNetwork.VertexNotConserved(batch.vertices[i], batch.deltas[i]);
            setVertexIndex(batch.vertices[i], 0);
        }
    }
}
