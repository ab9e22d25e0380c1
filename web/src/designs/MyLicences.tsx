// The licensee's own licences, newest first: each with its design, tier, validity, units reported and fees paid, and
// while it is valid the forms to report production and pay.
import type { Address } from "viem";
import { useChainTime } from "../shared/chainTime";
import { Figure } from "../shared/Figure";
import { formatDate, formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { href } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { DesignLink, Money, TierBadge } from "./bits";
import { useDesign, useMyLicencePages, type Licence } from "./data";
import { PayForms } from "./PayForms";

export function MyLicences({ me }: { me?: Address }) {
  return (
    <section className="panel">
      <h2>My licences</h2>
      <WalletGate action="see your licences">{me && <LicenceList me={me} />}</WalletGate>
    </section>
  );
}

function LicenceList({ me }: { me: Address }) {
  const list = useMyLicencePages(me);
  const items = list.items ?? [];
  if (list.isLoading) return <p className="muted">Loading your licences…</p>;
  if (list.error) return <p className="error">Could not read your licences: {list.error.message}</p>;
  if (items.length === 0)
    return (
      <p className="muted" data-testid="my-licences-empty">
        You hold no licence. Find a design in the <a href={href("designs")}>library</a> and take one to produce it.
      </p>
    );
  return (
    <>
      <ul className="list" data-testid="my-licences">
        {items.map((l) => (
          <LicenceItem key={l.id.toString()} licence={l} me={me} />
        ))}
      </ul>
      <ShowMore pages={list} testId="my-licences-more" />
    </>
  );
}

function LicenceItem({ licence: l, me }: { licence: Licence; me: Address }) {
  const design = useDesign(l.designId).data;
  const now = useChainTime();
  const valid = now !== undefined && now < l.expiresAt;
  return (
    <li className="list-item eval-item" data-testid={`my-licence-${l.id}`}>
      <div>
        <strong>
          Licence #{l.id.toString()} on {design ? <DesignLink design={design} /> : `design #${l.designId}`}
        </strong>{" "}
        <TierBadge tier={l.tier} />{" "}
        {!valid && now !== undefined && <span className="badge badge-expired">expired</span>}
      </div>
      <dl className="facts">
        <Figure label="Taken">{formatDate(l.takenAt)}</Figure>
        <Figure label={valid ? "Valid until" : "Expired"}>{formatDate(l.expiresAt)}</Figure>
        <Figure label="Units reported" testId={`my-licence-units-${l.id}`}>
          {formatInt(l.unitsReported)}
        </Figure>
        <Figure label="Fees paid" testId={`my-licence-fees-${l.id}`}>
          <Money amount={l.feesPaid} currency={l.currency} />
        </Figure>
      </dl>
      {valid && design && <PayForms design={design} licence={l} me={me} />}
    </li>
  );
}
