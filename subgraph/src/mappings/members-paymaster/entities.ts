// The paymaster entity as the handlers load it: created at its first event (the constructor's), with its settings
// and counts at zero until their events arrive.
import { Address, BigInt, ethereum } from "@graphprotocol/graph-ts";
import { Paymaster } from "../../../generated/schema";

export function getPaymaster(event: ethereum.Event): Paymaster {
  const id = event.address.toHexString();
  let paymaster = Paymaster.load(id);
  if (paymaster == null) {
    paymaster = new Paymaster(id);
    paymaster.address = event.address;
    paymaster.owner = Address.zero();
    paymaster.defaultBudget = BigInt.zero();
    paymaster.coordinatorBudgetCap = BigInt.zero();
    paymaster.sponsoredCount = 0;
    paymaster.totalSpent = BigInt.zero();
    paymaster.ownBudgetCount = 0;
    paymaster.allowedTargetCount = 0;
    paymaster.createdAtBlock = event.block.number;
    paymaster.createdAtTimestamp = event.block.timestamp;
  }
  paymaster.updatedAtTimestamp = event.block.timestamp;
  return paymaster;
}
