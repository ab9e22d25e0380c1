// Designs: registration (an original, or a derivative naming its parents; its name, tags and search text from its
// metadata), the ancestors recorded with their shares, and every version of the terms.
import { BigInt } from "@graphprotocol/graph-ts";
import { AncestorRecorded, DesignRegistered, TermsSet } from "../../../generated/DesignCommons/DesignCommons";
import { Design, DesignAncestor, DesignTermsVersion } from "../../../generated/schema";
import { stampEvent } from "../../utils/events";
import { childId } from "../../utils/ids";
import { getRegistry, loadDesign } from "./entities";
import { designMeta } from "./metadata";

const termsId = (designId: BigInt, version: BigInt): string => childId(designId.toString(), version.toString());

export function handleDesignRegistered(event: DesignRegistered): void {
  const p = event.params;
  const registry = getRegistry(event);
  registry.designCount += 1;
  if (p.parents.length > 0) registry.derivativeCount += 1;
  registry.save();

  const design = new Design(p.designId.toString());
  design.designId = p.designId;
  design.registry = registry.id;
  design.project = p.projectId.toString();
  design.projectId = p.projectId;
  design.registrant = p.registrant;
  design.contentHash = p.contentHash;
  design.metadataURI = p.metadataURI;
  const meta = designMeta(p.metadataURI);
  design.name = meta.name;
  design.tags = meta.tags;
  design.search = meta.search;
  const parents = new Array<string>(0);
  const parentIds = new Array<BigInt>(0);
  for (let i = 0; i < p.parents.length; i++) {
    parents.push(p.parents[i].toString());
    parentIds.push(p.parents[i]);
  }
  design.parents = parents;
  design.parentIds = parentIds;
  // Its first terms follow in the same transaction (TermsSet, version 1); its ancestors before them.
  design.termsVersion = 1;
  design.currentTerms = termsId(p.designId, BigInt.fromI32(1));
  design.ancestorCount = 0;
  design.ancestorShareBps = 0;
  design.derivativeCount = 0;
  design.licenceCount = 0;
  design.commonsLicenceCount = 0;
  design.commercialLicenceCount = 0;
  design.unitsReported = BigInt.zero();
  design.reportCount = 0;
  design.periodPaymentCount = 0;
  design.registeredAt = event.block.timestamp;
  design.registeredAtBlock = event.block.number;
  design.registeredTransaction = event.transaction.hash;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
}

/** Ancestors follow their design's DesignRegistered in the order of ancestorsOf. */
export function handleAncestorRecorded(event: AncestorRecorded): void {
  const p = event.params;
  const design = loadDesign(p.designId);
  const ancestorId = p.ancestorId.toString();
  const row = new DesignAncestor(childId(design.id, ancestorId));
  row.design = design.id;
  row.ancestor = ancestorId;
  row.ancestorProjectId = p.ancestorProjectId;
  row.shareBps = p.shareBps;
  row.position = design.ancestorCount;
  row.direct = design.parents.includes(ancestorId);
  stampEvent(row, event);
  row.save();

  design.ancestorCount += 1;
  design.ancestorShareBps += p.shareBps;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
  const ancestor = loadDesign(p.ancestorId);
  ancestor.derivativeCount += 1;
  ancestor.updatedAtTimestamp = event.block.timestamp;
  ancestor.save();
}

export function handleTermsSet(event: TermsSet): void {
  const p = event.params;
  const t = p.terms;
  const terms = new DesignTermsVersion(termsId(p.designId, p.version));
  terms.design = p.designId.toString();
  terms.version = p.version.toI32();
  terms.currency = t.currency;
  terms.feePerUnit = t.feePerUnit;
  terms.feePerPeriod = t.feePerPeriod;
  terms.periodLength = t.periodLength;
  terms.licenceDuration = t.licenceDuration;
  terms.derivativeShareBps = t.derivativeShareBps;
  terms.setBy = p.by;
  stampEvent(terms, event);
  terms.save();

  const design = loadDesign(p.designId);
  design.termsVersion = terms.version;
  design.currentTerms = terms.id;
  design.updatedAtTimestamp = event.block.timestamp;
  design.save();
}
