// The council action that replaces a resource's closed periods (days of the season, e.g. spawning weeks).
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { Text } from "../../council/actions/fields";
import { resourceRegistry } from "./calls";
import { aboutResource, chosenResource, firstResource, parsePeriods, periodsText, ResourcePick } from "./fields";

const label = "Set closed periods";

type ClosedDraft = ReturnType<typeof periodsText> & { resource: string };

function ClosedEditor({ draft: d, set, ctx }: EditorProps<ClosedDraft>) {
  return (
    <div className="row">
      <ResourcePick value={d.resource} onPick={(r) => set(aboutResource(r, periodsText))} ctx={ctx} />
      <Text
        label="Closed periods (days, e.g. 60-120, 200-230; empty for none)"
        value={d.closed}
        onChange={(closed) => set({ closed })}
        testId="closed-days"
        narrow={false}
      />
    </div>
  );
}

export const closed = defineAction<ClosedDraft>({
  kind: "closed",
  label,
  contract: resourceRegistry,
  initial: (ctx) => aboutResource(firstResource(ctx), periodsText),
  Editor: ClosedEditor,
  parse(d, ctx) {
    const id = chosenResource(d.resource, label);
    if ("error" in id) return id;
    const periods = parsePeriods(d.closed);
    if ("error" in periods) return periods;
    const data = encodeFunctionData({
      abi: resourceRegistryAbi,
      functionName: "setClosedPeriods",
      args: [id.value, periods.value],
    });
    return callsTo(resourceRegistry, [data], ctx);
  },
});
