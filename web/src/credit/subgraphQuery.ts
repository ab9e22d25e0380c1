// The credit module's GraphQL query against subgraph/schema.graphql (the credit entities). No imports:
// web/e2e/subgraph-query.check.ts validates it against the schema under Node.
export const CREDIT_QUERY = `query Credit($network: ID!) {
  creditNetwork(id: $network) { name symbol decimals stewards outstanding netInternalDebt obligationCount epochCount }
  creditMembers(first: 1000) { account status clearingConsent liquidityConsent netPosition creditPosition }
  creditLines(first: 1000) { giver { account } receiver { account } limit pendingOffer used }
  creditPairs(first: 1000) { low { account } high { account } balance }
  obligations(first: 1000, orderBy: obligationId, orderDirection: desc) {
    obligationId debtor { account } creditor { account } amount remaining dueDate ref status proposer { account }
    cancelRequestedBy clearedTotal paidTotal createdAtBlock
  }
  clearingEpoches(first: 1000, orderBy: epoch, orderDirection: asc) {
    epoch operator solutionId obligationsBefore cleared movedToCredit netInternalDebt setOffCount blockNumber
    transactionHash
  }
  payments(first: 500, orderBy: blockNumber, orderDirection: desc) {
    from { account } to { account } amount hopCount memo blockNumber transactionHash
    hops(first: 32, orderBy: hopIndex) { payer { account } payee { account } }
    obligationPayments(first: 1) { obligation { obligationId } }
  }
}`;
