// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {BasePaymaster} from "@account-abstraction/contracts/core/BasePaymaster.sol";
import {_packValidationData} from "@account-abstraction/contracts/core/Helpers.sol";
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
    /// @inheritdoc IMembersPaymaster
    uint256 public constant MAX_CALLS_PER_OP = 16;
    /// @inheritdoc IMembersPaymaster
    uint256 public constant POST_OP_GAS = 8_698;
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
    uint256 private constant _FIXED_TARGETS = 8;
    uint256 private constant _FIXED_TARGETS_SHIFT = 192; // `_fixedTargetsAllowed` in the configuration word
    uint256 private constant _OWN_BUDGET_FLAG = 1 << 224; // Spending.hasOwnBudget in the packed word

    /// @dev The first {_FIXED_TARGETS} distinct targets the constructor allowed (address 0 where there were fewer):
    /// their allowed state is a bit of `_fixedTargetsAllowed`, in the slot validation reads anyway for the default
    /// budget, rather than an entry of `_allowedTargets` (a cold SLOAD more per operation). Address 0 never has its
    /// bit set (it is not a valid target), so an unused one allows nothing.
    address private immutable _TARGET_0;
    address private immutable _TARGET_1;
    address private immutable _TARGET_2;
    address private immutable _TARGET_3;
    address private immutable _TARGET_4;
    address private immutable _TARGET_5;
    address private immutable _TARGET_6;
    address private immutable _TARGET_7;

    /// @dev The member's latest sponsored period, what it spent and what is reserved in it, and whether it has a
    /// budget of its own (kept with them, so that validation reads the budget slot only for members that have one).
    /// Stored packed in one word ({_loadSpending}, {_storeSpending}: one SLOAD and one SSTORE each time).
    struct Spending {
        uint32 period;
        uint96 spent;
        uint96 reserved;
        bool hasOwnBudget;
    }

    /// @dev Two slots, `keccak256(member ‖ slot) + 0` and `+ 1`: associated with the member (ERC-7562). `spending`
    /// packs a {Spending}; `ownBudget` counts only while its `hasOwnBudget`.
    struct MemberState {
        uint256 spending;
        uint96 ownBudget;
    }

    mapping(address member => MemberState) private _members;
    /// @dev The allowed state of every target that is not one of the `_TARGET_i`.
    mapping(address target => bool) private _allowedTargets;
    // One slot: the default budget, the coordinators' cap and the fixed targets' allowed bits (bit i: `_TARGET_i`).
    uint96 private _defaultBudget;
    uint96 private _coordinatorBudgetCap;
    uint8 private _fixedTargetsAllowed;

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
        address[_FIXED_TARGETS] memory fixedTargets;
        uint256 fixedCount = 0;
        for (uint256 i = 0; i < callTargets.length && fixedCount < _FIXED_TARGETS; ++i) {
            bool seen = false;
            for (uint256 j = 0; j < fixedCount; ++j) seen = seen || fixedTargets[j] == callTargets[i];
            if (!seen) fixedTargets[fixedCount++] = callTargets[i];
        }
        (_TARGET_0, _TARGET_1, _TARGET_2, _TARGET_3) = (
            fixedTargets[0],
            fixedTargets[1],
            fixedTargets[2],
            fixedTargets[3]
        );
        (_TARGET_4, _TARGET_5, _TARGET_6, _TARGET_7) = (
            fixedTargets[4],
            fixedTargets[5],
            fixedTargets[6],
            fixedTargets[7]
        );
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
        _setCallTarget(target, false);
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
        _setHasOwnBudget(m, true);
        emit MemberBudgetSet(member, amount, msg.sender);
    }

    /// @inheritdoc IMembersPaymaster
    function clearMemberBudget(address member) external {
        if (!_isOwnerOrCoordinator(msg.sender)) revert NotBudgetAdmin(msg.sender);
        MemberState storage m = _members[member];
        _setHasOwnBudget(m, false);
        delete m.ownBudget;
        emit MemberBudgetCleared(member, msg.sender);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IMembersPaymaster
    function isMember(address account) public view returns (bool) {
        if (address(LEDGER) != address(0) && _ledgerRoles(account) & _MEMBER_ROLE != 0) return true;
        return
            address(CREDIT_NETWORK) != address(0) &&
            CREDIT_NETWORK.member(account).status == ICreditNetwork.MemberStatus.Active;
    }

    /// @inheritdoc IMembersPaymaster
    function isCallTargetAllowed(address target) external view returns (bool) {
        return _isCallTargetAllowed(target);
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
        own = _loadSpending(m).hasOwnBudget;
        amount = _budget(m, own);
    }

    /// @inheritdoc IMembersPaymaster
    function spendingOf(address member) external view returns (uint32 period, uint256 spent, uint256 reserved) {
        Spending memory s = _loadSpending(_members[member]);
        return (s.period, s.spent, s.reserved);
    }

    /// @inheritdoc IMembersPaymaster
    function remainingBudget(address member, uint32 period) external view returns (uint256) {
        MemberState storage m = _members[member];
        Spending memory s = _loadSpending(m);
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
        bytes32 /* userOpHash */,
        uint256 maxCost
    ) internal override returns (bytes memory context, uint256 validationData) {
        (uint32 period, uint256 postOpGasLimit, uint256 window) = _paymasterData(userOp.paymasterAndData);
        validationData = window;
        if (postOpGasLimit < MIN_POST_OP_GAS_LIMIT) revert PostOpGasLimitTooLow(postOpGasLimit, MIN_POST_OP_GAS_LIMIT);
        address sender = userOp.sender;
        if (!isMember(sender)) revert NotCoopMember(sender);
        uint256 config = _checkCalls(userOp.callData);
        _reserve(sender, period, maxCost, config);
        // One word: sender (20 bytes) ‖ maxCost (12 bytes; < 2^96, see _reserve). Every word more costs every
        // operation the EntryPoint's copies of it into postOp.
        context = abi.encode((uint256(uint160(sender)) << 96) | maxCost);
    }

    /// @dev Releases the reservation and charges the cost (see {POST_OP_GAS}); never reverts (the reservation made in
    /// this transaction is at least `maxCost`, and `spent + cost <= budget < 2^96`). The operation's period is the one
    /// in the member's slot (so the context does not carry it): validation wrote it there, and an operation of another
    /// period in the same bundle makes the EntryPoint revert the bundle (the two validity windows do not overlap), so
    /// no later validation can have changed it.
    function _postOp(
        PostOpMode,
        bytes calldata context,
        uint256 actualGasCost,
        uint256 actualUserOpFeePerGas
    ) internal override {
        // The context validation returned, as the EntryPoint passes it back: 32 bytes (see _validatePaymasterUserOp).
        uint256 head = uint256(bytes32(context[:32]));
        address member = address(uint160(head >> 96));
        uint256 maxCost = uint96(head);
        uint256 cost = Math.min(actualGasCost + POST_OP_GAS * actualUserOpFeePerGas, maxCost);
        MemberState storage m = _members[member];
        uint256 word = m.spending; // a {Spending}, see _loadSpending
        unchecked {
            // Both bounded: the reserved field holds at least maxCost >= cost unless a reverted postOp of an earlier
            // period left it (then it is cleared), and spent + cost <= budget < 2^96 (see above), so neither field
            // carries into its neighbour.
            uint256 reserved = uint96(word >> 128);
            word =
                (word & ~(uint256(type(uint96).max) << 128)) | ((reserved > maxCost ? reserved - maxCost : 0) << 128);
            word += cost << 32;
        }
        m.spending = word;
        emit GasSponsored(member, uint32(word), cost);
    }

    // ------------------------------------------------------------------------------------------ private

    /// @dev Refuses call data that is not a well-formed `execute` / `executeBatch` of at most MAX_CALLS_PER_OP calls
    /// to allowed targets.
    /// @return config The configuration word if a fixed target made it read ({_configWord}), else 0.
    function _checkCalls(bytes calldata callData) private view returns (uint256 config) {
        (AccountCalls.Outcome outcome, uint256 count) = AccountCalls.check(callData, MAX_CALLS_PER_OP);
        if (outcome != AccountCalls.Outcome.Decoded) {
            if (outcome == AccountCalls.Outcome.UnsupportedSelector) {
                revert UnsupportedAccountCall(AccountCalls.selectorOf(callData));
            }
            if (outcome == AccountCalls.Outcome.Malformed) revert MalformedAccountCall();
            if (outcome == AccountCalls.Outcome.EmptyBatch) revert EmptyBatch();
            revert TooManyCalls(count, MAX_CALLS_PER_OP);
        }
        // `execute`'s one target is its first argument (check has read the selector and that word already).
        bool single = bytes4(callData[:4]) == AccountCalls.EXECUTE;
        for (uint256 i = 0; i < count; ++i) {
            address target = single ? address(bytes20(callData[16:36])) : AccountCalls.target(callData, i);
            uint256 index = _fixedIndex(target);
            bool allowed;
            if (index == _FIXED_TARGETS) {
                allowed = _allowedTargets[target];
            } else {
                if (config == 0) config = _configWord();
                allowed = (config >> (_FIXED_TARGETS_SHIFT + index)) & 1 == 1;
            }
            if (!allowed) revert CallTargetNotAllowed(target);
        }
    }

    /// @dev From `paymasterAndData`: the period it names, its postOp gas limit, and the period's window as validation
    /// data (`validAfter = start - 1`, `validUntil = end - 1`).
    function _paymasterData(
        bytes calldata pmData
    ) private view returns (uint32 period, uint256 postOpGasLimit, uint256 validationData) {
        if (pmData.length != _PERIOD_DATA_LENGTH) revert InvalidPaymasterData(pmData.length);
        // One word from the postOp gas limit's offset: the limit (16 bytes) ‖ the period (4 bytes) ‖ what follows.
        uint256 word = uint256(bytes32(pmData[PAYMASTER_POSTOP_GAS_OFFSET:]));
        postOpGasLimit = word >> 128;
        period = uint32(word >> 96);
        (uint256 start, uint256 end) = periodBounds(period);
        if (end - 1 > type(uint48).max) revert PeriodOutOfRange(period);
        validationData = _packValidationData(false, uint48(end - 1), uint48(start - 1));
    }

    /// @dev Opens `period` in the member's slot if it is new, checks the budget and reserves `maxCost`: reads the
    /// member's slot, then either its own budget or the default one, and writes the member's slot once.
    /// `config` is the configuration word if already read, else 0 (then it is read here for the default budget).
    function _reserve(address member, uint32 period, uint256 maxCost, uint256 config) private {
        MemberState storage m = _members[member];
        uint256 word = m.spending; // a {Spending}, see _loadSpending
        uint32 latest = uint32(word);
        if (period != latest) {
            if (period < latest) revert PeriodClosed(period, latest);
            word = (word & _OWN_BUDGET_FLAG) | period; // the new period: nothing spent or reserved yet
        }
        uint256 budget;
        if (word & _OWN_BUDGET_FLAG != 0) budget = m.ownBudget;
        else budget = uint96(config != 0 ? config : _configWord());
        uint256 used = uint256(uint96(word >> 32)) + uint96(word >> 128);
        uint256 remaining = budget > used ? budget - used : 0;
        if (maxCost > remaining) revert BudgetExhausted(member, period, remaining, maxCost);
        // reserved + maxCost <= used + remaining <= budget < 2^96: the field does not carry into the flag.
        unchecked {
            m.spending = word + (maxCost << 128);
        }
    }

    function _allowCallTarget(address target) private {
        if (target == address(0) || target == address(this) || target == address(entryPoint)) {
            revert InvalidCallTarget(target);
        }
        _setCallTarget(target, true);
        emit CallTargetAllowed(target);
    }

    /// @dev Records `target`'s allowed state: a bit of `_fixedTargetsAllowed` for a fixed target, else the mapping.
    function _setCallTarget(address target, bool allowed) private {
        uint256 i = _fixedIndex(target);
        if (i == _FIXED_TARGETS) {
            _allowedTargets[target] = allowed;
        } else {
            uint8 bit = uint8(1 << i);
            _fixedTargetsAllowed = allowed ? _fixedTargetsAllowed | bit : _fixedTargetsAllowed & ~bit;
        }
    }

    /// @dev Whether `target` is allowed; reads the configuration slot for a fixed target, its mapping entry otherwise.
    function _isCallTargetAllowed(address target) private view returns (bool) {
        uint256 i = _fixedIndex(target);
        if (i == _FIXED_TARGETS) return _allowedTargets[target];
        return (_fixedTargetsAllowed >> i) & 1 == 1;
    }

    /// @dev The slot of `_defaultBudget` (bits 0-95), `_coordinatorBudgetCap` (96-191) and `_fixedTargetsAllowed`
    /// (from {_FIXED_TARGETS_SHIFT}), read with one SLOAD for validation, which needs two of its fields.
    function _configWord() private view returns (uint256 word) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            word := sload(_defaultBudget.slot)
        }
    }

    /// @dev The position of `target` among the fixed targets, or {_FIXED_TARGETS} if it is none of them.
    function _fixedIndex(address target) private view returns (uint256) {
        if (target == _TARGET_0) return 0;
        if (target == _TARGET_1) return 1;
        if (target == _TARGET_2) return 2;
        if (target == _TARGET_3) return 3;
        if (target == _TARGET_4) return 4;
        if (target == _TARGET_5) return 5;
        if (target == _TARGET_6) return 6;
        if (target == _TARGET_7) return 7;
        return _FIXED_TARGETS;
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
        return address(LEDGER) != address(0) && _ledgerRoles(account) & _COORDINATOR_ROLE != 0;
    }

    /// @dev `LEDGER.rolesOf(PROJECT_ID, account)` as one STATICCALL written out: the high-level call's encoding and
    /// return-data decoding cost every sponsored operation ~120 gas more. Reverts as the high-level call would: with
    /// the ledger's revert data, or empty when it returns less than a word. GAS is used only as the STATICCALL's
    /// argument (ERC-7562 OP-012).
    function _ledgerRoles(address account) private view returns (uint256 roles) {
        IContributionLedger ledger = LEDGER;
        uint64 projectId = PROJECT_ID;
        bytes4 selector = IContributionLedger.rolesOf.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), projectId)
            mstore(add(ptr, 0x24), account)
            if iszero(staticcall(gas(), ledger, ptr, 0x44, 0x00, 0x20)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            if lt(returndatasize(), 0x20) {
                revert(0, 0)
            }
            roles := and(mload(0x00), 0xff)
        }
    }

    /// @dev Unpacks the member's {Spending} word (Solidity's own packing order: `period` in the lowest bits).
    function _loadSpending(MemberState storage m) private view returns (Spending memory s) {
        uint256 word = m.spending;
        s.period = uint32(word);
        s.spent = uint96(word >> 32);
        s.reserved = uint96(word >> 128);
        s.hasOwnBudget = word & _OWN_BUDGET_FLAG != 0;
    }

    /// @dev Packs `s` into the member's {Spending} word with one SSTORE (a struct assignment writes each field apart).
    function _storeSpending(MemberState storage m, Spending memory s) private {
        m.spending =
            uint256(s.period) |
            (uint256(s.spent) << 32) |
            (uint256(s.reserved) << 128) |
            (s.hasOwnBudget ? _OWN_BUDGET_FLAG : 0);
    }

    function _setHasOwnBudget(MemberState storage m, bool own) private {
        Spending memory s = _loadSpending(m);
        s.hasOwnBudget = own;
        _storeSpending(m, s);
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
