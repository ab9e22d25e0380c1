// The design commons' GraphQL queries against subgraph/schema.graphql, one per screen need, every list paged
// (graph-node's first <= 1,000) by an id cursor. No imports: the schema check (web/e2e/subgraph-query.check.ts) and the
// mapping test (subgraph/test/commons.test.ts) load them under Node.

const TERMS_FIELDS = `version currency feePerUnit feePerPeriod periodLength licenceDuration derivativeShareBps setBy
  blockNumber`;

const DESIGN_FIELDS = `
  designId projectId registrant contentHash metadataURI name tags parentIds
  currentTerms { ${TERMS_FIELDS} }
  ancestorCount ancestorShareBps derivativeCount licenceCount commonsLicenceCount commercialLicenceCount unitsReported
  registeredAt registeredAtBlock registeredTransaction
`;

const LICENCE_FIELDS = `
  licenceId design { designId } licensee tier termsVersion currency takenAt expiresAt paidUntil unitsReported feesPaid
  reportCount periodPaymentCount feesOwed operatorReportCount owedPaymentCount transactionHash
`;

/** The registry's settings and counts (id: its lower-case address). */
export const REGISTRY_QUERY = `query CommonsRegistry($registry: ID!) {
  commonsRegistry(id: $registry) {
    owner pendingOwner designCount derivativeCount licenceCount commonsLicenceCount commercialLicenceCount
    accreditedCount
  }
}`;

/** The books per currency, a page by id (the lower-case currency). */
export const CURRENCIES_QUERY = `query CommonsCurrencies($first: Int!, $after: ID!) {
  commonsCurrencyTotals(first: $first, orderBy: id, where: { id_gt: $after }) {
    id currency feesPaid ancestorShares projectShares held released deposited
  }
}`;

/** A page of designs newest first before design id `$before`, those matching `filter` (on the variables `vars`). */
const designsQuery = (
  name: string,
  vars: string,
  filter: string,
) => `query ${name}(${vars}, $first: Int!, $before: BigInt!) {
  designs(first: $first, orderBy: designId, orderDirection: desc, where: { ${filter}, designId_lt: $before }) {
    ${DESIGN_FIELDS}
  }
}`;

/** Designs whose search text holds `$search` (already trimmed and lower-case), newest first, before a design id. */
export const DESIGNS_QUERY = designsQuery("Designs", "$search: String!", "search_contains: $search");

/** The designs naming `$parent` (a design id in decimal) as a parent, newest first, before a design id. */
export const DERIVATIVES_QUERY = designsQuery("DesignDerivatives", "$parent: String!", "parents_contains: [$parent]");

/** A project's designs, newest first, before a design id. */
export const PROJECT_DESIGNS_QUERY = designsQuery("ProjectDesigns", "$projectId: BigInt!", "projectId: $projectId");

/** One design with its ancestors (at most 8, in ancestorsOf order) and each one's name and parents. */
export const DESIGN_QUERY = `query Design($id: ID!) {
  design(id: $id) {
    ${DESIGN_FIELDS}
    ancestors(first: 8, orderBy: position) {
      ancestor { designId projectId name parentIds }
      ancestorProjectId shareBps direct
    }
  }
}`;

/** A design's terms versions, a page by id ("<design id>-<version>"). */
export const TERMS_QUERY = `query DesignTerms($design: String!, $first: Int!, $after: ID!) {
  designTermsVersions(first: $first, orderBy: id, where: { design: $design, id_gt: $after }) {
    id ${TERMS_FIELDS}
  }
}`;

/** A design's fee books, a page by id ("<design id>-<currency>"). */
export const FEES_QUERY = `query DesignFees($design: String!, $first: Int!, $after: ID!) {
  designFeeTotals(first: $first, orderBy: id, where: { design: $design, id_gt: $after }) {
    id currency feesPaid ancestorShares projectShares fromDerivatives
  }
}`;

/** What each ancestor of a design received of its fees, a page by id ("<design>-<ancestor>-<currency>"). */
export const ANCESTOR_SHARES_QUERY = `query DesignAncestorShares($design: String!, $first: Int!, $after: ID!) {
  ancestorShareTotals(first: $first, orderBy: id, where: { design: $design, id_gt: $after }) {
    id ancestor { designId } currency amount
  }
}`;

/** A page of licences newest first before licence id `$before`, those matching `filter` (on the variables `vars`). */
const licencesQuery = (
  name: string,
  vars: string,
  filter: string,
) => `query ${name}(${vars}, $first: Int!, $before: BigInt!) {
  licences(first: $first, orderBy: licenceId, orderDirection: desc, where: { ${filter}, licenceId_lt: $before }) {
    ${LICENCE_FIELDS}
  }
}`;

/** The licences on a design, newest first, before a licence id. */
export const LICENCES_QUERY = licencesQuery("DesignLicences", "$design: String!", "design: $design");

/** One account's licences, newest first, before a licence id. */
export const LICENCES_OF_QUERY = licencesQuery("LicencesOf", "$licensee: Bytes!", "licensee: $licensee");

/** One licence (id: the licence id in decimal). */
export const LICENCE_QUERY = `query Licence($id: ID!) {
  licence(id: $id) { ${LICENCE_FIELDS} }
}`;

/**
 * A design's production reports, period payments, report operators' reports and payments of owed fees, each newest
 * first before an event id: the reader merges the four by id and cuts the page.
 */
export const PAYMENTS_QUERY = `query DesignPayments($design: String!, $first: Int!, $before: Bytes!) {
  productionReports(first: $first, orderBy: id, orderDirection: desc, where: { design: $design, id_lt: $before }) {
    id licence { licenceId } licensee units fee currency blockNumber transactionHash
  }
  periodPayments(first: $first, orderBy: id, orderDirection: desc, where: { design: $design, id_lt: $before }) {
    id licence { licenceId } licensee periods fee currency blockNumber transactionHash
  }
  operatorProductionReports(
    first: $first
    orderBy: id
    orderDirection: desc
    where: { design: $design, id_lt: $before }
  ) {
    id licence { licenceId } licensee operator ref units fee currency blockNumber transactionHash
  }
  owedFeesPayments(first: $first, orderBy: id, orderDirection: desc, where: { design: $design, id_lt: $before }) {
    id licence { licenceId } licensee fee currency blockNumber transactionHash
  }
}`;

/** The accredited entities, a page by id (the lower-case address). */
export const ENTITIES_QUERY = `query CommonsEntities($first: Int!, $after: ID!) {
  commonsEntities(first: $first, orderBy: id, where: { id_gt: $after, accredited: true }) {
    id entity accredited uri accreditedAt revokedAt
  }
}`;

/** One account's accreditation (id: its lower-case address). */
export const ENTITY_QUERY = `query CommonsEntity($id: ID!) {
  commonsEntity(id: $id) { id entity accredited uri accreditedAt revokedAt }
}`;

/** A project's licence income per currency, a page by id ("<project id>-<currency>"). */
export const PROJECT_INCOME_QUERY = `query ProjectLicenceIncome($projectId: BigInt!, $first: Int!, $after: ID!) {
  projectLicenceIncomes(first: $first, orderBy: id, where: { projectId: $projectId, id_gt: $after }) {
    id currency fromOwnDesigns fromDerivatives deposited held
  }
}`;
