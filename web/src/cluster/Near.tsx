// Offers and needs near me: the open intents (active, something unmatched, window not ended) within a radius of my
// place, read a page at a time through a box around it and sorted by the contract's distance; filters by side,
// category and unit. Without a place, every open intent newest first, and no distances.
import { useMemo, useState } from "react";
import { useChainClock } from "../shared/chainTime";
import { formatDate } from "../shared/format";
import { ShowMore } from "../shared/ShowMore";
import { Table } from "../shared/Table";
import { TextField } from "../shared/TextField";
import { Who } from "../shared/Who";
import { parsePlace, PlaceFields, placeText, quantity, whatOf } from "./bits";
import type { ClusterView } from "./ClusterPage";
import { useIntentPages, type IntentFilter, type Side } from "./data";
import { boxAround, distanceBetween, formatDistance, formatPlace, unitBytes } from "./terms";

/** The radius a list starts with, km. */
const DEFAULT_RADIUS_KM = 25;

export function Near({ unit, me, place, setPlace }: ClusterView) {
  const now = useChainClock();
  const [lat, setLat] = useState(place ? placeText(place).lat : "");
  const [lon, setLon] = useState(place ? placeText(place).lon : "");
  const [radius, setRadius] = useState(String(DEFAULT_RADIUS_KM));
  const [side, setSide] = useState<Side | "">("");
  const [category, setCategory] = useState("");
  const [unitFilter, setUnitFilter] = useState("");
  const typed = parsePlace(lat, lon);
  const radiusKm = Number(radius);
  const radiusOk = /^\d+(\.\d+)?$/.test(radius.trim()) && radiusKm > 0 && radiusKm <= 20_000;
  const categoryOk = category === "" || /^\d{1,10}$/.test(category);
  const unitHex = unitFilter === "" ? undefined : unitBytes(unitFilter);

  const metres = Math.round(radiusKm * 1000);
  const filter: IntentFilter = useMemo(
    () => ({
      ...(side ? { side } : {}),
      ...(categoryOk && category !== "" ? { category: Number(category) } : {}),
      ...(unitHex ? { unit: unitHex } : {}),
      // The minute, not the second: the list's key changes once a minute, not on every clock tick.
      ...(now !== undefined ? { openAt: Math.floor(now / 60) * 60 } : {}),
      ...(place && radiusOk ? { box: boxAround(place.lat, place.lon, metres) } : {}),
    }),
    [side, category, categoryOk, unitHex, now, place, radiusOk, metres],
  );
  const pages = useIntentPages(filter, now !== undefined);
  const rows = useMemo(() => {
    const all = pages.data?.pages.flatMap((p) => p.items) ?? [];
    if (!place) return all.map((i) => ({ intent: i, distance: undefined }));
    return all
      .map((i) => ({ intent: i, distance: distanceBetween(place, i.terms) }))
      .filter((r) => !radiusOk || r.distance <= metres)
      .sort((a, b) => a.distance - b.distance || (a.intent.id < b.intent.id ? 1 : -1));
  }, [pages.data, place, radiusOk, metres]);

  return (
    <section className="panel">
      <h2>Offers and needs near me</h2>
      <form
        className="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          if (typed.place) setPlace(typed.place);
        }}
      >
        <p className="muted small">
          Your place stays in this browser: it only goes on chain with an intent you post.{" "}
          {place ? `Now: ${formatPlace(place.lat, place.lon)}.` : "Set it to see distances."}
        </p>
        <PlaceFields
          lat={lat}
          lon={lon}
          onChange={(a, b) => {
            setLat(a);
            setLon(b);
          }}
          errors={lat || lon ? typed.errors : {}}
          testId="near-place"
        />
        <div className="row">
          <TextField
            label="Within (km)"
            narrow
            value={radius}
            onChange={setRadius}
            inputMode="decimal"
            testId="near-radius"
            error={radiusOk ? undefined : "Enter a distance in km, more than 0."}
          />
          <label className="field field-narrow">
            <span>Side</span>
            <select value={side} onChange={(e) => setSide(e.target.value as Side | "")} data-testid="near-side">
              <option value="">Offers and needs</option>
              <option value="offer">Offers</option>
              <option value="need">Needs</option>
            </select>
          </label>
          <TextField
            label="Category"
            narrow
            value={category}
            onChange={setCategory}
            inputMode="numeric"
            placeholder="any"
            testId="near-category"
            error={categoryOk ? undefined : "A category is a whole number."}
          />
          <TextField
            label="Unit"
            narrow
            value={unitFilter}
            onChange={setUnitFilter}
            placeholder="any"
            testId="near-unit"
            error={unitFilter === "" || unitHex ? undefined : "A unit is 1 to 8 letters or signs, no spaces."}
          />
        </div>
        <div className="actions">
          <button className="btn" type="submit" disabled={!typed.place} data-testid="near-set-place">
            Use this place
          </button>
          {place && (
            <button type="button" className="btn btn-ghost" onClick={() => setPlace(undefined)}>
              Forget my place
            </button>
          )}
        </div>
      </form>
      {pages.error && <p className="error">Could not read the intents: {pages.error.message}</p>}
      {pages.isLoading ? (
        <p className="muted">Loading the open intents…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="near-empty">
          {place ? "No open offer or need within this distance." : "No open offer or need."}
        </p>
      ) : (
        <Table
          testId="near-list"
          head={
            <>
              <th>#</th>
              <th>Side</th>
              <th>What</th>
              <th className="num">Open</th>
              <th className="num">Price / unit</th>
              <th>Window</th>
              <th className="num">Distance</th>
              <th>Who</th>
            </>
          }
        >
          {rows.map(({ intent: i, distance }) => (
            <tr key={i.id.toString()} data-testid={`near-row-${i.id}`}>
              <td>{i.id.toString()}</td>
              <td>
                <span className={`badge badge-${i.terms.side === "offer" ? "accepted" : "pending"}`}>
                  {i.terms.side === "offer" ? "Offer" : "Need"}
                </span>
              </td>
              <td>{whatOf(i.terms)}</td>
              <td className="num">{quantity(i.remaining, i.terms.unit)}</td>
              <td className="num">
                {unit.fmt(i.terms.price)} {i.terms.side === "offer" ? "asked" : "at most"}
              </td>
              <td className="small">
                {formatDate(i.terms.start)} → {formatDate(i.terms.end)}
              </td>
              <td className="num" data-testid="near-distance">
                {distance === undefined ? "—" : formatDistance(distance)}
                <div className="muted small">up to {formatDistance(i.terms.maxDistance)}</div>
              </td>
              <td>
                <Who address={i.terms.owner} me={me} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ShowMore pages={pages} testId="near-more" />
    </section>
  );
}
