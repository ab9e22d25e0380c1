// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title CouncilTimelock
/// @notice The thresholds council's TimelockController: it holds every governed parameter and accreditation, and
/// runs a passed proposal only after `minDelay` seconds. Deployed with {ThresholdsCouncil} as its only proposer and
/// canceller, anyone as executor, and no admin (the deployer's temporary admin role is renounced by the deployment).
/// @dev Unchanged OpenZeppelin TimelockController; this file exists so the project compiles and deploys it.
contract CouncilTimelock is TimelockController {
    /// @param minDelay Seconds between queueing and execution.
    /// @param proposers Accounts that may schedule (the governor).
    /// @param executors Accounts that may execute (address(0): anyone).
    /// @param admin Optional temporary admin, renounced once roles are wired (address(0) for none).
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
