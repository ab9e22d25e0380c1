// A design's licence panel for the connected account: its licence on the design (one view call, licenceOf) with the
// forms to report production and pay, or taking one, free when the account counts as commons for the design (an
// accredited entity, or a contributor with points in its project: the isCommonsFor view call), else under the terms.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { useState } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { useChainTime } from "../shared/chainTime";
import { targetChain } from "../shared/config";
import { formatDate, formatDuration } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome } from "../shared/Outcome";
import { href } from "../shared/router";
import { designName, feesInWords, TierBadge, useCurrency } from "./bits";
import { designsAddress } from "./contracts";
import { useLicence, type Design } from "./data";
import { OperatorReports } from "./OperatorReports";
import { PayForms } from "./PayForms";
import { useDesignsWrites } from "./writes";

const commons = { address: designsAddress, abi: designCommonsAbi, chainId: targetChain.id } as const;

export function LicencePanel({ design: d, me }: { design: Design; me?: Address }) {
  return (
    <section className="panel" data-testid="licence-panel">
      <h2>Produce it commercially</h2>
      <WalletGate action="take a licence or report production">{me && <MyLicence design={d} me={me} />}</WalletGate>
    </section>
  );
}

function MyLicence({ design: d, me }: { design: Design; me: Address }) {
  const now = useChainTime();
  const id = useReadContract({ ...commons, functionName: "licenceOf", args: [d.id, me] }).data;
  const licence = useLicence(id ?? 0n, !!id).data;
  const isCommons = useReadContract({ ...commons, functionName: "isCommonsFor", args: [d.id, me] }).data;
  const token = useCurrency(d.terms.currency);
  const actions = useDesignsWrites();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const valid = licence && now !== undefined && now < licence.expiresAt;
  if (id === undefined || isCommons === undefined || (id !== 0n && !licence)) return <p className="muted">Loading…</p>;
  if (valid)
    return (
      <>
        <p data-testid="my-licence">
          You hold licence #{licence.id.toString()} <TierBadge tier={licence.tier} />, under terms version{" "}
          {licence.termsVersion}, valid until {formatDate(licence.expiresAt)}.{" "}
          <a href={href("designs", "mine")}>All your licences</a>
        </p>
        <PayForms design={d} licence={licence} me={me} />
        <OperatorReports design={d} licence={licence} me={me} />
      </>
    );

  async function take() {
    setBusy(true);
    setError(undefined);
    const outcome = await actions.takeLicence(d.id, designName(d));
    setBusy(false);
    if (!outcome.ok) setError(outcome.error);
  }

  return (
    <>
      {licence && (
        <p className="muted small">
          Your licence #{licence.id.toString()} expired on {formatDate(licence.expiresAt)}.
        </p>
      )}
      {licence && licence.feesOwed > 0n && <OperatorReports design={d} licence={licence} me={me} />}
      {isCommons ? (
        <p data-testid="licence-offer">
          You count as commons for this design (an accredited open co-op or non-profit, or one of its contributors):
          your licence is <strong>free</strong>. Taking it records, in the open books, that you produce it.
        </p>
      ) : (
        <p data-testid="licence-offer">
          A commercial licence lasts {formatDuration(d.terms.licenceDuration)} and costs {feesInWords(d.terms, token)}.
          You pay as you report production (or per period); nothing is due to take it.
        </p>
      )}
      <Outcome testId="take-licence" error={error} />
      <div className="actions">
        <button className="btn" disabled={busy} onClick={() => void take()} data-testid="take-licence">
          {busy ? "Taking…" : isCommons ? "Take a free commons licence" : "Take a commercial licence"}
        </button>
      </div>
    </>
  );
}
