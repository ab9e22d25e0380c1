// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {ICommonfare} from "../../contracts/commonfare/ICommonfare.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {CommonfareModel} from "./CommonfareModel.sol";

/// @notice Invariant-test handler of Commonfare, with the ghost model of {CommonfareModel}. It deploys the contract
/// from its artifact (compiled with the module's own settings; the handler is the owner, the council's stand-in) and
/// founds three circles: two on token A (so one contract holds both circles' money in one currency) and one on token B
/// (18 decimals, where the index's rounding is up to hundreds of wei per gift). Eight actors hold both tokens with
/// standing approvals; board members are actors too, and join and claim like the others. Each circle starts with
/// members past their waiting period holding a third of their caps, so that a run of 64 calls reports, confirms and
/// pays claims (about two claims start per run). The actors join (approved by the board or voted in by members, some
/// circles full), deposit (below, at and over the cap, and zero), withdraw (within, at and above what is above the
/// floor), change level, leave, report claims with right and wrong buddies, confirm them as buddy, board member or
/// outsider, collect gifts, recover, end claims (their own, and others' before and after the maximum duration),
/// withdraw waiting claims, and the board writes off accounts in arrears, while time passes by hours to months. Each
/// call's outcome is predicted to the exact revert data; a mismatch is recorded in `violations`; the handler itself
/// never reverts (`failOnRevert`). The contract is deployed from its artifact (`deployCode`) rather than imported:
/// importing it would compile it again with this file's default, non-IR settings (25.8 kB, above the size limit).
/// Defined in this test file on purpose: Hardhat writes artifacts only for root source files, and the invariant fuzzer
/// needs the handler's artifact.
contract CommonfareHandler is CommonfareModel {
    // Kinds of actor the actions pick (see {_is}).
    uint8 internal constant ANY = 0;
    uint8 internal constant OUTSIDER = 1; // no member: outsider or candidate
    uint8 internal constant MEMBERS = 2; // member or claimant
    uint8 internal constant REPORTER = 3; // a member who may report a claim now
    uint8 internal constant CLAIMANT = 4; // its claim running
    uint8 internal constant PENDING = 5; // its claim waiting for confirmations
    uint8 internal constant STUCK = 6; // its claim waiting for a buddy who is no longer a member
    uint8 internal constant ARREARS = 7; // a funding member in arrears
    uint8 internal constant BOARD = 8;

    constructor() {
        commonfare = ICommonfare(deployCode("Commonfare.sol:Commonfare", abi.encode(address(this))));
        MockERC20 tokenA = new MockERC20("Demo Euro", "dEUR", 6);
        MockERC20 tokenB = new MockERC20("Demo Dollar", "dUSD", 18);
        commonfare.setCurrency(tokenA, true);
        commonfare.setCurrency(tokenB, true);
        currencyOf[1] = tokenA;
        currencyOf[2] = tokenA;
        currencyOf[3] = tokenB;
        for (uint256 i = 0; i < N; ++i) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            tokenA.mint(actors[i], 1e30);
            tokenB.mint(actors[i], 1e30);
            vm.startPrank(actors[i]);
            tokenA.approve(address(commonfare), type(uint256).max);
            tokenB.approve(address(commonfare), type(uint256).max);
            vm.stopPrank();
        }
        // Every level's benefit × the maximum months is at most its cap (see {windDown}).
        _found(1, 0, 0, _circleRules(36, 6, 3, 3, 6, 5 days, 15 days, 2, 1, (1 << 6) | (1 << 7)));
        _level(1, 1_000_003, 9_000_011);
        _level(1, 2_500_007, 20_000_003);
        _level(1, 4_000_037, 40_000_001);
        _found(2, 1, 1, _circleRules(24, 3, 2, 3, 7, 2 days, 30 days, 1, 2, (1 << 1) | (1 << 5)));
        _level(2, 3_000_001, 25_000_009);
        _level(2, 777_777, 5_000_000);
        _found(3, 2, 0, _circleRules(12, 0, 4, 2, 5, 10 days, 0, 1, 0, 1 << 3));
        _level(3, 50e18 + 7, 140e18 + 3);
        _level(3, 120e18 + 1, 300e18 + 9);
        for (uint64 c = 1; c <= C; ++c) _foundOnChain(c);
        // Each circle starts with members past their waiting period, holding some deposits, so that claims are
        // reported, confirmed and paid within one run's depth: circle 1 actors 0-3 and 6 (a board member), circle 2
        // actors 0-5, circle 3 actors 2, 4 and 7.
        _seed(1, 0x4F);
        _seed(2, 0x3F);
        _seed(3, 0x94);
        vm.warp(block.timestamp + 10 days);
    }

    /// @dev Admits the actors of `mask` (the board approving; levels in turn) and has every member deposit a third
    /// of its cap.
    function _seed(uint64 c, uint256 mask) internal {
        for (uint256 i = 0; i < N; ++i) {
            if ((mask >> i) & 1 == 0 || _accounts[c][i].status != NONE) continue;
            _doRequestJoin(i, c, uint8(i % _rules[c].levelCount));
            _doApprove(_find(c, i, BOARD), c, i);
        }
        for (uint256 i = 0; i < N; ++i) {
            if (_accounts[c][i].status == MEMBER) _doDeposit(i, c, (_deposit(c, i) * _rules[c].capMonths) / 3);
        }
    }

    /// @notice The actions, each as often as it appears (the invariant fuzzer draws a selector from this list): the
    /// claim's steps, deposits and write-offs more often than the rest, so that every run of 64 calls reports,
    /// confirms and pays claims and puts accounts in arrears.
    function actionSelectors() external pure returns (bytes4[] memory s) {
        bytes4[13] memory actions = [
            this.join.selector,
            this.deposit.selector,
            this.withdraw.selector,
            this.changeLevel.selector,
            this.leave.selector,
            this.reportClaim.selector,
            this.confirmClaim.selector,
            this.collectGift.selector,
            this.recover.selector,
            this.endClaim.selector,
            this.removeInArrears.selector,
            this.withdrawClaim.selector,
            this.warp.selector
        ];
        uint8[13] memory weights = [1, 3, 1, 1, 1, 3, 4, 3, 1, 1, 2, 1, 2];
        s = new bytes4[](24);
        uint256 n;
        for (uint256 a = 0; a < actions.length; ++a) for (uint256 k = 0; k < weights[a]; ++k) s[n++] = actions[a];
    }

    // ============================================================================================= setup

    /// @dev Rules of circle `c` in the model (levels added by {_level}, the founder by {_foundOnChain}).
    function _circleRules(
        uint256 capMonths,
        uint256 floorMonths,
        uint256 maxGiftMonths,
        uint256 minMembers,
        uint256 maxMembers,
        uint256 waitingPeriod,
        uint256 levelChangeGap,
        uint256 admissionVotes,
        uint256 boardConfirmations,
        uint256 boardMask
    ) internal pure returns (GRules memory r) {
        r.capMonths = capMonths;
        r.floorMonths = floorMonths;
        r.maxGiftMonths = maxGiftMonths;
        r.minMembers = minMembers;
        r.maxMembers = maxMembers;
        r.waitingPeriod = waitingPeriod;
        r.levelChangeGap = levelChangeGap;
        r.admissionVotes = admissionVotes;
        r.boardConfirmations = boardConfirmations;
        r.boardMask = boardMask;
    }

    uint256[C + 1] internal _founder;
    uint8[C + 1] internal _founderLevel;

    function _found(uint64 c, uint256 founder, uint8 level, GRules memory r) internal {
        _rules[c] = r;
        _founder[c] = founder;
        _founderLevel[c] = level;
    }

    function _level(uint64 c, uint256 monthlyDeposit, uint256 monthlyBenefit) internal {
        GRules storage r = _rules[c];
        r.deposit[r.levelCount] = monthlyDeposit;
        r.benefit[r.levelCount] = monthlyBenefit;
        ++r.levelCount;
    }

    function _foundOnChain(uint64 c) internal {
        GRules storage r = _rules[c];
        ICommonfare.Level[] memory levels = new ICommonfare.Level[](r.levelCount);
        for (uint256 l = 0; l < r.levelCount; ++l)
            levels[l] = ICommonfare.Level(uint96(r.deposit[l]), uint96(r.benefit[l]));
        uint256 boardSize;
        for (uint256 i = 0; i < N; ++i) if (_onBoard(c, i)) ++boardSize;
        address[] memory board = new address[](boardSize);
        boardSize = 0;
        for (uint256 i = 0; i < N; ++i) if (_onBoard(c, i)) board[boardSize++] = actors[i];
        ICommonfare.Rules memory rules = ICommonfare.Rules({
            currency: currencyOf[c],
            capMonths: uint16(r.capMonths),
            floorMonths: uint16(r.floorMonths),
            maxGiftMonths: uint16(r.maxGiftMonths),
            minMembers: uint16(r.minMembers),
            maxMembers: uint16(r.maxMembers),
            waitingPeriod: uint32(r.waitingPeriod),
            levelChangeGap: uint32(r.levelChangeGap),
            admissionVotes: uint8(r.admissionVotes),
            boardConfirmations: uint8(r.boardConfirmations)
        });
        vm.prank(actors[_founder[c]]);
        require(commonfare.foundCircle(rules, levels, board, _founderLevel[c]) == c, "circle id");
        _accounts[c][_founder[c]].level = _founderLevel[c];
        _admit(c, _founder[c]);
    }

    // ============================================================================================= actions

    /// @notice A random actor (mostly an outsider or candidate) asks to join at a random level (one in eight an
    /// unknown level; one in sixteen asks again while in the circle), then a board member (3 in 4) or a random actor
    /// approves it.
    function join(uint256 actorSeed, uint256 circleSeed, uint256 levelSeed, uint256 approverSeed) external {
        uint64 c = _circle(circleSeed);
        uint256 i = _pick(c, actorSeed, OUTSIDER);
        if (_accounts[c][i].status == NONE || actorSeed % 16 == 1) {
            uint256 count = _rules[c].levelCount;
            uint8 level = uint8(levelSeed % 8 == 0 ? count : (levelSeed >> 8) % count);
            if (!_doRequestJoin(i, c, level)) return;
        }
        uint256 approver = approverSeed % 4 != 0 ? _find(c, approverSeed >> 8, BOARD) : (approverSeed >> 8) % N;
        _doApprove(approver, c, i);
    }

    /// @notice A deposit by a member (3 in 4) or a random actor: one in sixteen zero, one in eight over the cap by
    /// 1 wei or more, one in eight exactly to the cap, else up to a third of the cap.
    function deposit(uint256 actorSeed, uint256 circleSeed, uint256 amountSeed) external {
        uint64 c = _circle(circleSeed);
        uint256 i = _pick(c, actorSeed, MEMBERS);
        uint256 d = _deposit(c, i);
        int256 room = int256(d * _rules[c].capMonths) - _balanceNow(c, i);
        uint256 mode = amountSeed % 16;
        uint256 amount = 1 + ((amountSeed >> 8) % ((d * _rules[c].capMonths) / 3));
        if (mode == 0) amount = 0;
        else if (mode < 3 && room >= 0) amount = uint256(room) + 1 + ((amountSeed >> 8) % d);
        else if (mode < 5 && room > 0) amount = uint256(room);
        _doDeposit(i, c, amount);
    }

    /// @notice A withdrawal by a member (3 in 4) or a random actor: one in eight 1 wei above what is available, one
    /// in eight all of it, else part of it.
    function withdraw(uint256 actorSeed, uint256 circleSeed, uint256 amountSeed) external {
        uint64 c = _circle(circleSeed);
        uint256 i = _pick(c, actorSeed, MEMBERS);
        uint256 available = _available(c, i);
        uint256 mode = amountSeed % 8;
        uint256 amount;
        if (mode == 0) amount = available + 1;
        else if (mode == 1) amount = available;
        else amount = 1 + ((amountSeed >> 8) % (available == 0 ? _deposit(c, i) : available));
        _doWithdraw(i, c, amount);
    }

    /// @notice A level change by a member (3 in 4) or a random actor, to a random level (one in eight unknown).
    function changeLevel(uint256 actorSeed, uint256 circleSeed, uint256 levelSeed) external {
        uint64 c = _circle(circleSeed);
        uint256 count = _rules[c].levelCount;
        _doChangeLevel(_pick(c, actorSeed, MEMBERS), c, uint8(levelSeed % 8 == 0 ? count : (levelSeed >> 8) % count));
    }

    /// @notice A member leaves (1 in 6, so that circles keep members long enough to claim); else a claimant, a
    /// member in arrears or a random actor tries to (mostly refused).
    function leave(uint256 actorSeed, uint256 circleSeed) external {
        uint64 c = _circle(circleSeed);
        uint256 mode = actorSeed % 6;
        uint8 kind =
            mode == 0
                ? MEMBERS
                : mode == 1
                    ? CLAIMANT
                    : mode == 2
                        ? ARREARS
                        : ANY;
        _doLeave(_find(c, actorSeed >> 8, kind), c);
    }

    /// @notice A member who may report (3 in 4: no claim open, waited, not in arrears) or a random actor reports a
    /// claim, naming another member as buddy (7 in 8) or a random actor (itself or an outsider, refused).
    function reportClaim(uint256 actorSeed, uint256 circleSeed, uint256 buddySeed) external {
        uint64 c = _circleWith(circleSeed, REPORTER);
        uint256 i = _pick(c, actorSeed, REPORTER);
        uint256 buddy = (buddySeed >> 8) % N;
        if (buddySeed % 8 != 0) {
            for (uint256 k = 0; k < N; ++k) {
                uint256 b = (buddy + k) % N;
                if (b != i && _accounts[c][b].status >= MEMBER) {
                    buddy = b;
                    break;
                }
            }
        }
        _doReport(i, c, buddy);
    }

    /// @notice A waiting claim (7 in 8) confirmed, 3 in 4 by a confirmer it still needs (its buddy, then a board
    /// member that has not confirmed it), else by a board member (perhaps again) or a random actor (the claimant, an
    /// outsider: refused).
    function confirmClaim(uint256 confirmerSeed, uint256 circleSeed, uint256 claimantSeed) external {
        uint64 c = _circleWith(circleSeed, PENDING);
        uint256 claimant = claimantSeed % 8 == 0 ? (claimantSeed >> 8) % N : _find(c, claimantSeed >> 8, PENDING);
        uint256 mode = confirmerSeed % 8;
        uint256 confirmer = (confirmerSeed >> 8) % N;
        GClaim storage cl = _claims[c][claimant];
        if (mode < 6 && cl.open) {
            confirmer = cl.buddy;
            for (uint256 k = 0; k < N && (cl.buddyConfirmed || _accounts[c][cl.buddy].status < MEMBER); ++k) {
                uint256 b = ((confirmerSeed % N) + k) % N;
                if (_onBoard(c, b) && b != claimant && (cl.confirmedMask >> b) & 1 == 0) {
                    confirmer = b;
                    break;
                }
            }
        } else if (mode == 6) {
            confirmer = _find(c, confirmerSeed >> 8, BOARD);
        }
        _doConfirm(confirmer, c, claimant);
    }

    /// @notice A claimant (3 in 4) or a random actor collects the months due.
    function collectGift(uint256 actorSeed, uint256 circleSeed) external {
        uint64 c = _circleWith(circleSeed, CLAIMANT);
        _doCollect(_pick(c, actorSeed, CLAIMANT), c);
    }

    /// @notice A claimant (1 in 3, so that claims run for months) or a random actor recovers.
    function recover(uint256 actorSeed, uint256 circleSeed) external {
        uint64 c = _circle(circleSeed);
        _doRecover(actorSeed % 3 == 0 ? _find(c, actorSeed >> 8, CLAIMANT) : (actorSeed >> 8) % N, c);
    }

    /// @notice Anyone (the claimant itself one in four) ends a claimant's claim (3 in 4) or a random actor's.
    function endClaim(uint256 callerSeed, uint256 circleSeed, uint256 claimantSeed) external {
        uint64 c = _circleWith(circleSeed, CLAIMANT);
        uint256 claimant = _pick(c, claimantSeed, CLAIMANT);
        _doEndClaim(callerSeed % 4 == 0 ? claimant : (callerSeed >> 8) % N, c, claimant);
    }

    /// @notice A board member (7 in 8) or a random actor writes off a member in arrears (3 in 4) or a random actor.
    function removeInArrears(uint256 callerSeed, uint256 circleSeed, uint256 memberSeed) external {
        uint64 c = _circleWith(circleSeed, ARREARS);
        uint256 caller = callerSeed % 8 == 0 ? (callerSeed >> 8) % N : _find(c, callerSeed >> 8, BOARD);
        _doRemove(caller, c, _pick(c, memberSeed, ARREARS));
    }

    /// @notice A claimant whose waiting claim is stuck, its buddy gone (1 in 2), or a random actor withdraws it.
    function withdrawClaim(uint256 actorSeed, uint256 circleSeed) external {
        uint64 c = _circle(circleSeed);
        _doWithdrawClaim(actorSeed % 2 == 0 ? _find(c, actorSeed >> 8, STUCK) : (actorSeed >> 8) % N, c);
    }

    /// @notice Time passes: one in four exactly a gift month, else an hour to 40 days.
    function warp(uint256 seed) external {
        vm.warp(block.timestamp + (seed % 4 == 0 ? MONTH : 1 hours + ((seed >> 8) % 40 days)));
    }

    // ============================================================================================= wind-down

    /// @notice Winds every circle down (afterInvariant): waiting claims are withdrawn; the board writes off every
    /// account in arrears (a member in arrears who is the last funder tops up instead: no one is left to take its
    /// arrears); every claimant tops its own account up to its cap (so that, with no account in arrears, the pool
    /// holds the months due: every level's benefit × the maximum months is at most its cap), a funder is admitted if
    /// none is left, and the claimant recovers; arrears its last gift made are written off again; then every member
    /// leaves, each receiving exactly its balance.
    function windDown() external {
        for (uint64 c = 1; c <= C; ++c) {
            for (uint256 i = 0; i < N; ++i) if (_is(c, i, PENDING)) _doWithdrawClaim(i, c);
            _clearArrears(c);
            for (uint256 i = 0; i < N; ++i) {
                if (_accounts[c][i].status != CLAIMING) continue;
                int256 room = int256(_deposit(c, i) * _rules[c].capMonths) - _accounts[c][i].balance;
                if (room > 0) _doDeposit(i, c, uint256(room));
                if (_circles[c].weight == 0 && _monthsBegun(c, i) > _claims[c][i].monthsPaid) _rescue(c);
                _doRecover(i, c);
                _clearArrears(c);
            }
            for (uint256 i = 0; i < N; ++i) if (_accounts[c][i].status == MEMBER) _doLeave(i, c);
        }
    }

    /// @notice After {windDown}: no member, claimant, weight or burn is left in any circle, and each pool holds only
    /// the rounding: exactly the model's (× 1e18), within its bound.
    function checkWoundDown() external view returns (string memory) {
        for (uint64 c = 1; c <= C; ++c) {
            ICommonfare.CircleView memory v = commonfare.circleOf(c);
            GCircle storage g = _circles[c];
            if (v.members != 0 || v.claimants != 0 || v.fundingWeight != 0 || v.burn != 0 || g.openClaims != 0) {
                return "CF-4: a member or claim is left after the wind-down";
            }
            if (uint256(v.pool) * SCALE != g.heldNum) return "CF-4: the pool left != the rounding held";
            if (v.pool > g.heldBound) return "CF-4: the pool left above the rounding bound";
        }
        return "";
    }

    function _clearArrears(uint64 c) internal {
        for (uint256 k = 0; k < 2 * N; ++k) {
            uint256 i = _find(c, 0, ARREARS);
            if (!_is(c, i, ARREARS)) return;
            if (_circles[c].weight > _deposit(c, i)) _doRemove(_find(c, 0, BOARD), c, i);
            else _doDeposit(i, c, uint256(-_balanceNow(c, i)));
        }
    }

    /// @dev Admits an outsider (approved by the board) to fund a claim whose circle has no funder left.
    function _rescue(uint64 c) internal {
        uint256 i = _find(c, 0, OUTSIDER);
        if (_accounts[c][i].status == NONE) _doRequestJoin(i, c, 0);
        _doApprove(_find(c, 0, BOARD), c, i);
        ++nRescues;
    }

    // ============================================================================================= calls

    function _doRequestJoin(uint256 i, uint64 c, uint8 level) internal returns (bool) {
        bytes memory expected;
        if (level >= _rules[c].levelCount) {
            expected = abi.encodeWithSelector(ICommonfare.UnknownLevel.selector, c, level);
        } else if (_accounts[c][i].status != NONE) {
            expected = abi.encodeWithSelector(ICommonfare.AlreadyInCircle.selector, c, actors[i]);
        }
        (bool ok, ) = _call(i, abi.encodeCall(ICommonfare.requestJoin, (c, level)), expected, "requestJoin");
        if (!ok) {
            ++nJoinRefused;
            return false;
        }
        GAccount storage a = _accounts[c][i];
        (a.status, a.level, a.balance, a.snapshot) = (CANDIDATE, level, 0, 0);
        (a.approvedMask, a.approvals) = (0, 0);
        return true;
    }

    function _doApprove(uint256 approver, uint64 c, uint256 i) internal {
        GAccount storage a = _accounts[c][i];
        bool byBoard = _onBoard(c, approver);
        uint256 approvals = a.approvals;
        bool admit;
        bytes memory expected;
        if (a.status != CANDIDATE) {
            expected = abi.encodeWithSelector(ICommonfare.NotCandidate.selector, c, actors[i]);
        } else if (!byBoard && _accounts[c][approver].status < MEMBER) {
            expected = _notMember(c, approver);
        } else if (!byBoard && (a.approvedMask >> approver) & 1 == 1) {
            expected = abi.encodeWithSelector(ICommonfare.AlreadyApproved.selector, c, actors[i], actors[approver]);
        } else {
            if (!byBoard) ++approvals;
            admit = byBoard || approvals >= _rules[c].admissionVotes;
            if (admit && _circles[c].members >= _rules[c].maxMembers) {
                expected = abi.encodeWithSelector(ICommonfare.CircleFull.selector, c, uint16(_rules[c].maxMembers));
            }
        }
        (bool ok, bytes memory ret) = _call(
            approver,
            abi.encodeCall(ICommonfare.approveCandidate, (c, actors[i])),
            expected,
            "approveCandidate"
        );
        if (!ok) {
            if (_is4(ret, ICommonfare.CircleFull.selector)) ++nCircleFull;
            else ++nJoinRefused;
            return;
        }
        if (!byBoard) {
            a.approvedMask |= 1 << approver;
            a.approvals = approvals;
        }
        if (admit) _admit(c, i);
        else ++nVotes;
    }

    function _doDeposit(uint256 i, uint64 c, uint256 amount) internal {
        GAccount storage a = _accounts[c][i];
        int256 before = _balanceNow(c, i);
        int256 after_ = before + int256(amount);
        uint256 cap = _deposit(c, i) * _rules[c].capMonths;
        bytes memory expected;
        if (amount == 0) expected = abi.encodeWithSelector(ICommonfare.ZeroDeposit.selector);
        else if (a.status < MEMBER) expected = _notMember(c, i);
        else if (after_ > int256(cap)) {
            expected = abi.encodeWithSelector(ICommonfare.DepositOverCap.selector, c, actors[i], cap, after_);
        }
        uint256 held = currencyOf[c].balanceOf(actors[i]);
        (bool ok, bytes memory ret) = _call(i, abi.encodeCall(ICommonfare.deposit, (c, amount)), expected, "deposit");
        if (!ok) {
            if (_is4(ret, ICommonfare.DepositOverCap.selector)) ++nOverCapRefused;
            return;
        }
        _settle(c, i);
        a.balance += int256(amount);
        _circles[c].pool += amount;
        _circles[c].deposits += amount;
        if (held - currencyOf[c].balanceOf(actors[i]) != amount) _violation("deposit: the token moved otherwise");
        ++nDeposits;
        if (before < 0) ++nArrearsRepaid;
    }

    /// @dev What a member may withdraw now: what is above its level's floor (0 in arrears or below it).
    function _available(uint64 c, uint256 i) internal view returns (uint256) {
        int256 balance = _balanceNow(c, i);
        uint256 floor = _deposit(c, i) * _rules[c].floorMonths;
        return balance > int256(floor) ? uint256(balance) - floor : 0;
    }

    function _doWithdraw(uint256 i, uint64 c, uint256 amount) internal {
        int256 balance = _balanceNow(c, i);
        uint256 available = _available(c, i);
        bytes memory expected;
        if (_accounts[c][i].status < MEMBER) expected = _notMember(c, i);
        else if (balance < 0) expected = _inArrears(c, i, balance);
        else if (amount == 0 || amount > available) {
            expected = abi.encodeWithSelector(
                ICommonfare.WithdrawalAboveAvailable.selector,
                c,
                actors[i],
                amount,
                available
            );
        } else if (_circles[c].pool < amount) {
            expected = abi.encodeWithSelector(ICommonfare.PoolShort.selector, c, amount, _circles[c].pool);
        }
        uint256 held = currencyOf[c].balanceOf(actors[i]);
        (bool ok, bytes memory ret) = _call(i, abi.encodeCall(ICommonfare.withdraw, (c, amount)), expected, "withdraw");
        if (!ok) {
            _countRefusal(ret);
            ++nWithdrawRefused;
            return;
        }
        _settle(c, i);
        _accounts[c][i].balance -= int256(amount);
        _circles[c].pool -= amount;
        _circles[c].withdrawals += amount;
        if (currencyOf[c].balanceOf(actors[i]) - held != amount) ++payoutMismatches;
        ++nWithdrawals;
    }

    function _doChangeLevel(uint256 i, uint64 c, uint8 level) internal {
        GAccount storage a = _accounts[c][i];
        GRules storage r = _rules[c];
        int256 balance = _balanceNow(c, i);
        bytes memory expected;
        if (level >= r.levelCount) {
            expected = abi.encodeWithSelector(ICommonfare.UnknownLevel.selector, c, level);
        } else if (a.status < MEMBER) {
            expected = _notMember(c, i);
        } else if (_claims[c][i].open) {
            expected = abi.encodeWithSelector(ICommonfare.ClaimOpen.selector, c, actors[i], _claims[c][i].id);
        } else if (level == a.level || block.timestamp < a.changeableFrom) {
            expected = abi.encodeWithSelector(
                ICommonfare.LevelChangeNotAllowed.selector,
                c,
                actors[i],
                level,
                uint40(a.changeableFrom)
            );
        } else if (balance < 0) {
            expected = _inArrears(c, i, balance);
        } else if (balance > int256(r.deposit[level] * r.capMonths)) {
            expected = abi.encodeWithSelector(
                ICommonfare.BalanceAboveNewCap.selector,
                c,
                actors[i],
                r.deposit[level] * r.capMonths,
                balance
            );
        }
        (bool ok, bytes memory ret) = _call(
            i,
            abi.encodeCall(ICommonfare.changeLevel, (c, level)),
            expected,
            "changeLevel"
        );
        if (!ok) {
            _countRefusal(ret);
            ++nLevelRefused;
            return;
        }
        _settle(c, i);
        _circles[c].weight = _circles[c].weight - r.deposit[a.level] + r.deposit[level];
        if (r.benefit[level] > r.benefit[a.level] && block.timestamp + r.waitingPeriod > a.claimableFrom) {
            a.claimableFrom = block.timestamp + r.waitingPeriod;
        }
        a.changeableFrom = block.timestamp + r.levelChangeGap;
        a.level = level;
        ++nLevelChanges;
    }

    function _doLeave(uint256 i, uint64 c) internal {
        int256 balance = _balanceNow(c, i);
        bytes memory expected;
        if (_accounts[c][i].status < MEMBER) expected = _notMember(c, i);
        else if (_claims[c][i].open) {
            expected = abi.encodeWithSelector(ICommonfare.ClaimOpen.selector, c, actors[i], _claims[c][i].id);
        } else if (balance < 0) expected = _inArrears(c, i, balance);
        else if (_circles[c].pool < uint256(balance)) {
            expected = abi.encodeWithSelector(ICommonfare.PoolShort.selector, c, uint256(balance), _circles[c].pool);
        }
        uint256 held = currencyOf[c].balanceOf(actors[i]);
        (bool ok, bytes memory ret) = _call(i, abi.encodeCall(ICommonfare.leave, (c)), expected, "leave");
        if (!ok) {
            _countRefusal(ret);
            return;
        }
        _settle(c, i);
        uint256 amount = uint256(_accounts[c][i].balance);
        _circles[c].pool -= amount;
        _circles[c].leavePayouts += amount;
        _remove(c, i);
        if (abi.decode(ret, (uint256)) != amount || currencyOf[c].balanceOf(actors[i]) - held != amount) {
            ++payoutMismatches;
        }
        ++nLeaves;
    }

    function _doRemove(uint256 caller, uint64 c, uint256 i) internal {
        int256 balance = _balanceNow(c, i);
        uint256 others = _circles[c].weight - (_accounts[c][i].status == MEMBER ? _deposit(c, i) : 0);
        bytes memory expected;
        if (!_onBoard(c, caller)) {
            expected = abi.encodeWithSelector(ICommonfare.NotBoardMember.selector, c, actors[caller]);
        } else if (_accounts[c][i].status != MEMBER) {
            expected = _notMember(c, i);
        } else if (balance >= 0) {
            expected = abi.encodeWithSelector(ICommonfare.NotInArrears.selector, c, actors[i]);
        } else if (others == 0) {
            expected = abi.encodeWithSelector(ICommonfare.NoFunders.selector, c);
        }
        (bool ok, bytes memory ret) = _call(
            caller,
            abi.encodeCall(ICommonfare.removeInArrears, (c, actors[i])),
            expected,
            "removeInArrears"
        );
        if (!ok) {
            _countRefusal(ret);
            ++nWriteOffRefused;
            return;
        }
        _settle(c, i);
        uint256 arrears = uint256(-_accounts[c][i].balance);
        _raise(c, arrears, others);
        if (_claims[c][i].open) {
            _claims[c][i].open = false;
            --_circles[c].openClaims;
        }
        _remove(c, i);
        ++nWriteOffs;
    }

    function _doReport(uint256 i, uint64 c, uint256 buddy) internal {
        GAccount storage a = _accounts[c][i];
        GClaim storage cl = _claims[c][i];
        int256 balance = _balanceNow(c, i);
        bytes memory expected;
        if (a.status < MEMBER) expected = _notMember(c, i);
        else if (cl.open) {
            expected = abi.encodeWithSelector(ICommonfare.ClaimAlreadyOpen.selector, c, actors[i], cl.id);
        } else if (_circles[c].members < _rules[c].minMembers) {
            expected = abi.encodeWithSelector(
                ICommonfare.CircleTooSmall.selector,
                c,
                uint16(_circles[c].members),
                uint16(_rules[c].minMembers)
            );
        } else if (block.timestamp < a.claimableFrom) {
            expected = abi.encodeWithSelector(ICommonfare.WaitingPeriod.selector, c, actors[i], a.claimableFrom);
        } else if (balance < 0) {
            expected = _inArrears(c, i, balance);
        } else if (buddy == i || _accounts[c][buddy].status < MEMBER) {
            expected = abi.encodeWithSelector(ICommonfare.InvalidBuddy.selector, c, actors[buddy]);
        }
        if (expected.length == 0 && _circles[c].openClaims >= MAX_OPEN_CLAIMS) return;
        (bool ok, bytes memory ret) = _call(
            i,
            abi.encodeCall(ICommonfare.reportClaim, (c, actors[buddy], keccak256(abi.encode("note", gClaimCount)))),
            expected,
            "reportClaim"
        );
        if (!ok) {
            _countRefusal(ret);
            ++nClaimRefused;
            return;
        }
        uint64 id = ++gClaimCount;
        if (abi.decode(ret, (uint64)) != id) _violation("reportClaim: unexpected id");
        uint256 benefit = _rules[c].benefit[a.level];
        _claims[c][i] = GClaim({
            open: true,
            id: id,
            startedAt: 0,
            buddy: buddy,
            monthsPaid: 0,
            benefit: benefit,
            boardConfirmations: 0,
            buddyConfirmed: false,
            confirmedMask: 0
        });
        ++_circles[c].openClaims;
        (_claimCircle[id], _claimBenefit[id]) = (c, benefit);
        ++nClaims;
    }

    function _doWithdrawClaim(uint256 i, uint64 c) internal {
        GClaim storage cl = _claims[c][i];
        bytes memory expected;
        if (!cl.open || cl.startedAt != 0) {
            expected = abi.encodeWithSelector(ICommonfare.NoOpenClaim.selector, c, actors[i]);
        }
        (bool ok, ) = _call(i, abi.encodeCall(ICommonfare.withdrawClaim, (c)), expected, "withdrawClaim");
        if (!ok) return;
        cl.open = false;
        --_circles[c].openClaims;
        ++nClaimsWithdrawn;
    }

    function _doConfirm(uint256 confirmer, uint64 c, uint256 claimant) internal {
        GClaim storage cl = _claims[c][claimant];
        bool asBuddy = confirmer == cl.buddy && _accounts[c][confirmer].status >= MEMBER;
        bool start;
        bytes memory expected;
        if (!cl.open || cl.startedAt != 0) {
            expected = abi.encodeWithSelector(ICommonfare.NoOpenClaim.selector, c, actors[claimant]);
        } else if (confirmer == claimant || (!asBuddy && !_onBoard(c, confirmer))) {
            expected = abi.encodeWithSelector(
                ICommonfare.NotConfirmer.selector,
                c,
                actors[claimant],
                actors[confirmer]
            );
        } else if ((cl.confirmedMask >> confirmer) & 1 == 1) {
            expected = abi.encodeWithSelector(ICommonfare.AlreadyConfirmed.selector, c, cl.id, actors[confirmer]);
        } else {
            start =
                (cl.buddyConfirmed || asBuddy) &&
                cl.boardConfirmations + (asBuddy ? 0 : 1) >= _rules[c].boardConfirmations;
            int256 balance = _balanceNow(c, claimant);
            if (start && balance < 0) expected = _inArrears(c, claimant, balance);
        }
        (bool ok, bytes memory ret) = _call(
            confirmer,
            abi.encodeCall(ICommonfare.confirmClaim, (c, actors[claimant])),
            expected,
            "confirmClaim"
        );
        if (!ok) {
            _countRefusal(ret);
            ++nConfirmRefused;
            return;
        }
        cl.confirmedMask |= 1 << confirmer;
        if (asBuddy) cl.buddyConfirmed = true;
        else ++cl.boardConfirmations;
        ++nConfirmations;
        if (!start) return;
        _settle(c, claimant);
        GCircle storage g = _circles[c];
        _accounts[c][claimant].status = CLAIMING;
        g.weight -= _deposit(c, claimant);
        g.burn += cl.benefit;
        ++g.claimants;
        cl.startedAt = block.timestamp;
        ++nClaimStarts;
    }

    function _doCollect(uint256 i, uint64 c) internal {
        GClaim storage cl = _claims[c][i];
        uint256 begun = _monthsBegun(c, i);
        uint256 max = _rules[c].maxGiftMonths;
        bytes memory expected = _startedRefusal(c, i);
        if (expected.length == 0 && begun == cl.monthsPaid) {
            uint256 next = cl.monthsPaid < max ? cl.startedAt + cl.monthsPaid * MONTH : 0;
            expected = abi.encodeWithSelector(ICommonfare.NothingDue.selector, c, cl.id, next);
        }
        if (expected.length == 0) expected = _payRefusal(c, i, begun);
        uint256 held = currencyOf[c].balanceOf(actors[i]);
        (bool ok, bytes memory ret) = _call(i, abi.encodeCall(ICommonfare.collectGift, (c)), expected, "collectGift");
        if (!ok) {
            _countRefusal(ret);
            return;
        }
        uint256 amount = _pay(c, i, begun, held);
        if (abi.decode(ret, (uint256)) != amount) _violation("collectGift: returned another amount");
        if (begun == max) {
            _endClaim(c, i);
            ++nEndedAtMax;
        }
    }

    function _doRecover(uint256 i, uint64 c) internal {
        uint256 begun = _monthsBegun(c, i);
        bytes memory expected = _startedRefusal(c, i);
        if (expected.length == 0) expected = _payRefusal(c, i, begun);
        uint256 held = currencyOf[c].balanceOf(actors[i]);
        (bool ok, bytes memory ret) = _call(i, abi.encodeCall(ICommonfare.recover, (c)), expected, "recover");
        if (!ok) {
            _countRefusal(ret);
            return;
        }
        _pay(c, i, begun, held);
        _endClaim(c, i);
        ++nRecoveries;
    }

    function _doEndClaim(uint256 caller, uint64 c, uint256 claimant) internal {
        GClaim storage cl = _claims[c][claimant];
        uint256 begun = _monthsBegun(c, claimant);
        bytes memory expected = _startedRefusal(c, claimant);
        if (expected.length == 0) {
            uint256 endsAt = cl.startedAt + _rules[c].maxGiftMonths * MONTH;
            if (block.timestamp < endsAt && caller != claimant) {
                expected = abi.encodeWithSelector(ICommonfare.ClaimStillRunning.selector, c, cl.id, endsAt);
            } else {
                expected = _payRefusal(c, claimant, begun);
            }
        }
        uint256 held = currencyOf[c].balanceOf(actors[claimant]);
        (bool ok, bytes memory ret) = _call(
            caller,
            abi.encodeCall(ICommonfare.endClaim, (c, actors[claimant])),
            expected,
            "endClaim"
        );
        if (!ok) {
            if (_is4(ret, ICommonfare.ClaimStillRunning.selector)) ++nStillRunningRefused;
            else _countRefusal(ret);
            return;
        }
        _pay(c, claimant, begun, held);
        _endClaim(c, claimant);
        if (caller != claimant) ++nEndedByOthers;
        else ++nRecoveries;
    }

    /// @dev Books the months from the claim's paid ones to `begun` in the model (the gift taken through the index),
    /// and what the claimant was observed to receive (it held `held` before the call).
    function _pay(uint64 c, uint256 i, uint256 begun, uint256 held) internal returns (uint256 amount) {
        GClaim storage cl = _claims[c][i];
        _claimReceived[cl.id] += currencyOf[c].balanceOf(actors[i]) - held;
        uint256 months = begun - cl.monthsPaid;
        if (months == 0) return 0;
        amount = months * cl.benefit;
        GCircle storage g = _circles[c];
        _raise(c, amount, g.weight);
        g.pool -= amount;
        g.gifts += amount;
        cl.monthsPaid = begun;
        _claimMonths[cl.id] += months;
        ++nGifts;
        if (months > 1) ++nMultiMonthGifts;
        for (uint256 k = 0; k < N; ++k) {
            if (_is(c, k, ARREARS)) {
                ++nGiftsIntoArrears;
                break;
            }
        }
    }

    // ============================================================================================= helpers

    function _call(
        uint256 actor,
        bytes memory data,
        bytes memory expected,
        string memory what
    ) internal returns (bool ok, bytes memory ret) {
        vm.prank(actors[actor]);
        (ok, ret) = address(commonfare).call(data);
        ok = _outcome(ok, ret, expected, what);
    }

    function _is4(bytes memory ret, bytes4 selector) internal pure returns (bool) {
        return ret.length >= 4 && bytes4(ret) == selector;
    }

    function _countRefusal(bytes memory ret) internal {
        if (_is4(ret, ICommonfare.InArrears.selector)) ++nInArrearsRefused;
        else if (_is4(ret, ICommonfare.NothingDue.selector)) ++nNothingDue;
        else if (_is4(ret, ICommonfare.PoolShort.selector)) ++nPoolShort;
        else if (_is4(ret, ICommonfare.NoFunders.selector)) ++nNoFunders;
    }

    function _circle(uint256 seed) internal pure returns (uint64) {
        return uint64(1 + (seed % C));
    }

    /// @dev Seven times in eight the first circle from a random start where some actor is of `kind` (the claim's
    /// steps go where a claim is), else (or if none is) a random circle.
    function _circleWith(uint256 seed, uint8 kind) internal view returns (uint64) {
        if (seed % 8 != 0) {
            for (uint256 k = 0; k < C; ++k) {
                uint64 c = _circle((seed >> 8) + k);
                GCircle storage g = _circles[c];
                // the circle's counts answer for claims (a waiting claim is open and not among the claimants)
                if (
                    kind == CLAIMANT
                        ? g.claimants != 0
                        : kind == PENDING
                            ? g.openClaims > g.claimants
                            : false
                ) {
                    return c;
                }
                if (kind == CLAIMANT || kind == PENDING) continue;
                for (uint256 i = 0; i < N; ++i) if (_is(c, i, kind)) return c;
            }
        }
        return _circle(seed >> 8);
    }

    function _is(uint64 c, uint256 i, uint8 kind) internal view returns (bool) {
        uint8 status = _accounts[c][i].status;
        if (kind == OUTSIDER) return status <= CANDIDATE;
        if (kind == MEMBERS) return status >= MEMBER;
        if (kind == CLAIMANT) return status == CLAIMING;
        if (kind == PENDING) return _claims[c][i].open && _claims[c][i].startedAt == 0;
        if (kind == ARREARS) return status == MEMBER && _balanceNow(c, i) < 0;
        if (kind == BOARD) return _onBoard(c, i);
        if (kind == REPORTER) {
            GAccount storage a = _accounts[c][i];
            return
                status == MEMBER && !_claims[c][i].open && block.timestamp >= a.claimableFrom && _balanceNow(c, i) >= 0;
        }
        if (kind == STUCK) {
            GClaim storage cl = _claims[c][i];
            return cl.open && cl.startedAt == 0 && !cl.buddyConfirmed && _accounts[c][cl.buddy].status < MEMBER;
        }
        return true;
    }

    /// @dev The first actor of `kind` from a random start (the start itself if none is).
    function _find(uint64 c, uint256 seed, uint8 kind) internal view returns (uint256) {
        uint256 start = seed % N;
        for (uint256 k = 0; k < N; ++k) {
            uint256 i = (start + k) % N;
            if (_is(c, i, kind)) return i;
        }
        return start;
    }

    /// @dev Three times in four an actor of `kind`, else any actor.
    function _pick(uint64 c, uint256 seed, uint8 kind) internal view returns (uint256) {
        return seed % 4 == 0 ? (seed >> 8) % N : _find(c, seed >> 8, kind);
    }
}

/// @notice The invariants CF-1..CF-4 of docs/invariants.md over the handler's random sequences; afterInvariant winds
/// every circle down and checks that every member took exactly its balance and only the rounding is left.
contract CommonfareInvariantTest is Test {
    CommonfareHandler internal handler;

    function setUp() public {
        vm.warp(1_750_000_000);
        handler = new CommonfareHandler();
        targetContract(address(handler));
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: handler.actionSelectors()}));
    }

    /// @notice Every call succeeded or failed exactly as the model predicted (exact revert data): checked first by
    /// every invariant below (one campaign each), so that a violation is found by all of them.
    function _noViolations() internal view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// @notice CF-1: pool = Σ balances + rounding held (>= 0, the model's exactly, within its bound) = deposits −
    /// withdrawals − payouts on leaving − gifts paid, to the wei; each token's balance = the sum of its circles' pools.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_CF1_poolAccounted() public view {
        _noViolations();
        string memory why = handler.checkCF1();
        assertEq(bytes(why).length, 0, why);
    }

    /// @notice CF-2: no account above its cap.
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_CF2_noBalanceAboveCap() public view {
        _noViolations();
        string memory why = handler.checkCF2();
        assertEq(bytes(why).length, 0, why);
    }

    /// @notice CF-3: months paid never above months begun or the maximum, each paid once (months × benefit received).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_CF3_monthsPaidOnce() public view {
        _noViolations();
        string memory why = handler.checkCF3();
        assertEq(bytes(why).length, 0, why);
    }

    /// @notice CF-4: where no account is in arrears the pool holds every balance (and every payout was the balance).
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_CF4_poolHoldsEveryBalance() public view {
        _noViolations();
        string memory why = handler.checkCF4();
        assertEq(bytes(why).length, 0, why);
    }

    /// @notice The views first ({CommonfareModel-checkViews}); then CF-4 to the end: the board writes off every
    /// account in arrears, every claimant recovers, every member leaves with exactly its balance, and each pool is left
    /// holding only the rounding ({CommonfareHandler-windDown}).
    function afterInvariant() public {
        string memory views = handler.checkViews();
        assertEq(bytes(views).length, 0, views);
        handler.windDown();
        invariant_CF1_poolAccounted();
        invariant_CF2_noBalanceAboveCap();
        invariant_CF3_monthsPaidOnce();
        invariant_CF4_poolHoldsEveryBalance();
        string memory why = handler.checkWoundDown();
        assertEq(bytes(why).length, 0, why);
    }

    /// @notice 1,500 pseudo-random handler calls, drawn from the fuzzer's weighted action list, reach every path (joins
    /// by the board and by votes, full circles, deposits over the cap and repaying arrears, withdrawals, level changes,
    /// leaving, claims reported, refused, withdrawn, confirmed and started, gifts of one and several months, gifts that
    /// put accounts in arrears, nothing due, pool short, no funders, claims ended at the maximum, by recovery and by
    /// others, still running, refusals for arrears, write-offs), so the invariant runs are not vacuous; the handler
    /// never reverts, and every invariant and view holds along the way and after the wind-down.
    function test_handlerExercisesEveryPath() public {
        bytes4[] memory actions = handler.actionSelectors();
        for (uint256 i = 0; i < 1_500; ++i) {
            uint256[4] memory a;
            for (uint256 k = 0; k < 4; ++k) a[k] = uint256(keccak256(abi.encode("paths", i, k)));
            // every action takes up to four seeds (extra arguments are ignored), drawn as the fuzzer draws them
            (bool ok, bytes memory ret) = address(handler).call(
                abi.encodePacked(actions[a[0] % actions.length], abi.encode(a[1], a[2], a[3], a[0] >> 8))
            );
            assertTrue(ok, string(ret));
            if (i % 100 == 99) {
                invariant_CF1_poolAccounted();
                invariant_CF2_noBalanceAboveCap();
                invariant_CF3_monthsPaidOnce();
                invariant_CF4_poolHoldsEveryBalance();
                string memory views = handler.checkViews();
                assertEq(bytes(views).length, 0, views);
            }
        }
        _assertPaths();
        afterInvariant();
    }

    function _assertPaths() internal view {
        assertGt(handler.nJoins(), 3, "no join");
        assertGt(handler.nVotes(), 0, "no member's vote short of admission");
        assertGt(handler.nJoinRefused(), 0, "no join refused");
        assertGt(handler.nCircleFull(), 0, "no full circle");
        assertGt(handler.nDeposits(), 0, "no deposit");
        assertGt(handler.nArrearsRepaid(), 0, "no deposit repaying arrears");
        assertGt(handler.nOverCapRefused(), 0, "no deposit over the cap refused");
        assertGt(handler.nWithdrawals(), 0, "no withdrawal");
        assertGt(handler.nWithdrawRefused(), 0, "no withdrawal refused");
        assertGt(handler.nLevelChanges(), 0, "no level change");
        assertGt(handler.nLevelRefused(), 0, "no level change refused");
        assertGt(handler.nLeaves(), 0, "no member left");
        assertGt(handler.nInArrearsRefused(), 0, "no refusal for arrears");
        assertGt(handler.nClaims(), 0, "no claim");
        assertGt(handler.nClaimRefused(), 0, "no claim refused");
        assertGt(handler.nClaimsWithdrawn(), 0, "no claim withdrawn");
        assertGt(handler.nConfirmations(), 0, "no confirmation");
        assertGt(handler.nConfirmRefused(), 0, "no confirmation refused");
        assertGt(handler.nClaimStarts(), 0, "no claim started");
        assertGt(handler.nGifts(), 0, "no gift");
        assertGt(handler.nMultiMonthGifts(), 0, "no gift of several months");
        assertGt(handler.nGiftsIntoArrears(), 0, "no gift leaving an account in arrears");
        assertGt(handler.nNothingDue(), 0, "no collect with nothing due");
        assertGt(handler.nPoolShort(), 0, "no payout refused for a short pool");
        assertGt(handler.nNoFunders(), 0, "no gift or write-off refused for want of funders");
        assertGt(handler.nEndedAtMax(), 0, "no claim ended at its maximum");
        assertGt(handler.nRecoveries(), 0, "no recovery");
        assertGt(handler.nEndedByOthers(), 0, "no claim ended by another after its maximum");
        assertGt(handler.nStillRunningRefused(), 0, "no claim refused to end while running");
        assertGt(handler.nWriteOffs(), 0, "no write-off");
        assertGt(handler.nWriteOffRefused(), 0, "no write-off refused");
    }
}
