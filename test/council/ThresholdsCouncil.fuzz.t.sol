// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CouncilSeat} from "../../contracts/council/CouncilSeat.sol";
import {CouncilTimelock} from "../../contracts/council/CouncilTimelock.sol";
import {ThresholdsCouncil} from "../../contracts/council/ThresholdsCouncil.sol";

/// @notice Fuzz tests of the thresholds council's majority rule (finding 8 of the hardening issue), for any number
/// of seats (1..50) and any quorumPercent (0..100): the quorum is always a strict majority of the seats, and a
/// proposal passes exactly when FOR beats AGAINST and FOR alone is a strict majority of the seats (TC-3).
contract ThresholdsCouncilFuzzTest is Test {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;

    CouncilSeat internal seats;
    ThresholdsCouncil internal governor;
    address[] internal members;

    /// @dev A council of `seatCount` members at `quorumPercent`; the timelock is not wired (nothing is queued here).
    function _deploy(uint256 seatCount, uint256 quorumPercent) internal {
        CouncilTimelock timelock = new CouncilTimelock(0, new address[](0), new address[](0), address(this));
        string[] memory delegations = new string[](seatCount);
        delete members;
        for (uint256 i = 0; i < seatCount; ++i) members.push(vm.addr(i + 1));
        seats = new CouncilSeat(members, delegations, address(timelock));
        governor = new ThresholdsCouncil(seats, timelock, VOTING_DELAY, VOTING_PERIOD, quorumPercent);
        vm.warp(block.timestamp + 1);
    }

    function _propose() internal returns (uint256 proposalId) {
        address[] memory targets = new address[](1);
        targets[0] = address(seats);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(CouncilSeat.seatsIssued, ());
        vm.prank(members[0]);
        proposalId = governor.propose(targets, new uint256[](1), calldatas, "fuzz");
    }

    function testFuzz_quorumIsAlwaysAStrictMajorityOfSeats(uint256 seatCount, uint256 quorumPercent) public {
        seatCount = bound(seatCount, 1, 50);
        quorumPercent = bound(quorumPercent, 0, 100);
        _deploy(seatCount, quorumPercent);
        uint256 snapshot = block.timestamp - 1;
        uint256 q = governor.quorum(snapshot);
        assertGt(q, seatCount / 2, "quorum above half of the seats");
        assertGe(q, (seatCount * quorumPercent) / 100, "quorumPercent still applies");
        uint256 fraction = (seatCount * quorumPercent) / 100;
        uint256 majority = seatCount / 2 + 1;
        assertEq(q, fraction > majority ? fraction : majority, "the larger of the two, nothing more");
    }

    function testFuzz_aProposalPassesOnlyWithForVotesFromAStrictMajorityOfSeats(
        uint256 seatCount,
        uint256 quorumPercent,
        uint256 forVotes,
        uint256 againstVotes,
        uint256 abstainVotes
    ) public {
        seatCount = bound(seatCount, 1, 50);
        quorumPercent = bound(quorumPercent, 0, 100);
        forVotes = bound(forVotes, 0, seatCount);
        againstVotes = bound(againstVotes, 0, seatCount - forVotes);
        abstainVotes = bound(abstainVotes, 0, seatCount - forVotes - againstVotes);
        _deploy(seatCount, quorumPercent);
        uint256 proposalId = _propose();
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        uint256 next = 0;
        for (uint256 i = 0; i < forVotes; ++i) _vote(proposalId, members[next++], 1);
        for (uint256 i = 0; i < againstVotes; ++i) _vote(proposalId, members[next++], 0);
        for (uint256 i = 0; i < abstainVotes; ++i) _vote(proposalId, members[next++], 2);
        vm.warp(block.timestamp + VOTING_PERIOD + 1);
        bool majorityFor = forVotes > seatCount / 2 && forVotes > againstVotes;
        bool quorumReached = forVotes + abstainVotes >= (seatCount * quorumPercent) / 100;
        IGovernor.ProposalState expected =
            majorityFor && quorumReached ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated;
        assertEq(uint8(governor.state(proposalId)), uint8(expected), "state");
        if (!(forVotes > seatCount / 2)) {
            assertEq(uint8(governor.state(proposalId)), uint8(IGovernor.ProposalState.Defeated), "minority never");
        }
    }

    function _vote(uint256 proposalId, address voter, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(proposalId, support);
    }
}
