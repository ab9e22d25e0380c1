// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {IContributionLedger} from "../contribution/IContributionLedger.sol";

/// @notice Test-only contract member that attacks `ContributionLedger.claim` through its ETH callback.
/// @dev Usage: a coordinator grants this contract MEMBER_ROLE; it submits and evaluates through the forwarding
/// functions below, earns points, and claims ETH income with `claim(projectId)`. When the ledger sends the ETH,
/// `receive()` re-enters the ledger according to `action`:
/// - `Action.None`: accept the ETH, do nothing;
/// - `Action.Claim`: call `LEDGER.claim(projectId, address(0))` again (must be blocked by the reentrancy guard);
/// - `Action.Evaluate`: call `LEDGER.evaluate(targetContributionId, targetScore, 0)`;
/// - `Action.Submit`: call `LEDGER.submit` with `(projectId, targetKindId, quantity 1)`.
/// Each attempt increments `reentryAttempts`; a successful inner call increments `reentrySuccesses`, a failed one
/// stores its revert data in `lastReentryError`. With `bubble` set, a failed inner call makes `receive()` revert
/// (`ReentryFailed(reason)`), so the ledger's ETH transfer fails and the outer claim reverts (`EthTransferFailed`).
/// Only the first callback of an outer call re-enters (no recursion), so tests stay deterministic.
contract ReentrantClaimer {
    /// @notice What `receive()` tries while the ledger is paying.
    enum Action {
        None,
        Claim,
        Evaluate,
        Submit
    }

    /// @notice A re-entrant call failed while `bubble` is set; `reason` is its revert data.
    error ReentryFailed(bytes reason);

    /// @notice The attacked ledger.
    IContributionLedger public immutable LEDGER;
    /// @notice Re-entry performed by `receive()`.
    Action public action;
    /// @notice Revert in `receive()` when the re-entrant call fails.
    bool public bubble;
    /// @notice Project used by the re-entrant claim and submit (set by the last `claim*` call).
    uint64 public projectId;
    /// @notice Contribution evaluated by `Action.Evaluate`.
    uint256 public targetContributionId;
    /// @notice Score used by `Action.Evaluate`.
    uint8 public targetScore;
    /// @notice Kind used by `Action.Submit`.
    uint16 public targetKindId;

    /// @notice Number of re-entrant calls attempted.
    uint256 public reentryAttempts;
    /// @notice Number of re-entrant calls that succeeded.
    uint256 public reentrySuccesses;
    /// @notice Revert data of the last failed re-entrant call.
    bytes public lastReentryError;
    /// @notice Total ETH received from the ledger.
    uint256 public totalReceived;

    bool private _inCallback;

    /// @param ledger_ The ledger to attack.
    constructor(IContributionLedger ledger_) {
        LEDGER = ledger_;
    }

    // ------------------------------------------------------------------------------------------ configuration

    /// @notice Turns the re-entrant claim on (`Action.Claim`) or off (`Action.None`), without bubbling.
    function setReenter(bool on) external {
        action = on ? Action.Claim : Action.None;
        bubble = false;
    }

    /// @notice Sets the full attack: which call `receive()` makes, whether a failure bubbles up, and the
    /// parameters of the Evaluate / Submit actions.
    function setAction(Action action_, bool bubble_, uint256 contributionId, uint8 score, uint16 kindId) external {
        action = action_;
        bubble = bubble_;
        targetContributionId = contributionId;
        targetScore = score;
        targetKindId = kindId;
    }

    /// @notice Whether `receive()` re-enters at all.
    function reenter() external view returns (bool) {
        return action != Action.None;
    }

    // --------------------------------------------------------------------------------------------- forwarding

    /// @notice Claims this contract's ETH income of `projectId_` (the callback re-enters per `action`).
    function claim(uint64 projectId_) external returns (uint256) {
        projectId = projectId_;
        return LEDGER.claim(projectId_, address(0));
    }

    /// @notice Claims this contract's income of `projectId_` in `token` (ERC-20s make no callback).
    function claimToken(uint64 projectId_, address token) external returns (uint256) {
        projectId = projectId_;
        return LEDGER.claim(projectId_, token);
    }

    /// @notice Submits a contribution as this contract.
    function submit(IContributionLedger.ContributionInput calldata input) external returns (uint256) {
        return LEDGER.submit(input);
    }

    /// @notice Evaluates a contribution as this contract.
    function evaluate(uint256 contributionId, uint8 score, bytes32 commentHash) external {
        LEDGER.evaluate(contributionId, score, commentHash);
    }

    // ------------------------------------------------------------------------------------------------ callback

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        totalReceived += msg.value;
        if (action == Action.None || _inCallback) return;
        _inCallback = true;
        ++reentryAttempts;
        bool ok;
        bytes memory err;
        if (action == Action.Claim) {
            try LEDGER.claim(projectId, address(0)) {
                ok = true;
            } catch (bytes memory reason) {
                err = reason;
            }
        } else if (action == Action.Evaluate) {
            try LEDGER.evaluate(targetContributionId, targetScore, bytes32(0)) {
                ok = true;
            } catch (bytes memory reason) {
                err = reason;
            }
        } else {
            IContributionLedger.ContributionInput memory input = IContributionLedger.ContributionInput({
                projectId: projectId,
                kindId: targetKindId,
                quantity: 1,
                evidenceHash: keccak256("reentrant"),
                evidenceURI: "ipfs://reentrant"
            });
            try LEDGER.submit(input) {
                ok = true;
            } catch (bytes memory reason) {
                err = reason;
            }
        }
        _inCallback = false;
        if (ok) {
            ++reentrySuccesses;
        } else {
            lastReentryError = err;
            if (bubble) revert ReentryFailed(err);
        }
    }
}
