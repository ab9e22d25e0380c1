// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Votes} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/// @title CouncilSeat
/// @notice One non-transferable seat per member of the thresholds council; a seat is one vote in
/// {ThresholdsCouncil}. Seats are given and taken only by the owner, which is the council's TimelockController, so
/// membership changes are themselves council decisions that wait out the timelock.
/// @dev ERC721Votes with a timestamp clock (ERC-6372 `mode=timestamp`), so voting delays and periods are in seconds
/// on every chain. A new seat delegates its vote to its holder at once (no separate `delegate` transaction).
/// A seat's vote cannot be delegated to anyone else (`delegate`/`delegateBySig` to another account revert), so a
/// member cannot hand its vote to another member or to an outsider.
/// Invariants: TC-1 a seat never moves between two members (only minted or burned); TC-2 a member holds at most one
/// seat and its vote stays with it, so `getVotes(member) <= 1` and only members vote or propose.
contract CouncilSeat is ERC721, EIP712, ERC721Votes, Ownable {
    /// @notice Thrown when seat `seatId` would move between two accounts, or its holder delegates its vote to another
    /// account: seats are only given (`seat`) and taken (`unseat`) by the council.
    error SeatNotTransferable(uint256 seatId);
    /// @notice Thrown when the council seats `member`, which already holds a seat.
    error AlreadySeated(address member);
    /// @notice Thrown when the council unseats `member`, which holds no seat.
    error NotSeated(address member);

    /// @notice `member` was given seat `seatId` (on behalf of `delegation`, e.g. a country or a science body).
    event MemberSeated(address indexed member, uint256 indexed seatId, string delegation);
    /// @notice `member` lost seat `seatId`.
    event MemberUnseated(address indexed member, uint256 indexed seatId);

    uint256 private _lastSeatId;
    mapping(address member => uint256 seatId) private _seatOf;

    /// @param founders The first members (one seat each), with the delegation each one represents.
    /// @param delegations Same length as `founders`.
    /// @param timelock The council's TimelockController, the only account that can seat and unseat members later.
    constructor(
        address[] memory founders,
        string[] memory delegations,
        address timelock
    ) ERC721("Thresholds Council Seat", "SEAT") EIP712("Thresholds Council Seat", "1") Ownable(timelock) {
        for (uint256 i = 0; i < founders.length; ++i) {
            _seat(founders[i], delegations[i]);
        }
    }

    /// @notice Give `member` a seat. Only the council (its timelock).
    function seat(address member, string calldata delegation) external onlyOwner returns (uint256 seatId) {
        return _seat(member, delegation);
    }

    /// @notice Take `member`'s seat. Only the council (its timelock).
    function unseat(address member) external onlyOwner {
        uint256 seatId = _seatOf[member];
        if (seatId == 0) revert NotSeated(member);
        delete _seatOf[member];
        _burn(seatId);
        emit MemberUnseated(member, seatId);
    }

    /// @notice The seat held by `member`, 0 if none.
    function seatOf(address member) external view returns (uint256) {
        return _seatOf[member];
    }

    /// @notice Number of seats given so far (including seats since taken); seat ids are 1..seatsIssued().
    function seatsIssued() external view returns (uint256) {
        return _lastSeatId;
    }

    /// @notice ERC-6372 clock: block timestamps.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _seat(address member, string memory delegation) private returns (uint256 seatId) {
        if (_seatOf[member] != 0) revert AlreadySeated(member);
        seatId = ++_lastSeatId;
        _seatOf[member] = seatId;
        _safeMint(member, seatId);
        emit MemberSeated(member, seatId, delegation);
    }

    /// @dev Mint or burn only; a new holder delegates to itself before the vote unit arrives.
    function _update(
        address to,
        uint256 tokenId,
        address auth
    ) internal override(ERC721, ERC721Votes) returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert SeatNotTransferable(tokenId);
        if (to != address(0) && delegates(to) == address(0)) _delegate(to, to);
        return super._update(to, tokenId, auth);
    }

    /// @dev A seat's vote stays with its member (TC-2): delegating it to anyone else would move the vote between
    /// members, so only self-delegation (made when the seat is given) is allowed.
    function _delegate(address account, address delegatee) internal override {
        if (delegatee != account) revert SeatNotTransferable(_seatOf[account]);
        super._delegate(account, delegatee);
    }

    function _increaseBalance(address account, uint128 amount) internal override(ERC721, ERC721Votes) {
        super._increaseBalance(account, amount);
    }
}
