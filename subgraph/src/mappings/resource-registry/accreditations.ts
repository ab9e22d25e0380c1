// Accredited assessors and registered buyers per resource (with their action counts), and holders' buyer approvals.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import {
  AssessorAccreditationSet,
  BuyerApprovalSet,
  BuyerRegistrationSet,
} from "../../../generated/ResourceRegistry/ResourceRegistry";
import { Accreditation, AccreditationChange, BuyerApproval } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import { ASSESSOR, BUYER, loadResource } from "./entities";

export function setAccreditation(
  event: ethereum.Event,
  resourceId: BigInt,
  kind: string,
  account: Address,
  active: boolean,
): void {
  const resource = loadResource(resourceId);
  const id = resource.id + "-" + kind + "-" + account.toHexString();
  let a = Accreditation.load(id);
  if (a == null) {
    a = new Accreditation(id);
    a.resource = resource.id;
    a.kind = kind;
    a.account = account;
    a.actionCount = 0;
  }
  a.active = active;
  a.updatedAtTimestamp = event.block.timestamp;
  a.save();
  const change = new AccreditationChange(eventId(event));
  change.resource = resource.id;
  change.accreditation = id;
  change.kind = kind;
  change.account = account;
  change.active = active;
  stampEvent(change, event);
  change.save();
}

export function countAction(resourceId: BigInt, kind: string, account: Address): void {
  const a = Accreditation.load(resourceId.toString() + "-" + kind + "-" + account.toHexString());
  if (a != null) {
    a.actionCount += 1;
    a.save();
  }
}

export function handleAssessorAccreditationSet(event: AssessorAccreditationSet): void {
  setAccreditation(event, event.params.resourceId, ASSESSOR, event.params.assessor, event.params.accredited);
}

export function handleBuyerRegistrationSet(event: BuyerRegistrationSet): void {
  setAccreditation(event, event.params.resourceId, BUYER, event.params.buyer, event.params.registered);
}

export function handleBuyerApprovalSet(event: BuyerApprovalSet): void {
  const resource = loadResource(event.params.resourceId);
  const id = resource.id + "-" + event.params.holder.toHexString() + "-" + event.params.buyer.toHexString();
  let approval = BuyerApproval.load(id);
  if (approval == null) {
    approval = new BuyerApproval(id);
    approval.resource = resource.id;
    approval.holder = event.params.holder;
    approval.buyer = event.params.buyer;
  }
  approval.approved = event.params.approved;
  approval.updatedAtTimestamp = event.block.timestamp;
  approval.save();
}
