// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {NoncesKeyed} from "@openzeppelin/contracts/utils/NoncesKeyed.sol";
import {ClearingVerification} from "./ClearingVerification.sol";
import {ICreditNetwork} from "./ICreditNetwork.sol";

/// @title CreditNetwork
/// @notice Mutual credit among the members of one community: owns membership, credit lines and balances,
/// obligations, signed terms and the application of verified clearing batches ({ClearingVerification} checks them).
/// @dev Storage layout, chosen for the hot paths:
/// - a pair of members shares one {Pair}: both limits in one slot and the balance (the lower address's claim on the
///   higher one) in the next, so a hop reads the limits only when debt grows and writes one slot;
/// - an obligation's debtor and remaining amount share a slot, so a set-off reads two slots and writes one;
///   "Settled" is not stored, it is an Open obligation whose remaining is 0;
/// - obligation net positions and NID are maintained incrementally, so a clearing epoch's totals cost O(1).
/// No function sends value or calls an untrusted contract (only ERC-1271 `isValidSignature` as a static call), so
/// no reentrancy guard is needed. See {ICreditNetwork} for the invariants CN-1..CN-7.
/// Signed terms use OpenZeppelin's keyed nonces ({NoncesKeyed}), keyed by the counterparty that records them, so a
/// counterparty that withholds a signature blocks nothing but the signer's later terms to itself; the signer voids
/// the withheld terms with {cancelNonce}.
contract CreditNetwork is ICreditNetwork, AccessControl, EIP712, NoncesKeyed {
    /// @inheritdoc ICreditNetwork
    bytes32 public constant STEWARD_ROLE = keccak256("STEWARD_ROLE");
    /// @inheritdoc ICreditNetwork
    uint256 public constant MAX_LIMIT = type(uint128).max;
    /// @inheritdoc ICreditNetwork
    uint256 public constant MAX_OBLIGATION = type(uint96).max;
    /// @inheritdoc ICreditNetwork
    uint256 public constant MAX_HOPS = 32;
    /// @inheritdoc ICreditNetwork
    bytes32 public constant OBLIGATION_TYPEHASH = keccak256(
        "ObligationTerms(address debtor,address creditor,uint256 amount,uint256 dueDate,bytes32 ref,uint256 nonce,uint256 deadline)"
    );

    // Stored obligation states ("Settled" is derived).
    uint8 private constant _PROPOSED_BY_DEBTOR = 1;
    uint8 private constant _PROPOSED_BY_CREDITOR = 2;
    uint8 private constant _OPEN = 3;
    uint8 private constant _CANCELLED = 4;
    // Flags of an obligation: which parties agreed to cancel it, and whether the creditor recorded it.
    uint8 private constant _DEBTOR_BIT = 1;
    uint8 private constant _CREDITOR_BIT = 2;
    uint8 private constant _BOTH_BITS = 3;
    uint8 private constant _CREDITOR_PROPOSED_BIT = 4;

    /// @dev The lines and balance between `low < high`.
    struct Pair {
        uint128 lowGives; // limit of the line low -> high: how much high may owe low
        uint128 highGives; // limit of the line high -> low
        int256 balance; // low's claim on high
    }

    /// @dev Three slots; the first two are all a set-off touches.
    struct ObligationData {
        address debtor;
        uint96 remaining;
        address creditor;
        uint40 dueDate;
        uint8 state;
        uint8 flags; // _DEBTOR_BIT | _CREDITOR_BIT: cancel requests; _CREDITOR_PROPOSED_BIT
        uint96 amount;
    }

    /// @dev The tallies of a part of a split clearing ({clearPart}).
    struct Part {
        uint256 epoch;
        uint256 cleared;
        uint256 moved;
        uint256 edges; // set-offs, the settled bridge included
        uint256 settledId;
        uint256 bridgeId;
    }

    /// @dev One slot of network totals.
    struct Totals {
        uint128 outstanding;
        uint64 obligationCount;
        uint64 epochCount;
    }

    string private _name;
    string private _symbol;
    uint8 private immutable _DECIMALS;

    mapping(address account => Member) private _members;
    mapping(address low => mapping(address high => Pair)) private _pairs;
    mapping(address giver => mapping(address receiver => uint256 limit)) private _offers;
    mapping(uint256 id => ObligationData) private _obligations;
    mapping(address account => int256 position) private _netPositions;
    Totals private _totals;
    uint256 private _netInternalDebt;
    /// @dev One period of a member's approval of an obligation operator: [since, until], until 0 while it stands.
    struct OperatorApproval {
        uint40 since;
        uint40 until;
    }
    /// @dev Each (member, operator)'s latest approval period (one read for "approved now" and recent agreements), and
    /// its earlier, closed periods, oldest first (sorted, not overlapping).
    mapping(address member => mapping(address operator => OperatorApproval)) private _operatorLatest;
    mapping(address member => mapping(address operator => OperatorApproval[])) private _operatorPast;
    /// @dev The bridge obligation each split clearing left open (0: none).
    mapping(bytes32 solutionId => uint256 bridgeId) private _openBridges;

    /// @param name_ Network name (e.g. "Bologna Makers Credit").
    /// @param symbol_ Unit symbol (e.g. "BMC").
    /// @param decimals_ Decimals of the unit (amounts are integers of 10^-decimals units).
    /// @param admin Holder of DEFAULT_ADMIN_ROLE (grants and revokes stewards) — a TimelockController or multisig.
    /// @param stewards Initial stewards.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        address admin,
        address[] memory stewards
    ) EIP712("Cosmolocal Credit", "1") {
        _name = name_;
        _symbol = symbol_;
        _DECIMALS = decimals_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < stewards.length; ++i) {
            _grantRole(STEWARD_ROLE, stewards[i]);
        }
    }

    // ------------------------------------------------------------------------------------------------ stewards

    /// @inheritdoc ICreditNetwork
    function admitMember(address account) external onlyRole(STEWARD_ROLE) {
        if (_members[account].status != MemberStatus.None) revert AlreadyMember(account);
        _members[account].status = MemberStatus.Active;
        emit MemberAdmitted(account, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function suspendMember(address account) external onlyRole(STEWARD_ROLE) {
        _requireActive(account);
        _members[account].status = MemberStatus.Suspended;
        emit MemberSuspended(account, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function reinstateMember(address account) external onlyRole(STEWARD_ROLE) {
        if (_members[account].status != MemberStatus.Suspended) revert MemberNotSuspended(account);
        _members[account].status = MemberStatus.Active;
        emit MemberReinstated(account, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------ credit lines

    /// @inheritdoc ICreditNetwork
    function setClearingConsent(bool clearing, bool liquidity) external {
        Member storage m = _members[msg.sender];
        if (m.status == MemberStatus.None) revert NotNetworkMember(msg.sender);
        m.clearing = clearing;
        m.liquidity = liquidity;
        emit ClearingConsentSet(msg.sender, clearing, liquidity);
    }

    /// @inheritdoc ICreditNetwork
    function offerCreditLine(address receiver, uint256 limit) external {
        if (receiver == msg.sender) revert SelfDealing(receiver);
        if (limit > MAX_LIMIT) revert AmountTooLarge(limit, MAX_LIMIT);
        uint256 current = _limitOf(msg.sender, receiver);
        if (limit <= current) {
            // A cut only lowers risk: allowed whatever the parties' standing (a line exists, so both were admitted).
            if (current == 0) revert NoCreditLine(msg.sender, receiver);
            _setLimit(msg.sender, receiver, limit);
            if (_offers[msg.sender][receiver] != 0) delete _offers[msg.sender][receiver];
            emit CreditLineUpdated(msg.sender, receiver, limit);
        } else {
            _requireActive(msg.sender);
            _requireActive(receiver);
            _offers[msg.sender][receiver] = limit;
            emit CreditLineOffered(msg.sender, receiver, limit);
        }
    }

    /// @inheritdoc ICreditNetwork
    function acceptCreditLine(address giver, uint256 limit) external {
        _requireActive(msg.sender);
        _requireActive(giver);
        uint256 offered = _offers[giver][msg.sender];
        if (offered == 0 || offered != limit) revert CreditOfferMismatch(giver, msg.sender, offered, limit);
        delete _offers[giver][msg.sender];
        _setLimit(giver, msg.sender, limit);
        emit CreditLineUpdated(giver, msg.sender, limit);
    }

    /// @inheritdoc ICreditNetwork
    function cancelCreditOffer(address giver, address receiver) external {
        if (msg.sender != giver && msg.sender != receiver) revert NotParty(msg.sender, receiver, giver);
        if (_offers[giver][receiver] == 0) revert NoCreditOffer(giver, receiver);
        delete _offers[giver][receiver];
        emit CreditOfferCancelled(giver, receiver, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function closeCreditLine(address giver, address receiver) external {
        if (msg.sender != giver && msg.sender != receiver) revert NotParty(msg.sender, receiver, giver);
        if (_limitOf(giver, receiver) == 0 && _offers[giver][receiver] == 0) revert NoCreditLine(giver, receiver);
        int256 claim = _claim(giver, receiver);
        if (claim > 0) revert CreditLineInUse(giver, receiver, uint256(claim));
        _setLimit(giver, receiver, 0);
        if (_offers[giver][receiver] != 0) delete _offers[giver][receiver];
        emit CreditLineClosed(giver, receiver, msg.sender);
    }

    // ------------------------------------------------------------------------------------------------ payments

    /// @inheritdoc ICreditNetwork
    function pay(address to, uint256 amount, bytes32 memo) external {
        _checkAmount(amount);
        bool senderSuspended = _standing(msg.sender);
        bool receiverSuspended = _standing(to);
        _hop(0, msg.sender, to, amount, senderSuspended || receiverSuspended);
        emit Paid(msg.sender, to, amount, 1, memo);
    }

    /// @inheritdoc ICreditNetwork
    function payAlong(address[] calldata path, uint256 amount, bytes32 memo) external {
        _payAlong(msg.sender, path, amount);
        emit Paid(msg.sender, path[path.length - 1], amount, path.length, memo);
    }

    // ------------------------------------------------------------------------------------------------ obligations

    /// @inheritdoc ICreditNetwork
    function recordObligation(
        address debtor,
        address creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref
    ) external returns (uint256 id) {
        uint8 state;
        if (msg.sender == debtor) state = _PROPOSED_BY_DEBTOR;
        else if (msg.sender == creditor) state = _PROPOSED_BY_CREDITOR;
        else revert NotParty(msg.sender, debtor, creditor);
        id = _record(debtor, creditor, amount, dueDate, ref, state, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function recordSignedObligation(
        ObligationTerms calldata terms,
        bytes calldata signature
    ) external returns (uint256 id) {
        address signer;
        if (msg.sender == terms.debtor) signer = terms.creditor;
        else if (msg.sender == terms.creditor) signer = terms.debtor;
        else revert NotParty(msg.sender, terms.debtor, terms.creditor);
        if (block.timestamp > terms.deadline) revert SignatureExpired(terms.deadline, block.timestamp);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    OBLIGATION_TYPEHASH,
                    terms.debtor,
                    terms.creditor,
                    terms.amount,
                    terms.dueDate,
                    terms.ref,
                    terms.nonce,
                    terms.deadline
                )
            )
        );
        if (!SignatureChecker.isValidSignatureNow(signer, digest, signature)) revert InvalidSignature(signer);
        // The nonce's key (upper 192 bits) must be the recording party; NoncesKeyed then checks and uses the sequence.
        if (terms.nonce >> 64 != uint160(msg.sender)) revert NonceKeyMismatch(signer, msg.sender, terms.nonce);
        _useCheckedNonce(signer, terms.nonce);
        id = _record(terms.debtor, terms.creditor, terms.amount, terms.dueDate, terms.ref, _OPEN, signer);
        emit ObligationAccepted(id, signer);
    }

    /// @inheritdoc ICreditNetwork
    function setObligationOperator(address operator, bool approved) external {
        if (operator == msg.sender || operator == address(0)) revert InvalidOperator(operator);
        OperatorApproval storage latest = _operatorLatest[msg.sender][operator];
        OperatorApproval memory current = latest;
        bool standing = current.since != 0 && current.until == 0;
        if (approved && !standing) {
            if (current.since != 0) _operatorPast[msg.sender][operator].push(current);
            (latest.since, latest.until) = (uint40(block.timestamp), 0);
        } else if (!approved && standing) {
            latest.until = uint40(block.timestamp);
        }
        emit ObligationOperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc ICreditNetwork
    function recordObligationAsOperator(
        address debtor,
        address creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref,
        uint256 agreedAt
    ) external returns (uint256 id) {
        if (agreedAt > block.timestamp) revert AgreementInFuture(agreedAt);
        _requireApprovedAt(debtor, agreedAt);
        _requireApprovedAt(creditor, agreedAt);
        id = _record(debtor, creditor, amount, dueDate, ref, _OPEN, debtor);
        emit ObligationAccepted(id, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function cancelNonce(address counterparty, uint256 nonce) external {
        uint256 next = nonces(msg.sender, uint192(uint160(counterparty)));
        if (nonce != next) revert NonceNotNext(msg.sender, counterparty, nonce, next);
        _useNonce(msg.sender, uint192(uint160(counterparty)));
        emit NonceCancelled(msg.sender, counterparty, nonce);
    }

    /// @inheritdoc ICreditNetwork
    function acceptObligation(uint256 id) external {
        ObligationData storage o = _existing(id);
        uint8 state = o.state;
        address debtor = o.debtor;
        address creditor = o.creditor;
        if (state == _PROPOSED_BY_DEBTOR) {
            if (msg.sender != creditor) _rejectAcceptor(id, debtor, debtor, creditor);
        } else if (state == _PROPOSED_BY_CREDITOR) {
            if (msg.sender != debtor) _rejectAcceptor(id, creditor, debtor, creditor);
        } else {
            revert WrongObligationStatus(id, _status(o), ObligationStatus.Proposed);
        }
        _requireActive(debtor);
        _requireActive(creditor);
        o.state = _OPEN;
        _open(debtor, creditor, o.remaining);
        emit ObligationAccepted(id, msg.sender);
    }

    /// @inheritdoc ICreditNetwork
    function cancelObligation(uint256 id) external {
        ObligationData storage o = _existing(id);
        address debtor = o.debtor;
        address creditor = o.creditor;
        uint8 bit;
        if (msg.sender == debtor) bit = _DEBTOR_BIT;
        else if (msg.sender == creditor) bit = _CREDITOR_BIT;
        else revert NotParty(msg.sender, debtor, creditor);

        uint8 state = o.state;
        uint256 remaining = o.remaining;
        if (state == _PROPOSED_BY_DEBTOR || state == _PROPOSED_BY_CREDITOR) {
            o.state = _CANCELLED;
            emit ObligationCancelled(id, remaining);
            return;
        }
        if (state != _OPEN || remaining == 0) revert WrongObligationStatus(id, _status(o), ObligationStatus.Open);
        uint8 bits = o.flags;
        if (bits & bit != 0) revert CancelAlreadyRequested(id, msg.sender);
        bits |= bit;
        if (bits & _BOTH_BITS == _BOTH_BITS) {
            o.state = _CANCELLED;
            o.flags = bits;
            _close(debtor, creditor, remaining);
            emit ObligationCancelRequested(id, msg.sender);
            emit ObligationCancelled(id, remaining);
        } else {
            o.flags = bits;
            emit ObligationCancelRequested(id, msg.sender);
        }
    }

    /// @inheritdoc ICreditNetwork
    function payObligation(uint256 id, uint256 amount, address[] calldata path) external {
        ObligationData storage o = _existing(id);
        address debtor = o.debtor;
        address creditor = o.creditor;
        uint256 remaining = o.remaining;
        if (o.state != _OPEN || remaining == 0) revert WrongObligationStatus(id, _status(o), ObligationStatus.Open);
        if (msg.sender != debtor) revert NotParty(msg.sender, debtor, creditor);
        if (path.length != 0 && path[path.length - 1] != creditor) {
            revert PathEndMismatch(path[path.length - 1], creditor);
        }
        if (amount > remaining) revert PaymentExceedsObligation(id, remaining, amount);
        _payAlong(debtor, path, amount);
        unchecked {
            remaining -= amount; // amount <= remaining
        }
        o.remaining = uint96(remaining);
        _close(debtor, creditor, amount);
        emit Paid(debtor, creditor, amount, path.length, bytes32(id));
        emit ObligationPaid(id, amount, remaining);
    }

    // ------------------------------------------------------------------------------------------------ clearing

    /// @inheritdoc ICreditNetwork
    function clear(
        bytes32 solutionId,
        SetOff[] calldata setOffs,
        CreditMove[] calldata moves
    ) external returns (uint256 epoch) {
        if (setOffs.length == 0) revert EmptyBatch();
        Totals memory totals = _totals;
        epoch = uint256(totals.epochCount) + 1;

        ClearingVerification.Batch memory batch = ClearingVerification.create(setOffs.length, moves.length);
        uint256 cleared = _applySetOffs(batch, setOffs, epoch);
        uint256 moved = _applyMoves(batch, moves);
        ClearingVerification.requireConserved(batch);

        uint256 before = totals.outstanding;
        totals.outstanding = uint128(before - cleared); // cleared <= sum of remaining <= outstanding (CN-4)
        totals.epochCount = uint64(epoch);
        _totals = totals;
        _emitCompleted(epoch, solutionId, before, cleared, moved, setOffs.length);
    }

    /// @inheritdoc ICreditNetwork
    function clearPart(
        bytes32 solutionId,
        SetOff[] calldata setOffs,
        CreditMove[] calldata moves,
        Bridge calldata bridge
    ) external onlyRole(STEWARD_ROLE) returns (uint256 epoch, uint256 bridgeId) {
        if (solutionId == bytes32(0)) revert SolutionIdRequired();
        Part memory part;
        part.settledId = _openBridges[solutionId];
        if (setOffs.length == 0 && part.settledId == 0) revert EmptyBatch();
        Totals memory totals = _totals;
        epoch = part.epoch = uint256(totals.epochCount) + 1;

        // Room for the set-offs' and moves' vertices and the two bridges' (at most four more).
        ClearingVerification.Batch memory batch = ClearingVerification.create(setOffs.length + 2, moves.length);
        part.cleared = _applySetOffs(batch, setOffs, epoch);
        part.edges = setOffs.length;
        if (part.settledId != 0) {
            part.cleared += _settleBridge(batch, part.settledId, epoch);
            ++part.edges;
        }
        part.moved = _applyMoves(batch, moves);
        // The bridge opens without moving positions: the part's set-offs make up for it (CN-9).
        if (bridge.amount != 0) bridgeId = part.bridgeId = _newBridge(batch, totals, bridge, solutionId);
        ClearingVerification.requireConserved(batch);
        _openBridges[solutionId] = bridgeId;
        _finishPart(totals, part, solutionId, bridge.amount);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc ICreditNetwork
    function openBridge(bytes32 solutionId) external view returns (uint256 bridgeId) {
        return _openBridges[solutionId];
    }

    /// @inheritdoc ICreditNetwork
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc ICreditNetwork
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc ICreditNetwork
    function decimals() external view returns (uint8) {
        return _DECIMALS;
    }

    /// @inheritdoc ICreditNetwork
    function isObligationOperator(address account, address operator) external view returns (bool) {
        OperatorApproval storage latest = _operatorLatest[account][operator];
        return latest.since != 0 && latest.until == 0;
    }

    /// @inheritdoc ICreditNetwork
    function standingWith(
        address account,
        address operator
    ) external view returns (MemberStatus status, bool operatorApproved) {
        OperatorApproval storage latest = _operatorLatest[account][operator];
        return (_members[account].status, latest.since != 0 && latest.until == 0);
    }

    /// @inheritdoc ICreditNetwork
    function firstOutOfStanding(
        address[] calldata accounts,
        address operator
    ) external view returns (uint256 index, MemberStatus status, bool operatorApproved) {
        uint256 n = accounts.length;
        for (; index < n; ++index) {
            address account = accounts[index];
            OperatorApproval storage latest = _operatorLatest[account][operator];
            status = _members[account].status;
            operatorApproved = latest.since != 0 && latest.until == 0;
            if (status != MemberStatus.Active || !operatorApproved) return (index, status, operatorApproved);
        }
        return (n, MemberStatus.Active, true);
    }

    /// @inheritdoc ICreditNetwork
    function obligationOperatorApproval(
        address account,
        address operator
    ) external view returns (uint40 since, uint40 until) {
        OperatorApproval storage latest = _operatorLatest[account][operator];
        return (latest.since, latest.until);
    }

    /// @inheritdoc ICreditNetwork
    function obligationOperatorApprovedAt(
        address account,
        address operator,
        uint256 time
    ) external view returns (bool) {
        return _approvedAt(account, operator, time);
    }

    /// @inheritdoc ICreditNetwork
    function signatureNonce(address signer, address counterparty) external view returns (uint256) {
        return nonces(signer, uint192(uint160(counterparty)));
    }

    /// @inheritdoc ICreditNetwork
    function member(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @inheritdoc ICreditNetwork
    function creditLimit(address giver, address receiver) external view returns (uint256) {
        return _limitOf(giver, receiver);
    }

    /// @inheritdoc ICreditNetwork
    function creditOffer(address giver, address receiver) external view returns (uint256) {
        return _offers[giver][receiver];
    }

    /// @inheritdoc ICreditNetwork
    function balance(address a, address b) external view returns (int256) {
        return _claim(a, b);
    }

    /// @inheritdoc ICreditNetwork
    function payCapacity(address from, address to) external view returns (uint256) {
        if (from == to) return 0;
        int256 room = _claim(from, to) + int256(_limitOf(to, from));
        return room > 0 ? uint256(room) : 0;
    }

    /// @inheritdoc ICreditNetwork
    function obligation(uint256 id) external view returns (Obligation memory) {
        ObligationData storage o = _obligations[id];
        uint8 flags = o.flags;
        address proposer = flags & _CREDITOR_PROPOSED_BIT != 0 ? o.creditor : o.debtor;
        return
            Obligation({
                debtor: o.debtor,
                creditor: o.creditor,
                amount: o.amount,
                remaining: o.remaining,
                dueDate: o.dueDate,
                status: _status(o),
                proposer: proposer,
                cancelRequestedBy: flags & _BOTH_BITS
            });
    }

    /// @inheritdoc ICreditNetwork
    function obligationCount() external view returns (uint256) {
        return _totals.obligationCount;
    }

    /// @inheritdoc ICreditNetwork
    function epochCount() external view returns (uint256) {
        return _totals.epochCount;
    }

    /// @inheritdoc ICreditNetwork
    function outstanding() external view returns (uint256) {
        return _totals.outstanding;
    }

    /// @inheritdoc ICreditNetwork
    function netInternalDebt() external view returns (uint256) {
        return _netInternalDebt;
    }

    /// @inheritdoc ICreditNetwork
    function netPosition(address account) external view returns (int256) {
        return _netPositions[account];
    }

    // ------------------------------------------------------------------------------------------------ internals

    /// @dev Moves `amount` from `from` along `path`, checking every hop. Intermediaries must be active.
    function _payAlong(address from, address[] calldata path, uint256 amount) private {
        uint256 hops = path.length;
        if (hops == 0 || hops > MAX_HOPS) revert InvalidPathLength(hops, MAX_HOPS);
        _checkAmount(amount);
        bool fromSuspended = _standing(from);
        address a = from;
        uint256 last = hops - 1;
        for (uint256 i = 0; i < hops; ++i) {
            address b = path[i];
            bool settleOnly = fromSuspended;
            if (i == last) {
                settleOnly = settleOnly || _standing(b);
            } else {
                _requireActive(b);
            }
            _hop(i, a, b, amount, settleOnly);
            a = b;
            fromSuspended = false;
        }
    }

    /// @dev One hop: `a`'s claim on `b` falls by `amount` (a pays b). Reverts if a's resulting debt to b exceeds
    /// the limit b gives a; a hop that leaves a with a claim >= 0 needs no limit (it pays down b's debt). With
    /// `settleOnly` (a suspended party) the hop must leave a's claim >= 0, so that neither side gains new credit.
    function _hop(uint256 hop, address a, address b, uint256 amount, bool settleOnly) private {
        if (a == b) revert SelfDealing(a);
        bool aLow = a < b;
        Pair storage p = aLow ? _pairs[a][b] : _pairs[b][a];
        int256 balance_ = p.balance;
        // |balance| <= 2^128 - 1 (it only grows within a limit) and amount <= 2^128 - 1: no overflow.
        int256 claim = (aLow ? balance_ : -balance_) - int256(amount);
        if (claim < 0) {
            if (settleOnly) revert MemberIsSuspended(_members[a].status == MemberStatus.Suspended ? a : b);
            uint256 limit = aLow ? p.highGives : p.lowGives;
            uint256 needed = uint256(-claim);
            if (needed > limit) {
                if (limit == 0) revert CreditLineNotAccepted(b, a);
                revert CreditLimitExceeded(hop, a, b, limit, needed);
            }
        }
        p.balance = aLow ? claim : -claim;
        emit BalanceUpdated(a, b, claim);
    }

    /// @dev Applies the set-offs of a batch, recording each vertex's delta; returns their sum.
    function _applySetOffs(
        ClearingVerification.Batch memory batch,
        SetOff[] calldata setOffs,
        uint256 epoch
    ) private returns (uint256 cleared) {
        uint256 previousId;
        for (uint256 i = 0; i < setOffs.length; ++i) {
            uint256 id = setOffs[i].obligationId;
            uint256 amount = setOffs[i].amount;
            ClearingVerification.checkSetOffOrder(i, id, previousId);
            previousId = id;
            ObligationData storage o = _obligations[id];
            address debtor = o.debtor;
            uint256 remaining = o.remaining;
            if (o.state != _OPEN || remaining == 0) {
                if (debtor == address(0)) revert UnknownObligation(id);
                revert WrongObligationStatus(id, _status(o), ObligationStatus.Open);
            }
            remaining = ClearingVerification.setOff(id, remaining, amount);
            unchecked {
                cleared += amount; // each amount < 2^96, fewer than 2^64 of them
            }
            o.remaining = uint96(remaining);
            // Set-off s: the debtor owes s less (+s), the creditor is owed s less (-s).
            _touch(batch, debtor, int256(amount));
            _touch(batch, o.creditor, -int256(amount));
            emit ObligationCleared(id, epoch, amount, remaining);
        }
    }

    /// @dev Applies the credit moves of a batch (each a checked hop payer -> payee); returns their sum.
    function _applyMoves(
        ClearingVerification.Batch memory batch,
        CreditMove[] calldata moves
    ) private returns (uint256 moved) {
        address previousPayer;
        address previousPayee;
        for (uint256 i = 0; i < moves.length; ++i) {
            address payer = moves[i].payer;
            address payee = moves[i].payee;
            uint256 amount = moves[i].amount;
            ClearingVerification.checkMoveOrder(i, payer, payee, previousPayer, previousPayee);
            previousPayer = payer;
            previousPayee = payee;
            _checkAmount(amount);
            Member memory payeeData = _members[payee];
            if (!payeeData.liquidity) revert LiquidityNotOffered(payee);
            // A credit move p -> q counts like a set-off on an obligation q owes p: payer -t, payee +t.
            _touch(batch, payer, -int256(amount));
            _touch(batch, payee, int256(amount));
            bool settleOnly =
                payeeData.status == MemberStatus.Suspended || _members[payer].status == MemberStatus.Suspended;
            _hop(i, payer, payee, amount, settleOnly);
            // The obligation net positions absorb the move: payer +t, payee -t (combined positions unchanged).
            _shiftNet(payer, int256(amount));
            _shiftNet(payee, -int256(amount));
            unchecked {
                moved += amount; // each amount <= 2^128 - 1, bounded by the batch length
            }
        }
    }

    /// @dev Sets off what is left of bridge obligation `id` (it must be open), recording the vertices' deltas like
    /// a set-off; returns the amount.
    function _settleBridge(
        ClearingVerification.Batch memory batch,
        uint256 id,
        uint256 epoch
    ) private returns (uint256 amount) {
        ObligationData storage o = _obligations[id];
        amount = o.remaining;
        if (o.state != _OPEN || amount == 0) revert WrongObligationStatus(id, _status(o), ObligationStatus.Open);
        o.remaining = 0;
        _touch(batch, o.debtor, int256(amount));
        _touch(batch, o.creditor, -int256(amount));
        emit ObligationCleared(id, epoch, amount, 0);
    }

    /// @dev Records `bridge` as an open obligation of split clearing `solutionId` without moving net positions, and
    /// its vertices' deltas in `batch`; `totals` is the caller's copy, whose obligation count and outstanding it bumps.
    function _newBridge(
        ClearingVerification.Batch memory batch,
        Totals memory totals,
        Bridge calldata bridge,
        bytes32 solutionId
    ) private returns (uint256 id) {
        address debtor = bridge.debtor;
        address creditor = bridge.creditor;
        uint256 amount = bridge.amount;
        if (debtor == creditor) revert SelfDealing(debtor);
        _requireActive(debtor);
        _requireActive(creditor);
        if (amount > MAX_OBLIGATION) revert AmountTooLarge(amount, MAX_OBLIGATION);
        id = uint256(totals.obligationCount) + 1;
        totals.obligationCount = uint64(id);
        totals.outstanding += uint128(amount); // amount < 2^96; checked add
        _obligations[id] = ObligationData({
            debtor: debtor,
            remaining: uint96(amount),
            creditor: creditor,
            dueDate: 0,
            state: _OPEN,
            flags: 0,
            amount: uint96(amount)
        });
        _touch(batch, debtor, -int256(amount));
        _touch(batch, creditor, int256(amount));
        emit ObligationRecorded(id, debtor, creditor, amount, 0, solutionId, msg.sender);
        emit ObligationAccepted(id, msg.sender);
    }

    /// @dev Stores the totals after a part of a split clearing (whose `totals.outstanding` already counts the new
    /// bridge of `bridged`) and emits {ClearingBridged} and {ClearingCompleted} (with the outstanding before the part).
    function _finishPart(Totals memory totals, Part memory part, bytes32 solutionId, uint256 bridged) private {
        uint256 withBridge = totals.outstanding;
        // cleared <= sum of remaining <= outstanding before the part (CN-4)
        totals.outstanding = uint128(withBridge - part.cleared);
        totals.epochCount = uint64(part.epoch);
        _totals = totals;
        emit ClearingBridged(solutionId, part.epoch, part.bridgeId, part.settledId);
        _emitCompleted(part.epoch, solutionId, withBridge - bridged, part.cleared, part.moved, part.edges);
    }

    function _emitCompleted(
        uint256 epoch,
        bytes32 solutionId,
        uint256 before,
        uint256 cleared,
        uint256 moved,
        uint256 edges
    ) private {
        emit ClearingCompleted(epoch, msg.sender, solutionId, before, cleared, moved, _netInternalDebt, edges);
    }

    /// @dev Whether `account` is restricted to settling (suspended); reverts for non-members.
    function _standing(address account) private view returns (bool suspended) {
        MemberStatus status = _members[account].status;
        if (status == MemberStatus.None) revert NotNetworkMember(account);
        return status == MemberStatus.Suspended;
    }

    /// @dev Reverts unless `party` approved the caller as its obligation operator at `agreedAt` (CN-8).
    function _requireApprovedAt(address party, uint256 agreedAt) private view {
        if (!_approvedAt(party, msg.sender, agreedAt)) revert OperatorNotApproved(party, msg.sender, agreedAt);
    }

    /// @dev Whether `time` falls in one of `account`'s approval periods of `operator`: the latest if it started at or
    /// before `time` (one read), else the last earlier period starting at or before it, by binary search (a member's
    /// own toggling costs at most log2 of its periods here); that period must not have ended before `time`.
    function _approvedAt(address account, address operator, uint256 time) private view returns (bool) {
        OperatorApproval memory latest = _operatorLatest[account][operator];
        if (latest.since != 0 && latest.since <= time) return latest.until == 0 || time <= latest.until;
        OperatorApproval[] storage periods = _operatorPast[account][operator];
        uint256 lo = 0;
        uint256 hi = periods.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (periods[mid].since <= time) lo = mid + 1;
            else hi = mid;
        }
        if (lo == 0) return false;
        uint256 until = periods[lo - 1].until;
        return until == 0 || time <= until;
    }

    function _requireActive(address account) private view {
        MemberStatus status = _members[account].status;
        if (status == MemberStatus.None) revert NotNetworkMember(account);
        if (status == MemberStatus.Suspended) revert MemberIsSuspended(account);
    }

    function _checkAmount(uint256 amount) private pure {
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_LIMIT) revert AmountTooLarge(amount, MAX_LIMIT);
    }

    /// @dev `a`'s claim on `b` (positive: b owes a).
    function _claim(address a, address b) private view returns (int256) {
        if (a == b) return 0;
        return a < b ? _pairs[a][b].balance : -_pairs[b][a].balance;
    }

    function _limitOf(address giver, address receiver) private view returns (uint256) {
        if (giver == receiver) return 0;
        return giver < receiver ? _pairs[giver][receiver].lowGives : _pairs[receiver][giver].highGives;
    }

    function _setLimit(address giver, address receiver, uint256 limit) private {
        // limit <= MAX_LIMIT, checked by the callers
        if (giver < receiver) _pairs[giver][receiver].lowGives = uint128(limit);
        else _pairs[receiver][giver].highGives = uint128(limit);
    }

    function _record(
        address debtor,
        address creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref,
        uint8 state,
        address proposer
    ) private returns (uint256 id) {
        if (debtor == creditor) revert SelfDealing(debtor);
        _requireActive(debtor);
        _requireActive(creditor);
        if (amount == 0) revert ZeroAmount();
        if (amount > MAX_OBLIGATION) revert AmountTooLarge(amount, MAX_OBLIGATION);
        if (dueDate > type(uint40).max) revert AmountTooLarge(dueDate, type(uint40).max);
        Totals storage totals = _totals;
        id = uint256(totals.obligationCount) + 1;
        totals.obligationCount = uint64(id);
        _obligations[id] = ObligationData({
            debtor: debtor,
            remaining: uint96(amount),
            creditor: creditor,
            dueDate: uint40(dueDate),
            state: state,
            flags: proposer == creditor ? _CREDITOR_PROPOSED_BIT : 0,
            amount: uint96(amount)
        });
        emit ObligationRecorded(id, debtor, creditor, amount, dueDate, ref, proposer);
        if (state == _OPEN) _open(debtor, creditor, amount);
    }

    /// @dev An obligation of `amount` opens: positions and totals grow.
    function _open(address debtor, address creditor, uint256 amount) private {
        _totals.outstanding += uint128(amount); // amount < 2^96; checked add
        _shiftNet(debtor, -int256(amount));
        _shiftNet(creditor, int256(amount));
    }

    /// @dev `amount` of an open obligation is paid or cancelled: positions and totals shrink.
    function _close(address debtor, address creditor, uint256 amount) private {
        _totals.outstanding -= uint128(amount); // amount <= remaining <= outstanding
        _shiftNet(debtor, int256(amount));
        _shiftNet(creditor, -int256(amount));
    }

    /// @dev Adds `delta` to `account`'s obligation net position and keeps NID = sum of positive positions (CN-5).
    function _shiftNet(address account, int256 delta) private {
        int256 oldPosition = _netPositions[account];
        int256 newPosition = oldPosition + delta;
        _netPositions[account] = newPosition;
        uint256 oldPositive = oldPosition > 0 ? uint256(oldPosition) : 0;
        uint256 newPositive = newPosition > 0 ? uint256(newPosition) : 0;
        if (newPositive != oldPositive) _netInternalDebt = _netInternalDebt + newPositive - oldPositive;
    }

    /// @dev Adds `delta` to `vertex`'s batch delta, registering the vertex (and checking its consent) on first touch.
    function _touch(ClearingVerification.Batch memory batch, address vertex, int256 delta) private {
        uint256 index = ClearingVerification.vertexIndex(vertex);
        if (index == 0) {
            if (!_members[vertex].clearing) revert ClearingNotConsented(vertex);
            uint256 count = batch.count;
            batch.vertices[count] = vertex;
            batch.deltas[count] = delta;
            unchecked {
                batch.count = ++count;
            }
            ClearingVerification.setVertexIndex(vertex, count);
        } else {
            unchecked {
                batch.deltas[index - 1] += delta; // |delta| < 2^128 per touch, fewer than 2^64 touches
            }
        }
    }

    function _existing(uint256 id) private view returns (ObligationData storage o) {
        o = _obligations[id];
        if (o.debtor == address(0)) revert UnknownObligation(id);
    }

    function _status(ObligationData storage o) private view returns (ObligationStatus) {
        uint8 state = o.state;
        if (state == 0) return ObligationStatus.None;
        if (state == _OPEN) return o.remaining == 0 ? ObligationStatus.Settled : ObligationStatus.Open;
        if (state == _CANCELLED) return ObligationStatus.Cancelled;
        return ObligationStatus.Proposed;
    }

    function _rejectAcceptor(uint256 id, address proposer, address debtor, address creditor) private view {
        if (msg.sender == proposer) revert ProposerCannotAccept(id, proposer);
        revert NotParty(msg.sender, debtor, creditor);
    }
}
