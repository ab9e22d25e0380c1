// The council action that lets sponsored operations call a contract, or stops them: one of the system's contracts by
// name, or another contract by its address.
import { zeroAddress } from "viem";
import { defineAction, type EditorProps } from "../../council/actions/action";
import { OnOff } from "../../council/actions/fields";
import { sameAddress } from "../../shared/format";
import { paymasterAddress } from "../contracts";
import { contractName, membersPaymaster, paymasterCall, SYSTEM_CONTRACTS } from "./calls";
import { pickedTarget, TargetPick, type TargetText } from "./fields";
import { paymasterAfter } from "./state";

const label = "Sponsor calls to a contract / stop";

type TargetDraft = TargetText & { allow: boolean };

function TargetEditor({ draft: d, set, ctx }: EditorProps<TargetDraft>) {
  return (
    <>
      <div className="row">
        <OnOff
          value={d.allow}
          onChange={(allow) => set({ allow })}
          on="Sponsor members' calls to"
          off="Stop sponsoring calls to"
        />
        <TargetPick d={d} set={set} state={ctx.paymaster} />
      </div>
      <p className="muted small">
        {d.allow
          ? "Allow only the co-op's own contracts: a member could spend the gas deposit on anything a sponsored contract does."
          : "Members can still call it, paying their own gas."}
      </p>
    </>
  );
}

export const callTarget = defineAction<TargetDraft>({
  kind: "gasTarget",
  label,
  contract: membersPaymaster,
  initial: () => ({ allow: true, target: "", address: "" }),
  Editor: TargetEditor,
  parse(d, ctx) {
    const target = pickedTarget(d, label);
    if ("error" in target) return target;
    const t = target.value;
    const now = paymasterAfter(ctx);
    if (d.allow && [zeroAddress, paymasterAddress, now?.entryPoint].some((x) => sameAddress(x, t)))
      return { error: `${label}: the paymaster, the EntryPoint and the zero address cannot be call targets.` };
    // Only the system's contracts' state is read; another contract's is left to the paymaster.
    const known = now && SYSTEM_CONTRACTS.some((c) => sameAddress(c.address, t));
    const allowed = now?.allowed.some((a) => sameAddress(a, t));
    if (known && d.allow && allowed) return { error: `Members' calls to ${contractName(t)} are sponsored already.` };
    if (known && !d.allow && !allowed) return { error: `Members' calls to ${contractName(t)} are not sponsored.` };
    return paymasterCall(d.allow ? "allowCallTarget" : "removeCallTarget", [t], ctx);
  },
});
