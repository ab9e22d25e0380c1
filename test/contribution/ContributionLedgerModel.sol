// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {IContributionLedger} from "../../contracts/contribution/IContributionLedger.sol";

/// @dev Sort-based reference: twice the median of `scores` (insertion sort of a copy, then the two middle elements).
function refMedianX2(uint8[] memory scores) pure returns (uint16) {
    uint256 n = scores.length;
    uint8[] memory s = new uint8[](n);
    for (uint256 i = 0; i < n; ++i) s[i] = scores[i];
    for (uint256 i = 1; i < n; ++i) {
        uint8 key = s[i];
        uint256 j = i;
        while (j > 0 && s[j - 1] > key) {
            s[j] = s[j - 1];
            --j;
        }
        s[j] = key;
    }
    return uint16(s[(n - 1) / 2]) + uint16(s[n / 2]);
}

/// @notice Ghost model of ContributionLedger for its invariant handler: the fixture, the ghost contributions, points,
/// nonces and income computed independently of the ledger, the call counters and the outcome checks of submissions,
/// settlements and deposits.
abstract contract ContributionLedgerModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- fixtures

    uint256 public constant N_EOA = 7; // 6 members + coordinator
    uint256 public constant N_ACTORS = 8; // + the re-entrant contract member
    uint256 public constant COORD = 6;
    uint256 public constant CLAIMER = 7;
    uint256 public constant N_PROJECTS = 2;
    uint256 public constant N_TOKENS = 2; // ETH, ERC-20

    address[N_ACTORS] public actors;
    uint256[N_EOA] internal _pks;
    uint64[N_PROJECTS] public projects;
    address[N_TOKENS] public tokens;
    uint32[][N_PROJECTS] internal _weights;

    uint256 public currentTime;

    // ----------------------------------------------------------------------------------------- ghost state

    struct GhostContribution {
        address contributor;
        uint64 projectId;
        uint16 kindId;
        uint64 quantity;
        uint8 quorum;
        uint8 minScore;
        uint40 closesAt;
        IContributionLedger.Status status;
        uint256 points;
        uint8[] scores;
    }

    GhostContribution[] internal _contributions; // index = id - 1
    mapping(uint256 id => mapping(address evaluator => bool)) public ghostEvaluated;

    mapping(uint64 projectId => uint8) public ghostQuorum;
    mapping(uint64 projectId => uint8) public ghostMinScore;
    mapping(uint64 projectId => uint32) public ghostWindow;
    mapping(uint64 projectId => mapping(address => bool)) public ghostIsMember;
    mapping(uint64 projectId => mapping(address => uint64)) public ghostNonce;

    mapping(uint64 projectId => mapping(address member => uint256)) public ghostPoints;
    mapping(uint64 projectId => uint256) public ghostTotalPoints;
    mapping(uint64 projectId => uint256) public ghostMints;
    mapping(uint64 projectId => mapping(address member => uint256)) public ghostMintsOf;

    mapping(uint64 projectId => mapping(address token => uint256)) public ghostDeposited;
    mapping(uint64 projectId => mapping(address token => uint256)) public ghostClaimed;
    mapping(uint64 projectId => mapping(address token => uint256)) public ghostDepositCount;
    /// @dev Pro-rata reference: sum over deposits of floor(amount * points / totalPoints) at deposit time.
    mapping(uint64 projectId => mapping(address token => mapping(address member => uint256))) public ghostRef;
    mapping(uint64 projectId => mapping(address token => mapping(address member => uint256))) public ghostPaid;

    // ---------------------------------------------------------------------------------------- call counters

    uint256 public nSubmits;
    uint256 public nSignedSubmits;
    uint256 public nSignedRefused; // replays, expired, wrong signer: all refused
    uint256 public nCancelledNonces; // nonces voided by cancelSignatures (finding 9)
    uint256 public nRefusedCancellations;
    uint256 public nEvaluations;
    uint256 public nAccepted;
    uint256 public nRejected;
    uint256 public nExpired;
    uint256 public nRefusedEvaluations; // self, double, settled, closed, non-member: all refused
    uint256 public nDepositsEth;
    uint256 public nDepositsToken;
    uint256 public nClaimsEth;
    uint256 public nClaimsToken;
    uint256 public nClaimerClaims; // ETH claims by the re-entrant contract member
    uint256 public nPolicyUpdates;
    uint256 public nRoleChanges;

    // ======================================================================================= views for tests

    function contributionCount() external view returns (uint256) {
        return _contributions.length;
    }

    function ghostContribution(uint256 id) external view returns (GhostContribution memory) {
        return _contributions[id - 1];
    }

    function actorList() external view returns (address[N_ACTORS] memory) {
        return actors;
    }

    // ========================================================================================= ghost model

    function _afterSubmit(
        bool ok,
        uint256 id,
        address contributor,
        IContributionLedger.ContributionInput memory input
    ) internal {
        bool member = ghostIsMember[input.projectId][contributor];
        if (ok != member) {
            _violation(ok ? "non-member contribution accepted" : "member contribution refused");
        }
        if (!ok) return;
        if (id != _contributions.length + 1) _violation("unexpected contribution id");
        GhostContribution storage g = _contributions.push();
        g.contributor = contributor;
        g.projectId = input.projectId;
        g.kindId = input.kindId;
        g.quantity = input.quantity;
        g.quorum = ghostQuorum[input.projectId];
        g.minScore = ghostMinScore[input.projectId];
        g.closesAt = uint40(currentTime + ghostWindow[input.projectId]);
        g.status = IContributionLedger.Status.Pending;
    }

    /// @dev Reference settlement by the sort-based median ({refMedianX2}).
    function _ghostSettle(uint256 id) internal {
        GhostContribution storage g = _contributions[id - 1];
        uint256 medianX2 = refMedianX2(g.scores);
        if (medianX2 >= 2 * uint256(g.minScore)) {
            uint256 p = g.projectId == projects[0] ? 0 : 1;
            uint256 points = (uint256(g.quantity) * _weights[p][g.kindId] * medianX2) / 2;
            g.status = IContributionLedger.Status.Accepted;
            g.points = points;
            ghostPoints[g.projectId][g.contributor] += points;
            ghostTotalPoints[g.projectId] += points;
            ghostMints[g.projectId] += 1;
            ghostMintsOf[g.projectId][g.contributor] += 1;
            ++nAccepted;
        } else {
            g.status = IContributionLedger.Status.Rejected;
            ++nRejected;
        }
    }

    function _afterDeposit(uint64 projectId, address tok, uint256 amount, bool ok) internal {
        uint256 total = ghostTotalPoints[projectId];
        if (ok != (total > 0)) _violation(ok ? "deposit without point holders accepted" : "deposit refused");
        if (!ok) return;
        ghostDeposited[projectId][tok] += amount;
        ghostDepositCount[projectId][tok] += 1;
        for (uint256 a = 0; a < N_ACTORS; ++a) {
            address m = actors[a];
            ghostRef[projectId][tok][m] += Math.mulDiv(amount, ghostPoints[projectId][m], total);
        }
    }

    function _actorIndex(address who) internal view returns (uint256) {
        for (uint256 k = 0; k < N_ACTORS; ++k) if (actors[k] == who) return k;
        return type(uint256).max;
    }
}
