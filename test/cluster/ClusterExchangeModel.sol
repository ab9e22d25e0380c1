// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {HandlerBase} from "../utils/HandlerBase.sol";
import {IClusterExchange} from "../../contracts/cluster/IClusterExchange.sol";
import {GeoMath} from "../../contracts/cluster/GeoMath.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";

/// @notice Ghost model of ClusterExchange for its invariant handler: the actors' standing on the credit network and
/// their approval of the exchange (every [since, until] period, CN-8), every intent's current terms and matched quantity, every order's record (and the
/// one before its last step, to replay), the terms both intents had when it was matched, and what its delivery
/// recorded; the rules of terms and matches written from the interface's NatSpec (GeoMath is the distance's definition,
/// tested against the SDK apart); and the predictors of every call's exact revert data.
abstract contract ClusterExchangeModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- constants

    /// @dev Actors: 0..4 members who approved the exchange (3 and 4 are one attacker's two addresses), 5 a member who
    /// has not (yet), 6 an outsider (no member).
    uint256 public constant N = 7;
    uint256 internal constant MEMBERS = 6;
    uint256 internal constant MAX_INTENTS = 160;
    uint256 internal constant MAX_ORDERS = 160;
    uint64 internal constant DESIGNS = 2;
    int32 internal constant CITY_LAT = 44_493_700;
    int32 internal constant CITY_LON = 11_343_000;
    uint40 internal constant ACCEPT_WINDOW = 7 days;
    uint40 internal constant LATE_GRACE = 7 days;
    uint40 internal constant CONFIRM_WINDOW = 14 days;
    uint96 internal constant UNIT = 1e6;

    address[N] public actors;
    /// @dev The exchange's address, for the credit network's refusals that name it.
    address internal _exchangeAddress;

    // ------------------------------------------------------------------------------------------- ghost state

    struct GIntent {
        IClusterExchange.IntentTerms terms;
        bool active;
        uint96 matched;
    }

    struct GOrder {
        IClusterExchange.Order rec;
        IClusterExchange.Order prev; // the record before the last step (a replay of an older state)
        IClusterExchange.IntentTerms offer; // the intents' terms when it was matched (CX-4)
        IClusterExchange.IntentTerms need;
        bool ownersActive; // both owners were active members then
        bool ownersApproved; // both owners approved the exchange then
        bool returned; // cancelled before shipping: its quantity went back to both intents
        uint96 delivered;
        uint256 obligationId;
        uint256 deliveries;
    }

    mapping(address => uint256) internal _actorOf; // address => actor index + 1
    ICreditNetwork.MemberStatus[N] public gStatus;
    /// @dev Each actor's latest approval of the exchange on the credit network: since when (0: never) and until when
    /// (0: standing), as the network keeps it.
    uint40[N] public gSince;
    uint40[N] public gUntil;
    /// @dev Every approval period of each actor, oldest first (the network keeps them all, CN-8).
    struct GPeriod {
        uint40 since;
        uint40 until;
    }
    mapping(uint256 actor => GPeriod[]) internal _gPeriods;
    uint64 public gIntentCount;
    mapping(uint64 => GIntent) internal _gIntents;
    uint64 public gOrderCount;
    mapping(uint64 => GOrder) internal _gOrders;
    /// @dev Obligations the credit network recorded (all through deliveries), and which order each is of.
    uint256 public gObligations;
    mapping(uint256 => uint64) public gOrderOfObligation;
    /// @dev CX-2: a step of an order in a final state (Delivered, Cancelled) that the exchange accepted.
    uint256 public finalMoved;

    // Counters of the paths the handler took (test_handlerExercisesEveryPath).
    uint256 public nPosted;
    uint256 public nPostRefused;
    uint256 public nUpdated;
    uint256 public nWithdrawn;
    uint256 public nBatches;
    uint256 public nMultiMatchBatches;
    uint256 public nBatchRefused;
    uint256 public nTooFar;
    uint256 public nQuantityRefused;
    uint256 public nAccepted;
    uint256 public nProduced;
    uint256 public nShipped;
    uint256 public nConfirmed;
    uint256 public nSettled;
    uint256 public nCancelledByProducer;
    uint256 public nCancelledByBuyer;
    uint256 public nCancelledIntoWithdrawn;
    uint256 public nDisputed;
    uint256 public nResolvedPartly;
    uint256 public nResolvedCancelled;
    uint256 public nDeliveryBlocked;
    uint256 public nRecordRefused;
    uint256 public nTooEarly;
    uint256 public nApprovalsWithdrawn;
    uint256 public nMatchUnapproved;
    uint256 public nSettledAfterWithdrawal;
    uint256 public nSuspensions;

    // ------------------------------------------------------------------------------------------- views for the test

    function intentGhost(uint64 id) external view returns (GIntent memory) {
        return _gIntents[id];
    }

    function orderGhost(uint64 id) external view returns (GOrder memory) {
        return _gOrders[id];
    }

    /// @notice The matched part of intent `id` per the model's orders: the quantities of its orders not cancelled
    /// before shipping (live, delivered, disputed, or cancelled by a dispute's resolution).
    function matchedByOrders(uint64 id) external view returns (uint256 sum) {
        for (uint64 k = 1; k <= gOrderCount; ++k) {
            GOrder storage o = _gOrders[k];
            if (!o.returned && (o.rec.offerId == id || o.rec.needId == id)) sum += o.rec.quantity;
        }
    }

    /// @notice The model's own check of order `id`'s match, on the terms and time it was made (CX-4): empty if it
    /// satisfied both intents.
    function matchRefusalOf(uint64 id) external view returns (bytes memory) {
        GOrder storage o = _gOrders[id];
        if (!o.ownersActive) return "owner not active";
        if (!o.ownersApproved) return "owner not approving the exchange";
        if (o.rec.offerId == o.rec.needId) return "one intent";
        if (o.rec.producer != o.offer.owner || o.rec.buyer != o.need.owner) return "parties";
        if (o.rec.designId != o.offer.designId || o.rec.dueBy != o.need.end) return "design or due date";
        return _matchRefusal(o.rec.offerId, o.offer, o.rec.needId, o.need, o.rec.price, o.rec.matchedAt);
    }

    // ------------------------------------------------------------------------------------------- model rules

    function _hash(IClusterExchange.IntentTerms memory t) internal pure returns (bytes20) {
        return bytes20(keccak256(abi.encode(t)));
    }

    function _recordHash(IClusterExchange.Order memory o) internal pure returns (bytes32) {
        return keccak256(abi.encode(o));
    }

    function _err(bytes4 selector) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector);
    }

    /// @dev Terms a post or an update may set at `now_` (the interface's rules, in its order).
    function _termsRefusal(IClusterExchange.IntentTerms memory t) internal view returns (bytes memory) {
        if (t.quantity == 0) return _err(IClusterExchange.ZeroQuantity.selector);
        if (t.price == 0) return _err(IClusterExchange.ZeroPrice.selector);
        if (t.unit == bytes8(0)) return _err(IClusterExchange.EmptyUnit.selector);
        if (t.end <= t.start || t.end < block.timestamp) {
            return abi.encodeWithSelector(IClusterExchange.InvalidWindow.selector, t.start, t.end);
        }
        if (t.lat < -90e6 || t.lat > 90e6 || t.lon < -180e6 || t.lon > 180e6) {
            return abi.encodeWithSelector(IClusterExchange.InvalidPlace.selector, t.lat, t.lon);
        }
        if (t.maxDistance == 0) return _err(IClusterExchange.ZeroDistance.selector);
        if (t.designId > DESIGNS) return abi.encodeWithSelector(IClusterExchange.UnknownDesign.selector, t.designId);
        return "";
    }

    /// @dev Whether offer `o` and need `n` may trade at `price` at time `at` (empty), else the refusal.
    function _matchRefusal(
        uint64 offerId,
        IClusterExchange.IntentTerms memory o,
        uint64 needId,
        IClusterExchange.IntentTerms memory n,
        uint96 price,
        uint256 at
    ) internal pure returns (bytes memory) {
        if (o.side != IClusterExchange.Side.Offer) {
            return abi.encodeWithSelector(IClusterExchange.WrongSide.selector, offerId, IClusterExchange.Side.Offer);
        }
        if (n.side != IClusterExchange.Side.Need) {
            return abi.encodeWithSelector(IClusterExchange.WrongSide.selector, needId, IClusterExchange.Side.Need);
        }
        if (o.owner == n.owner) return abi.encodeWithSelector(IClusterExchange.SelfTrade.selector, o.owner);
        if (o.category != n.category || o.unit != n.unit) {
            return abi.encodeWithSelector(IClusterExchange.CategoryMismatch.selector, offerId, needId);
        }
        bool designOk = n.designId == 0 || n.designId == o.designId;
        bool specOk = n.spec == bytes32(0) || n.spec == o.spec;
        if (!designOk || !specOk) {
            return abi.encodeWithSelector(IClusterExchange.DesignMismatch.selector, offerId, needId);
        }
        if (price < o.price || price > n.price) {
            return abi.encodeWithSelector(IClusterExchange.PriceOutsideTerms.selector, price, o.price, n.price);
        }
        if (n.end < o.start || o.end < n.start) {
            return abi.encodeWithSelector(IClusterExchange.WindowsDisjoint.selector, offerId, needId);
        }
        if (o.end < at) return abi.encodeWithSelector(IClusterExchange.IntentExpired.selector, offerId, o.end);
        if (n.end < at) return abi.encodeWithSelector(IClusterExchange.IntentExpired.selector, needId, n.end);
        uint256 d = GeoMath.distance(o.lat, o.lon, n.lat, n.lon);
        uint256 max = o.maxDistance > n.maxDistance ? n.maxDistance : o.maxDistance;
        if (d > max) return abi.encodeWithSelector(IClusterExchange.TooFar.selector, d, max);
        return "";
    }

    /// @dev Whether `actor` approves the exchange now.
    function _approvedNow(uint256 actor) internal view returns (bool) {
        return gSince[actor] != 0 && gUntil[actor] == 0;
    }

    /// @dev Whether one of `actor`'s approval periods of the exchange covers an agreement made at `at`:
    /// since <= at <= until, or since <= at while it stands (CN-8).
    function _approvedAt(uint256 actor, uint256 at) internal view returns (bool) {
        GPeriod[] storage periods = _gPeriods[actor];
        for (uint256 i = 0; i < periods.length; ++i) {
            GPeriod storage p = periods[i];
            if (p.since <= at && (p.until == 0 || at <= p.until)) return true;
        }
        return false;
    }

    /// @dev The model of setObligationOperator: approving while approved and withdrawing while not change nothing;
    /// approving after a withdrawal opens a new period.
    function _setApproval(uint256 actor, bool approved) internal {
        bool standing = _approvedNow(actor);
        if (approved && !standing) {
            (gSince[actor], gUntil[actor]) = (uint40(block.timestamp), 0);
            _gPeriods[actor].push(GPeriod(uint40(block.timestamp), 0));
        } else if (!approved && standing) {
            gUntil[actor] = uint40(block.timestamp);
            _gPeriods[actor][_gPeriods[actor].length - 1].until = uint40(block.timestamp);
        }
    }

    /// @dev What the credit network says to recording `buyer` owing `producer` through the exchange for an agreement
    /// made at `agreedAt` (CN-8: the debtor's approval then the creditor's must cover it; then both are members).
    function _creditRefusal(address buyer, address producer, uint40 agreedAt) internal view returns (bytes memory) {
        uint256 b = _actorOf[buyer] - 1;
        uint256 p = _actorOf[producer] - 1;
        if (!_approvedAt(b, agreedAt)) {
            return
                abi.encodeWithSelector(ICreditNetwork.OperatorNotApproved.selector, buyer, _exchangeAddress, agreedAt);
        }
        if (!_approvedAt(p, agreedAt)) {
            return
                abi.encodeWithSelector(
                    ICreditNetwork.OperatorNotApproved.selector,
                    producer,
                    _exchangeAddress,
                    agreedAt
                );
        }
        if (gStatus[b] != ICreditNetwork.MemberStatus.Active) {
            return abi.encodeWithSelector(ICreditNetwork.MemberIsSuspended.selector, buyer);
        }
        if (gStatus[p] != ICreditNetwork.MemberStatus.Active) {
            return abi.encodeWithSelector(ICreditNetwork.MemberIsSuspended.selector, producer);
        }
        return "";
    }

    /// @dev The refusal of a step of order `id` given record `rec`, before its own rules: unknown, another record, or
    /// (unless `expected` is None) another state.
    function _recordRefusal(
        uint64 id,
        IClusterExchange.Order memory rec,
        IClusterExchange.OrderState expected
    ) internal view returns (bytes memory) {
        if (id == 0 || id > gOrderCount) return abi.encodeWithSelector(IClusterExchange.UnknownOrder.selector, id);
        if (_recordHash(rec) != _recordHash(_gOrders[id].rec)) {
            return abi.encodeWithSelector(IClusterExchange.OrderRecordMismatch.selector, id);
        }
        if (expected != IClusterExchange.OrderState.None && rec.state != expected) {
            return abi.encodeWithSelector(IClusterExchange.WrongOrderState.selector, id, rec.state);
        }
        return "";
    }

    /// @dev Intent terms of `actor` on `side` drawn from `seed`: mostly tradeable around the city (one category and
    /// unit in eight differ, designs and specifications sometimes named), one in seven malformed in one way.
    function _genTerms(
        uint256 actor,
        IClusterExchange.Side side,
        uint256 seed
    ) internal view returns (IClusterExchange.IntentTerms memory t) {
        bool offer = side == IClusterExchange.Side.Offer;
        t.owner = actors[actor];
        t.side = side;
        t.category = seed % 8 == 0 ? 2 : 1;
        t.unit = (seed >> 3) % 16 == 0 ? bytes8("kg") : bytes8("pcs");
        if ((seed >> 7) % (offer ? 3 : 16) == 0) t.designId = uint64(1 + ((seed >> 10) % DESIGNS));
        if ((seed >> 12) % (offer ? 8 : 32) == 0) t.spec = keccak256(abi.encode("spec", (seed >> 16) % 2));
        t.quantity = uint96(1 + ((seed >> 20) % 100));
        t.price = uint96((offer ? 5 + ((seed >> 28) % 10) : 10 + ((seed >> 28) % 15)) * UNIT);
        t.start = uint40(block.timestamp - ((seed >> 36) % 2 days));
        if ((seed >> 56) % 16 == 0) t.start = uint40(block.timestamp + ((seed >> 60) % 5 days));
        t.end = t.start + 1 days + uint40((seed >> 80) % 60 days);
        t.lat = CITY_LAT + int32(int256((seed >> 104) % 50_001)) - 25_000;
        t.lon = CITY_LON + int32(int256((seed >> 124) % 50_001)) - 25_000;
        t.maxDistance = uint32(1_000 + ((seed >> 144) % 20_000));
        uint256 flaw = (seed >> 200) % 64;
        if (flaw == 0) t.quantity = 0;
        else if (flaw == 1) t.price = 0;
        else if (flaw == 2) t.unit = bytes8(0);
        else if (flaw == 3) t.end = t.start;
        else if (flaw == 4) (t.start, t.end) = (uint40(block.timestamp - 3 days), uint40(block.timestamp - 1));
        else if (flaw == 5) t.lat = 90e6 + 1;
        else if (flaw == 6) t.lon = -180e6 - 1;
        else if (flaw == 7) t.maxDistance = 0;
        else if (flaw == 8) t.designId = DESIGNS + 1;
    }
}
