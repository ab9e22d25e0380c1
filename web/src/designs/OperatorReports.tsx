// A commercial licence's production reported by operators: whether the local exchange may report the licensee's
// deliveries of the design (it then counts the units on the licence as orders are delivered, and the fee is owed),
// and what the licence owes for such reports, paid here (an ERC-20 approved first, exactly, when short) — even after
// the licence expired. The split of a payment is the split of any fee (./fees.ts).
import { designCommonsAbi } from "@cosmolocal/sdk";
import { useState } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { clusterAddress } from "../cluster/contracts";
import { targetChain } from "../shared/config";
import { formatAmount, formatInt } from "../shared/format";
import { Outcome, useOutcome } from "../shared/Outcome";
import { designName, useCurrency } from "./bits";
import { designsAddress } from "./contracts";
import type { Design, Licence } from "./data";
import { useDesignsWrites } from "./writes";

const commons = { address: designsAddress, abi: designCommonsAbi, chainId: targetChain.id } as const;

export function OperatorReports({ design: d, licence, me }: { design: Design; licence: Licence; me: Address }) {
  const actions = useDesignsWrites();
  const token = useCurrency(licence.currency);
  const approved = useReadContract({
    ...commons,
    functionName: "isReportOperator",
    args: clusterAddress ? [me, clusterAddress] : undefined,
    query: { enabled: !!clusterAddress },
  });
  const { error, setError, busy, setBusy, done, setDone } = useOutcome();
  const [paying, setPaying] = useState(false);
  if (licence.tier !== "commercial") return null;
  const amount = (v: bigint) => (token ? `${formatAmount(v, token.decimals, 6)} ${token.symbol}` : "…");

  async function toggle(on: boolean) {
    if (!clusterAddress) return;
    setBusy(true);
    const out = await actions.setReportOperator(clusterAddress, on, "the local exchange");
    setBusy(false);
    if (out.ok) void approved.refetch();
    else setError(out.error);
  }
  async function payOwed() {
    setPaying(true);
    const fee = licence.feesOwed;
    const out = await actions.payOwed(licence.id, fee, licence.currency, me, designName(d));
    setPaying(false);
    if (out.ok) setDone(`Paid ${amount(fee)}: shared as any fee, to the design's contributors and its ancestors.`);
    else setError(out.error);
  }

  return (
    <div className="form" data-testid="operator-reports">
      <h3>Production reported for you</h3>
      {licence.operatorReportCount > 0 && (
        <p className="small" data-testid="operator-reported">
          {formatInt(licence.operatorReportCount)} {licence.operatorReportCount === 1 ? "delivery" : "deliveries"}{" "}
          reported by the local exchange.
        </p>
      )}
      {licence.feesOwed > 0n && (
        <div className="actions">
          <span data-testid="fees-owed">You owe {amount(licence.feesOwed)} for reported production.</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={paying || !token}
            onClick={() => void payOwed()}
            data-testid="pay-owed"
          >
            {paying ? "Paying…" : `Pay ${amount(licence.feesOwed)}`}
          </button>
        </div>
      )}
      {clusterAddress && approved.data !== undefined && (
        <p className="small muted">
          {approved.data
            ? "The local exchange reports your deliveries of this design as they happen; the fee is owed until you pay it. "
            : "Let the local exchange report your deliveries of this design as its orders are delivered: the units count on this licence and the fee is owed, paid here when you choose. "}
          <button
            type="button"
            className={`btn btn-small${approved.data ? " btn-ghost" : ""}`}
            disabled={busy}
            onClick={() => void toggle(!approved.data)}
            data-testid="report-operator-toggle"
          >
            {approved.data ? "Stop it" : "Let the exchange report"}
          </button>
        </p>
      )}
      <Outcome testId="operator-reports" error={error} done={done} />
    </div>
  );
}
