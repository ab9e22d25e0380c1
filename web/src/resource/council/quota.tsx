// The council action that sets a resource's quota policy: carry-over and concentration cap.
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { Text } from "../../council/actions/fields";
import { resourceRegistry } from "./calls";
import { aboutResource, chosenResource, firstResource, parsePct, quotaText, ResourcePick } from "./fields";

const label = "Set a quota policy";

type QuotaDraft = ReturnType<typeof quotaText> & { resource: string };

function QuotaEditor({ draft: d, set, ctx }: EditorProps<QuotaDraft>) {
  return (
    <div className="row">
      <ResourcePick value={d.resource} onPick={(r) => set(aboutResource(r, quotaText))} ctx={ctx} />
      <Text label="Carry-over (%)" value={d.carry} onChange={(carry) => set({ carry })} testId="quota-carry" />
      <Text label="Concentration cap (%)" value={d.conc} onChange={(conc) => set({ conc })} testId="quota-conc" />
    </div>
  );
}

export const quota = defineAction<QuotaDraft>({
  kind: "quota",
  label,
  contract: resourceRegistry,
  initial: (ctx) => aboutResource(firstResource(ctx), quotaText),
  Editor: QuotaEditor,
  parse(d, ctx) {
    const id = chosenResource(d.resource, label);
    if ("error" in id) return id;
    const carry = parsePct(d.carry, "Carry-over");
    if ("error" in carry) return carry;
    const conc = parsePct(d.conc, "Concentration cap");
    if ("error" in conc) return conc;
    if (conc.value === 0) return { error: "The concentration cap must be above 0 %." };
    const data = encodeFunctionData({
      abi: resourceRegistryAbi,
      functionName: "setQuotaPolicy",
      args: [id.value, carry.value, conc.value],
    });
    return callsTo(resourceRegistry, [data], ctx);
  },
});
