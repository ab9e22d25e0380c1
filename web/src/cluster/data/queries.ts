// The cluster exchange's GraphQL queries against subgraph/schema.graphql, one per screen need, every list paged
// (graph-node's first <= 1,000) by an id cursor; a list's filters go in one `where` variable of the entity's filter
// type (the cursor in it too), so that optional filters need no query variants. No imports: the schema check
// (web/e2e/subgraph-query.check.ts) and the mapping test (subgraph/test/cluster.test.ts) load them under Node.

const INTENT_FIELDS = `
  intentId owner side category unit unitBytes designId spec quantity price start end lat lon maxDistance
  matched remaining active version orderCount postedAt postedAtBlock postedTransaction withdrawnAt
  changes(first: 1, orderBy: id, orderDirection: desc) { timestamp }
`;

const ORDER_FIELDS = `
  orderId offerId needId producer buyer designId quantity price matchedAt dueBy promisedAt shippedAt state
  offer { category unit unitBytes lat lon }
  acceptedAt inProductionAt deliveredAt cancelledAt disputedAt
  deliveredQuantity amount obligationId deliveredBy disputeReason productionReportSkipped cancelledBy returned
  matchedAtBlock matchedTransaction
`;

/** The exchange's totals (id: its lower-case address; null before its first event). */
export const EXCHANGE_QUERY = `query ClusterExchange($exchange: ID!) {
  clusterExchange(id: $exchange) {
    intentCount offerCount needCount activeOfferCount activeNeedCount orderCount
    matchedOrderCount acceptedOrderCount inProductionOrderCount shippedOrderCount deliveredOrderCount
    cancelledOrderCount disputedOrderCount
    quantityMatched quantityReturned quantityDelivered obligationCount creditSettled
  }
}`;

/** The category boards, a page by id ("<category>-<unit hex>"). */
export const CATEGORIES_QUERY = `query ClusterCategories($first: Int!, $after: ID!) {
  clusterCategories(first: $first, orderBy: id, where: { id_gt: $after }) {
    id category unit unitBytes activeOfferCount activeNeedCount openOfferQuantity openNeedQuantity matchedQuantity
    deliveredQuantity orderCount
  }
}`;

/** A page of intents newest first, those `$where` holds (its `intentId_lt` the cursor). */
export const INTENTS_QUERY = `query ClusterIntents($where: ClusterIntent_filter!, $first: Int!) {
  clusterIntents(first: $first, orderBy: intentId, orderDirection: desc, where: $where) {
    ${INTENT_FIELDS}
  }
}`;

/** One intent (id: the intent id in decimal). */
export const INTENT_QUERY = `query ClusterIntent($id: ID!) {
  clusterIntent(id: $id) { ${INTENT_FIELDS} }
}`;

/** A page of orders newest first, those `$where` holds (its `orderId_lt` the cursor). */
export const ORDERS_QUERY = `query ClusterOrders($where: ClusterOrder_filter!, $first: Int!) {
  clusterOrders(first: $first, orderBy: orderId, orderDirection: desc, where: $where) {
    ${ORDER_FIELDS}
  }
}`;

/**
 * One order with its steps in chain order (id: the order id in decimal). An order takes at most 6 steps (matched,
 * accepted, in production, shipped, disputed, then delivered or cancelled): one page holds them all.
 */
export const ORDER_QUERY = `query ClusterOrder($id: ID!) {
  clusterOrder(id: $id) {
    ${ORDER_FIELDS}
    steps(first: 10, orderBy: id) {
      state actor at promisedAt quantity amount obligationId reason blockNumber transactionHash
    }
  }
}`;
