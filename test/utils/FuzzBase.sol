// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

/// @notice What the fuzz tests share: signing a digest with a fuzzed key, and bounding a fuzzed key to a valid one.
abstract contract FuzzBase is Test {
    /// @dev The 65-byte (r, s, v) signature of `digest` by `pk`.
    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev `pk` bounded to a valid secp256k1 private key: 1 .. group order - 1.
    function _boundPk(uint256 pk) internal pure returns (uint256) {
        return bound(pk, 1, 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364140);
    }
}
