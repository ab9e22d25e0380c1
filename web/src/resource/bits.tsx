// Small pieces shared by the resource screens: an exact amount, the season's headline, landings.
import { WalletGate } from "../shared/gate";
import { formatDate } from "../shared/format";

import { bytes32ToText, type Unit } from "../shared/units";
import type { Landing, Resource } from "./data";
import { Who } from "../shared/Who";
import { Table } from "../shared/Table";

/** An amount in the resource's unit; the exact value (18 decimals) in `data-wei` for checks and on hover. */
export function Amount({ value, unit, testId }: { value: bigint; unit: Unit; testId?: string }) {
  return (
    <span data-testid={testId} data-wei={value.toString()} title={`${value} (×10⁻¹⁸ ${unit.symbol})`}>
      {unit.fmt(value)}
    </span>
  );
}

/** Fish tickets are short text (e.g. "HB-0001") or a hash. */
export function Ticket({ value }: { value: `0x${string}` }) {
  const text = bytes32ToText(value);
  return text ? <span>{text}</span> : <code title={value}>{value.slice(0, 10)}…</code>;
}

export function LandingsTable({
  r,
  landings,
  me,
  testId = "landings-table",
  empty = "No landings yet.",
}: {
  r: Resource;
  landings: Landing[];
  me?: `0x${string}`;
  testId?: string;
  empty?: string;
}) {
  if (landings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <Table
      testId={testId}
      head={
        <>
          <th>Season</th>
          <th>Holder</th>
          <th>Buyer</th>
          <th>Ticket</th>
          <th className="num">Amount</th>
          <th className="num">Block</th>
        </>
      }
    >
      {landings.slice(0, 100).map((l) => (
        <tr key={`${l.txHash}-${l.holder}`} data-testid="landing-row">
          <td>{l.season}</td>
          <td>
            <Who address={l.holder} me={me} />
          </td>
          <td>
            <Who address={l.buyer} me={me} />
          </td>
          <td className="small" data-testid="landing-ticket">
            <Ticket value={l.ticket} />
          </td>
          <td className="num">
            <Amount value={l.amount} unit={r.unit} testId="landing-amount" />
          </td>
          <td className="num muted">{l.blockNumber.toString()}</td>
        </tr>
      ))}
    </Table>
  );
}

/** Why the current season accepts no transfers or landings, if it does not (before season 1, not opened yet). */
export function SeasonGate({ r, action, children }: { r: Resource; action: string; children: React.ReactNode }) {
  if (r.current === 0)
    return (
      <p className="notice">
        Season 1 opens on {formatDate(Number(r.info.firstSeasonStart))} (chain time); you can {action} from then.
      </p>
    );
  return <WalletGate action={action}>{children}</WalletGate>;
}
