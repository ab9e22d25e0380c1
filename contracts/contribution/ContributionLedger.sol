// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IContributionLedger} from "./IContributionLedger.sol";

/// @title ContributionLedger
/// @notice Contribution accounting for open value networks: signed contributions, peer evaluation settled by
/// the median score, non-transferable contribution points, and pro-rata income with pull payments.
/// @dev Income uses accumulated-income-per-point accounting (no loop over members): for each (project, token)
/// `acc` grows by `amount * 1e18 / totalPoints` on every deposit (the division remainder is carried into the
/// next deposit, so no fraction is lost there). A member's entitlement is `floor(points * acc / 1e18) - debt`,
/// where `debt` grows by `ceil(newPoints * acc / 1e18)` when points are minted (so new points earn only later
/// income) and by every amount claimed. Both roundings go against the member, so the sum paid out can never
/// exceed the sum paid in (invariant CL-1); the difference is dust of at most a few wei per member and mint.
/// Debt slots store `debt + 1` once initialised so that claims always write a non-zero slot (cheaper SSTORE).
/// See {IContributionLedger} for the invariants CL-1..CL-6.
contract ContributionLedger is IContributionLedger, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IContributionLedger
    uint8 public constant MEMBER_ROLE = 1;
    /// @inheritdoc IContributionLedger
    uint8 public constant COORDINATOR_ROLE = 2;
    /// @inheritdoc IContributionLedger
    uint8 public constant SCORE_MAX = 10;
    /// @inheritdoc IContributionLedger
    uint8 public constant MAX_QUORUM = 16;

    /// @inheritdoc IContributionLedger
    uint64 public constant MAX_QUANTITY = type(uint64).max;
    /// @inheritdoc IContributionLedger
    uint32 public constant MAX_WEIGHT = 1_000_000;
    /// @inheritdoc IContributionLedger
    uint16 public constant MAX_KINDS = 256;
    /// @inheritdoc IContributionLedger
    uint256 public constant MAX_INCOME_TOKENS = 8;
    /// @inheritdoc IContributionLedger
    uint32 public constant MIN_WINDOW = 1 hours;
    /// @inheritdoc IContributionLedger
    uint32 public constant MAX_WINDOW = 365 days;
    /// @inheritdoc IContributionLedger
    uint256 public constant MAX_TOTAL_POINTS = type(uint96).max;
    /// @inheritdoc IContributionLedger
    uint256 public constant ACC_SCALE = 1e18;

    /// @inheritdoc IContributionLedger
    bytes32 public constant CONTRIBUTION_TYPEHASH = keccak256(
        "Contribution(uint64 projectId,uint16 kindId,uint64 quantity,bytes32 evidenceHash,string evidenceURI,address contributor,uint64 nonce,uint64 deadline)"
    );

    /// @dev One slot: evaluation policy, counters and total points. `quorum != 0` marks an existing project.
    struct ProjectData {
        uint8 quorum;
        uint32 evaluationWindow;
        uint8 minScore;
        uint16 kindCount;
        uint32 coordinatorCount;
        uint96 totalPoints;
        string name;
        string metadataURI;
    }

    /// @dev One slot: roles, EIP-712 nonce and points of a member in a project.
    struct MemberData {
        uint8 roles;
        uint64 nonce;
        uint128 points;
    }

    /// @dev Income accounting of a (project, token).
    struct Pool {
        uint128 received;
        uint128 claimed;
        uint256 acc;
        uint256 carry;
    }

    /// @dev Two slots. Scores are packed 4 bits each, in evaluation order.
    struct ContributionData {
        address contributor;
        Status status;
        uint8 evaluationCount;
        uint8 quorum;
        uint8 minScore;
        uint64 scores;
        uint64 projectId;
        uint16 kindId;
        uint64 quantity;
        uint40 closesAt;
    }

    uint64 private _projectCount;
    uint256 private _contributionCount;
    mapping(uint64 projectId => ProjectData) private _projects;
    mapping(uint64 projectId => mapping(uint16 kindId => Kind)) private _kinds;
    mapping(uint64 projectId => address[]) private _tokens; // ERC-20s only; ETH is implicit and always first
    mapping(uint64 projectId => mapping(address token => bool)) private _tokenAccepted;
    mapping(uint64 projectId => mapping(address account => MemberData)) private _members;
    mapping(uint64 projectId => mapping(address token => Pool)) private _pools;
    mapping(uint64 projectId => mapping(address token => mapping(address member => uint256))) private _debtPlusOne;
    mapping(uint256 contributionId => ContributionData) private _contributions;
    mapping(uint256 contributionId => mapping(address evaluator => bool)) private _evaluated;

    constructor() EIP712("Cosmolocal Contributions", "1") {}

    // ------------------------------------------------------------------------------------------- modifiers

    modifier onlyCoordinator(uint64 projectId) {
        _requireProject(projectId);
        if (_members[projectId][msg.sender].roles & COORDINATOR_ROLE == 0) {
            revert NotCoordinator(projectId, msg.sender);
        }
        _;
    }

    // -------------------------------------------------------------------------------------------- projects

    /// @inheritdoc IContributionLedger
    function createProject(
        string calldata name,
        string calldata metadataURI,
        EvaluationPolicy calldata policy,
        string[] calldata kindNames,
        uint32[] calldata kindWeights
    ) external returns (uint64 projectId) {
        if (bytes(name).length == 0) revert EmptyName();
        if (kindNames.length != kindWeights.length) {
            revert KindArrayLengthMismatch(kindNames.length, kindWeights.length);
        }
        _validatePolicy(policy);
        projectId = ++_projectCount;
        ProjectData storage p = _projects[projectId];
        p.quorum = policy.quorum;
        p.evaluationWindow = policy.evaluationWindow;
        p.minScore = policy.minScore;
        p.coordinatorCount = 1;
        p.name = name;
        p.metadataURI = metadataURI;
        _members[projectId][msg.sender].roles = MEMBER_ROLE | COORDINATOR_ROLE;
        emit ProjectCreated(
            projectId,
            msg.sender,
            name,
            metadataURI,
            policy.quorum,
            policy.evaluationWindow,
            policy.minScore
        );
        emit ProjectRoleGranted(projectId, msg.sender, MEMBER_ROLE | COORDINATOR_ROLE, msg.sender);
        for (uint256 i = 0; i < kindNames.length; ++i) {
            _addKind(projectId, kindNames[i], kindWeights[i]);
        }
    }

    /// @inheritdoc IContributionLedger
    function updateProject(
        uint64 projectId,
        string calldata metadataURI,
        EvaluationPolicy calldata policy
    ) external onlyCoordinator(projectId) {
        _validatePolicy(policy);
        ProjectData storage p = _projects[projectId];
        p.quorum = policy.quorum;
        p.evaluationWindow = policy.evaluationWindow;
        p.minScore = policy.minScore;
        p.metadataURI = metadataURI;
        emit ProjectUpdated(
            projectId,
            msg.sender,
            metadataURI,
            policy.quorum,
            policy.evaluationWindow,
            policy.minScore
        );
    }

    /// @inheritdoc IContributionLedger
    function addKind(
        uint64 projectId,
        string calldata name,
        uint32 weight
    ) external onlyCoordinator(projectId) returns (uint16 kindId) {
        return _addKind(projectId, name, weight);
    }

    /// @inheritdoc IContributionLedger
    function setKindActive(uint64 projectId, uint16 kindId, bool active) external onlyCoordinator(projectId) {
        if (kindId >= _projects[projectId].kindCount) revert UnknownKind(projectId, kindId);
        _kinds[projectId][kindId].active = active;
        emit KindActivationChanged(projectId, kindId, active, msg.sender);
    }

    /// @inheritdoc IContributionLedger
    function addIncomeToken(uint64 projectId, address token) external onlyCoordinator(projectId) {
        if (token == address(0) || _tokenAccepted[projectId][token]) {
            revert IncomeTokenAlreadyAccepted(projectId, token);
        }
        if (_tokens[projectId].length + 1 >= MAX_INCOME_TOKENS) {
            revert TooManyIncomeTokens(projectId, MAX_INCOME_TOKENS);
        }
        if (!_looksLikeERC20(token)) revert NotAnERC20(projectId, token);
        _tokenAccepted[projectId][token] = true;
        _tokens[projectId].push(token);
        emit IncomeTokenAdded(projectId, token, msg.sender);
    }

    /// @inheritdoc IContributionLedger
    function grantRole(uint64 projectId, address account, uint8 role) external onlyCoordinator(projectId) {
        _checkRole(role);
        MemberData storage m = _members[projectId][account];
        if (m.roles & role != 0) return;
        m.roles |= role;
        if (role == COORDINATOR_ROLE) ++_projects[projectId].coordinatorCount;
        emit ProjectRoleGranted(projectId, account, role, msg.sender);
    }

    /// @inheritdoc IContributionLedger
    function revokeRole(uint64 projectId, address account, uint8 role) external {
        _requireProject(projectId);
        _checkRole(role);
        if (account != msg.sender && _members[projectId][msg.sender].roles & COORDINATOR_ROLE == 0) {
            revert NotCoordinator(projectId, msg.sender);
        }
        MemberData storage m = _members[projectId][account];
        if (m.roles & role == 0) return;
        if (role == COORDINATOR_ROLE) {
            ProjectData storage p = _projects[projectId];
            if (p.coordinatorCount == 1) revert LastCoordinator(projectId);
            --p.coordinatorCount;
        }
        m.roles &= ~role;
        emit ProjectRoleRevoked(projectId, account, role, msg.sender);
    }

    // --------------------------------------------------------------------------------------- contributions

    /// @inheritdoc IContributionLedger
    function submit(ContributionInput calldata input) external returns (uint256 contributionId) {
        MemberData storage m = _members[input.projectId][msg.sender];
        if (m.roles & MEMBER_ROLE == 0) {
            _requireProject(input.projectId);
            revert NotMember(input.projectId, msg.sender);
        }
        return _record(input, msg.sender);
    }

    /// @inheritdoc IContributionLedger
    function submitSigned(
        ContributionInput calldata input,
        address contributor,
        uint64 nonce,
        uint64 deadline,
        bytes calldata signature
    ) external returns (uint256 contributionId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline, block.timestamp);
        MemberData storage m = _members[input.projectId][contributor];
        (uint8 roles, uint64 expected) = (m.roles, m.nonce);
        if (nonce != expected) revert InvalidNonce(contributor, expected, nonce);
        bytes32 digest = _contributionDigest(input, contributor, nonce, deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(contributor, digest, signature)) {
            revert InvalidSignature(contributor);
        }
        if (roles & MEMBER_ROLE == 0) {
            _requireProject(input.projectId);
            revert NotMember(input.projectId, contributor);
        }
        m.nonce = expected + 1;
        return _record(input, contributor);
    }

    /// @inheritdoc IContributionLedger
    function cancelSignatures(uint64 projectId, uint64 upToNonce) external {
        _requireProject(projectId);
        MemberData storage m = _members[projectId][msg.sender];
        uint64 next = m.nonce;
        if (upToNonce < next || upToNonce == type(uint64).max) {
            revert InvalidNonceCancellation(projectId, msg.sender, upToNonce, next);
        }
        m.nonce = upToNonce + 1;
        emit NoncesCancelled(projectId, msg.sender, next, upToNonce + 1);
    }

    /// @inheritdoc IContributionLedger
    function evaluate(uint256 contributionId, uint8 score, bytes32 commentHash) external {
        if (score > SCORE_MAX) revert ScoreOutOfRange(score, SCORE_MAX);
        ContributionData storage c = _contributions[contributionId];
        address contributor = c.contributor;
        if (contributor == address(0)) revert UnknownContribution(contributionId);
        if (c.status != Status.Pending) revert ContributionNotPending(contributionId, c.status);
        if (block.timestamp > c.closesAt) revert EvaluationWindowClosed(contributionId, c.closesAt);
        if (contributor == msg.sender) revert SelfEvaluation(contributionId, msg.sender);
        if (_members[c.projectId][msg.sender].roles & MEMBER_ROLE == 0) revert NotMember(c.projectId, msg.sender);
        if (_evaluated[contributionId][msg.sender]) revert AlreadyEvaluated(contributionId, msg.sender);

        _evaluated[contributionId][msg.sender] = true;
        uint8 count = c.evaluationCount;
        uint64 scores = c.scores | (uint64(score) << (4 * count));
        ++count;
        c.scores = scores;
        c.evaluationCount = count;
        emit ContributionEvaluated(contributionId, msg.sender, score, commentHash);

        if (count == c.quorum) _settle(contributionId, c, scores, count);
    }

    /// @inheritdoc IContributionLedger
    function expire(uint256 contributionId) external {
        ContributionData storage c = _contributions[contributionId];
        if (c.contributor == address(0)) revert UnknownContribution(contributionId);
        if (c.status != Status.Pending) revert ContributionNotPending(contributionId, c.status);
        if (block.timestamp <= c.closesAt) revert EvaluationWindowOpen(contributionId, c.closesAt);
        c.status = Status.Expired;
        emit ContributionSettled(contributionId, c.projectId, c.contributor, Status.Expired, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------- income

    /// @inheritdoc IContributionLedger
    function depositIncome(uint64 projectId) external payable {
        _deposit(projectId, address(0), msg.value);
    }

    /// @inheritdoc IContributionLedger
    function depositIncomeToken(uint64 projectId, address token, uint256 amount) external nonReentrant {
        if (!_tokenAccepted[projectId][token]) {
            _requireProject(projectId);
            revert IncomeTokenNotAccepted(projectId, token);
        }
        IERC20 erc20 = IERC20(token);
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = erc20.balanceOf(address(this)) - before;
        if (received != amount) revert TransferAmountMismatch(token, amount, received);
        _deposit(projectId, token, amount);
    }

    /// @inheritdoc IContributionLedger
    function claim(uint64 projectId, address token) external nonReentrant returns (uint256 amount) {
        uint256 points = _members[projectId][msg.sender].points;
        Pool storage pool = _pools[projectId][token];
        uint256 stored = _debtPlusOne[projectId][token][msg.sender];
        uint256 debt = stored == 0 ? 0 : stored - 1;
        uint256 earned = Math.mulDiv(points, pool.acc, ACC_SCALE); // rounds down: never more than owed
        if (earned <= debt) revert NothingToClaim(projectId, token, msg.sender);
        amount = earned - debt;

        _debtPlusOne[projectId][token][msg.sender] = earned + 1;
        pool.claimed += uint128(amount); // claimed <= received < 2^128 (CL-1)
        emit IncomeClaimed(projectId, token, msg.sender, amount);

        if (token == address(0)) {
            (bool ok, ) = payable(msg.sender).call{value: amount}("");
            if (!ok) revert EthTransferFailed(msg.sender, amount);
        } else {
            IERC20(token).safeTransfer(msg.sender, amount);
        }
    }

    // ----------------------------------------------------------------------------------------------- views

    /// @inheritdoc IContributionLedger
    function projectCount() external view returns (uint64) {
        return _projectCount;
    }

    /// @inheritdoc IContributionLedger
    function contributionCount() external view returns (uint256) {
        return _contributionCount;
    }

    /// @inheritdoc IContributionLedger
    function getProject(
        uint64 projectId
    )
        external
        view
        returns (
            string memory name,
            string memory metadataURI,
            EvaluationPolicy memory policy,
            uint16 kindCount,
            uint256 totalPoints
        )
    {
        _requireProject(projectId);
        ProjectData storage p = _projects[projectId];
        return (
            p.name,
            p.metadataURI,
            EvaluationPolicy(p.quorum, p.evaluationWindow, p.minScore),
            p.kindCount,
            p.totalPoints
        );
    }

    /// @inheritdoc IContributionLedger
    function getKind(uint64 projectId, uint16 kindId) external view returns (Kind memory) {
        if (kindId >= _projects[projectId].kindCount) revert UnknownKind(projectId, kindId);
        return _kinds[projectId][kindId];
    }

    /// @inheritdoc IContributionLedger
    function incomeTokens(uint64 projectId) external view returns (address[] memory tokens) {
        address[] storage erc20s = _tokens[projectId];
        tokens = new address[](erc20s.length + 1);
        for (uint256 i = 0; i < erc20s.length; ++i) tokens[i + 1] = erc20s[i];
    }

    /// @inheritdoc IContributionLedger
    function getContribution(uint256 contributionId) external view returns (Contribution memory) {
        ContributionData storage c = _contributions[contributionId];
        if (c.contributor == address(0)) revert UnknownContribution(contributionId);
        return
            Contribution({
                contributor: c.contributor,
                status: c.status,
                evaluationCount: c.evaluationCount,
                quorum: c.quorum,
                minScore: c.minScore,
                projectId: c.projectId,
                kindId: c.kindId,
                quantity: c.quantity,
                closesAt: c.closesAt
            });
    }

    /// @inheritdoc IContributionLedger
    function scoresOf(uint256 contributionId) external view returns (uint8[] memory scores) {
        ContributionData storage c = _contributions[contributionId];
        scores = new uint8[](c.evaluationCount);
        for (uint256 i = 0; i < scores.length; ++i) scores[i] = uint8((c.scores >> (4 * i)) & 0xf);
    }

    /// @inheritdoc IContributionLedger
    function hasEvaluated(uint256 contributionId, address evaluator) external view returns (bool) {
        return _evaluated[contributionId][evaluator];
    }

    /// @inheritdoc IContributionLedger
    function rolesOf(uint64 projectId, address account) external view returns (uint8) {
        return _members[projectId][account].roles;
    }

    /// @inheritdoc IContributionLedger
    function nonces(uint64 projectId, address contributor) external view returns (uint64) {
        return _members[projectId][contributor].nonce;
    }

    /// @inheritdoc IContributionLedger
    function pointsOf(uint64 projectId, address member) external view returns (uint256) {
        return _members[projectId][member].points;
    }

    /// @inheritdoc IContributionLedger
    function claimable(uint64 projectId, address token, address member) external view returns (uint256) {
        uint256 stored = _debtPlusOne[projectId][token][member];
        uint256 debt = stored == 0 ? 0 : stored - 1;
        uint256 earned = Math.mulDiv(_members[projectId][member].points, _pools[projectId][token].acc, ACC_SCALE);
        return earned > debt ? earned - debt : 0;
    }

    /// @inheritdoc IContributionLedger
    function incomeStats(
        uint64 projectId,
        address token
    ) external view returns (uint256 received, uint256 claimed, uint256 accIncomePerPoint) {
        Pool storage pool = _pools[projectId][token];
        return (pool.received, pool.claimed, pool.acc);
    }

    /// @inheritdoc IContributionLedger
    function contributionDigest(
        ContributionInput calldata input,
        address contributor,
        uint64 nonce,
        uint64 deadline
    ) external view returns (bytes32) {
        return _contributionDigest(input, contributor, nonce, deadline);
    }

    /// @inheritdoc IContributionLedger
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // -------------------------------------------------------------------------------------------- internal

    /// @dev Callers have checked that `contributor` is a member, which implies that the project exists.
    function _record(ContributionInput calldata input, address contributor) private returns (uint256 id) {
        ProjectData storage p = _projects[input.projectId];
        uint8 quorum = p.quorum;
        if (input.kindId >= p.kindCount || !_kinds[input.projectId][input.kindId].active) {
            revert UnknownKind(input.projectId, input.kindId);
        }
        if (input.quantity == 0) revert InvalidQuantity(input.quantity, MAX_QUANTITY);

        id = ++_contributionCount;
        uint40 closesAt = uint40(block.timestamp + p.evaluationWindow);
        _contributions[id] = ContributionData({
            contributor: contributor,
            status: Status.Pending,
            evaluationCount: 0,
            quorum: quorum,
            minScore: p.minScore,
            scores: 0,
            projectId: input.projectId,
            kindId: input.kindId,
            quantity: input.quantity,
            closesAt: closesAt
        });
        emit ContributionSubmitted(
            id,
            input.projectId,
            contributor,
            input.kindId,
            input.quantity,
            input.evidenceHash,
            input.evidenceURI,
            closesAt,
            msg.sender
        );
    }

    /// @dev Settles on the median score. The median resists outliers (one extreme score moves it by at most one
    /// rank) and needs no trimming parameter; with an even count it is the mean of the two middle scores, kept
    /// exact as `medianX2`. Scores are 0..10, so a counting pass over at most 16 packed nibbles finds it.
    function _settle(uint256 contributionId, ContributionData storage c, uint64 scores, uint8 count) private {
        uint16 medianX2 = _medianX2(scores, count);
        address contributor = c.contributor;
        uint64 projectId = c.projectId;
        if (medianX2 >= 2 * uint16(c.minScore)) {
            c.status = Status.Accepted;
            // points = quantity * weight * median, rounded down (loses at most half a point on even counts)
            uint256 points = (uint256(c.quantity) * _kinds[projectId][c.kindId].weight * medianX2) / 2;
            emit ContributionSettled(contributionId, projectId, contributor, Status.Accepted, medianX2, points);
            _mintPoints(projectId, contributor, contributionId, points);
        } else {
            c.status = Status.Rejected;
            emit ContributionSettled(contributionId, projectId, contributor, Status.Rejected, medianX2, 0);
        }
    }

    /// @dev Twice the median of `count` packed 4-bit scores: a counting pass (8-bit counter per value 0..10)
    /// then a walk to the two middle ranks.
    function _medianX2(uint64 scores, uint8 count) private pure returns (uint16) {
        uint256 counts;
        for (uint256 i = 0; i < count; ++i) {
            counts += uint256(1) << (8 * ((scores >> (4 * i)) & 0xf));
        }
        uint256 loRank = (count - 1) / 2;
        uint256 hiRank = count / 2;
        uint256 lo = type(uint256).max;
        uint256 seen;
        for (uint256 v = 0; v < SCORE_MAX; ++v) {
            seen += (counts >> (8 * v)) & 0xff;
            if (lo == type(uint256).max && seen > loRank) lo = v;
            if (seen > hiRank) return uint16(lo + v);
        }
        // every score is counted by value SCORE_MAX, so the upper middle score is SCORE_MAX
        return uint16((lo == type(uint256).max ? SCORE_MAX : lo) + SCORE_MAX);
    }

    /// @dev Mints non-transferable points. For each accepted income token the member's debt grows by
    /// ceil(points * acc / 1e18) (rounding against the member), so the new points earn only income that arrives
    /// later. Bounded by MAX_INCOME_TOKENS; independent of the number of members.
    function _mintPoints(uint64 projectId, address member, uint256 contributionId, uint256 points) private {
        ProjectData storage p = _projects[projectId];
        uint256 total = p.totalPoints + points;
        if (total > MAX_TOTAL_POINTS) revert PointsCapExceeded(projectId, total, MAX_TOTAL_POINTS);
        p.totalPoints = uint96(total);
        MemberData storage m = _members[projectId][member];
        m.points += uint128(points);

        _addDebt(projectId, address(0), member, points);
        address[] storage erc20s = _tokens[projectId];
        uint256 n = erc20s.length;
        for (uint256 i = 0; i < n; ++i) _addDebt(projectId, erc20s[i], member, points);
        emit PointsMinted(projectId, member, contributionId, points, total);
    }

    function _addDebt(uint64 projectId, address token, address member, uint256 points) private {
        uint256 add = Math.mulDiv(points, _pools[projectId][token].acc, ACC_SCALE, Math.Rounding.Ceil);
        uint256 stored = _debtPlusOne[projectId][token][member];
        _debtPlusOne[projectId][token][member] = (stored == 0 ? 1 : stored) + add;
    }

    /// @dev Credits `amount` to the current point holders: acc += (amount * 1e18 + carry) / totalPoints, rounded
    /// down, with the remainder carried to the next deposit.
    function _deposit(uint64 projectId, address token, uint256 amount) private {
        if (amount == 0) revert ZeroAmount();
        ProjectData storage p = _projects[projectId];
        if (p.quorum == 0) revert UnknownProject(projectId);
        uint256 total = p.totalPoints;
        if (total == 0) revert NoPointHolders(projectId);
        Pool storage pool = _pools[projectId][token];
        uint256 received = pool.received + amount;
        if (received > type(uint128).max) revert IncomeCapExceeded(projectId, token);
        pool.received = uint128(received);
        uint256 numerator = amount * ACC_SCALE + pool.carry;
        uint256 acc = pool.acc + numerator / total;
        pool.acc = acc;
        pool.carry = numerator % total;
        emit IncomeDeposited(projectId, token, msg.sender, amount, acc, total);
    }

    function _addKind(uint64 projectId, string calldata name, uint32 weight) private returns (uint16 kindId) {
        if (weight == 0 || weight > MAX_WEIGHT) revert InvalidWeight(weight, MAX_WEIGHT);
        ProjectData storage p = _projects[projectId];
        kindId = p.kindCount;
        if (kindId >= MAX_KINDS) revert TooManyKinds(projectId, MAX_KINDS);
        p.kindCount = kindId + 1;
        _kinds[projectId][kindId] = Kind({weight: weight, active: true});
        emit KindAdded(projectId, kindId, name, weight);
    }

    function _contributionDigest(
        ContributionInput calldata input,
        address contributor,
        uint64 nonce,
        uint64 deadline
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        CONTRIBUTION_TYPEHASH,
                        input.projectId,
                        input.kindId,
                        input.quantity,
                        input.evidenceHash,
                        keccak256(bytes(input.evidenceURI)),
                        contributor,
                        nonce,
                        deadline
                    )
                )
            );
    }

    /// @dev Whether `token` has code and answers `decimals()` with a uint8 and `balanceOf(this)` with a word. Static
    /// calls only (no state change, no reentrancy); a contract that answers every call can still pass, which is why
    /// a coordinator chooses the tokens.
    function _looksLikeERC20(address token) private view returns (bool) {
        if (token.code.length == 0) return false;
        (bool ok, bytes memory data) = token.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (!ok || data.length < 32 || abi.decode(data, (uint256)) > type(uint8).max) return false;
        (ok, data) = token.staticcall(abi.encodeCall(IERC20.balanceOf, (address(this))));
        return ok && data.length >= 32;
    }

    function _validatePolicy(EvaluationPolicy calldata policy) private pure {
        if (policy.quorum == 0 || policy.quorum > MAX_QUORUM) revert InvalidQuorum(policy.quorum, MAX_QUORUM);
        if (policy.evaluationWindow < MIN_WINDOW || policy.evaluationWindow > MAX_WINDOW) {
            revert InvalidEvaluationWindow(policy.evaluationWindow, MIN_WINDOW, MAX_WINDOW);
        }
        if (policy.minScore == 0 || policy.minScore > SCORE_MAX) revert InvalidMinScore(policy.minScore, SCORE_MAX);
    }

    function _checkRole(uint8 role) private pure {
        if (role != MEMBER_ROLE && role != COORDINATOR_ROLE) revert InvalidRole(role);
    }

    function _requireProject(uint64 projectId) private view {
        if (_projects[projectId].quorum == 0) revert UnknownProject(projectId);
    }
}
