// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title ERC-5192: minimal soulbound tokens
/// @notice The interface ERC-5192 specifies (interface id 0xb45a3c0e) for ERC-721 tokens bound to their owner.
interface IERC5192 {
    /// @notice Token `tokenId` is locked: it cannot be transferred.
    event Locked(uint256 tokenId);

    /// @notice Token `tokenId` is unlocked: it can be transferred.
    event Unlocked(uint256 tokenId);

    /// @notice Whether token `tokenId` is locked (reverts for a token that does not exist).
    function locked(uint256 tokenId) external view returns (bool);
}
