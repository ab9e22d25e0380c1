// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

/// @notice Test-only token that is not a usable ERC-20: `decimals` answers 18 but `balanceOf` reverts, or, built with
/// `oddDecimals_`, `balanceOf` answers 0 but `decimals` answers 256, a word too large for a uint8.
/// @dev Used to check that `ContributionLedger.addIncomeToken` refuses it (`NotAnERC20`).
contract BrokenBalanceERC20 {
    /// @notice Thrown by `balanceOf` unless built with `oddDecimals_`.
    error NoBalances();

    bool private immutable _ODD_DECIMALS;

    /// @param oddDecimals_ Whether `decimals` answers 256 instead of 18.
    constructor(bool oddDecimals_) {
        _ODD_DECIMALS = oddDecimals_;
    }

    /// @notice 18, or 256 (not a uint8) when built with `oddDecimals_`.
    function decimals() external view returns (uint256) {
        return _ODD_DECIMALS ? 256 : 18;
    }

    /// @notice Reverts, or answers 0 when built with `oddDecimals_`.
    function balanceOf(address) external view returns (uint256) {
        if (!_ODD_DECIMALS) revert NoBalances();
        return 0;
    }
}
