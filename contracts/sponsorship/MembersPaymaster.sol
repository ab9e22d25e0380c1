// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {BasePaymaster} from "@account-abstraction/contracts/core/BasePaymaster.sol";
import {_packValidationData} from "@account-abstraction/contracts/core/Helpers.sol";
import {UserOperationLib} from "@account-abstraction/contracts/core/UserOperationLib.sol";
import {IEntryPoint} from "@account-abstraction/contracts/interfaces/IEntryPoint.sol";
import {PackedUserOperation} from "@account-abstraction/contracts/interfaces/PackedUserOperation.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IContributionLedger} from "../contribution/IContributionLedger.sol";
import {ICreditNetwork} from "../credit/ICreditNetwork.sol";
import {AccountCalls} from "./AccountCalls.sol";
import {IMembersPaymaster} from "./IMembersPaymaster.sol";

/// @title MembersPaymaster
/// @notice A co-op's ERC-4337 v0.8 paymaster: pays its members' gas for calls to the co-op's contracts, within a
/// budget per member and period. See {IMembersPaymaster} for the rules, the budget accounting and the ERC-7562
/// reasoning.
/// @dev Ownership (Ownable2Step, from BasePaymaster) starts with `initialOwner` (the co-op's timelock in deployment).
/// The deposit moves only through the EntryPoint (`deposit` by anyone, `withdrawTo` by the owner, both inherited),
/// which holds the value and guards its own reentrancy; this contract holds no ETH. No function loops over members:
/// validation loops over at most {MAX_CALLS_PER_OP} calls.
contract MembersPaymaster is IMembersPaymaster, BasePaymaster {
    using UserOperationLib for PackedUserOperation;

    /// @inheritdoc IMembersPaymaster
    uint256 public constant MAX_CALLS_PER_OP = 16;
    /// @inheritdoc IMembersPaymaster
    uint256 public constant POST_OP_GAS = 10_190;
    /// @inheritdoc IMembersPaymaster
    uint256 public constant MIN_POST_OP_GAS_LIMIT = 30_000;

    /// @inheritdoc IMembersPaymaster
    uint32 public immutable PERIOD_LENGTH;
    /// @inheritdoc IMembersPaymaster
    uint48 public immutable PERIOD_ORIGIN;
    /// @inheritdoc IMembersPaymaster
    IContributionLedger public immutable LEDGER;
    /// @inheritdoc IMembersPaymaster
    uint64 public immutable PROJECT_ID;
    /// @inheritdoc IMembersPaymaster
    ICreditNetwork public immutable CREDIT_NETWORK;

    uint256 private constant _MAX_BUDGET = type(uint96).max;
    uint8 private constant _MEMBER_ROLE = 1; // ContributionLedger.MEMBER_ROLE
    uint8 private constant _COORDINATOR_ROLE = 2; // ContributionLedger.COORDINATOR_ROLE
    uint256 private constant _PERIOD_DATA_LENGTH = PAYMASTER_DATA_OFFSET + 4;

    /// @dev One slot: the member's latest sponsored period, what it spent and what is reserved in it, and whether it
    /// has a budget of its own (here, so that validation reads the budget slot only for members that have one).
    struct Spending {
        uint32 period;
        uint96 spent;
        uint96 reserved;
        bool hasOwnBudget;
    }

    /// @dev Two slots, `keccak256(member ‖ slot) + 0` and `+ 1`: associated with the member (ERC-7562). `ownBudget`
    /// counts only while `spending.hasOwnBudget`.
    struct MemberState {
        Spending spending;
        uint96 ownBudget;
    }

    mapping(address member => MemberState) private _members;
    mapping(address target => bool) private _allowedTargets;
    uint96 private _defaultBudget;
    uint96 private _coordinatorBudgetCap;

    /// @param entryPoint_ The EntryPoint v0.8 (canonical: 0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108).
    /// @param initialOwner The owner (the co-op's timelock).
    /// @param ledger The contribution ledger (address 0: none).
    /// @param projectId The ledger's project whose members are sponsored (0 if and only if no ledger).
    /// @param creditNetwork The credit network whose Active members are sponsored (address 0: none).
    /// @param periodLength The budget period in seconds (e.g. 30 days).
    /// @param callTargets The contracts members' operations may call from the start (the co-op's modules).
    /// @param defaultBudget_ Each member's budget per period from the start, in wei.
    /// @param coordinatorBudgetCap_ The most a coordinator may give one member per period from the start, in wei.
    constructor(
        IEntryPoint entryPoint_,
        address initialOwner,
        IContributionLedger ledger,
        uint64 projectId,
        ICreditNetwork creditNetwork,
        uint32 periodLength,
        address[] memory callTargets,
        uint256 defaultBudget_,
        uint256 coordinatorBudgetCap_
    ) BasePaymaster(entryPoint_) {
        if ((address(ledger) == address(0)) != (projectId == 0)) revert InvalidProject(address(ledger), projectId);
        if (address(ledger) == address(0) && address(creditNetwork) == address(0)) revert NoMembershipSource();
        if (periodLength == 0) revert InvalidPeriodLength(periodLength);
        if (initialOwner == address(0)) revert OwnableInvalidOwner(address(0));
        LEDGER = ledger;
        PROJECT_ID = projectId;
        CREDIT_NETWORK = creditNetwork;
        PERIOD_LENGTH = periodLength;
        PERIOD_ORIGIN = uint48(block.timestamp);
        _transferOwnership(initialOwner);
        for (uint256 i = 0; i < callTargets.length; ++i) _allowCallTarget(callTargets[i]);
        _setDefaultBudget(defaultBudget_);
        _setCoordinatorBudgetCap(coordinatorBudgetCap_);
    }

    // ------------------------------------------------------------------------------------------ admin

    /// @inheritdoc IMembersPaymaster
    function allowCallTarget(address target) external onlyOwner {
        _allowCallTarget(target);
    }

    /// @inheritdoc IMembersPaymaster
    function removeCallTarget(address target) external onlyOwner {
        delete _allowedTargets[target];
        emit CallTargetRemoved(target);
    }

    /// @inheritdoc IMembersPaymaster
    function setDefaultBudget(uint256 amount) external onlyOwner {
        _setDefaultBudget(amount);
    }

    /// @inheritdoc IMembersPaymaster
    function setCoordinatorBudgetCap(uint256 cap) external onlyOwner {
        _setCoordinatorBudgetCap(cap);
    }

    /// @inheritdoc IMembersPaymaster
    function setMemberBudget(address member, uint256 amount) external {
        uint96 budget = _toBudget(amount);
        if (!_isOwnerOrCoordinator(msg.sender)) revert NotBudgetAdmin(msg.sender);
        if (msg.sender != owner() && amount > _coordinatorBudgetCap) {
            revert BudgetAboveCoordinatorCap(amount, _coordinatorBudgetCap);
        }
        MemberState storage m = _members[member];
        m.ownBudget = budget;
        m.spending.hasOwnBudget = true;
        emit MemberBudgetSet(member, amount, msg.sender);
    }

    /// @inheritdoc IMembersPaymaster
    function clearMemberBudget(address member) external {
        if (!_isOwnerOrCoordinator(msg.sender)) revert NotBudgetAdmin(msg.sender);
        MemberState storage m = _members[member];
        m.spending.hasOwnBudget = false;
        delete m.ownBudget;
        emit MemberBudgetCleared(member, msg.sender);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IMembersPaymaster
    function isMember(address account) public view returns (bool) {
        if (address(LEDGER) != address(0) && LEDGER.rolesOf(PROJECT_ID, account) & _MEMBER_ROLE != 0) return true;
        return
            address(CREDIT_NETWORK) != address(0) &&
            CREDIT_NETWORK.member(account).status == ICreditNetwork.MemberStatus.Active;
    }

    /// @inheritdoc IMembersPaymaster
    function isCallTargetAllowed(address target) external view returns (bool) {
        return _allowedTargets[target];
    }

    /// @inheritdoc IMembersPaymaster
    function defaultBudget() external view returns (uint256) {
        return _defaultBudget;
    }

    /// @inheritdoc IMembersPaymaster
    function coordinatorBudgetCap() external view returns (uint256) {
        return _coordinatorBudgetCap;
    }

    /// @inheritdoc IMembersPaymaster
    function budgetOf(address member) external view returns (uint256 amount, bool own) {
        MemberState storage m = _members[member];
        own = m.spending.hasOwnBudget;
        amount = _budget(m, own);
    }

    /// @inheritdoc IMembersPaymaster
    function spendingOf(address member) external view returns (uint32 period, uint256 spent, uint256 reserved) {
        Spending memory s = _members[member].spending;
        return (s.period, s.spent, s.reserved);
    }

    /// @inheritdoc IMembersPaymaster
    function remainingBudget(address member, uint32 period) external view returns (uint256) {
        MemberState storage m = _members[member];
        Spending memory s = m.spending;
        if (period < s.period) return 0;
        if (period > s.period) (s.spent, s.reserved) = (0, 0);
        return _remaining(_budget(m, s.hasOwnBudget), s);
    }

    /// @inheritdoc IMembersPaymaster
    function periodAt(uint256 timestamp) public view returns (uint32) {
        if (timestamp < PERIOD_ORIGIN) return 0;
        return uint32(Math.min((timestamp - PERIOD_ORIGIN) / PERIOD_LENGTH, type(uint32).max));
    }

    /// @inheritdoc IMembersPaymaster
    function currentPeriod() external view returns (uint32) {
        return periodAt(block.timestamp);
    }

    /// @inheritdoc IMembersPaymaster
    function periodBounds(uint32 period) public view returns (uint256 start, uint256 end) {
        start = PERIOD_ORIGIN + uint256(period) * PERIOD_LENGTH;
        end = start + PERIOD_LENGTH;
    }

    // ------------------------------------------------------------------------------------------ ERC-4337

    /// @dev Checks, in this order: the paymaster data (a 4-byte period), the postOp gas limit, the sender's
    /// membership, every call target, the budget; then reserves `maxCost` and returns the period as the validity
    /// window. Reads no clock. Reverts (the EntryPoint reports `AA33 reverted` with this revert data) on a refusal.
    function _validatePaymasterUserOp(
        PackedUserOperation calldata userOp,
        bytes32 userOpHash,
        uint256 maxCost
    ) internal override returns (bytes memory context, uint256 validationData) {
        uint32 period;
        (period, validationData) = _periodWindow(userOp.paymasterAndData);
        uint256 postOpGasLimit = userOp.unpackPostOpGasLimit();
        if (postOpGasLimit < MIN_POST_OP_GAS_LIMIT) revert PostOpGasLimitTooLow(postOpGasLimit, MIN_POST_OP_GAS_LIMIT);
        address sender = userOp.sender;
        if (!isMember(sender)) revert NotCoopMember(sender);
        _checkCalls(userOp.callData);
        _reserve(sender, period, maxCost);
        context = abi.encodePacked(sender, uint96(maxCost), userOpHash); // maxCost < 2^96 (_reserve)
    }

    /// @dev Releases the reservation and charges the cost (see {POST_OP_GAS}); never reverts (the reservation made in this transaction is at least `maxCost`, and `spent + cost <= budget <
    /// 2^96`). The operation's period is the one in the member's slot (so the context does not carry it): validation
    /// wrote it there, and an operation of another period in the same bundle makes the EntryPoint revert the bundle
    /// (the two validity windows do not overlap), so no later validation can have changed it.
    function _postOp(
        PostOpMode,
        bytes calldata context,
        uint256 actualGasCost,
        uint256 actualUserOpFeePerGas
    ) internal override {
        address member = address(bytes20(context[:20]));
        uint96 maxCost = uint96(bytes12(context[20:32]));
        bytes32 userOpHash = bytes32(context[32:64]);
        uint256 cost = Math.min(actualGasCost + POST_OP_GAS * actualUserOpFeePerGas, maxCost);
        Spending storage s = _members[member].spending;
        (uint32 period, uint96 spent, uint96 reserved) = (s.period, s.spent, s.reserved);
        unchecked {
            // Both bounded: reserved >= maxCost >= cost, spent + cost <= budget < 2^96 (see above).
            s.reserved = reserved > maxCost ? reserved - maxCost : 0;
            s.spent = spent + uint96(cost);
        }
        emit GasSponsored(member, userOpHash, period, cost);
    }

    // ------------------------------------------------------------------------------------------ private

    /// @dev Refuses call data that is not a well-formed `execute` / `executeBatch` of at most MAX_CALLS_PER_OP calls
    /// to allowed targets.
    function _checkCalls(bytes calldata callData) private view {
        (AccountCalls.Outcome outcome, uint256 count) = AccountCalls.check(callData, MAX_CALLS_PER_OP);
        if (outcome == AccountCalls.Outcome.UnsupportedSelector) {
            revert UnsupportedAccountCall(AccountCalls.selectorOf(callData));
        }
        if (outcome == AccountCalls.Outcome.Malformed) revert MalformedAccountCall();
        if (outcome == AccountCalls.Outcome.EmptyBatch) revert EmptyBatch();
        if (outcome == AccountCalls.Outcome.TooManyCalls) revert TooManyCalls(count, MAX_CALLS_PER_OP);
        for (uint256 i = 0; i < count; ++i) {
            address target = AccountCalls.target(callData, i);
            if (!_allowedTargets[target]) revert CallTargetNotAllowed(target);
        }
    }

    /// @dev The period named in `paymasterAndData` and its window as validation data (`validAfter = start - 1`,
    /// `validUntil = end - 1`).
    function _periodWindow(bytes calldata pmData) private view returns (uint32 period, uint256 validationData) {
        if (pmData.length != _PERIOD_DATA_LENGTH) revert InvalidPaymasterData(pmData.length);
        period = uint32(bytes4(pmData[PAYMASTER_DATA_OFFSET:]));
        (uint256 start, uint256 end) = periodBounds(period);
        if (end - 1 > type(uint48).max) revert PeriodOutOfRange(period);
        validationData = _packValidationData(false, uint48(end - 1), uint48(start - 1));
    }

    /// @dev Opens `period` in the member's slot if it is new, checks the budget and reserves `maxCost`: reads the
    /// member's slot, then either its own budget or the default one, and writes the member's slot once.
    function _reserve(address member, uint32 period, uint256 maxCost) private {
        MemberState storage m = _members[member];
        Spending memory s = m.spending;
        if (period != s.period) {
            if (period < s.period) revert PeriodClosed(period, s.period);
            (s.period, s.spent, s.reserved) = (period, 0, 0);
        }
        uint256 remaining = _remaining(_budget(m, s.hasOwnBudget), s);
        if (maxCost > remaining) revert BudgetExhausted(member, period, remaining, maxCost);
        s.reserved += uint96(maxCost); // maxCost <= remaining <= budget < 2^96
        m.spending = s;
    }

    function _allowCallTarget(address target) private {
        if (target == address(0) || target == address(this) || target == address(entryPoint)) {
            revert InvalidCallTarget(target);
        }
        _allowedTargets[target] = true;
        emit CallTargetAllowed(target);
    }

    function _setDefaultBudget(uint256 amount) private {
        _defaultBudget = _toBudget(amount);
        emit DefaultBudgetSet(amount);
    }

    function _setCoordinatorBudgetCap(uint256 cap) private {
        _coordinatorBudgetCap = _toBudget(cap);
        emit CoordinatorBudgetCapSet(cap);
    }

    function _isOwnerOrCoordinator(address account) private view returns (bool) {
        if (account == owner()) return true;
        return address(LEDGER) != address(0) && LEDGER.rolesOf(PROJECT_ID, account) & _COORDINATOR_ROLE != 0;
    }

    /// @dev The member's budget per period: its own (`own`: its slot's flag) or the default; reads one slot.
    function _budget(MemberState storage m, bool own) private view returns (uint256) {
        return own ? m.ownBudget : _defaultBudget;
    }

    /// @dev What is left of `budget` after the period's spending and reservations (0 if a lowered budget is below).
    function _remaining(uint256 budget, Spending memory s) private pure returns (uint256) {
        uint256 used = uint256(s.spent) + s.reserved;
        return budget > used ? budget - used : 0;
    }

    function _toBudget(uint256 amount) private pure returns (uint96) {
        if (amount > _MAX_BUDGET) revert BudgetTooLarge(amount, _MAX_BUDGET);
        return uint96(amount);
    }
}
