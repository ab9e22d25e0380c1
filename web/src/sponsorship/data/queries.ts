// The sponsorship module's GraphQL queries against subgraph/schema.graphql, one per screen need, every list paged
// (graph-node's first <= 1,000) by an id cursor. No imports: the schema check (web/e2e/subgraph-query.check.ts) and the
// mapping test (subgraph/test/sponsorship.test.ts) load them under Node.

/** Settings and totals of the paymaster (id: its lower-case address). */
export const PAYMASTER_QUERY = `query PaymasterInfo($paymaster: ID!) {
  paymaster(id: $paymaster) {
    owner pendingOwner defaultBudget coordinatorBudgetCap sponsoredCount totalSpent ownBudgetCount allowedTargetCount
  }
}`;

/** The periods between two indexes (inclusive) in which the paymaster paid anything, oldest first. */
export const PERIODS_QUERY = `query GasPeriods($from: BigInt!, $to: BigInt!, $first: Int!) {
  gasPeriods(first: $first, orderBy: period, where: { period_gte: $from, period_lte: $to }) {
    period spent count memberCount
  }
}`;

/** Members' spending in one period, a page by id ("<period>-<member>": by member within the period). */
export const SPENDING_QUERY = `query GasSpending($period: BigInt!, $first: Int!, $after: ID!) {
  gasSpendings(first: $first, orderBy: id, where: { period: $period, id_gt: $after }) {
    id member period spent count
  }
}`;

/** Sponsored operations, newest first, a page before an event id. */
export const SPONSORSHIPS_QUERY = `query GasSponsorships($first: Int!, $before: Bytes!) {
  gasSponsorships(first: $first, orderBy: id, orderDirection: desc, where: { id_lt: $before }) {
    id member period cost blockNumber transactionHash
  }
}`;

/** Members with a budget of their own, a page by id (the member's address). */
export const BUDGETS_QUERY = `query GasBudgets($first: Int!, $after: ID!) {
  gasBudgets(first: $first, orderBy: id, where: { id_gt: $after, own: true }) {
    id member amount setBy updatedAtBlock
  }
}`;

/** The allowed call targets, a page by id (the target's address). */
export const TARGETS_QUERY = `query GasCallTargets($first: Int!, $after: ID!) {
  gasCallTargets(first: $first, orderBy: id, where: { id_gt: $after, allowed: true }) {
    id target updatedAtBlock
  }
}`;
