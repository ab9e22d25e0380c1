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
/// non-transferable ERC-721 certificate records the retirement. If fraud is found, k accredited verifiers (the claim's
/// own k) vote to revoke part or all of a verified claim: that many of the claimant's unsold units are frozen for
/// good, units that later come back to the claimant are frozen again up to the revoked amount, and every
/// certificate of the claim is flagged. Units already held by others stay free (their certificates are flagged).
/// @dev Units: 1 unit = 1 kg CO2e (1 tonne = 1000 units), at most 2^48 - 1 per claim. Periods are whole UTC days
/// (days since 1970-01-01), both ends included. Jurisdiction is an ISO 3166 code ("NL", "BE-VOV") in ASCII, padded
/// right with zero bytes. Methodology ids are 1..255 so a set of them fits one word (see {IImpactMarket}).
/// State machine: Submitted -> Verified (k approvals) | Rejected (k rejections); Verified -> Revoked (part or all of
/// the verified amount, possibly in several steps, each needing k votes). Every transition emits an event.
/// Governance: the admin must be a TimelockController whose delay is at least {MIN_ADMIN_DELAY} when the registry is
/// deployed. Who may propose to that timelock (and whether the timelock may later shorten its own delay, which takes
/// a delayed decision) is the deployment's: the Ignition module gives the council's Governor that role alone.
/// Invariants (IDs refer to docs/invariants.md):
/// - IM-1 the units ever minted for a claim equal its verified amount, minted once, in the transaction that verifies
///   it; a claim that is not Verified or Revoked has no units.
/// - IM-2 units retired + units outstanding (the sum of all balances of the claim's token id) = units minted.
/// - IM-3 an evidence hash, and an external serial, belongs to at most one claim, for ever (a rejected claim keeps it).
/// - IM-5 a verified amount is the minimum of k approvals from k distinct accredited verifiers, none of them the
///   claimant, and is at most the claimed amount; a revocation is the minimum of k votes from k distinct accredited
///   verifiers, none of them the claimant; revoked units never exceed verified units.
/// - IM-6 frozen units (min(revoked, the claimant's balance), taken at each revocation and whenever units come back
///   to the claimant) never leave the claimant: no sale, no transfer, no retirement; retired units are burned and
///   can be neither traded nor retired again.
/// - IM-11 an attester slot is held by one verifier at a time; a verifier given a slot that another verifier held,
///   or a second slot of its own, votes only on claims submitted after it got the slot, so nobody inherits or
///   doubles an approval on a claim in progress.
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
    /// @notice A verifier was accredited into attester slot `slot` (0..191); it votes on claims from `firstClaimId`.
    event VerifierSlotAssigned(address indexed verifier, uint8 slot, uint256 firstClaimId);
    /// @notice A verifier lost its accreditation; its slot may be given to another verifier.
    event VerifierSlotReleased(address indexed verifier, uint8 slot);
    /// @notice A claim was recorded; its evidence hash (and external serial, if any) is taken for ever.
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
    /// @notice A verifier approved a claim for `verifiedUnits`.
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
    /// @notice A verifier rejected a claim; `rejections` so far, this one included.
    event ClaimRejectionRecorded(
        uint256 indexed claimId,
        address indexed verifier,
        bytes32 reasonHash,
        uint8 rejections
    );
    /// @notice The k-th approval verified the claim; `units` units were minted to the claimant in the same call.
    event ClaimVerified(uint256 indexed claimId, address indexed claimant, uint48 units);
    /// @notice The k-th rejection rejected the claim (its evidence hash stays used).
    event ClaimRejected(uint256 indexed claimId);
    /// @notice A verifier voted to revoke `units` more of a verified claim.
    /// @param votes Votes of the open revocation, this one included; the revocation happens at `threshold` (k).
    /// @param units This verifier's amount; the revocation takes the smallest amount voted.
    /// @param reason The reason's text if the verifier published it (its keccak256 is `reasonHash`), else "".
    event RevocationVoteRecorded(
        uint256 indexed claimId,
        address indexed verifier,
        uint48 units,
        bytes32 reasonHash,
        uint8 votes,
        uint8 threshold,
        string reason
    );
    /// @notice The k-th vote revoked `units` more of the claim; `verifier` cast that vote and `reasonHash` is its
    /// reason (every voter's reason is in its {RevocationVoteRecorded}).
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
    /// @notice Units of a claim with a revocation came back to its claimant and were frozen: `frozenUnits` now.
    event UnitsRefrozen(uint256 indexed claimId, address indexed claimant, uint48 frozenUnits);
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
    /// @notice A verifier voided one of its signature nonces, so an approval it signed can no longer be sent.
    event NonceInvalidated(address indexed verifier, uint256 nonce);

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when the methodology is 0, or is not active for a new claim.
    error UnknownMethodology(uint8 methodologyId);
    /// @notice Thrown when a methodology's k is 0 or above `max` (16).
    error InvalidThreshold(uint8 threshold, uint8 max);
    /// @notice Thrown when a claim, an approval, a revocation or a retirement names 0 units.
    error ZeroUnits();
    /// @notice Thrown when the period is reversed or ends after `today` (days since 1970-01-01, UTC).
    error InvalidPeriod(uint24 startDay, uint24 endDay, uint24 today);
    /// @notice Thrown when a claim has no jurisdiction.
    error MissingJurisdiction();
    /// @notice Thrown when a claim has no evidence hash.
    error MissingEvidence();
    /// @notice Thrown when the evidence hash was used by claim `claimId` already.
    error DuplicateEvidence(bytes32 evidenceHash, uint256 claimId);
    /// @notice Thrown when the external serial was used by claim `claimId` already.
    error DuplicateSerial(string externalSerial, uint256 claimId);
    /// @notice Thrown when the claim does not exist.
    error UnknownClaim(uint256 claimId);
    /// @notice Thrown when a vote names a claim in `status`, not Submitted.
    error ClaimNotPending(uint256 claimId, ClaimStatus status);
    /// @notice Thrown when a revocation names a claim in `status`, neither Verified nor Revoked.
    error ClaimNotVerified(uint256 claimId, ClaimStatus status);
    /// @notice Thrown when `account` votes or revokes without being an accredited verifier.
    error NotVerifier(address account);
    /// @notice Thrown when the claim's own claimant votes on it.
    error VerifierIsClaimant(uint256 claimId, address verifier);
    /// @notice Thrown when `verifier` approved or rejected the claim already.
    error AlreadyVoted(uint256 claimId, address verifier);
    /// @notice Thrown when an approval of `attested` units exceeds the `claimed` units.
    error AttestedAboveClaimed(uint256 claimId, uint256 claimed, uint256 attested);
    /// @notice Thrown when a revocation would take the claim's revoked units to `revoked`, above its `verified` units.
    error RevocationExceedsVerified(uint256 claimId, uint256 verified, uint256 revoked);
    /// @notice Thrown when `max` (192) verifiers are accredited at once and another one is accredited.
    error VerifierSlotsExhausted(uint256 max);
    /// @notice Thrown when a signed approval is sent after its `deadline`; `timestamp` is the block's time.
    error SignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when `nonce` of `verifier` was used or invalidated already.
    error NonceAlreadyUsed(address verifier, uint256 nonce);
    /// @notice Thrown when the signature is not `verifier`'s over the attestation.
    error InvalidSignature(address verifier);
    /// @notice Thrown when a move of `requested` units from `claimant` would take frozen units: its `balance` holds
    /// `frozen` units that must stay.
    error UnitsFrozen(uint256 claimId, address claimant, uint256 frozen, uint256 balance, uint256 requested);
    /// @notice Thrown when units of a claim whose verified units are all revoked are retired.
    error ClaimFullyRevoked(uint256 claimId);
    /// @notice Thrown when a beneficiary is empty or longer than `maxLength` (128) bytes.
    error InvalidBeneficiary(uint256 length, uint256 maxLength);
    /// @notice Thrown when `verifier` votes on a claim submitted before it got its slot (claims from `firstClaimId`
    /// on are its to vote on): its slot's bit on that claim may be another verifier's vote, or its own in an old slot.
    error ClaimPredatesVerifier(uint256 claimId, address verifier, uint256 firstClaimId);
    /// @notice Thrown when a published reason's keccak256 (`textHash`) is not the `reasonHash` voted.
    error ReasonMismatch(bytes32 reasonHash, bytes32 textHash);
    /// @notice Thrown when `verifier` voted on the claim's open revocation already.
    error AlreadyVotedToRevoke(uint256 claimId, address verifier);
    /// @notice Thrown when, at deployment, `admin` is not a TimelockController (it does not answer `getMinDelay()`).
    error AdminNotTimelock(address admin);
    /// @notice Thrown when, at deployment, the admin timelock's `delay` is under `minDelay` ({MIN_ADMIN_DELAY}).
    error AdminDelayTooShort(address admin, uint256 delay, uint256 minDelay);

    // ------------------------------------------------------------------------------------------------ governance

    /// @notice Role of accredited verifiers. Its admin is DEFAULT_ADMIN_ROLE, held by the governance timelock only.
    function VERIFIER_ROLE() external view returns (bytes32);

    /// @notice The shortest delay the admin timelock may have when the registry is deployed (1 hour).
    function MIN_ADMIN_DELAY() external view returns (uint256);

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

    /// @notice Votes to revoke `units` more of a verified claim (fraud or error found), as an accredited verifier who
    /// is not its claimant. When k verifiers (the claim's threshold) have voted, the smallest amount voted is revoked:
    /// up to the total revoked amount of the claimant's units is frozen, and the claim's certificates are flagged.
    /// The next revocation of the claim starts a new vote.
    /// @param reasonHash keccak256 of the reason (the report that found the fraud or error).
    /// @param reason The reason's text, published in the event, or "" to publish only its hash.
    function revoke(uint256 claimId, uint256 units, bytes32 reasonHash, string calldata reason) external;

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

    /// @notice Number of claims recorded (claim ids are 1..claimCount).
    function claimCount() external view returns (uint256);

    /// @notice Claim `claimId` as stored (reverts with {UnknownClaim} if it does not exist).
    function getClaim(uint256 claimId) external view returns (Claim memory);

    /// @notice Status, claimant and methodology: what a market needs, in one storage read.
    function statusOf(
        uint256 claimId
    ) external view returns (ClaimStatus status, address claimant, uint8 methodologyId);

    /// @notice Verified and revoked units of `claimId`, in one storage read (the market's sale limit).
    function verifiedAndRevoked(uint256 claimId) external view returns (uint48 verified, uint48 revoked);

    /// @notice The claim's open revocation vote: the smallest amount voted so far, the votes, and k.
    function revocationVote(uint256 claimId) external view returns (uint48 units, uint8 votes, uint8 threshold);

    /// @notice Whether `verifier` voted on the claim's open revocation.
    function hasVotedToRevoke(uint256 claimId, address verifier) external view returns (bool);

    /// @notice `verifier`'s attester slot (0..191), whether it is accredited, and the first claim it may vote on.
    /// @return assigned False if it never had a slot (then the other values are 0).
    function verifierSlot(
        address verifier
    ) external view returns (bool assigned, uint8 slot, bool active, uint256 firstClaimId);

    /// @notice Claim id that used an evidence hash, or 0.
    function claimOfEvidence(bytes32 evidenceHash) external view returns (uint256);

    /// @notice Claim id that used an external serial, or 0.
    function claimOfSerial(string calldata externalSerial) external view returns (uint256);

    /// @notice Methodology `methodologyId`'s k, whether new claims may use it, and its name.
    function getMethodology(
        uint8 methodologyId
    ) external view returns (uint8 threshold, bool active, string memory name);

    /// @notice Whether `verifier` approved or rejected `claimId` already.
    function hasVoted(uint256 claimId, address verifier) external view returns (bool);

    /// @notice Whether `nonce` of `verifier` was used or invalidated.
    function nonceUsed(address verifier, uint256 nonce) external view returns (bool);

    /// @notice Units of `claimId` the claimant can still sell, transfer or retire (its balance minus frozen units).
    function sellableUnits(uint256 claimId) external view returns (uint256);

    /// @notice EIP-712 digest a verifier signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);
}
