// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice What every invariant-test handler shares: the violation record (a handler never reverts on purpose, since
/// the fuzzer would swallow it) and the check of a call's outcome against the predicted revert data.
abstract contract HandlerBase is CommonBase, StdCheats, StdUtils {
    /// @notice Calls whose outcome differed from the prediction (read by `invariant_noViolations`).
    uint256 public violations;
    /// @notice What the last violation was.
    string public lastViolation;

    /// @dev True if the call succeeded as predicted (`expected` empty); records a violation on any mismatch: a valid
    /// call refused, an invalid one accepted, or refused with other revert data than `expected`.
    function _outcome(bool ok, bytes memory ret, bytes memory expected, string memory what) internal returns (bool) {
        if (expected.length == 0) {
            if (!ok) _violation(string.concat(what, ": refused a valid call"));
            return ok;
        }
        if (ok) _violation(string.concat(what, ": accepted an invalid call"));
        else if (keccak256(ret) != keccak256(expected)) {
            _violation(
                string.concat(
                    what,
                    ": unexpected revert data ",
                    vm.toString(ret),
                    ", predicted ",
                    vm.toString(expected)
                )
            );
        }
        return false;
    }

    function _violation(string memory what) internal {
        ++violations;
        lastViolation = what;
    }
}
