// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {ICreditNetwork} from "../credit/ICreditNetwork.sol";

/// @notice Submits two clearing batches in one transaction, to show that the network's transient vertex index is
/// reset between batches. Test-only.
contract ClearingMulticaller {
    function clearTwice(
        ICreditNetwork network,
        ICreditNetwork.SetOff[] calldata first,
        ICreditNetwork.CreditMove[] calldata firstMoves,
        ICreditNetwork.SetOff[] calldata second,
        ICreditNetwork.CreditMove[] calldata secondMoves
    ) external returns (uint256 firstEpoch, uint256 secondEpoch) {
        firstEpoch = network.clear(bytes32("first"), first, firstMoves);
        secondEpoch = network.clear(bytes32("second"), second, secondMoves);
    }
}
