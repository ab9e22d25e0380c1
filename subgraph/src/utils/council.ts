// Council state the three council data sources share: members, proposal states and cancellation, and the history
// of settings (the governor's and the timelock's delay).
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import { Council, CouncilMember, CouncilSettingChange, Proposal } from "../../generated/schema";
import { eventId, stampEvent } from "./events";

export const PROPOSED = "Proposed";

export const QUEUED = "Queued";

export const EXECUTED = "Executed";

export const CANCELED = "Canceled";

export function getMember(account: Address, timestamp: BigInt): CouncilMember {
  const id = account.toHexString();
  let m = CouncilMember.load(id);
  if (m == null) {
    m = new CouncilMember(id);
    m.account = account;
    m.seated = false;
    m.votes = BigInt.zero();
    m.voteCount = 0;
    m.proposalCount = 0;
    m.updatedAtTimestamp = timestamp;
  }
  return m;
}

export function settingChange(event: ethereum.Event, setting: string): CouncilSettingChange {
  const change = new CouncilSettingChange(eventId(event));
  change.contract = event.address;
  change.setting = setting;
  stampEvent(change, event);
  return change;
}

export function numericSetting(event: ethereum.Event, setting: string, oldValue: BigInt, newValue: BigInt): void {
  const change = settingChange(event, setting);
  change.oldValue = oldValue;
  change.newValue = newValue;
  change.save();
}

export function cancelProposal(proposal: Proposal, timestamp: BigInt): void {
  if (proposal.state == CANCELED) return;
  proposal.state = CANCELED;
  proposal.canceledAt = timestamp;
  proposal.save();
  const council = Council.load(proposal.council);
  if (council != null) {
    council.canceledCount += 1;
    council.save();
  }
}
