// Every write of the solidarity circles, typed by Commonfare's ABI and sent through the shared write (simulated first,
// a toast per stage, the decoded error): asking to join and approving candidates, deposits (the currency approved
// first, only when the circle would take the deposit), withdrawals, level changes, leaving, the board's removal of a
// member in arrears, and each step of a claim. Refusals are worded by the module's table, amounts in the circle's
// currency, and a token's errors by theirs.
import { commonfareAbi } from "@cosmolocal/sdk";
import { useMemo } from "react";
import type { Address, Hex } from "viem";
import { useApproval } from "../shared/approval";
import { tokenErrors } from "../shared/data/tokenErrors";
import { wordWith } from "../shared/errorWords";
import { formatInt } from "../shared/format";
import { nameOf } from "../shared/names";
import { useWrite } from "../shared/tx";
import type { Unit } from "../shared/units";
import { commonfareAddress } from "./contracts";
import type { Member } from "./data/types";
import { commonfareContext, commonfareErrors, levelName } from "./errors";
import { depositRefusal, type Refusal } from "./rules";

export function useCommonfareWrites(unit: Unit | undefined) {
  const ctx = useMemo(() => commonfareContext(unit), [unit]);
  const wordings = useMemo(() => [wordWith(commonfareErrors, ctx), wordWith(tokenErrors, ctx)], [ctx]);
  const circles = useWrite({ abi: commonfareAbi, address: commonfareAddress }, wordings);
  const approve = useApproval(wordings);

  return useMemo(() => {
    const words = wordWith(commonfareErrors, ctx);
    const fmt = unit ? unit.fmt : (v: bigint) => formatInt(v);
    const circle = (id: bigint) => `circle #${id}`;
    return {
      /** A refusal the rules predict (./rules.ts), in the words its decoded revert has. */
      refusal: (r: Refusal) => words(r.name, r.args)!,

      requestJoin: (circleId: bigint, level: number) =>
        circles(`Ask to join ${circle(circleId)} at ${levelName(level)}`, {
          functionName: "requestJoin",
          args: [circleId, level],
        }),
      withdrawCandidacy: (circleId: bigint) =>
        circles(`Withdraw my request to join ${circle(circleId)}`, {
          functionName: "withdrawCandidacy",
          args: [circleId],
        }),
      approveCandidate: (circleId: bigint, candidate: Address) =>
        circles(`Approve ${nameOf(candidate)}`, { functionName: "approveCandidate", args: [circleId, candidate] }),

      /**
       * Deposits `amount` of `currency` into `me`'s own account. The circle pulls it, so the currency is approved
       * first — but only when the circle would take the deposit: one it refuses (over the cap) is sent straight to its
       * simulation, which stops it before the wallet with the contract's own words.
       */
      async deposit(circleId: bigint, me: Address, mine: Member | undefined, amount: bigint, currency: Address) {
        const title = `Deposit ${fmt(amount)} into my account`;
        const call = { functionName: "deposit", args: [circleId, amount] } as const;
        if (depositRefusal(circleId, me, mine, amount) || !commonfareAddress) return circles(title, call);
        const approved = await approve(`Allow the circle to take ${fmt(amount)}`, {
          token: currency,
          owner: me,
          spender: commonfareAddress,
          amount,
        });
        return approved.ok ? circles(title, call) : approved;
      },
      withdraw: (circleId: bigint, amount: bigint) =>
        circles(`Withdraw ${fmt(amount)} from my account`, { functionName: "withdraw", args: [circleId, amount] }),
      changeLevel: (circleId: bigint, level: number) =>
        circles(`Move to ${levelName(level)}`, { functionName: "changeLevel", args: [circleId, level] }),
      leave: (circleId: bigint, balance: bigint) =>
        circles(`Leave ${circle(circleId)} with ${fmt(balance)}`, { functionName: "leave", args: [circleId] }),
      removeInArrears: (circleId: bigint, member: Address, arrears: bigint) =>
        circles(`Remove ${nameOf(member)}, writing off ${fmt(arrears)} of arrears`, {
          functionName: "removeInArrears",
          args: [circleId, member],
        }),
      resignFromBoard: (circleId: bigint) =>
        circles(`Leave the board of ${circle(circleId)}`, { functionName: "resignFromBoard", args: [circleId] }),

      reportClaim: (circleId: bigint, buddy: Address, noteHash: Hex) =>
        circles(`Report that I cannot work, with ${nameOf(buddy)} as buddy`, {
          functionName: "reportClaim",
          args: [circleId, buddy, noteHash],
        }),
      withdrawClaim: (circleId: bigint) =>
        circles("Withdraw my claim", { functionName: "withdrawClaim", args: [circleId] }),
      confirmClaim: (circleId: bigint, claimant: Address, as: "buddy" | "board") =>
        circles(`Confirm ${nameOf(claimant)}'s claim as ${as === "buddy" ? "buddy" : "board member"}`, {
          functionName: "confirmClaim",
          args: [circleId, claimant],
        }),
      collectGift: (circleId: bigint, months: number) =>
        circles(
          months > 0
            ? `Collect ${formatInt(months)} ${months === 1 ? "month" : "months"} of gifts`
            : "Collect my gifts",
          { functionName: "collectGift", args: [circleId] },
        ),
      recover: (circleId: bigint) =>
        circles("I can work again: end my claim", { functionName: "recover", args: [circleId] }),
      endClaim: (circleId: bigint, claimant: Address) =>
        circles(`End ${nameOf(claimant)}'s claim (its time is over)`, {
          functionName: "endClaim",
          args: [circleId, claimant],
        }),
    };
  }, [ctx, unit, circles, approve]);
}

export type CommonfareActions = ReturnType<typeof useCommonfareWrites>;
