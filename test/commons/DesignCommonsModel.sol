// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {HandlerBase} from "../utils/HandlerBase.sol";
import {IDesignCommons} from "../../contracts/commons/IDesignCommons.sol";

/// @notice Ghost model of DesignCommons for its invariant handler: the actors, projects and currencies, every design's
/// terms and lineage (computed here from the parents, independently of the contract), every licence, who holds points
/// and who is accredited, what each project is owed (held) or was paid (deposited) per currency, and what the fees
/// brought in; the revert predictors of registration and licences; and the split of a fee, written as the interface
/// states it (each ancestor `fee × bps / 10000` rounded down, the rest to the design's project).
abstract contract DesignCommonsModel is HandlerBase {
    // ------------------------------------------------------------------------------------------- constants

    /// @dev Actors: three principals with two addresses each (0-1: contributors of projects 1 and 2; 2-3: a company
    /// and its second address; 4-5: an attacker's two addresses), and two outsiders who are no project's members (6-7).
    /// Principals 0..5 are members of every project; points: actor 0 in project 1, actors 1 and 2 in project 2;
    /// project 3 has none until {givePoints}.
    uint256 public constant N = 8;
    uint256 internal constant MEMBERS = 6;
    /// @dev Projects 1..3. Currencies: 0 ETH, 1 token A (accepted by every project), 2 token B (projects 1 and 2).
    uint64 internal constant PROJECTS = 3;
    uint256 internal constant C = 3;
    uint256 internal constant MAX_DESIGNS = 24;
    uint256 internal constant MAX_ANCESTORS = 8;
    uint256 internal constant MAX_SHARE = 5_000;

    address[N] public actors;
    address[C] public currencies;

    // ------------------------------------------------------------------------------------------- ghost state

    struct GTerms {
        uint256 currency; // index into currencies
        uint96 feePerUnit;
        uint96 feePerPeriod;
        uint32 periodLength;
        uint32 licenceDuration;
        uint16 shareBps;
    }

    struct GDesign {
        uint64 projectId;
        uint32 version;
        bytes32 contentHash;
        uint64[] ancestors;
        uint16[] shares;
        uint64[] ancestorProjects;
    }

    struct GLicence {
        uint64 designId;
        uint32 version;
        uint8 tier; // 1 Commons, 2 Commercial
        uint256 holder; // actor index
        uint40 expiresAt;
        uint40 paidUntil;
        uint256 units;
        uint256 fees;
    }

    uint64 public gDesignCount;
    mapping(uint64 => GDesign) internal _gDesigns;
    mapping(uint64 => mapping(uint32 => GTerms)) internal _gTerms;
    uint256 public gLicenceCount;
    mapping(uint256 => GLicence) internal _gLicences;
    mapping(uint64 => mapping(uint256 => uint256)) internal _gLicenceOf; // design => actor => licence
    bool[N] public gAccredited;
    mapping(uint64 => mapping(uint256 => bool)) public gHasPoints; // project => actor
    mapping(uint64 => bool) public gProjectHasPoints;
    mapping(uint64 => mapping(uint256 => bool)) internal _gAccepts; // project => currency index

    /// @dev Per project and currency index: held by the contract, and deposited into the ledger.
    uint256[C][PROJECTS + 1] public gHeld;
    uint256[C][PROJECTS + 1] public gDeposited;
    /// @dev Per currency index: fees paid, ancestors' shares credited, design projects' shares credited.
    uint256[C] public gFeesIn;
    uint256[C] public gAncestorShares;
    uint256[C] public gProjectShares;

    // Counters of the paths the handler took (test_handlerExercisesEveryPath) and of what the chain showed.
    uint256 public nRegistered;
    uint256 public nDerivatives;
    uint256 public nRegisterRefused;
    uint256 public nTermsSet;
    uint256 public nLicences;
    uint256 public nCommonsLicences;
    uint256 public nReports;
    uint256 public nPaidReports;
    uint256 public nHeldProjectShares;
    uint256 public nPeriodPayments;
    uint256 public nReleases;
    uint256 public nExpiredRefused;
    uint256 public nBeyondExpiryRefused;
    uint256 public nTokenFees;
    uint256 public nOperatorReports; // counted (DC-6)
    uint256 public nOperatorSkips; // returned a reason, changed nothing
    uint256 public nOwedPayments;

    /// @dev DC-6: licensee actor => operator actor => approved; per licence what its operators' reports made it owe and
    /// is not paid yet; per currency what operators' reports made owed and what was paid of it.
    mapping(uint256 => mapping(uint256 => bool)) public gReportOperator;
    mapping(uint256 => uint256) public gOwed;
    uint256[C] public gOwedRecorded;
    uint256[C] public gOwedPaid;
    /// @dev A report whose outcome or effect differed from the model's (DC-6).
    uint256 public operatorMismatches;
    /// @dev DC-2: payments whose observed credits (held and deposited, per project) differed from the split.
    uint256 public splitMismatches;
    /// @dev DC-3: commons licences that paid anything (observed on the licensee's balances and the licence).
    uint256 public commonsPaid;
    /// @dev DC-4: reports or payments accepted at or after the licence's expiry.
    uint256 public expiredAccepted;

    // ------------------------------------------------------------------------------------------- views for the test

    function designAncestors(uint64 designId) external view returns (uint64[] memory, uint16[] memory) {
        return (_gDesigns[designId].ancestors, _gDesigns[designId].shares);
    }

    function designContent(uint64 designId) external view returns (bytes32) {
        return _gDesigns[designId].contentHash;
    }

    function licenceGhost(uint256 licenceId) external view returns (GLicence memory) {
        return _gLicences[licenceId];
    }

    // ------------------------------------------------------------------------------------------- model rules

    function _isCommons(uint64 projectId, uint256 actor) internal view returns (bool) {
        return gAccredited[actor] || gHasPoints[projectId][actor];
    }

    /// @dev The lineage the interface defines: each parent, then each parent's ancestors, each design once, in that
    /// order; the revert data registration must give for `parents`, or empty.
    function _lineage(
        uint64[] memory parents
    ) internal view returns (uint64[] memory ids, uint256 n, bytes memory refusal) {
        ids = new uint64[](MAX_ANCESTORS);
        if (parents.length > MAX_ANCESTORS) {
            return (ids, 0, abi.encodeWithSelector(IDesignCommons.TooManyAncestors.selector, parents.length, 8));
        }
        for (uint256 i = 0; i < parents.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (parents[j] == parents[i]) {
                    return (ids, 0, abi.encodeWithSelector(IDesignCommons.DuplicateParent.selector, parents[i]));
                }
            }
            if (parents[i] == 0 || parents[i] > gDesignCount) {
                return (ids, 0, abi.encodeWithSelector(IDesignCommons.UnknownDesign.selector, parents[i]));
            }
            uint64[] memory chain = new uint64[](1 + _gDesigns[parents[i]].ancestors.length);
            chain[0] = parents[i];
            for (uint256 k = 0; k < _gDesigns[parents[i]].ancestors.length; ++k) {
                chain[k + 1] = _gDesigns[parents[i]].ancestors[k];
            }
            for (uint256 k = 0; k < chain.length; ++k) {
                bool seen = false;
                for (uint256 j = 0; j < n; ++j) seen = seen || ids[j] == chain[k];
                if (seen) continue;
                if (n == MAX_ANCESTORS) {
                    return (ids, n, abi.encodeWithSelector(IDesignCommons.TooManyAncestors.selector, n + 1, 8));
                }
                ids[n++] = chain[k];
            }
        }
    }

    /// @dev The share of `fee` an ancestor asking `bps` receives: rounded down, written with the remainder apart.
    function _share(uint256 fee, uint256 bps) internal pure returns (uint256) {
        return (fee / 10_000) * bps + ((fee % 10_000) * bps) / 10_000;
    }

    /// @dev Books a fee of `fee` in currency `c` for design `designId` in the ghost, as the interface splits it.
    function _ghostSplit(uint64 designId, uint256 c, uint256 fee) internal {
        if (fee == 0) return;
        GDesign storage d = _gDesigns[designId];
        uint256 rest = fee;
        for (uint256 i = 0; i < d.ancestors.length; ++i) {
            uint256 s = _share(fee, d.shares[i]);
            rest -= s;
            gHeld[d.ancestorProjects[i]][c] += s;
            gAncestorShares[c] += s;
        }
        gFeesIn[c] += fee;
        gProjectShares[c] += rest;
        if (rest == 0) return;
        if (gProjectHasPoints[d.projectId]) gDeposited[d.projectId][c] += rest;
        else {
            gHeld[d.projectId][c] += rest;
            ++nHeldProjectShares;
        }
    }
}
