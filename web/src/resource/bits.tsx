// Small pieces shared by the resource screens: an exact amount, the season's headline, landings and entitlement
// transfers (newest first, a page at a time).
import { WalletGate } from "../shared/gate";
import { formatDate, formatInt } from "../shared/format";
import { ShowMore } from "../shared/ShowMore";
import { bytes32ToText, type Unit } from "../shared/units";
import { useLandings, useTransfers, type LandingFilter, type Stock } from "./data";
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
  return text ? (
    <span>{text}</span>
  ) : (
    <code data-hash title={value}>
      {value.slice(0, 10)}…
    </code>
  );
}

/** Landings of a stock, newest first (all, of one holder or by one buyer), a page at a time. */
export function LandingsTable({
  r,
  filter,
  me,
  testId = "landings-table",
  empty = "No landings yet.",
}: {
  r: Stock;
  filter: LandingFilter;
  me?: `0x${string}`;
  testId?: string;
  empty?: string;
}) {
  const q = useLandings(r.id, filter);
  if (q.error) return <p className="error">Could not read the landings: {q.error.message}</p>;
  const landings = q.items ?? [];
  if (q.isLoading) return <p className="muted">Loading landings…</p>;
  if (landings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
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
        {landings.map((l) => (
          <tr key={l.index} data-testid="landing-row">
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
      {!filter.holder && !filter.buyer && (
        <p className="muted small">
          {formatInt(landings.length)} of {formatInt(r.landingCount)} landings shown.
        </p>
      )}
      <ShowMore pages={q} testId={`${testId}-more`} />
    </>
  );
}

/** Entitlement transfers of a stock, newest first, a page at a time. */
export function TransfersTable({ r, me }: { r: Stock; me?: `0x${string}` }) {
  const q = useTransfers(r.id);
  if (q.error) return <p className="error">Could not read the transfers: {q.error.message}</p>;
  const moves = q.items ?? [];
  if (q.isLoading) return <p className="muted">Loading transfers…</p>;
  if (moves.length === 0) return <p className="muted">No entitlement transferred yet.</p>;
  return (
    <>
      <Table
        testId="transfers-table"
        head={
          <>
            <th>Season</th>
            <th>From</th>
            <th>To</th>
            <th className="num">Amount</th>
            <th className="num">Block</th>
          </>
        }
      >
        {moves.map((m) => (
          <tr key={m.index} data-testid="transfer-row">
            <td>{m.season}</td>
            <td>
              <Who address={m.from} me={me} />
            </td>
            <td>
              <Who address={m.to} me={me} />
            </td>
            <td className="num">
              <Amount value={m.amount} unit={r.unit} testId="transfer-row-amount" />
            </td>
            <td className="num muted">{m.blockNumber.toString()}</td>
          </tr>
        ))}
      </Table>
      <p className="muted small">
        {formatInt(moves.length)} of {formatInt(r.transferCount)} transfers shown.
      </p>
      <ShowMore pages={q} testId="transfers-table-more" />
    </>
  );
}

/** Why the current season accepts no transfers or landings, if it does not (before season 1, not opened yet). */
export function SeasonGate({ r, action, children }: { r: Stock; action: string; children: React.ReactNode }) {
  if (r.current === 0)
    return (
      <p className="notice">
        Season 1 opens on {formatDate(Number(r.info.firstSeasonStart))} (chain time); you can {action} from then.
      </p>
    );
  return <WalletGate action={action}>{children}</WalletGate>;
}
