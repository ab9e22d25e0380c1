// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Vm} from "forge-std/Vm.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EntryPoint} from "@account-abstraction/contracts/core/EntryPoint.sol";
import {IEntryPoint} from "@account-abstraction/contracts/interfaces/IEntryPoint.sol";
import {IPaymaster} from "@account-abstraction/contracts/interfaces/IPaymaster.sol";
import {PackedUserOperation} from "@account-abstraction/contracts/interfaces/PackedUserOperation.sol";
import {ContributionLedger} from "../../contracts/contribution/ContributionLedger.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";
import {CreditNetwork} from "../../contracts/credit/CreditNetwork.sol";
import {ICreditNetwork} from "../../contracts/credit/ICreditNetwork.sol";
import {MembersPaymaster} from "../../contracts/sponsorship/MembersPaymaster.sol";
import {IMembersPaymaster} from "../../contracts/sponsorship/IMembersPaymaster.sol";
import {MembersPaymasterModel} from "./MembersPaymasterModel.sol";

/// @notice Invariant-test handler of MembersPaymaster that plays the EntryPoint v0.8 and the co-op around it, with a
/// ghost model and an attacker model.
/// @dev The handler deploys a real EntryPoint v0.8, a ContributionLedger project (coordinator: actor 4) and a
/// CreditNetwork (the handler is its admin and steward), and the paymaster owned by `owner` (the co-op's timelock)
/// with both as call targets, a default budget, a coordinator cap, a deposit and a stake. Bundles: 1 to 4 operations
/// (often the same member several times), each validated as the EntryPoint does (`vm.prank(entryPoint)`); an
/// accepted operation whose validity window does not contain the block's time is rolled back, as the EntryPoint
/// reverts such a bundle (a bundler drops the operation); then postOp for the kept ones (opSucceeded or opReverted,
/// random actual cost <= maxCost and fee), one in 16 skipped (the EntryPoint's postOpReverted path: the reservation
/// stays). Operations carry at most one fault: a non-member sender (revoked, suspended, outsider, the attacker's third
/// address), a wrong paymaster data length, a postOp gas limit below the minimum, an earlier, stale, later or
/// out-of-range period, malformed call data, a forbidden target hidden in a batch, a maxCost above the budget left.
/// The attacker controls three addresses (a ledger member, a credit member, no member): it drains all of them in one
/// bundle, grabs a later period's budget, hides the paymaster, the EntryPoint or itself among a batch's targets, calls
/// validatePaymasterUserOp and postOp (with a forged context) directly, sends ETH to the paymaster, and tries to set
/// budgets, allow targets and withdraw. The owner, two coordinators (one demoted and promoted again) and others set and
/// clear budgets (some above the cap, too large, or not theirs to set), change the default, the cap and the targets;
/// membership changes (revocations, renunciations, suspensions, reinstatements) and time moves across periods (to a
/// period's last second and over its boundary). Each call's outcome is predicted from the ghost down to the exact
/// revert data; independently, every acceptance and every charge is checked against what the chain shows (the
/// sources' membership, the allow-list, the member's latest period, the validity window, spendingOf and budgetOf, the
/// GasSponsored log). Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and
/// the invariant fuzzer needs the handler's artifact.
contract MembersPaymasterHandler is MembersPaymasterModel {
    /// @dev Raised by {asEntryPoint} when the paymaster accepted an operation whose window the EntryPoint refuses.
    error DroppedByEntryPoint(bytes context, uint256 validationData);
    error OnlySelf();

    EntryPoint public immutable entryPoint;
    ContributionLedger public immutable ledger;
    CreditNetwork public immutable credit;
    MembersPaymaster public immutable paymaster;

    /// @dev An operation kept in a bundle, waiting for its postOp.
    struct Pending {
        uint256 who;
        uint256 maxCost;
        bytes context;
    }

    uint256 internal _opCount;
    bool[N] internal _everLedgerMember;

    constructor() {
        owner = makeAddr("co-op timelock");
        string[N] memory names = [
            "alice",
            "bob",
            "carol (credit)",
            "dave (both)",
            "coordinator",
            "coordinator 2",
            "attacker (ledger)",
            "attacker (credit)",
            "attacker (outsider)",
            "outsider",
            "revoked member",
            "suspended member"
        ];
        for (uint256 i = 0; i < N; ++i) {
            actors[i] = makeAddr(names[i]);
            vm.deal(actors[i], 100 ether);
        }
        vm.deal(owner, 100 ether);
        vm.deal(address(this), 1_000 ether);

        EntryPoint ep = new EntryPoint();
        ContributionLedger cl = new ContributionLedger();
        string[] memory kinds = new string[](1);
        kinds[0] = "Work";
        uint32[] memory weights = new uint32[](1);
        weights[0] = 1;
        vm.startPrank(actors[COORD]);
        cl.createProject("Co-op", "ipfs://coop", IContributionLedger.EvaluationPolicy(1, 7 days, 5), kinds, weights);
        gRoles[COORD] = MEMBER_ROLE | COORDINATOR_ROLE;
        _everLedgerMember[COORD] = true;
        uint256[5] memory ledgerMembers = [ALICE, BOB, DAVE, ATT0, REVOKED];
        for (uint256 k = 0; k < 5; ++k) {
            cl.grantRole(PROJECT, actors[ledgerMembers[k]], MEMBER_ROLE);
            gRoles[ledgerMembers[k]] = MEMBER_ROLE;
            _everLedgerMember[ledgerMembers[k]] = true;
        }
        cl.grantRole(PROJECT, actors[COORD2], COORDINATOR_ROLE);
        gRoles[COORD2] = COORDINATOR_ROLE;
        cl.revokeRole(PROJECT, actors[REVOKED], MEMBER_ROLE);
        gRoles[REVOKED] = 0;
        vm.stopPrank();

        address[] memory stewards = new address[](1);
        stewards[0] = address(this);
        CreditNetwork cn = new CreditNetwork("Co-op Credit", "CC", 6, address(this), stewards);
        uint256[4] memory creditMembers = [CAROL, DAVE, ATT1, SUSPENDED];
        for (uint256 k = 0; k < 4; ++k) {
            cn.admitMember(actors[creditMembers[k]]);
            gCredit[creditMembers[k]] = CREDIT_ACTIVE;
        }
        cn.suspendMember(actors[SUSPENDED]);
        gCredit[SUSPENDED] = CREDIT_SUSPENDED;

        address[] memory initialTargets = new address[](2);
        (initialTargets[0], initialTargets[1]) = (address(cl), address(cn));
        MembersPaymaster pm = new MembersPaymaster(
            IEntryPoint(address(ep)),
            owner,
            IContributionLedger(address(cl)),
            PROJECT,
            ICreditNetwork(address(cn)),
            PERIOD,
            initialTargets,
            DEFAULT_BUDGET,
            CAP
        );
        origin = block.timestamp;
        targets = [address(cl), address(cn), makeAddr("co-op tool"), address(pm), address(ep), actors[ATT2]];
        (gAllowed[0], gAllowed[1]) = (true, true);
        (gDefault, gCap) = (DEFAULT_BUDGET, CAP);
        minPostOpGas = pm.MIN_POST_OP_GAS_LIMIT();
        postOpGasEstimate = pm.POST_OP_GAS();
        pm.deposit{value: 10 ether}();
        gDeposit = 10 ether;
        vm.prank(owner);
        pm.addStake{value: 1 ether}(1 days);
        gStake = 1 ether;
        (entryPoint, ledger, credit, paymaster) = (ep, cl, cn, pm);
    }

    // ============================================================================================= actions

    /// @notice A bundle of 1 to 4 operations (a sender repeats half of the time), validated in order as the
    /// EntryPoint does, then the kept ones' postOps.
    function bundle(uint256 senderSeed, uint256 faultSeed, uint256 costSeed, uint256 postSeed) public {
        uint256 k = 1 + (senderSeed % 4);
        uint256 first = _pickSender(senderSeed >> 8);
        Pending[] memory kept = new Pending[](k);
        uint256 n;
        for (uint256 i = 0; i < k; ++i) {
            uint256 s = uint256(keccak256(abi.encode(senderSeed, i)));
            uint256 who = i != 0 && s % 2 == 0 ? first : _pickSender(s >> 8);
            uint256 fs = uint256(keccak256(abi.encode(faultSeed, i)));
            Op memory op = _buildOp(
                who,
                isMemberG(who) ? _pickFault(fs) : F_NONE,
                fs >> 8,
                uint256(keccak256(abi.encode(costSeed, i)))
            );
            n = _validateAndKeep(op, kept, n);
        }
        _postOps(kept, n, postSeed, false);
        _observePeriods();
    }

    /// @notice The attacker's moves with its three addresses (see the contract's notes).
    function attack(uint256 modeSeed, uint256 seed) public {
        uint256 mode = modeSeed % 6;
        uint256 addr = ATT0 + ((modeSeed >> 8) % 3);
        if (mode == 0) _directValidate(addr, seed);
        else if (mode == 1) _forgedPostOp(addr, seed);
        else if (mode == 2) _drain(seed);
        else if (mode == 3) _hiddenTarget(seed);
        else if (mode == 4) _laterPeriodGrab(seed);
        else {
            vm.prank(actors[addr]);
            (bool ok, ) = address(paymaster).call{value: 1 + (seed % 1 ether)}("");
            if (ok) _violation("plain ETH transfer to the paymaster: accepted");
            else ++nEthRefused;
        }
        _observePeriods();
    }

    /// @notice A budget change by the owner, a coordinator, the second coordinator (possibly demoted), the attacker, a
    /// member or an outsider: an own budget (some above the cap or too large), a clearance, the default, the cap.
    function budgets(uint256 callerSeed, uint256 actionSeed, uint256 amountSeed, uint256 memberSeed) public {
        uint256[6] memory callers = [type(uint256).max, COORD, COORD2, ATT0, ALICE, OUTSIDER];
        uint256 c = callers[callerSeed % 6];
        address caller = c == type(uint256).max ? owner : actors[c];
        bool isOwner = caller == owner;
        bool isAdmin = isOwner || gRoles[c] & COORDINATOR_ROLE != 0;
        uint256 action = actionSeed % 8;
        uint256 amount = amountSeed % 16 == 0 ? 0 : amountSeed % (MAX_SET_BUDGET + 1);
        bool tooLarge = isOwner && (amountSeed >> 128) % 8 == 0;
        if (tooLarge) amount = MAX_BUDGET + 1 + ((amountSeed >> 130) % 1e18);
        if (action < 6) {
            _memberBudget(caller, isAdmin, action < 4, amount, amountSeed, memberSeed % N);
        } else {
            if (action == 7 && !tooLarge) amount %= 0.05 ether;
            bytes memory expected =
                !isOwner
                    ? abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller)
                    : tooLarge
                        ? abi.encodeWithSelector(IMembersPaymaster.BudgetTooLarge.selector, amount, MAX_BUDGET)
                        : bytes("");
            vm.prank(caller);
            (bool ok, bytes memory ret) = address(paymaster).call(
                action == 6
                    ? abi.encodeCall(IMembersPaymaster.setDefaultBudget, (amount))
                    : abi.encodeCall(IMembersPaymaster.setCoordinatorBudgetCap, (amount))
            );
            if (_outcome(ok, ret, expected, action == 6 ? "setDefaultBudget" : "setCoordinatorBudgetCap")) {
                if (action == 6) (gDefault, nDefaultBudgets) = (amount, nDefaultBudgets + 1);
                else (gCap, nCapChanges) = (amount, nCapChanges + 1);
            } else _countAdminRefusal(ok, ret, expected);
        }
    }

    /// @notice The owner allows or removes a target (never the last allowed one), or tries an invalid one; the
    /// attacker tries to allow itself or remove a module.
    function callTargets(uint256 seed) public {
        uint256 mode = seed % 8;
        if (mode >= 6) {
            address attacker = actors[ATT0 + ((seed >> 8) % 3)];
            vm.prank(attacker);
            (bool ok, bytes memory ret) = address(paymaster).call(
                mode == 6
                    ? abi.encodeCall(IMembersPaymaster.allowCallTarget, (actors[ATT2]))
                    : abi.encodeCall(IMembersPaymaster.removeCallTarget, (targets[0]))
            );
            bytes memory expected = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, attacker);
            if (!_outcome(ok, ret, expected, "call target change by the attacker"))
                _countAdminRefusal(ok, ret, expected);
            return;
        }
        if (mode == 5) {
            address[3] memory invalid = [address(0), address(paymaster), address(entryPoint)];
            address t = invalid[(seed >> 8) % 3];
            vm.prank(owner);
            (bool ok, bytes memory ret) = address(paymaster).call(
                abi.encodeCall(IMembersPaymaster.allowCallTarget, (t))
            );
            bytes memory expected = abi.encodeWithSelector(IMembersPaymaster.InvalidCallTarget.selector, t);
            if (!_outcome(ok, ret, expected, "allowCallTarget(invalid)") && keccak256(ret) == keccak256(expected)) {
                ++nInvalidTargets;
            }
            return;
        }
        uint256 ti = (seed >> 8) % TOGGLED_TARGETS;
        bool allow = !gAllowed[ti] || _allowedTargets().length == 1;
        if (allow && gAllowed[ti]) ti = (ti + 1) % TOGGLED_TARGETS; // the last allowed one stays: allow another
        allow = !gAllowed[ti];
        vm.prank(owner);
        (bool ok2, bytes memory ret2) = address(paymaster).call(
            allow
                ? abi.encodeCall(IMembersPaymaster.allowCallTarget, (targets[ti]))
                : abi.encodeCall(IMembersPaymaster.removeCallTarget, (targets[ti]))
        );
        if (_outcome(ok2, ret2, "", allow ? "allowCallTarget" : "removeCallTarget")) {
            gAllowed[ti] = allow;
            ++nTargetChanges;
        }
    }

    /// @notice A membership change: a ledger member revoked (by the coordinator, or renouncing) or granted again, a
    /// credit member suspended or reinstated, the second coordinator demoted or promoted.
    function membership(uint256 seed) public {
        uint256 mode = seed % 10;
        bool ok;
        bytes memory ret;
        if (mode < 5) {
            uint256[5] memory candidates = [ALICE, BOB, DAVE, ATT0, REVOKED];
            uint256 i = candidates[(seed >> 8) % 5];
            bool isMember = gRoles[i] & MEMBER_ROLE != 0;
            address by =
                isMember && (seed >> 16) % 3 == 0
                    ? actors[i]
                    : gRoles[COORD2] & COORDINATOR_ROLE != 0 && (seed >> 20) % 2 == 0
                        ? actors[COORD2]
                        : actors[COORD];
            vm.prank(by);
            (ok, ret) = address(ledger).call(
                isMember
                    ? abi.encodeCall(IContributionLedger.revokeRole, (PROJECT, actors[i], MEMBER_ROLE))
                    : abi.encodeCall(IContributionLedger.grantRole, (PROJECT, actors[i], MEMBER_ROLE))
            );
            if (_outcome(ok, ret, "", isMember ? "revokeRole(member)" : "grantRole(member)")) {
                gRoles[i] ^= MEMBER_ROLE;
                _everLedgerMember[i] = true;
            }
        } else if (mode < 9) {
            uint256[4] memory candidates = [CAROL, DAVE, ATT1, SUSPENDED];
            uint256 i = candidates[(seed >> 8) % 4];
            bool active = gCredit[i] == CREDIT_ACTIVE;
            (ok, ret) = address(credit).call(
                active
                    ? abi.encodeCall(ICreditNetwork.suspendMember, (actors[i]))
                    : abi.encodeCall(ICreditNetwork.reinstateMember, (actors[i]))
            );
            if (_outcome(ok, ret, "", active ? "suspendMember" : "reinstateMember")) {
                gCredit[i] = active ? CREDIT_SUSPENDED : CREDIT_ACTIVE;
            }
        } else {
            bool isCoordinator = gRoles[COORD2] & COORDINATOR_ROLE != 0;
            vm.prank(actors[COORD]);
            (ok, ret) = address(ledger).call(
                isCoordinator
                    ? abi.encodeCall(IContributionLedger.revokeRole, (PROJECT, actors[COORD2], COORDINATOR_ROLE))
                    : abi.encodeCall(IContributionLedger.grantRole, (PROJECT, actors[COORD2], COORDINATOR_ROLE))
            );
            if (_outcome(ok, ret, "", "coordinator change")) gRoles[COORD2] ^= COORDINATOR_ROLE;
        }
        if (ok) ++nMembershipChanges;
    }

    /// @notice The deposit: anyone deposits through the paymaster or the EntryPoint; the owner withdraws (some above
    /// the deposit); the attacker tries to withdraw.
    function funds(uint256 seed, uint256 amountSeed) public {
        uint256 mode = seed % 6;
        address who = actors[(seed >> 8) % N];
        if (mode < 3) {
            uint256 value = amountSeed % 1 ether;
            vm.deal(who, 100 ether);
            vm.prank(who);
            (bool ok, bytes memory ret) = mode < 2
                ? address(paymaster).call{value: value}(abi.encodeCall(paymaster.deposit, ()))
                : address(entryPoint).call{value: value}(abi.encodeCall(entryPoint.depositTo, (address(paymaster))));
            if (_outcome(ok, ret, "", "deposit")) (gDeposit, nDeposits) = (gDeposit + value, nDeposits + 1);
            return;
        }
        address attacker = actors[ATT0 + ((seed >> 16) % 3)];
        address caller = mode == 5 ? attacker : owner;
        uint256 amount = mode == 4 ? gDeposit + 1 + (amountSeed % 1 ether) : amountSeed % (gDeposit + 1);
        bytes memory expected =
            mode == 5
                ? abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, attacker)
                : mode == 4
                    ? abi.encodeWithSignature("Error(string)", "Withdraw amount too large")
                    : bytes("");
        vm.prank(caller);
        (bool ok2, bytes memory ret2) = address(paymaster).call(
            abi.encodeCall(paymaster.withdrawTo, (payable(mode == 5 ? attacker : actors[OUTSIDER]), amount))
        );
        if (_outcome(ok2, ret2, expected, "withdrawTo"))
            (gDeposit, nWithdrawals) = (gDeposit - amount, nWithdrawals + 1);
        else if (!ok2 && keccak256(ret2) == keccak256(expected)) ++nRefusedWithdrawals;
    }

    /// @notice Moves the clock: to the current period's last second, to the next period's first, 1 hour to 3 days, or
    /// up to 3 periods.
    function warp(uint256 seed) public {
        uint32 before = periodNow();
        uint256 nextStart = origin + (uint256(before) + 1) * PERIOD;
        uint256 mode = seed % 4;
        uint256 to =
            mode == 0
                ? nextStart - 1
                : mode == 1
                    ? nextStart
                    : mode == 2
                        ? block.timestamp + 1 hours + ((seed >> 8) % 3 days)
                        : block.timestamp + 1 + ((seed >> 8) % (3 * uint256(PERIOD)));
        if (to <= block.timestamp) to = block.timestamp + 1;
        vm.warp(to);
        ++nWarps;
        if (periodNow() != before) ++nPeriodChanges;
    }

    function actionSelectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](10);
        s[0] = this.bundle.selector;
        s[1] = this.bundle.selector;
        s[2] = this.bundle.selector;
        s[3] = this.bundle.selector;
        s[4] = this.attack.selector;
        s[5] = this.budgets.selector;
        s[6] = this.callTargets.selector;
        s[7] = this.membership.selector;
        s[8] = this.funds.selector;
        s[9] = this.warp.selector;
    }

    /// @notice The EntryPoint's validation step: validatePaymasterUserOp from the EntryPoint, then its validity-window
    /// check (`validAfter < block.timestamp <= validUntil`); outside the window the EntryPoint reverts the bundle, so
    /// this reverts too ({DroppedByEntryPoint}) and the paymaster's writes are undone. Only the handler calls it.
    function asEntryPoint(
        PackedUserOperation calldata op,
        bytes32 hash,
        uint256 maxCost
    ) external returns (bytes memory context, uint256 validationData) {
        if (msg.sender != address(this)) revert OnlySelf();
        vm.prank(address(entryPoint));
        (context, validationData) = paymaster.validatePaymasterUserOp(op, hash, maxCost);
        uint256 validUntil = uint48(validationData >> 160);
        uint256 validAfter = uint48(validationData >> 208);
        if (validAfter >= block.timestamp || block.timestamp > validUntil) {
            revert DroppedByEntryPoint(context, validationData);
        }
    }

    // ======================================================================================== attacker moves

    function _directValidate(uint256 addr, uint256 seed) internal {
        Op memory op = _buildOp(ATT0, F_NONE, seed, seed >> 128);
        vm.prank(actors[addr]);
        (bool ok, bytes memory ret) = address(paymaster).call(
            abi.encodeCall(IPaymaster.validatePaymasterUserOp, (_pack(op), op.hash, op.maxCost))
        );
        _notEntryPoint(ok, ret, "validatePaymasterUserOp from the attacker");
    }

    function _forgedPostOp(uint256 addr, uint256 seed) internal {
        // a context in the paymaster's layout, crediting the attacker a huge reservation and nothing spent
        bytes memory context = abi.encodePacked(actors[ATT0], uint96(MAX_BUDGET), bytes32(seed));
        vm.prank(actors[addr]);
        (bool ok, bytes memory ret) = address(paymaster).call(
            abi.encodeCall(IPaymaster.postOp, (IPaymaster.PostOpMode.opSucceeded, context, 0, 0))
        );
        _notEntryPoint(ok, ret, "postOp from the attacker");
    }

    function _notEntryPoint(bool ok, bytes memory ret, string memory what) internal {
        bytes memory expected = abi.encodeWithSignature("Error(string)", "Sender not EntryPoint");
        if (ok) ++acceptedFromOthers;
        _outcome(ok, ret, expected, what);
        if (!ok && keccak256(ret) == keccak256(expected)) ++nNotEntryPoint;
    }

    /// @dev One bundle in which each of the attacker's addresses asks for everything its budget has left, then its
    /// ledger address asks once more; every postOp charges the whole maxCost.
    function _drain(uint256 seed) internal {
        Pending[] memory kept = new Pending[](4);
        uint256 n;
        uint32 cur = periodNow();
        for (uint256 i = 0; i < 4; ++i) {
            uint256 who = i == 3 ? ATT0 : ATT0 + i;
            Op memory op = _buildOp(who, F_NONE, uint256(keccak256(abi.encode(seed, i))), 0);
            op.maxCost = i == 3 ? 1 + (seed % MAX_OP_COST) : remainingG(who, cur);
            n = _validateAndKeep(op, kept, n);
        }
        _postOps(kept, n, seed >> 64, true);
        ++nDrains;
    }

    /// @dev A batch of the attacker's member address with the paymaster, the EntryPoint or its own outsider address
    /// hidden among allowed targets.
    function _hiddenTarget(uint256 seed) internal {
        uint256 who = ATT0 + (seed % 2);
        Op memory op = _buildOp(who, F_NONE, seed >> 8, seed >> 128);
        address[3] memory forced = [address(paymaster), address(entryPoint), actors[ATT2]];
        (op.callData, op.calls, op.callError) = _forbiddenCallData(
            uint256(keccak256(abi.encode(seed, "hide"))),
            forced[(seed >> 4) % 3]
        );
        op.fault = F_TARGET;
        Pending[] memory kept = new Pending[](1);
        _postOps(kept, _validateAndKeep(op, kept, 0), seed, false);
    }

    /// @dev The attacker names a later period to take its budget early (the EntryPoint refuses the window, so
    /// nothing stays), then uses the current period.
    function _laterPeriodGrab(uint256 seed) internal {
        uint256 who = ATT0 + (seed % 2);
        uint32 later = periodNow() + 1 + uint32((seed >> 8) % 3);
        Op memory grab = _buildOp(who, F_NONE, seed >> 16, 0);
        (grab.period, grab.maxCost, grab.fault) = (later, remainingG(who, later), F_LATER);
        Pending[] memory kept = new Pending[](2);
        uint256 n = _validateAndKeep(grab, kept, 0);
        Op memory op = _buildOp(who, F_NONE, seed >> 32, 0);
        op.maxCost = remainingG(who, op.period);
        n = _validateAndKeep(op, kept, n);
        _postOps(kept, n, seed >> 64, false);
    }

    // ============================================================================================ internals

    function _pickSender(uint256 seed) internal pure returns (uint256) {
        uint256[7] memory likely = [ALICE, BOB, CAROL, DAVE, COORD, ATT0, ATT1];
        return seed % 4 == 0 ? (seed >> 8) % N : likely[(seed >> 8) % 7];
    }

    function _pickFault(uint256 seed) internal pure returns (uint8) {
        uint256 r = seed % 20;
        if (r < 8) return F_NONE;
        return uint8(r - 7 > F_BUDGET ? F_NONE : r - 7);
    }

    /// @dev An operation of actor `who` with fault `fault` (F_NONE when the fault does not apply to the member's
    /// state, e.g. an earlier period before any was opened).
    function _buildOp(uint256 who, uint8 fault, uint256 seed, uint256 costSeed) internal returns (Op memory op) {
        (op.who, op.hash) = (who, keccak256(abi.encode("cosmolocal paymaster op", ++_opCount)));
        uint32 cur = periodNow();
        (op.period, op.pmLength, op.postOpGasLimit) = (cur, PM_DATA_LENGTH, minPostOpGas + (seed % 100_000));
        (op.callData, op.calls) = _validCallData(uint256(keccak256(abi.encode(seed, "calls"))));
        uint256 s = uint256(keccak256(abi.encode(seed, "fault")));
        uint32 latest = _g[who].period;
        if (fault == F_PM_LENGTH) {
            op.pmLength = s % 81 == PM_DATA_LENGTH ? PM_DATA_LENGTH + 1 : s % 81;
        } else if (fault == F_POSTOP_GAS) {
            op.postOpGasLimit = s % minPostOpGas;
        } else if (fault == F_EARLIER) {
            if (latest == 0) fault = F_NONE;
            else op.period = uint32(s % latest);
        } else if (fault == F_LATER) {
            uint256 m = s % 4;
            uint32 last = lastPeriodInRange();
            op.period =
                m == 0
                    ? last
                    : m == 1
                        ? last + 1
                        : m == 2
                            ? type(uint32).max
                            : cur + 1 + uint32((s >> 8) % 3);
        } else if (fault == F_STALE) {
            if (latest >= cur) fault = F_NONE;
            else op.period = latest + uint32(s % (cur - latest));
        } else if (fault == F_GARBAGE) {
            (op.callData, op.callError) = _garbageCallData(s);
            op.calls = new address[](0);
        } else if (fault == F_TARGET) {
            (op.callData, op.calls, op.callError) = _forbiddenCallData(s, address(0));
        }
        op.fault = fault;
        uint256 remaining = remainingG(who, op.period);
        if (fault == F_BUDGET) {
            uint256 m = (s >> 200) % 8;
            op.maxCost =
                m == 0
                    ? type(uint256).max
                    : m == 1
                        ? MAX_BUDGET + 1 + ((s >> 64) % 1e18)
                        : remaining + 1 + ((s >> 64) % MAX_OP_COST);
        } else {
            uint256 top = Math.min(remaining, MAX_OP_COST);
            uint256 m = costSeed % 8;
            op.maxCost =
                m == 0
                    ? remaining
                    : m == 1
                        ? top
                        : (costSeed >> 8) % (top + 1);
        }
    }

    function _pack(Op memory op) internal view returns (PackedUserOperation memory u) {
        bytes memory pmData = abi.encodePacked(
            address(paymaster),
            uint128(60_000),
            uint128(op.postOpGasLimit),
            op.period
        );
        uint256 len = op.pmLength;
        if (len > PM_DATA_LENGTH) pmData = abi.encodePacked(pmData, new bytes(len - PM_DATA_LENGTH));
        else {
            assembly ("memory-safe") {
                mstore(pmData, len)
            }
        }
        u = PackedUserOperation({
            sender: actors[op.who],
            nonce: _opCount,
            initCode: "",
            callData: op.callData,
            accountGasLimits: bytes32((uint256(100_000) << 128) | 200_000),
            preVerificationGas: 50_000,
            gasFees: bytes32((uint256(1 gwei) << 128) | 10 gwei),
            paymasterAndData: pmData,
            signature: ""
        });
    }

    /// @dev Validates `op` as the EntryPoint does, checks the outcome against the prediction and the acceptance
    /// against the chain, and appends a kept operation to `kept`.
    function _validateAndKeep(Op memory op, Pending[] memory kept, uint256 n) internal returns (uint256) {
        bytes memory expected = _predictValidation(op);
        (uint32 latestBefore, , ) = paymaster.spendingOf(actors[op.who]);
        (bool ok, bytes memory ret) = address(this).call(
            abi.encodeCall(this.asEntryPoint, (_pack(op), op.hash, op.maxCost))
        );
        bool dropped = !ok && ret.length >= 4 && bytes4(ret) == DroppedByEntryPoint.selector;
        if (ok || dropped) _observeAcceptance(op, ok ? ret : _stripSelector(ret), latestBefore);
        if (expected.length != 0) {
            _outcome(ok, ret, expected, "validatePaymasterUserOp");
            if (!ok && keccak256(ret) == keccak256(expected)) _countRefusal(op, expected);
            return n;
        }
        if (op.period != periodNow()) {
            if (!dropped) _violation(string.concat("validation outside its period: not refused, ", vm.toString(ret)));
            else if (op.period > periodNow()) ++nLaterDropped;
            else ++nStaleDropped;
            return n;
        }
        if (!_outcome(ok, ret, "", "validatePaymasterUserOp")) return n;
        (bytes memory context, ) = abi.decode(ret, (bytes, uint256));
        _ghostReserve(op.who, op.period, op.maxCost);
        ++nAccepted;
        for (uint256 k = 0; k < n; ++k) {
            if (kept[k].who == op.who) {
                ++nSameMemberBundles;
                break;
            }
        }
        kept[n] = Pending({who: op.who, maxCost: op.maxCost, context: context});
        _observeReservation(op.who, op.maxCost);
        return n + 1;
    }

    /// @dev SP-1 as the chain shows it, right after an accepted validation that reserved something: the member's
    /// period holds at most its budget, spent and reserved together. (A maxCost of 0 fits any budget, even one lowered
    /// below what the period spent: the EntryPoint then charges nothing.)
    function _observeReservation(uint256 who, uint256 maxCost) internal {
        (uint32 p, uint256 spent, uint256 reserved) = paymaster.spendingOf(actors[who]);
        (uint256 budget, ) = paymaster.budgetOf(actors[who]);
        if (maxCost != 0 && spent + reserved > budget) ++overBudgetValidations;
        if (budget > obsMaxBudget[who][p]) obsMaxBudget[who][p] = budget;
    }

    /// @dev What every acceptance (kept or dropped by the window) must satisfy, read from the chain: the window is
    /// the named period's, the period is not before the member's latest, the sender is a member in a source, every
    /// call is well formed and to an allowed target.
    function _observeAcceptance(Op memory op, bytes memory ret, uint32 latestBefore) internal {
        (, uint256 validationData) = abi.decode(ret, (bytes, uint256));
        uint256 start = origin + uint256(op.period) * PERIOD;
        uint256 end = start + PERIOD;
        if (validationData != ((uint256(uint48(end - 1)) << 160) | (uint256(uint48(start - 1)) << 208))) {
            ++windowMismatches;
        }
        if (op.period < latestBefore) ++acceptedEarlier;
        address sender = actors[op.who];
        if (
            ledger.rolesOf(PROJECT, sender) & MEMBER_ROLE == 0 &&
            credit.member(sender).status != ICreditNetwork.MemberStatus.Active
        ) ++acceptedNonMembers;
        bool forbidden = op.callError.length != 0 || op.calls.length == 0;
        for (uint256 k = 0; k < op.calls.length; ++k) if (!_allowedG(op.calls[k])) forbidden = true;
        if (forbidden) ++acceptedForbiddenCalls;
    }

    function _allowedG(address target) internal view returns (bool) {
        for (uint256 t = 0; t < T; ++t) if (targets[t] == target) return gAllowed[t];
        return false;
    }

    /// @dev The postOps of the kept operations, in order; one in 16 skipped (the EntryPoint's postOpReverted path,
    /// which never calls the paymaster: the reservation stays). `full`: every operation costs its whole maxCost.
    function _postOps(Pending[] memory kept, uint256 n, uint256 seed, bool full) internal {
        for (uint256 k = 0; k < n; ++k) {
            uint256 s = uint256(keccak256(abi.encode(seed, k)));
            if (!full && s % 16 == 0) {
                ++nSkippedPostOps;
                continue;
            }
            _postOp(kept[k], s >> 8, full);
        }
    }

    function _postOp(Pending memory p, uint256 s, bool full) internal {
        IPaymaster.PostOpMode mode = s % 2 == 0 ? IPaymaster.PostOpMode.opSucceeded : IPaymaster.PostOpMode.opReverted;
        Charge memory c;
        (c.who, c.maxCost) = (p.who, p.maxCost);
        c.actualGasCost = full || (s >> 4) % 4 == 0 ? p.maxCost : (s >> 8) % (p.maxCost + 1);
        c.feePerGas = (s >> 72) % 8 == 0 ? 0 : (s >> 80) % 100 gwei;
        vm.recordLogs();
        vm.prank(address(entryPoint));
        (bool ok, bytes memory ret) = address(paymaster).call(
            abi.encodeCall(IPaymaster.postOp, (mode, p.context, c.actualGasCost, c.feePerGas))
        );
        Vm.Log[] memory logs = vm.getRecordedLogs();
        if (!_outcome(ok, ret, "", "postOp")) return;
        ++nPostOps;
        if (mode == IPaymaster.PostOpMode.opReverted) ++nRevertedOpPostOps;
        uint256 estimate = c.actualGasCost + postOpGasEstimate * c.feePerGas;
        if (estimate > p.maxCost) ++nCappedCharges;
        _recordCharge(c, logs);
        _ghostCharge(p.who, p.maxCost, Math.min(estimate, p.maxCost));
    }

    /// @dev Records the GasSponsored event of a postOp from the logs (exactly one, naming the member of the operation's
    /// context and the member's period).
    function _recordCharge(Charge memory c, Vm.Log[] memory logs) internal {
        uint256 found;
        for (uint256 j = 0; j < logs.length; ++j) {
            Vm.Log memory l = logs[j];
            if (l.emitter != address(paymaster) || l.topics[0] != IMembersPaymaster.GasSponsored.selector) continue;
            ++found;
            address logged;
            (logged, c.period, c.cost) = abi.decode(l.data, (address, uint32, uint256));
            if (l.topics.length != 1 || logged != actors[c.who]) ++chargeMismatches;
            if (c.period != _g[c.who].period) ++chargeMismatches;
            _charges.push(c);
            evCharged[c.who][c.period] += c.cost;
            evTotal += c.cost;
        }
        if (found != 1) ++chargeMismatches;
    }

    /// @dev SP-5 as the chain shows it: no actor's latest period ever goes down.
    function _observePeriods() internal {
        for (uint256 i = 0; i < N; ++i) {
            (uint32 p, , ) = paymaster.spendingOf(actors[i]);
            if (p < maxSeenPeriod[i]) ++periodRegressions;
            else maxSeenPeriod[i] = p;
        }
    }

    function _memberBudget(
        address caller,
        bool isAdmin,
        bool set,
        uint256 amount,
        uint256 amountSeed,
        uint256 m
    ) internal {
        bool isOwner = caller == owner;
        bytes memory expected;
        if (set && isAdmin && !isOwner) {
            // a coordinator: up to the cap, or above it (a third of the time)
            amount = (amountSeed >> 128) % 3 == 0 ? gCap + 1 + (amount % MAX_OP_COST) : amount % (gCap + 1);
            if (amount > gCap) {
                expected = abi.encodeWithSelector(IMembersPaymaster.BudgetAboveCoordinatorCap.selector, amount, gCap);
            }
        } else if (set && isOwner && amount > MAX_BUDGET) {
            expected = abi.encodeWithSelector(IMembersPaymaster.BudgetTooLarge.selector, amount, MAX_BUDGET);
        }
        if (!isAdmin) expected = abi.encodeWithSelector(IMembersPaymaster.NotBudgetAdmin.selector, caller);
        uint256 capBefore = paymaster.coordinatorBudgetCap();
        bool coordinatorBefore = ledger.rolesOf(PROJECT, caller) & COORDINATOR_ROLE != 0;
        vm.prank(caller);
        (bool ok, bytes memory ret) = address(paymaster).call(
            set
                ? abi.encodeCall(IMembersPaymaster.setMemberBudget, (actors[m], amount))
                : abi.encodeCall(IMembersPaymaster.clearMemberBudget, (actors[m]))
        );
        // SP-7 as the chain shows it
        if (ok && caller != paymaster.owner() && (!coordinatorBefore || (set && amount > capBefore))) ++budgetBreaches;
        if (!_outcome(ok, ret, expected, set ? "setMemberBudget" : "clearMemberBudget")) {
            _countAdminRefusal(ok, ret, expected);
            return;
        }
        (_g[m].own, _g[m].ownBudget) = (set, set ? amount : 0);
        if (!set) ++nClears;
        else if (isOwner) ++nOwnBudgets;
        else ++nCoordinatorBudgets;
    }

    function _countAdminRefusal(bool ok, bytes memory ret, bytes memory expected) internal {
        if (ok || keccak256(ret) != keccak256(expected)) return;
        bytes4 sel = bytes4(expected);
        if (sel == IMembersPaymaster.NotBudgetAdmin.selector) ++nNotBudgetAdmin;
        else if (sel == IMembersPaymaster.BudgetAboveCoordinatorCap.selector) ++nAboveCap;
        else if (sel == IMembersPaymaster.BudgetTooLarge.selector) ++nTooLarge;
        else if (sel == Ownable.OwnableUnauthorizedAccount.selector) ++nOwnableRefusals;
    }

    function _countRefusal(Op memory op, bytes memory expected) internal {
        bytes4 sel = bytes4(expected);
        if (sel == IMembersPaymaster.InvalidPaymasterData.selector) ++nPmLength;
        else if (sel == IMembersPaymaster.PeriodOutOfRange.selector) ++nOutOfRange;
        else if (sel == IMembersPaymaster.PostOpGasLimitTooLow.selector) ++nPostOpGasLow;
        else if (sel == IMembersPaymaster.NotCoopMember.selector) {
            ++nNotMember;
            if (gCredit[op.who] == CREDIT_SUSPENDED) ++nSuspendedRefused;
            else if (op.who == ATT2) ++nAttackerOutsiderRefused;
            else if (_everLedgerMember[op.who]) ++nRevokedRefused;
        } else if (sel == IMembersPaymaster.UnsupportedAccountCall.selector) ++nUnsupported;
        else if (sel == IMembersPaymaster.MalformedAccountCall.selector) ++nMalformed;
        else if (sel == IMembersPaymaster.EmptyBatch.selector) ++nEmptyBatch;
        else if (sel == IMembersPaymaster.TooManyCalls.selector) ++nTooManyCalls;
        else if (sel == IMembersPaymaster.CallTargetNotAllowed.selector) {
            ++nTargetRefused;
            if (op.calls.length > 1 && _allowedG(op.calls[0])) ++nHiddenTargetRefused;
        } else if (sel == IMembersPaymaster.PeriodClosed.selector) ++nPeriodClosed;
        else if (sel == IMembersPaymaster.BudgetExhausted.selector) ++nBudgetExhausted;
    }

    function _stripSelector(bytes memory ret) internal pure returns (bytes memory out) {
        out = new bytes(ret.length - 4);
        for (uint256 k = 0; k < out.length; ++k) out[k] = ret[k + 4];
    }
}

/// @notice Invariants of MembersPaymaster (SP-1..SP-9, docs/invariants.md) under bundles validated and settled as
/// the EntryPoint v0.8 does, budget and allow-list administration, membership changes in both sources, deposits and
/// withdrawals, time across periods, and an attacker with three addresses (see {MembersPaymasterHandler}).
contract MembersPaymasterInvariantTest is Test {
    MembersPaymasterHandler internal handler;
    MembersPaymaster internal paymaster;
    EntryPoint internal entryPoint;
    uint256 internal constant N = 12;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        handler = new MembersPaymasterHandler();
        paymaster = handler.paymaster();
        entryPoint = handler.entryPoint();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    // ============================================================================================ invariants

    /// @notice Every call succeeded or failed exactly as the ghost model predicted (exact revert data), and every
    /// postOp was charged what the ghost computed.
    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice SP-1: right after every accepted validation, the member's spent + reserved in the period is at most
    /// its budget; what it is charged in a period (GasSponsored), and what it has spent and reserved there, never
    /// exceed the largest budget it had at a validation in that period.
    function invariant_SP1_chargesWithinBudget() public view {
        assertEq(handler.overBudgetValidations(), 0, "spent + reserved above the budget after a validation");
        for (uint256 i = 0; i < N; ++i) {
            uint32[] memory periods = handler.periodsOf(i);
            for (uint256 k = 0; k < periods.length; ++k) {
                assertLe(
                    handler.evCharged(i, periods[k]),
                    handler.obsMaxBudget(i, periods[k]),
                    "charged in a period above the largest budget"
                );
            }
            (uint32 p, uint256 spent, uint256 reserved) = paymaster.spendingOf(handler.actors(i));
            if (spent + reserved != 0) {
                assertLe(spent + reserved, handler.obsMaxBudget(i, p), "spent + reserved above the largest budget");
            }
            assertEq(handler.evCharged(i, p), spent, "spent != the period's GasSponsored costs");
        }
    }

    /// @notice SP-2: every charge is min(actualGasCost + POST_OP_GAS * actualUserOpFeePerGas, maxCost), so never
    /// more than the operation's maxCost.
    function invariant_SP2_chargeIsCappedEstimate() public view {
        uint256 postOpGas = paymaster.POST_OP_GAS();
        uint256 n = handler.chargeCount();
        for (uint256 k = 0; k < n; ++k) {
            MembersPaymasterModel.Charge memory c = handler.charge(k);
            assertLe(c.cost, c.maxCost, "charge above maxCost");
            assertEq(c.cost, Math.min(c.actualGasCost + postOpGas * c.feePerGas, c.maxCost), "charge != estimate");
        }
    }

    /// @notice SP-3: the views equal the ghost for every actor: spendingOf (period, spent, reserved), budgetOf,
    /// remainingBudget now, isMember; and the default budget, the coordinators' cap and the allow-list.
    function invariant_SP3_viewsMatchGhost() public view {
        uint32 cur = paymaster.currentPeriod();
        assertEq(cur, handler.periodNow(), "current period");
        assertEq(paymaster.defaultBudget(), handler.gDefault(), "default budget");
        assertEq(paymaster.coordinatorBudgetCap(), handler.gCap(), "coordinator cap");
        for (uint256 t = 0; t < handler.T(); ++t) {
            assertEq(paymaster.isCallTargetAllowed(handler.targets(t)), handler.gAllowed(t), "allow-list");
        }
        for (uint256 i = 0; i < N; ++i) {
            address a = handler.actors(i);
            MembersPaymasterModel.GMember memory g = handler.ghost(i);
            (uint32 p, uint256 spent, uint256 reserved) = paymaster.spendingOf(a);
            assertEq(p, g.period, "period");
            assertEq(spent, g.spent, "spent");
            assertEq(reserved, g.reserved, "reserved");
            (uint256 budget, bool own) = paymaster.budgetOf(a);
            assertEq(own, g.own, "own budget flag");
            assertEq(budget, handler.budgetG(i), "budget");
            assertEq(paymaster.remainingBudget(a, cur), handler.remainingG(i, cur), "remaining budget");
            assertEq(paymaster.isMember(a), handler.isMemberG(i), "membership");
        }
    }

    /// @notice SP-4: every postOp emitted exactly one GasSponsored naming the member of the operation and the member's
    /// period; their costs sum to the ghost's charged total, per member and period and overall.
    function invariant_SP4_eventsSumToCharges() public view {
        assertEq(handler.chargeMismatches(), 0, "a GasSponsored missing, doubled or naming another member or period");
        uint256 n = handler.chargeCount();
        assertEq(n, handler.nPostOps(), "one GasSponsored per postOp");
        uint256 sum;
        for (uint256 k = 0; k < n; ++k) sum += handler.charge(k).cost;
        assertEq(sum, handler.evTotal(), "recorded events");
        assertEq(sum, handler.gChargedTotal(), "events != ghost charged total");
        for (uint256 i = 0; i < N; ++i) {
            uint32[] memory periods = handler.periodsOf(i);
            for (uint256 k = 0; k < periods.length; ++k) {
                assertEq(handler.evCharged(i, periods[k]), handler.gCharged(i, periods[k]), "per member and period");
            }
        }
    }

    /// @notice SP-5: a member's period never goes back and is never ahead of the clock; no validation naming a
    /// period before the member's latest is accepted (PeriodClosed, checked exactly by the model); every accepted
    /// validation's window is exactly the named period (validAfter = start - 1, validUntil = end - 1).
    function invariant_SP5_periodsMoveForward() public view {
        assertEq(handler.periodRegressions(), 0, "a member's period went back");
        assertEq(handler.acceptedEarlier(), 0, "accepted a period before the member's latest");
        assertEq(handler.windowMismatches(), 0, "validity window != the named period");
        uint32 cur = paymaster.currentPeriod();
        for (uint256 i = 0; i < N; ++i) {
            (uint32 p, , ) = paymaster.spendingOf(handler.actors(i));
            assertGe(p, handler.maxSeenPeriod(i), "period below one seen before");
            assertLe(p, cur, "period ahead of the clock");
        }
    }

    /// @notice SP-6: no validation is accepted for a sender that neither source counts as a member, for call data
    /// that is not a well-formed execute/executeBatch, or with a call to a target off the allow-list; nobody but the
    /// EntryPoint gets validatePaymasterUserOp or postOp through.
    function invariant_SP6_onlyMembersAndAllowedTargets() public view {
        assertEq(handler.acceptedNonMembers(), 0, "accepted a non-member");
        assertEq(handler.acceptedForbiddenCalls(), 0, "accepted a forbidden target or malformed call data");
        assertEq(handler.acceptedFromOthers(), 0, "validation or postOp from another caller than the EntryPoint");
    }

    /// @notice SP-7: a member's own budget is set or cleared only by the owner or a coordinator of the project at
    /// the time, and a coordinator never sets more than the cap at the time.
    function invariant_SP7_budgetAdmins() public view {
        assertEq(handler.budgetBreaches(), 0, "a budget set by a non-admin or above the coordinators' cap");
    }

    /// @notice SP-8: the attacker's three addresses together are charged, per period, at most the sum of the
    /// largest budgets its member addresses had; its non-member address is never charged nor given a period.
    function invariant_SP8_attackerBoundedByItsBudgets() public view {
        uint256[2] memory members = [uint256(6), 7];
        for (uint256 a = 0; a < 2; ++a) {
            uint32[] memory periods = handler.periodsOf(members[a]);
            for (uint256 k = 0; k < periods.length; ++k) {
                uint32 p = periods[k];
                uint256 charged = handler.evCharged(6, p) + handler.evCharged(7, p) + handler.evCharged(8, p);
                assertLe(charged, handler.obsMaxBudget(6, p) + handler.obsMaxBudget(7, p), "attacker above budgets");
            }
        }
        assertEq(handler.periodsOf(8).length, 0, "the attacker's non-member address was sponsored");
        (uint32 p8, uint256 spent8, uint256 reserved8) = paymaster.spendingOf(handler.actors(8));
        assertEq(p8 + spent8 + reserved8, 0, "the attacker's non-member address has spending");
    }

    /// @notice SP-9: the paymaster never holds ETH; its EntryPoint deposit changes only through deposit / depositTo
    /// and the owner's withdrawTo, and its stake stays.
    function invariant_SP9_fundsOnlyThroughDeposit() public view {
        assertEq(address(paymaster).balance, 0, "paymaster holds ETH");
        assertEq(entryPoint.balanceOf(address(paymaster)), handler.gDeposit(), "deposit != ghost");
        assertEq(paymaster.getDeposit(), handler.gDeposit(), "getDeposit != ghost");
        assertEq(entryPoint.getDepositInfo(address(paymaster)).stake, handler.gStake(), "stake");
    }

    // ======================================================================================= path coverage

    /// @notice A long pseudo-random action sequence drives every path of the handler and every invariant holds
    /// along the way and at the end: the invariant runs are not vacuous.
    function test_handlerExercisesEveryPath() public {
        for (uint256 i = 0; i < 1_000; ++i) {
            uint256 r = uint256(keccak256(abi.encode("paymaster coverage", i)));
            uint256 r1 = uint256(keccak256(abi.encode(r, 1)));
            uint256 r2 = uint256(keccak256(abi.encode(r, 2)));
            uint256 r3 = uint256(keccak256(abi.encode(r, 3)));
            uint256 r4 = uint256(keccak256(abi.encode(r, 4)));
            uint256 action = r % 24;
            if (action < 12) handler.bundle(r1, r2, r3, r4);
            else if (action < 15) handler.attack(r1, r2);
            else if (action < 18) handler.budgets(r1, r2, r3, r4);
            else if (action < 19) handler.callTargets(r1);
            else if (action < 21) handler.membership(r1);
            else if (action < 22) handler.funds(r1, r2);
            else handler.warp(r1);
            if (i % 100 == 0) _checkAll();
        }
        _assertEveryPath();
        _checkAll();
    }

    function _assertEveryPath() internal view {
        assertGt(handler.nAccepted(), 50, "too few accepted validations");
        assertGt(handler.nPostOps(), 50, "too few postOps");
        assertGt(handler.nRevertedOpPostOps(), 0, "no postOp of a reverted operation");
        assertGt(handler.nSkippedPostOps(), 0, "no skipped postOp (reservation left)");
        assertGt(handler.nStaleReservations(), 0, "no validation next to a reservation");
        assertGt(handler.nCappedCharges(), 0, "no charge capped at maxCost");
        assertGt(handler.nSameMemberBundles(), 0, "no bundle with one member twice");
        assertGt(handler.nNewPeriods(), 0, "no new period opened");
        assertGt(handler.nNotMember(), 0, "no non-member refused");
        assertGt(handler.nRevokedRefused(), 0, "no revoked member refused");
        assertGt(handler.nSuspendedRefused(), 0, "no suspended member refused");
        assertGt(handler.nAttackerOutsiderRefused(), 0, "no refusal of the attacker's non-member address");
        assertGt(handler.nPmLength(), 0, "no wrong paymaster data length");
        assertGt(handler.nPostOpGasLow(), 0, "no postOp gas limit too low");
        assertGt(handler.nPeriodClosed(), 0, "no PeriodClosed");
        assertGt(handler.nOutOfRange(), 0, "no PeriodOutOfRange");
        assertGt(handler.nLaterDropped(), 0, "no later period dropped by the window");
        assertGt(handler.nStaleDropped(), 0, "no stale period dropped by the window");
        assertGt(handler.nUnsupported(), 0, "no unsupported call data");
        assertGt(handler.nMalformed(), 0, "no malformed call data");
        assertGt(handler.nEmptyBatch(), 0, "no empty batch");
        assertGt(handler.nTooManyCalls(), 0, "no batch too long");
        assertGt(handler.nTargetRefused(), 0, "no forbidden target");
        assertGt(handler.nHiddenTargetRefused(), 0, "no forbidden target hidden behind allowed ones");
        assertGt(handler.nBudgetExhausted(), 0, "no BudgetExhausted");
        assertGt(handler.nDrains(), 0, "no drain attempt");
        assertGt(handler.nNotEntryPoint(), 0, "no call from another caller than the EntryPoint");
        assertGt(handler.nEthRefused(), 0, "no ETH sent to the paymaster");
        assertGt(handler.nOwnBudgets(), 0, "no own budget set by the owner");
        assertGt(handler.nCoordinatorBudgets(), 0, "no own budget set by a coordinator");
        assertGt(handler.nAboveCap(), 0, "no budget above the cap refused");
        assertGt(handler.nNotBudgetAdmin(), 0, "no NotBudgetAdmin");
        assertGt(handler.nClears(), 0, "no budget cleared");
        assertGt(handler.nDefaultBudgets(), 0, "no default budget change");
        assertGt(handler.nCapChanges(), 0, "no cap change");
        assertGt(handler.nTooLarge(), 0, "no budget too large");
        assertGt(handler.nOwnableRefusals(), 0, "no owner-only refusal");
        assertGt(handler.nTargetChanges(), 0, "no allow-list change");
        assertGt(handler.nInvalidTargets(), 0, "no invalid target refused");
        assertGt(handler.nMembershipChanges(), 0, "no membership change");
        assertGt(handler.nDeposits(), 0, "no deposit");
        assertGt(handler.nWithdrawals(), 0, "no withdrawal");
        assertGt(handler.nRefusedWithdrawals(), 0, "no refused withdrawal");
        assertGt(handler.nPeriodChanges(), 2, "too few period changes");
    }

    function _checkAll() internal view {
        invariant_noViolations();
        invariant_SP1_chargesWithinBudget();
        invariant_SP2_chargeIsCappedEstimate();
        invariant_SP3_viewsMatchGhost();
        invariant_SP4_eventsSumToCharges();
        invariant_SP5_periodsMoveForward();
        invariant_SP6_onlyMembersAndAllowedTargets();
        invariant_SP7_budgetAdmins();
        invariant_SP8_attackerBoundedByItsBudgets();
        invariant_SP9_fundsOnlyThroughDeposit();
    }
}
