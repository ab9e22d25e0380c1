// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorStorage} from "@openzeppelin/contracts/governance/extensions/GovernorStorage.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IThresholdsCouncil} from "./IThresholdsCouncil.sol";

/// @title ThresholdsCouncil
/// @notice The thresholds council: seated members ({CouncilSeat}, one vote each) propose and vote on parameter
/// changes for every Cosmolocal module it governs (resource caps, harvest rules, accreditations). A passed proposal
/// is queued in the council's TimelockController and can be executed by anyone once the delay has passed; the
/// governed contracts accept such calls only from the timelock.
/// A minority of seats can never decide: a proposal passes only if its FOR votes alone are a strict majority of the
/// seats at its snapshot (TC-3), whatever `quorumPercent` says, and a strict majority of those seats can veto a
/// passed or queued proposal, which cancels it in the timelock too (TC-5).
/// @dev OpenZeppelin Governor with simple counting (for / against / abstain), proposal threshold of one seat,
/// GovernorStorage so the dApp can list proposals without an indexer. Times are seconds (the seat token's clock is
/// `mode=timestamp`). Two rules are stricter than OpenZeppelin's:
/// - quorum = max(quorumPercent of the seats at the snapshot, floor(seats / 2) + 1), so no rounding of the
///   percentage lets fewer than a strict majority of seats reach it;
/// - a proposal succeeds only if for > against AND for >= floor(seats at the snapshot / 2) + 1: abstentions count
///   towards the quorum but can never carry a proposal that a majority of seats did not vote for.
/// The veto ({castVeto}) is counted per seat held at the snapshot, so seats given after a proposal cannot veto it.
contract ThresholdsCouncil is
    IThresholdsCouncil,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorStorage,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    mapping(uint256 proposalId => uint256 vetoes) private _vetoes;
    mapping(uint256 proposalId => mapping(address account => bool vetoed)) private _hasVetoed;

    /// @param seats The council's seat token.
    /// @param timelock The council's TimelockController (this contract must hold its proposer and canceller roles).
    /// @param initialVotingDelay Seconds between a proposal and the start of voting.
    /// @param initialVotingPeriod Seconds voting stays open.
    /// @param quorumPercent Share of seats (at the snapshot) that must vote for or abstain, in percent; the quorum is
    /// never below a strict majority of the seats whatever this says (see {quorum}).
    constructor(
        IVotes seats,
        TimelockController timelock,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 quorumPercent
    )
        Governor("Thresholds Council")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, 1)
        GovernorVotes(seats)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
    {}

    // ------------------------------------------------------------------------------------------------ veto

    /// @inheritdoc IThresholdsCouncil
    function castVeto(uint256 proposalId) external returns (uint256) {
        ProposalState current = state(proposalId);
        if (current != ProposalState.Succeeded && current != ProposalState.Queued) {
            revert VetoNotOpen(proposalId, current);
        }
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 weight = getVotes(msg.sender, snapshot);
        if (weight == 0) revert NoSeatAtSnapshot(proposalId, msg.sender);
        if (_hasVetoed[proposalId][msg.sender]) revert AlreadyVetoed(proposalId, msg.sender);
        _hasVetoed[proposalId][msg.sender] = true;
        uint256 count = _vetoes[proposalId] + weight;
        _vetoes[proposalId] = count;
        uint256 needed = _majorityOfSeats(snapshot);
        emit VetoCast(proposalId, msg.sender, count, needed);
        if (count >= needed) {
            (
                address[] memory targets,
                uint256[] memory values,
                bytes[] memory calldatas,
                bytes32 descriptionHash
            ) = proposalDetails(proposalId);
            _cancel(targets, values, calldatas, descriptionHash);
        }
        return count;
    }

    /// @inheritdoc IThresholdsCouncil
    function vetoes(uint256 proposalId) external view returns (uint256) {
        return _vetoes[proposalId];
    }

    /// @inheritdoc IThresholdsCouncil
    function vetoesNeeded(uint256 proposalId) external view returns (uint256) {
        uint256 snapshot = proposalSnapshot(proposalId);
        if (snapshot == 0) revert GovernorNonexistentProposal(proposalId);
        return _majorityOfSeats(snapshot);
    }

    /// @inheritdoc IThresholdsCouncil
    function hasVetoed(uint256 proposalId, address account) external view returns (bool) {
        return _hasVetoed[proposalId][account];
    }

    // ------------------------------------------------------------------------------------------------ quorum

    /// @notice Votes (for + abstain) a proposal whose snapshot is `timepoint` needs: the larger of quorumPercent of
    /// the seats at `timepoint` and a strict majority of them (floor(seats / 2) + 1), so the quorum is always more
    /// than half of the seats whatever the percentage rounds to.
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        uint256 fraction = super.quorum(timepoint);
        uint256 majority = _majorityOfSeats(timepoint);
        return fraction > majority ? fraction : majority;
    }

    /// @inheritdoc Governor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @dev For must beat against (GovernorCountingSimple) and be, alone, a strict majority of the seats at the
    /// snapshot (TC-3): abstentions help reach the quorum but never carry a proposal.
    function _voteSucceeded(
        uint256 proposalId
    ) internal view override(Governor, GovernorCountingSimple) returns (bool) {
        if (!super._voteSucceeded(proposalId)) return false;
        (, uint256 forVotes, ) = proposalVotes(proposalId);
        return forVotes >= _majorityOfSeats(proposalSnapshot(proposalId));
    }

    /// @dev A strict majority of the seats at `timepoint`: floor(seats / 2) + 1.
    function _majorityOfSeats(uint256 timepoint) private view returns (uint256) {
        return token().getPastTotalSupply(timepoint) / 2 + 1;
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorStorage) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
