// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IContributionLedger} from "../contribution/IContributionLedger.sol";
import {ICreditNetwork} from "../credit/ICreditNetwork.sol";

/// @title A co-op's paymaster: members' gas, within budgets, for calls to the co-op's own contracts
/// @notice An ERC-4337 (EntryPoint v0.8) paymaster. The co-op deposits ETH in the EntryPoint ({deposit}, anyone) and
/// the paymaster pays for a user operation only when (1) its sender is a member of the co-op, read from the module
/// contracts configured at construction (a contribution project's MEMBER_ROLE and/or a credit network's Active
/// standing), (2) every call the account makes (`execute` or `executeBatch` of `BaseAccount`, at most
/// {MAX_CALLS_PER_OP}) targets an allowed contract, and (3) the sender's budget for the period the operation names is
/// not spent. Every sponsorship is evented ({GasSponsored}) so the open books show the gas spent per member. Only the
/// owner (the co-op's timelock) withdraws the deposit, stakes, allows targets and sets the default budget; the
/// coordinators of the contribution project may also set members' budgets up to {coordinatorBudgetCap}.
/// @dev `paymasterAndData` = paymaster (20 bytes) ‖ verification gas limit (16) ‖ postOp gas limit (16) ‖ period
/// (4 bytes, big-endian `uint32`), exactly 56 bytes. Period `p` is the half-open interval
/// `[PERIOD_ORIGIN + p * PERIOD_LENGTH, PERIOD_ORIGIN + (p + 1) * PERIOD_LENGTH)`; validation reads no clock (ERC-7562
/// OP-011) and returns that interval as `validAfter = start - 1`, `validUntil = end - 1` (the EntryPoint accepts
/// `validAfter < block.timestamp <= validUntil`), so the EntryPoint refuses an operation outside its period.
///
/// Budget accounting (per member, one storage slot): validation reserves `maxCost` (the most the EntryPoint may
/// charge) next to what the period has spent, so several operations of one sender in one bundle cannot together
/// exceed the budget; `postOp` releases the reservation and adds the operation's cost, estimated as `actualGasCost +
/// POST_OP_GAS * actualUserOpFeePerGas` and capped at `maxCost` (see {POST_OP_GAS}). Operations whose execution
/// reverted are charged too (the gas was spent). A period is opened by the member's first operation in it (the slot
/// is reset), so a reservation left by a reverted `postOp` lasts at most until the period ends.
///
/// ERC-7562 (validation scope). Opcodes: no TIMESTAMP, NUMBER, BALANCE, GASPRICE, BASEFEE, CREATE; GAS only before a
/// STATICCALL; calls only to contracts with code (the configured module contracts). Storage:
/// - the membership views ({isMember}) read only slots associated with the sender (STO-021, the account exists once
///   its 7702 delegation or deployment is in place): `ContributionLedger.rolesOf(projectId, sender)` reads
///   `_members[projectId][sender]`, slot `keccak256(sender ‖ keccak256(projectId ‖ 8)) + 0`; `CreditNetwork.member
///   (sender)` reads `_members[sender]`, slot `keccak256(sender ‖ 7) + 0` (the storage layouts of the two contracts
///   and the views' code were checked; no other slot, e.g. no project flag, is read);
/// - this contract's per-member slots `keccak256(sender ‖ p) + 0/1` (spending, budget) are associated with the sender;
/// - this contract's allow-list, default budget and configuration are its own storage, which ERC-7562 allows a staked
///   paymaster (STO-031): the co-op stakes it with {addStake} (owner). Unstaked, bundlers of the canonical mempool
///   refuse its operations. (The allowed state of the first 8 distinct targets given at construction is a bitmask in
///   the slot of the default budget, so an operation on the default budget that calls them reads one configuration
///   slot; later targets are entries of a mapping keyed by target.)
interface IMembersPaymaster {
    // ------------------------------------------------------------------------------------------------ events

    /// @notice The paymaster paid for an operation of `member` in `period`; `cost` (wei) was charged to the member's
    /// budget (the EntryPoint's charge, estimated as stated in {POST_OP_GAS}).
    /// @dev Nothing is indexed, and the operation's hash is not repeated: each indexed topic costs every sponsored
    /// operation 119 gas more than a data word, and each data word 256. The EntryPoint's own `UserOperationEvent`, in
    /// the same transaction, indexes the operation's hash, its sender and its paymaster (filter there for one member's
    /// operations, with `actualGasCost`); the books (subgraph, dApp) fold every GasSponsored of the paymaster.
    event GasSponsored(address member, uint32 period, uint256 cost);
    /// @notice The owner allowed sponsored operations to call `target`.
    event CallTargetAllowed(address indexed target);
    /// @notice The owner removed `target` from the allowed targets.
    event CallTargetRemoved(address indexed target);
    /// @notice The owner set the budget of every member without a budget of its own to `amount` wei per period.
    event DefaultBudgetSet(uint256 amount);
    /// @notice The owner set the most a coordinator may give one member to `cap` wei per period.
    event CoordinatorBudgetCapSet(uint256 cap);
    /// @notice `by` (the owner or a coordinator) set `member`'s own budget to `amount` wei per period.
    event MemberBudgetSet(address indexed member, uint256 amount, address indexed by);
    /// @notice `by` (the owner or a coordinator) removed `member`'s own budget: the default budget applies again.
    event MemberBudgetCleared(address indexed member, address indexed by);

    // ------------------------------------------------------------------------------------------------ errors

    /// @notice Thrown when an operation's sender is not a member of the co-op in any configured source.
    error NotCoopMember(address account);
    /// @notice Thrown when an operation calls `target`, which is not an allowed call target.
    error CallTargetNotAllowed(address target);
    /// @notice Thrown when an operation's call data is neither `execute` nor `executeBatch` (its first 4 bytes).
    error UnsupportedAccountCall(bytes4 selector);
    /// @notice Thrown when an operation's `execute` / `executeBatch` call data would not decode in the account.
    error MalformedAccountCall();
    /// @notice Thrown when an operation's `executeBatch` holds no call.
    error EmptyBatch();
    /// @notice Thrown when an operation's batch holds `count` calls, more than `max`.
    error TooManyCalls(uint256 count, uint256 max);
    /// @notice Thrown when `member` has `remaining` wei of its budget left in `period`, less than the operation's
    /// `maxCost`.
    error BudgetExhausted(address member, uint32 period, uint256 remaining, uint256 maxCost);
    /// @notice Thrown when an operation names `period`, earlier than `latest`, the member's latest sponsored period.
    error PeriodClosed(uint32 period, uint32 latest);
    /// @notice Thrown when `period`'s end lies beyond the EntryPoint's 48-bit timestamps.
    error PeriodOutOfRange(uint32 period);
    /// @notice Thrown when `paymasterAndData` is not 56 bytes (the 52-byte prefix and a 4-byte period): `length`.
    error InvalidPaymasterData(uint256 length);
    /// @notice Thrown when an operation's postOp gas limit `limit` is below `min`, too little for {GasSponsored}'s
    /// bookkeeping.
    error PostOpGasLimitTooLow(uint256 limit, uint256 min);
    /// @notice Thrown when `account`, neither the owner nor a coordinator of the contribution project, sets a budget.
    error NotBudgetAdmin(address account);
    /// @notice Thrown when a coordinator sets a budget of `amount`, above the coordinators' cap `cap`.
    error BudgetAboveCoordinatorCap(uint256 amount, uint256 cap);
    /// @notice Thrown when a budget or cap `amount` exceeds `max` (2^96 - 1 wei).
    error BudgetTooLarge(uint256 amount, uint256 max);
    /// @notice Thrown at construction when neither a contribution project nor a credit network is given.
    error NoMembershipSource();
    /// @notice Thrown at construction when a contribution ledger is given with project 0, or a project without it.
    error InvalidProject(address ledger, uint64 projectId);
    /// @notice Thrown at construction when the period length `length` is 0.
    error InvalidPeriodLength(uint32 length);
    /// @notice Thrown when the owner allows `target`, which is the paymaster itself, the EntryPoint or address 0.
    error InvalidCallTarget(address target);

    // ------------------------------------------------------------------------------------------------ constants

    /// @notice The most calls one operation's `executeBatch` may hold (16).
    function MAX_CALLS_PER_OP() external view returns (uint256);

    /// @notice The gas `postOp` is estimated to cost on top of the `actualGasCost` the EntryPoint passes it: the
    /// bookkeeping of this contract plus the EntryPoint's own work around the call (8,698, measured on the production
    /// build that is deployed: the member's slot is already warm and written in validation, so the cost barely varies).
    /// The charge recorded is `min(maxCost, actualGasCost + POST_OP_GAS * actualUserOpFeePerGas)`; it differs from the
    /// EntryPoint's charge (its `UserOperationEvent.actualGasCost`) by the error of this estimate (0 to 16 gas below it
    /// with the production build, ~385 below with the default one; tests allow 1,000) and by the EntryPoint's penalty
    /// on unused postOp gas (none while the postOp gas limit stays within 40,000 gas of its use).
    function POST_OP_GAS() external view returns (uint256);

    /// @notice The smallest postOp gas limit an operation may give (so that `postOp` never runs out of gas).
    function MIN_POST_OP_GAS_LIMIT() external view returns (uint256);

    /// @notice The length of a budget period, in seconds (fixed at construction).
    function PERIOD_LENGTH() external view returns (uint32);

    /// @notice The start of period 0 (the deployment's timestamp).
    function PERIOD_ORIGIN() external view returns (uint48);

    /// @notice The contribution ledger whose project's members are sponsored (address 0: none).
    function LEDGER() external view returns (IContributionLedger);

    /// @notice The contribution project whose members (MEMBER_ROLE) are sponsored and whose coordinators may set
    /// budgets (0: none).
    function PROJECT_ID() external view returns (uint64);

    /// @notice The credit network whose Active members are sponsored (address 0: none).
    function CREDIT_NETWORK() external view returns (ICreditNetwork);

    // ------------------------------------------------------------------------------------------------ admin

    /// @notice Allows sponsored operations to call `target` (a contract of this system). Owner only.
    /// @param target The contract; not the paymaster, the EntryPoint or address 0.
    function allowCallTarget(address target) external;

    /// @notice Removes `target` from the allowed call targets. Owner only.
    /// @param target The contract.
    function removeCallTarget(address target) external;

    /// @notice Sets the budget of every member without one of its own. Owner only.
    /// @param amount Wei per period (at most 2^96 - 1).
    function setDefaultBudget(uint256 amount) external;

    /// @notice Sets the most a coordinator may set as one member's budget (0: coordinators set none). Owner only.
    /// @param cap Wei per period (at most 2^96 - 1).
    function setCoordinatorBudgetCap(uint256 cap) external;

    /// @notice Gives `member` a budget of its own, replacing the default. The owner sets any amount; a coordinator
    /// of the contribution project sets at most {coordinatorBudgetCap}. Applies to the current period at once.
    /// @param member The member.
    /// @param amount Wei per period (at most 2^96 - 1; 0 stops its sponsorship).
    function setMemberBudget(address member, uint256 amount) external;

    /// @notice Removes `member`'s own budget (the default applies again). The owner or a coordinator.
    /// @param member The member.
    function clearMemberBudget(address member) external;

    // ------------------------------------------------------------------------------------------------ views

    /// @notice Whether `account` is a member of the co-op in a configured source (the check validation makes).
    /// @param account The account.
    /// @return True if the project grants it MEMBER_ROLE or the credit network lists it as Active.
    function isMember(address account) external view returns (bool);

    /// @notice Whether sponsored operations may call `target`.
    /// @param target The contract.
    /// @return True if allowed.
    function isCallTargetAllowed(address target) external view returns (bool);

    /// @notice The budget of members without one of their own, in wei per period.
    function defaultBudget() external view returns (uint256);

    /// @notice The most a coordinator may set as a member's budget, in wei per period.
    function coordinatorBudgetCap() external view returns (uint256);

    /// @notice `member`'s budget per period.
    /// @param member The member.
    /// @return amount Wei per period (its own budget, or the default).
    /// @return own Whether it has a budget of its own.
    function budgetOf(address member) external view returns (uint256 amount, bool own);

    /// @notice `member`'s spending in its latest sponsored period.
    /// @param member The member.
    /// @return period The latest period in which the member was sponsored (0 before its first operation).
    /// @return spent Wei charged in that period.
    /// @return reserved Wei reserved by operations validated but not yet accounted (0 between transactions, unless a
    /// `postOp` reverted).
    function spendingOf(address member) external view returns (uint32 period, uint256 spent, uint256 reserved);

    /// @notice What is left of `member`'s budget in `period`.
    /// @param member The member.
    /// @param period A period (earlier than the latest sponsored one: 0).
    /// @return Wei an operation may still cost (`maxCost` of a sponsored operation is at most this).
    function remainingBudget(address member, uint32 period) external view returns (uint256);

    /// @notice The period that contains `timestamp`.
    /// @param timestamp A Unix time, at or after {PERIOD_ORIGIN}.
    /// @return The period index (saturates at 2^32 - 1).
    function periodAt(uint256 timestamp) external view returns (uint32);

    /// @notice The period now (the one a new operation names).
    function currentPeriod() external view returns (uint32);

    /// @notice The bounds of `period`.
    /// @param period A period index.
    /// @return start Its first second.
    /// @return end The first second of the next period.
    function periodBounds(uint32 period) external view returns (uint256 start, uint256 end);
}
