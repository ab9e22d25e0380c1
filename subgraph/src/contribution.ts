// Mapping of the contribution module (ContributionLedger). One handler per event of IContributionLedger;
// every balance is recomputed from events alone (the contract is evented for exactly that).
import { Address, BigDecimal, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  ContributionEvaluated,
  ContributionSettled,
  ContributionSubmitted,
  IncomeClaimed,
  IncomeDeposited,
  IncomeTokenAdded,
  KindActivationChanged,
  KindAdded,
  NoncesCancelled,
  PointsMinted,
  ProjectCreated,
  ProjectRoleGranted,
  ProjectRoleRevoked,
  ProjectUpdated,
} from "../generated/ContributionLedger/ContributionLedger";
import {
  Contribution,
  ContributionSignatureCancellation,
  Evaluation,
  IncomeClaim,
  IncomeDeposit,
  IncomeTotal,
  Kind,
  KindActivationChange,
  Member,
  PointsMint,
  Project,
  ProjectUpdate,
  RoleChange,
} from "../generated/schema";

// IContributionLedger constants and Status values.
const MEMBER_ROLE: i32 = 1;
const COORDINATOR_ROLE: i32 = 2;
const STATUS_ACCEPTED: i32 = 2;
const STATUS_REJECTED: i32 = 3;
const STATUS_EXPIRED: i32 = 4;

// ------------------------------------------------------------------------------------------------- ids

function projectKey(projectId: BigInt): string {
  return projectId.toString();
}

function kindKey(projectId: BigInt, kindId: i32): string {
  return projectId.toString() + "-" + kindId.toString();
}

function memberKey(projectId: BigInt, account: Address): string {
  return projectId.toString() + "-" + account.toHexString();
}

function incomeKey(projectId: BigInt, token: Address): string {
  return projectId.toString() + "-" + token.toHexString();
}

/** Id of an event-log entity: transaction hash ++ log index. */
function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

// ------------------------------------------------------------------------------------------- helpers

/** Loads a project; the contract emits nothing for unknown projects, so it always exists. */
function loadProject(projectId: BigInt): Project {
  return Project.load(projectKey(projectId))!;
}

function getOrCreateMember(projectId: BigInt, account: Address, event: ethereum.Event): Member {
  const id = memberKey(projectId, account);
  let member = Member.load(id);
  if (member == null) {
    member = new Member(id);
    member.project = projectKey(projectId);
    member.account = account;
    member.roles = 0;
    member.isMember = false;
    member.isCoordinator = false;
    member.points = BigInt.zero();
    member.contributionCount = 0;
    member.acceptedCount = 0;
    member.evaluationCount = 0;
    member.createdAtTimestamp = event.block.timestamp;
  }
  return member;
}

function createIncomeTotal(projectId: BigInt, token: Address, by: Address, event: ethereum.Event): IncomeTotal {
  const total = new IncomeTotal(incomeKey(projectId, token));
  total.project = projectKey(projectId);
  total.token = token;
  total.received = BigInt.zero();
  total.claimed = BigInt.zero();
  total.accIncomePerPoint = BigInt.zero();
  total.depositCount = 0;
  total.claimCount = 0;
  total.addedBy = by;
  total.addedAtTimestamp = event.block.timestamp;
  total.save();
  return total;
}

/** Applies a role change to a member and the project's role counters; returns the member (saved). */
function applyRoles(project: Project, member: Member, roles: i32): Member {
  const wasMember = (member.roles & MEMBER_ROLE) != 0;
  const wasCoordinator = (member.roles & COORDINATOR_ROLE) != 0;
  const isMember = (roles & MEMBER_ROLE) != 0;
  const isCoordinator = (roles & COORDINATOR_ROLE) != 0;
  if (isMember && !wasMember) project.memberCount += 1;
  if (!isMember && wasMember) project.memberCount -= 1;
  if (isCoordinator && !wasCoordinator) project.coordinatorCount += 1;
  if (!isCoordinator && wasCoordinator) project.coordinatorCount -= 1;
  member.roles = roles;
  member.isMember = isMember;
  member.isCoordinator = isCoordinator;
  member.save();
  return member;
}

function recordRoleChange(
  event: ethereum.Event,
  projectId: BigInt,
  member: Member,
  account: Address,
  role: i32,
  granted: boolean,
  by: Address,
): void {
  const change = new RoleChange(eventId(event));
  change.project = projectKey(projectId);
  change.member = member.id;
  change.account = account;
  change.role = role;
  change.granted = granted;
  change.by = by;
  change.rolesAfter = member.roles;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

// ------------------------------------------------------------------------------------------ projects

export function handleProjectCreated(event: ProjectCreated): void {
  const projectId = event.params.projectId;
  const project = new Project(projectKey(projectId));
  project.projectId = projectId;
  project.creator = event.params.creator;
  project.name = event.params.name;
  project.metadataURI = event.params.metadataURI;
  project.quorum = event.params.quorum;
  project.evaluationWindow = event.params.evaluationWindow;
  project.minScore = event.params.minScore;
  project.totalPoints = BigInt.zero();
  project.incomeTokens = [Address.zero() as Bytes];
  project.kindCount = 0;
  project.memberCount = 0;
  project.coordinatorCount = 0;
  project.contributionCount = 0;
  project.pendingCount = 0;
  project.acceptedCount = 0;
  project.rejectedCount = 0;
  project.expiredCount = 0;
  project.evaluationCount = 0;
  project.depositCount = 0;
  project.claimCount = 0;
  project.createdAtBlock = event.block.number;
  project.createdAtTimestamp = event.block.timestamp;
  project.createdTransaction = event.transaction.hash;
  project.updatedAtTimestamp = event.block.timestamp;
  project.save();
  // ETH (token address(0)) is always accepted as income.
  createIncomeTotal(projectId, Address.zero(), event.params.creator, event);
}

export function handleProjectUpdated(event: ProjectUpdated): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  project.metadataURI = event.params.metadataURI;
  project.quorum = event.params.quorum;
  project.evaluationWindow = event.params.evaluationWindow;
  project.minScore = event.params.minScore;
  project.updatedAtTimestamp = event.block.timestamp;
  project.save();

  const update = new ProjectUpdate(eventId(event));
  update.project = project.id;
  update.by = event.params.by;
  update.metadataURI = event.params.metadataURI;
  update.quorum = event.params.quorum;
  update.evaluationWindow = event.params.evaluationWindow;
  update.minScore = event.params.minScore;
  update.blockNumber = event.block.number;
  update.timestamp = event.block.timestamp;
  update.transactionHash = event.transaction.hash;
  update.save();
}

export function handleKindAdded(event: KindAdded): void {
  const projectId = event.params.projectId;
  const kind = new Kind(kindKey(projectId, event.params.kindId));
  kind.project = projectKey(projectId);
  kind.kindId = event.params.kindId;
  kind.name = event.params.name;
  kind.weight = event.params.weight;
  kind.active = true;
  kind.contributionCount = 0;
  kind.createdAtTimestamp = event.block.timestamp;
  kind.save();

  const project = loadProject(projectId);
  project.kindCount += 1;
  project.save();
}

export function handleKindActivationChanged(event: KindActivationChanged): void {
  const projectId = event.params.projectId;
  const kind = Kind.load(kindKey(projectId, event.params.kindId))!;
  kind.active = event.params.active;
  kind.save();

  const change = new KindActivationChange(eventId(event));
  change.project = projectKey(projectId);
  change.kind = kind.id;
  change.active = event.params.active;
  change.by = event.params.by;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleIncomeTokenAdded(event: IncomeTokenAdded): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  const tokens = project.incomeTokens;
  tokens.push(event.params.token);
  project.incomeTokens = tokens;
  project.save();
  createIncomeTotal(projectId, event.params.token, event.params.by, event);
}

export function handleProjectRoleGranted(event: ProjectRoleGranted): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  const member = getOrCreateMember(projectId, event.params.account, event);
  // `role` is a bit set: createProject grants MEMBER_ROLE | COORDINATOR_ROLE in one event.
  applyRoles(project, member, member.roles | event.params.role);
  project.save();
  recordRoleChange(event, projectId, member, event.params.account, event.params.role, true, event.params.by);
}

export function handleProjectRoleRevoked(event: ProjectRoleRevoked): void {
  const projectId = event.params.projectId;
  const project = loadProject(projectId);
  const member = getOrCreateMember(projectId, event.params.account, event);
  applyRoles(project, member, member.roles & ~event.params.role);
  project.save();
  recordRoleChange(event, projectId, member, event.params.account, event.params.role, false, event.params.by);
}

// ------------------------------------------------------------------------------------- contributions

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
  c.status = "Pending";
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
  evaluation.blockNumber = event.block.number;
  evaluation.timestamp = event.block.timestamp;
  evaluation.transactionHash = event.transaction.hash;
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
  if (status == STATUS_ACCEPTED) {
    c.status = "Accepted";
    project.acceptedCount += 1;
    const member = getOrCreateMember(event.params.projectId, event.params.contributor, event);
    member.acceptedCount += 1;
    member.save();
  } else if (status == STATUS_REJECTED) {
    c.status = "Rejected";
    project.rejectedCount += 1;
  } else if (status == STATUS_EXPIRED) {
    c.status = "Expired";
    project.expiredCount += 1;
  }
  if (status != STATUS_EXPIRED) {
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

  const mint = new PointsMint(eventId(event));
  mint.project = project.id;
  mint.member = member.id;
  mint.account = event.params.member;
  mint.contribution = event.params.contributionId.toString();
  mint.points = event.params.points;
  mint.totalPoints = event.params.totalPoints;
  mint.memberPoints = member.points;
  mint.blockNumber = event.block.number;
  mint.timestamp = event.block.timestamp;
  mint.transactionHash = event.transaction.hash;
  mint.save();
}

// --------------------------------------------------------------------------------------------- income

export function handleIncomeDeposited(event: IncomeDeposited): void {
  const projectId = event.params.projectId;
  const total = IncomeTotal.load(incomeKey(projectId, event.params.token))!;
  total.received = total.received.plus(event.params.amount);
  total.accIncomePerPoint = event.params.accIncomePerPoint;
  total.depositCount += 1;
  total.save();
  const project = loadProject(projectId);
  project.depositCount += 1;
  project.save();

  const deposit = new IncomeDeposit(eventId(event));
  deposit.project = project.id;
  deposit.incomeTotal = total.id;
  deposit.token = event.params.token;
  deposit.from = event.params.from;
  deposit.amount = event.params.amount;
  deposit.accIncomePerPoint = event.params.accIncomePerPoint;
  deposit.totalPoints = event.params.totalPoints;
  deposit.blockNumber = event.block.number;
  deposit.timestamp = event.block.timestamp;
  deposit.transactionHash = event.transaction.hash;
  deposit.save();
}

export function handleIncomeClaimed(event: IncomeClaimed): void {
  const projectId = event.params.projectId;
  const total = IncomeTotal.load(incomeKey(projectId, event.params.token))!;
  total.claimed = total.claimed.plus(event.params.amount);
  total.claimCount += 1;
  total.save();
  const project = loadProject(projectId);
  project.claimCount += 1;
  project.save();
  const member = getOrCreateMember(projectId, event.params.member, event);
  member.save();

  const claim = new IncomeClaim(eventId(event));
  claim.project = project.id;
  claim.incomeTotal = total.id;
  claim.token = event.params.token;
  claim.member = member.id;
  claim.account = event.params.member;
  claim.amount = event.params.amount;
  claim.blockNumber = event.block.number;
  claim.timestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();
}

export function handleNoncesCancelled(event: NoncesCancelled): void {
  // The ledger checks that the project exists; the contributor need not be a member.
  const entry = new ContributionSignatureCancellation(eventId(event));
  entry.project = loadProject(event.params.projectId).id;
  entry.contributor = event.params.contributor;
  entry.fromNonce = event.params.fromNonce;
  entry.nextNonce = event.params.nextNonce;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
}
