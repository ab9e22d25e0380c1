// Timelock operations: scheduled calls, salts, executions and cancellations (which cancel their proposal).
import { Bytes, log } from "@graphprotocol/graph-ts";
import { CallExecuted, CallSalt, CallScheduled, Cancelled } from "../../../generated/CouncilTimelock/CouncilTimelock";
import { Proposal, TimelockOperation } from "../../../generated/schema";
import { cancelProposal } from "../../utils/council";
import { getTimelock } from "./roles";

/** One call of a scheduled batch; index 0 starts the operation (again, if it was cancelled before). */
export function handleCallScheduled(event: CallScheduled): void {
  const p = event.params;
  const timelock = getTimelock(event);
  let operation = TimelockOperation.load(p.id);
  if (operation == null || p.index.isZero()) {
    if (operation == null) {
      operation = new TimelockOperation(p.id);
      timelock.operationCount += 1;
      timelock.save();
    }
    operation.timelock = timelock.id;
    operation.targets = [];
    operation.values = [];
    operation.datas = [];
    operation.salt = Bytes.fromHexString("0x0000000000000000000000000000000000000000000000000000000000000000");
    operation.status = "Pending";
    operation.executedCallCount = 0;
    operation.executedAt = null;
    operation.executedTransaction = null;
    operation.cancelledAt = null;
  }
  const targets = operation.targets;
  targets.push(p.target);
  operation.targets = targets;
  const values = operation.values;
  values.push(p.value);
  operation.values = values;
  const datas = operation.datas;
  datas.push(p.data);
  operation.datas = datas;
  operation.predecessor = p.predecessor;
  operation.delay = p.delay;
  operation.eta = event.block.timestamp.plus(p.delay);
  operation.scheduledAt = event.block.timestamp;
  operation.scheduledTransaction = event.transaction.hash;
  operation.save();
}

export function handleCallSalt(event: CallSalt): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.salt = event.params.salt;
  operation.save();
}

export function handleCallExecuted(event: CallExecuted): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) {
    log.warning("CouncilTimelock: executed unknown operation {}", [event.params.id.toHexString()]);
    return;
  }
  operation.status = "Done";
  operation.executedCallCount += 1;
  operation.executedAt = event.block.timestamp;
  operation.executedTransaction = event.transaction.hash;
  operation.save();
}

/** A cancelled operation; its proposal (if any) is canceled too (Governor.state reports Canceled). */
export function handleCancelled(event: Cancelled): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.status = "Cancelled";
  operation.cancelledAt = event.block.timestamp;
  operation.save();
  const proposalId = operation.proposal;
  if (proposalId !== null) {
    const proposal = Proposal.load(proposalId);
    if (proposal != null) cancelProposal(proposal, event.block.timestamp);
  }
}
