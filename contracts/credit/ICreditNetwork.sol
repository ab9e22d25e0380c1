// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Mutual-credit network with multilateral clearing
/// @notice One network per community and currency. Stewards admit members; members extend each other bilateral
/// credit lines (the giver offers a limit, the receiver accepts it) and pay each other on credit, directly or along
/// a path of intermediaries found off-chain. Separately, members record obligations (invoices: a debtor owes a
/// creditor an amount by a due date, with both parties' consent), and anyone may submit a clearing batch computed
/// off-chain that sets obligations off against each other (cycles of debt cancel) and, where members offered their
/// credit lines as liquidity, moves part of an obligation onto an unused credit line. No fee is charged anywhere:
/// intermediaries' net positions never change.
/// @dev Sign conventions. `balance(a, b)` is a's claim on b on the credit network: positive when b owes a, negative
/// when a owes b; one storage value per pair, so `balance(a, b) == -balance(b, a)` always. A credit line "giver ->
/// receiver" with limit L lets the receiver owe the giver up to L. A member's obligation net position is what others
/// owe it minus what it owes, over open obligations; NID (net internal debt) is the sum of the positive ones.
/// Invariants (IDs refer to docs/invariants.md):
/// - CN-1 zero-sum: for every pair balance(a, b) == -balance(b, a); the sum of all members' credit positions is 0.
/// - CN-2 a move that increases a's debt to b leaves it <= the limit b gives a; a debt above its limit (after the
///   giver lowered it) can only shrink.
/// - CN-3 no payment changes an intermediary's position; no clearing batch changes any member's combined position
///   (obligation net position + credit position).
/// - CN-4 an obligation's remaining amount never increases and never exceeds its amount; `outstanding` equals the
///   sum of the remaining amounts of open obligations, so the total cleared never exceeds the obligations.
/// - CN-5 `netInternalDebt` equals the sum of the positive obligation net positions and never exceeds
///   `outstanding` (the floor that set-off alone cannot go below).
/// - CN-6 a signed obligation is recorded at most once and only before its deadline. Nonces are keyed per (signer,
///   counterparty): the key (upper 192 bits of the nonce) is the address of the party that may record the terms, so a
///   counterparty who withholds a signature blocks only the signer's later signatures to itself, and the signer can
///   void the withheld one with {cancelNonce}.
/// - CN-7 the off-chain solver's batches always verify on-chain.
/// - CN-8 an obligation recorded by an operator ({recordObligationAsOperator}) has both parties' consent: each had
///   approved the operator ({setObligationOperator}) when the agreement it settles was made (`agreedAt`, within one of
///   its approval periods, the second of a withdrawal included). A withdrawal binds only agreements made after it;
///   every approval period is kept, so approving again never undoes an earlier agreement, nor covers the gap.
/// - CN-9 a clearing split into parts ({clearPart}) conserves every member's position part by part: each part's
///   bridge is an open obligation of exactly what the part's set-offs and moves left unbalanced between the first
///   member of the split and the last one reached; a solution has at most one bridge open, and its next part sets
///   that bridge off in full before anything else can change it.
interface ICreditNetwork {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice Standing of an account in the network.
    /// @dev Suspended members may only settle: every hop they take part in must leave them neither more in debt
    /// nor with a larger claim than before (they may spend claims they hold and receive payments of their debts).
    enum MemberStatus {
        None,
        Active,
        Suspended
    }

    /// @notice Life cycle of an obligation. Settled (remaining reached 0) and Cancelled are final.
    enum ObligationStatus {
        None,
        Proposed,
        Open,
        Settled,
        Cancelled
    }

    /// @notice A member's standing and clearing consents.
    /// @param status None, Active or Suspended.
    /// @param clearing The member consents to its obligations being set off in clearing batches.
    /// @param liquidity The member offers the credit lines it gives as liquidity to clearing batches.
    struct Member {
        MemberStatus status;
        bool clearing;
        bool liquidity;
    }

    /// @notice An obligation as seen from outside.
    /// @param debtor Who owes.
    /// @param creditor Who is owed.
    /// @param amount Amount acknowledged, in network units.
    /// @param remaining Amount still owed (after clearing and payments).
    /// @param dueDate Unix time the amount is due (informational; clearing ignores it).
    /// @param status Proposed, Open, Settled or Cancelled.
    /// @param proposer The party that recorded it (for signed terms: the signer; for the bridge of a split clearing,
    /// which a steward records, the debtor); address(0) for an unknown id.
    /// @param cancelRequestedBy Bit 0: the debtor agreed to cancel; bit 1: the creditor agreed.
    struct Obligation {
        address debtor;
        address creditor;
        uint256 amount;
        uint256 remaining;
        uint256 dueDate;
        ObligationStatus status;
        address proposer;
        uint8 cancelRequestedBy;
    }

    /// @notice Terms of an obligation signed (EIP-712) by one party and submitted by the other.
    /// @param nonce Keyed nonce: `uint256(uint160(counterparty)) << 64 | sequence`, where the counterparty is the
    /// party that records the terms and `sequence` counts the signer's signatures to it from 0 (see {signatureNonce}).
    /// @param deadline Last Unix time (inclusive) at which the terms may be recorded.
    struct ObligationTerms {
        address debtor;
        address creditor;
        uint256 amount;
        uint256 dueDate;
        bytes32 ref;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice One set-off of a clearing batch: reduce obligation `obligationId` by `amount`.
    struct SetOff {
        uint256 obligationId;
        uint256 amount;
    }

    /// @notice The bridge a part of a split clearing leaves open ({clearPart}): `debtor` owes `creditor` `amount`
    /// until the solution's next part sets it off. Amount 0: the part leaves no bridge (the last part of a split).
    struct Bridge {
        address debtor;
        address creditor;
        uint256 amount;
    }

    /// @notice One credit move of a clearing batch: `payer` pays `payee` `amount` on the credit line the payee gives
    /// it (the payee offered its lines as liquidity). For net positions it counts like a set-off of an obligation
    /// with debtor `payee` and creditor `payer`.
    struct CreditMove {
        address payer;
        address payee;
        uint256 amount;
    }

    // ------------------------------------------------------------------------------------------------ events

    /// @notice A steward admitted `member`.
    event MemberAdmitted(address indexed member, address indexed steward);
    /// @notice A steward suspended `member` (it may only settle from now on).
    event MemberSuspended(address indexed member, address indexed steward);
    /// @notice A steward reinstated a suspended `member`.
    event MemberReinstated(address indexed member, address indexed steward);
    /// @notice `member` changed its clearing consents.
    event ClearingConsentSet(address indexed member, bool clearing, bool liquidity);

    /// @notice `giver` offered `receiver` a credit line of `limit` (pending until the receiver accepts).
    event CreditLineOffered(address indexed giver, address indexed receiver, uint256 limit);
    /// @notice A pending offer from `giver` to `receiver` was withdrawn or declined by `by`.
    event CreditOfferCancelled(address indexed giver, address indexed receiver, address by);
    /// @notice The limit of the credit line `giver -> receiver` is now `limit` (accepted raise or unilateral cut).
    event CreditLineUpdated(address indexed giver, address indexed receiver, uint256 limit);
    /// @notice The credit line `giver -> receiver` was closed by `by` at zero debt.
    event CreditLineClosed(address indexed giver, address indexed receiver, address by);

    /// @notice `from` paid `to` `amount` through `hops` credit-line hops (1 = direct).
    event Paid(address indexed from, address indexed to, uint256 amount, uint256 hops, bytes32 memo);
    /// @notice After a hop (or credit move) from `payer` to `payee`, payer's claim on payee is `balance`.
    event BalanceUpdated(address indexed payer, address indexed payee, int256 balance);

    /// @notice Obligation `id` was recorded by `proposer` (Proposed until the other party accepts).
    event ObligationRecorded(
        uint256 indexed id,
        address indexed debtor,
        address indexed creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref,
        address proposer
    );
    /// @notice Obligation `id` was accepted by the counterparty (`by`; the signer for signed obligations).
    event ObligationAccepted(uint256 indexed id, address by);
    /// @notice Party `by` agreed to cancel obligation `id`.
    event ObligationCancelRequested(uint256 indexed id, address by);
    /// @notice Obligation `id` was cancelled with `remaining` still unpaid (both parties agreed, or it was withdrawn
    /// before acceptance).
    event ObligationCancelled(uint256 indexed id, uint256 remaining);
    /// @notice The debtor paid `amount` of obligation `id` on the credit network; `remaining` is left.
    event ObligationPaid(uint256 indexed id, uint256 amount, uint256 remaining);
    /// @notice Clearing epoch `epoch` set off `amount` of obligation `id`; `remaining` is left.
    event ObligationCleared(uint256 indexed id, uint256 indexed epoch, uint256 amount, uint256 remaining);
    /// @notice Clearing epoch `epoch` was completed by `operator`.
    /// @param solutionId Operator-chosen id grouping the chunks of one off-chain solution.
    /// @param obligationsBefore Sum of remaining amounts of open obligations before the batch.
    /// @param cleared Sum of the set-offs of the batch.
    /// @param movedToCredit Sum of the credit moves of the batch.
    /// @param netInternalDebt NID after the batch (equal to before when the batch has no credit moves).
    /// @param setOffs Number of set-offs (edges) in the batch.
    event ClearingCompleted(
        uint256 indexed epoch,
        address indexed operator,
        bytes32 indexed solutionId,
        uint256 obligationsBefore,
        uint256 cleared,
        uint256 movedToCredit,
        uint256 netInternalDebt,
        uint256 setOffs
    );

    /// @notice Clearing epoch `epoch`, a part of split clearing `solutionId`, set off in full the bridge the part
    /// before it left, obligation `settledBridgeId` (0: none, the first part), and left the bridge obligation
    /// `bridgeId` open for the next part (0: none, the split is complete). The bridge is also announced as an
    /// obligation: {ObligationRecorded} (due date 0, `ref` = `solutionId`, proposer the steward) then
    /// {ObligationAccepted}.
    event ClearingBridged(bytes32 indexed solutionId, uint256 indexed epoch, uint256 bridgeId, uint256 settledBridgeId);

    /// @notice `signer` cancelled its nonce `nonce` towards `counterparty`: terms it signed with that nonce can no longer
    /// be recorded, and its next nonce towards `counterparty` is `nonce + 1`.
    event NonceCancelled(address indexed signer, address indexed counterparty, uint256 nonce);

    /// @notice `member` approved (`approved`) or withdrew its approval of `operator` recording open obligations to
    /// which `member` is a party (a contract enforcing agreements it accepted, such as the cluster exchange).
    event ObligationOperatorSet(address indexed member, address indexed operator, bool approved);

    // ------------------------------------------------------------------------------------------------ errors
    // Inherited and also thrown: OpenZeppelin AccessControl's `AccessControlUnauthorizedAccount(account, neededRole)`
    // (a steward function called by a non-steward) and Nonces' `InvalidAccountNonce(account, currentNonce)` (signed
    // terms whose nonce is not the signer's next one towards the recording party; `currentNonce` is that next keyed
    // nonce, see {signatureNonce}).

    /// @notice Thrown when `account` was never admitted to the network but the operation needs a member: the caller of
    /// {setClearingConsent}, the payer, receiver or an intermediary of a payment, a party of a credit line raise or
    /// of an obligation, or the account a steward tries to suspend.
    error NotNetworkMember(address account);
    /// @notice Thrown when a steward admits `account`, which is already a member (active or suspended).
    error AlreadyMember(address account);
    /// @notice Thrown when `account` is suspended and the operation needs it active (suspending it again, raising or
    /// accepting a credit line, recording or accepting an obligation, being an intermediary of a payment), or when a
    /// payment hop or credit move it takes part in would leave the payer owing the payee (a suspended member may only
    /// settle). For a hop, `account` is the payer if the payer is suspended, otherwise the payee.
    error MemberIsSuspended(address account);
    /// @notice Thrown when a steward reinstates `account`, which is not suspended.
    error MemberNotSuspended(address account);
    /// @notice Thrown when a credit line, a payment hop, a credit move or an obligation would join `account` to
    /// itself (e.g. a payment to oneself, or a path that repeats a node twice in a row).
    error SelfDealing(address account);
    /// @notice Thrown when a payment, credit move, obligation or set-off amount is zero.
    error ZeroAmount();
    /// @notice Thrown when `amount` exceeds the largest value `max` this operation accepts: a credit limit, payment or
    /// credit move above MAX_LIMIT (2^128 - 1), an obligation above MAX_OBLIGATION (2^96 - 1), or an obligation due
    /// date above 2^40 - 1 (then `amount` is the due date).
    error AmountTooLarge(uint256 amount, uint256 max);
    /// @notice Thrown when the receiver accepts a limit `accepted` but the giver's pending offer is `offered` (0: there
    /// is no pending offer).
    error CreditOfferMismatch(address giver, address receiver, uint256 offered, uint256 accepted);
    /// @notice Thrown when the pending offer `giver -> receiver` to withdraw or decline does not exist.
    error NoCreditOffer(address giver, address receiver);
    /// @notice Thrown when a payment hop or credit move would put `debtor` (the payer) in debt to `creditor` (the
    /// payee), which gives it no credit line (limit 0).
    error CreditLineNotAccepted(address creditor, address debtor);
    /// @notice Thrown when a payment hop or credit move would make `debtor` (the payer) owe `creditor` (the payee)
    /// more than the `limit` of the line `creditor -> debtor`. `hop` counts from 0: the position in the payment path
    /// (0 for {pay} and for the first hop of {payAlong} / {payObligation}), or the index of the credit move in a
    /// clearing batch. `needed` is the debtor's whole debt to the creditor after the hop, not the excess over `limit`.
    error CreditLimitExceeded(uint256 hop, address debtor, address creditor, uint256 limit, uint256 needed);
    /// @notice Thrown when the giver sets the limit of the line `giver -> receiver` to 0 while there is no line, or
    /// closes it while there is neither a line nor a pending offer.
    error NoCreditLine(address giver, address receiver);
    /// @notice Thrown when the line `giver -> receiver` is closed while the receiver still owes the giver `owed`.
    error CreditLineInUse(address giver, address receiver, uint256 owed);
    /// @notice Thrown when a payment path has `length` hops: none, or more than `max` (MAX_HOPS).
    error InvalidPathLength(uint256 length, uint256 max);
    /// @notice Thrown when the path of an obligation payment ends at `end` instead of the obligation's creditor
    /// `expected`.
    error PathEndMismatch(address end, address expected);
    /// @notice Thrown when `account` acts on something it is not a party to. For obligations, `debtor` and `creditor`
    /// are its parties (paying one needs the debtor). For a credit offer or line `giver -> receiver`, `debtor` is the
    /// receiver and `creditor` the giver.
    error NotParty(address account, address debtor, address creditor);
    /// @notice Thrown when `operator` records an obligation for `party`, who did not approve it as its operator at
    /// `agreedAt` (when the agreement was made).
    error OperatorNotApproved(address party, address operator, uint256 agreedAt);
    /// @notice Thrown when an operator records an obligation for an agreement made at `agreedAt`, after now.
    error AgreementInFuture(uint256 agreedAt);
    /// @notice Thrown when a member approves itself or the zero address as its obligation operator.
    error InvalidOperator(address operator);
    /// @notice Thrown when obligation `id` was never recorded (id 0 included).
    error UnknownObligation(uint256 id);
    /// @notice Thrown when obligation `id` is `status` but the operation needs `expected` (accepting needs Proposed;
    /// cancelling, paying and setting off need Open with something left).
    error WrongObligationStatus(uint256 id, ObligationStatus status, ObligationStatus expected);
    /// @notice Thrown when `proposer`, who recorded obligation `id`, tries to accept it.
    error ProposerCannotAccept(uint256 id, address proposer);
    /// @notice Thrown when `party` asks a second time to cancel open obligation `id`.
    error CancelAlreadyRequested(uint256 id, address party);
    /// @notice Thrown when the debtor pays `amount` of obligation `id`, more than its `remaining`.
    error PaymentExceedsObligation(uint256 id, uint256 remaining, uint256 amount);
    /// @notice Thrown when signed terms are recorded after their `deadline` (the deadline itself is still valid);
    /// `timestamp` is the block's time.
    error SignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when the signature is not a valid ECDSA or ERC-1271 signature by `signer` (the party that did not
    /// submit the terms) over the terms' EIP-712 digest.
    error InvalidSignature(address signer);
    /// @notice Thrown when the nonce `nonce` of terms signed by `signer` is not keyed to `counterparty`, the party
    /// recording them: its upper 192 bits must be `counterparty`'s address (see {signatureNonce}).
    error NonceKeyMismatch(address signer, address counterparty, uint256 nonce);
    /// @notice Thrown when `signer` cancels `nonce` towards `counterparty` but its next unused nonce there is `next`:
    /// only the next nonce can be cancelled (a lower one is already used or cancelled; cancel `next` first for a
    /// higher one, and a nonce keyed to another counterparty never matches).
    error NonceNotNext(address signer, address counterparty, uint256 nonce, uint256 next);
    /// @notice Thrown when a clearing batch has no set-offs.
    error EmptyBatch();
    /// @notice Thrown when set-off `index` (counting from 0) repeats the obligation `id` of the set-off before it.
    error DuplicateEdge(uint256 index, uint256 id);
    /// @notice Thrown when set-off `index` (counting from 0) names obligation `id`, below the id of the set-off before
    /// it (set-offs must be strictly ascending by id).
    error EdgesNotSorted(uint256 index, uint256 id);
    /// @notice Thrown when credit move `index` (counting from 0), `payer -> payee`, repeats or precedes the move before
    /// it (moves must be strictly ascending by payer, then payee).
    error CreditMovesNotSorted(uint256 index, address payer, address payee);
    /// @notice Thrown when a set-off of `setOff` on obligation `id` exceeds its `remaining`.
    error SetOffExceedsRemaining(uint256 id, uint256 remaining, uint256 setOff);
    /// @notice Thrown when the batch would change `vertex`'s net position by `imbalance`. `vertex` is the first member,
    /// in the order the batch touches them (set-offs in order, debtor before creditor, then credit moves, payer before
    /// payee), whose total is not zero. `imbalance` is what the member's obligations shrink as a debtor minus what they
    /// shrink as a creditor (a credit move counts as a set-off owed by the payee to the payer): positive when the
    /// batch would relieve the member of more debt than it takes of its claims.
    error VertexNotConserved(address vertex, int256 imbalance);
    /// @notice Thrown when a part of a split clearing ({clearPart}) gives no solution id: the bridge between parts is
    /// kept by solution id.
    error SolutionIdRequired();
    /// @notice Thrown when `member`, part of a set-off or credit move of a batch, has not consented to clearing.
    error ClearingNotConsented(address member);
    /// @notice Thrown when `giver`, the payee of a credit move (whose line to the payer the move uses), has not offered
    /// its credit lines as clearing liquidity.
    error LiquidityNotOffered(address giver);

    // ------------------------------------------------------------------------------------------------ stewards

    /// @notice Role that admits, suspends and reinstates members and submits split clearings ({clearPart})
    /// (OpenZeppelin AccessControl role id).
    function STEWARD_ROLE() external view returns (bytes32);

    /// @notice Admit `account` as an active member. Only stewards.
    function admitMember(address account) external;

    /// @notice Suspend an active member: it may only settle its position from now on. Only stewards.
    function suspendMember(address account) external;

    /// @notice Reinstate a suspended member. Only stewards.
    function reinstateMember(address account) external;

    // ------------------------------------------------------------------------------------------------ members

    /// @notice Set the caller's consent to clearing of its obligations and to lending its credit lines as liquidity.
    function setClearingConsent(bool clearing, bool liquidity) external;

    /// @notice Offer `receiver` a credit line of `limit`. A limit at or below the current one applies at once (the
    /// giver may always lower it, even below the receiver's current debt, whatever either party's standing; lowering
    /// a line that does not exist reverts with {NoCreditLine}); a higher one needs both parties active, waits for the
    /// receiver's acceptance and replaces any earlier pending offer.
    function offerCreditLine(address receiver, uint256 limit) external;

    /// @notice Accept `giver`'s pending offer; `limit` must equal the offered limit (no surprise raise).
    function acceptCreditLine(address giver, uint256 limit) external;

    /// @notice Withdraw (giver) or decline (receiver) the pending offer `giver -> receiver`.
    function cancelCreditOffer(address giver, address receiver) external;

    /// @notice Close the line `giver -> receiver` (either party), only while the receiver owes the giver nothing. Also
    /// drops a pending offer; reverts with {NoCreditLine} when there is neither a line nor an offer.
    function closeCreditLine(address giver, address receiver) external;

    /// @notice Pay `to` `amount` directly on the credit line between the caller and `to`.
    function pay(address to, uint256 amount, bytes32 memo) external;

    /// @notice Pay along `path` = [intermediary..., receiver]: each hop moves `amount` from one node to the next
    /// and is checked against its own credit line; intermediaries' positions do not change.
    function payAlong(address[] calldata path, uint256 amount, bytes32 memo) external;

    // ------------------------------------------------------------------------------------------------ obligations

    /// @notice Record that `debtor` owes `creditor` `amount` by `dueDate`; the caller must be one of the two and the
    /// other accepts it with {acceptObligation}. Returns the obligation id.
    function recordObligation(
        address debtor,
        address creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref
    ) external returns (uint256 id);

    /// @notice Record an obligation whose terms the other party signed (EIP-712); it is Open at once. The terms'
    /// nonce must be the signer's next nonce towards the caller ({signatureNonce}); it is used up.
    /// @param terms The signed terms; the caller must be the debtor or the creditor, the signer is the other one.
    /// @param signature ECDSA signature or ERC-1271 blob of the signer.
    function recordSignedObligation(
        ObligationTerms calldata terms,
        bytes calldata signature
    ) external returns (uint256 id);

    /// @notice Approve `operator` (or withdraw the approval, `approved` false) to record open obligations to which the
    /// caller is a party ({recordObligationAsOperator}), for example an exchange contract that records the price of a
    /// delivered order. Only obligations between two members who both approved the operator when they made the
    /// agreement can be recorded by it; a withdrawal stops it for agreements made from then on, not for earlier ones.
    /// Approving while approved, or withdrawing while not approved, changes nothing (the event is still emitted).
    function setObligationOperator(address operator, bool approved) external;

    /// @notice As an operator both `debtor` and `creditor` approved ({setObligationOperator}) when they made the
    /// agreement at `agreedAt` (not after now), record that `debtor` owes `creditor` `amount` by `dueDate`: it is Open
    /// at once (emits ObligationRecorded with the debtor as proposer, then ObligationAccepted by the operator). Both
    /// must be active members now. Returns the obligation id.
    function recordObligationAsOperator(
        address debtor,
        address creditor,
        uint256 amount,
        uint256 dueDate,
        bytes32 ref,
        uint256 agreedAt
    ) external returns (uint256 id);

    /// @notice Void the caller's outstanding signed terms to `counterparty` that carry `nonce`, the caller's next nonce
    /// towards it ({signatureNonce}): the nonce is used up, so those terms can never be recorded, and the next terms the
    /// caller signs to `counterparty` carry `nonce + 1`. Terms signed to other counterparties are not affected. Anyone
    /// may cancel their own nonces (it only voids their own signatures).
    function cancelNonce(address counterparty, uint256 nonce) external;

    /// @notice Accept a Proposed obligation; only the party that did not record it.
    function acceptObligation(uint256 id) external;

    /// @notice Agree to cancel an obligation. A Proposed one is withdrawn/declined at once by either party; an Open
    /// one is cancelled when both parties have agreed.
    function cancelObligation(uint256 id) external;

    /// @notice The debtor pays `amount` of obligation `id` to its creditor on the credit network, along `path`
    /// ([intermediary..., creditor]; just [creditor] for a direct payment).
    function payObligation(uint256 id, uint256 amount, address[] calldata path) external;

    // ------------------------------------------------------------------------------------------------ clearing

    /// @notice Apply a clearing batch computed off-chain. Verified in O(set-offs + moves): every set-off is > 0 and
    /// <= its obligation's remaining, set-offs are strictly ascending by id, credit moves strictly ascending by
    /// (payer, payee) and within their credit lines, every member touched consented to clearing, every payee of a
    /// credit move offered liquidity, and no member's net position changes.
    /// @param solutionId Operator-chosen id shared by the chunks of one off-chain solution (0 if none).
    /// @return epoch The number of this clearing epoch (1, 2, ...).
    function clear(
        bytes32 solutionId,
        SetOff[] calldata setOffs,
        CreditMove[] calldata moves
    ) external returns (uint256 epoch);

    /// @notice Apply one part of a clearing split over several transactions, for a cycle too long for one block (a
    /// steward only: a bridge changes who owes whom until the split completes). Like {clear}, the part's set-offs and
    /// credit moves are checked and applied; first, the bridge the previous part of `solutionId` left open is set off
    /// in full (it must still be open); then, unless `bridge.amount` is 0, the part records `bridge` as an open
    /// obligation, the solution's new bridge, between two active members. Every member's position is conserved by the
    /// part as a whole, bridges included (CN-9): a split of the cycle u0 -> u1 -> ... -> u0 sets off u0 -> ... -> uk
    /// and leaves the bridge "u0 owes uk"; the next part sets off that bridge and uk -> ... -> um and leaves "u0 owes
    /// um"; the last part closes the cycle and leaves none. `setOffs` may be empty when a bridge is set off.
    /// @param solutionId The solution the part belongs to (not 0); its parts run one after the other.
    /// @param bridge What the part leaves owed from the split's first member to the last one it reached.
    /// @return epoch The number of this clearing epoch.
    /// @return bridgeId The id of the bridge obligation left open (0: none).
    function clearPart(
        bytes32 solutionId,
        SetOff[] calldata setOffs,
        CreditMove[] calldata moves,
        Bridge calldata bridge
    ) external returns (uint256 epoch, uint256 bridgeId);

    // ------------------------------------------------------------------------------------------------ views

    /// @notice The bridge obligation the last part of split clearing `solutionId` left open, 0 if none.
    function openBridge(bytes32 solutionId) external view returns (uint256 bridgeId);

    /// @notice The network's name (e.g. "Bologna Makers Credit").
    function name() external view returns (string memory);
    /// @notice The symbol of the network's unit (e.g. "BMC").
    function symbol() external view returns (string memory);
    /// @notice The decimals of the unit: amounts are integers of 10^-decimals units.
    function decimals() external view returns (uint8);

    /// @notice Largest credit limit, payment and credit move amount (2^128 - 1).
    function MAX_LIMIT() external view returns (uint256);
    /// @notice Largest obligation amount (2^96 - 1).
    function MAX_OBLIGATION() external view returns (uint256);
    /// @notice Largest number of hops of one payment.
    function MAX_HOPS() external view returns (uint256);
    /// @notice EIP-712 type hash of {ObligationTerms}.
    function OBLIGATION_TYPEHASH() external view returns (bytes32);

    /// @notice The nonce `signer` must put in the next terms it signs for `counterparty` to record:
    /// `uint256(uint160(counterparty)) << 64 | n`, where n counts the signer's terms to it that were recorded or
    /// cancelled. Same as OpenZeppelin NoncesKeyed's `nonces(signer, uint192(uint160(counterparty)))`.
    function signatureNonce(address signer, address counterparty) external view returns (uint256);

    /// @notice Standing and consents of `account`.
    function member(address account) external view returns (Member memory);

    /// @notice Whether `account` approves `operator` now to record its obligations ({setObligationOperator}).
    function isObligationOperator(address account, address operator) external view returns (bool);

    /// @notice `account`'s standing and whether it approves `operator` now, in one read: what an operator checks
    /// before each agreement it will later record.
    function standingWith(
        address account,
        address operator
    ) external view returns (MemberStatus status, bool operatorApproved);

    /// @notice The first of `accounts` that is not in standing with `operator` now — not an active member, or not
    /// approving `operator` as its obligation operator — at `index`, with its `status` and whether it approves
    /// `operator` (as {standingWith}); `index` is `accounts.length` when all are (then `status` is Active and
    /// `operatorApproved` true). What an operator checks before a batch of agreements, in one call; an account named
    /// twice is read twice (warm, so cheaply). The loop is bounded by the caller's calldata.
    function firstOutOfStanding(
        address[] calldata accounts,
        address operator
    ) external view returns (uint256 index, MemberStatus status, bool operatorApproved);

    /// @notice `account`'s latest approval period of `operator`: since when (0: never approved) and until when (0: not
    /// withdrawn). Agreements made in [since, until] may be recorded by the operator (earlier periods too).
    function obligationOperatorApproval(
        address account,
        address operator
    ) external view returns (uint40 since, uint40 until);

    /// @notice Whether `account` approved `operator` at `time` (in one of its approval periods, bounds included).
    function obligationOperatorApprovedAt(address account, address operator, uint256 time) external view returns (bool);

    /// @notice Accepted limit of the line `giver -> receiver` (how much the receiver may owe the giver).
    function creditLimit(address giver, address receiver) external view returns (uint256);

    /// @notice Pending (not yet accepted) offer `giver -> receiver`, 0 if none.
    function creditOffer(address giver, address receiver) external view returns (uint256);

    /// @notice `a`'s claim on `b`: positive when b owes a, negative when a owes b.
    function balance(address a, address b) external view returns (int256);

    /// @notice How much `from` can pay `to` directly right now (its claim on `to` plus the unused credit `to` gives).
    function payCapacity(address from, address to) external view returns (uint256);

    /// @notice Obligation `id` (status Settled when an open obligation's remaining reached 0).
    function obligation(uint256 id) external view returns (Obligation memory);

    /// @notice Number of obligations ever recorded (ids are 1..count).
    function obligationCount() external view returns (uint256);

    /// @notice Number of clearing epochs completed.
    function epochCount() external view returns (uint256);

    /// @notice Sum of the remaining amounts of open obligations.
    function outstanding() external view returns (uint256);

    /// @notice Net internal debt: sum over members of max(0, obligation net position).
    function netInternalDebt() external view returns (uint256);

    /// @notice `account`'s obligation net position: open amounts owed to it minus open amounts it owes.
    function netPosition(address account) external view returns (int256);
}
