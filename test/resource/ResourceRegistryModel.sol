// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {HandlerBase} from "../utils/HandlerBase.sol";
import {IResourceRegistry} from "../../contracts/resource/IResourceRegistry.sol";

/// @notice Ghost model of ResourceRegistry for its invariant handler: the fixture, the eagerly opened seasons
/// (entitlements, carry, closing reports), the harvest rule's clamped cap, the call counters and the revert predictors.
abstract contract ResourceRegistryModel is HandlerBase {
    uint256 public constant N = 4;
    uint256 public constant T = 10_000;
    uint256 public constant BPS = 10_000;
    uint256 public constant WAD = 1e18;
    uint32 public constant SEASON = 30 days;
    uint32 public constant CLOSED_FROM = 10 days;
    uint32 public constant CLOSED_UNTIL = 13 days;
    uint16 public constant CARRY_BPS = 2_500;
    uint16 public constant CONCENTRATION_BPS = 4_500;
    uint256 public constant MAX_SHARES = (T * CONCENTRATION_BPS) / BPS;
    /// @dev Seasons stop advancing here (keeps the invariant checks over closed seasons short).
    uint256 public constant MAX_SEASON = 40;

    uint256 public id;
    uint256 public start;
    address public buyer;
    address[N] public actors;

    // ----------------------------------------------------------------------------------------- ghost state

    uint256[N] public gShares;
    uint256[N] public gSeasonShares;
    uint256[N] public gEntitlement;
    uint256[N] public gLanded;
    bool[N] public gApproved;
    uint256 public gSeason;
    uint256 public gCap;
    uint256 public gAps;
    uint256 public gLimit;
    uint256 public gCarriedIn;
    bool public gVoided;
    uint256 public gSeasonLanded;
    mapping(uint256 season => bool) public gAssessed;
    mapping(uint256 season => uint256) public gCaps;
    mapping(uint256 season => uint256) public gRuleCaps;
    /// @dev Closing report of season k: landed, carried over (into k + 1), left in the sea.
    mapping(uint256 season => uint256[3]) internal _report;

    // ---------------------------------------------------------------------------------------- call counters

    uint256 public nTransfers;
    uint256 public nRefusedTransfers;
    uint256 public nCapRefusals; // ConcentrationCapExceeded predicted and seen
    uint256 public nLandings;
    uint256 public nRefusedLandings;
    uint256 public nClosedRefusals; // RC-5: transfers and landings refused in a closed period
    uint256 public nShareMoves;
    uint256 public nRefusedShareMoves;
    uint256 public nWarps;
    uint256 public nAssessments;
    uint256 public nAlreadyAssessed;
    uint256 public nUnassessedSeasons;
    uint256 public nRollovers;
    uint256 public nNothingToRollOver;
    uint256 public nMultiSeasonOpens;
    uint256 public nVoidedCarries;
    uint256 public nApprovalChanges;
    uint256 public nRc3Checks;

    // ========================================================================================= ghost views

    function report(uint256 season) external view returns (uint256[3] memory) {
        return _report[season];
    }

    function actorList() external view returns (address[N] memory) {
        return actors;
    }

    /// @notice What the season would carry forward if it ended now, from the ghost.
    function ghostCarryForward() public view returns (uint256 sum) {
        for (uint256 i = 0; i < N; ++i) sum += Math.min(gEntitlement[i], gSeasonShares[i] * gLimit);
    }

    // ========================================================================================= ghost model

    /// @dev Opens every season the clock has reached, eagerly, as the interface defines it.
    function _sync() internal {
        uint256 current = block.timestamp < start ? 0 : (block.timestamp - start) / SEASON + 1;
        if (current > gSeason + 1) ++nMultiSeasonOpens;
        while (gSeason < current) _open();
    }

    function _open() internal {
        uint256 carried;
        uint256[N] memory carry;
        if (gSeason > 0) {
            for (uint256 i = 0; i < N; ++i) {
                carry[i] = Math.min(gEntitlement[i], gSeasonShares[i] * gLimit);
                carried += carry[i];
            }
        }
        uint256 n = gSeason + 1;
        uint256 cap = gCaps[n];
        if (!gAssessed[n]) ++nUnassessedSeasons;
        bool voided = carried > cap;
        if (voided && carried > 0) ++nVoidedCarries;
        uint256 carriedIn = voided ? 0 : carried;
        if (gSeason > 0) _report[gSeason] = [gSeasonLanded, carriedIn, gCap - gSeasonLanded - carriedIn];
        gSeason = n;
        gCap = cap;
        gVoided = voided;
        gCarriedIn = carriedIn;
        gAps = (cap - carriedIn) / T;
        gLimit = (gAps * CARRY_BPS) / BPS;
        gSeasonLanded = 0;
        for (uint256 i = 0; i < N; ++i) {
            gSeasonShares[i] = gShares[i];
            gEntitlement[i] = gShares[i] * gAps + (voided ? 0 : carry[i]);
            gLanded[i] = 0;
        }
    }

    /// @dev The cap season `next` must get for `biomass`: the harvest rule's value, clamped by the step bounds
    /// around the previous season's cap (RC-4).
    function _predictCap(uint256 next, uint256 biomass) internal view returns (uint256 ruleCap, uint256 cap) {
        ruleCap =
            biomass <= 40_000e18
                ? 0
                : biomass >= 100_000e18
                    ? (0.2e18 * biomass) / WAD
                    : (20_000e18 * (biomass - 40_000e18)) / 60_000e18;
        uint256 previous = gCaps[next - 1];
        cap = ruleCap;
        if (previous != 0) {
            uint256 upper = previous + (previous * 2_000) / BPS;
            uint256 lower = previous - (previous * 3_000) / BPS;
            cap = ruleCap > upper ? upper : (ruleCap < lower ? lower : ruleCap);
        }
    }

    /// @dev Revert data of `transferEntitlement` of `amount` from holder `f` to holder `t` (empty: it must succeed),
    /// and whether it is the concentration cap's refusal.
    function _transferError(uint256 f, uint256 t, uint256 amount) internal returns (bytes memory err, bool capRefusal) {
        uint256 have = gEntitlement[f];
        uint256 maxHold = (gCap * CONCENTRATION_BPS) / BPS;
        uint256 held = gEntitlement[t] + gLanded[t];
        if (amount == 0) err = abi.encodeWithSelector(IResourceRegistry.ZeroAmount.selector);
        else if (t == f) err = abi.encodeWithSelector(IResourceRegistry.InvalidRecipient.selector, actors[t]);
        else err = _closedErr();
        if (err.length == 0 && have < amount) {
            err = abi.encodeWithSelector(
                IResourceRegistry.InsufficientEntitlement.selector,
                id,
                actors[f],
                have,
                amount
            );
        }
        if (err.length == 0 && held + amount > maxHold) {
            err = abi.encodeWithSelector(
                IResourceRegistry.ConcentrationCapExceeded.selector,
                id,
                actors[t],
                maxHold,
                held + amount
            );
            capRefusal = true;
        }
    }

    /// @dev Revert data of the buyer's `recordLanding` of `amount` from holder `h` (empty: it must succeed).
    function _landingError(uint256 h, uint256 amount) internal returns (bytes memory err) {
        uint256 have = gEntitlement[h];
        if (amount == 0) err = abi.encodeWithSelector(IResourceRegistry.ZeroAmount.selector);
        else if (!gApproved[h]) {
            err = abi.encodeWithSelector(IResourceRegistry.BuyerNotApproved.selector, id, actors[h], buyer);
        } else err = _closedErr();
        if (err.length == 0 && have < amount) {
            err = abi.encodeWithSelector(
                IResourceRegistry.LandingExceedsEntitlement.selector,
                id,
                actors[h],
                have,
                amount
            );
        }
    }

    /// @dev Revert data of holder `f` moving `amount` quota shares to holder `t` (empty: it must succeed).
    function _shareMoveError(uint256 f, uint256 t, uint256 amount) internal view returns (bytes memory err) {
        if (gShares[f] < amount) {
            err = abi.encodeWithSelector(
                IERC1155Errors.ERC1155InsufficientBalance.selector,
                actors[f],
                gShares[f],
                amount,
                id
            );
        } else if (gShares[t] + amount > MAX_SHARES) {
            err = abi.encodeWithSelector(
                IResourceRegistry.ShareCapExceeded.selector,
                id,
                actors[t],
                MAX_SHARES,
                gShares[t] + amount
            );
        }
    }

    /// @dev ClosedPeriodActive data if now is in the closed period, else empty.
    function _closedErr() internal returns (bytes memory) {
        uint256 seasonStart = start + (gSeason - 1) * uint256(SEASON);
        uint256 offset = block.timestamp - seasonStart;
        if (offset < CLOSED_FROM || offset >= CLOSED_UNTIL) return "";
        ++nClosedRefusals;
        return
            abi.encodeWithSelector(
                IResourceRegistry.ClosedPeriodActive.selector,
                id,
                seasonStart + CLOSED_FROM,
                seasonStart + CLOSED_UNTIL
            );
    }
}
