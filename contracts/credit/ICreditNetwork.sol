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
/// - CN-6 a signed obligation is recorded at most once (per-signer nonce) and only before its deadline.
/// - CN-7 the off-chain solver's batches always verify on-chain.
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
    /// @param proposer The party that recorded it (for signed terms: the signer); address(0) for an unknown id.
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

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice `account` is not a member.
    error NotMember(address account);
    /// @notice `account` is already a member.
    error AlreadyMember(address account);
    /// @notice `account` is suspended and the operation would not only settle its position.
    error MemberIsSuspended(address account);
    /// @notice `account` is not suspended.
    error MemberNotSuspended(address account);
    /// @notice A credit line, payment hop or obligation would join `account` to itself.
    error SelfDealing(address account);
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice `amount` exceeds the largest amount `max` this operation accepts.
    error AmountTooLarge(uint256 amount, uint256 max);
    /// @notice The receiver accepted `accepted` but the giver's pending offer is `offered` (0: no offer).
    error CreditOfferMismatch(address giver, address receiver, uint256 offered, uint256 accepted);
    /// @notice No pending offer from `giver` to `receiver`.
    error NoCreditOffer(address giver, address receiver);
    /// @notice `debtor` would owe `creditor` but `creditor` has given it no accepted credit line.
    error CreditLineNotAccepted(address creditor, address debtor);
    /// @notice Hop `hop` (0 = first) would make `debtor` owe `creditor` `needed`, above the line's `limit`.
    error CreditLimitExceeded(uint256 hop, address debtor, address creditor, uint256 limit, uint256 needed);
    /// @notice There is no line `giver -> receiver` to lower or close (and, for closing, no pending offer either).
    error NoCreditLine(address giver, address receiver);
    /// @notice The line `giver -> receiver` cannot close: the receiver still owes `owed`.
    error CreditLineInUse(address giver, address receiver, uint256 owed);
    /// @notice A payment path is empty or has more than `max` hops.
    error InvalidPathLength(uint256 length, uint256 max);
    /// @notice A payment path ends at `end` but must end at `expected`.
    error PathEndMismatch(address end, address expected);
    /// @notice The caller is neither party (`debtor`, `creditor`) of what it tries to act on.
    error NotParty(address account, address debtor, address creditor);
    /// @notice Obligation `id` does not exist.
    error UnknownObligation(uint256 id);
    /// @notice Obligation `id` is `status` but the operation needs `expected`.
    error WrongObligationStatus(uint256 id, ObligationStatus status, ObligationStatus expected);
    /// @notice The proposer of obligation `id` cannot also accept it.
    error ProposerCannotAccept(uint256 id, address proposer);
    /// @notice `party` already agreed to cancel obligation `id`.
    error CancelAlreadyRequested(uint256 id, address party);
    /// @notice A payment of `amount` exceeds obligation `id`'s `remaining`.
    error PaymentExceedsObligation(uint256 id, uint256 remaining, uint256 amount);
    /// @notice A signed obligation's `deadline` has passed.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not a valid signature of `signer` over the terms.
    error InvalidSignature(address signer);
    /// @notice A clearing batch has no set-offs.
    error EmptyBatch();
    /// @notice Set-off `index` of a batch repeats obligation `id` (set-offs must be strictly ascending by id).
    error DuplicateEdge(uint256 index, uint256 id);
    /// @notice Set-off `index` (obligation `id`) is out of order (set-offs must be strictly ascending by id).
    error EdgesNotSorted(uint256 index, uint256 id);
    /// @notice Credit move `index` (`payer -> payee`) repeats or is out of order (strictly ascending by payer, payee).
    error CreditMovesNotSorted(uint256 index, address payer, address payee);
    /// @notice Set-off of `setOff` on obligation `id` exceeds its `remaining`.
    error SetOffExceedsRemaining(uint256 id, uint256 remaining, uint256 setOff);
    /// @notice The batch changes `vertex`'s net position by `imbalance` (flow is not conserved there).
    error VertexNotConserved(address vertex, int256 imbalance);
    /// @notice `member` is part of a batch but has not consented to clearing.
    error ClearingNotConsented(address member);
    /// @notice `giver` has not offered its credit lines as clearing liquidity.
    error LiquidityNotOffered(address giver);

    // ------------------------------------------------------------------------------------------------ stewards

    /// @notice Role that admits, suspends and reinstates members (OpenZeppelin AccessControl role id).
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

    /// @notice Record an obligation whose terms the other party signed (EIP-712); it is Open at once.
    /// @param terms The signed terms; the caller must be the debtor or the creditor, the signer is the other one.
    /// @param signature ECDSA signature or ERC-1271 blob of the signer.
    function recordSignedObligation(
        ObligationTerms calldata terms,
        bytes calldata signature
    ) external returns (uint256 id);

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

    // ------------------------------------------------------------------------------------------------ views

    /// @notice Network name, currency symbol and unit decimals.
    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);

    /// @notice Largest credit limit and payment amount (2^128 - 1) and largest obligation amount (2^96 - 1).
    function MAX_LIMIT() external view returns (uint256);
    function MAX_OBLIGATION() external view returns (uint256);
    /// @notice Largest number of hops of one payment.
    function MAX_HOPS() external view returns (uint256);
    /// @notice EIP-712 type hash of {ObligationTerms}.
    function OBLIGATION_TYPEHASH() external view returns (bytes32);

    /// @notice Standing and consents of `account`.
    function member(address account) external view returns (Member memory);

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
