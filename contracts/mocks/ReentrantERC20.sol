// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 whose transfers call back into a contract: a hostile token that a project accepted as
/// income. While armed, the first transfer of an outer call runs `reentryTarget.call(payload)` (the re-entry), records its
/// revert data in `lastReentryError` (empty when it succeeded) and counts it, then completes the transfer.
contract ReentrantERC20 is ERC20 {
    /// @notice The contract the callback re-enters.
    address public reentryTarget;
    /// @notice The call the callback makes.
    bytes public payload;
    /// @notice Whether the next transfer re-enters.
    bool public armed;
    /// @notice Re-entries attempted.
    uint256 public reentryAttempts;
    /// @notice Re-entries that succeeded.
    uint256 public reentrySuccesses;
    /// @notice Revert data of the last re-entry (empty if it succeeded).
    bytes public lastReentryError;

    constructor() ERC20("Hostile", "HOST") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Makes the next transfer call `target_` with `payload_`.
    function arm(address target_, bytes calldata payload_) external {
        (reentryTarget, payload, armed) = (target_, payload_, true);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (armed) {
            armed = false;
            ++reentryAttempts;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = reentryTarget.call(payload);
            if (ok) ++reentrySuccesses;
            lastReentryError = ok ? bytes("") : ret;
        }
        super._update(from, to, value);
    }
}
