// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IImpactRegistry} from "./IImpactRegistry.sol";
import {IRetirementCertificates} from "./IRetirementCertificates.sol";
import {RetirementCertificates} from "./RetirementCertificates.sol";

/// @title ImpactRegistry
/// @notice Verified decarbonisation claims, their k-of-n attestations, ERC-1155 impact units (token id = claim id),
/// revocation and retirement. See {IImpactRegistry} for the model and the invariants IM-1..IM-3, IM-5, IM-6.
/// @dev Storage is sized for the path from submission to minted units (three transactions for k = 2):
/// - a claim is three slots: the core (claimant, methodology, status, k, vote counts, period) and the amounts with
///   the jurisdiction are written at submission; the voters bitmap and frozen units are written by the first vote;
/// - each accredited verifier holds one bit of the voters bitmap (at most 192 verifiers at once), so "has this
///   verifier voted on this claim" is one bit of a slot the vote writes anyway. A verifier who leaves frees its slot
///   for the next one; a verifier given a slot another verifier held (or a second slot of its own) votes only on
///   claims submitted after that (IM-11), so an old bit can never count for it;
/// - the evidence hash (and an external serial when given) is one slot mapping it to its claim;
/// - revocation votes are rare and keyed by address (one slot per vote plus the open vote's slot), so they do not use
///   the slot bitmap and survive slot changes.
/// The verified amount while a claim is Submitted is the running minimum of its approvals; it becomes final with the
/// k-th approval. Minimum, not median: a verified tonne is one that every required verifier stands behind, and one
/// generous verifier cannot raise it (with k = 2 a median would be the mean).
/// External calls: the ERC-1155 acceptance check on mint and transfer (OpenZeppelin, after state is written) and the
/// certificate mint, which calls `onERC721Received`. State-changing entry points that reach them are nonReentrant.
contract ImpactRegistry is IImpactRegistry, ERC1155, AccessControl, EIP712, ReentrancyGuardTransient {
    /// @inheritdoc IImpactRegistry
    bytes32 public constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @inheritdoc IImpactRegistry
    uint256 public constant MIN_ADMIN_DELAY = 1 hours;

    bytes32 private constant _ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address verifier,uint256 claimId,uint256 verifiedUnits,bytes32 reportHash,uint256 nonce,uint256 deadline)"
    );
    uint256 private constant _MAX_VERIFIER_SLOTS = 192;
    uint8 private constant _MAX_THRESHOLD = 16;
    uint256 private constant _MAX_BENEFICIARY_LENGTH = 128;

    struct ClaimCore {
        address claimant;
        uint8 methodologyId;
        ClaimStatus status;
        uint8 threshold;
        uint8 approvals;
        uint8 rejections;
        uint24 startDay;
        uint24 endDay;
    }

    struct ClaimAmounts {
        uint48 claimed;
        uint48 verified;
        uint48 retired;
        uint48 revoked;
        bytes8 jurisdiction;
    }

    struct ClaimVotes {
        uint192 voters;
        uint48 frozen;
    }

    struct Methodology {
        uint8 threshold;
        bool active;
        string name;
    }

    /// @dev A verifier's slot: it voted through it on claims in [firstClaimId, untilClaimId); untilClaimId is 0 while
    /// the slot is still its own (set when the slot goes to another verifier).
    struct VerifierSlot {
        uint8 slotPlusOne;
        bool active;
        uint64 firstClaimId;
        uint64 untilClaimId;
    }

    /// @dev The open revocation vote of a claim: the smallest amount voted, the votes, and which vote this is (a new
    /// one starts after each revocation, so the address-keyed ballots of the last one no longer count).
    struct RevocationVote {
        uint48 units;
        uint8 votes;
        uint32 round;
    }

    address private immutable _CERTIFICATES;

    uint256 private _claimCount;
    uint256 private _verifierSlotCount;
    mapping(uint256 claimId => ClaimCore) private _core;
    mapping(uint256 claimId => ClaimAmounts) private _amounts;
    mapping(uint256 claimId => ClaimVotes) private _votes;
    mapping(bytes32 evidenceHash => uint256 claimId) private _claimOfEvidence;
    mapping(bytes32 serialHash => uint256 claimId) private _claimOfSerial;
    mapping(uint8 methodologyId => Methodology) private _methodologies;
    mapping(address verifier => VerifierSlot) private _verifiers;
    mapping(uint256 slot => address verifier) private _slotHolder;
    uint256 private _freeSlots; // bit i set: slot i was released and may be given to another verifier
    mapping(uint256 claimId => RevocationVote) private _revocations;
    mapping(uint256 claimId => mapping(uint32 round => mapping(address verifier => bool))) private _revocationBallots;
    mapping(address verifier => mapping(uint256 word => uint256 bits)) private _nonceBitmap;

    /// @param timelock The governance TimelockController: DEFAULT_ADMIN_ROLE, so it alone accredits verifiers and
    /// sets methodologies.
    /// @param unitsURI ERC-1155 metadata URI template for impact units (`{id}` substituted by clients); may be empty.
    constructor(address timelock, string memory unitsURI) ERC1155(unitsURI) EIP712("Cosmolocal ImpactRegistry", "1") {
        // A TimelockController answers getMinDelay(); an account or another contract does not.
        (bool ok, bytes memory answer) = timelock.staticcall(abi.encodeCall(TimelockController.getMinDelay, ()));
        if (!ok || answer.length != 32) revert AdminNotTimelock(timelock);
        uint256 delay = abi.decode(answer, (uint256));
        if (delay < MIN_ADMIN_DELAY) revert AdminDelayTooShort(timelock, delay, MIN_ADMIN_DELAY);
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _CERTIFICATES = address(new RetirementCertificates(address(this)));
    }

    // ------------------------------------------------------------------------------------------------ governance

    /// @inheritdoc IImpactRegistry
    function setMethodology(
        uint8 methodologyId,
        uint8 threshold,
        bool active,
        string calldata name
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (methodologyId == 0) revert UnknownMethodology(methodologyId);
        if (threshold == 0 || threshold > _MAX_THRESHOLD) revert InvalidThreshold(threshold, _MAX_THRESHOLD);
        Methodology storage m = _methodologies[methodologyId];
        m.threshold = threshold;
        m.active = active;
        m.name = name;
        emit MethodologySet(methodologyId, threshold, active, name);
    }

    // ------------------------------------------------------------------------------------------------ claims

    /// @inheritdoc IImpactRegistry
    function submitClaim(ClaimInput calldata input) external returns (uint256 claimId) {
        if (input.units == 0) revert ZeroUnits();
        Methodology storage m = _methodologies[input.methodologyId];
        uint8 threshold = m.threshold;
        if (!m.active) revert UnknownMethodology(input.methodologyId);
        uint24 today = uint24(block.timestamp / 1 days);
        if (input.startDay > input.endDay || input.endDay > today) {
            revert InvalidPeriod(input.startDay, input.endDay, today);
        }
        if (input.jurisdiction == bytes8(0)) revert MissingJurisdiction();
        if (input.evidenceHash == bytes32(0)) revert MissingEvidence();
        uint256 previous = _claimOfEvidence[input.evidenceHash];
        if (previous != 0) revert DuplicateEvidence(input.evidenceHash, previous);

        claimId = ++_claimCount;
        _claimOfEvidence[input.evidenceHash] = claimId;
        if (bytes(input.externalSerial).length != 0) {
            bytes32 serialHash = keccak256(bytes(input.externalSerial));
            previous = _claimOfSerial[serialHash];
            if (previous != 0) revert DuplicateSerial(input.externalSerial, previous);
            _claimOfSerial[serialHash] = claimId;
        }
        _core[claimId] = ClaimCore({
            claimant: msg.sender,
            methodologyId: input.methodologyId,
            status: ClaimStatus.Submitted,
            threshold: threshold,
            approvals: 0,
            rejections: 0,
            startDay: input.startDay,
            endDay: input.endDay
        });
        _amounts[claimId] = ClaimAmounts({
            claimed: input.units,
            verified: 0,
            retired: 0,
            revoked: 0,
            jurisdiction: input.jurisdiction
        });
        _emitSubmitted(claimId, input);
    }

    /// @inheritdoc IImpactRegistry
    function attest(uint256 claimId, uint256 verifiedUnits, bytes32 reportHash) external nonReentrant {
        _attest(msg.sender, claimId, verifiedUnits, reportHash, false);
    }

    /// @inheritdoc IImpactRegistry
    function attestBySig(Attestation calldata attestation, bytes calldata signature) external nonReentrant {
        if (block.timestamp > attestation.deadline) revert SignatureExpired(attestation.deadline, block.timestamp);
        _useNonce(attestation.verifier, attestation.nonce);
        if (!SignatureChecker.isValidSignatureNow(attestation.verifier, _attestationDigest(attestation), signature)) {
            revert InvalidSignature(attestation.verifier);
        }
        _attest(attestation.verifier, attestation.claimId, attestation.verifiedUnits, attestation.reportHash, true);
    }

    /// @inheritdoc IImpactRegistry
    function reject(uint256 claimId, bytes32 reasonHash) external {
        ClaimCore storage core = _core[claimId];
        ClaimCore memory c = core;
        _recordVote(claimId, c, msg.sender);
        uint8 rejections = c.rejections + 1;
        core.rejections = rejections;
        emit ClaimRejectionRecorded(claimId, msg.sender, reasonHash, rejections);
        if (rejections == c.threshold) {
            core.status = ClaimStatus.Rejected;
            emit ClaimRejected(claimId);
        }
    }

    /// @inheritdoc IImpactRegistry
    function revoke(uint256 claimId, uint256 units, bytes32 reasonHash, string calldata reason) external {
        if (!_verifiers[msg.sender].active) revert NotVerifier(msg.sender);
        if (bytes(reason).length != 0) {
            bytes32 textHash = keccak256(bytes(reason));
            if (textHash != reasonHash) revert ReasonMismatch(reasonHash, textHash);
        }
        ClaimCore storage core = _core[claimId];
        (address claimant, ClaimStatus status) = (core.claimant, core.status);
        if (status != ClaimStatus.Verified && status != ClaimStatus.Revoked) revert ClaimNotVerified(claimId, status);
        if (claimant == msg.sender) revert VerifierIsClaimant(claimId, msg.sender);
        if (units == 0) revert ZeroUnits();
        ClaimAmounts storage a = _amounts[claimId];
        (uint256 verified, uint256 revoked) = (a.verified, a.revoked);
        if (units > verified - revoked) {
            revert RevocationExceedsVerified(claimId, verified, Math.saturatingAdd(revoked, units));
        }
        uint256 decided = _voteToRevoke(claimId, units, reasonHash, reason, core.threshold);
        if (decided != 0) _applyRevocation(claimId, claimant, revoked + decided, decided, reasonHash);
    }

    /// @inheritdoc IImpactRegistry
    function invalidateNonce(uint256 nonce) external {
        _useNonce(msg.sender, nonce);
        emit NonceInvalidated(msg.sender, nonce);
    }

    // ------------------------------------------------------------------------------------------------ retirement

    /// @inheritdoc IImpactRegistry
    function retire(
        uint256 claimId,
        uint256 units,
        string calldata beneficiary,
        string calldata message
    ) external nonReentrant returns (uint256 certificateId) {
        return _retire(msg.sender, claimId, units, beneficiary, message, msg.sender);
    }

    /// @inheritdoc IImpactRegistry
    function retireFrom(
        address holder,
        uint256 claimId,
        uint256 units,
        string calldata beneficiary,
        string calldata message,
        address certificateOwner
    ) external nonReentrant returns (uint256 certificateId) {
        if (holder != msg.sender && !isApprovedForAll(holder, msg.sender)) {
            revert ERC1155MissingApprovalForAll(msg.sender, holder);
        }
        return _retire(holder, claimId, units, beneficiary, message, certificateOwner);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc IImpactRegistry
    function certificates() external view returns (address) {
        return _CERTIFICATES;
    }

    /// @inheritdoc IImpactRegistry
    function claimCount() external view returns (uint256) {
        return _claimCount;
    }

    /// @inheritdoc IImpactRegistry
    function getClaim(uint256 claimId) external view returns (Claim memory claim) {
        ClaimCore memory c = _core[claimId];
        if (c.status == ClaimStatus.None) revert UnknownClaim(claimId);
        ClaimAmounts memory a = _amounts[claimId];
        claim = Claim({
            claimant: c.claimant,
            methodologyId: c.methodologyId,
            status: c.status,
            threshold: c.threshold,
            approvals: c.approvals,
            rejections: c.rejections,
            startDay: c.startDay,
            endDay: c.endDay,
            jurisdiction: a.jurisdiction,
            claimedUnits: a.claimed,
            verifiedUnits: a.verified,
            retiredUnits: a.retired,
            revokedUnits: a.revoked,
            frozenUnits: _votes[claimId].frozen
        });
    }

    /// @inheritdoc IImpactRegistry
    function statusOf(
        uint256 claimId
    ) external view returns (ClaimStatus status, address claimant, uint8 methodologyId) {
        ClaimCore storage c = _core[claimId];
        return (c.status, c.claimant, c.methodologyId);
    }

    /// @inheritdoc IImpactRegistry
    function verifiedAndRevoked(uint256 claimId) external view returns (uint48 verified, uint48 revoked) {
        ClaimAmounts storage a = _amounts[claimId];
        return (a.verified, a.revoked);
    }

    /// @inheritdoc IImpactRegistry
    function revocationVote(uint256 claimId) external view returns (uint48 units, uint8 votes, uint8 threshold) {
        RevocationVote memory vote = _revocations[claimId];
        return (vote.units, vote.votes, _core[claimId].threshold);
    }

    /// @inheritdoc IImpactRegistry
    function hasVotedToRevoke(uint256 claimId, address verifier) external view returns (bool) {
        return _revocationBallots[claimId][_revocations[claimId].round][verifier];
    }

    /// @inheritdoc IImpactRegistry
    function verifierSlot(
        address verifier
    ) external view returns (bool assigned, uint8 slot, bool active, uint256 firstClaimId) {
        VerifierSlot memory v = _verifiers[verifier];
        if (v.slotPlusOne == 0) return (false, 0, false, 0);
        return (true, v.slotPlusOne - 1, v.active, v.firstClaimId);
    }

    /// @inheritdoc IImpactRegistry
    function claimOfEvidence(bytes32 evidenceHash) external view returns (uint256) {
        return _claimOfEvidence[evidenceHash];
    }

    /// @inheritdoc IImpactRegistry
    function claimOfSerial(string calldata externalSerial) external view returns (uint256) {
        return _claimOfSerial[keccak256(bytes(externalSerial))];
    }

    /// @inheritdoc IImpactRegistry
    function getMethodology(
        uint8 methodologyId
    ) external view returns (uint8 threshold, bool active, string memory name) {
        Methodology storage m = _methodologies[methodologyId];
        return (m.threshold, m.active, m.name);
    }

    /// @inheritdoc IImpactRegistry
    function hasVoted(uint256 claimId, address verifier) external view returns (bool) {
        VerifierSlot memory v = _verifiers[verifier];
        // Outside the claims of its tenure of the slot, the slot's bit is another verifier's (IM-11).
        if (v.slotPlusOne == 0 || claimId < v.firstClaimId) return false;
        if (v.untilClaimId != 0 && claimId >= v.untilClaimId) return false;
        return (_votes[claimId].voters >> (v.slotPlusOne - 1)) & 1 == 1;
    }

    /// @inheritdoc IImpactRegistry
    function nonceUsed(address verifier, uint256 nonce) external view returns (bool) {
        return (_nonceBitmap[verifier][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @inheritdoc IImpactRegistry
    function sellableUnits(uint256 claimId) external view returns (uint256) {
        uint256 balance = balanceOf(_core[claimId].claimant, claimId);
        uint256 frozen = _votes[claimId].frozen;
        return balance > frozen ? balance - frozen : 0;
    }

    /// @inheritdoc IImpactRegistry
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32) {
        return _attestationDigest(attestation);
    }

    /// @notice Both parents answer ERC-165.
    function supportsInterface(bytes4 interfaceId) public view override(ERC1155, AccessControl) returns (bool) {
        return ERC1155.supportsInterface(interfaceId) || AccessControl.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------------------------------------ internals

    /// @dev Checks a vote (approval or rejection) and records the voter's bit: the claim is Submitted, the voter is
    /// an accredited verifier, not the claimant, and has not voted on it.
    function _recordVote(uint256 claimId, ClaimCore memory c, address verifier) private {
        VerifierSlot memory v = _verifiers[verifier];
        if (!v.active) revert NotVerifier(verifier);
        if (c.status != ClaimStatus.Submitted) {
            if (c.status == ClaimStatus.None) revert UnknownClaim(claimId);
            revert ClaimNotPending(claimId, c.status);
        }
        if (c.claimant == verifier) revert VerifierIsClaimant(claimId, verifier);
        if (claimId < v.firstClaimId) revert ClaimPredatesVerifier(claimId, verifier, v.firstClaimId);
        ClaimVotes storage votes = _votes[claimId];
        uint192 bit = uint192(1) << (v.slotPlusOne - 1);
        uint192 voters = votes.voters;
        if (voters & bit != 0) revert AlreadyVoted(claimId, verifier);
        votes.voters = voters | bit;
    }

    /// @dev Records the caller's vote to revoke `units` of `claimId`. Returns the units to revoke now (the smallest
    /// amount voted) when this is the `threshold`-th vote, which closes the vote; 0 while votes are missing.
    function _voteToRevoke(
        uint256 claimId,
        uint256 units,
        bytes32 reasonHash,
        string calldata reason,
        uint8 threshold
    ) private returns (uint256 decided) {
        RevocationVote memory vote = _revocations[claimId];
        mapping(address => bool) storage ballots = _revocationBallots[claimId][vote.round];
        if (ballots[msg.sender]) revert AlreadyVotedToRevoke(claimId, msg.sender);
        ballots[msg.sender] = true;
        // The smallest amount voted: a revoked tonne is one that every required verifier stands behind revoking.
        vote.units = vote.votes == 0 ? uint48(units) : uint48(Math.min(vote.units, units));
        vote.votes += 1;
        emit RevocationVoteRecorded(claimId, msg.sender, uint48(units), reasonHash, vote.votes, threshold, reason);
        if (vote.votes < threshold) {
            _revocations[claimId] = vote;
            return 0;
        }
        _revocations[claimId] = RevocationVote({units: 0, votes: 0, round: vote.round + 1});
        return vote.units;
    }

    /// @dev Takes the claim's revoked units to `totalRevoked` (`decided` more), freezes that many of the claimant's
    /// units (as many as it holds) and marks the claim Revoked.
    function _applyRevocation(
        uint256 claimId,
        address claimant,
        uint256 totalRevoked,
        uint256 decided,
        bytes32 reasonHash
    ) private {
        // Frozen never decreases: the claimant's balance still holds every unit frozen before (they cannot move),
        // and the revoked total only grows.
        uint256 frozen = Math.min(totalRevoked, balanceOf(claimant, claimId));
        _amounts[claimId].revoked = uint48(totalRevoked);
        _votes[claimId].frozen = uint48(frozen);
        _core[claimId].status = ClaimStatus.Revoked;
        emit ClaimRevoked(claimId, msg.sender, uint48(decided), uint48(totalRevoked), uint48(frozen), reasonHash);
    }

    function _attest(address verifier, uint256 claimId, uint256 units, bytes32 reportHash, bool bySignature) private {
        // A verifier who stands behind none of the claim rejects it; a 0 approval would verify a claim with no units.
        if (units == 0) revert ZeroUnits();
        ClaimCore storage core = _core[claimId];
        ClaimCore memory c = core;
        _recordVote(claimId, c, verifier);
        ClaimAmounts storage a = _amounts[claimId];
        uint256 claimed = a.claimed;
        if (units > claimed) revert AttestedAboveClaimed(claimId, claimed, units);
        uint8 approvals = c.approvals + 1;
        uint48 verified = c.approvals == 0 ? uint48(units) : uint48(Math.min(a.verified, units));
        a.verified = verified;
        core.approvals = approvals;
        emit ClaimAttested(claimId, verifier, uint48(units), reportHash, approvals, bySignature);
        if (approvals == c.threshold) {
            core.status = ClaimStatus.Verified;
            emit ClaimVerified(claimId, c.claimant, verified);
            // IM-1: the only mint of this token id, with the final verified amount (state written above).
            _mint(c.claimant, claimId, verified, "");
        }
    }

    function _retire(
        address holder,
        uint256 claimId,
        uint256 units,
        string calldata beneficiary,
        string calldata message,
        address certificateOwner
    ) private returns (uint256 certificateId) {
        if (units == 0) revert ZeroUnits();
        _checkBeneficiary(bytes(beneficiary).length);
        ClaimAmounts storage a = _amounts[claimId];
        (uint48 verified, uint48 revoked, uint48 retired) = (a.verified, a.revoked, a.retired);
        if (revoked != 0 && revoked == verified) revert ClaimFullyRevoked(claimId);
        // Burning checks the balance (ERC1155InsufficientBalance) and frozen units (see _update) before any cast.
        _burn(holder, claimId, units);
        a.retired = retired + uint48(units);
        certificateId = IRetirementCertificates(_CERTIFICATES).mint(certificateOwner, claimId, units, beneficiary);
        emit UnitsRetired(claimId, holder, certificateId, certificateOwner, uint48(units), beneficiary, message);
    }

    function _emitSubmitted(uint256 claimId, ClaimInput calldata input) private {
        emit ClaimSubmitted(
            claimId,
            msg.sender,
            input.methodologyId,
            input.units,
            input.startDay,
            input.endDay,
            input.jurisdiction,
            input.evidenceHash,
            input.evidenceURI,
            input.externalSerial
        );
    }

    function _checkBeneficiary(uint256 length) private pure {
        if (length == 0 || length > _MAX_BENEFICIARY_LENGTH) {
            revert InvalidBeneficiary(length, _MAX_BENEFICIARY_LENGTH);
        }
    }

    function _useNonce(address verifier, uint256 nonce) private {
        uint256 bit = 1 << (nonce & 0xff);
        mapping(uint256 => uint256) storage words = _nonceBitmap[verifier];
        uint256 word = words[nonce >> 8];
        if (word & bit != 0) revert NonceAlreadyUsed(verifier, nonce);
        words[nonce >> 8] = word | bit;
    }

    function _attestationDigest(Attestation calldata a) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        _ATTESTATION_TYPEHASH,
                        a.verifier,
                        a.claimId,
                        a.verifiedUnits,
                        a.reportHash,
                        a.nonce,
                        a.deadline
                    )
                )
            );
    }

    /// @dev IM-6: units moving out of a claimant whose claim has frozen units must leave the frozen ones behind, and
    /// units coming back to it are frozen again up to the revoked amount (so units parked at another address before
    /// a revocation cannot return and be sold or retired). Reads the claim's core slot for every id moved by or to a
    /// non-zero address. A batch may list an id more than once (ERC-1155 moves each entry in turn), so the check
    /// counts every entry of that id in the batch, not only the first: otherwise entries each within the sellable
    /// units could together move frozen ones.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (from != address(0)) {
            if (ids.length != values.length) revert ERC1155InvalidArrayLength(ids.length, values.length);
            for (uint256 i = 0; i < ids.length; ++i) {
                uint256 id = ids[i];
                ClaimCore storage c = _core[id];
                if (c.status == ClaimStatus.Revoked && c.claimant == from) {
                    uint256 requested = values[i];
                    for (uint256 j = i + 1; j < ids.length; ++j) {
                        if (ids[j] == id) requested = Math.saturatingAdd(requested, values[j]);
                    }
                    uint256 frozen = _votes[id].frozen;
                    uint256 balance = balanceOf(from, id);
                    if (balance < frozen || balance - frozen < requested) {
                        revert UnitsFrozen(id, from, frozen, balance, requested);
                    }
                }
            }
        }
        super._update(from, to, ids, values);
        if (from != address(0) && to != address(0) && from != to) {
            for (uint256 i = 0; i < ids.length; ++i) _refreeze(ids[i], to);
        }
    }

    /// @dev Units came back to `to`: if it is the claimant of a claim with a revocation, frozen becomes
    /// min(revoked, its balance). That is never below frozen (frozen <= revoked, and frozen units never left).
    function _refreeze(uint256 id, address to) private {
        ClaimCore storage c = _core[id];
        if (c.status != ClaimStatus.Revoked || c.claimant != to) return;
        ClaimVotes storage votes = _votes[id];
        uint256 frozen = Math.min(_amounts[id].revoked, balanceOf(to, id));
        if (frozen == votes.frozen) return;
        votes.frozen = uint48(frozen);
        emit UnitsRefrozen(id, to, uint48(frozen));
    }

    /// @dev Keeps each verifier's attester slot in step with VERIFIER_ROLE. An accredited verifier takes back its own
    /// slot if nobody else held it since; otherwise it takes the lowest released slot, or a new one. A released slot
    /// was another verifier's, and a returning verifier's old slot bits are its own votes, so a verifier in any slot
    /// but its first votes only on claims submitted from now on (IM-11).
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == VERIFIER_ROLE) {
            VerifierSlot storage s = _verifiers[account];
            uint256 slotPlusOne = s.slotPlusOne;
            if (slotPlusOne != 0 && _slotHolder[slotPlusOne - 1] == account) {
                _freeSlots &= ~(uint256(1) << (slotPlusOne - 1));
            } else {
                uint256 slot;
                uint256 free = _freeSlots;
                if (free != 0) {
                    slot = Math.log2(free & (~free + 1)); // the lowest released slot
                    _freeSlots = free & (free - 1);
                } else {
                    slot = _verifierSlotCount;
                    if (slot == _MAX_VERIFIER_SLOTS) revert VerifierSlotsExhausted(_MAX_VERIFIER_SLOTS);
                    _verifierSlotCount = slot + 1;
                }
                bool inherited = free != 0 || slotPlusOne != 0;
                uint64 first = inherited ? uint64(_claimCount + 1) : 0;
                // The previous holder's votes through this slot end where the new holder's begin.
                address previous = _slotHolder[slot];
                if (previous != address(0)) _verifiers[previous].untilClaimId = first;
                _slotHolder[slot] = account;
                s.slotPlusOne = uint8(slot + 1);
                s.firstClaimId = first;
                s.untilClaimId = 0;
            }
            s.active = true;
            emit VerifierSlotAssigned(account, s.slotPlusOne - 1, s.firstClaimId);
        }
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == VERIFIER_ROLE) {
            VerifierSlot storage s = _verifiers[account];
            s.active = false;
            _freeSlots |= uint256(1) << (s.slotPlusOne - 1);
            emit VerifierSlotReleased(account, s.slotPlusOne - 1);
        }
    }
}
