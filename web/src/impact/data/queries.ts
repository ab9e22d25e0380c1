// The impact screens' GraphQL queries against the subgraph (subgraph/schema.graphql), one per screen need; no imports,
// so web/e2e/subgraph-query.check.ts validates them under Node. The screens' lists are read newest first a page at a
// time by a claim, round or certificate id cursor (`$before`); the open rounds whole, by an id cursor (`$after`).

const CLAIM_CORE = `
  id
  claimId
  claimant
  methodologyId
  status
  threshold
  approvals
  rejections
  startDay
  endDay
  jurisdiction
  claimedUnits
  verifiedUnits
  mintedUnits
  retiredUnits
  revokedUnits
  frozenUnits
`;

const LISTING = `
  seller
  currency
  pricePerUnit
  remaining
  version
  proceeds
  unitsSold
`;

const VOTE = `
  id
  verifier {
    id
  }
  units
  reasonHash
  reason
  votes
  threshold
  blockNumber
  timestamp
  transactionHash
`;

/** The methodologies, accredited verifiers, currencies in use and the two rounds that end soonest after `$now`. */
export const IMPACT_BASE_QUERY = `query ImpactBase($now: BigInt!) {
  methodologies(first: 1000, orderBy: methodologyId) {
    id
    methodologyId
    name
    threshold
    active
  }
  verifiers(first: 1000, where: { accredited: true }) {
    id
    account
    accredited
    firstClaimId
  }
  marketCurrencyTotals(first: 1000) {
    id
    currency
  }
  matchingRounds(first: 2, where: { endTime_gt: $now }, orderBy: endTime, orderDirection: asc) {
    id
    roundId
    name
    endTime
  }
}`;

/** The newest `$first` claims passing `$where` (the reader adds a claimId_lt cursor past the first page). */
export const IMPACT_CLAIMS_QUERY = `query ImpactClaims($first: Int!, $where: Claim_filter!) {
  claims(first: $first, where: $where, orderBy: claimId, orderDirection: desc) {
    ${CLAIM_CORE}
  }
}`;

/** The claims screen's figures: the registry's totals, or one methodology's. */
export const IMPACT_TOTALS_QUERY = `query ImpactTotals {
  impactRegistries(first: 1) {
    id
    claimCount
    claimedUnits
    verifiedUnits
    retiredUnits
    revokedUnits
  }
}`;

export const IMPACT_METHODOLOGY_TOTALS_QUERY = `query ImpactMethodologyTotals($id: ID!) {
  methodology(id: $id) {
    id
    claimCount
    claimedUnits
    verifiedUnits
    retiredUnits
    revokedUnits
  }
}`;

/** One claim's page: its record, evidence, votes, revocations, holders, certificates, purchases and listing. */
export const IMPACT_CLAIM_QUERY = `query ImpactClaim($id: ID!) {
  claim(id: $id) {
    ${CLAIM_CORE}
    sellableUnits
    evidenceHash
    evidenceURI
    externalSerial
    submittedAt
    submittedAtBlock
    submittedTransaction
    listing {
      ${LISTING}
      listedAt
      delisted
      withdrawals(first: 1000, orderBy: id) {
        id
        seller
        amount
        blockNumber
        timestamp
        transactionHash
      }
    }
    listingChanges(first: 1000, orderBy: id) {
      id
      kind
      seller
      currency
      pricePerUnit
      units
      blockNumber
      timestamp
      transactionHash
    }
    attestations(first: 1000, orderBy: blockNumber) {
      id
      verifier {
        id
      }
      kind
      verifiedUnits
      reportHash
      reasonHash
      bySignature
      count
      decisive
      blockNumber
      timestamp
      transactionHash
    }
    revocationVotes(first: 1000, orderBy: id) {
      ${VOTE}
    }
    openRevocationVotes {
      ${VOTE}
    }
    revocations(first: 1000, orderBy: number) {
      id
      verifier {
        id
      }
      units
      totalRevoked
      frozenUnits
      reasonHash
      reason
      blockNumber
      timestamp
      transactionHash
    }
    refreezes(first: 1000, orderBy: id) {
      id
      claimant
      frozenUnits
      blockNumber
      timestamp
      transactionHash
    }
    holdings(first: 1000, where: { balance_gt: 0 }) {
      id
      holder
      balance
    }
    certificates(first: 1000, orderBy: blockNumber) {
      id
      certificateId
      owner
      holder
      units
      beneficiary
      message
      blockNumber
      retiredAt
      transactionHash
    }
    purchases(first: 1000, orderBy: id) {
      id
      buyer
      round {
        roundId
      }
      units
      pricePerUnit
      cost
      matchedUnits
      matchedCost
      certificate {
        certificateId
      }
      blockNumber
      timestamp
      transactionHash
    }
  }
}`;

/** A claimant's claims with their listings, newest first, a page at a time (claim ids below `$before`). */
export const IMPACT_CLAIMS_OF_QUERY = `query ImpactClaimsOf($first: Int!, $before: BigInt!, $claimant: Bytes!) {
  claims(
    first: $first
    where: { claimId_lt: $before, claimant: $claimant }
    orderBy: claimId
    orderDirection: desc
  ) {
    ${CLAIM_CORE}
    sellableUnits
    listing {
      ${LISTING}
    }
  }
}`;

/**
 * Listings with their claims, newest claim first, a page at a time: `$where` has units left, the claim's status, the
 * buyer's filters, the market part (revokedUnits) and the cursor (claim_: { claimId_lt }).
 */
export const IMPACT_MARKET_QUERY = `query ImpactMarket($first: Int!, $where: Listing_filter!) {
  listings(first: $first, where: $where, orderBy: claim__claimId, orderDirection: desc) {
    id
    ${LISTING}
    claim {
      ${CLAIM_CORE}
      sellableUnits
    }
  }
}`;

const ROUND = `
  id
  roundId
  owner
  name
  currency
  matchBps
  endTime
  maxPricePerUnit
  capPerClaim
  capPerBuyer
  methodologyMask
  allowListOnly
  acceptsRevokedClaims
  deposited
  remaining
  spent
  reclaimed
  matchedUnits
  createdAt
  createdAtBlock
  reclaimedAt
  reclaimedAtBlock
  claimEligibilities(first: 1000) {
    id
    claimId
    eligibility
  }
`;

/**
 * Rounds with their latest fundings and matched purchases (the chart's points), newest first, a page at a time:
 * `$where` has the cursor (`roundId_lt`) and the owner filter.
 */
export const IMPACT_ROUNDS_QUERY = `query ImpactRounds($first: Int!, $where: MatchingRound_filter!) {
  matchingRounds(first: $first, where: $where, orderBy: roundId, orderDirection: desc) {
    ${ROUND}
    fundings(first: 12, orderBy: id, orderDirection: desc) {
      id
      amount
      remaining
      initial
      blockNumber
      timestamp
    }
    purchases(first: 12, orderBy: id, orderDirection: desc) {
      id
      matchedUnits
      matchedCost
      roundRemaining
      blockNumber
      timestamp
    }
  }
}`;

/** Rounds that can still match at `$now`, a page at a time. */
export const IMPACT_OPEN_ROUNDS_QUERY = `query ImpactOpenRounds($first: Int!, $after: ID!, $now: BigInt!) {
  matchingRounds(first: $first, where: { id_gt: $after, endTime_gt: $now, remaining_gt: 0 }, orderBy: id) {
    ${ROUND}
  }
}`;

/** The verifier's slot (its first claim). */
export const IMPACT_VERIFIER_QUERY = `query ImpactVerifier($id: ID!) {
  verifier(id: $id) {
    id
    accredited
    firstClaimId
  }
}`;

/**
 * Claims waiting for `$me`'s vote (submitted from claim `$from` on, not its own, not voted on), with their evidence
 * and approvals, newest first, a page at a time (claim ids below `$before`).
 */
export const IMPACT_QUEUE_QUERY = `query ImpactQueue($first: Int!, $before: BigInt!, $from: BigInt!, $me: Bytes!) {
  claims(
    first: $first
    where: {
      status: Submitted
      claimId_gte: $from
      claimId_lt: $before
      claimant_not: $me
      voters_not_contains: [$me]
    }
    orderBy: claimId
    orderDirection: desc
  ) {
    ${CLAIM_CORE}
    evidenceHash
    evidenceURI
    attestations(first: 1000, where: { kind: Approval }, orderBy: blockNumber) {
      id
      verifier {
        id
      }
      verifiedUnits
      reportHash
      bySignature
      count
      blockNumber
      timestamp
      transactionHash
    }
  }
}`;

/** A verifier's votes (approvals and rejections) with their claims, newest claim first, a page at a time. */
export const IMPACT_MY_VOTES_QUERY = `query ImpactMyVotes($first: Int!, $before: BigInt!, $verifier: String!) {
  attestations(
    first: $first
    where: { verifier: $verifier, claim_: { claimId_lt: $before } }
    orderBy: claim__claimId
    orderDirection: desc
  ) {
    id
    kind
    verifiedUnits
    bySignature
    transactionHash
    claim {
      ${CLAIM_CORE}
    }
  }
}`;

/** An account's impact units, newest claim first, a page at a time (claim ids below `$before`). */
export const IMPACT_HOLDINGS_QUERY = `query ImpactHoldings($first: Int!, $before: BigInt!, $holder: Bytes!) {
  impactHoldings(
    first: $first
    where: { holder: $holder, balance_gt: 0, claim_: { claimId_lt: $before } }
    orderBy: claim__claimId
    orderDirection: desc
  ) {
    id
    balance
    claim {
      ${CLAIM_CORE}
    }
  }
}`;

const CERTIFICATE = `
  id
  certificateId
  owner
  holder
  units
  beneficiary
  message
  retiredAt
  flagged
  blockNumber
  transactionHash
  round {
    roundId
    name
  }
`;

/** An account's certificates, newest first, a page at a time (certificate ids below `$before`). */
export const IMPACT_CERTIFICATES_QUERY = `query ImpactCertificates($first: Int!, $before: BigInt!, $owner: Bytes!) {
  certificates(
    first: $first
    where: { certificateId_lt: $before, owner: $owner }
    orderBy: certificateId
    orderDirection: desc
  ) {
    ${CERTIFICATE}
    claim {
      claimId
    }
  }
}`;

/** One certificate's page, with its claim and methodology. */
export const IMPACT_CERTIFICATE_QUERY = `query ImpactCertificate($id: ID!) {
  certificate(id: $id) {
    ${CERTIFICATE}
    claim {
      ${CLAIM_CORE}
      methodology {
        name
      }
    }
  }
}`;
