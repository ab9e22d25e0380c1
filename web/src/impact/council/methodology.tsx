// The council action that creates or changes an impact methodology: its id, k (approvals per claim), whether it is
// open for new claims, and its name — starting from what the registry holds for that id.
import { IMPACT_MAX_THRESHOLD, impactRegistryAbi } from "@cosmolocal/sdk";
import { useEffect, useState } from "react";
import { encodeFunctionData } from "viem";
import { useReadContract } from "wagmi";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { OnOff, Text } from "../../council/actions/fields";
import { targetChain } from "../../shared/config";
import { impactRegistryAddress } from "../contracts";
import { impactRegistry } from "./calls";

interface MethodologyDraft {
  id: string;
  threshold: string;
  on: boolean;
  name: string;
}

const validId = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 255;

function MethodologyEditor({ draft: d, set }: EditorProps<MethodologyDraft>) {
  const id = Number(d.id);
  const valid = validId(d.id);
  const current = useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "getMethodology",
    args: valid ? [id] : undefined,
    chainId: targetChain.id,
    query: { enabled: valid && !!impactRegistryAddress },
  });
  const [k, active, name] = current.data ?? [];
  // An existing methodology's settings are the starting point of a change (once, when it is first read).
  const [prefilled, setPrefilled] = useState<number>();
  useEffect(() => {
    if (!valid || !k || prefilled === id) return;
    setPrefilled(id);
    set({ threshold: String(k), on: !!active, name: name ?? "" });
  }, [valid, k, active, name, id, prefilled, set]);
  return (
    <>
      <div className="row">
        <Text label="Methodology id (1–255)" value={d.id} onChange={(v) => set({ id: v })} testId="methodology-id" />
        <Text
          label={`k: approvals per claim (1–${IMPACT_MAX_THRESHOLD})`}
          value={d.threshold}
          onChange={(threshold) => set({ threshold })}
          testId="methodology-k"
        />
        <OnOff value={d.on} onChange={(on) => set({ on })} on="Open for new claims" off="Closed for new claims" />
        <Text label="Name" value={d.name} onChange={(v) => set({ name: v })} testId="methodology-name" narrow={false} />
      </div>
      {valid && current.data && (
        <p className="muted small" data-testid="methodology-current">
          {k
            ? `Now: “${name}”, k = ${k}, ${active ? "open" : "closed"} for new claims. A change applies to claims submitted after it.`
            : `Methodology ${id} does not exist yet: this creates it.`}
        </p>
      )}
    </>
  );
}

export const methodology = defineAction<MethodologyDraft>({
  kind: "methodology",
  label: "Set impact methodology",
  contract: impactRegistry,
  initial: () => ({ id: "", threshold: "2", on: true, name: "" }),
  Editor: MethodologyEditor,
  parse(d, ctx) {
    const k = Number(d.threshold);
    if (!validId(d.id)) return { error: "Methodology: the id is a whole number from 1 to 255." };
    if (!/^\d+$/.test(d.threshold.trim()) || k < 1 || k > IMPACT_MAX_THRESHOLD)
      return { error: `Methodology: k (approvals per claim) is from 1 to ${IMPACT_MAX_THRESHOLD}.` };
    if (!d.name.trim()) return { error: "Methodology: give it a name (e.g. “Biochar in soils v1”)." };
    const data = encodeFunctionData({
      abi: impactRegistryAbi,
      functionName: "setMethodology",
      args: [Number(d.id), k, d.on, d.name.trim()],
    });
    return callsTo(impactRegistry, [data], ctx);
  },
});
