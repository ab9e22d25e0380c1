// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Retirement certificates
/// @notice A non-transferable ERC-721 token per retirement of impact units: which claim, how many units (kg CO2e),
/// for whom (beneficiary) and when. Only the impact registry mints, in the same call that burns the units. A
/// certificate is flagged when its claim has revoked units (fraud found after the retirement): it stays, as the record
/// of what was retired, but says so.
/// Invariant IM-7 (docs/invariants.md): certificates never move after minting and are flagged iff their claim has
/// revoked units.
interface IRetirementCertificates {
    /// @notice A certificate's record.
    struct Certificate {
        uint64 claimId;
        uint48 units;
        uint40 retiredAt;
        string beneficiary;
    }

    /// @notice Thrown when certificate `certificateId` would move from its owner: certificates are bound to the
    /// beneficiary's account.
    error CertificateNonTransferable(uint256 certificateId);
    /// @notice Thrown when `caller` mints a certificate but only `registry`, the impact registry, may.
    error CallerNotRegistry(address caller, address registry);

    /// @notice The impact registry whose retirements these certificates record.
    function registry() external view returns (address);

    /// @notice Mints certificate `count() + 1` to `owner` (registry only). Calls `onERC721Received` on a contract.
    function mint(
        address owner,
        uint256 claimId,
        uint256 units,
        string calldata beneficiary
    ) external returns (uint256 certificateId);

    /// @notice Number of certificates ever issued (ids are 1..count).
    function count() external view returns (uint256);

    /// @notice The record of a certificate; reverts for an unknown id.
    function getCertificate(uint256 certificateId) external view returns (Certificate memory);

    /// @notice Whether the certificate's claim has had units revoked since (or before) it was issued.
    function flagged(uint256 certificateId) external view returns (bool);
}
