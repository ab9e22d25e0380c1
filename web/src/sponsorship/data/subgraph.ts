// The sponsorship subgraph reader: each screen need answered by one query of ./queries.ts (every list a page by an id
// cursor), mapped onto the same views as the chain reader. No view calls.
import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { graphqlQuery } from "../../shared/data/graphql.ts";
import { graphqlPage, mapPage } from "../../shared/data/pages.ts";
import * as Q from "./queries.ts";
import { MAX_PERIODS, SPONSORSHIP_PAGE, type SponsorshipReader } from "./types.ts";

type Num = string | number;
interface GqlInfo {
  paymaster: {
    owner: string;
    pendingOwner: string | null;
    defaultBudget: Num;
    coordinatorBudgetCap: Num;
    sponsoredCount: Num;
    totalSpent: Num;
    ownBudgetCount: Num;
    allowedTargetCount: Num;
  } | null;
}
interface GqlPeriod {
  period: Num;
  spent: Num;
  count: Num;
  memberCount: Num;
}
interface GqlSpending {
  id: string;
  member: string;
  period: Num;
  spent: Num;
  count: Num;
}
interface GqlSponsorship {
  id: string;
  member: string;
  period: Num;
  cost: Num;
  blockNumber: Num;
  transactionHash: string;
}
interface GqlBudget {
  id: string;
  member: string;
  amount: Num;
  setBy: string;
  updatedAtBlock: Num;
}
interface GqlTarget {
  id: string;
  target: string;
  updatedAtBlock: Num;
}

/** Above every event-log id (12 bytes): the `$before` of the first page newest first. */
const ABOVE_EVERY_LOG_ID = `0x${"ff".repeat(12)}`;

/** The subgraph reader of the paymaster at `paymaster` (its entity's id is the lower-case address). */
export function createSponsorshipSubgraphReader(url: string, paymaster: Address): SponsorshipReader {
  /** A page of a collection by id (a lower-case address) after `after`, mapped by `view`. */
  const byId = async <R extends { id: string }, D, T>(
    query: string,
    rows: (data: D) => R[],
    after: string | undefined,
    view: (row: R) => T,
  ) => mapPage(await graphqlPage(url, query, rows, { after: after ?? "" }, SPONSORSHIP_PAGE, (r) => r.id), view);

  return {
    source: "subgraph",

    async info() {
      const { paymaster: p } = await graphqlQuery<GqlInfo>(url, Q.PAYMASTER_QUERY, {
        paymaster: paymaster.toLowerCase(),
      });
      if (!p) throw new Error("The subgraph holds no paymaster at this address yet: has it indexed its deployment?");
      return {
        owner: getAddress(p.owner),
        ...(p.pendingOwner && p.pendingOwner !== zeroAddress ? { pendingOwner: getAddress(p.pendingOwner) } : {}),
        defaultBudget: BigInt(p.defaultBudget),
        coordinatorBudgetCap: BigInt(p.coordinatorBudgetCap),
        sponsoredCount: Number(p.sponsoredCount),
        totalSpent: BigInt(p.totalSpent),
        ownBudgetCount: Number(p.ownBudgetCount),
        allowedTargetCount: Number(p.allowedTargetCount),
      };
    },

    async periods(from, to) {
      if (to - from >= MAX_PERIODS) throw new Error(`At most ${MAX_PERIODS} periods at once.`);
      const { gasPeriods } = await graphqlQuery<{ gasPeriods: GqlPeriod[] }>(url, Q.PERIODS_QUERY, {
        from: String(from),
        to: String(to),
        first: Math.max(0, to - from + 1),
      });
      return gasPeriods.map((p) => ({
        period: Number(p.period),
        spent: BigInt(p.spent),
        count: Number(p.count),
        members: Number(p.memberCount),
      }));
    },

    async spendingPage(period, after) {
      // Ids "<period>-<member>": within the period, by member (the chain reader's order); the cursor is the member.
      const page = await graphqlPage<GqlSpending, { gasSpendings: GqlSpending[] }>(
        url,
        Q.SPENDING_QUERY,
        (d) => d.gasSpendings,
        { period: String(period), after: after === undefined ? "" : `${period}-${after}` },
        SPONSORSHIP_PAGE,
        (s) => s.member.toLowerCase(),
      );
      return mapPage(page, (s) => ({
        member: getAddress(s.member),
        period: Number(s.period),
        spent: BigInt(s.spent),
        count: Number(s.count),
      }));
    },

    async sponsorships(after) {
      const page = await graphqlPage<GqlSponsorship, { gasSponsorships: GqlSponsorship[] }>(
        url,
        Q.SPONSORSHIPS_QUERY,
        (d) => d.gasSponsorships,
        { before: after ?? ABOVE_EVERY_LOG_ID },
        SPONSORSHIP_PAGE,
        (s) => s.id,
      );
      return mapPage(page, (s) => ({
        id: s.id as Hex,
        member: getAddress(s.member),
        period: Number(s.period),
        cost: BigInt(s.cost),
        blockNumber: BigInt(s.blockNumber),
        txHash: s.transactionHash as Hash,
      }));
    },

    budgetPage: (after) =>
      byId(
        Q.BUDGETS_QUERY,
        (d: { gasBudgets: GqlBudget[] }) => d.gasBudgets,
        after,
        (b) => ({
          member: getAddress(b.member),
          amount: BigInt(b.amount),
          setBy: getAddress(b.setBy),
          blockNumber: BigInt(b.updatedAtBlock),
        }),
      ),

    targetPage: (after) =>
      byId(
        Q.TARGETS_QUERY,
        (d: { gasCallTargets: GqlTarget[] }) => d.gasCallTargets,
        after,
        (t) => ({
          target: getAddress(t.target),
          blockNumber: BigInt(t.updatedAtBlock),
        }),
      ),
  };
}
