// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICreditNetwork} from "../credit/ICreditNetwork.sol";
import {IDesignCommons} from "../commons/IDesignCommons.sol";
import {ClusterRules} from "./ClusterRules.sol";
import {IClusterExchange} from "./IClusterExchange.sol";

/// @title Micro-cluster exchange
/// @notice See {IClusterExchange}: intents, matches checked against both intents' terms, orders in the open, and
/// settlement on the credit network as an obligation recorded through this contract as both parties' operator.
/// @dev Storage per intent: one word, the top 160 bits of its terms' hash over the quantity matched (96 bits; it never
/// exceeds the intent's quantity, so adding to the word never reaches the hash). Per order: the hash of its record.
contract ClusterExchange is IClusterExchange, ReentrancyGuardTransient {
    /// @inheritdoc IClusterExchange
    uint40 public constant ACCEPT_WINDOW = 7 days;
    /// @inheritdoc IClusterExchange
    uint40 public constant LATE_GRACE = 7 days;
    /// @inheritdoc IClusterExchange
    uint40 public constant CONFIRM_WINDOW = 14 days;

    /// @inheritdoc IClusterExchange
    ICreditNetwork public immutable CREDIT;
    /// @inheritdoc IClusterExchange
    IDesignCommons public immutable DESIGNS;

    uint256 private constant _MATCHED_MASK = type(uint96).max;
    bytes32 private immutable _STEWARD_ROLE;
    uint256 private immutable _MAX_OBLIGATION;

    /// @dev Intent id => top 160 bits of its terms' hash (0: withdrawn or unknown) | quantity matched.
    mapping(uint64 intentId => uint256 word) private _intents;
    mapping(uint64 orderId => bytes32 recordHash) private _orders;
    uint64 private _intentCount;
    uint64 private _orderCount;

    /// @param credit The cluster's credit network (its members trade; deliveries are settled on it).
    /// @param designs The design commons intents may name designs of.
    constructor(ICreditNetwork credit, IDesignCommons designs) {
        CREDIT = credit;
        DESIGNS = designs;
        _STEWARD_ROLE = credit.STEWARD_ROLE();
        _MAX_OBLIGATION = credit.MAX_OBLIGATION();
    }

    // ------------------------------------------------------------------------------------------ intents

    /// @inheritdoc IClusterExchange
    function postIntent(IntentTerms calldata terms) external returns (uint64 intentId) {
        if (terms.owner != msg.sender) revert NotIntentOwner(0, msg.sender);
        _checkNewTerms(terms);
        _requireTrader(terms.owner);
        unchecked {
            intentId = ++_intentCount; // 2^64 intents are out of reach
        }
        _intents[intentId] = _hashOf(terms);
        emit IntentPosted(intentId, terms.owner, terms.side, terms);
    }

    /// @inheritdoc IClusterExchange
    function updateIntent(uint64 intentId, IntentTerms calldata current, IntentTerms calldata next) external {
        uint256 word = _ownIntent(intentId, current);
        if (next.owner != current.owner || next.side != current.side) revert OwnerOrSideChanged(intentId);
        _checkNewTerms(next);
        uint96 matched = uint96(word);
        if (next.quantity < matched) revert QuantityBelowMatched(intentId, next.quantity, matched);
        _intents[intentId] = _hashOf(next) | matched;
        emit IntentUpdated(intentId, next);
    }

    /// @inheritdoc IClusterExchange
    function withdrawIntent(uint64 intentId, IntentTerms calldata current) external {
        uint96 matched = uint96(_ownIntent(intentId, current));
        _intents[intentId] = matched;
        emit IntentWithdrawn(intentId, matched);
    }

    // ------------------------------------------------------------------------------------------ matching

    /// @inheritdoc IClusterExchange
    function submitMatches(
        IntentRef[] calldata intents,
        Match[] calldata matches
    ) external returns (uint64 firstOrderId) {
        if (matches.length == 0) revert EmptyBatch();
        uint256 n = intents.length;
        // The intents' terms, copied from calldata to memory once; each one's are read from there only after their
        // hash matched the stored one (so they are canonical: see _matchableIntent).
        IntentTerms[] memory terms = _copyTerms(intents);
        uint256[] memory words = new uint256[](n);
        address[] memory owners = new address[](n);
        uint64 previous = 0;
        for (uint256 i = 0; i < n; ++i) {
            uint64 id = intents[i].id;
            if (id <= previous) revert IntentsNotSorted(i, id);
            previous = id;
            IntentTerms memory t = terms[i];
            words[i] = _matchableIntent(id, t);
            owners[i] = t.owner;
        }
        _requireTraders(owners);
        uint64 orderId = _orderCount;
        firstOrderId = orderId + 1;
        for (uint256 k = 0; k < matches.length; ++k) {
            unchecked {
                ++orderId; // 2^64 orders are out of reach
            }
            _match(orderId, matches[k], terms, words);
        }
        _orderCount = orderId;
        for (uint256 i = 0; i < n; ++i) _intents[intents[i].id] = words[i];
    }

    /// @dev Checks match `m` of a batch against its intents (their verified `terms` and stored `words`, updated here)
    /// and records it as order `orderId`.
    function _match(uint64 orderId, Match calldata m, IntentTerms[] memory terms, uint256[] memory words) private {
        (uint256 o, uint256 d, uint96 q, uint96 price) = (m.offer, m.need, m.quantity, m.price);
        if (o >= words.length) revert IntentIndexOutOfRange(o);
        if (d >= words.length) revert IntentIndexOutOfRange(d);
        (IntentTerms memory offer, IntentTerms memory need) = (terms[o], terms[d]);
        (uint64 offerId, uint64 needId) = (_idOf(offer), _idOf(need));
        ClusterRules.checkMatch(offerId, offer, needId, need, price, block.timestamp);
        if (q == 0) revert ZeroQuantity();
        words[o] = _take(words[o], offerId, offer.quantity, q);
        words[d] = _take(words[d], needId, need.quantity, q);
        {
            uint256 amount = uint256(q) * price;
            if (amount > _MAX_OBLIGATION) revert OrderTooLarge(amount, _MAX_OBLIGATION);
        }
        _recordOrder(orderId, offerId, needId, offer, need, q, price);
        emit OrderMatched(orderId, offerId, needId, q, price, msg.sender);
    }

    // ------------------------------------------------------------------------------------------ orders

    /// @inheritdoc IClusterExchange
    function acceptOrder(uint64 orderId, Order calldata order, uint40 promisedAt) external {
        Order memory o = _order(orderId, order, OrderState.Matched);
        if (msg.sender != o.producer) revert NotAllowed(orderId, msg.sender);
        uint40 deadline = o.matchedAt + ACCEPT_WINDOW;
        if (block.timestamp > deadline) revert AcceptWindowClosed(orderId, deadline);
        if (promisedAt < block.timestamp || promisedAt > o.dueBy) revert InvalidPromise(promisedAt, o.dueBy);
        o.promisedAt = promisedAt;
        _store(orderId, o, OrderState.Accepted);
        emit OrderAccepted(orderId, promisedAt, uint40(block.timestamp));
    }

    /// @inheritdoc IClusterExchange
    function startProduction(uint64 orderId, Order calldata order) external {
        Order memory o = _order(orderId, order, OrderState.Accepted);
        if (msg.sender != o.producer) revert NotAllowed(orderId, msg.sender);
        _store(orderId, o, OrderState.InProduction);
        emit OrderInProduction(orderId, uint40(block.timestamp));
    }

    /// @inheritdoc IClusterExchange
    function shipOrder(uint64 orderId, Order calldata order) external {
        Order memory o = _order(orderId, order, OrderState.None);
        if (o.state != OrderState.Accepted && o.state != OrderState.InProduction) {
            revert WrongOrderState(orderId, o.state);
        }
        if (msg.sender != o.producer) revert NotAllowed(orderId, msg.sender);
        o.shippedAt = uint40(block.timestamp);
        _store(orderId, o, OrderState.Shipped);
        emit OrderShipped(orderId, uint40(block.timestamp));
    }

    /// @inheritdoc IClusterExchange
    function confirmDelivery(
        uint64 orderId,
        Order calldata order
    ) external nonReentrant returns (uint256 obligationId) {
        Order memory o = _order(orderId, order, OrderState.Shipped);
        if (msg.sender != o.buyer) revert NotAllowed(orderId, msg.sender);
        return _deliver(orderId, o, o.quantity);
    }

    /// @inheritdoc IClusterExchange
    function settleUnconfirmed(
        uint64 orderId,
        Order calldata order
    ) external nonReentrant returns (uint256 obligationId) {
        Order memory o = _order(orderId, order, OrderState.Shipped);
        if (msg.sender != o.producer) revert NotAllowed(orderId, msg.sender);
        uint40 from = o.shippedAt + CONFIRM_WINDOW;
        if (block.timestamp <= from) revert TooEarly(orderId, from + 1);
        return _deliver(orderId, o, o.quantity);
    }

    /// @inheritdoc IClusterExchange
    function cancelOrder(uint64 orderId, Order calldata order) external {
        Order memory o = _order(orderId, order, OrderState.None);
        OrderState s = o.state;
        if (s != OrderState.Matched && s != OrderState.Accepted && s != OrderState.InProduction) {
            revert WrongOrderState(orderId, s);
        }
        if (msg.sender == o.buyer) {
            // The buyer waits out the producer's window: to accept, or to ship by the promised date.
            uint40 from = s == OrderState.Matched ? o.matchedAt + ACCEPT_WINDOW : o.promisedAt + LATE_GRACE;
            if (block.timestamp <= from) revert TooEarly(orderId, from + 1);
        } else if (msg.sender != o.producer) {
            revert NotAllowed(orderId, msg.sender);
        }
        _store(orderId, o, OrderState.Cancelled);
        // The quantity goes back to both intents (withdrawn ones too: their matched part shrinks).
        _intents[o.offerId] -= o.quantity;
        _intents[o.needId] -= o.quantity;
        emit OrderCancelled(orderId, msg.sender, o.quantity, uint40(block.timestamp));
    }

    /// @inheritdoc IClusterExchange
    function disputeOrder(uint64 orderId, Order calldata order, bytes32 reason) external {
        Order memory o = _order(orderId, order, OrderState.Shipped);
        if (msg.sender != o.buyer) revert NotAllowed(orderId, msg.sender);
        uint40 deadline = o.shippedAt + CONFIRM_WINDOW;
        if (block.timestamp > deadline) revert ConfirmWindowClosed(orderId, deadline);
        _store(orderId, o, OrderState.Disputed);
        emit OrderDisputed(orderId, reason, uint40(block.timestamp));
    }

    /// @inheritdoc IClusterExchange
    function resolveDispute(
        uint64 orderId,
        Order calldata order,
        uint96 delivered
    ) external nonReentrant returns (uint256 obligationId) {
        Order memory o = _order(orderId, order, OrderState.Disputed);
        if (!IAccessControl(address(CREDIT)).hasRole(_STEWARD_ROLE, msg.sender)) revert NotAllowed(orderId, msg.sender);
        if (delivered > o.quantity) revert DeliveredQuantityTooLarge(delivered, o.quantity);
        if (delivered > 0) return _deliver(orderId, o, delivered);
        _store(orderId, o, OrderState.Cancelled);
        emit OrderCancelled(orderId, msg.sender, 0, uint40(block.timestamp));
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IClusterExchange
    function intentCount() external view returns (uint64) {
        return _intentCount;
    }

    /// @inheritdoc IClusterExchange
    function orderCount() external view returns (uint64) {
        return _orderCount;
    }

    /// @inheritdoc IClusterExchange
    function intent(uint64 intentId) external view returns (bytes20 termsHash, uint96 matched) {
        uint256 word = _intents[intentId];
        return (bytes20(bytes32(word)), uint96(word));
    }

    /// @inheritdoc IClusterExchange
    function orderHash(uint64 orderId) external view returns (bytes32) {
        return _orders[orderId];
    }

    /// @inheritdoc IClusterExchange
    function hashTerms(IntentTerms calldata terms) external pure returns (bytes20) {
        return bytes20(bytes32(_hashOf(terms)));
    }

    // ------------------------------------------------------------------------------------------ internals

    /// @dev The top 160 bits of keccak256(abi.encode(terms)), in place (the low 96 bits zero).
    function _hashOf(IntentTerms calldata terms) private pure returns (uint256) {
        return (uint256(keccak256(abi.encode(terms))) >> 96) << 96;
    }

    /// @dev Terms a post or an update may set now: well formed, and a design the commons holds.
    function _checkNewTerms(IntentTerms calldata terms) private view {
        ClusterRules.checkTerms(terms, block.timestamp);
        uint64 designId = terms.designId;
        if (designId != 0 && designId > DESIGNS.designCount()) revert UnknownDesign(designId);
    }

    /// @dev Reverts unless `account` may trade: active, and approving this exchange as its obligation operator (one
    /// call to the network).
    function _requireTrader(address account) private view {
        (ICreditNetwork.MemberStatus status, bool approved) = CREDIT.standingWith(account, address(this));
        if (status != ICreditNetwork.MemberStatus.Active) revert NotActiveMember(account);
        if (!approved) revert ExchangeNotApproved(account);
    }

    /// @dev Reverts unless every one of `accounts` may trade (as {_requireTrader}), in one call to the network.
    function _requireTraders(address[] memory accounts) private view {
        (uint256 i, ICreditNetwork.MemberStatus status, ) = CREDIT.firstOutOfStanding(accounts, address(this));
        if (i == accounts.length) return;
        if (status != ICreditNetwork.MemberStatus.Active) revert NotActiveMember(accounts[i]);
        revert ExchangeNotApproved(accounts[i]);
    }

    /// @dev The terms of `intents`, copied from calldata to memory as they lie there: every field of IntentTerms is
    /// static, so a memory IntentTerms is its 13 words in ABI order (each IntentRef is 14 words: its id, then those).
    /// Built here rather than element by element, as Solidity would first allocate a zeroed struct for each.
    function _copyTerms(IntentRef[] calldata intents) private pure returns (IntentTerms[] memory terms) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let n := intents.length
            terms := mload(0x40)
            mstore(terms, n)
            let copy := add(terms, shl(5, add(n, 1))) // after the array of n pointers
            calldatacopy(copy, intents.offset, mul(n, 0x1c0))
            for {
                let i := 0
            } lt(i, n) {
                i := add(i, 1)
            } {
                mstore(add(terms, shl(5, add(i, 1))), add(copy, add(mul(i, 0x1c0), 0x20)))
            }
            mstore(0x40, add(copy, mul(n, 0x1c0)))
        }
    }

    /// @dev The id of the intent whose terms `t` are in a copy made by {_copyTerms}: the word before them, read from
    /// calldata as a uint64 (validated) by the batch's first loop, so clean.
    function _idOf(IntentTerms memory t) private pure returns (uint64 id) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            id := mload(sub(t, 0x20))
        }
    }

    /// @dev As {_activeIntent}, for terms `t` copied from calldata ({_copyTerms}). Every field of IntentTerms is static,
    /// so its ABI encoding is its 13 words as they lay in calldata: for a canonical encoding the hash is
    /// keccak256(abi.encode(terms)), and any other (dirty high bits) hashes to another value, which mismatches the
    /// stored hash of canonical terms. So once this returns, `t`'s words are clean and read without validation.
    function _matchableIntent(uint64 intentId, IntentTerms memory t) private view returns (uint256 word) {
        word = _intents[intentId];
        if (word >> 96 == 0) revert IntentNotActive(intentId);
        uint256 h;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            h := shl(96, shr(96, keccak256(t, 0x1a0)))
        }
        if (word & ~_MATCHED_MASK != h) revert IntentTermsMismatch(intentId);
    }

    /// @dev The stored word of active intent `intentId`, after checking `terms` are its current terms.
    function _activeIntent(uint64 intentId, IntentTerms calldata terms) private view returns (uint256 word) {
        word = _intents[intentId];
        if (word >> 96 == 0) revert IntentNotActive(intentId);
        if (word & ~_MATCHED_MASK != _hashOf(terms)) revert IntentTermsMismatch(intentId);
    }

    /// @dev As {_activeIntent}, and the caller must own it.
    function _ownIntent(uint64 intentId, IntentTerms calldata current) private view returns (uint256 word) {
        word = _activeIntent(intentId, current);
        if (current.owner != msg.sender) revert NotIntentOwner(intentId, msg.sender);
    }

    /// @dev `word` with `q` more matched, within `quantity` (CX-1).
    function _take(uint256 word, uint64 intentId, uint96 quantity, uint96 q) private pure returns (uint256) {
        uint96 remaining = quantity - uint96(word);
        if (q > remaining) revert QuantityExceedsRemaining(intentId, q, remaining);
        return word + q;
    }

    /// @dev Stores new order `orderId`'s record: `q` of offer `offerId` (terms `offer`) for need `needId` (terms
    /// `need`) at `price`, matched now. Its hash is keccak256(abi.encode(order)), encoded from the fields (an Order's
    /// are all static, so its encoding is theirs in order) rather than from a built Order: one allocation, not two.
    function _recordOrder(
        uint64 orderId,
        uint64 offerId,
        uint64 needId,
        IntentTerms memory offer,
        IntentTerms memory need,
        uint96 q,
        uint96 price
    ) private {
        _orders[orderId] = keccak256(
            abi.encode(
                offerId,
                needId,
                offer.owner,
                need.owner,
                offer.designId,
                q,
                price,
                uint40(block.timestamp),
                need.end,
                uint40(0),
                uint40(0),
                OrderState.Matched
            )
        );
    }

    /// @dev Order `orderId`'s record after checking `order` is it (and, unless `expected` is None, in that state).
    function _order(uint64 orderId, Order calldata order, OrderState expected) private view returns (Order memory) {
        bytes32 stored = _orders[orderId];
        if (stored == bytes32(0)) revert UnknownOrder(orderId);
        if (keccak256(abi.encode(order)) != stored) revert OrderRecordMismatch(orderId);
        if (expected != OrderState.None && order.state != expected) revert WrongOrderState(orderId, order.state);
        return order;
    }

    /// @dev Stores order `orderId`'s record `o` in state `state`.
    function _store(uint64 orderId, Order memory o, OrderState state) private {
        o.state = state;
        _orders[orderId] = keccak256(abi.encode(o));
    }

    /// @dev Delivers `quantity` of order `orderId` (CX-2: the record turns Delivered before the obligation is recorded,
    /// CX-3: one obligation of quantity × price from the buyer to the producer).
    function _deliver(uint64 orderId, Order memory o, uint96 quantity) private returns (uint256 obligationId) {
        _store(orderId, o, OrderState.Delivered);
        uint256 amount = uint256(quantity) * o.price;
        // Agreed when matched: both traders approved this exchange then (checked by submitMatches), so a later
        // withdrawal of that approval does not undo the agreement (CN-8).
        obligationId = CREDIT.recordObligationAsOperator(
            o.buyer,
            o.producer,
            amount,
            block.timestamp,
            bytes32(uint256(orderId)),
            o.matchedAt
        );
        emit OrderDelivered(orderId, obligationId, quantity, amount, msg.sender, uint40(block.timestamp));
        if (o.designId != 0) _reportProduction(orderId, o.designId, o.producer, quantity);
    }

    /// @dev Reports `units` of design `designId` delivered by `producer` for order `orderId` to the design commons (CX-5):
    /// the commons never reverts for the licence's state (and `units` > 0), so the delivery never fails for it.
    function _reportProduction(uint64 orderId, uint64 designId, address producer, uint96 units) private {
        (IDesignCommons.ReportOutcome outcome, , ) = DESIGNS.reportProductionAsOperator(
            designId,
            producer,
            units,
            bytes32(uint256(orderId))
        );
        if (outcome != IDesignCommons.ReportOutcome.Reported) {
            emit ProductionReportSkipped(orderId, designId, producer, outcome);
        }
    }
}
