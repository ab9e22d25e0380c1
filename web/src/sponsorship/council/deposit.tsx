// The council action that withdraws part of the paymaster's gas deposit at the EntryPoint to an account, at most what
// the deposit holds (after the proposal's earlier withdrawals).
import { zeroAddress, type Address } from "viem";
import { defineAction, type EditorProps, type Parsed } from "../../council/actions/action";
import { Account, Text } from "../../council/actions/fields";
import { timelockAddress } from "../../council/contracts";
import { pickedAccount } from "../../shared/AccountSelect";
import { eth } from "../errors";
import { membersPaymaster, paymasterCall } from "./calls";
import { Holdings, parseEth } from "./fields";
import { paymasterAfter } from "./state";

const label = "Withdraw from the gas deposit";

/** The account a withdrawal pays (picked or typed; never the zero address), or what is wrong with it. */
export function recipient(text: string, action: string): Parsed<Address> {
  const to = pickedAccount(text, `${action}: choose the account to receive it.`, action);
  if ("value" in to && to.value === zeroAddress) return { error: `${action}: the zero address would burn it.` };
  return to;
}

/** The treasury (the council's timelock) offered first as the account that receives ETH. */
const treasuryAccounts = timelockAddress ? [timelockAddress] : [];

/** The picker of the account a withdrawal pays: the treasury, a persona, or an address typed in. */
export function RecipientPick({ value, onChange }: { value: string; onChange: (to: string) => void }) {
  return <Account label="To" value={value} onChange={onChange} accounts={treasuryAccounts} testId="action-account" />;
}

interface WithdrawDraft {
  amount: string;
  to: string;
}

function WithdrawEditor({ draft: d, set, ctx }: EditorProps<WithdrawDraft>) {
  return (
    <>
      <div className="row">
        <Text label="ETH" value={d.amount} onChange={(amount) => set({ amount })} testId="action-amount" />
        <RecipientPick value={d.to} onChange={(to) => set({ to })} />
      </div>
      <Holdings state={ctx.paymaster} />
      <p className="muted small">Members' sponsored operations stop when the deposit runs out.</p>
    </>
  );
}

export const withdrawDeposit = defineAction<WithdrawDraft>({
  kind: "gasWithdraw",
  label,
  contract: membersPaymaster,
  initial: () => ({ amount: "", to: "" }),
  Editor: WithdrawEditor,
  parse(d, ctx) {
    const amount = parseEth(d.amount, label);
    if ("error" in amount) return amount;
    const to = recipient(d.to, label);
    if ("error" in to) return to;
    const now = paymasterAfter(ctx);
    if (now && amount.value > now.deposit)
      return {
        error: `${label}: the deposit holds ${eth(now.deposit)}${now.deposit !== ctx.paymaster?.deposit ? " after the proposal's earlier actions" : ""}; withdraw at most that.`,
      };
    return paymasterCall("withdrawTo", [to.value, amount.value], ctx);
  },
});
