// A contribution project's designs, on its page: the designs its contributors made (links to their pages), its licence
// income per currency (its designs' fees, and its designs' shares of their derivatives' fees), and what the design
// commons holds for it, which anyone can release into the ledger once the project has point holders.
import { useState } from "react";
import type { Address } from "viem";
import { Figure } from "../shared/Figure";
import { formatInt } from "../shared/format";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Outcome } from "../shared/Outcome";
import { WalletGate } from "../shared/gate";
import { DesignLink, Money, useCurrency } from "./bits";
import { designsAddress } from "./contracts";
import { useProjectDesignPages, useProjectLicenceIncome, type LicenceIncome } from "./data";
import { useDesignsWrites } from "./writes";

/** "1 licence", "3 licences". */
const plural = (n: number | bigint, word: string) => `${formatInt(n)} ${BigInt(n) === 1n ? word : `${word}s`}`;

export function ProjectDesigns({ projectId, hasPoints }: { projectId: bigint; hasPoints: boolean }) {
  const list = useProjectDesignPages(projectId);
  const income = useProjectLicenceIncome(projectId).data ?? [];
  const items = list.items ?? [];
  if (!designsAddress) return null;
  return (
    <section className="panel" data-testid="project-designs">
      <h2>Designs</h2>
      {items.length === 0 ? (
        <p className="muted small">
          This project has registered no open design. <a href={href("designs", "new")}>Register one</a>: its commercial
          licences then pay into this project, shared by points.
        </p>
      ) : (
        <>
          <ul className="list">
            {items.map((d) => (
              <li key={d.id.toString()} className="list-item">
                <DesignLink design={d} />
                <span className="muted small">
                  {plural(d.commonsLicenceCount + d.commercialLicenceCount, "licence")} ·{" "}
                  {plural(d.unitsReported, "unit")} made
                </span>
              </li>
            ))}
          </ul>
          <ShowMore pages={list} testId="project-designs-more" />
        </>
      )}
      {income.map((row) => (
        <IncomeRow key={row.currency} row={row} hasPoints={hasPoints} />
      ))}
    </section>
  );
}

function IncomeRow({ row, hasPoints }: { row: LicenceIncome; hasPoints: boolean }) {
  const token = useCurrency(row.currency);
  const actions = useDesignsWrites();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const sym = token?.symbol ?? "";
  return (
    <div className="book" data-testid={`licence-income-${sym}`}>
      <h3>Licence income in {sym}</h3>
      <dl className="figures">
        <Figure label="From its designs">
          <Money amount={row.fromOwnDesigns} currency={row.currency} />
        </Figure>
        <Figure label="From derivatives of its designs">
          <Money amount={row.fromDerivatives} currency={row.currency} />
        </Figure>
        <Figure label="Paid in to members" testId={`licence-deposited-${sym}`}>
          <Money amount={row.deposited} currency={row.currency} />
        </Figure>
        <Figure label="Held, to release" testId={`licence-held-${sym}`}>
          <Money amount={row.held} currency={row.currency} />
        </Figure>
      </dl>
      {row.held > 0n && (
        <WalletGate action="release it">
          <p className="muted small">
            Shares of derivatives' fees (and fees paid while the project had no points) wait in the design commons until
            someone releases them into the project's income. Anyone may.
          </p>
          <Outcome testId={`release-${sym}`} error={error} />
          <div className="actions">
            <button
              className="btn btn-small"
              disabled={busy || !hasPoints}
              title={hasPoints ? undefined : actions.refusal("NoPointHolders", { projectId: row.projectId })}
              data-testid={`release-${sym}`}
              onClick={async () => {
                setBusy(true);
                setError(undefined);
                const sent = await actions.release(row.projectId, row.currency as Address, sym);
                setBusy(false);
                if (!sent.ok) setError(sent.error);
              }}
            >
              {busy ? "Releasing…" : `Release ${sym} into the project's income`}
            </button>
          </div>
        </WalletGate>
      )}
    </div>
  );
}
