// The council actions on the paymaster's stake at the EntryPoint (which public bundlers ask of a paymaster): stake it
// from the council's treasury (its timelock), unlock the stake, and withdraw it once unlocked and due.
import { defineAction, earliestExecution, type EditorProps } from "../../council/actions/action";
import { Text } from "../../council/actions/fields";
import { DAY } from "../../shared/chainTime";
import { formatDate, formatDuration } from "../../shared/format";
import { eth } from "../errors";
import { membersPaymaster, paymasterCall } from "./calls";
import { recipient, RecipientPick } from "./deposit";
import { Holdings, parseDays, parseEth } from "./fields";
import { paymasterAfter } from "./state";

const stakeLabel = "Stake the gas paymaster";

interface StakeDraft {
  amount: string;
  days: string;
}

function StakeEditor({ draft: d, set, ctx }: EditorProps<StakeDraft>) {
  return (
    <>
      <div className="row">
        <Text label="ETH to add" value={d.amount} onChange={(amount) => set({ amount })} testId="action-amount" />
        <Text label="Unstake delay (days)" value={d.days} onChange={(days) => set({ days })} testId="stake-delay" />
      </div>
      <Holdings state={ctx.paymaster} />
      <p className="muted small">
        Public bundlers take a paymaster's operations only while it is staked (commonly at least a day's delay). The ETH
        comes from the council's treasury, its timelock: send it there before the proposal executes. Staking again locks
        an unlocked stake; the delay can only grow.
      </p>
    </>
  );
}

export const stake = defineAction<StakeDraft>({
  kind: "gasStake",
  label: stakeLabel,
  contract: membersPaymaster,
  initial: (ctx) => ({
    amount: "",
    days: ctx.paymaster?.unstakeDelay ? String(ctx.paymaster.unstakeDelay / DAY) : "1",
  }),
  Editor: StakeEditor,
  parse(d, ctx) {
    const now = paymasterAfter(ctx);
    const staked = !!now && now.stake > 0n;
    // Without a stake yet, the ETH is required; with one, 0 only lengthens the delay or locks the stake again.
    const amount = parseEth(d.amount, stakeLabel, staked);
    if ("error" in amount) return amount;
    const delay = parseDays(d.days, "Unstake delay");
    if ("error" in delay) return delay;
    if (now && delay.value < now.unstakeDelay)
      return { error: `Unstake delay: it is ${formatDuration(now.unstakeDelay)} now and cannot be shortened.` };
    if (now?.treasury !== undefined && amount.value > now.treasury)
      return {
        error: `${stakeLabel}: the council's treasury (its timelock) holds ${eth(now.treasury)}; send it the rest before proposing.`,
      };
    return paymasterCall("addStake", [delay.value], ctx, amount.value);
  },
});

const unlockLabel = "Unlock the gas paymaster's stake";

function UnlockEditor({ ctx }: EditorProps<object>) {
  const delay = ctx.paymaster?.unstakeDelay;
  return (
    <>
      <Holdings state={ctx.paymaster} />
      <p className="muted small">
        Once unlocked, bundlers no longer take the paymaster as staked and may refuse members' sponsored operations. The
        stake can be withdrawn {delay ? formatDuration(delay) : "the unstake delay"} after this executes (its own
        proposal); staking again locks it.
      </p>
    </>
  );
}

export const unlockStake = defineAction<object>({
  kind: "gasUnlock",
  label: unlockLabel,
  contract: membersPaymaster,
  initial: () => ({}),
  Editor: UnlockEditor,
  parse(_, ctx) {
    const now = paymasterAfter(ctx);
    if (now && now.unstakeDelay === 0) return { error: `${unlockLabel}: the paymaster holds no stake.` };
    if (now && !now.staked) return { error: `${unlockLabel}: the stake is unlocked already.` };
    return paymasterCall("unlockStake", [], ctx);
  },
});

const withdrawLabel = "Withdraw the gas paymaster's stake";

interface WithdrawStakeDraft {
  to: string;
}

function WithdrawStakeEditor({ draft: d, set, ctx }: EditorProps<WithdrawStakeDraft>) {
  const due = ctx.paymaster?.withdrawTime;
  return (
    <>
      <div className="row">
        <RecipientPick value={d.to} onChange={(to) => set({ to })} />
      </div>
      <Holdings state={ctx.paymaster} />
      {!!due && (
        <p className="muted small" data-testid="stake-due">
          The stake can be withdrawn from {formatDate(due)}; a proposal made now could execute from{" "}
          {formatDate(earliestExecution(ctx.council))} (execute it once both have passed).
        </p>
      )}
    </>
  );
}

export const withdrawStake = defineAction<WithdrawStakeDraft>({
  kind: "gasWithdrawStake",
  label: withdrawLabel,
  contract: membersPaymaster,
  initial: () => ({ to: "" }),
  Editor: WithdrawStakeEditor,
  parse(d, ctx) {
    const to = recipient(d.to, withdrawLabel);
    if ("error" in to) return to;
    const now = paymasterAfter(ctx);
    if (now && now.stake === 0n) return { error: `${withdrawLabel}: the paymaster holds no stake.` };
    if (now && now.withdrawTime === 0)
      return { error: `${withdrawLabel}: unlock the stake first (its own proposal), then wait out the unstake delay.` };
    if (now && ctx.paymaster?.withdrawTime === 0)
      return {
        error: `${withdrawLabel}: the stake this proposal unlocks is due only after the unstake delay; withdraw it in a later proposal.`,
      };
    return paymasterCall("withdrawStake", [to.value], ctx);
  },
});
