// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IImpactRegistry} from "./IImpactRegistry.sol";
import {IRetirementCertificates} from "./IRetirementCertificates.sol";

/// @title RetirementCertificates
/// @notice Non-transferable ERC-721 retirement certificates, minted by the impact registry only. See
/// {IRetirementCertificates} (invariant IM-7).
/// @dev One slot per certificate for claim id, units and time, plus the beneficiary string (one more slot when it is
/// under 32 bytes). The message is kept in the registry's `UnitsRetired` event only. `tokenURI` is built on chain
/// (JSON, base64), so a certificate reads the same without any server.
contract RetirementCertificates is IRetirementCertificates, ERC721 {
    using Strings for uint256;

    address private immutable _REGISTRY;
    uint256 private _count;
    mapping(uint256 certificateId => Certificate) private _certificates;

    /// @param registry_ The impact registry (it deploys this contract in its constructor).
    constructor(address registry_) ERC721("Cosmolocal Retirement Certificate", "CLRC") {
        _REGISTRY = registry_;
    }

    /// @inheritdoc IRetirementCertificates
    function registry() external view returns (address) {
        return _REGISTRY;
    }

    /// @inheritdoc IRetirementCertificates
    function mint(
        address owner,
        uint256 claimId,
        uint256 units,
        string calldata beneficiary
    ) external returns (uint256 certificateId) {
        if (msg.sender != _REGISTRY) revert CallerNotRegistry(msg.sender, _REGISTRY);
        certificateId = ++_count;
        _certificates[certificateId] = Certificate({
            claimId: uint64(claimId),
            units: uint48(units),
            retiredAt: uint40(block.timestamp),
            beneficiary: beneficiary
        });
        _safeMint(owner, certificateId);
    }

    /// @inheritdoc IRetirementCertificates
    function count() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IRetirementCertificates
    function getCertificate(uint256 certificateId) external view returns (Certificate memory) {
        _requireOwned(certificateId);
        return _certificates[certificateId];
    }

    /// @inheritdoc IRetirementCertificates
    function flagged(uint256 certificateId) public view returns (bool) {
        _requireOwned(certificateId);
        return IImpactRegistry(_REGISTRY).getClaim(_certificates[certificateId].claimId).revokedUnits != 0;
    }

    // JSON text: Prettier writes a string holding double quotes in single quotes, which solhint's rule forbids.
    // solhint-disable quotes
    /// @notice On-chain metadata: claim, units (kg CO2e), beneficiary, retirement time and whether it is flagged.
    function tokenURI(uint256 certificateId) public view override returns (string memory) {
        Certificate memory c = _certificates[certificateId];
        bool isFlagged = flagged(certificateId);
        string memory beneficiary = Strings.escapeJSON(c.beneficiary);
        string memory claim = uint256(c.claimId).toString();
        string memory units = uint256(c.units).toString();
        string memory description = string.concat(
            units,
            " kg CO2e of claim #",
            claim,
            " retired for ",
            beneficiary,
            isFlagged ? " (flagged: the claim was revoked in part or in full after verification)" : ""
        );
        string memory attributes = string.concat(
            '[{"trait_type":"claim","value":',
            claim,
            '},{"trait_type":"kg CO2e","value":',
            units,
            '},{"trait_type":"beneficiary","value":"',
            beneficiary,
            '"},{"display_type":"date","trait_type":"retired","value":',
            uint256(c.retiredAt).toString(),
            '},{"trait_type":"flagged","value":',
            isFlagged ? "true" : "false",
            "}]"
        );
        bytes memory json = bytes(
            string.concat(
                '{"name":"Retirement certificate #',
                certificateId.toString(),
                '","description":"',
                description,
                '","attributes":',
                attributes,
                "}"
            )
        );
        return string.concat("data:application/json;base64,", Base64.encode(json));
    }

    // solhint-enable quotes

    /// @dev Mints only: a certificate never moves to another owner and is never burned.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = super._update(to, tokenId, auth);
        if (from != address(0)) revert CertificateNonTransferable(tokenId);
        return from;
    }
}
