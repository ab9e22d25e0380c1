// The council actions on the paymaster's gas budgets: every member's default budget, the most a coordinator may give
// one member, and one member's own budget (any amount: above the coordinators' cap only the council may set it).
import { defineAction, type EditorProps, type ProposalContext } from "../../council/actions/action";
import { Account, OnOff, Text } from "../../council/actions/fields";
import { pickedAccount } from "../../shared/AccountSelect";
import { eth } from "../errors";
import { membersPaymaster, paymasterCall } from "./calls";
import { ethText, parseBudget } from "./fields";
import { paymasterAfter } from "./state";

interface AmountDraft {
  amount: string;
}

/** An action that sets one of the paymaster's amounts per period (the default budget, the coordinators' cap). */
function amountAction({
  kind,
  label,
  field,
  what,
  functionName,
  current,
}: {
  kind: string;
  label: string;
  field: string;
  what: string;
  functionName: "setDefaultBudget" | "setCoordinatorBudgetCap";
  current: (s: NonNullable<ProposalContext["paymaster"]>) => bigint;
}) {
  function AmountEditor({ draft: d, set, ctx }: EditorProps<AmountDraft>) {
    return (
      <div className="row">
        <Text label={field} value={d.amount} onChange={(amount) => set({ amount })} testId="action-amount" />
        <p className="muted small align-end">
          {ctx.paymaster ? `Now ${eth(current(ctx.paymaster))}. ` : ""}
          {what}
        </p>
      </div>
    );
  }
  return defineAction<AmountDraft>({
    kind,
    label,
    contract: membersPaymaster,
    initial: (ctx) => ({ amount: ctx.paymaster ? ethText(current(ctx.paymaster)) : "" }),
    Editor: AmountEditor,
    parse(d, ctx) {
      const amount = parseBudget(d.amount, label);
      if ("error" in amount) return amount;
      const now = paymasterAfter(ctx);
      if (now && current(now) === amount.value) return { error: `${label}: it is ${eth(amount.value)} already.` };
      return paymasterCall(functionName, [amount.value], ctx);
    },
  });
}

export const defaultBudget = amountAction({
  kind: "gasDefaultBudget",
  label: "Set members' default gas budget",
  field: "ETH per member and period",
  what: "Every member without a budget of their own may spend this much of the co-op's gas deposit per period; 0 stops their sponsorship.",
  functionName: "setDefaultBudget",
  current: (s) => s.defaultBudget,
});

export const coordinatorCap = amountAction({
  kind: "gasCoordinatorCap",
  label: "Set the coordinators' gas budget cap",
  field: "ETH per member and period",
  what: "The most a project coordinator may give one member per period; 0 leaves members' budgets to the council alone.",
  functionName: "setCoordinatorBudgetCap",
  current: (s) => s.coordinatorBudgetCap,
});

interface MemberDraft {
  own: boolean;
  account: string;
  amount: string;
}

const memberLabel = "Set a member's gas budget";

function MemberEditor({ draft: d, set, ctx }: EditorProps<MemberDraft>) {
  return (
    <>
      <div className="row">
        <OnOff
          value={d.own}
          onChange={(own) => set({ own })}
          on="Give a budget of their own"
          off="Return to the default budget"
        />
        <Account label="Member" value={d.account} onChange={(account) => set({ account })} testId="action-account" />
        {d.own && (
          <Text label="ETH per period" value={d.amount} onChange={(amount) => set({ amount })} testId="action-amount" />
        )}
      </div>
      {ctx.paymaster && (
        <p className="muted small">
          The default budget is {eth(ctx.paymaster.defaultBudget)} per period; coordinators may give up to{" "}
          {eth(ctx.paymaster.coordinatorBudgetCap)}, and only the council more. A budget of 0 stops the member's
          sponsorship.
        </p>
      )}
    </>
  );
}

export const memberBudget = defineAction<MemberDraft>({
  kind: "gasMemberBudget",
  label: memberLabel,
  contract: membersPaymaster,
  initial: () => ({ own: true, account: "", amount: "" }),
  Editor: MemberEditor,
  parse(d, ctx) {
    const member = pickedAccount(d.account, `${memberLabel}: choose the member.`, memberLabel);
    if ("error" in member) return member;
    if (!d.own) return paymasterCall("clearMemberBudget", [member.value], ctx);
    const amount = parseBudget(d.amount, memberLabel);
    if ("error" in amount) return amount;
    return paymasterCall("setMemberBudget", [member.value, amount.value], ctx);
  },
});
