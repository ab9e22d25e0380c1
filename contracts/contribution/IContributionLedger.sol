// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Contribution ledger of an open value network
/// @notice Members of a project record contributions (directly or as EIP-712 signed messages that anyone may
/// relay), peers evaluate them, accepted contributions mint non-transferable contribution points ("karma"), and
/// income paid into the project (ETH or accepted ERC-20s) is owed to point holders pro rata at the moment it
/// arrives. Every state change is evented so that every balance and payout can be recomputed from events alone.
/// @dev Invariants (IDs refer to docs/invariants.md):
/// - CL-1 for every (project, token): received = claimed + claimable + dust, with dust >= 0 (never pays more than in).
/// - CL-2 points are never transferable: a member's points change only by settlement of their own contribution.
/// - CL-3 a settled contribution (Accepted, Rejected, Expired) never changes again.
/// - CL-4 for every project: totalPoints = sum of the points of its members.
/// - CL-5 a signed contribution can be submitted at most once (nonce) and only before its deadline; the contributor can
///   void its unsubmitted signatures at any time by moving its nonce past them ({cancelSignatures}).
/// - CL-6 nobody evaluates their own contribution, and nobody evaluates a contribution twice.
interface IContributionLedger {
    // ------------------------------------------------------------------------------------------------ types

    /// @notice Life cycle of a contribution. Accepted, Rejected and Expired are final.
    enum Status {
        None,
        Pending,
        Accepted,
        Rejected,
        Expired
    }

    /// @notice Settings of a project's peer evaluation.
    /// @param quorum Number of evaluations that settles a contribution (1..MAX_QUORUM).
    /// @param evaluationWindow Seconds after submission during which evaluations are accepted.
    /// @param minScore Smallest aggregate (median) score, 1..SCORE_MAX, that accepts a contribution.
    struct EvaluationPolicy {
        uint8 quorum;
        uint32 evaluationWindow;
        uint8 minScore;
    }

    /// @notice What a member records.
    /// @param projectId The project the work was done for.
    /// @param kindId The kind of contribution (index into the project's kinds).
    /// @param quantity Amount of work in the kind's unit (hours, units...), > 0.
    /// @param evidenceHash Content hash of the evidence / description.
    /// @param evidenceURI Where the evidence can be read (ipfs://, https://...).
    struct ContributionInput {
        uint64 projectId;
        uint16 kindId;
        uint64 quantity;
        bytes32 evidenceHash;
        string evidenceURI;
    }

    /// @notice A contribution as stored on chain.
    struct Contribution {
        address contributor;
        Status status;
        uint8 evaluationCount;
        uint8 quorum;
        uint8 minScore;
        uint64 projectId;
        uint16 kindId;
        uint64 quantity;
        uint40 closesAt;
    }

    /// @notice A kind of contribution accepted by a project.
    struct Kind {
        uint32 weight;
        bool active;
    }

    // ----------------------------------------------------------------------------------------------- events

    /// @notice A project was created; its creator holds both roles.
    event ProjectCreated(
        uint64 indexed projectId,
        address indexed creator,
        string name,
        string metadataURI,
        uint8 quorum,
        uint32 evaluationWindow,
        uint8 minScore
    );
    /// @notice A project's metadata or evaluation policy changed (applies to contributions submitted afterwards).
    event ProjectUpdated(
        uint64 indexed projectId,
        address indexed by,
        string metadataURI,
        uint8 quorum,
        uint32 evaluationWindow,
        uint8 minScore
    );
    /// @notice A contribution kind was added to a project. Weights never change; retire a kind and add another.
    event KindAdded(uint64 indexed projectId, uint16 indexed kindId, string name, uint32 weight);
    /// @notice A kind was opened or closed for new contributions.
    event KindActivationChanged(uint64 indexed projectId, uint16 indexed kindId, bool active, address indexed by);
    /// @notice An ERC-20 was accepted as project income (ETH, token address(0), always is).
    event IncomeTokenAdded(uint64 indexed projectId, address indexed token, address indexed by);
    /// @notice Role bits were granted: one bit from `grantRole`, both (3) to a project's creator.
    event ProjectRoleGranted(uint64 indexed projectId, address indexed account, uint8 role, address indexed by);
    /// @notice A project role was revoked (or renounced, when `by` is `account`).
    event ProjectRoleRevoked(uint64 indexed projectId, address indexed account, uint8 role, address indexed by);
    /// @notice A contribution was recorded. `submitter` differs from `contributor` when a signed message was relayed.
    event ContributionSubmitted(
        uint256 indexed contributionId,
        uint64 indexed projectId,
        address indexed contributor,
        uint16 kindId,
        uint64 quantity,
        bytes32 evidenceHash,
        string evidenceURI,
        uint40 closesAt,
        address submitter
    );
    /// @notice A member evaluated a contribution.
    event ContributionEvaluated(
        uint256 indexed contributionId,
        address indexed evaluator,
        uint8 score,
        bytes32 commentHash
    );
    /// @notice A contribution reached a final status. `medianScoreX2` is twice the median score (exact for even
    /// counts); `points` were minted to the contributor when accepted.
    event ContributionSettled(
        uint256 indexed contributionId,
        uint64 indexed projectId,
        address indexed contributor,
        Status status,
        uint16 medianScoreX2,
        uint256 points
    );
    /// @notice Contribution points were minted for an accepted contribution; they earn only income that arrives
    /// after this event.
    event PointsMinted(
        uint64 indexed projectId,
        address indexed member,
        uint256 indexed contributionId,
        uint256 points,
        uint256 totalPoints
    );
    /// @notice Income arrived. `accIncomePerPoint` is the new cumulative income per point (scaled by 1e18).
    event IncomeDeposited(
        uint64 indexed projectId,
        address indexed token,
        address indexed from,
        uint256 amount,
        uint256 accIncomePerPoint,
        uint256 totalPoints
    );
    /// @notice A member withdrew income owed to them.
    event IncomeClaimed(uint64 indexed projectId, address indexed token, address indexed member, uint256 amount);
    /// @notice `contributor` cancelled its signed contributions to project `projectId` with nonces `fromNonce` to
    /// `nextNonce - 1`: they can no longer be submitted, and its next signature must carry `nextNonce`.
    event NoncesCancelled(uint64 indexed projectId, address indexed contributor, uint64 fromNonce, uint64 nextNonce);

    // ----------------------------------------------------------------------------------------------- errors
    // Inherited and also thrown: OpenZeppelin's `ReentrancyGuardReentrantCall()` (a token re-entered a deposit or
    // claim), `SafeERC20FailedOperation(token)` (an ERC-20 transfer returned false).

    /// @notice Thrown when no project `projectId` exists (ids start at 1).
    error UnknownProject(uint64 projectId);
    /// @notice Thrown when kind `kindId` does not exist in project `projectId`, or (for a new contribution) is closed.
    error UnknownKind(uint64 projectId, uint16 kindId);
    /// @notice Thrown when no contribution `contributionId` exists (ids start at 1).
    error UnknownContribution(uint256 contributionId);
    /// @notice Thrown when `account` lacks the coordinator role of project `projectId` (or revokes someone else's
    /// role without it).
    error NotCoordinator(uint64 projectId, address account);
    /// @notice Thrown when `account` lacks the member role of project `projectId`: as submitter, as signer of a relayed
    /// contribution, or as evaluator.
    error NotMember(uint64 projectId, address account);
    /// @notice Thrown when `role` is neither MEMBER_ROLE (1) nor COORDINATOR_ROLE (2).
    error InvalidRole(uint8 role);
    /// @notice Thrown when revoking or renouncing the coordinator role would leave project `projectId` without one.
    error LastCoordinator(uint64 projectId);
    /// @notice Thrown when a contribution's `quantity` is 0 (`max` is MAX_QUANTITY, the largest accepted).
    error InvalidQuantity(uint64 quantity, uint64 max);
    /// @notice Thrown when a kind's `weight` is 0 or above `max` (MAX_WEIGHT).
    error InvalidWeight(uint32 weight, uint32 max);
    /// @notice Thrown when a policy's `quorum` is 0 or above `max` (MAX_QUORUM).
    error InvalidQuorum(uint8 quorum, uint8 max);
    /// @notice Thrown when a policy's evaluation `window` (seconds) is outside `min`..`max` (MIN_WINDOW..MAX_WINDOW).
    error InvalidEvaluationWindow(uint32 window, uint32 min, uint32 max);
    /// @notice Thrown when a policy's `minScore` is 0 or above `max` (SCORE_MAX).
    error InvalidMinScore(uint8 minScore, uint8 max);
    /// @notice Thrown when a project is created with an empty name.
    error EmptyName();
    /// @notice Thrown when a project is created with `names` kind names but `weights` kind weights.
    error KindArrayLengthMismatch(uint256 names, uint256 weights);
    /// @notice Thrown when project `projectId` already has `max` (MAX_KINDS) kinds.
    error TooManyKinds(uint64 projectId, uint256 max);
    /// @notice Thrown when project `projectId` already accepts `max` (MAX_INCOME_TOKENS) income tokens, ETH included.
    error TooManyIncomeTokens(uint64 projectId, uint256 max);
    /// @notice Thrown when `token` is already accepted by project `projectId`, or is address(0) (ETH, always accepted).
    error IncomeTokenAlreadyAccepted(uint64 projectId, address token);
    /// @notice Thrown when `token` is not accepted as income by project `projectId`.
    error IncomeTokenNotAccepted(uint64 projectId, address token);
    /// @notice Thrown when a coordinator adds `token` to project `projectId` but it does not look like an ERC-20: it
    /// has no code (a plain wallet), or `decimals()` reverts or does not return a uint8, or `balanceOf` reverts or
    /// returns nothing.
    error NotAnERC20(uint64 projectId, address token);
    /// @notice Thrown when a signed contribution is submitted after its `deadline`; `timestamp` is the block's time.
    error SignatureExpired(uint256 deadline, uint256 timestamp);
    /// @notice Thrown when the signature is not a valid ECDSA or ERC-1271 signature by `contributor` over the message
    /// for this chain and contract.
    error InvalidSignature(address contributor);
    /// @notice Thrown when a signed contribution carries nonce `given` but `contributor`'s next nonce in the project
    /// is `expected`: a lower nonce was already used or cancelled (replay), a higher one skips ahead.
    error InvalidNonce(address contributor, uint64 expected, uint64 given);
    /// @notice Thrown when `contributor` cancels its signatures in project `projectId` up to `upToNonce`, but
    /// `upToNonce` is below its next nonce `next` (those are already used or cancelled) or is 2^64 - 1 (the last
    /// nonce cannot be passed).
    error InvalidNonceCancellation(uint64 projectId, address contributor, uint64 upToNonce, uint64 next);
    /// @notice Thrown when a `score` is above `max` (SCORE_MAX).
    error ScoreOutOfRange(uint8 score, uint8 max);
    /// @notice Thrown when `evaluator` is the contributor of contribution `contributionId` (also when relayed).
    error SelfEvaluation(uint256 contributionId, address evaluator);
    /// @notice Thrown when `evaluator` already evaluated contribution `contributionId`.
    error AlreadyEvaluated(uint256 contributionId, address evaluator);
    /// @notice Thrown when contribution `contributionId` is evaluated after its window closed at `closesAt`.
    error EvaluationWindowClosed(uint256 contributionId, uint40 closesAt);
    /// @notice Thrown when contribution `contributionId` is expired while its window is open until `closesAt`
    /// (inclusive).
    error EvaluationWindowOpen(uint256 contributionId, uint40 closesAt);
    /// @notice Thrown when contribution `contributionId` is evaluated or expired but is already settled as `status`.
    error ContributionNotPending(uint256 contributionId, Status status);
    /// @notice Thrown when income is paid into project `projectId` while it has no points (nobody to owe it to).
    error NoPointHolders(uint64 projectId);
    /// @notice Thrown when an income deposit is of zero.
    error ZeroAmount();
    /// @notice Thrown when the cumulative income of project `projectId` in `token` would exceed 2^128 - 1.
    error IncomeCapExceeded(uint64 projectId, address token);
    /// @notice Thrown when settling a contribution would bring project `projectId` to `totalPoints`, above `max`
    /// (MAX_TOTAL_POINTS).
    error PointsCapExceeded(uint64 projectId, uint256 totalPoints, uint256 max);
    /// @notice Thrown when `token` delivered `received` instead of the `expected` amount of a deposit (fee-on-transfer or
    /// rebasing tokens).
    error TransferAmountMismatch(address token, uint256 expected, uint256 received);
    /// @notice Thrown when `member` claims but nothing is owed to it in project `projectId` and `token`.
    error NothingToClaim(uint64 projectId, address token, address member);
    /// @notice Thrown when sending `amount` of ETH to `to` fails.
    error EthTransferFailed(address to, uint256 amount);

    // -------------------------------------------------------------------------------------------- constants

    /// @notice Role bit: may submit contributions and evaluate others' contributions.
    function MEMBER_ROLE() external view returns (uint8);

    /// @notice Role bit: may grant and revoke roles, add kinds and income tokens, and change the policy.
    function COORDINATOR_ROLE() external view returns (uint8);

    /// @notice Top of the evaluation scale (scores are 0..SCORE_MAX).
    function SCORE_MAX() external view returns (uint8);

    /// @notice Largest quorum (and so the largest number of evaluations a contribution can hold).
    function MAX_QUORUM() external view returns (uint8);

    /// @notice Largest quantity of one contribution.
    function MAX_QUANTITY() external view returns (uint64);

    /// @notice Largest kind weight.
    function MAX_WEIGHT() external view returns (uint32);

    /// @notice Largest number of kinds per project.
    function MAX_KINDS() external view returns (uint16);

    /// @notice Largest number of income tokens per project, ETH included (bounds the work of a mint).
    function MAX_INCOME_TOKENS() external view returns (uint256);

    /// @notice Shortest evaluation window, in seconds.
    function MIN_WINDOW() external view returns (uint32);

    /// @notice Longest evaluation window, in seconds.
    function MAX_WINDOW() external view returns (uint32);

    /// @notice Cap on a project's total points, so that `points * acc` never overflows.
    function MAX_TOTAL_POINTS() external view returns (uint256);

    /// @notice Scale of `accIncomePerPoint`.
    function ACC_SCALE() external view returns (uint256);

    /// @notice EIP-712 type hash of a signed contribution.
    function CONTRIBUTION_TYPEHASH() external view returns (bytes32);

    /// @notice The EIP-712 domain separator (binds chain id and this contract).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    // --------------------------------------------------------------------------------------------- projects

    /// @notice Creates a project; the caller becomes its coordinator and a member.
    /// @param name Human-readable name (non-empty).
    /// @param metadataURI Where the project's description lives.
    /// @param policy Evaluation quorum, window and minimum median score.
    /// @param kindNames Names of the initial contribution kinds.
    /// @param kindWeights Weight (points per unit per score point) of each kind, 1..MAX_WEIGHT.
    /// @return projectId The new project's id (ids start at 1).
    function createProject(
        string calldata name,
        string calldata metadataURI,
        EvaluationPolicy calldata policy,
        string[] calldata kindNames,
        uint32[] calldata kindWeights
    ) external returns (uint64 projectId);

    /// @notice Changes a project's metadata and evaluation policy; pending contributions keep the policy they
    /// were submitted under. Coordinator only.
    function updateProject(uint64 projectId, string calldata metadataURI, EvaluationPolicy calldata policy) external;

    /// @notice Adds a contribution kind. Coordinator only.
    function addKind(uint64 projectId, string calldata name, uint32 weight) external returns (uint16 kindId);

    /// @notice Opens or closes a kind for new contributions. Coordinator only.
    function setKindActive(uint64 projectId, uint16 kindId, bool active) external;

    /// @notice Accepts an ERC-20 as project income. Coordinator only; at most MAX_INCOME_TOKENS including ETH. The token
    /// must have code and answer `decimals()` and `balanceOf` ({NotAnERC20} otherwise).
    function addIncomeToken(uint64 projectId, address token) external;

    /// @notice Grants `role` (MEMBER_ROLE or COORDINATOR_ROLE) to `account`. Coordinator only.
    function grantRole(uint64 projectId, address account, uint8 role) external;

    /// @notice Revokes `role` from `account`. Coordinator only, or the account itself (renouncing). Points
    /// and income already earned stay with the account.
    function revokeRole(uint64 projectId, address account, uint8 role) external;

    // ---------------------------------------------------------------------------------------- contributions

    /// @notice Records a contribution by the caller, who must be a member.
    /// @return contributionId The new contribution's id (ids start at 1).
    function submit(ContributionInput calldata input) external returns (uint256 contributionId);

    /// @notice Records a contribution signed by `contributor` (EIP-712 `Contribution` message, see
    /// `CONTRIBUTION_TYPEHASH`). Anyone may submit it. ERC-1271 contract wallets are supported.
    /// @param nonce Must equal `nonces(input.projectId, contributor)`; it is consumed.
    /// @param deadline Last timestamp at which the message may be submitted.
    function submitSigned(
        ContributionInput calldata input,
        address contributor,
        uint64 nonce,
        uint64 deadline,
        bytes calldata signature
    ) external returns (uint256 contributionId);

    /// @notice Voids the caller's unsubmitted signed contributions to project `projectId` with nonces up to
    /// `upToNonce` (inclusive), from its next nonce on: its nonce becomes `upToNonce + 1`, so none of them can be
    /// submitted any more. One call voids any number of them. Anyone may cancel their own signatures, member or not.
    function cancelSignatures(uint64 projectId, uint64 upToNonce) external;

    /// @notice Evaluates another member's pending contribution with a score in 0..SCORE_MAX. The evaluation that
    /// reaches the contribution's quorum settles it: accepted (points minted) when the median score is at least
    /// the policy's minimum, rejected otherwise.
    function evaluate(uint256 contributionId, uint8 score, bytes32 commentHash) external;

    /// @notice Settles a pending contribution whose window has closed without reaching quorum (status Expired).
    function expire(uint256 contributionId) external;

    // ---------------------------------------------------------------------------------------------- income

    /// @notice Pays ETH income into a project, owed at once to the current point holders pro rata.
    function depositIncome(uint64 projectId) external payable;

    /// @notice Pays ERC-20 income into a project (the caller must have approved `amount`). Tokens that deliver
    /// less than `amount` (fee-on-transfer) are refused.
    function depositIncomeToken(uint64 projectId, address token, uint256 amount) external;

    /// @notice Withdraws all income owed to the caller in `token` (address(0) for ETH).
    /// @return amount The amount paid.
    function claim(uint64 projectId, address token) external returns (uint256 amount);

    // ----------------------------------------------------------------------------------------------- views

    /// @notice Number of projects created.
    function projectCount() external view returns (uint64);

    /// @notice Number of contributions recorded.
    function contributionCount() external view returns (uint256);

    /// @notice A project's name, metadata, policy, number of kinds and total points.
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
        );

    /// @notice A kind of a project.
    function getKind(uint64 projectId, uint16 kindId) external view returns (Kind memory);

    /// @notice Tokens accepted as income by a project (address(0) = ETH, always first).
    function incomeTokens(uint64 projectId) external view returns (address[] memory);

    /// @notice A contribution.
    function getContribution(uint256 contributionId) external view returns (Contribution memory);

    /// @notice Scores given so far, in evaluation order.
    function scoresOf(uint256 contributionId) external view returns (uint8[] memory);

    /// @notice Whether `evaluator` evaluated the contribution.
    function hasEvaluated(uint256 contributionId, address evaluator) external view returns (bool);

    /// @notice Role bits of `account` in a project.
    function rolesOf(uint64 projectId, address account) external view returns (uint8);

    /// @notice Next nonce `contributor` must sign for the project.
    function nonces(uint64 projectId, address contributor) external view returns (uint64);

    /// @notice Contribution points of `member` in a project.
    function pointsOf(uint64 projectId, address member) external view returns (uint256);

    /// @notice Income owed to `member` in `token` and not yet claimed.
    function claimable(uint64 projectId, address token, address member) external view returns (uint256);

    /// @notice Income totals of a project in a token.
    /// @return received Total income paid in.
    /// @return claimed Total income withdrawn by members.
    /// @return accIncomePerPoint Cumulative income per point, scaled by 1e18.
    function incomeStats(
        uint64 projectId,
        address token
    ) external view returns (uint256 received, uint256 claimed, uint256 accIncomePerPoint);

    /// @notice EIP-712 digest that `contributor` signs for `input` with `nonce` and `deadline`.
    function contributionDigest(
        ContributionInput calldata input,
        address contributor,
        uint64 nonce,
        uint64 deadline
    ) external view returns (bytes32);
}
