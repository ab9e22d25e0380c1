// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Commonfare: solidarity circles that carry members through illness, with open books and no custodian
/// @notice A circle (after the Dutch Broodfonds) is a group of 20–50 independent workers. Each member deposits into
/// its **own** account, at a benefit level it chose (a monthly deposit buying a monthly benefit), up to a cap. A member
/// who cannot work reports a claim; once its buddy and the stated number of board members confirm it, the claimant
/// collects its level's benefit for each month of the claim, for at most the circle's maximum duration. Each month's
/// gift is taken from every other funding member's account, pro rata to their levels' monthly deposits. Money that was
/// never gifted stays the member's own: it withdraws what is above its level's floor, and takes all of it when it
/// leaves. Nothing on chain says why a member is ill: at most the hash of a private note.
///
/// Accounting (the same for a circle of 20 or 50: no loop over members). Each circle keeps a gift index, the gifts
/// taken per unit of monthly deposit (scaled by 1e18). A gift of `g` among funding members whose monthly deposits sum
/// to `W` raises the index by `ceil(g * 1e18 / W)`; a member of monthly deposit `d` whose account was last settled at
/// index `s` has given `ceil(d * (index - s) / 1e18)` since. Both roundings are up, so the accounts always give at
/// least what is paid out: the difference (at most `W / 1e18 + 1` wei per gift, plus at most 1 wei per settlement) stays
/// in the circle's pool as rounding held, never paid to anyone. A claimant does not fund gifts while its claim runs.
///
/// Arrears. An account whose balance cannot cover its share goes negative: its arrears are what it owes. The gift is
/// paid in full meanwhile ("sick is sick"): the circle's pooled money fronts the missing share. A member in arrears
/// cannot withdraw, claim, collect, change level or leave until it tops up (a deposit repays the arrears first). If it
/// does not, the board may remove it: its arrears are written off, taken from the other funding members' accounts pro
/// rata to their levels through the same index, and shown in the books ({ArrearsWrittenOff}).
///
/// Governance. The owner (the council's timelock) only accepts or removes currencies (ERC-20 stablecoins with no fee
/// on transfer and no rebasing): it cannot move money or change a circle's rules. A circle's rules are fixed when it
/// is founded; its board (named at founding) admits members and confirms claims with the buddies.
/// @dev Invariants (IDs refer to docs/invariants.md):
/// - CF-1 for every circle, to the wei: pool = the sum of its members' balances (negative for arrears) + the rounding
///   held, with rounding held >= 0; and pool = deposits − withdrawals − payouts on leaving − gifts paid. So the sum
///   of own balances, minus arrears, plus gifts paid, plus the rounding held equals deposits minus withdrawals (a
///   leaver's payout is its last withdrawal).
/// - CF-2 no account ever exceeds its cap: a deposit never leaves a balance above `capMonths` × the level's monthly
///   deposit, and a level change never lowers the cap below the balance.
/// - CF-3 no gift month is paid twice or beyond the maximum: a claim's months paid never exceed the months begun since
///   it started, nor its maximum; each month is paid once, at the claimant's level's benefit when the claim started.
/// - CF-4 a member who leaves can always take what is theirs: its balance, whole, whenever no other account is in
///   arrears (the pool then holds every balance); a board's write-off of every account in arrears restores that.
interface ICommonfare {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice A member's place in a circle; `None` marks an outsider.
    enum Status {
        None,
        Candidate,
        Member,
        Claiming
    }

    /// @notice One benefit level: what a member deposits each month and what it receives each month of a claim.
    /// @param monthlyDeposit The monthly deposit, in the currency's base units (also the member's funding weight).
    /// @param monthlyBenefit The monthly gift a claimant at this level collects.
    struct Level {
        uint96 monthlyDeposit;
        uint96 monthlyBenefit;
    }

    /// @notice A circle's rules, fixed when it is founded.
    /// @param currency The ERC-20 stablecoin of deposits and gifts (one the owner accepted).
    /// @param capMonths An own account holds at most `capMonths` × its level's monthly deposit (e.g. 36).
    /// @param floorMonths A member may withdraw only what is above `floorMonths` × its level's monthly deposit.
    /// @param maxGiftMonths The most months of gifts one claim receives (e.g. 24).
    /// @param minMembers Claims may be reported only while the circle has at least this many members (e.g. 20).
    /// @param maxMembers No admission beyond this many members (e.g. 50; at most {MAX_MEMBERS}).
    /// @param waitingPeriod Seconds after admission, or after raising one's level, before a member may report a claim.
    /// @param levelChangeGap Seconds a member waits between two changes of level.
    /// @param admissionVotes Members' approvals that admit a candidate (a board member's approval admits at once).
    /// @param boardConfirmations Board members' confirmations a claim needs, besides its buddy's.
    struct Rules {
        IERC20 currency;
        uint16 capMonths;
        uint16 floorMonths;
        uint16 maxGiftMonths;
        uint16 minMembers;
        uint16 maxMembers;
        uint32 waitingPeriod;
        uint32 levelChangeGap;
        uint8 admissionVotes;
        uint8 boardConfirmations;
    }

    /// @notice A member's account, settled to the circle's current gift index.
    /// @param status Outsider, candidate, member or claimant.
    /// @param level The chosen benefit level.
    /// @param balance The own account (negative: arrears, what the member owes the circle).
    /// @param cap The most the account may hold at this level.
    /// @param floor What a withdrawal must leave in the account at this level.
    /// @param claimableFrom When the member may report a claim (end of its waiting period).
    /// @param levelChangeableFrom When the member may next change its level.
    struct AccountView {
        Status status;
        uint8 level;
        int256 balance;
        uint256 cap;
        uint256 floor;
        uint40 claimableFrom;
        uint40 levelChangeableFrom;
    }

    /// @notice A member's current (or last) claim.
    /// @param id The claim's id (0: none).
    /// @param buddy The member who keeps in touch and confirms it.
    /// @param startedAt When its gifts started (0: waiting for confirmations).
    /// @param buddyConfirmed Whether the buddy confirmed it.
    /// @param boardConfirmations How many board members confirmed it.
    /// @param monthsPaid Months of gifts collected.
    /// @param maxMonths The most months it may receive (the circle's rule).
    /// @param benefit The monthly gift (the claimant's level's benefit when it was reported).
    /// @param monthsDue Months begun and not yet collected, now.
    struct ClaimView {
        uint64 id;
        address buddy;
        uint40 startedAt;
        bool buddyConfirmed;
        uint8 boardConfirmations;
        uint16 monthsPaid;
        uint16 maxMonths;
        uint96 benefit;
        uint16 monthsDue;
    }

    /// @notice A circle's open books, now.
    /// @param members Members (claimants included; candidates not).
    /// @param claimants Members with a running claim.
    /// @param fundingWeight The monthly deposits of the members who fund gifts (claimants excluded).
    /// @param index The gift index (gifts taken per unit of monthly deposit, 1e18-scaled).
    /// @param pool The circle's money held by the contract.
    /// @param burn The monthly benefits of the running claims.
    /// @param coverMonths1e2 Months of cover the pool holds at the current burn, × 100 (type(uint256).max: no burn).
    struct CircleView {
        uint16 members;
        uint16 claimants;
        uint96 fundingWeight;
        uint128 index;
        uint128 pool;
        uint96 burn;
        uint256 coverMonths1e2;
    }

    // ----------------------------------------------------------------------------------------------- events

    /// @notice Emitted when the owner accepts or removes a currency for new circles.
    event CurrencySet(IERC20 indexed currency, bool accepted);
    /// @notice Emitted when a circle is founded, with its rules, levels and board; the founder is its first member.
    event CircleFounded(
        uint64 indexed circleId,
        address indexed founder,
        Rules rules,
        Level[] levels,
        address[] board,
        uint8 founderLevel
    );
    /// @notice Emitted when someone asks to join a circle at a level.
    event JoinRequested(uint64 indexed circleId, address indexed candidate, uint8 level);
    /// @notice Emitted when a candidate withdraws its request.
    event CandidacyWithdrawn(uint64 indexed circleId, address indexed candidate);
    /// @notice Emitted when a member or a board member approves a candidate; `approvals` counts members' approvals.
    event AdmissionApproved(
        uint64 indexed circleId,
        address indexed candidate,
        address indexed approver,
        bool byBoard,
        uint8 approvals
    );
    /// @notice Emitted when a candidate (or the founder) becomes a member, funding gifts from `index`.
    event MemberAdmitted(
        uint64 indexed circleId,
        address indexed member,
        uint8 level,
        uint40 claimableFrom,
        uint128 index
    );
    /// @notice Emitted when a member deposits into its own account; `balance` is the account after it.
    event Deposited(uint64 indexed circleId, address indexed member, uint256 amount, int256 balance, uint128 index);
    /// @notice Emitted when a member withdraws from its own account; `balance` is the account after it.
    event Withdrawn(uint64 indexed circleId, address indexed member, uint256 amount, int256 balance, uint128 index);
    /// @notice Emitted when a member changes its level; `balance` is the account when it changed.
    event LevelChanged(
        uint64 indexed circleId,
        address indexed member,
        uint8 fromLevel,
        uint8 toLevel,
        int256 balance,
        uint40 claimableFrom,
        uint128 index
    );
    /// @notice Emitted when a member leaves, taking `amount` (its whole balance).
    event MemberLeft(uint64 indexed circleId, address indexed member, uint256 amount, uint128 index);
    /// @notice Emitted when the board removes a member in arrears; `arrears` is taken from the funding members'
    /// accounts pro rata to their levels, the index rising to `index`.
    event ArrearsWrittenOff(
        uint64 indexed circleId,
        address indexed member,
        address indexed by,
        uint256 arrears,
        uint128 index
    );
    /// @notice Emitted when a board member leaves the board.
    event BoardMemberResigned(uint64 indexed circleId, address indexed boardMember);
    /// @notice Emitted when a member reports being unable to work; `noteHash` is the hash of a private note (or 0).
    event ClaimReported(
        uint64 indexed circleId,
        uint64 indexed claimId,
        address indexed claimant,
        address buddy,
        bytes32 noteHash,
        uint96 benefit,
        uint16 maxMonths
    );
    /// @notice Emitted when a claimant withdraws a claim before it started.
    event ClaimWithdrawn(uint64 indexed circleId, uint64 indexed claimId, address indexed claimant);
    /// @notice Emitted when the buddy or a board member confirms a claim.
    event ClaimConfirmed(
        uint64 indexed circleId,
        uint64 indexed claimId,
        address indexed confirmer,
        bool asBuddy,
        uint8 boardConfirmations
    );
    /// @notice Emitted when a claim has its confirmations and its gifts start; the claimant stops funding gifts and its
    /// account is settled at `balance`.
    event ClaimStarted(
        uint64 indexed circleId,
        uint64 indexed claimId,
        address indexed claimant,
        uint40 startedAt,
        int256 balance,
        uint128 index
    );
    /// @notice Emitted when a claimant collects `months` months of gifts (`amount` in all), taken from the funding
    /// members (monthly deposits `fundingWeight`) by raising the index to `index`.
    event GiftCollected(
        uint64 indexed circleId,
        uint64 indexed claimId,
        address indexed claimant,
        uint16 months,
        uint256 amount,
        uint16 monthsPaid,
        uint96 fundingWeight,
        uint128 index
    );
    /// @notice Emitted when a claim ends: on the claimant's word (`recovered`), or after its maximum duration. The
    /// claimant funds gifts again from `index`.
    event ClaimEnded(
        uint64 indexed circleId,
        uint64 indexed claimId,
        address indexed claimant,
        uint16 monthsPaid,
        bool recovered,
        uint128 index
    );

    // ----------------------------------------------------------------------------------------------- errors

    /// @notice Thrown when a circle is founded in a currency the owner has not accepted.
    error UnacceptedCurrency(IERC20 currency);
    /// @notice Thrown when the owner sets the zero address as a currency.
    error InvalidCurrency(IERC20 currency);
    /// @notice Thrown when a circle's rules are out of bounds (`rule` names the first one that is).
    error InvalidRules(string rule);
    /// @notice Thrown when a circle's levels are empty, too many, or one has a zero deposit or benefit.
    error InvalidLevels(uint256 count);
    /// @notice Thrown when a circle's board is empty, too large, or names the zero address twice or at all.
    error InvalidBoard(uint256 size);
    /// @notice Thrown when a circle id is unknown.
    error UnknownCircle(uint64 circleId);
    /// @notice Thrown when a level index is not one of the circle's levels.
    error UnknownLevel(uint64 circleId, uint8 level);
    /// @notice Thrown when someone asks to join a circle it already belongs to or asked to join.
    error AlreadyInCircle(uint64 circleId, address account);
    /// @notice Thrown when an account that is not a candidate of the circle is approved or withdraws its candidacy.
    error NotCandidate(uint64 circleId, address account);
    /// @notice Thrown when an account that is not a member of the circle acts as one.
    error NotCircleMember(uint64 circleId, address account);
    /// @notice Thrown when an account that is not on the circle's board acts as a board member.
    error NotBoardMember(uint64 circleId, address account);
    /// @notice Thrown when a member approves the same candidate twice.
    error AlreadyApproved(uint64 circleId, address candidate, address approver);
    /// @notice Thrown when an admission would take the circle above its maximum size.
    error CircleFull(uint64 circleId, uint16 maxMembers);
    /// @notice Thrown when a deposit is zero.
    error ZeroDeposit();
    /// @notice Thrown when a deposit would take an own account above its cap.
    error DepositOverCap(uint64 circleId, address member, uint256 cap, int256 balanceAfter);
    /// @notice Thrown when a withdrawal asks for more than is above the level's floor (or for nothing).
    error WithdrawalAboveAvailable(uint64 circleId, address member, uint256 amount, uint256 available);
    /// @notice Thrown when a member in arrears withdraws, claims, changes level or leaves before topping up.
    error InArrears(uint64 circleId, address member, uint256 arrears);
    /// @notice Thrown when a member with a claim waiting or running leaves or changes level.
    error ClaimOpen(uint64 circleId, address member, uint64 claimId);
    /// @notice Thrown when a member changes level before the gap since its last change has passed, or to its level.
    error LevelChangeNotAllowed(uint64 circleId, address member, uint8 toLevel, uint40 changeableFrom);
    /// @notice Thrown when lowering the level would leave the balance above the new level's cap (withdraw first).
    error BalanceAboveNewCap(uint64 circleId, address member, uint256 cap, int256 balance);
    /// @notice Thrown when a member reports a claim before its waiting period ends.
    error WaitingPeriod(uint64 circleId, address member, uint40 claimableFrom);
    /// @notice Thrown when a claim is reported while the circle has fewer members than its minimum.
    error CircleTooSmall(uint64 circleId, uint16 members, uint16 minMembers);
    /// @notice Thrown when a claim names as buddy the claimant itself or someone who is not a member.
    error InvalidBuddy(uint64 circleId, address buddy);
    /// @notice Thrown when a member with a claim waiting or running reports another.
    error ClaimAlreadyOpen(uint64 circleId, address member, uint64 claimId);
    /// @notice Thrown when an account acts on a claim that does not exist or is not in the state the action needs.
    error NoOpenClaim(uint64 circleId, address claimant);
    /// @notice Thrown when a claim is confirmed by someone who is neither its buddy nor on the board, or is its claimant.
    error NotConfirmer(uint64 circleId, address claimant, address account);
    /// @notice Thrown when the same buddy or board member confirms a claim twice.
    error AlreadyConfirmed(uint64 circleId, uint64 claimId, address confirmer);
    /// @notice Thrown when a claimant collects before its claim has its confirmations.
    error ClaimNotStarted(uint64 circleId, uint64 claimId);
    /// @notice Thrown when nothing is due: no new month has begun (the next begins at `nextMonthAt`; 0: none left).
    error NothingDue(uint64 circleId, uint64 claimId, uint40 nextMonthAt);
    /// @notice Thrown when a claim is ended by someone other than its claimant before its maximum duration.
    error ClaimStillRunning(uint64 circleId, uint64 claimId, uint40 endsAt);
    /// @notice Thrown when a gift would be taken while no member funds gifts (every member is claiming).
    error NoFunders(uint64 circleId);
    /// @notice Thrown when the circle's pool holds less than a payout (only while accounts in arrears are fronted).
    error PoolShort(uint64 circleId, uint256 needed, uint256 pool);
    /// @notice Thrown when the board removes a member that is not in arrears.
    error NotInArrears(uint64 circleId, address member);
    /// @notice Thrown when the gift index would exceed 128 bits (a level's benefit far above its funders' deposits).
    error IndexOverflow(uint64 circleId);

    // -------------------------------------------------------------------------------------------- constants

    /// @notice The length of a gift month, in seconds (30 days).
    function MONTH() external view returns (uint256);

    /// @notice The most members a circle may have.
    function MAX_MEMBERS() external view returns (uint16);

    /// @notice The most levels a circle may have.
    function MAX_LEVELS() external view returns (uint8);

    /// @notice The largest board a circle may have.
    function MAX_BOARD() external view returns (uint8);

    /// @notice The longest maximum gift duration a circle may choose, in months.
    function MAX_GIFT_MONTHS() external view returns (uint16);

    // ----------------------------------------------------------------------------------------------- owner

    /// @notice Accepts or removes a currency for new circles (existing circles keep theirs). Only the owner.
    /// @param currency An ERC-20 stablecoin with no fee on transfer and no rebasing.
    /// @param accepted Whether new circles may use it.
    function setCurrency(IERC20 currency, bool accepted) external;

    // -------------------------------------------------------------------------------------- circles and members

    /// @notice Founds a circle with its rules, levels and board; the caller is its first member, at `founderLevel`.
    /// @param rules The circle's rules (see {Rules}).
    /// @param levels The benefit levels (1..{MAX_LEVELS}), each with a non-zero deposit and benefit.
    /// @param board The board (1..{MAX_BOARD} distinct non-zero addresses); board members need not be members.
    /// @param founderLevel The founder's level.
    /// @return circleId The new circle's id (from 1).
    function foundCircle(
        Rules calldata rules,
        Level[] calldata levels,
        address[] calldata board,
        uint8 founderLevel
    ) external returns (uint64 circleId);

    /// @notice Asks to join a circle at a level; members (or a board member) then admit the caller.
    function requestJoin(uint64 circleId, uint8 level) external;

    /// @notice Withdraws the caller's request to join.
    function withdrawCandidacy(uint64 circleId) external;

    /// @notice Approves a candidate: a board member's approval admits it; otherwise it is admitted when
    /// `admissionVotes` members approved. The waiting period starts at admission.
    function approveCandidate(uint64 circleId, address candidate) external;

    /// @notice Deposits into the caller's own account (pulled with `transferFrom`; approve first). A deposit repays
    /// arrears first. Reverts {DepositOverCap} if the balance would exceed the level's cap.
    function deposit(uint64 circleId, uint256 amount) external;

    /// @notice Withdraws from the caller's own account, at most what is above its level's floor.
    function withdraw(uint64 circleId, uint256 amount) external;

    /// @notice Changes the caller's level, at most once per `levelChangeGap`; raising it restarts the waiting period.
    function changeLevel(uint64 circleId, uint8 level) external;

    /// @notice Leaves the circle, taking the whole balance of the own account (its gifts already taken out).
    /// @return amount What was paid to the caller.
    function leave(uint64 circleId) external returns (uint256 amount);

    /// @notice Removes a member in arrears (board only): its arrears are written off, taken from the funding members'
    /// accounts pro rata to their levels.
    function removeInArrears(uint64 circleId, address member) external;

    /// @notice Leaves the circle's board.
    function resignFromBoard(uint64 circleId) external;

    // ----------------------------------------------------------------------------------------------- claims

    /// @notice Reports the caller unable to work. Nothing says why: at most the hash of a private note.
    /// @param buddy The member who keeps in touch and confirms the claim (not the caller).
    /// @param noteHash The hash of a private note (0: none).
    /// @return claimId The claim's id.
    function reportClaim(uint64 circleId, address buddy, bytes32 noteHash) external returns (uint64 claimId);

    /// @notice Withdraws the caller's claim before it started.
    function withdrawClaim(uint64 circleId) external;

    /// @notice Confirms a member's claim, as its buddy or as a board member; the claim starts with the buddy's and
    /// `boardConfirmations` board members' confirmations.
    function confirmClaim(uint64 circleId, address claimant) external;

    /// @notice Collects every month of gifts begun and not yet collected (each month's benefit, taken from the funding
    /// members pro rata to their levels). The claim ends when its last month is collected.
    /// @return amount What was paid to the caller.
    function collectGift(uint64 circleId) external returns (uint256 amount);

    /// @notice Ends the caller's claim on its word (recovered), first paying the months begun and not yet collected.
    function recover(uint64 circleId) external;

    /// @notice Ends a claim whose maximum duration has passed (anyone), paying the claimant what is still due; the
    /// claimant itself may call it earlier, as {recover}.
    function endClaim(uint64 circleId, address claimant) external;

    // ------------------------------------------------------------------------------------------------ views

    /// @notice Whether the owner accepts a currency for new circles.
    function isCurrency(IERC20 currency) external view returns (bool);

    /// @notice How many circles exist (ids 1..count).
    function circleCount() external view returns (uint64);

    /// @notice A circle's rules.
    function rulesOf(uint64 circleId) external view returns (Rules memory);

    /// @notice A circle's levels.
    function levelsOf(uint64 circleId) external view returns (Level[] memory);

    /// @notice Whether an account is on a circle's board.
    function isBoardMember(uint64 circleId, address account) external view returns (bool);

    /// @notice A circle's open books, now.
    function circleOf(uint64 circleId) external view returns (CircleView memory);

    /// @notice A member's account, settled to the circle's current index (negative balance: arrears).
    function accountOf(uint64 circleId, address member) external view returns (AccountView memory);

    /// @notice A member's own balance now (negative: arrears).
    function balanceOf(uint64 circleId, address member) external view returns (int256);

    /// @notice A candidate's members' approvals so far.
    function approvalsOf(uint64 circleId, address candidate) external view returns (uint8);

    /// @notice A member's current or last claim, with the months due now.
    function claimOf(uint64 circleId, address claimant) external view returns (ClaimView memory);

    /// @notice Whether an account confirmed a claim.
    function hasConfirmed(uint64 claimId, address account) external view returns (bool);
}
