// Seats and their token: seating, unseating, mints and burns, delegation and voting power.
import { Address, ethereum, log } from "@graphprotocol/graph-ts";
import {
  DelegateChanged,
  DelegateVotesChanged,
  MemberSeated,
  MemberUnseated,
  OwnershipTransferred,
  Transfer,
} from "../../../generated/CouncilSeat/CouncilSeat";
import { CouncilSeat, CouncilSeatToken } from "../../../generated/schema";
import { getMember } from "../../utils/council";

export function getSeatToken(event: ethereum.Event): CouncilSeatToken {
  const id = event.address.toHexString();
  let token = CouncilSeatToken.load(id);
  if (token == null) {
    token = new CouncilSeatToken(id);
    token.address = event.address;
    token.owner = Address.zero();
    token.seatsIssued = 0;
    token.activeSeats = 0;
  }
  return token;
}

export function handleSeatOwnershipTransferred(event: OwnershipTransferred): void {
  const token = getSeatToken(event);
  token.owner = event.params.newOwner;
  token.save();
}

/** Mint: a new seat; burn: the seat is taken (seats never move between members). */
export function handleSeatTransfer(event: Transfer): void {
  const p = event.params;
  const token = getSeatToken(event);
  const id = p.tokenId.toString();
  if (p.from.equals(Address.zero())) {
    const member = getMember(p.to, event.block.timestamp);
    member.save();
    const seat = new CouncilSeat(id);
    seat.seatId = p.tokenId;
    seat.seatToken = event.address;
    seat.member = member.id;
    seat.delegation = "";
    seat.active = true;
    seat.seatedAt = event.block.timestamp;
    seat.seatedTransaction = event.transaction.hash;
    seat.save();
    token.seatsIssued += 1;
    token.activeSeats += 1;
  } else if (p.to.equals(Address.zero())) {
    const seat = CouncilSeat.load(id);
    if (seat != null) {
      seat.active = false;
      seat.unseatedAt = event.block.timestamp;
      seat.unseatedTransaction = event.transaction.hash;
      seat.save();
    }
    token.activeSeats -= 1;
  } else {
    log.warning("CouncilSeat: seat {} moved between members", [id]);
  }
  token.save();
}

export function handleMemberSeated(event: MemberSeated): void {
  const p = event.params;
  const seat = CouncilSeat.load(p.seatId.toString());
  if (seat != null) {
    seat.delegation = p.delegation;
    seat.save();
  }
  const member = getMember(p.member, event.block.timestamp);
  member.seated = true;
  member.seat = p.seatId.toString();
  member.delegation = p.delegation;
  member.seatedAt = event.block.timestamp;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleMemberUnseated(event: MemberUnseated): void {
  const member = getMember(event.params.member, event.block.timestamp);
  member.seated = false;
  member.seat = null;
  member.unseatedAt = event.block.timestamp;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleDelegateChanged(event: DelegateChanged): void {
  const member = getMember(event.params.delegator, event.block.timestamp);
  member.delegate = event.params.toDelegate;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}

export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  const member = getMember(event.params.delegate, event.block.timestamp);
  member.votes = event.params.newVotes;
  member.updatedAtTimestamp = event.block.timestamp;
  member.save();
}
