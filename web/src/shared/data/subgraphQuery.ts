// The dApp's GraphQL queries against subgraph/schema.graphql. No imports: web/e2e/subgraph-query.check.ts
// validates these strings against the schema under Node.
export const PROJECT_FIELDS = `
  id name metadataURI creator quorum evaluationWindow minScore totalPoints incomeTokens
  kinds(first: 256, orderBy: kindId) { kindId name weight active }
  members(first: 1000) { account roles points }
  contributions(first: 1000, orderBy: contributionId, orderDirection: desc) {
    contributionId contributorAccount submitter kind { kindId } quantity evidenceHash evidenceURI closesAt quorum minScore
    status medianScoreX2 points
    evaluations(first: 16, orderBy: index) { evaluatorAccount score commentHash }
  }
  incomeTotals(first: 8) {
    token received claimed
    deposits(first: 100, orderBy: blockNumber, orderDirection: desc) { from amount blockNumber transactionHash }
    claims(first: 100, orderBy: blockNumber, orderDirection: desc) { account amount blockNumber transactionHash }
  }
`;

export const PROJECTS_QUERY = `query Projects { projects(first: 1000, orderBy: projectId) { ${PROJECT_FIELDS} } }`;

export const PROJECT_QUERY = `query Project($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
