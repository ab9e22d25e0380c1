// The resource module's GraphQL queries against subgraph/schema.graphql, one per screen need. No imports:
// web/e2e/subgraph-query.check.ts validates these strings against the schema under Node.

const META = `_meta { block { number timestamp } }`;

const RESOURCE_FIELDS = `
  id name unit firstSeasonStart seasonLength totalShares openedSeason lastAssessedSeason
  targetRate precautionaryBiomass limitBiomass maxRiseBps maxCutBps carryOverBps concentrationCapBps
  closedPeriodStarts closedPeriodEnds
`;

const POSITION_FIELDS = `holder seasonNumber settled seasonShares allocated carriedIn received sent landed entitlement carryLimit`;

/** Every resource (paged by id), with the indexed block. */
export const RESOURCES_QUERY = `query Resources($first: Int!, $after: ID!) {
  ${META}
  resources(first: $first, where: { id_gt: $after }, orderBy: id) { ${RESOURCE_FIELDS} }
}`;

/**
 * One stock: configuration, counts, its newest 1,000 seasons as stored (the reader derives the started, unopened
 * ones), active assessors and buyers.
 */
export const STOCK_QUERY = `query Stock($id: ID!, $resource: String!) {
  ${META}
  resource(id: $id) { ${RESOURCE_FIELDS} holderCount landingCount entitlementTransferCount }
  seasons(first: 1000, where: { resource: $resource }, orderBy: number, orderDirection: desc) {
    number assessed biomass ruleCap cap reportHash opened carryVoided carriedIn allocationPerShare carryLimitPerShare
    landed carryForward closed leftInSea
  }
  accreditations(first: 1000, where: { resource: $resource, active: true }, orderBy: id) { kind account }
}`;

/** A page of positions in one season, by holder address. */
export const POSITIONS_QUERY = `query Positions($first: Int!, $season: String!, $after: Bytes!) {
  holderSeasons(first: $first, where: { season: $season, holder_gt: $after }, orderBy: holder) { ${POSITION_FIELDS} }
}`;

/** Quota shares of some holders. */
export const SHARES_OF_QUERY = `query SharesOf($resource: String!, $holders: [Bytes!]!) {
  shareBalances(first: 1000, where: { resource: $resource, holder_in: $holders }) { holder balance }
}`;

/** A page of share holders, by address (before any season opened). */
export const SHARE_HOLDERS_QUERY = `query ShareHolders($first: Int!, $resource: String!, $after: Bytes!) {
  shareBalances(first: $first, where: { resource: $resource, balance_gt: "0", holder_gt: $after }, orderBy: holder) {
    holder balance
  }
}`;

/** One account: its shares and its latest seasonal position. */
export const HOLDING_QUERY = `query Holding($resource: String!, $holder: Bytes!, $balance: ID!) {
  shareBalance(id: $balance) { balance }
  holderSeasons(first: 1, where: { resource: $resource, holder: $holder }, orderBy: seasonNumber, orderDirection: desc) {
    ${POSITION_FIELDS}
  }
}`;

/** The buyers a holder allows. */
export const APPROVALS_QUERY = `query Approvals($resource: String!, $holder: Bytes!) {
  buyerApprovals(first: 1000, where: { resource: $resource, holder: $holder, approved: true }, orderBy: id) { buyer }
}`;

const LANDING_FIELDS = `index holder buyer seasonNumber amount ticket blockNumber transactionHash`;

const landingsQuery = (
  name: string,
  param: string,
  filter: string,
) => `query ${name}($first: Int!, $resource: String!, $before: Int!${param}) {
  landings(first: $first, where: { resource: $resource, index_lt: $before${filter} }, orderBy: index, orderDirection: desc) {
    ${LANDING_FIELDS}
  }
}`;

/** Landings newest first: all, of one holder, by one buyer. */
export const LANDINGS_QUERY = landingsQuery("Landings", "", "");
export const HOLDER_LANDINGS_QUERY = landingsQuery("HolderLandings", ", $holder: Bytes!", ", holder: $holder");
export const BUYER_LANDINGS_QUERY = landingsQuery("BuyerLandings", ", $buyer: Bytes!", ", buyer: $buyer");

/** Entitlement transfers newest first. */
export const TRANSFERS_QUERY = `query Transfers($first: Int!, $resource: String!, $before: Int!) {
  entitlementTransfers(first: $first, where: { resource: $resource, index_lt: $before }, orderBy: index, orderDirection: desc) {
    index from to seasonNumber amount blockNumber transactionHash
  }
}`;
