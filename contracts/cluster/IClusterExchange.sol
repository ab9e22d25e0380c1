// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICreditNetwork} from "../credit/ICreditNetwork.sol";
import {IDesignCommons} from "../commons/IDesignCommons.sol";

/// @title Micro-cluster exchange: offers and needs matched locally, orders in the open, settled on mutual credit
/// @notice Members of a {CreditNetwork} post intents: an offer (what a maker can produce or supply) or a need (what a
/// member wants), each with a category and unit, an optional design of the design commons or specification hash, a
/// quantity, a price per unit in the network's unit (an offer's asking price, a need's maximum), a time window, a place
/// (fixed-point latitude and longitude, microdegrees) and the farthest distance its owner accepts. Anyone may submit a
/// batch of matches computed off-chain (the SDK's matcher maximises the traded quantity, then minimises price plus
/// transport): each is checked against both intents' terms, so, like a limit order, it needs no further signature.
/// Each match becomes an order with a public life cycle — matched, accepted by the producer with a promised date, in
/// production, shipped, delivered (confirmed by the buyer, or deemed delivered after the confirmation window), or
/// cancelled or disputed by the rules below — and on delivery its price is recorded on the credit network as an open
/// obligation from the buyer to the producer, through this contract as the obligation operator both approved
/// ({ICreditNetwork.setObligationOperator}); it is then cleared with the cluster's other debts or paid on credit. When
/// the order names a design, the delivered units are reported to the producer's commercial licence of it on the design
/// commons, through this contract as the report operator the producer approved there
/// ({IDesignCommons.setReportOperator}); the fee is owed by the producer, and the delivery never fails for it (CX-5).
///
/// Storage holds only what enforcement needs: per intent a 160-bit hash of its terms and the quantity matched so far,
/// per order the hash of its record. Callers pass the terms and records (the events carry everything needed to rebuild
/// them; the SDK and the dApp's readers do) and the contract checks them against the hashes.
///
/// Order rules (deadlines from the record's times):
/// - Matched: the producer accepts within {ACCEPT_WINDOW} of the match, promising a date between now and the need's
///   due date; the producer may decline (cancel); the buyer may cancel once the window passed without acceptance.
/// - Accepted or InProduction: the producer may start production (optional), ship, or cancel; the buyer may cancel
///   once {LATE_GRACE} has passed after the promised date without shipping.
/// - Shipped: the buyer confirms delivery or disputes within {CONFIRM_WINDOW}; after it the producer may settle (deemed
///   delivered).
/// - Disputed: a steward of the credit network resolves it: delivered (a quantity up to the order's) or cancelled.
/// - Delivered and Cancelled are final. A cancelled order's quantity (before shipping) returns to both intents.
/// @dev Invariants (IDs refer to docs/invariants.md):
/// - CX-1 a match never exceeds either intent: each intent's matched quantity (over its live and delivered orders)
///   never exceeds its quantity.
/// - CX-2 no order settles twice: Delivered and Cancelled are final, and each order reaches Delivered at most once.
/// - CX-3 every delivered order has exactly one obligation on the credit network, for its delivered quantity × price,
///   from its buyer to its producer.
/// - CX-4 every match satisfied both intents' terms when it was made (price within both, windows overlapping,
///   distance within both maxima, both owners active members approving this exchange as their obligation operator).
/// - CX-5 a delivered order naming a design is reported once to the design commons, for its delivered quantity, as
///   its producer's production ({IDesignCommons.reportProductionAsOperator}, this exchange as the producer's report
///   operator): counted on the producer's live commercial licence of the design, its fee owed by the producer; when it
///   cannot be (see {ProductionReportSkipped}) the delivery still settles. Nothing is reported for an order without a
///   design.
interface IClusterExchange {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice Which side of the market an intent is on.
    enum Side {
        Offer,
        Need
    }

    /// @notice The life cycle of an order; `None` marks an unknown id.
    enum OrderState {
        None,
        Matched,
        Accepted,
        InProduction,
        Shipped,
        Delivered,
        Cancelled,
        Disputed
    }

    /// @notice An intent's terms (hashed on chain; passed back in calldata to match, update or withdraw it).
    /// @param owner The member who posted it (the producer of an offer, the buyer of a need).
    /// @param side Offer or Need.
    /// @param category The cluster's catalogue code of what is offered or needed.
    /// @param unit The unit of `quantity` (ASCII, e.g. "pcs", "kg"); matched only with the same unit.
    /// @param designId A design of the design commons it is for (0: none); a need naming one matches only offers of it.
    /// @param spec A specification hash (0: none); a need naming one matches only offers of it.
    /// @param quantity The whole quantity (what is matched is counted against it).
    /// @param price Per unit in the credit network's unit: an offer's asking price, a need's highest.
    /// @param start When it opens (an offer: available from; a need: wanted from), Unix seconds.
    /// @param end When it closes (an offer: available until; a need: due by); it matches only until then.
    /// @param lat Latitude in microdegrees (±90e6).
    /// @param lon Longitude in microdegrees (±180e6).
    /// @param maxDistance The farthest counterpart its owner accepts, in metres ({GeoMath.distance}).
    struct IntentTerms {
        address owner;
        Side side;
        uint32 category;
        bytes8 unit;
        uint64 designId;
        bytes32 spec;
        uint96 quantity;
        uint96 price;
        uint40 start;
        uint40 end;
        int32 lat;
        int32 lon;
        uint32 maxDistance;
    }

    /// @notice An intent named in a batch of matches: its id and its current terms.
    struct IntentRef {
        uint64 id;
        IntentTerms terms;
    }

    /// @notice One match of a batch: `quantity` of the offer at `intents[offer]` for the need at `intents[need]`, at
    /// `price` per unit (within the offer's asking price and the need's highest).
    struct Match {
        uint16 offer;
        uint16 need;
        uint96 quantity;
        uint96 price;
    }

    /// @notice An order's record (its hash is stored; events rebuild it).
    /// @param offerId The offer matched; its owner produces.
    /// @param needId The need matched; its owner buys.
    /// @param producer The offer's owner.
    /// @param buyer The need's owner.
    /// @param designId The offer's design of the design commons (0: none).
    /// @param quantity The quantity ordered.
    /// @param price Per unit, in the credit network's unit.
    /// @param matchedAt When it was matched.
    /// @param dueBy The need's due date (its `end`).
    /// @param promisedAt The date the producer promised when accepting (0 before).
    /// @param shippedAt When it was shipped (0 before).
    /// @param state Where it is in its life cycle.
    struct Order {
        uint64 offerId;
        uint64 needId;
        address producer;
        address buyer;
        uint64 designId;
        uint96 quantity;
        uint96 price;
        uint40 matchedAt;
        uint40 dueBy;
        uint40 promisedAt;
        uint40 shippedAt;
        OrderState state;
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice `owner` posted intent `intentId` on `side` with `terms`.
    event IntentPosted(uint64 indexed intentId, address indexed owner, Side indexed side, IntentTerms terms);
    /// @notice Intent `intentId`'s owner replaced its terms with `terms` (what was matched stays counted).
    event IntentUpdated(uint64 indexed intentId, IntentTerms terms);
    /// @notice Intent `intentId`'s owner withdrew it; `matched` of it had been matched.
    event IntentWithdrawn(uint64 indexed intentId, uint96 matched);
    /// @notice `matcher` matched `quantity` of offer `offerId` with need `needId` at `price` per unit as order
    /// `orderId`; its record takes its parties, design and due date from the intents' terms and its time from the block.
    event OrderMatched(
        uint64 indexed orderId,
        uint64 indexed offerId,
        uint64 indexed needId,
        uint96 quantity,
        uint96 price,
        address matcher
    );
    /// @notice The producer accepted order `orderId` at `at`, promising it by `promisedAt`.
    event OrderAccepted(uint64 indexed orderId, uint40 promisedAt, uint40 at);
    /// @notice The producer started producing order `orderId` at `at`.
    event OrderInProduction(uint64 indexed orderId, uint40 at);
    /// @notice The producer shipped order `orderId` at `at`.
    event OrderShipped(uint64 indexed orderId, uint40 at);
    /// @notice Order `orderId` was delivered at `at`: `quantity` units, `amount` owed by the buyer to the producer as
    /// obligation `obligationId` of the credit network; `by` is the buyer (confirmed), the producer (deemed delivered
    /// after the confirmation window) or the steward who resolved a dispute.
    event OrderDelivered(
        uint64 indexed orderId,
        uint256 indexed obligationId,
        uint96 quantity,
        uint256 amount,
        address by,
        uint40 at
    );
    /// @notice Delivered order `orderId` names design `designId`, and its producer's production was not reported to the
    /// design commons: `outcome` says why (the producer does not approve this exchange as its report operator there,
    /// holds no licence on the design, holds a commons one, or its licence expired). A reported delivery is evented by
    /// the commons ({IDesignCommons.ProductionReportedByOperator}, `ref` = the order id).
    event ProductionReportSkipped(
        uint64 indexed orderId,
        uint64 indexed designId,
        address indexed producer,
        IDesignCommons.ReportOutcome outcome
    );
    /// @notice `by` cancelled order `orderId` at `at`; `returned` units went back to both intents (0 after a dispute).
    event OrderCancelled(uint64 indexed orderId, address indexed by, uint96 returned, uint40 at);
    /// @notice The buyer disputed order `orderId` at `at`, with `reason` (a hash of its account of the problem).
    event OrderDisputed(uint64 indexed orderId, bytes32 reason, uint40 at);

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when `account` is not an active member of the credit network.
    error NotActiveMember(address account);
    /// @notice Thrown when `account` does not approve this exchange as its obligation operator on the credit network
    /// now: it posts and is matched only while it does, so that each match is an agreement the network will record.
    error ExchangeNotApproved(address account);
    /// @notice Thrown when an intent's owner is not the caller.
    error NotIntentOwner(uint64 intentId, address account);
    /// @notice Thrown when intent `intentId` does not exist or was withdrawn.
    error IntentNotActive(uint64 intentId);
    /// @notice Thrown when the terms passed for intent `intentId` are not its current terms.
    error IntentTermsMismatch(uint64 intentId);
    /// @notice Thrown when an intent's quantity is zero.
    error ZeroQuantity();
    /// @notice Thrown when an intent's price is zero (an obligation must be for a positive amount).
    error ZeroPrice();
    /// @notice Thrown when an intent's unit is empty.
    error EmptyUnit();
    /// @notice Thrown when an intent's window does not end after it starts, or has already ended.
    error InvalidWindow(uint40 start, uint40 end);
    /// @notice Thrown when a place is not on the globe (latitude within ±90°, longitude within ±180°).
    error InvalidPlace(int32 lat, int32 lon);
    /// @notice Thrown when an intent accepts no distance at all.
    error ZeroDistance();
    /// @notice Thrown when an intent names design `designId`, which the design commons does not hold.
    error UnknownDesign(uint64 designId);
    /// @notice Thrown when an update changes an intent's owner or side.
    error OwnerOrSideChanged(uint64 intentId);
    /// @notice Thrown when an update sets intent `intentId`'s quantity below the `matched` part of it.
    error QuantityBelowMatched(uint64 intentId, uint96 quantity, uint96 matched);
    /// @notice Thrown when a batch holds no match.
    error EmptyBatch();
    /// @notice Thrown when a batch's intents are not in strictly increasing id order (each named once): `intentId` at
    /// `index` is not above the one before.
    error IntentsNotSorted(uint256 index, uint64 intentId);
    /// @notice Thrown when a match points at `index`, beyond the batch's intents.
    error IntentIndexOutOfRange(uint256 index);
    /// @notice Thrown when intent `intentId` is not on side `expected`.
    error WrongSide(uint64 intentId, Side expected);
    /// @notice Thrown when an offer and a need have the same owner (no one trades with itself).
    error SelfTrade(address owner);
    /// @notice Thrown when offer `offerId` and need `needId` differ in category or unit.
    error CategoryMismatch(uint64 offerId, uint64 needId);
    /// @notice Thrown when need `needId` names a design or specification that offer `offerId` is not of.
    error DesignMismatch(uint64 offerId, uint64 needId);
    /// @notice Thrown when a match's `price` lies outside the offer's asking price `ask` and the need's highest `max`.
    error PriceOutsideTerms(uint96 price, uint96 ask, uint96 max);
    /// @notice Thrown when offer `offerId`'s window and need `needId`'s do not overlap.
    error WindowsDisjoint(uint64 offerId, uint64 needId);
    /// @notice Thrown when intent `intentId` closed at `end`.
    error IntentExpired(uint64 intentId, uint40 end);
    /// @notice Thrown when the two places lie `distance` metres apart, beyond the nearer maximum `maxDistance`.
    error TooFar(uint256 distance, uint256 maxDistance);
    /// @notice Thrown when a match asks `quantity` of intent `intentId`, of which only `remaining` is unmatched.
    error QuantityExceedsRemaining(uint64 intentId, uint96 quantity, uint96 remaining);
    /// @notice Thrown when an order's price, `amount`, exceeds the largest obligation the credit network records.
    error OrderTooLarge(uint256 amount, uint256 max);
    /// @notice Thrown when order `orderId` does not exist.
    error UnknownOrder(uint64 orderId);
    /// @notice Thrown when the record passed for order `orderId` is not its current record.
    error OrderRecordMismatch(uint64 orderId);
    /// @notice Thrown when order `orderId` is in `state`, where this step is not allowed.
    error WrongOrderState(uint64 orderId, OrderState state);
    /// @notice Thrown when `account` may not take this step of order `orderId` (not its producer, buyer or a steward).
    error NotAllowed(uint64 orderId, address account);
    /// @notice Thrown when order `orderId`'s acceptance window closed at `deadline`.
    error AcceptWindowClosed(uint64 orderId, uint40 deadline);
    /// @notice Thrown when a promised date is before now or after the need's due date `dueBy`.
    error InvalidPromise(uint40 promisedAt, uint40 dueBy);
    /// @notice Thrown when this step of order `orderId` is allowed only from `allowedAt`.
    error TooEarly(uint64 orderId, uint40 allowedAt);
    /// @notice Thrown when order `orderId`'s confirmation window closed at `deadline`.
    error ConfirmWindowClosed(uint64 orderId, uint40 deadline);
    /// @notice Thrown when a dispute is resolved with `quantity` delivered, more than the order's `ordered`.
    error DeliveredQuantityTooLarge(uint96 quantity, uint96 ordered);

    // ------------------------------------------------------------------------------------------------ constants

    /// @notice How long after a match its producer may accept it (7 days).
    function ACCEPT_WINDOW() external view returns (uint40);

    /// @notice How long after a promised date, without shipping, before the buyer may cancel (7 days).
    function LATE_GRACE() external view returns (uint40);

    /// @notice How long after shipping the buyer may confirm or dispute, before the producer may settle (14 days).
    function CONFIRM_WINDOW() external view returns (uint40);

    /// @notice The credit network whose members trade here and on which deliveries are settled.
    function CREDIT() external view returns (ICreditNetwork);

    /// @notice The design commons intents may name designs of.
    function DESIGNS() external view returns (IDesignCommons);

    // ------------------------------------------------------------------------------------------------ intents

    /// @notice Post an intent with `terms` (its owner must be the caller, an active member who approved this exchange
    /// as its obligation operator); returns its id.
    function postIntent(IntentTerms calldata terms) external returns (uint64 intentId);

    /// @notice Replace intent `intentId`'s terms `current` with `next` (same owner and side; quantity at least what
    /// was matched); only its owner.
    function updateIntent(uint64 intentId, IntentTerms calldata current, IntentTerms calldata next) external;

    /// @notice Withdraw intent `intentId` (its `current` terms); only its owner. Orders already matched go on.
    function withdrawIntent(uint64 intentId, IntentTerms calldata current) external;

    // ------------------------------------------------------------------------------------------------ matching

    /// @notice Submit `matches` between `intents` (each named once with its current terms, in increasing id order);
    /// anyone may. Each match is
    /// checked against both intents' terms and becomes an order; returns the first order's id (the others follow).
    function submitMatches(
        IntentRef[] calldata intents,
        Match[] calldata matches
    ) external returns (uint64 firstOrderId);

    // ------------------------------------------------------------------------------------------------ orders

    /// @notice As the producer, accept order `orderId` (its current `order` record), promising it by `promisedAt`.
    function acceptOrder(uint64 orderId, Order calldata order, uint40 promisedAt) external;

    /// @notice As the producer, mark an accepted order `orderId` as in production.
    function startProduction(uint64 orderId, Order calldata order) external;

    /// @notice As the producer, mark an accepted (or in production) order `orderId` as shipped.
    function shipOrder(uint64 orderId, Order calldata order) external;

    /// @notice As the buyer, confirm the delivery of shipped order `orderId`: its price is recorded as an obligation
    /// from the buyer to the producer on the credit network. Returns the obligation's id.
    function confirmDelivery(uint64 orderId, Order calldata order) external returns (uint256 obligationId);

    /// @notice As the producer, settle shipped order `orderId` once its confirmation window passed without a
    /// confirmation or a dispute (deemed delivered). Returns the obligation's id.
    function settleUnconfirmed(uint64 orderId, Order calldata order) external returns (uint256 obligationId);

    /// @notice Cancel order `orderId` by the rules of its state (see the contract's notice).
    function cancelOrder(uint64 orderId, Order calldata order) external;

    /// @notice As the buyer, dispute shipped order `orderId` within its confirmation window, with `reason` (a hash).
    function disputeOrder(uint64 orderId, Order calldata order, bytes32 reason) external;

    /// @notice As a steward of the credit network, resolve disputed order `orderId`: `delivered` units (0: cancel it)
    /// are settled at its price. Returns the obligation's id (0 when cancelled).
    function resolveDispute(
        uint64 orderId,
        Order calldata order,
        uint96 delivered
    ) external returns (uint256 obligationId);

    // ------------------------------------------------------------------------------------------------ views

    /// @notice How many intents were posted (ids run from 1).
    function intentCount() external view returns (uint64);

    /// @notice How many orders were matched (ids run from 1).
    function orderCount() external view returns (uint64);

    /// @notice Intent `intentId`'s stored terms hash (the top 160 bits of keccak256(abi.encode(terms)); 0 when
    /// withdrawn or unknown) and the quantity matched of it.
    function intent(uint64 intentId) external view returns (bytes20 termsHash, uint96 matched);

    /// @notice The hash of order `orderId`'s current record (keccak256(abi.encode(order)); 0 for an unknown id).
    function orderHash(uint64 orderId) external view returns (bytes32);

    /// @notice The hash an intent's terms are stored under.
    function hashTerms(IntentTerms calldata terms) external pure returns (bytes20);
}
