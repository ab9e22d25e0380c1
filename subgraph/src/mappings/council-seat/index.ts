// Mapping of the CouncilSeat data source: non-transferable ERC721Votes seats, members, delegation, voting power.
export {
  handleSeatOwnershipTransferred,
  handleSeatTransfer,
  handleMemberSeated,
  handleMemberUnseated,
  handleDelegateChanged,
  handleDelegateVotesChanged,
} from "./seats";
