// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Verified decarbonisation claims and their impact units
/// @notice Anyone who cut emissions records a claim: tonnes of CO2e as integer kilograms, the methodology, the period,
/// the jurisdiction and a content hash of the evidence. Verifiers accredited by governance (an AccessControl role
/// whose admin is a TimelockController, the thresholds council's) attest it: a claim needs k approvals from distinct
/// verifiers, k set per methodology and fixed for the claim when it is submitted. Each approval states the amount the
/// verifier stands behind (at most the claimed amount) and a report hash; the claim's verified amount is the minimum
/// of its approvals, and the k-th approval mints that many ERC-1155 impact units (token id = claim id) to the
/// claimant. k rejections reject the claim. Holders retire units for a named beneficiary: the units are burned and a
/// non-transferable ERC-721 certificate records the retirement. If fraud is found a verifier revokes part or all of a
/// verified claim: that many of the claimant's unsold units are frozen for good and every certificate of the claim
/// is flagged.
/// @dev Units: 1 unit = 1 kg CO2e (1 tonne = 1000 units), at most 2^48 - 1 per claim. Periods are whole UTC days
/// (days since 1970-01-01), both ends included. Jurisdiction is an ISO 3166 code ("NL", "BE-VOV") in ASCII, padded
/// right with zero bytes. Methodology ids are 1..255 so a set of them fits one word (see {IImpactMarket}).
/// State machine: Submitted -> Verified (k approvals) | Rejected (k rejections); Verified -> Revoked (part or all of
/// the verified amount, possibly in several steps). Every transition emits an event.
/// Invariants (IDs refer to docs/invariants.md):
/// - IM-1 the units ever minted for a claim equal its verified amount, minted once, in the transaction that verifies
///   it; a claim that is not Verified or Revoked has no units.
/// - IM-2 units retired + units outstanding (the sum of all balances of the claim's token id) = units minted.
/// - IM-3 an evidence hash, and an external serial, belongs to at most one claim, for ever (a rejected claim keeps it).
/// - IM-5 a verified amount is the minimum of k approvals from k distinct accredited verifiers, none of them the
///   claimant, and is at most the claimed amount; revoked units never exceed verified units.
/// - IM-6 frozen units (min(revoked, the claimant's balance when revoked)) never leave the claimant: no sale, no
///   transfer, no retirement; retired units are burned and can be neither traded nor retired again.
interface IImpactRegistry {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice Where a claim is in its life. `Revoked` covers partial revocation (revokedUnits < verifiedUnits).
    enum ClaimStatus {
        None,
        Submitted,
        Verified,
        Rejected,
        Revoked
    }

    /// @notice What a claimant submits.
    /// @param units Claimed reduction in kg CO2e (> 0).
    /// @param methodologyId An active methodology (1..255).
    /// @param startDay First day of the period (days since 1970-01-01, UTC).
    /// @param endDay Last day of the period, at or after `startDay`, not in the future.
    /// @param jurisdiction ISO 3166 code in ASCII, right-padded with zero bytes (non-zero).
    /// @param evidenceHash Content hash (keccak256) of the evidence file; unique across all claims.
    /// @param evidenceURI Where the evidence can be read (ipfs://, https://); recorded in the event only.
    /// @param externalSerial Serial of the same reduction in another registry, or "" if none; unique when given.
    struct ClaimInput {
        uint48 units;
        uint8 methodologyId;
        uint24 startDay;
        uint24 endDay;
        bytes8 jurisdiction;
        bytes32 evidenceHash;
        string evidenceURI;
        string externalSerial;
    }

    /// @notice A claim as stored.
    /// @param threshold k: approvals (or rejections) needed, copied from the methodology at submission.
    /// @param frozenUnits Units of the claimant frozen by revocations.
    struct Claim {
        address claimant;
        uint8 methodologyId;
        ClaimStatus status;
        uint8 threshold;
        uint8 approvals;
        uint8 rejections;
        uint24 startDay;
        uint24 endDay;
        bytes8 jurisdiction;
        uint48 claimedUnits;
        uint48 verifiedUnits;
        uint48 retiredUnits;
        uint48 revokedUnits;
        uint48 frozenUnits;
    }

    /// @notice An approval signed off-chain by a verifier (EIP-712), submitted by anyone.
    /// @param nonce Any unused number of the verifier's (unordered, as Permit2's): signatures can be sent in any order.
    /// @param deadline Unix time after which the signature is void.
    struct Attestation {
        address verifier;
        uint256 claimId;
        uint256 verifiedUnits;
        bytes32 reportHash;
        uint256 nonce;
        uint256 deadline;
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice Governance set a methodology's threshold and name (a new one, or a change for future claims).
    event MethodologySet(uint8 indexed methodologyId, uint8 threshold, bool active, string name);
    /// @notice A verifier was given its attester slot (the first time it was accredited).
    event VerifierSlotAssigned(address indexed verifier, uint8 slot);
    event ClaimSubmitted(
        uint256 indexed claimId,
        address indexed claimant,
        uint8 indexed methodologyId,
        uint48 units,
        uint24 startDay,
        uint24 endDay,
        bytes8 jurisdiction,
        bytes32 evidenceHash,
        string evidenceURI,
        string externalSerial
    );
    /// @param approvals Approvals so far, this one included.
    /// @param bySignature True when the approval was signed off-chain and sent by someone else.
    event ClaimAttested(
        uint256 indexed claimId,
        address indexed verifier,
        uint48 verifiedUnits,
        bytes32 reportHash,
        uint8 approvals,
        bool bySignature
    );
    event ClaimRejectionRecorded(
        uint256 indexed claimId,
        address indexed verifier,
        bytes32 reasonHash,
        uint8 rejections
    );
    /// @notice The k-th approval verified the claim; `units` units were minted to the claimant in the same call.
    event ClaimVerified(uint256 indexed claimId, address indexed claimant, uint48 units);
    event ClaimRejected(uint256 indexed claimId);
    /// @param totalRevoked Revoked units of the claim after this revocation.
    /// @param frozenUnits The claimant's frozen units after this revocation.
    event ClaimRevoked(
        uint256 indexed claimId,
        address indexed verifier,
        uint48 units,
        uint48 totalRevoked,
        uint48 frozenUnits,
        bytes32 reasonHash
    );
    /// @notice `holder`'s units were burned; certificate `certificateId` was issued to `certificateOwner`.
    event UnitsRetired(
        uint256 indexed claimId,
        address indexed holder,
        uint256 indexed certificateId,
        address certificateOwner,
        uint48 units,
        string beneficiary,
        string message
    );
    event NonceInvalidated(address indexed verifier, uint256 nonce);

    // ------------------------------------------------------------------------------------------------ errors

    error UnknownMethodology(uint8 methodologyId);
    error InvalidThreshold(uint8 threshold, uint8 max);
    error ZeroUnits();
    error InvalidPeriod(uint24 startDay, uint24 endDay, uint24 today);
    error MissingJurisdiction();
    error MissingEvidence();
    error DuplicateEvidence(bytes32 evidenceHash, uint256 claimId);
    error DuplicateSerial(string externalSerial, uint256 claimId);
    error UnknownClaim(uint256 claimId);
    error ClaimNotPending(uint256 claimId, ClaimStatus status);
    error ClaimNotVerified(uint256 claimId, ClaimStatus status);
    error NotVerifier(address account);
    error VerifierIsClaimant(uint256 claimId, address verifier);
    error AlreadyVoted(uint256 claimId, address verifier);
    error AttestedAboveClaimed(uint256 claimId, uint256 claimed, uint256 attested);
    error RevocationExceedsVerified(uint256 claimId, uint256 verified, uint256 revoked);
    error VerifierSlotsExhausted(uint256 max);
    error SignatureExpired(uint256 deadline, uint256 now_);
    error NonceAlreadyUsed(address verifier, uint256 nonce);
    error InvalidSignature(address verifier);
    error UnitsFrozen(uint256 claimId, address claimant, uint256 frozen, uint256 balance, uint256 requested);
    error ClaimFullyRevoked(uint256 claimId);
    error InvalidBeneficiary(uint256 length, uint256 maxLength);

    // ------------------------------------------------------------------------------------------------ governance

    /// @notice Role of accredited verifiers. Its admin is DEFAULT_ADMIN_ROLE, held by the governance timelock only.
    function VERIFIER_ROLE() external view returns (bytes32);

    /// @notice Adds or changes a methodology (governance only). A change applies to claims submitted after it.
    /// @param threshold k, the approvals (and rejections) a claim needs: 1..16.
    /// @param active Whether new claims may use it.
    function setMethodology(uint8 methodologyId, uint8 threshold, bool active, string calldata name) external;

    // ------------------------------------------------------------------------------------------------ claims

    /// @notice Records a claim for the caller. Reverts on a duplicate evidence hash or external serial.
    /// @return claimId The new claim's id, also its impact units' token id.
    function submitClaim(ClaimInput calldata input) external returns (uint256 claimId);

    /// @notice Approves a Submitted claim for `verifiedUnits` (1..claimed) as an accredited verifier who is not its
    /// claimant and has not voted on it. The k-th approval verifies the claim and mints its units.
    function attest(uint256 claimId, uint256 verifiedUnits, bytes32 reportHash) external;

    /// @notice Submits an approval signed off-chain by `attestation.verifier` (EIP-712, or ERC-1271 for contract
    /// wallets). Anyone may send it; checks as {attest}, plus deadline and nonce.
    function attestBySig(Attestation calldata attestation, bytes calldata signature) external;

    /// @notice Records a rejection of a Submitted claim by an accredited verifier who is not its claimant; the k-th
    /// rejection rejects the claim (its evidence hash stays used).
    function reject(uint256 claimId, bytes32 reasonHash) external;

    /// @notice Revokes `units` more of a verified claim (fraud or error found), as an accredited verifier who is not
    /// its claimant. Freezes up to the total revoked amount of the claimant's unsold units and flags the claim's
    /// certificates.
    function revoke(uint256 claimId, uint256 units, bytes32 reasonHash) external;

    /// @notice Voids an unused nonce of the caller, so a signed approval can no longer be submitted.
    function invalidateNonce(uint256 nonce) external;

    // ------------------------------------------------------------------------------------------------ retirement

    /// @notice Burns `units` of the caller's units of `claimId` and issues the caller a retirement certificate.
    /// @param beneficiary Who the reduction is claimed for (shown on the certificate): 1..128 bytes (under 32 bytes
    /// it takes one storage slot; each further 32 bytes adds one).
    /// @param message Free text, recorded in the event.
    function retire(
        uint256 claimId,
        uint256 units,
        string calldata beneficiary,
        string calldata message
    ) external returns (uint256 certificateId);

    /// @notice As {retire} for `holder`'s units, by the holder or an operator it approved; the certificate goes to
    /// `certificateOwner` (a matching round retires matched units this way in its funder's name).
    function retireFrom(
        address holder,
        uint256 claimId,
        uint256 units,
        string calldata beneficiary,
        string calldata message,
        address certificateOwner
    ) external returns (uint256 certificateId);

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The certificate contract (deployed by this registry, which alone mints on it).
    function certificates() external view returns (address);

    function claimCount() external view returns (uint256);

    function getClaim(uint256 claimId) external view returns (Claim memory);

    /// @notice Status, claimant and methodology: what a market needs, in one storage read.
    function statusOf(
        uint256 claimId
    ) external view returns (ClaimStatus status, address claimant, uint8 methodologyId);

    /// @notice Claim id that used an evidence hash, or 0.
    function claimOfEvidence(bytes32 evidenceHash) external view returns (uint256);

    /// @notice Claim id that used an external serial, or 0.
    function claimOfSerial(string calldata externalSerial) external view returns (uint256);

    function getMethodology(
        uint8 methodologyId
    ) external view returns (uint8 threshold, bool active, string memory name);

    /// @notice Whether `verifier` approved or rejected `claimId` already.
    function hasVoted(uint256 claimId, address verifier) external view returns (bool);

    function nonceUsed(address verifier, uint256 nonce) external view returns (bool);

    /// @notice Units of `claimId` the claimant can still sell, transfer or retire (its balance minus frozen units).
    function sellableUnits(uint256 claimId) external view returns (uint256);

    /// @notice EIP-712 digest a verifier signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);
}
