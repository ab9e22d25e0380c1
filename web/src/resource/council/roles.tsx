// The council actions that accredit or withdraw a resource's science body, and register or deregister its buyers.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { Account, OnOff } from "../../council/actions/fields";
import { pickedAccount } from "../../shared/AccountSelect";
import { resourceRegistry } from "./calls";
import { aboutResource, chosenResource, firstResource, ResourcePick } from "./fields";

interface Role {
  kind: string;
  label: string;
  functionName: "setAssessor" | "setBuyer";
  /** The on / off choice's words. */
  on: string;
  off: string;
}

interface RoleDraft {
  resource: string;
  on: boolean;
  account: string;
}

/** A role's draft keeps its on / off and account when another resource is picked. */
const noText = () => ({});

/** An account's role for one resource, switched on or off by the council. */
function roleAction({ kind, label, functionName, on, off }: Role) {
  function RoleEditor({ draft: d, set, ctx }: EditorProps<RoleDraft>) {
    return (
      <div className="row">
        <ResourcePick value={d.resource} onPick={(r) => set(aboutResource(r, noText))} ctx={ctx} />
        <OnOff value={d.on} onChange={(v) => set({ on: v })} on={on} off={off} />
        <Account label="Account" value={d.account} onChange={(account) => set({ account })} testId="action-account" />
      </div>
    );
  }
  return defineAction<RoleDraft>({
    kind,
    label,
    contract: resourceRegistry,
    initial: (ctx) => ({ ...aboutResource(firstResource(ctx), noText), on: true, account: "" }),
    Editor: RoleEditor,
    parse(d, ctx) {
      const id = chosenResource(d.resource, label);
      if ("error" in id) return id;
      const account = pickedAccount(d.account, `${label}: choose the account.`, label);
      if ("error" in account) return account;
      const data = encodeFunctionData({
        abi: resourceRegistryAbi,
        functionName,
        args: [id.value, account.value, d.on],
      });
      return callsTo(resourceRegistry, [data], ctx);
    },
  });
}

export const assessor = roleAction({
  kind: "assessor",
  label: "Accredit / withdraw a science body",
  functionName: "setAssessor",
  on: "Accredit",
  off: "Withdraw",
});
export const buyer = roleAction({
  kind: "buyer",
  label: "Register / deregister a buyer",
  functionName: "setBuyer",
  on: "Register",
  off: "Deregister",
});
