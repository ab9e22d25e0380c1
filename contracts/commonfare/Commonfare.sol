// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {GiftMath} from "./GiftMath.sol";
import {ICommonfare} from "./ICommonfare.sol";

/// @title Commonfare
/// @notice Solidarity circles with own accounts, gifts taken pro rata to levels, and open books. See {ICommonfare}.
/// @dev No loop over members anywhere: each account is settled lazily against its circle's gift index. Value moves in
/// {deposit}, {withdraw}, {leave}, {collectGift}, {recover} and {endClaim}, each behind the reentrancy guard, with the
/// state written before the transfer (checks-effects-interactions). Every payout is checked against the circle's own
/// pool, so one circle never pays out another's money. The owner (the council's timelock) only accepts currencies.
contract Commonfare is ICommonfare, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @inheritdoc ICommonfare
    uint256 public constant MONTH = 30 days;
    /// @inheritdoc ICommonfare
    uint16 public constant MAX_MEMBERS = 100;
    /// @inheritdoc ICommonfare
    uint8 public constant MAX_LEVELS = 8;
    /// @inheritdoc ICommonfare
    uint8 public constant MAX_BOARD = 16;
    /// @inheritdoc ICommonfare
    uint16 public constant MAX_GIFT_MONTHS = 60;

    /// @dev A member's own account, in one slot: the balance settled at `snapshot` (frozen while claiming).
    struct Account {
        int96 balance;
        uint128 snapshot;
        uint8 level;
        Status status;
    }

    /// @dev A member's dates and its admission round (approvals are counted per round).
    struct Dates {
        uint40 claimableFrom;
        uint40 levelChangeableFrom;
        uint32 round;
        uint8 approvals;
    }

    /// @dev The gift index, the circle's pool and its cap rule: the slot every gift and deposit reads and writes.
    struct Pool {
        uint128 index;
        uint112 pool;
        uint16 capMonths;
    }

    /// @dev A level's deposit with the circle's currency, so that a deposit reads three slots (account, level, pool).
    struct LevelSlot {
        uint96 monthlyDeposit;
        IERC20 currency;
    }

    /// @dev The circle's counts.
    struct Tally {
        uint96 fundingWeight;
        uint96 burn;
        uint16 members;
        uint16 claimants;
        uint8 levelCount;
        uint8 boardSize;
    }

    /// @dev A member's current or last claim, in one slot.
    struct Claim {
        address buddy;
        uint40 startedAt;
        uint16 monthsPaid;
        uint16 maxMonths;
        uint8 boardConfirmations;
        bool buddyConfirmed;
        bool open;
    }

    /// @dev A claim's id and monthly benefit.
    struct ClaimTerms {
        uint64 id;
        uint96 benefit;
    }

    mapping(IERC20 currency => bool) private _currencies;
    mapping(uint64 circleId => Rules) private _rules;
    mapping(uint64 circleId => mapping(uint8 level => LevelSlot)) private _levels;
    mapping(uint64 circleId => mapping(uint8 level => uint96 monthlyBenefit)) private _benefits;
    mapping(uint64 circleId => Pool) private _pools;
    mapping(uint64 circleId => Tally) private _tallies;
    mapping(uint64 circleId => mapping(address account => bool)) private _board;
    mapping(uint64 circleId => mapping(address account => Account)) private _accounts;
    mapping(uint64 circleId => mapping(address account => Dates)) private _dates;
    mapping(uint64 circleId => mapping(address candidate => mapping(uint32 round => mapping(address approver => bool))))
        private _approved;
    mapping(uint64 circleId => mapping(address claimant => Claim)) private _claims;
    mapping(uint64 circleId => mapping(address claimant => ClaimTerms)) private _claimTerms;
    mapping(uint64 claimId => mapping(address confirmer => bool)) private _confirmed;
    uint64 private _circleCount;
    uint64 private _claimCount;

    /// @param initialOwner The owner (the council's timelock), which accepts currencies.
    constructor(address initialOwner) Ownable(initialOwner) {}

    // ----------------------------------------------------------------------------------------------- owner

    /// @inheritdoc ICommonfare
    function setCurrency(IERC20 currency, bool accepted) external onlyOwner {
        if (address(currency) == address(0)) revert InvalidCurrency(currency);
        _currencies[currency] = accepted;
        emit CurrencySet(currency, accepted);
    }

    // -------------------------------------------------------------------------------------- circles and members

    /// @inheritdoc ICommonfare
    function foundCircle(
        Rules calldata rules,
        Level[] calldata levels,
        address[] calldata board,
        uint8 founderLevel
    ) external returns (uint64 circleId) {
        if (!_currencies[rules.currency]) revert UnacceptedCurrency(rules.currency);
        _checkRules(rules, board.length);
        if (levels.length == 0 || levels.length > MAX_LEVELS) revert InvalidLevels(levels.length);
        if (board.length == 0 || board.length > MAX_BOARD) revert InvalidBoard(board.length);
        if (founderLevel >= levels.length) revert UnknownLevel(_circleCount + 1, founderLevel);

        circleId = ++_circleCount;
        _rules[circleId] = rules;
        for (uint256 i; i < levels.length; ++i) {
            Level calldata lv = levels[i];
            // The cap must fit an account's 96-bit signed balance.
            if (
                lv.monthlyDeposit == 0 ||
                lv.monthlyBenefit == 0 ||
                uint256(lv.monthlyDeposit) * rules.capMonths > uint256(int256(type(int96).max))
            ) revert InvalidLevels(levels.length);
            _levels[circleId][uint8(i)] = LevelSlot({monthlyDeposit: lv.monthlyDeposit, currency: rules.currency});
            _benefits[circleId][uint8(i)] = lv.monthlyBenefit;
        }
        _pools[circleId].capMonths = rules.capMonths;
        for (uint256 i; i < board.length; ++i) {
            address b = board[i];
            if (b == address(0) || _board[circleId][b]) revert InvalidBoard(board.length);
            _board[circleId][b] = true;
        }
        _tallies[circleId] = Tally({
            fundingWeight: 0,
            burn: 0,
            members: 0,
            claimants: 0,
            levelCount: uint8(levels.length),
            boardSize: uint8(board.length)
        });
        emit CircleFounded(circleId, msg.sender, rules, levels, board, founderLevel);
        _accounts[circleId][msg.sender] = Account({balance: 0, snapshot: 0, level: founderLevel, status: Status.None});
        _admit(circleId, msg.sender);
    }

    /// @inheritdoc ICommonfare
    function requestJoin(uint64 circleId, uint8 level) external {
        _checkLevel(circleId, level);
        if (_accounts[circleId][msg.sender].status != Status.None) revert AlreadyInCircle(circleId, msg.sender);
        _accounts[circleId][msg.sender] = Account({balance: 0, snapshot: 0, level: level, status: Status.Candidate});
        Dates storage d = _dates[circleId][msg.sender];
        ++d.round;
        d.approvals = 0;
        emit JoinRequested(circleId, msg.sender, level);
    }

    /// @inheritdoc ICommonfare
    function withdrawCandidacy(uint64 circleId) external {
        if (_accounts[circleId][msg.sender].status != Status.Candidate) revert NotCandidate(circleId, msg.sender);
        delete _accounts[circleId][msg.sender];
        emit CandidacyWithdrawn(circleId, msg.sender);
    }

    /// @inheritdoc ICommonfare
    function approveCandidate(uint64 circleId, address candidate) external {
        if (_accounts[circleId][candidate].status != Status.Candidate) revert NotCandidate(circleId, candidate);
        bool byBoard = _board[circleId][msg.sender];
        Dates storage d = _dates[circleId][candidate];
        uint8 approvals = d.approvals;
        if (!byBoard) {
            if (_accounts[circleId][msg.sender].status < Status.Member) revert NotCircleMember(circleId, msg.sender);
            uint32 round = d.round;
            if (_approved[circleId][candidate][round][msg.sender]) {
                revert AlreadyApproved(circleId, candidate, msg.sender);
            }
            _approved[circleId][candidate][round][msg.sender] = true;
            d.approvals = ++approvals;
        }
        emit AdmissionApproved(circleId, candidate, msg.sender, byBoard, approvals);
        if (byBoard || approvals >= _rules[circleId].admissionVotes) _admit(circleId, candidate);
    }

    /// @inheritdoc ICommonfare
    function deposit(uint64 circleId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroDeposit();
        Account storage account = _accounts[circleId][msg.sender];
        Account memory a = account;
        if (a.status < Status.Member) revert NotCircleMember(circleId, msg.sender);
        LevelSlot memory lv = _levels[circleId][a.level];
        Pool storage pool = _pools[circleId];
        Pool memory p = pool;
        int256 balance = _balanceNow(a, lv.monthlyDeposit, p.index) + amount.toInt256();
        uint256 cap = uint256(lv.monthlyDeposit) * p.capMonths;
        if (balance > int256(cap)) revert DepositOverCap(circleId, msg.sender, cap, balance);
        // One write per slot (the compiler's struct assignment reads and writes each field), in the storage layout of
        // Account (balance, snapshot, level, status) and Pool (index, pool, capMonths), low bits first.
        uint256 accountWord =
            uint256(uint96(balance.toInt96())) |
                (uint256(p.index) << 96) |
                (uint256(a.level) << 224) |
                (uint256(uint8(a.status)) << 232);
        uint256 poolWord =
            uint256(p.index) | (uint256((p.pool + amount).toUint112()) << 128) | (uint256(p.capMonths) << 240);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(account.slot, accountWord)
            sstore(pool.slot, poolWord)
        }
        emit Deposited(circleId, msg.sender, amount, balance, p.index);
        lv.currency.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ICommonfare
    function withdraw(uint64 circleId, uint256 amount) external nonReentrant {
        Account memory a = _accounts[circleId][msg.sender];
        if (a.status < Status.Member) revert NotCircleMember(circleId, msg.sender);
        uint256 weight = _levels[circleId][a.level].monthlyDeposit;
        Pool memory p = _pools[circleId];
        int256 balance = _balanceNow(a, weight, p.index);
        if (balance < 0) revert InArrears(circleId, msg.sender, uint256(-balance));
        uint256 floor = weight * _rules[circleId].floorMonths;
        uint256 available = uint256(balance) > floor ? uint256(balance) - floor : 0;
        if (amount == 0 || amount > available) revert WithdrawalAboveAvailable(circleId, msg.sender, amount, available);
        if (p.pool < amount) revert PoolShort(circleId, amount, p.pool);
        balance -= int256(amount);
        _accounts[circleId][msg.sender] = Account({
            balance: balance.toInt96(),
            snapshot: p.index,
            level: a.level,
            status: a.status
        });
        _pools[circleId].pool = p.pool - uint112(amount);
        emit Withdrawn(circleId, msg.sender, amount, balance, p.index);
        _rules[circleId].currency.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommonfare
    function changeLevel(uint64 circleId, uint8 level) external {
        _checkLevel(circleId, level);
        Account memory a = _accounts[circleId][msg.sender];
        if (a.status < Status.Member) revert NotCircleMember(circleId, msg.sender);
        Claim storage cl = _claims[circleId][msg.sender];
        if (cl.open) revert ClaimOpen(circleId, msg.sender, _claimTerms[circleId][msg.sender].id);
        Dates storage d = _dates[circleId][msg.sender];
        if (level == a.level || block.timestamp < d.levelChangeableFrom) {
            revert LevelChangeNotAllowed(circleId, msg.sender, level, d.levelChangeableFrom);
        }
        Level memory from = _level(circleId, a.level);
        Level memory to = _level(circleId, level);
        uint128 index = _pools[circleId].index;
        int256 balance = _balanceNow(a, from.monthlyDeposit, index);
        if (balance < 0) revert InArrears(circleId, msg.sender, uint256(-balance));
        Rules storage r = _rules[circleId];
        uint256 cap = uint256(to.monthlyDeposit) * r.capMonths;
        if (balance > int256(cap)) revert BalanceAboveNewCap(circleId, msg.sender, cap, balance);

        _accounts[circleId][msg.sender] = Account({
            balance: balance.toInt96(),
            snapshot: index,
            level: level,
            status: a.status
        });
        Tally storage t = _tallies[circleId];
        t.fundingWeight = t.fundingWeight - from.monthlyDeposit + to.monthlyDeposit;
        // A higher benefit is insured only after a new waiting period.
        if (to.monthlyBenefit > from.monthlyBenefit) {
            uint40 waited = uint40(block.timestamp + r.waitingPeriod);
            if (waited > d.claimableFrom) d.claimableFrom = waited;
        }
        d.levelChangeableFrom = uint40(block.timestamp + r.levelChangeGap);
        emit LevelChanged(circleId, msg.sender, a.level, level, balance, d.claimableFrom, index);
    }

    /// @inheritdoc ICommonfare
    function leave(uint64 circleId) external nonReentrant returns (uint256 amount) {
        Account memory a = _accounts[circleId][msg.sender];
        if (a.status < Status.Member) revert NotCircleMember(circleId, msg.sender);
        if (_claims[circleId][msg.sender].open) {
            revert ClaimOpen(circleId, msg.sender, _claimTerms[circleId][msg.sender].id);
        }
        uint96 weight = _levels[circleId][a.level].monthlyDeposit;
        Pool memory p = _pools[circleId];
        int256 balance = _balanceNow(a, weight, p.index);
        if (balance < 0) revert InArrears(circleId, msg.sender, uint256(-balance));
        amount = uint256(balance);
        if (p.pool < amount) revert PoolShort(circleId, amount, p.pool);

        _removeMember(circleId, msg.sender, weight);
        _pools[circleId].pool = p.pool - uint112(amount);
        emit MemberLeft(circleId, msg.sender, amount, p.index);
        if (amount != 0) _rules[circleId].currency.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommonfare
    function removeInArrears(uint64 circleId, address member) external {
        if (!_board[circleId][msg.sender]) revert NotBoardMember(circleId, msg.sender);
        Account memory a = _accounts[circleId][member];
        if (a.status != Status.Member) revert NotCircleMember(circleId, member);
        uint96 weight = _levels[circleId][a.level].monthlyDeposit;
        Pool memory p = _pools[circleId];
        int256 balance = _balanceNow(a, weight, p.index);
        if (balance >= 0) revert NotInArrears(circleId, member);
        uint256 arrears = uint256(-balance);
        uint256 others = _tallies[circleId].fundingWeight - weight;
        if (others == 0) revert NoFunders(circleId);
        uint128 index = _raiseIndex(circleId, p.index, arrears, others);

        Claim storage cl = _claims[circleId][member];
        if (cl.open) {
            // A claim still waiting for its confirmations (a running one has no arrears: its account is frozen).
            cl.open = false;
            emit ClaimWithdrawn(circleId, _claimTerms[circleId][member].id, member);
        }
        _removeMember(circleId, member, weight);
        _pools[circleId].index = index;
        emit ArrearsWrittenOff(circleId, member, msg.sender, arrears, index);
    }

    /// @inheritdoc ICommonfare
    function resignFromBoard(uint64 circleId) external {
        if (!_board[circleId][msg.sender]) revert NotBoardMember(circleId, msg.sender);
        Tally storage t = _tallies[circleId];
        // Claims must still be able to gather their board confirmations.
        if (t.boardSize <= _rules[circleId].boardConfirmations || t.boardSize == 1) revert InvalidBoard(t.boardSize);
        _board[circleId][msg.sender] = false;
        --t.boardSize;
        emit BoardMemberResigned(circleId, msg.sender);
    }

    // ----------------------------------------------------------------------------------------------- claims

    /// @inheritdoc ICommonfare
    function reportClaim(uint64 circleId, address buddy, bytes32 noteHash) external returns (uint64 claimId) {
        Account memory a = _accounts[circleId][msg.sender];
        if (a.status < Status.Member) revert NotCircleMember(circleId, msg.sender);
        if (_claims[circleId][msg.sender].open) {
            revert ClaimAlreadyOpen(circleId, msg.sender, _claimTerms[circleId][msg.sender].id);
        }
        Rules storage r = _rules[circleId];
        Tally memory t = _tallies[circleId];
        if (t.members < r.minMembers) revert CircleTooSmall(circleId, t.members, r.minMembers);
        uint40 claimableFrom = _dates[circleId][msg.sender].claimableFrom;
        if (block.timestamp < claimableFrom) revert WaitingPeriod(circleId, msg.sender, claimableFrom);
        Level memory lv = _level(circleId, a.level);
        int256 balance = _balanceNow(a, lv.monthlyDeposit, _pools[circleId].index);
        if (balance < 0) revert InArrears(circleId, msg.sender, uint256(-balance));
        if (buddy == msg.sender || _accounts[circleId][buddy].status < Status.Member) {
            revert InvalidBuddy(circleId, buddy);
        }

        claimId = ++_claimCount;
        uint16 maxMonths = r.maxGiftMonths;
        _claims[circleId][msg.sender] = Claim({
            buddy: buddy,
            startedAt: 0,
            monthsPaid: 0,
            maxMonths: maxMonths,
            boardConfirmations: 0,
            buddyConfirmed: false,
            open: true
        });
        _claimTerms[circleId][msg.sender] = ClaimTerms({id: claimId, benefit: lv.monthlyBenefit});
        emit ClaimReported(circleId, claimId, msg.sender, buddy, noteHash, lv.monthlyBenefit, maxMonths);
    }

    /// @inheritdoc ICommonfare
    function withdrawClaim(uint64 circleId) external {
        Claim storage cl = _claims[circleId][msg.sender];
        if (!cl.open || cl.startedAt != 0) revert NoOpenClaim(circleId, msg.sender);
        cl.open = false;
        emit ClaimWithdrawn(circleId, _claimTerms[circleId][msg.sender].id, msg.sender);
    }

    /// @inheritdoc ICommonfare
    function confirmClaim(uint64 circleId, address claimant) external {
        Claim memory cl = _claims[circleId][claimant];
        if (!cl.open || cl.startedAt != 0) revert NoOpenClaim(circleId, claimant);
        // The buddy confirms while it is a member; a board member need not be one.
        bool asBuddy = msg.sender == cl.buddy && _accounts[circleId][msg.sender].status >= Status.Member;
        if (msg.sender == claimant || (!asBuddy && !_board[circleId][msg.sender])) {
            revert NotConfirmer(circleId, claimant, msg.sender);
        }
        uint64 claimId = _claimTerms[circleId][claimant].id;
        if (_confirmed[claimId][msg.sender]) revert AlreadyConfirmed(circleId, claimId, msg.sender);
        _confirmed[claimId][msg.sender] = true;
        if (asBuddy) cl.buddyConfirmed = true;
        else ++cl.boardConfirmations;
        emit ClaimConfirmed(circleId, claimId, msg.sender, asBuddy, cl.boardConfirmations);

        if (cl.buddyConfirmed && cl.boardConfirmations >= _rules[circleId].boardConfirmations) {
            // The claim starts: the claimant's account is settled and frozen, and it stops funding gifts.
            Account memory a = _accounts[circleId][claimant];
            uint96 weight = _levels[circleId][a.level].monthlyDeposit;
            uint128 index = _pools[circleId].index;
            int256 balance = _balanceNow(a, weight, index);
            if (balance < 0) revert InArrears(circleId, claimant, uint256(-balance));
            _accounts[circleId][claimant] = Account({
                balance: balance.toInt96(),
                snapshot: index,
                level: a.level,
                status: Status.Claiming
            });
            Tally storage t = _tallies[circleId];
            t.fundingWeight -= weight;
            t.burn += _claimTerms[circleId][claimant].benefit;
            ++t.claimants;
            cl.startedAt = uint40(block.timestamp);
            emit ClaimStarted(circleId, claimId, claimant, cl.startedAt, balance, index);
        }
        _claims[circleId][claimant] = cl;
    }

    /// @inheritdoc ICommonfare
    function collectGift(uint64 circleId) external nonReentrant returns (uint256 amount) {
        Claim memory cl = _startedClaim(circleId, msg.sender);
        ClaimTerms memory terms = _claimTerms[circleId][msg.sender];
        uint256 begun = GiftMath.monthsBegun(cl.startedAt, block.timestamp, MONTH, cl.maxMonths);
        if (begun == cl.monthsPaid) {
            uint40 next = cl.monthsPaid < cl.maxMonths ? uint40(cl.startedAt + cl.monthsPaid * MONTH) : 0;
            revert NothingDue(circleId, terms.id, next);
        }
        amount = _pay(circleId, msg.sender, cl, terms, begun);
        if (begun == cl.maxMonths) _end(circleId, msg.sender, terms, cl.monthsPaid, false);
        _rules[circleId].currency.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommonfare
    function recover(uint64 circleId) external nonReentrant {
        _close(circleId, msg.sender, true);
    }

    /// @inheritdoc ICommonfare
    function endClaim(uint64 circleId, address claimant) external nonReentrant {
        Claim memory cl = _startedClaim(circleId, claimant);
        uint40 endsAt = uint40(cl.startedAt + uint256(cl.maxMonths) * MONTH);
        if (block.timestamp < endsAt && msg.sender != claimant) {
            revert ClaimStillRunning(circleId, _claimTerms[circleId][claimant].id, endsAt);
        }
        // The claimant's own call before the end is its word that it recovered.
        _close(circleId, claimant, block.timestamp < endsAt);
    }

    // ------------------------------------------------------------------------------------------------ views

    /// @inheritdoc ICommonfare
    function isCurrency(IERC20 currency) external view returns (bool) {
        return _currencies[currency];
    }

    /// @inheritdoc ICommonfare
    function circleCount() external view returns (uint64) {
        return _circleCount;
    }

    /// @inheritdoc ICommonfare
    function rulesOf(uint64 circleId) external view returns (Rules memory) {
        _checkCircle(circleId);
        return _rules[circleId];
    }

    /// @inheritdoc ICommonfare
    function levelsOf(uint64 circleId) external view returns (Level[] memory levels) {
        uint8 count = _checkCircle(circleId);
        levels = new Level[](count);
        for (uint8 i; i < count; ++i) levels[i] = _level(circleId, i);
    }

    /// @inheritdoc ICommonfare
    function isBoardMember(uint64 circleId, address account) external view returns (bool) {
        return _board[circleId][account];
    }

    /// @inheritdoc ICommonfare
    function circleOf(uint64 circleId) external view returns (CircleView memory) {
        _checkCircle(circleId);
        Tally memory t = _tallies[circleId];
        Pool memory p = _pools[circleId];
        return
            CircleView({
                members: t.members,
                claimants: t.claimants,
                fundingWeight: t.fundingWeight,
                index: p.index,
                pool: p.pool,
                burn: t.burn,
                coverMonths1e2: GiftMath.coverMonths1e2(p.pool, t.burn)
            });
    }

    /// @inheritdoc ICommonfare
    function accountOf(uint64 circleId, address member) external view returns (AccountView memory v) {
        Account memory a = _accounts[circleId][member];
        v.status = a.status;
        if (a.status == Status.None) return v;
        uint256 weight = _levels[circleId][a.level].monthlyDeposit;
        Rules storage r = _rules[circleId];
        Dates memory d = _dates[circleId][member];
        v.level = a.level;
        v.balance = _balanceNow(a, weight, _pools[circleId].index);
        v.cap = weight * r.capMonths;
        v.floor = weight * r.floorMonths;
        v.claimableFrom = d.claimableFrom;
        v.levelChangeableFrom = d.levelChangeableFrom;
    }

    /// @inheritdoc ICommonfare
    function balanceOf(uint64 circleId, address member) external view returns (int256) {
        Account memory a = _accounts[circleId][member];
        return _balanceNow(a, _levels[circleId][a.level].monthlyDeposit, _pools[circleId].index);
    }

    /// @inheritdoc ICommonfare
    function approvalsOf(uint64 circleId, address candidate) external view returns (uint8) {
        return _accounts[circleId][candidate].status == Status.Candidate ? _dates[circleId][candidate].approvals : 0;
    }

    /// @inheritdoc ICommonfare
    function claimOf(uint64 circleId, address claimant) external view returns (ClaimView memory v) {
        Claim memory cl = _claims[circleId][claimant];
        ClaimTerms memory terms = _claimTerms[circleId][claimant];
        v.id = terms.id;
        v.buddy = cl.buddy;
        v.startedAt = cl.startedAt;
        v.buddyConfirmed = cl.buddyConfirmed;
        v.boardConfirmations = cl.boardConfirmations;
        v.monthsPaid = cl.monthsPaid;
        v.maxMonths = cl.maxMonths;
        v.benefit = terms.benefit;
        if (cl.open) {
            v.monthsDue = uint16(
                GiftMath.monthsBegun(cl.startedAt, block.timestamp, MONTH, cl.maxMonths) - cl.monthsPaid
            );
        }
    }

    /// @inheritdoc ICommonfare
    function hasConfirmed(uint64 claimId, address account) external view returns (bool) {
        return _confirmed[claimId][account];
    }

    // --------------------------------------------------------------------------------------------- internal

    /// @dev A member's balance at `index`: a funding member has given its share of every gift since its snapshot; a
    /// claimant's account is frozen.
    function _balanceNow(Account memory a, uint256 weight, uint256 index) private pure returns (int256) {
        if (a.status != Status.Member) return a.balance;
        return int256(a.balance) - GiftMath.given(weight, index, a.snapshot).toInt256();
    }

    /// @dev Admits a candidate (or the founder): it funds gifts from the current index, and waits before claiming.
    function _admit(uint64 circleId, address member) private {
        Tally storage t = _tallies[circleId];
        Rules storage r = _rules[circleId];
        if (t.members >= r.maxMembers) revert CircleFull(circleId, r.maxMembers);
        Account storage a = _accounts[circleId][member];
        uint128 index = _pools[circleId].index;
        a.status = Status.Member;
        a.snapshot = index;
        a.balance = 0;
        ++t.members;
        t.fundingWeight += _levels[circleId][a.level].monthlyDeposit;
        Dates storage d = _dates[circleId][member];
        uint40 claimableFrom = uint40(block.timestamp + r.waitingPeriod);
        d.claimableFrom = claimableFrom;
        d.levelChangeableFrom = uint40(block.timestamp + r.levelChangeGap);
        emit MemberAdmitted(circleId, member, a.level, claimableFrom, index);
    }

    /// @dev Removes a funding member: its weight and place are freed (its claim is closed by the caller).
    function _removeMember(uint64 circleId, address member, uint96 weight) private {
        Tally storage t = _tallies[circleId];
        t.fundingWeight -= weight;
        --t.members;
        delete _accounts[circleId][member];
    }

    /// @dev The index after taking `amount` from funding members of total weight `fundingWeight`.
    function _raiseIndex(
        uint64 circleId,
        uint128 index,
        uint256 amount,
        uint256 fundingWeight
    ) private pure returns (uint128) {
        uint256 raised = index + GiftMath.indexStep(amount, fundingWeight);
        if (raised > type(uint128).max) revert IndexOverflow(circleId);
        return uint128(raised);
    }

    /// @dev A claimant's claim, which must be open and started.
    function _startedClaim(uint64 circleId, address claimant) private view returns (Claim memory cl) {
        cl = _claims[circleId][claimant];
        if (!cl.open) revert NoOpenClaim(circleId, claimant);
        if (cl.startedAt == 0) revert ClaimNotStarted(circleId, _claimTerms[circleId][claimant].id);
    }

    /// @dev Pays the months from `cl.monthsPaid` to `begun` (state only; the caller transfers): the gift is taken from
    /// the funding members by raising the index. Updates `cl.monthsPaid`.
    function _pay(
        uint64 circleId,
        address claimant,
        Claim memory cl,
        ClaimTerms memory terms,
        uint256 begun
    ) private returns (uint256 amount) {
        uint16 months = uint16(begun - cl.monthsPaid);
        amount = uint256(months) * terms.benefit;
        uint96 fundingWeight = _tallies[circleId].fundingWeight;
        if (fundingWeight == 0) revert NoFunders(circleId);
        Pool memory p = _pools[circleId];
        if (p.pool < amount) revert PoolShort(circleId, amount, p.pool);
        uint128 index = _raiseIndex(circleId, p.index, amount, fundingWeight);
        cl.monthsPaid = uint16(begun);
        _claims[circleId][claimant].monthsPaid = uint16(begun);
        _pools[circleId] = Pool({index: index, pool: p.pool - uint112(amount), capMonths: p.capMonths});
        emit GiftCollected(circleId, terms.id, claimant, months, amount, uint16(begun), fundingWeight, index);
    }

    /// @dev Pays what is due, then ends the claim; transfers the payment.
    function _close(uint64 circleId, address claimant, bool recovered) private {
        Claim memory cl = _startedClaim(circleId, claimant);
        ClaimTerms memory terms = _claimTerms[circleId][claimant];
        uint256 begun = GiftMath.monthsBegun(cl.startedAt, block.timestamp, MONTH, cl.maxMonths);
        uint256 amount;
        if (begun > cl.monthsPaid) amount = _pay(circleId, claimant, cl, terms, begun);
        _end(circleId, claimant, terms, cl.monthsPaid, recovered);
        if (amount != 0) _rules[circleId].currency.safeTransfer(claimant, amount);
    }

    /// @dev Ends a running claim: the claimant funds gifts again from the current index, its balance as it was.
    function _end(
        uint64 circleId,
        address claimant,
        ClaimTerms memory terms,
        uint16 monthsPaid,
        bool recovered
    ) private {
        _claims[circleId][claimant].open = false;
        Account storage a = _accounts[circleId][claimant];
        uint128 index = _pools[circleId].index;
        a.status = Status.Member;
        a.snapshot = index;
        Tally storage t = _tallies[circleId];
        t.fundingWeight += _levels[circleId][a.level].monthlyDeposit;
        t.burn -= terms.benefit;
        --t.claimants;
        emit ClaimEnded(circleId, terms.id, claimant, monthsPaid, recovered, index);
    }

    /// @dev A level's deposit and benefit.
    function _level(uint64 circleId, uint8 level) private view returns (Level memory) {
        return
            Level({
                monthlyDeposit: _levels[circleId][level].monthlyDeposit,
                monthlyBenefit: _benefits[circleId][level]
            });
    }

    /// @dev Reverts unless `level` is one of the circle's levels (and so the circle exists).
    function _checkLevel(uint64 circleId, uint8 level) private view {
        uint8 count = _checkCircle(circleId);
        if (level >= count) revert UnknownLevel(circleId, level);
    }

    /// @dev Reverts unless the circle exists; returns its level count.
    function _checkCircle(uint64 circleId) private view returns (uint8 count) {
        count = _tallies[circleId].levelCount;
        if (count == 0) revert UnknownCircle(circleId);
    }

    /// @dev Reverts {InvalidRules} naming the first rule out of bounds.
    function _checkRules(Rules calldata r, uint256 boardSize) private pure {
        if (r.capMonths == 0) revert InvalidRules("capMonths");
        if (r.floorMonths > r.capMonths) revert InvalidRules("floorMonths");
        if (r.maxGiftMonths == 0 || r.maxGiftMonths > MAX_GIFT_MONTHS) revert InvalidRules("maxGiftMonths");
        if (r.minMembers < 2) revert InvalidRules("minMembers");
        if (r.maxMembers < r.minMembers || r.maxMembers > MAX_MEMBERS) revert InvalidRules("maxMembers");
        if (r.admissionVotes == 0) revert InvalidRules("admissionVotes");
        if (r.boardConfirmations > boardSize) revert InvalidRules("boardConfirmations");
    }
}
