// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {ICommonfare} from "../../contracts/commonfare/ICommonfare.sol";

/// @notice Ghost model of Commonfare for its invariant handler: every circle's rules, levels and board, its gift index,
/// pool and counts, every account (status, level, settled balance and snapshot, dates, admission votes) and every
/// claim, all computed from the interface's definitions with the model's own arithmetic (an index step is ceil(g × 1e18
/// / W), an account gives ceil(d × (index − snapshot) / 1e18) since it was settled); the money that came in and went
/// out per circle (deposits, withdrawals, payouts on leaving, gifts paid); the rounding each step and settlement leaves
/// in the pool, exactly (× 1e18) and as the interface bounds it; and the checks of CF-1..CF-4 against the chain, each
/// returning the first failure ("" when it holds).
abstract contract CommonfareModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- constants

    /// @dev Eight actors; the boards: circle 1 actors 6 and 7 (not founders), circle 2 actors 1 (its founder) and 5,
    /// circle 3 actor 3. Board members join and claim like anyone else.
    uint256 public constant N = 8;
    /// @dev Circles 1 and 2 share token A (6 decimals); circle 3 holds token B (18 decimals).
    uint64 public constant C = 3;
    uint256 internal constant SCALE = 1e18;
    uint256 internal constant MONTH = 30 days;
    /// @dev The handler opens at most this many claims at once per circle, so that a circle whose members are all
    /// claiming is never full and the wind-down can admit a funder (see {windDown}).
    uint256 internal constant MAX_OPEN_CLAIMS = 3;

    uint8 internal constant NONE = 0;
    uint8 internal constant CANDIDATE = 1;
    uint8 internal constant MEMBER = 2;
    uint8 internal constant CLAIMING = 3;

    ICommonfare public commonfare;
    address[N] public actors;
    /// @dev The currency of each circle (index 0 unused).
    IERC20[C + 1] public currencyOf;

    // ------------------------------------------------------------------------------------------- ghost state

    struct GRules {
        uint256 capMonths;
        uint256 floorMonths;
        uint256 maxGiftMonths;
        uint256 minMembers;
        uint256 maxMembers;
        uint256 waitingPeriod;
        uint256 levelChangeGap;
        uint256 admissionVotes;
        uint256 boardConfirmations;
        uint256 boardMask; // bit i: actor i is on the board
        uint256 levelCount;
        uint256[4] deposit;
        uint256[4] benefit;
    }

    struct GAccount {
        uint8 status;
        uint8 level;
        int256 balance; // settled at `snapshot` (frozen while claiming)
        uint256 snapshot;
        uint256 claimableFrom;
        uint256 changeableFrom;
        uint256 approvedMask; // members who approved the current candidacy
        uint256 approvals;
    }

    struct GClaim {
        bool open;
        uint64 id;
        uint256 startedAt;
        uint256 buddy;
        uint256 monthsPaid;
        uint256 benefit;
        uint256 boardConfirmations;
        bool buddyConfirmed;
        uint256 confirmedMask;
    }

    struct GCircle {
        uint256 index;
        uint256 pool;
        uint256 weight; // funding weight: monthly deposits of the members with status Member
        uint256 members;
        uint256 claimants;
        uint256 burn;
        uint256 openClaims;
        uint256 deposits;
        uint256 withdrawals;
        uint256 leavePayouts;
        uint256 gifts;
        /// @dev The rounding held × 1e18 from closed intervals: Σ over index steps (W × step − amount × 1e18) + Σ over
        /// settlements (given × 1e18 − d × Δindex). The pending rounding of unsettled accounts is added when checked.
        uint256 heldNum;
        /// @dev The interface's bound on the rounding held: W / 1e18 + 1 per step, 1 per settlement.
        uint256 heldBound;
    }

    mapping(uint64 => GRules) internal _rules;
    mapping(uint64 => GCircle) internal _circles;
    mapping(uint64 => mapping(uint256 => GAccount)) internal _accounts;
    mapping(uint64 => mapping(uint256 => GClaim)) internal _claims;

    /// @dev Every claim ever reported (ids are global): its circle, benefit, the months the model paid, and
    /// what the claimant was observed to receive for it.
    uint64 public gClaimCount;
    mapping(uint64 => uint64) internal _claimCircle;
    mapping(uint64 => uint256) internal _claimBenefit;
    mapping(uint64 => uint256) internal _claimMonths;
    mapping(uint64 => uint256) internal _claimReceived;

    /// @dev Payouts (withdrawal, leaving) whose observed transfer differed from the model's amount (CF-4).
    uint256 public payoutMismatches;

    // Counters of the paths the handler took (test_handlerExercisesEveryPath).
    uint256 public nJoins;
    uint256 public nVotes;
    uint256 public nJoinRefused;
    uint256 public nCircleFull;
    uint256 public nDeposits;
    uint256 public nArrearsRepaid;
    uint256 public nOverCapRefused;
    uint256 public nWithdrawals;
    uint256 public nWithdrawRefused;
    uint256 public nLevelChanges;
    uint256 public nLevelRefused;
    uint256 public nLeaves;
    uint256 public nInArrearsRefused;
    uint256 public nClaims;
    uint256 public nClaimRefused;
    uint256 public nClaimsWithdrawn;
    uint256 public nConfirmations;
    uint256 public nConfirmRefused;
    uint256 public nClaimStarts;
    uint256 public nGifts;
    uint256 public nMultiMonthGifts;
    uint256 public nNothingDue;
    uint256 public nPoolShort;
    uint256 public nNoFunders;
    uint256 public nGiftsIntoArrears;
    uint256 public nEndedAtMax;
    uint256 public nRecoveries;
    uint256 public nEndedByOthers;
    uint256 public nStillRunningRefused;
    uint256 public nWriteOffs;
    uint256 public nWriteOffRefused;
    uint256 public nRescues;

    // ------------------------------------------------------------------------------------------- model arithmetic

    /// @dev ceil(x / y), written as (x − 1) / y + 1.
    function _ceilDiv(uint256 x, uint256 y) internal pure returns (uint256) {
        return x == 0 ? 0 : (x - 1) / y + 1;
    }

    function _deposit(uint64 c, uint256 i) internal view returns (uint256) {
        return _rules[c].deposit[_accounts[c][i].level];
    }

    /// @dev An account's balance now: a funding member has given ceil(d × (index − snapshot) / 1e18) since it was
    /// settled; a claimant's account is frozen.
    function _balanceNow(uint64 c, uint256 i) internal view returns (int256) {
        GAccount storage a = _accounts[c][i];
        if (a.status != MEMBER) return a.balance;
        return a.balance - int256(_ceilDiv(_deposit(c, i) * (_circles[c].index - a.snapshot), SCALE));
    }

    /// @dev An account's balance now, and the rounding (× 1e18) its next settlement will add: given × 1e18 − d ×
    /// Δindex (0 for a claimant's frozen account).
    function _balanceAndPending(uint64 c, uint256 i) internal view returns (int256 balance, uint256 pending) {
        GAccount storage a = _accounts[c][i];
        balance = a.balance;
        if (a.status != MEMBER) return (balance, 0);
        uint256 exact = _rules[c].deposit[a.level] * (_circles[c].index - a.snapshot);
        uint256 given = _ceilDiv(exact, SCALE);
        return (balance - int256(given), given * SCALE - exact);
    }

    /// @dev Settles an account at the current index (its rounding booked in the circle's held rounding).
    function _settle(uint64 c, uint256 i) internal {
        GAccount storage a = _accounts[c][i];
        GCircle storage g = _circles[c];
        if (a.status == MEMBER) {
            uint256 exact = _deposit(c, i) * (g.index - a.snapshot);
            uint256 given = _ceilDiv(exact, SCALE);
            g.heldNum += given * SCALE - exact;
            g.heldBound += 1;
            a.balance -= int256(given);
        }
        a.snapshot = g.index;
    }

    /// @dev Takes `amount` from the funding members of weight `weight`: the index rises by ceil(amount × 1e18 / W).
    function _raise(uint64 c, uint256 amount, uint256 weight) internal {
        GCircle storage g = _circles[c];
        uint256 step = _ceilDiv(amount * SCALE, weight);
        g.heldNum += weight * step - amount * SCALE;
        g.heldBound += weight / SCALE + 1;
        g.index += step;
    }

    /// @dev Month k (from 0) of a claim begins at startedAt + k × MONTH; at most the circle's maximum.
    function _monthsBegun(uint64 c, uint256 i) internal view returns (uint256) {
        uint256 startedAt = _claims[c][i].startedAt;
        if (startedAt == 0 || block.timestamp < startedAt) return 0;
        uint256 begun = (block.timestamp - startedAt) / MONTH + 1;
        uint256 max = _rules[c].maxGiftMonths;
        return begun < max ? begun : max;
    }

    function _onBoard(uint64 c, uint256 i) internal view returns (bool) {
        return (_rules[c].boardMask >> i) & 1 == 1;
    }

    /// @dev Admits a candidate (or the founder) in the model.
    function _admit(uint64 c, uint256 i) internal {
        GAccount storage a = _accounts[c][i];
        GCircle storage g = _circles[c];
        a.status = MEMBER;
        a.balance = 0;
        a.snapshot = g.index;
        a.claimableFrom = block.timestamp + _rules[c].waitingPeriod;
        a.changeableFrom = block.timestamp + _rules[c].levelChangeGap;
        ++g.members;
        g.weight += _deposit(c, i);
        ++nJoins;
    }

    /// @dev Removes a funding member (settled) from the model.
    function _remove(uint64 c, uint256 i) internal {
        GCircle storage g = _circles[c];
        g.weight -= _deposit(c, i);
        --g.members;
        GAccount storage a = _accounts[c][i];
        (a.status, a.level, a.balance, a.snapshot) = (NONE, 0, 0, 0);
    }

    /// @dev Ends a running claim in the model: the claimant funds gifts again from the current index.
    function _endClaim(uint64 c, uint256 i) internal {
        GClaim storage cl = _claims[c][i];
        GCircle storage g = _circles[c];
        GAccount storage a = _accounts[c][i];
        cl.open = false;
        --g.openClaims;
        a.status = MEMBER;
        a.snapshot = g.index;
        g.weight += _deposit(c, i);
        g.burn -= cl.benefit;
        --g.claimants;
    }

    // ------------------------------------------------------------------------------------------- revert predictors

    function _notMember(uint64 c, uint256 i) internal view returns (bytes memory) {
        return abi.encodeWithSelector(ICommonfare.NotCircleMember.selector, c, actors[i]);
    }

    function _inArrears(uint64 c, uint256 i, int256 balance) internal view returns (bytes memory) {
        return abi.encodeWithSelector(ICommonfare.InArrears.selector, c, actors[i], uint256(-balance));
    }

    /// @dev The refusal of acting on `claimant`'s claim as a started one ({_startedClaim} of the contract).
    function _startedRefusal(uint64 c, uint256 claimant) internal view returns (bytes memory) {
        GClaim storage cl = _claims[c][claimant];
        if (!cl.open) return abi.encodeWithSelector(ICommonfare.NoOpenClaim.selector, c, actors[claimant]);
        if (cl.startedAt == 0) return abi.encodeWithSelector(ICommonfare.ClaimNotStarted.selector, c, cl.id);
        return "";
    }

    /// @dev The refusal of paying the months from the claim's paid ones to `begun` (none if nothing is due).
    function _payRefusal(uint64 c, uint256 claimant, uint256 begun) internal view returns (bytes memory) {
        GClaim storage cl = _claims[c][claimant];
        if (begun == cl.monthsPaid) return "";
        GCircle storage g = _circles[c];
        uint256 amount = (begun - cl.monthsPaid) * cl.benefit;
        if (g.weight == 0) return abi.encodeWithSelector(ICommonfare.NoFunders.selector, c);
        if (g.pool < amount) return abi.encodeWithSelector(ICommonfare.PoolShort.selector, c, amount, g.pool);
        return "";
    }

    // ------------------------------------------------------------------------------------------- checks

    /// @notice CF-1: per circle, the chain's books equal the model's (pool, index, funding weight, counts, burn, every
    /// balance); pool = deposits − withdrawals − payouts on leaving − gifts paid, to the wei; the rounding held
    /// (pool − Σ balances) is >= 0, equals the model's rounding exactly (× 1e18), and is within the interface's bound;
    /// each token's balance in the contract is the sum of the pools of its circles.
    function checkCF1() external view returns (string memory) {
        uint256 poolsA;
        for (uint64 c = 1; c <= C; ++c) {
            string memory why = _checkCircleBooks(c);
            if (bytes(why).length != 0) return why;
            if (c < 3) poolsA += _circles[c].pool;
        }
        if (currencyOf[1].balanceOf(address(commonfare)) != poolsA) return "CF-1: token A held != pools 1 + 2";
        if (currencyOf[3].balanceOf(address(commonfare)) != _circles[3].pool) return "CF-1: token B held != pool 3";
        return "";
    }

    function _checkCircleBooks(uint64 c) internal view returns (string memory) {
        ICommonfare.CircleView memory v = commonfare.circleOf(c);
        GCircle storage g = _circles[c];
        if (v.pool != g.pool) return "CF-1: pool != model";
        if (g.pool != g.deposits - g.withdrawals - g.leavePayouts - g.gifts) {
            return "CF-1: pool != deposits - withdrawals - leave payouts - gifts";
        }
        if (v.index != g.index) return "CF-1: index != model";
        if (v.fundingWeight != g.weight) return "CF-1: funding weight != model";
        if (v.members != g.members || v.claimants != g.claimants) return "CF-1: members or claimants != model";
        if (v.burn != g.burn) return "CF-1: burn != model";
        int256 sum;
        uint256 pending;
        uint256 funders;
        for (uint256 i = 0; i < N; ++i) {
            // An outsider's or a candidate's account holds nothing (the model's; a join starts it at 0 on chain).
            if (_accounts[c][i].status < MEMBER) continue;
            int256 b = commonfare.balanceOf(c, actors[i]);
            (int256 model, uint256 p) = _balanceAndPending(c, i);
            if (b != model) return "CF-1: a balance != model";
            sum += b;
            pending += p;
            if (_accounts[c][i].status == MEMBER) ++funders;
        }
        int256 held = int256(uint256(v.pool)) - sum;
        if (held < 0) return "CF-1: rounding held < 0 (the pool is below the balances)";
        if (uint256(held) * SCALE != g.heldNum + pending) return "CF-1: rounding held != the model's rounding";
        if (uint256(held) > g.heldBound + funders) return "CF-1: rounding held above its bound";
        return "";
    }

    /// @notice CF-2: no account of a member or claimant is above its level's cap (capMonths × the level's monthly
    /// deposit, as the rules define it; {checkViews} compares `accountOf`'s cap with it).
    function checkCF2() external view returns (string memory) {
        for (uint64 c = 1; c <= C; ++c) {
            for (uint256 i = 0; i < N; ++i) {
                if (_accounts[c][i].status < MEMBER) continue;
                uint256 cap = _deposit(c, i) * _rules[c].capMonths;
                if (commonfare.balanceOf(c, actors[i]) > int256(cap)) return "CF-2: a balance above its cap";
            }
        }
        return "";
    }

    /// @notice CF-3: every claim was paid at most its maximum months, the claimant received exactly months × benefit
    /// for it; each actor's current claim shows the model's months paid (never more than begun) and months due.
    function checkCF3() external view returns (string memory) {
        for (uint64 id = 1; id <= gClaimCount; ++id) {
            uint64 c = _claimCircle[id];
            if (_claimMonths[id] > _rules[c].maxGiftMonths) return "CF-3: a claim paid beyond its maximum";
            if (_claimReceived[id] != _claimMonths[id] * _claimBenefit[id]) {
                return "CF-3: a claimant received other than months paid x benefit";
            }
        }
        for (uint64 c = 1; c <= C; ++c) {
            for (uint256 i = 0; i < N; ++i) {
                GClaim storage cl = _claims[c][i];
                if (cl.id == 0) continue;
                ICommonfare.ClaimView memory v = commonfare.claimOf(c, actors[i]);
                if (v.id != cl.id || v.monthsPaid != cl.monthsPaid || cl.monthsPaid != _claimMonths[cl.id]) {
                    return "CF-3: months paid != the months the model paid";
                }
                if (v.maxMonths != _rules[c].maxGiftMonths || v.benefit != cl.benefit) return "CF-3: claim terms";
                if (cl.open) {
                    uint256 begun = _monthsBegun(c, i);
                    if (cl.monthsPaid > begun) return "CF-3: more months paid than begun";
                    if (v.monthsDue != begun - cl.monthsPaid) return "CF-3: months due != begun - paid";
                }
            }
        }
        return "";
    }

    /// @notice The views against the model (checked after each run, before the wind-down, and along the paths test):
    /// every account's status, level, balance, cap, floor and dates; every current claim's buddy, start and
    /// confirmations; each circle's months of cover.
    function checkViews() external view returns (string memory) {
        for (uint64 c = 1; c <= C; ++c) {
            GCircle storage g = _circles[c];
            uint256 cover = g.burn == 0 ? type(uint256).max : (g.pool * 100) / g.burn;
            if (commonfare.circleOf(c).coverMonths1e2 != cover) return "views: months of cover != pool x 100 / burn";
            for (uint256 i = 0; i < N; ++i) {
                string memory why = _checkAccountView(c, i);
                if (bytes(why).length != 0) return why;
            }
        }
        return "";
    }

    function _checkAccountView(uint64 c, uint256 i) internal view returns (string memory) {
        GAccount storage a = _accounts[c][i];
        ICommonfare.AccountView memory v = commonfare.accountOf(c, actors[i]);
        if (uint8(v.status) != a.status) return "views: status != model";
        if (a.status == NONE) return "";
        if (v.level != a.level || v.balance != _balanceNow(c, i)) return "views: level or balance != model";
        uint256 d = _deposit(c, i);
        if (v.cap != d * _rules[c].capMonths || v.floor != d * _rules[c].floorMonths) return "views: cap or floor";
        if (a.status >= MEMBER && (v.claimableFrom != a.claimableFrom || v.levelChangeableFrom != a.changeableFrom)) {
            return "views: dates != model";
        }
        GClaim storage cl = _claims[c][i];
        if (cl.id == 0) return "";
        ICommonfare.ClaimView memory cv = commonfare.claimOf(c, actors[i]);
        if (cv.buddy != actors[cl.buddy] || cv.startedAt != cl.startedAt) return "views: claim's buddy or start";
        if (cv.buddyConfirmed != cl.buddyConfirmed || cv.boardConfirmations != cl.boardConfirmations) {
            return "views: claim's confirmations != model";
        }
        return "";
    }

    /// @notice CF-4: in a circle where no account is in arrears, the pool holds every balance (each, and their sum).
    function checkCF4() external view returns (string memory) {
        for (uint64 c = 1; c <= C; ++c) {
            int256 sum;
            int256 max;
            bool arrears;
            for (uint256 i = 0; i < N; ++i) {
                if (_accounts[c][i].status < MEMBER) continue;
                int256 b = commonfare.balanceOf(c, actors[i]);
                if (b < 0) arrears = true;
                if (b > max) max = b;
                sum += b;
            }
            uint256 pool = commonfare.circleOf(c).pool;
            if (!arrears && (uint256(max) > pool || uint256(sum) > pool)) return "CF-4: the pool below the balances";
        }
        if (payoutMismatches != 0) return "CF-4: a payout differed from the balance it paid";
        return "";
    }
}
