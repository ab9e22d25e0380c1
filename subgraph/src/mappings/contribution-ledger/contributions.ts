// Contributions: submission, evaluations, settlement, the points they mint (and the income debt new points carry)
// and cancelled signatures.
import { BigDecimal, BigInt } from "@graphprotocol/graph-ts";
import {
  ContributionEvaluated,
  ContributionSettled,
  ContributionSubmitted,
  NoncesCancelled,
  PointsMinted,
} from "../../../generated/ContributionLedger/ContributionLedger";
import {
  Contribution,
  ContributionSignatureCancellation,
  Evaluation,
  IncomeTotal,
  Kind,
  PointsMint,
  Project,
} from "../../../generated/schema";
import { contributionLedger } from "../../utils/constants.generated";
import { eventId, stampEvent } from "../../utils/events";
import { childId } from "../../utils/ids";
import { getOrCreateMember, getOrCreateMemberIncome, kindKey, loadProject } from "./entities";

export function handleContributionSubmitted(event: ContributionSubmitted): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  const member = getOrCreateMember(projectId, event.params.contributor, event);
  const kind = Kind.load(kindKey(projectId, event.params.kindId))!;

  const c = new Contribution(event.params.contributionId.toString());
  c.contributionId = event.params.contributionId;
  c.project = project.id;
  c.kind = kind.id;
  c.contributor = member.id;
  c.contributorAccount = event.params.contributor;
  c.submitter = event.params.submitter;
  c.relayed = !event.params.submitter.equals(event.params.contributor);
  c.quantity = event.params.quantity;
  c.evidenceHash = event.params.evidenceHash;
  c.evidenceURI = event.params.evidenceURI;
  c.closesAt = event.params.closesAt;
  // The contract snapshots the project's policy at submission; so does the subgraph.
  c.quorum = project.quorum;
  c.minScore = project.minScore;
  c.status = contributionLedger.StatusNames[contributionLedger.Status.Pending];
  c.evaluationCount = 0;
  c.scores = [];
  c.points = BigInt.zero();
  c.submittedAtBlock = event.block.number;
  c.submittedAtTimestamp = event.block.timestamp;
  c.submittedTransaction = event.transaction.hash;
  c.save();

  member.contributionCount += 1;
  member.save();
  kind.contributionCount += 1;
  kind.save();
  project.contributionCount += 1;
  project.pendingCount += 1;
  project.save();
}

export function handleContributionEvaluated(event: ContributionEvaluated): void {
  const c = Contribution.load(event.params.contributionId.toString())!;
  const project = Project.load(c.project)!;
  const member = getOrCreateMember(project.projectId, event.params.evaluator, event);

  const evaluation = new Evaluation(c.id + "-" + event.params.evaluator.toHexString());
  evaluation.contribution = c.id;
  evaluation.project = c.project;
  evaluation.evaluator = member.id;
  evaluation.evaluatorAccount = event.params.evaluator;
  evaluation.score = event.params.score;
  evaluation.commentHash = event.params.commentHash;
  evaluation.index = c.evaluationCount;
  stampEvent(evaluation, event);
  evaluation.save();

  const scores = c.scores;
  scores.push(event.params.score);
  c.scores = scores;
  c.evaluationCount += 1;
  c.save();

  member.evaluationCount += 1;
  member.save();
  project.evaluationCount += 1;
  project.save();
}

export function handleContributionSettled(event: ContributionSettled): void {
  const c = Contribution.load(event.params.contributionId.toString())!;
  const project = loadProject(event.params.projectId);
  const status = event.params.status;
  c.medianScoreX2 = event.params.medianScoreX2;
  c.points = event.params.points;
  c.settledAtTimestamp = event.block.timestamp;
  c.settledTransaction = event.transaction.hash;
  project.pendingCount -= 1;
  c.status = contributionLedger.StatusNames[status];
  if (status == contributionLedger.Status.Accepted) {
    project.acceptedCount += 1;
    const member = getOrCreateMember(event.params.projectId, event.params.contributor, event);
    member.acceptedCount += 1;
    member.save();
  } else if (status == contributionLedger.Status.Rejected) {
    project.rejectedCount += 1;
  } else if (status == contributionLedger.Status.Expired) {
    project.expiredCount += 1;
  }
  if (status != contributionLedger.Status.Expired) {
    c.medianScore = BigDecimal.fromString(event.params.medianScoreX2.toString()).div(BigDecimal.fromString("2"));
  }
  c.save();
  project.save();
}

export function handlePointsMinted(event: PointsMinted): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  project.totalPoints = event.params.totalPoints;
  project.save();
  const member = getOrCreateMember(projectId, event.params.member, event);
  member.points = member.points.plus(event.params.points);
  member.save();
  // As the ledger's _mintPoints: for every income token the member's debt grows by ceil(points * acc / 1e18), so the
  // new points earn only income that arrives later.
  const scale = BigInt.fromI32(10).pow(18);
  const tokens = project.incomeTokens;
  for (let i = 0; i < tokens.length; i++) {
    const total = IncomeTotal.load(childId(project.id, tokens[i].toHexString()))!;
    if (total.accIncomePerPoint.isZero()) continue;
    const owed = event.params.points.times(total.accIncomePerPoint);
    const income = getOrCreateMemberIncome(projectId, member, tokens[i]);
    income.debt = income.debt.plus(owed.plus(scale).minus(BigInt.fromI32(1)).div(scale));
    income.save();
  }

  const mint = new PointsMint(eventId(event));
  mint.project = project.id;
  mint.member = member.id;
  mint.account = event.params.member;
  mint.contribution = event.params.contributionId.toString();
  mint.points = event.params.points;
  mint.totalPoints = event.params.totalPoints;
  mint.memberPoints = member.points;
  stampEvent(mint, event);
  mint.save();
}

export function handleNoncesCancelled(event: NoncesCancelled): void {
  // The ledger checks that the project exists; the contributor need not be a member.
  const entry = new ContributionSignatureCancellation(eventId(event));
  entry.project = loadProject(event.params.projectId).id;
  entry.contributor = event.params.contributor;
  entry.fromNonce = event.params.fromNonce;
  entry.nextNonce = event.params.nextNonce;
  stampEvent(entry, event);
  entry.save();
}
