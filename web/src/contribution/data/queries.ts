// The contribution subgraph reader's GraphQL, one query per screen need, each paged or bounded (graph-node caps
// `first` at 1,000). No imports: web/e2e/subgraph-query.check.ts validates these strings against the schema under Node.

const INCOME_FIELDS = `incomeTokens incomeTotals(first: 8) { token received claimed }`;

const CONTRIBUTION_FIELDS = `
  contributionId contributorAccount submitter kind { kindId } quantity evidenceHash evidenceURI closesAt quorum minScore
  status medianScoreX2 points
  evaluations(first: 16, orderBy: index) { evaluatorAccount score commentHash }
`;

/** The project list: a page of projects after project id `$after`. */
export const PROJECTS_QUERY = `query ContributionProjects($first: Int!, $after: BigInt!) {
  projects(first: $first, orderBy: projectId, where: { projectId_gt: $after }) {
    projectId name totalPoints memberCount pendingCount acceptedCount ${INCOME_FIELDS}
  }
}`;

/** A project's header, kinds (at most 256), counts and income totals (at most 8 tokens). */
export const PROJECT_QUERY = `query ContributionProject($id: ID!) {
  project(id: $id) {
    projectId name metadataURI creator quorum evaluationWindow minScore totalPoints memberCount pendingCount
    acceptedCount contributionCount depositCount claimCount
    kinds(first: 256, orderBy: kindId) { kindId name weight active }
    ${INCOME_FIELDS}
  }
}`;

/**
 * One account's roles, points and income per token in a project (member id "<projectId>-<account in lower case>"),
 * and the project's income per point, from which what it can claim follows (at most 8 tokens each).
 */
export const MEMBER_QUERY = `query ContributionMember($id: ID!, $project: ID!) {
  member(id: $id) {
    account roles points
    incomes(first: 8) { token claimed debt }
  }
  project(id: $project) { incomeTokens incomeTotals(first: 8) { token accIncomePerPoint } }
}`;

/** The members with the most points (one page: the screens show the first N). */
export const MEMBERS_QUERY = `query ContributionMembers($project: String!, $first: Int!) {
  members(first: $first, orderBy: points, orderDirection: desc, where: { project: $project }) { account roles points }
}`;

/** The newest contributions before contribution id `$before`. */
export const CONTRIBUTIONS_QUERY = `query ContributionContributions($project: String!, $first: Int!, $before: BigInt!) {
  contributions(
    first: $first
    orderBy: contributionId
    orderDirection: desc
    where: { project: $project, contributionId_lt: $before }
  ) { ${CONTRIBUTION_FIELDS} }
}`;

/** One contributor's newest contributions before contribution id `$before`. */
export const CONTRIBUTIONS_BY_QUERY = `query ContributionContributionsBy(
  $project: String!
  $account: Bytes!
  $first: Int!
  $before: BigInt!
) {
  contributions(
    first: $first
    orderBy: contributionId
    orderDirection: desc
    where: { project: $project, contributorAccount: $account, contributionId_lt: $before }
  ) { ${CONTRIBUTION_FIELDS} }
}`;

/** Every pending contribution of a project, paged by id. */
export const PENDING_QUERY = `query ContributionPending($project: String!, $first: Int!, $after: ID!) {
  contributions(first: $first, orderBy: id, where: { project: $project, status: Pending, id_gt: $after }) {
    id ${CONTRIBUTION_FIELDS}
  }
}`;

/** The newest payments in and out of a project. */
export const PAYMENTS_QUERY = `query ContributionPayments($project: String!, $first: Int!) {
  incomeDeposits(first: $first, orderBy: id, orderDirection: desc, where: { project: $project }) {
    token from amount blockNumber transactionHash
  }
  incomeClaims(first: $first, orderBy: id, orderDirection: desc, where: { project: $project }) {
    token account amount blockNumber transactionHash
  }
}`;
