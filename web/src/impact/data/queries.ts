// The impact screens' GraphQL queries against the subgraph (subgraph/schema.graphql), one per screen need; no imports,
// so web/e2e/subgraph-query.check.ts validates them under Node. Collections that grow page by an id cursor
// (`$after`, graph-node's `first` <= 1,000) or, for the claims list, by a claim id cursor, newest first.

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

/** A claimant's claims with their listings, a page at a time. */
export const IMPACT_CLAIMS_OF_QUERY = `query ImpactClaimsOf($first: Int!, $after: ID!, $claimant: Bytes!) {
  claims(first: $first, where: { id_gt: $after, claimant: $claimant }, orderBy: id) {
    ${CLAIM_CORE}
    sellableUnits
    listing {
      ${LISTING}
    }
  }
}`;

/** Listings with units left, with their claims, a page at a time. */
export const IMPACT_MARKET_QUERY = `query ImpactMarket($first: Int!, $after: ID!) {
  listings(first: $first, where: { id_gt: $after, remaining_gt: 0 }, orderBy: id) {
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

/** Every round with its latest fundings and matched purchases (the chart's points), a page at a time. */
export const IMPACT_ROUNDS_QUERY = `query ImpactRounds($first: Int!, $after: ID!) {
  matchingRounds(first: $first, where: { id_gt: $after }, orderBy: id) {
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

/** Claims waiting for votes from claim `$from` on, with their evidence, voters and approvals, a page at a time. */
export const IMPACT_QUEUE_QUERY = `query ImpactQueue($first: Int!, $after: ID!, $from: BigInt!) {
  claims(first: $first, where: { id_gt: $after, status: Submitted, claimId_gte: $from }, orderBy: id) {
    ${CLAIM_CORE}
    evidenceHash
    evidenceURI
    voters
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

/** A verifier's votes (approvals and rejections) with their claims, a page at a time. */
export const IMPACT_MY_VOTES_QUERY = `query ImpactMyVotes($first: Int!, $after: ID!, $verifier: String!) {
  attestations(first: $first, where: { id_gt: $after, verifier: $verifier }, orderBy: id) {
    id
    kind
    verifiedUnits
    bySignature
    blockNumber
    transactionHash
    claim {
      ${CLAIM_CORE}
    }
  }
}`;

/** An account's impact units, a page at a time. */
export const IMPACT_HOLDINGS_QUERY = `query ImpactHoldings($first: Int!, $after: ID!, $holder: Bytes!) {
  impactHoldings(first: $first, where: { id_gt: $after, holder: $holder, balance_gt: 0 }, orderBy: id) {
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

/** An account's certificates, a page at a time. */
export const IMPACT_CERTIFICATES_QUERY = `query ImpactCertificates($first: Int!, $after: ID!, $owner: Bytes!) {
  certificates(first: $first, where: { id_gt: $after, owner: $owner }, orderBy: id) {
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
