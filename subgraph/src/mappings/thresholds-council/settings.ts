// The council entity (name() and token() read once) and the history of its governor settings.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  ThresholdsCouncil as GovernorContract,
  TimelockChange,
  VotingDelaySet,
  VotingPeriodSet,
} from "../../../generated/ThresholdsCouncil/ThresholdsCouncil";
import { Council } from "../../../generated/schema";
import { numericSetting, settingChange } from "../../utils/council";

/** The council entity; its first event (the constructor's settings) creates it and reads name() and token(). */
export function getCouncil(event: ethereum.Event): Council {
  const id = event.address.toHexString();
  let council = Council.load(id);
  if (council == null) {
    council = new Council(id);
    council.address = event.address;
    const contract = GovernorContract.bind(event.address);
    const name = contract.try_name();
    const token = contract.try_token();
    council.name = name.reverted ? "" : name.value;
    council.seatToken = token.reverted ? Address.zero() : token.value;
    council.timelock = Address.zero();
    council.votingDelay = BigInt.zero();
    council.votingPeriod = BigInt.zero();
    council.proposalThreshold = BigInt.zero();
    council.quorumNumerator = BigInt.zero();
    council.proposalCount = 0;
    council.queuedCount = 0;
    council.executedCount = 0;
    council.canceledCount = 0;
    council.voteCount = 0;
    council.vetoCount = 0;
    council.createdAtBlock = event.block.number;
    council.createdAtTimestamp = event.block.timestamp;
  }
  return council;
}

/** Sets the council's numeric setting `field` to `newValue` and records the change as `setting`. */
export function setNumericSetting(
  event: ethereum.Event,
  field: string,
  setting: string,
  oldValue: BigInt,
  newValue: BigInt,
): void {
  const council = getCouncil(event);
  council.setBigInt(field, newValue);
  council.save();
  numericSetting(event, setting, oldValue, newValue);
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  const p = event.params;
  setNumericSetting(event, "votingDelay", "VotingDelay", p.oldVotingDelay, p.newVotingDelay);
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  const p = event.params;
  setNumericSetting(event, "votingPeriod", "VotingPeriod", p.oldVotingPeriod, p.newVotingPeriod);
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  const p = event.params;
  setNumericSetting(event, "proposalThreshold", "ProposalThreshold", p.oldProposalThreshold, p.newProposalThreshold);
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  const p = event.params;
  setNumericSetting(event, "quorumNumerator", "QuorumNumerator", p.oldQuorumNumerator, p.newQuorumNumerator);
}

export function handleTimelockChange(event: TimelockChange): void {
  const council = getCouncil(event);
  council.timelock = event.params.newTimelock;
  council.save();
  const change = settingChange(event, "Timelock");
  change.oldAddress = event.params.oldTimelock;
  change.newAddress = event.params.newTimelock;
  change.save();
}
