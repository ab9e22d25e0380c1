// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {BaseAccount} from "@account-abstraction/contracts/core/BaseAccount.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {IMembersPaymaster} from "../../contracts/sponsorship/IMembersPaymaster.sol";

/// @notice Ghost model of MembersPaymaster for its invariant handler: the actors and call targets, the membership,
/// budgets, per-member spending and deposit as the handler's confirmed actions left them, what the chain showed
/// (GasSponsored charges, budgets checked at validation, breach counters), the path counters, the revert predictor
/// of a validation and the builders of an operation's call data (valid, aimed at a forbidden target, or malformed).
abstract contract MembersPaymasterModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- constants

    uint256 public constant N = 12;
    /// @dev Actors: ledger members (0, 1), a credit member (2), a member of both (3), the project's coordinator and
    /// creator (4, also a member), a second coordinator that is not a member (5), the attacker's three addresses (6: a
    /// ledger member, 7: a credit member, 8: no member), an outsider (9), a revoked ledger member (10) and a suspended
    /// credit member (11). Membership of 0, 1, 3, 6, 10 (ledger), 2, 3, 7, 11 (credit) and the coordinator role of 5
    /// change over time.
    uint256 internal constant ALICE = 0;
    uint256 internal constant BOB = 1;
    uint256 internal constant CAROL = 2;
    uint256 internal constant DAVE = 3;
    uint256 internal constant COORD = 4;
    uint256 internal constant COORD2 = 5;
    uint256 internal constant ATT0 = 6;
    uint256 internal constant ATT1 = 7;
    uint256 internal constant ATT2 = 8;
    uint256 internal constant OUTSIDER = 9;
    uint256 internal constant REVOKED = 10;
    uint256 internal constant SUSPENDED = 11;

    /// @dev Call-target candidates: 0 the ledger, 1 the credit network, 2 a third co-op tool (not allowed at first),
    /// 3 the paymaster, 4 the EntryPoint, 5 the attacker's outsider address (3..5 are never allowed).
    uint256 public constant T = 6;
    uint256 internal constant TOGGLED_TARGETS = 3;

    uint8 internal constant MEMBER_ROLE = 1;
    uint8 internal constant COORDINATOR_ROLE = 2;
    uint8 internal constant CREDIT_NONE = 0;
    uint8 internal constant CREDIT_ACTIVE = 1;
    uint8 internal constant CREDIT_SUSPENDED = 2;
    uint64 internal constant PROJECT = 1;

    uint32 public constant PERIOD = 7 days;
    uint256 public constant DEFAULT_BUDGET = 0.01 ether;
    uint256 public constant CAP = 0.02 ether;
    uint256 internal constant MAX_OP_COST = 0.006 ether;
    uint256 internal constant MAX_SET_BUDGET = 0.03 ether;
    uint256 internal constant MAX_BUDGET = type(uint96).max;
    uint256 internal constant PM_DATA_LENGTH = 56;

    /// @dev Faults of a member's operation (at most one per operation, so the prediction does not depend on the
    /// order of the checks).
    uint8 internal constant F_NONE = 0;
    uint8 internal constant F_PM_LENGTH = 1;
    uint8 internal constant F_POSTOP_GAS = 2;
    uint8 internal constant F_EARLIER = 3;
    uint8 internal constant F_LATER = 4;
    uint8 internal constant F_STALE = 5;
    uint8 internal constant F_GARBAGE = 6;
    uint8 internal constant F_TARGET = 7;
    uint8 internal constant F_BUDGET = 8;

    // ------------------------------------------------------------------------------------------ the system

    address[N] public actors;
    address[T] public targets;
    address public owner;
    /// @dev PERIOD_ORIGIN (the paymaster's deployment time), MIN_POST_OP_GAS_LIMIT and POST_OP_GAS, read once.
    uint256 public origin;
    uint256 public minPostOpGas;
    uint256 public postOpGasEstimate;

    // ---------------------------------------------------------------------------------------- ghost state

    struct GMember {
        bool own;
        uint256 ownBudget;
        uint32 period;
        uint256 spent;
        uint256 reserved;
    }

    /// @dev An operation as the handler built it, with what the account would call (empty if the call data is
    /// not well formed) and the refusal its call data earns with the current allow-list ("" if none).
    struct Op {
        uint256 who;
        uint32 period;
        uint256 pmLength;
        uint256 postOpGasLimit;
        bytes callData;
        address[] calls;
        bytes callError;
        uint256 maxCost;
        bytes32 hash;
        uint8 fault;
    }

    /// @dev A GasSponsored event observed after a postOp, next to the postOp's inputs.
    struct Charge {
        uint256 who;
        uint32 period;
        uint256 maxCost;
        uint256 actualGasCost;
        uint256 feePerGas;
        uint256 cost;
    }

    uint8[N] public gRoles;
    uint8[N] public gCredit;
    bool[T] public gAllowed;
    uint256 public gDefault;
    uint256 public gCap;
    uint256 public gDeposit;
    uint256 public gStake;
    GMember[N] internal _g;
    /// @dev What the ghost charged each actor in each period, and in total.
    mapping(uint256 who => mapping(uint32 period => uint256)) public gCharged;
    uint256 public gChargedTotal;
    /// @dev The periods in which each actor had an operation kept, in order.
    mapping(uint256 who => uint32[]) internal _periodsOf;
    mapping(uint256 who => mapping(uint32 period => bool)) internal _periodUsed;

    // ----------------------------------------------------------------------------------------- observations

    /// @dev GasSponsored costs per actor and period, and their sum (read from the logs, not predicted).
    mapping(uint256 who => mapping(uint32 period => uint256)) public evCharged;
    uint256 public evTotal;
    Charge[] internal _charges;
    /// @dev The largest budget `budgetOf` showed right after an accepted validation of the actor in the period.
    mapping(uint256 who => mapping(uint32 period => uint256)) public obsMaxBudget;
    /// @dev The latest period `spendingOf` showed for each actor.
    uint32[N] public maxSeenPeriod;
    /// @dev Breaches seen on the chain, independently of the prediction (each must stay 0).
    uint256 public overBudgetValidations; // spent + reserved > budgetOf after an accepted validation of maxCost > 0
    uint256 public acceptedEarlier; // a validation accepted naming a period before the member's latest
    uint256 public periodRegressions; // spendingOf's period went down
    uint256 public windowMismatches; // validation data other than the named period's bounds
    uint256 public acceptedNonMembers; // accepted although neither source counted the sender a member
    uint256 public acceptedForbiddenCalls; // accepted with a target off the allow-list or malformed call data
    uint256 public acceptedFromOthers; // validatePaymasterUserOp or postOp accepted from another caller than the EntryPoint
    uint256 public budgetBreaches; // a budget set or cleared by a non-admin, or by a coordinator above the cap
    uint256 public chargeMismatches; // a GasSponsored missing, doubled, or naming another member or period

    // ----------------------------------------------------------------------------------------- path counters

    uint256 public nAccepted;
    uint256 public nPostOps;
    uint256 public nRevertedOpPostOps;
    uint256 public nSkippedPostOps;
    uint256 public nCappedCharges;
    uint256 public nSameMemberBundles;
    uint256 public nNewPeriods;
    uint256 public nStaleReservations;
    uint256 public nNotMember;
    uint256 public nRevokedRefused;
    uint256 public nSuspendedRefused;
    uint256 public nAttackerOutsiderRefused;
    uint256 public nPmLength;
    uint256 public nPostOpGasLow;
    uint256 public nPeriodClosed;
    uint256 public nOutOfRange;
    uint256 public nLaterDropped;
    uint256 public nStaleDropped;
    uint256 public nUnsupported;
    uint256 public nMalformed;
    uint256 public nEmptyBatch;
    uint256 public nTooManyCalls;
    uint256 public nTargetRefused;
    uint256 public nHiddenTargetRefused;
    uint256 public nBudgetExhausted;
    uint256 public nDrains;
    uint256 public nNotEntryPoint;
    uint256 public nOwnBudgets;
    uint256 public nCoordinatorBudgets;
    uint256 public nAboveCap;
    uint256 public nNotBudgetAdmin;
    uint256 public nClears;
    uint256 public nDefaultBudgets;
    uint256 public nCapChanges;
    uint256 public nTooLarge;
    uint256 public nOwnableRefusals;
    uint256 public nTargetChanges;
    uint256 public nInvalidTargets;
    uint256 public nMembershipChanges;
    uint256 public nDeposits;
    uint256 public nWithdrawals;
    uint256 public nRefusedWithdrawals;
    uint256 public nEthRefused;
    uint256 public nWarps;
    uint256 public nPeriodChanges;

    // ------------------------------------------------------------------------------------------------ views

    function ghost(uint256 i) external view returns (GMember memory) {
        return _g[i];
    }

    function periodsOf(uint256 i) external view returns (uint32[] memory) {
        return _periodsOf[i];
    }

    function chargeCount() external view returns (uint256) {
        return _charges.length;
    }

    function charge(uint256 k) external view returns (Charge memory) {
        return _charges[k];
    }

    function isMemberG(uint256 i) public view returns (bool) {
        return gRoles[i] & MEMBER_ROLE != 0 || gCredit[i] == CREDIT_ACTIVE;
    }

    function budgetG(uint256 i) public view returns (uint256) {
        return _g[i].own ? _g[i].ownBudget : gDefault;
    }

    /// @dev What is left of actor i's budget in period p (p not before its latest period).
    function remainingG(uint256 i, uint32 p) public view returns (uint256) {
        GMember storage g = _g[i];
        if (p < g.period) return 0;
        uint256 used = p == g.period ? g.spent + g.reserved : 0;
        uint256 budget = budgetG(i);
        return budget > used ? budget - used : 0;
    }

    function periodNow() public view returns (uint32) {
        return uint32((block.timestamp - origin) / PERIOD);
    }

    /// @dev Whether period p ends beyond the EntryPoint's 48-bit timestamps.
    function outOfRange(uint32 p) public view returns (bool) {
        return origin + (uint256(p) + 1) * PERIOD - 1 > type(uint48).max;
    }

    /// @dev The last period whose end fits in 48 bits.
    function lastPeriodInRange() public view returns (uint32) {
        return uint32((uint256(type(uint48).max) + 1 - origin) / PERIOD - 1);
    }

    // ------------------------------------------------------------------------------------------ prediction

    /// @dev The paymaster's refusal of `op` ("" if it accepts), in the documented order of the checks.
    function _predictValidation(Op memory op) internal view returns (bytes memory) {
        if (op.pmLength != PM_DATA_LENGTH) {
            return abi.encodeWithSelector(IMembersPaymaster.InvalidPaymasterData.selector, op.pmLength);
        }
        if (outOfRange(op.period))
            return abi.encodeWithSelector(IMembersPaymaster.PeriodOutOfRange.selector, op.period);
        if (op.postOpGasLimit < minPostOpGas) {
            return
                abi.encodeWithSelector(
                    IMembersPaymaster.PostOpGasLimitTooLow.selector,
                    op.postOpGasLimit,
                    minPostOpGas
                );
        }
        if (!isMemberG(op.who)) return abi.encodeWithSelector(IMembersPaymaster.NotCoopMember.selector, actors[op.who]);
        if (op.callError.length != 0) return op.callError;
        GMember storage g = _g[op.who];
        if (op.period < g.period) {
            return abi.encodeWithSelector(IMembersPaymaster.PeriodClosed.selector, op.period, g.period);
        }
        uint256 remaining = remainingG(op.who, op.period);
        if (op.maxCost > remaining) {
            return
                abi.encodeWithSelector(
                    IMembersPaymaster.BudgetExhausted.selector,
                    actors[op.who],
                    op.period,
                    remaining,
                    op.maxCost
                );
        }
        return "";
    }

    /// @dev The ghost's reservation of an accepted, kept validation.
    function _ghostReserve(uint256 i, uint32 p, uint256 maxCost) internal {
        GMember storage g = _g[i];
        if (p != g.period) {
            (g.period, g.spent, g.reserved) = (p, 0, 0);
            ++nNewPeriods;
        } else if (g.reserved != 0) {
            ++nStaleReservations;
        }
        if (!_periodUsed[i][p]) {
            _periodUsed[i][p] = true;
            _periodsOf[i].push(p);
        }
        g.reserved += maxCost;
    }

    /// @dev The ghost's postOp: releases `maxCost`, charges `cost` in the member's period.
    function _ghostCharge(uint256 i, uint256 maxCost, uint256 cost) internal {
        GMember storage g = _g[i];
        g.reserved = g.reserved > maxCost ? g.reserved - maxCost : 0;
        g.spent += cost;
        gCharged[i][g.period] += cost;
        gChargedTotal += cost;
    }

    // ------------------------------------------------------------------------------------------- call data

    /// @dev The allowed call targets, per the ghost.
    function _allowedTargets() internal view returns (address[] memory list) {
        uint256 n;
        for (uint256 t = 0; t < T; ++t) if (gAllowed[t]) ++n;
        list = new address[](n);
        n = 0;
        for (uint256 t = 0; t < T; ++t) if (gAllowed[t]) list[n++] = targets[t];
    }

    /// @dev The targets not on the allow-list, per the ghost (never empty: 3..5 are never allowed).
    function _forbiddenTargets() internal view returns (address[] memory list) {
        uint256 n;
        for (uint256 t = 0; t < T; ++t) if (!gAllowed[t]) ++n;
        list = new address[](n);
        n = 0;
        for (uint256 t = 0; t < T; ++t) if (!gAllowed[t]) list[n++] = targets[t];
    }

    /// @dev `execute` of one call, or `executeBatch` of `n` calls, to `to` (values and data drawn from `seed`).
    function _encodeCalls(address[] memory to, bool single, uint256 seed) internal pure returns (bytes memory) {
        if (single) {
            return abi.encodeCall(BaseAccount.execute, (to[0], seed % 3 == 0 ? seed % 1e15 : 0, _data(seed)));
        }
        BaseAccount.Call[] memory calls = new BaseAccount.Call[](to.length);
        for (uint256 k = 0; k < to.length; ++k) {
            uint256 s = uint256(keccak256(abi.encode(seed, k)));
            calls[k] = BaseAccount.Call({target: to[k], value: s % 4 == 0 ? s % 1e15 : 0, data: _data(s)});
        }
        return abi.encodeCall(BaseAccount.executeBatch, (calls));
    }

    /// @dev Call data of 0 to 99 bytes.
    function _data(uint256 seed) internal pure returns (bytes memory d) {
        d = new bytes((seed >> 32) % 100);
        for (uint256 k = 0; k < d.length; ++k) d[k] = bytes1(uint8(seed >> (k % 31)));
    }

    /// @dev Valid call data: `execute` or a batch of 1..16 calls, every target allowed.
    function _validCallData(uint256 seed) internal view returns (bytes memory, address[] memory to) {
        address[] memory allowed = _allowedTargets();
        bool single = seed % 3 == 0;
        to = new address[](single ? 1 : 1 + ((seed >> 8) % 16));
        for (uint256 k = 0; k < to.length; ++k)
            to[k] = allowed[uint256(keccak256(abi.encode(seed, "t", k))) % allowed.length];
        return (_encodeCalls(to, single, seed >> 16), to);
    }

    /// @dev `execute` or a batch of 1..16 calls with a forbidden target hidden at a random position (`forced`, if
    /// not 0, is that target); the refusal names the first forbidden target.
    function _forbiddenCallData(
        uint256 seed,
        address forced
    ) internal view returns (bytes memory, address[] memory to, bytes memory err) {
        address[] memory allowed = _allowedTargets();
        address[] memory forbidden = _forbiddenTargets();
        bool single = seed % 4 == 0;
        to = new address[](single ? 1 : 1 + ((seed >> 8) % 16));
        uint256 hidden = (seed >> 16) % to.length;
        for (uint256 k = 0; k < to.length; ++k) {
            uint256 s = uint256(keccak256(abi.encode(seed, "t", k)));
            to[k] =
                k == hidden || (k > hidden && s % 5 == 0)
                    ? forbidden[s % forbidden.length]
                    : allowed[s % allowed.length];
        }
        if (forced != address(0)) to[hidden] = forced;
        err = abi.encodeWithSelector(IMembersPaymaster.CallTargetNotAllowed.selector, to[hidden]);
        return (_encodeCalls(to, single, seed >> 24), to, err);
    }

    /// @dev Call data the account would not decode, or that the paymaster refuses before reading any target: short,
    /// another selector, a dirty address word, a truncated tail, an empty batch, more than 16 calls, an element offset
    /// outside the call data.
    function _garbageCallData(uint256 seed) internal view returns (bytes memory cd, bytes memory err) {
        uint256 mode = seed % 7;
        seed >>= 8;
        address[] memory allowed = _allowedTargets();
        address t = allowed[seed % allowed.length];
        if (mode == 0) {
            cd = new bytes(seed % 4);
            bytes4 sel;
            for (uint256 k = 0; k < cd.length; ++k) {
                cd[k] = bytes1(uint8(seed >> (8 * k + 8)));
                sel |= bytes4(cd[k]) >> (8 * k);
            }
            return (cd, abi.encodeWithSelector(IMembersPaymaster.UnsupportedAccountCall.selector, sel));
        }
        if (mode == 1) {
            bytes4 sel = bytes4(uint32(seed >> 8));
            if (sel == BaseAccount.execute.selector || sel == BaseAccount.executeBatch.selector) sel = 0x12345678;
            return (
                abi.encodePacked(sel, abi.encode(t, 0, _data(seed))),
                abi.encodeWithSelector(IMembersPaymaster.UnsupportedAccountCall.selector, sel)
            );
        }
        err = abi.encodeWithSelector(IMembersPaymaster.MalformedAccountCall.selector);
        if (mode == 2) {
            uint256 dirty = uint256(uint160(t)) | ((1 + ((seed >> 40) % 0xffff)) << 160);
            return (abi.encodeWithSelector(BaseAccount.execute.selector, dirty, 0, _data(seed)), err);
        }
        if (mode == 3) {
            // the bytes' length word says more than the call data holds
            bytes memory d = _data(seed);
            if (d.length == 0) d = hex"01";
            cd = abi.encodeCall(BaseAccount.execute, (t, 0, d));
            uint256 cut = 4 + ((seed >> 48) % (0x80 + d.length));
            assembly ("memory-safe") {
                mstore(cd, cut)
            }
            return (cd, err);
        }
        if (mode == 4) {
            return (
                abi.encodeCall(BaseAccount.executeBatch, (new BaseAccount.Call[](0))),
                abi.encodeWithSelector(IMembersPaymaster.EmptyBatch.selector)
            );
        }
        if (mode == 5) {
            address[] memory to = new address[](17 + (seed % 4));
            for (uint256 k = 0; k < to.length; ++k) to[k] = allowed[(seed >> k) % allowed.length];
            return (
                _encodeCalls(to, false, seed),
                abi.encodeWithSelector(IMembersPaymaster.TooManyCalls.selector, to.length, 16)
            );
        }
        // one element whose offset points past the call data
        return (
            abi.encodePacked(
                BaseAccount.executeBatch.selector,
                uint256(0x20),
                uint256(1),
                uint256(1 << 64) + (seed % 1e9)
            ),
            err
        );
    }
}
