// The solidarity circles' GraphQL queries against subgraph/schema.graphql, one per screen need, every list paged
// (graph-node's first <= 1,000) by an id cursor; a list's filters go in one `where` variable of the entity's filter
// type (the cursor in it too), so that optional filters need no query variants. A members' page comes with its
// circle's index, levels and rules at the same block, so the browser settles each account exactly (settle.ts). No
// imports: the schema check (web/e2e/subgraph-query.check.ts) loads them under Node.

const CIRCLE_FIELDS = `
  circleId founder currency { currency }
  capMonths floorMonths maxGiftMonths minMembers maxMembers waitingPeriod levelChangeGap admissionVotes boardConfirmations
  levels(first: 8, orderBy: level) { level monthlyDeposit monthlyBenefit }
  board(first: 16, orderBy: account, where: { active: true }) { account }
  memberCount claimantCount candidateCount fundingWeight index pool burn coverMonths1e2
  deposited withdrawn leftPaid giftsPaid writtenOff claimCount
  foundedAt foundedAtBlock foundedTransaction
`;

/** What a settlement needs of a member's circle (settle.ts). */
const SETTLE_FIELDS = `index capMonths floorMonths levels(first: 8, orderBy: level) { level monthlyDeposit monthlyBenefit }`;

const MEMBER_FIELDS = `
  id account status level balance snapshot claimableFrom levelChangeableFrom
  deposited withdrawn leftWith received givenToOthers arrearsWrittenOff
  memberships joinedAt leftAt removed
  candidacy { round level status approvals requestedAt approvalList(first: 100, orderBy: id) { approver } }
  claim { claimId status }
`;

const CLAIM_FIELDS = `
  claimId claimantAccount buddy noteHash benefit maxMonths status buddyConfirmed boardConfirmations reportedAt
  startedAt monthsPaid received ended endedAt recovered withdrawn withdrawnAt
  confirmations(first: 20, orderBy: timestamp) { confirmer asBuddy timestamp }
`;

/** A page of circles by id, those `$where` holds (its `circleId_gt` the cursor). */
export const CIRCLES_QUERY = `query Circles($where: Circle_filter!, $first: Int!) {
  circles(first: $first, orderBy: circleId, where: $where) { ${CIRCLE_FIELDS} }
}`;

/** One circle (id: the circle id in decimal). */
export const CIRCLE_QUERY = `query Circle($id: ID!) {
  circle(id: $id) { ${CIRCLE_FIELDS} }
}`;

/**
 * A page of a circle's accounts by id ("<circle id>-<account>", so by account), those `$where` holds (its circle and
 * `id_gt` the cursor), with the circle's settlement figures.
 */
export const MEMBERS_QUERY = `query CircleMembers($circle: ID!, $where: CircleMember_filter!, $first: Int!) {
  circle(id: $circle) { ${SETTLE_FIELDS} }
  circleMembers(first: $first, orderBy: id, where: $where) { ${MEMBER_FIELDS} }
}`;

/** One account of a circle (id: "<circle id>-<account>"), with the circle's settlement figures. */
export const MEMBER_QUERY = `query CircleMember($circle: ID!, $id: ID!) {
  circle(id: $circle) { ${SETTLE_FIELDS} }
  circleMember(id: $id) { ${MEMBER_FIELDS} }
}`;

/** A page of claims newest first, those `$where` holds (its circle and `claimId_lt` the cursor). */
export const CLAIMS_QUERY = `query CircleClaims($where: CircleClaim_filter!, $first: Int!) {
  circleClaims(first: $first, orderBy: claimId, orderDirection: desc, where: $where) { ${CLAIM_FIELDS} }
}`;

/**
 * The changes of a circle's pool and burn newest first before an event id: the account entries that move money or
 * start and end a claim (`$entries`: the circle, the kinds, `id_lt` the cursor) and the gifts paid (`$gifts`), with the
 * circle's pool and burn now and its levels' benefits; the reader merges the two by id, walks back from now and cuts
 * the page.
 */
export const COVER_QUERY = `query CircleCover(
  $circle: ID!
  $entries: CircleAccountEntry_filter!
  $gifts: CircleGiftCollection_filter!
  $first: Int!
) {
  circle(id: $circle) { pool burn levels(first: 8, orderBy: level) { level monthlyBenefit } }
  circleAccountEntries(first: $first, orderBy: id, orderDirection: desc, where: $entries) {
    id kind amount level blockNumber timestamp
  }
  circleGiftCollections(first: $first, orderBy: id, orderDirection: desc, where: $gifts) {
    id amount blockNumber timestamp
  }
}`;
