// The credit module's GraphQL queries against subgraph/schema.graphql, one per screen need, every growing list paged
// (graph-node's first <= 1,000: by an id cursor, or payments by a block cursor). No imports: the schema check
// (web/e2e/subgraph-query.check.ts) loads them under Node.

const MEMBER = `account status clearingConsent liquidityConsent netPosition creditPosition creditLimitGiven creditLimitReceived`;
const LINE = `id giver { account } receiver { account } limit pendingOffer used`;
const PAIR = `id low { account } high { account } balance`;
const OBLIGATION = `id obligationId debtor { account } creditor { account } amount remaining dueDate ref status
    proposer { account } cancelRequestedBy clearedTotal paidTotal createdAtBlock
    bridgeOf { id index solutionId } bridgeSettledBy { id }`;
const PAYMENT = `id from { account } to { account } amount hopCount memo blockNumber transactionHash
    hops(first: 32, orderBy: hopIndex) { payer { account } payee { account } }
    obligationPayments(first: 1) { obligation { obligationId } }`;

/** The headline figures (My credit's summary, the page header, the Members screen's stewards). */
export const CREDIT_INFO_QUERY = `query CreditInfo($network: ID!) {
  creditNetwork(id: $network) {
    name symbol decimals stewards outstanding netInternalDebt obligationCount openObligationCount epochCount
    activeMemberCount suspendedMemberCount openLineCount totalCreditLimit creditInUse
  }
  _meta { block { number } }
}`;

/** One member's standing (My credit, the header, Clearing's consent). */
export const CREDIT_MEMBER_QUERY = `query CreditMember($member: ID!) {
  creditMember(id: $member) { ${MEMBER} }
}`;

/** The lines a member gives, a page. */
export const LINES_GIVEN_QUERY = `query LinesGiven($member: String!, $first: Int!, $after: ID!) {
  creditLines(first: $first, orderBy: id, where: { id_gt: $after, giver: $member }) { ${LINE} }
}`;

/** The lines a member receives, a page. */
export const LINES_RECEIVED_QUERY = `query LinesReceived($member: String!, $first: Int!, $after: ID!) {
  creditLines(first: $first, orderBy: id, where: { id_gt: $after, receiver: $member }) { ${LINE} }
}`;

/** A member's balances where it is the lower address of the pair, a page. */
export const PAIRS_LOW_QUERY = `query PairsLow($member: String!, $first: Int!, $after: ID!) {
  creditPairs(first: $first, orderBy: id, where: { id_gt: $after, low: $member }) { ${PAIR} }
}`;

/** A member's balances where it is the higher address of the pair, a page. */
export const PAIRS_HIGH_QUERY = `query PairsHigh($member: String!, $first: Int!, $after: ID!) {
  creditPairs(first: $first, orderBy: id, where: { id_gt: $after, high: $member }) { ${PAIR} }
}`;

/** A member's obligations as debtor, a page. */
export const OBLIGATIONS_OWED_QUERY = `query ObligationsOwed($member: String!, $first: Int!, $after: ID!) {
  obligations(first: $first, orderBy: id, where: { id_gt: $after, debtor: $member }) { ${OBLIGATION} }
}`;

/** A member's obligations as creditor, a page. */
export const OBLIGATIONS_DUE_QUERY = `query ObligationsDue($member: String!, $first: Int!, $after: ID!) {
  obligations(first: $first, orderBy: id, where: { id_gt: $after, creditor: $member }) { ${OBLIGATION} }
}`;

/** Admitted members, a page (Members, the member pickers, the payment graph). */
export const MEMBERS_QUERY = `query CreditMembers($first: Int!, $after: ID!) {
  creditMembers(first: $first, orderBy: id, where: { id_gt: $after, status_in: [Active, Suspended] }) {
    id ${MEMBER}
  }
}`;

/** Lines with an accepted limit, a page (the payment graph). */
export const OPEN_LINES_QUERY = `query OpenLines($first: Int!, $after: ID!) {
  creditLines(first: $first, orderBy: id, where: { id_gt: $after, limit_gt: "0" }) { ${LINE} }
}`;

/** Pairs where the lower address holds a claim, a page (the payment graph). */
export const PAIRS_POSITIVE_QUERY = `query PairsPositive($first: Int!, $after: ID!) {
  creditPairs(first: $first, orderBy: id, where: { id_gt: $after, balance_gt: "0" }) { ${PAIR} }
}`;

/** Pairs where the higher address holds a claim, a page (the payment graph). */
export const PAIRS_NEGATIVE_QUERY = `query PairsNegative($first: Int!, $after: ID!) {
  creditPairs(first: $first, orderBy: id, where: { id_gt: $after, balance_lt: "0" }) { ${PAIR} }
}`;

/** Open obligations between members who both consent to clearing, a page (the clearing solver's input). */
export const CLEARABLE_QUERY = `query Clearable($first: Int!, $after: ID!) {
  obligations(
    first: $first
    orderBy: id
    where: {
      id_gt: $after
      status: Open
      remaining_gt: "0"
      debtor_: { clearingConsent: true }
      creditor_: { clearingConsent: true }
    }
  ) { ${OBLIGATION} }
}`;

/** Lines offered as clearing liquidity (giver offers it and consents, receiver consents, both active), a page. */
export const LIQUIDITY_LINES_QUERY = `query LiquidityLines($first: Int!, $after: ID!) {
  creditLines(
    first: $first
    orderBy: id
    where: {
      id_gt: $after
      limit_gt: "0"
      giver_: { status: Active, clearingConsent: true, liquidityConsent: true }
      receiver_: { status: Active, clearingConsent: true }
    }
  ) { ${LINE} pair { low { account } balance } }
}`;

/** The newest clearing epochs (the count is in the headline figures). */
export const EPOCHS_QUERY = `query ClearingEpochs($first: Int!) {
  clearingEpoches(first: $first, orderBy: epoch, orderDirection: desc) {
    epoch operator solutionId obligationsBefore cleared movedToCredit netInternalDebt setOffCount outstandingAfter
    part { index bridge { obligationId } bridgeAmount settledBridge { obligationId } }
    blockNumber transactionHash
  }
}`;

/** The newest payments before a block. */
export const PAYMENTS_QUERY = `query Payments($first: Int!, $before: BigInt!) {
  payments(first: $first, orderBy: id, orderDirection: desc, where: { blockNumber_lt: $before }) {
    ${PAYMENT}
  }
}`;

/** The newest payments a member sent before a block. */
export const PAYMENTS_SENT_QUERY = `query PaymentsSent($member: String!, $first: Int!, $before: BigInt!) {
  payments(first: $first, orderBy: id, orderDirection: desc, where: { blockNumber_lt: $before, from: $member }) {
    ${PAYMENT}
  }
}`;

/** The newest payments a member received before a block. */
export const PAYMENTS_RECEIVED_QUERY = `query PaymentsReceived($member: String!, $first: Int!, $before: BigInt!) {
  payments(first: $first, orderBy: id, orderDirection: desc, where: { blockNumber_lt: $before, to: $member }) {
    ${PAYMENT}
  }
}`;

/** Every payment of one block (completes a page at its oldest block). */
export const PAYMENTS_IN_BLOCK_QUERY = `query PaymentsInBlock($block: BigInt!, $first: Int!) {
  payments(first: $first, orderBy: id, orderDirection: desc, where: { blockNumber: $block }) {
    ${PAYMENT}
  }
}`;
