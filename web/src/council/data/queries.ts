// The council's GraphQL queries against the subgraph (subgraph/schema.graphql), one per screen need; no imports, so
// web/e2e/subgraph-query.check.ts validates them under Node. Collections that can grow are paged by id
// (`$first`, `$after`), proposals by their number, newest first.

const SEAT = `id seatId delegation active seatedAt unseatedAt member { account votes delegate }`;

const QUORUM_CHANGE = `id newValue timestamp`;

const TIMING = `id number state voteStart voteEnd eta forVotes againstVotes abstainVotes quorum majority passing
    timelockOperation { status }`;

/**
 * What every screen starts from, in one request: the indexed block, the council's and timelock's settings, the first
 * page of the seats, of the quorum's history and of the open proposals that need no clock (passed by their votes but
 * not queued, or queued). A full page goes on with the id-cursor queries below.
 */
export const COUNCIL_QUERY = `query Council($council: ID!, $timelock: ID!, $first: Int!) {
  _meta { block { number timestamp } }
  council(id: $council) {
    name
    votingDelay
    votingPeriod
    proposalThreshold
    quorumNumerator
    timelock
    proposalCount
  }
  councilTimelock(id: $timelock) { minDelay }
  councilSeats(first: $first, orderBy: id) { ${SEAT} }
  councilSettingChanges(first: $first, where: { setting: QuorumNumerator }, orderBy: id) { ${QUORUM_CHANGE} }
  passed: proposals(first: $first, where: { state: Proposed, passing: true }, orderBy: id) { ${TIMING} }
  queued: proposals(first: $first, where: { state: Queued }, orderBy: id) { ${TIMING} }
}`;

/** Seats after `$after` (every seat given: to count the seats at a snapshot and to list them). */
export const SEATS_QUERY = `query Seats($first: Int!, $after: ID!) {
  councilSeats(first: $first, where: { id_gt: $after }, orderBy: id) { ${SEAT} }
}`;

/** Changes of the quorum numerator after `$after` (the quorum of a proposal is the one at its snapshot). */
export const QUORUM_CHANGES_QUERY = `query QuorumChanges($first: Int!, $after: Bytes!) {
  councilSettingChanges(first: $first, where: { id_gt: $after, setting: QuorumNumerator }, orderBy: id) {
    ${QUORUM_CHANGE}
  }
}`;

/** Open proposals whose votes carry them, not queued yet (Active or Succeeded), after `$after`. */
export const PASSED_PROPOSALS_QUERY = `query PassedProposals($first: Int!, $after: ID!) {
  proposals(first: $first, where: { id_gt: $after, state: Proposed, passing: true }, orderBy: id) { ${TIMING} }
}`;

/** Proposals waiting in the timelock, after `$after`. */
export const QUEUED_PROPOSALS_QUERY = `query QueuedProposals($first: Int!, $after: ID!) {
  proposals(first: $first, where: { id_gt: $after, state: Queued }, orderBy: id) { ${TIMING} }
}`;

/** Proposals whose voting has not ended at the indexed block's time `$now` (Pending or Active). */
export const LIVE_PROPOSALS_QUERY = `query LiveProposals($first: Int!, $after: ID!, $now: BigInt!) {
  proposals(first: $first, where: { id_gt: $after, state: Proposed, voteEnd_gte: $now }, orderBy: id) { ${TIMING} }
}`;

/** A page of proposals, newest first: numbers `$top` and below. */
export const PROPOSAL_PAGE_QUERY = `query ProposalPage($first: Int!, $top: Int!) {
  proposals(first: $first, where: { number_lte: $top }, orderBy: number, orderDirection: desc) {
    ${TIMING}
    proposalId
    proposer { account }
    targets
    values
    calldatas
    description
    descriptionHash
    vetoes
    votes(first: 1000, orderBy: id) { voter { account } support weight reason }
    vetoCasts(first: 1000, orderBy: id) { voter { account } }
  }
}`;
