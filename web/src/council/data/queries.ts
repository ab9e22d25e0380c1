// The council's GraphQL queries against the subgraph (subgraph/schema.graphql), one per screen need; no imports, so
// web/e2e/subgraph-query.check.ts validates them under Node. Collections that can grow are paged by id
// (`$first`, `$after`), proposals by their number, newest first.

/** The page head, the new-proposal form and the seats tab: the indexed block, the council's and timelock's settings. */
export const COUNCIL_QUERY = `query Council($council: ID!, $timelock: ID!) {
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
}`;

/** Every seat given (to count the seats at a snapshot and to list them). */
export const SEATS_QUERY = `query Seats($first: Int!, $after: ID!) {
  councilSeats(first: $first, where: { id_gt: $after }, orderBy: id) {
    id
    seatId
    delegation
    active
    seatedAt
    unseatedAt
    member { account votes delegate }
  }
}`;

/** Every change of the quorum numerator (the quorum of a proposal is the one at its snapshot). */
export const QUORUM_CHANGES_QUERY = `query QuorumChanges($first: Int!, $after: Bytes!) {
  councilSettingChanges(first: $first, where: { id_gt: $after, setting: QuorumNumerator }, orderBy: id) {
    id
    newValue
    timestamp
  }
}`;

const TIMING = `id number state voteStart voteEnd eta forVotes againstVotes abstainVotes quorum majority passing
    timelockOperation { status }`;

/** Open proposals, in three parts: voting not over yet. */
export const LIVE_PROPOSALS_QUERY = `query LiveProposals($first: Int!, $after: ID!, $now: BigInt!) {
  proposals(first: $first, where: { id_gt: $after, state: Proposed, voteEnd_gte: $now }, orderBy: id) {
    ${TIMING}
  }
}`;

/** Open proposals: voting over and passed, not queued yet. */
export const PASSED_PROPOSALS_QUERY = `query PassedProposals($first: Int!, $after: ID!, $now: BigInt!) {
  proposals(first: $first, where: { id_gt: $after, state: Proposed, voteEnd_lt: $now, passing: true }, orderBy: id) {
    ${TIMING}
  }
}`;

/** Open proposals: waiting in the timelock. */
export const QUEUED_PROPOSALS_QUERY = `query QueuedProposals($first: Int!, $after: ID!) {
  proposals(first: $first, where: { id_gt: $after, state: Queued }, orderBy: id) {
    ${TIMING}
  }
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
    votes(first: 1000, orderBy: blockNumber) { voter { account } support weight reason }
    vetoCasts(first: 1000, orderBy: blockNumber) { voter { account } }
  }
}`;
