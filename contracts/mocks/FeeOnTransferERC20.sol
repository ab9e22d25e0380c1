// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 that burns a 1% fee on every transfer between two accounts (`transfer` and
/// `transferFrom`; mints and burns are fee-free). The recipient receives `value - fee` with
/// `fee = value * FEE_BPS / 10_000`, rounded down, so transfers of fewer than 100 base units carry no fee.
/// @dev Used to check that `ContributionLedger.depositIncomeToken` refuses fee-on-transfer tokens with
/// `TransferAmountMismatch(token, amount, amount - fee)`.
contract FeeOnTransferERC20 is ERC20 {
    /// @notice Fee in basis points (100 = 1%).
    uint256 public constant FEE_BPS = 100;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol (18 decimals).
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mints `amount` to `to` without fee (anyone may call: test token).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The fee charged on a transfer of `value`.
    function feeOf(uint256 value) public pure returns (uint256) {
        return (value * FEE_BPS) / 10_000;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOf(value);
        if (fee != 0) super._update(from, address(0), fee); // burn the fee
        super._update(from, to, value - fee);
    }
}
