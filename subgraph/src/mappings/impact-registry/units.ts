// Impact units: retirements and their certificates, ERC-1155 holdings and transfers, operator approvals.
import { Address, BigInt, Entity, ethereum } from "@graphprotocol/graph-ts";
import {
  ApprovalForAll,
  TransferBatch,
  TransferSingle,
  UnitsRetired,
} from "../../../generated/ImpactRegistry/ImpactRegistry";
import { Certificate, Claim, ImpactTransfer } from "../../../generated/schema";
import { loadClaim, touch } from "../../utils/claims";
import { batchMoves, moveHoldings, recordMove, setOperatorApproval, singleMove, TokenMove } from "../../utils/erc1155";
import { getRegistry, loadMethodology, refreshSellable } from "./entities";

export function handleUnitsRetired(event: UnitsRetired): void {
  const p = event.params;
  const registry = getRegistry(event);
  const claim = loadClaim(p.claimId);
  claim.retiredUnits = claim.retiredUnits.plus(p.units);
  claim.certificateCount += 1;
  touch(claim, event);
  registry.retiredUnits = registry.retiredUnits.plus(p.units);
  registry.certificateCount += 1;
  registry.save();
  const methodology = loadMethodology(claim);
  methodology.retiredUnits = methodology.retiredUnits.plus(p.units);
  methodology.updatedAtTimestamp = event.block.timestamp;
  methodology.save();

  const certificate = new Certificate(p.certificateId.toString());
  certificate.certificateId = p.certificateId;
  certificate.claim = claim.id;
  certificate.owner = p.certificateOwner;
  certificate.holder = p.holder;
  certificate.units = p.units;
  certificate.beneficiary = p.beneficiary;
  certificate.message = p.message;
  certificate.retiredAt = event.block.timestamp;
  // A retirement after a partial revocation is flagged from the start.
  certificate.flagged = claim.revokedUnits.gt(BigInt.zero());
  if (certificate.flagged) certificate.flaggedAt = event.block.timestamp;
  certificate.blockNumber = event.block.number;
  certificate.transactionHash = event.transaction.hash;
  certificate.save();
}

/** Sets the claim a new ImpactHolding belongs to and whether its holder is the claimant. */
export function initHolding(holding: Entity, claimKey: string, holder: Address): void {
  holding.setString("claim", claimKey);
  holding.setBoolean("isClaimant", holder.equals(Claim.load(claimKey)!.claimant));
}

export function moveUnits(event: ethereum.Event, move: TokenMove): void {
  const claim = loadClaim(move.tokenId);
  let kind = "Transfer";
  if (move.from.equals(Address.zero())) {
    kind = "Mint";
    claim.mintedUnits = claim.mintedUnits.plus(move.amount);
    claim.outstandingUnits = claim.outstandingUnits.plus(move.amount);
  }
  if (move.to.equals(Address.zero())) {
    kind = "Burn";
    claim.outstandingUnits = claim.outstandingUnits.minus(move.amount);
  }
  claim.holderCount += moveHoldings("ImpactHolding", claim.id, move, event, initHolding);
  if (move.from.equals(claim.claimant) || move.to.equals(claim.claimant)) refreshSellable(claim);
  touch(claim, event);

  const transfer = new ImpactTransfer(move.id);
  transfer.claim = claim.id;
  transfer.kind = kind;
  transfer.units = move.amount;
  recordMove(transfer, move, event);
  transfer.save();
}

export function handleImpactTransferSingle(event: TransferSingle): void {
  const p = event.params;
  moveUnits(event, singleMove(event, p.operator, p.from, p.to, p.id, p.value));
}

export function handleImpactTransferBatch(event: TransferBatch): void {
  const p = event.params;
  const moves = batchMoves(event, p.operator, p.from, p.to, p.ids, p.values);
  for (let i = 0; i < moves.length; i++) moveUnits(event, moves[i]);
}

export function handleImpactApprovalForAll(event: ApprovalForAll): void {
  const registry = getRegistry(event);
  registry.save();
  const p = event.params;
  setOperatorApproval("ImpactOperatorApproval", "registry", registry.id, p.account, p.operator, p.approved, event);
}
