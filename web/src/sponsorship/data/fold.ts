// The sponsorship module's event fold: every MembersPaymaster event folded by pure functions into plain state (Maps,
// arrays, bigints), from which the chain reader cuts each screen's view and page.
import { membersPaymasterAbi } from "@cosmolocal/sdk";
import { getAddress, zeroAddress } from "viem";
import { eventLogId, type DecodedLog, type EventFold } from "../../shared/data/logs.ts";
import { applyOwnershipStep } from "../../shared/data/ownable.ts";
import type { CallTarget, MemberSpending, OwnBudget, PaymasterInfo, PeriodSpending, Sponsorship } from "./types.ts";

export type PaymasterAbi = typeof membersPaymasterAbi;
export type PaymasterLog = DecodedLog<PaymasterAbi>;

export interface SponsorshipState {
  info: PaymasterInfo;
  /** Every sponsored operation, in chain order (ids ascending). */
  sponsorships: Sponsorship[];
  /** Totals by period. */
  periods: Map<number, PeriodSpending>;
  /** By period, then lower-case member. */
  spending: Map<number, Map<string, MemberSpending>>;
  /** Own budgets now, by lower-case member (a cleared one is removed). */
  budgets: Map<string, OwnBudget>;
  /** Allowed call targets now, by lower-case address (a removed one is removed). */
  targets: Map<string, CallTarget>;
}

/** Folds one decoded MembersPaymaster log into `s` (logs must come in chain order). */
export function applyPaymasterLog(s: SponsorshipState, log: PaymasterLog): void {
  switch (log.eventName) {
    case "GasSponsored": {
      const { member, period, cost } = log.args;
      const account = getAddress(member);
      s.sponsorships.push({
        id: eventLogId(log.blockNumber, log.logIndex),
        member: account,
        period,
        cost,
        blockNumber: log.blockNumber,
        txHash: log.transactionHash,
      });
      s.info.sponsoredCount++;
      s.info.totalSpent += cost;
      let total = s.periods.get(period);
      if (!total) s.periods.set(period, (total = { period, spent: 0n, count: 0, members: 0 }));
      let byMember = s.spending.get(period);
      if (!byMember) s.spending.set(period, (byMember = new Map()));
      let mine = byMember.get(account.toLowerCase());
      if (!mine) {
        byMember.set(account.toLowerCase(), (mine = { member: account, period, spent: 0n, count: 0 }));
        total.members++;
      }
      mine.spent += cost;
      mine.count++;
      total.spent += cost;
      total.count++;
      return;
    }
    case "MemberBudgetSet": {
      const member = getAddress(log.args.member);
      s.budgets.set(member.toLowerCase(), {
        member,
        amount: log.args.amount,
        setBy: getAddress(log.args.by),
        blockNumber: log.blockNumber,
      });
      s.info.ownBudgetCount = s.budgets.size;
      return;
    }
    case "MemberBudgetCleared":
      s.budgets.delete(log.args.member.toLowerCase());
      s.info.ownBudgetCount = s.budgets.size;
      return;
    case "CallTargetAllowed": {
      const target = getAddress(log.args.target);
      s.targets.set(target.toLowerCase(), { target, blockNumber: log.blockNumber });
      s.info.allowedTargetCount = s.targets.size;
      return;
    }
    case "CallTargetRemoved":
      s.targets.delete(log.args.target.toLowerCase());
      s.info.allowedTargetCount = s.targets.size;
      return;
    case "DefaultBudgetSet":
      s.info.defaultBudget = log.args.amount;
      return;
    case "CoordinatorBudgetCapSet":
      s.info.coordinatorBudgetCap = log.args.cap;
      return;
    case "OwnershipTransferStarted":
    case "OwnershipTransferred":
      applyOwnershipStep(s.info, log.eventName === "OwnershipTransferStarted", log.args.newOwner);
      return;
  }
}

export const paymasterFold: EventFold<PaymasterAbi, SponsorshipState> = {
  initial: () => ({
    info: {
      owner: zeroAddress,
      defaultBudget: 0n,
      coordinatorBudgetCap: 0n,
      sponsoredCount: 0,
      totalSpent: 0n,
      ownBudgetCount: 0,
      allowedTargetCount: 0,
    },
    sponsorships: [],
    periods: new Map(),
    spending: new Map(),
    budgets: new Map(),
    targets: new Map(),
  }),
  apply(state, logs) {
    for (const log of logs) applyPaymasterLog(state, log);
  },
};
