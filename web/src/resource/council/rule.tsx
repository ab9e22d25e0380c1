// The council action that sets a resource's harvest rule (from its current one).
import { resourceRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { resourceRegistry } from "./calls";
import {
  aboutResource,
  chosenResource,
  firstResource,
  parseRule,
  resourceById,
  ResourcePick,
  RuleInputs,
  type RuleText,
  ruleText,
} from "./fields";

const label = "Set a harvest rule";

type RuleDraft = RuleText & { resource: string };

function RuleEditor({ draft: d, set, ctx }: EditorProps<RuleDraft>) {
  return (
    <>
      <div className="row">
        <ResourcePick value={d.resource} onPick={(r) => set(aboutResource(r, ruleText))} ctx={ctx} />
      </div>
      <RuleInputs d={d} set={set} unit={resourceById(ctx, d.resource)?.info.unit ?? "t"} />
    </>
  );
}

export const rule = defineAction<RuleDraft>({
  kind: "rule",
  label,
  contract: resourceRegistry,
  initial: (ctx) => aboutResource(firstResource(ctx), ruleText),
  Editor: RuleEditor,
  parse(d, ctx) {
    const id = chosenResource(d.resource, label);
    if ("error" in id) return id;
    const parsed = parseRule(d, "the resource's unit");
    if ("error" in parsed) return parsed;
    const data = encodeFunctionData({
      abi: resourceRegistryAbi,
      functionName: "setHarvestRule",
      args: [id.value, parsed.value],
    });
    return callsTo(resourceRegistry, [data], ctx);
  },
});
