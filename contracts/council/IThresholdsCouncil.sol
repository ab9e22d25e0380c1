// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/// @title IThresholdsCouncil
/// @notice What the thresholds council adds to OpenZeppelin's IGovernor: a veto vote. A seat holder who held a vote
/// at a proposal's snapshot may veto the proposal once it has passed (Succeeded) or while it waits in the timelock
/// (Queued); when the vetoes reach a strict majority of the seats at that snapshot, the proposal is cancelled, its
/// timelock operation too, and it can never run.
/// @dev The quorum and vote-success rules (a strict majority of seats must vote FOR) change no signature of
/// IGovernor; they are documented on {ThresholdsCouncil}. Invariants TC-3 and TC-5 in docs/invariants.md.
interface IThresholdsCouncil {
    /// @notice `voter` vetoed proposal `proposalId`; it now has `vetoes` vetoes and is cancelled at `needed`.
    event VetoCast(uint256 indexed proposalId, address indexed voter, uint256 vetoes, uint256 needed);

    /// @notice Thrown when a veto is cast on a proposal that is neither Succeeded nor Queued (`state`).
    error VetoNotOpen(uint256 proposalId, IGovernor.ProposalState state);
    /// @notice Thrown when `account` held no seat at the proposal's snapshot, so it has no say on it.
    error NoSeatAtSnapshot(uint256 proposalId, address account);
    /// @notice Thrown when `account` has already vetoed the proposal.
    error AlreadyVetoed(uint256 proposalId, address account);

    /// @notice Veto proposal `proposalId` (Succeeded or Queued) with the seat you held at its snapshot. The veto that
    /// makes the vetoes a strict majority of the seats at the snapshot cancels the proposal and its timelock
    /// operation.
    /// @return vetoes The proposal's vetoes after this one.
    function castVeto(uint256 proposalId) external returns (uint256 vetoes);

    /// @notice Vetoes cast on `proposalId` so far (seats at its snapshot).
    function vetoes(uint256 proposalId) external view returns (uint256);

    /// @notice Vetoes that cancel `proposalId`, also the FOR votes it needs: floor(seats at its snapshot / 2) + 1.
    /// Readable once the snapshot has passed; reverts for an unknown proposal.
    function vetoesNeeded(uint256 proposalId) external view returns (uint256);

    /// @notice Whether `account` has vetoed `proposalId`.
    function hasVetoed(uint256 proposalId, address account) external view returns (bool);
}
