// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 whose `transfer` and `transferFrom` can be switched to the pre-standard failure mode:
/// return `false` without reverting and without moving any balance. While `returnFalse` is off it behaves as a
/// plain OpenZeppelin ERC-20 (so income can first be deposited, then the switch flipped to make claims fail).
/// @dev Used to check that `ContributionLedger` treats a `false` return as a failure
/// (`SafeERC20FailedOperation(token)`) on both deposit and claim.
contract FalseReturnERC20 is ERC20 {
    /// @notice When true, `transfer` and `transferFrom` return false and change nothing.
    bool public returnFalse;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol (18 decimals).
    /// @param returnFalse_ Initial value of `returnFalse`.
    constructor(string memory name_, string memory symbol_, bool returnFalse_) ERC20(name_, symbol_) {
        returnFalse = returnFalse_;
    }

    /// @notice Mints `amount` to `to` (anyone may call: test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Switches the failure mode on or off.
    function setReturnFalse(bool returnFalse_) external {
        returnFalse = returnFalse_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (returnFalse) return false;
        return super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (returnFalse) return false;
        return super.transferFrom(from, to, value);
    }
}
