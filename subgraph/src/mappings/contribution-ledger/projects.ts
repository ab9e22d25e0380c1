// Projects, their kinds, income tokens and members' project roles.
import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts";
import {
  IncomeTokenAdded,
  KindActivationChanged,
  KindAdded,
  ProjectCreated,
  ProjectRoleGranted,
  ProjectRoleRevoked,
  ProjectUpdated,
} from "../../../generated/ContributionLedger/ContributionLedger";
import { Kind, KindActivationChange, Project, ProjectUpdate } from "../../../generated/schema";
import { eventId, stampEvent } from "../../utils/events";
import {
  applyRoles,
  createIncomeTotal,
  getOrCreateMember,
  kindKey,
  loadProject,
  projectKey,
  recordRoleChange,
} from "./entities";

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
  stampEvent(update, event);
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
  stampEvent(change, event);
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
