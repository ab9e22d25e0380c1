// Posting an intent: an offer (what I can make or supply) or a need (what I want), with its category and unit, an
// optional design of the design commons or specification hash, the quantity, the price per unit in credit (an
// offer's ask, a need's highest), a window, a place and the farthest counterpart accepted. The exchange's approval is
// asked first (a member posts only while allowing the exchange to record its orders' obligations). Under it, my
// intents, each withdrawable.
import { useState, type FormEvent } from "react";
import { isHex, zeroHash, type Hex } from "viem";
import { DAY, dateInputValue, useChainTime } from "../shared/chainTime";
import { formatDate, formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { ShowMore } from "../shared/ShowMore";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { TextField } from "../shared/TextField";
import { DesignLicenceNote, ExchangeApproval, parsePlace, PlaceFields, placeText, quantity, whatOf } from "./bits";
import type { ClusterView } from "./ClusterPage";
import { useIntentPages, type ClusterIntent, type Side } from "./data";
import { unitBytes } from "./terms";

const MAX_UINT96 = 2n ** 96n - 1n;
const MAX_UINT32 = 2 ** 32 - 1;

/** Unix seconds of a calendar day's start (00:00) or end (23:59:59) in this browser's time zone. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00`) / 1000;
const dayEnd = (day: string) => Date.parse(`${day}T23:59:59`) / 1000;

export function PostIntent(view: ClusterView) {
  const { me } = view;
  return (
    <>
      <section className="panel">
        <h2>Post an offer or a need</h2>
        <WalletGate action="post an offer or a need">
          {me && <ExchangeApproval me={me} actions={view.actions} standing={view.standing} />}
          {me && <IntentForm {...view} />}
        </WalletGate>
      </section>
      {me && <MyIntents {...view} />}
    </>
  );
}

function IntentForm({ me, unit, actions, standing, place, setPlace }: ClusterView) {
  const now = useChainTime();
  const [side, setSide] = useState<Side>("offer");
  const [category, setCategory] = useState("");
  const [unitText, setUnitText] = useState("pcs");
  const [qty, setQty] = useState("");
  const [price, setPrice] = useState("");
  const [from, setFrom] = useState<string>();
  const [until, setUntil] = useState<string>();
  const [lat, setLat] = useState(place ? placeText(place).lat : "");
  const [lon, setLon] = useState(place ? placeText(place).lon : "");
  const [km, setKm] = useState("25");
  const [design, setDesign] = useState("");
  const [spec, setSpec] = useState("");
  // The window starts today and runs 30 days by chain time unless the person picks dates.
  const start = from ?? (now === undefined ? "" : dateInputValue(now));
  const end = until ?? (now === undefined ? "" : dateInputValue(now + 30 * DAY));
  const startAt = dayStart(start);
  const endAt = dayEnd(end);
  const parsedPrice = unit.parse(price);
  const unitHex = unitBytes(unitText.trim());
  const typedPlace = parsePlace(lat, lon);
  const kmValue = Number(km);
  const metres = Math.round(kmValue * 1000);
  const specHex = spec.trim() === "" ? zeroHash : spec.trim();
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt, resetFields } = useOutcome({
    category: /^\d{1,10}$/.test(category) && Number(category) <= MAX_UINT32 ? undefined : "Enter the category's code.",
    unit: unitHex ? undefined : "A unit is 1 to 8 letters or signs, no spaces (pcs, kg, m2).",
    quantity:
      /^\d+$/.test(qty) && BigInt(qty) > 0n && BigInt(qty) <= MAX_UINT96
        ? undefined
        : "Enter a whole quantity greater than zero.",
    price: "error" in parsedPrice ? parsedPrice.error : parsedPrice.value > MAX_UINT96 ? "Too large." : undefined,
    start: Number.isNaN(startAt) ? "Choose when it opens." : undefined,
    end: Number.isNaN(endAt)
      ? "Choose when it closes."
      : endAt <= startAt
        ? "It must close after it opens."
        : now !== undefined && endAt < now
          ? "It must close in the future."
          : undefined,
    lat: typedPlace.errors.lat,
    lon: typedPlace.errors.lon,
    km:
      /^\d+(\.\d+)?$/.test(km.trim()) && metres > 0 && metres <= MAX_UINT32
        ? undefined
        : "Enter a distance in km, more than 0 and at most 4,294.",
    design: design === "" || /^\d{1,19}$/.test(design) ? undefined : "A design is its number (#id), or nothing.",
    spec: isHex(specHex) && specHex.length === 66 ? undefined : "A specification hash is 0x and 64 hex digits.",
  });
  const blocked = !me
    ? undefined
    : !standing.active
      ? actions.refusal("NotActiveMember", { account: me })
      : !standing.approved
        ? actions.refusal("ExchangeNotApproved", { account: me })
        : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !me || !typedPlace.place || !unitHex || "error" in parsedPrice) return;
    setBusy(true);
    const out = await actions.postIntent({
      owner: me,
      side,
      category: Number(category),
      unit: unitHex,
      designId: design === "" ? 0n : BigInt(design),
      spec: specHex as Hex,
      quantity: BigInt(qty),
      price: parsedPrice.value,
      start: startAt,
      end: endAt,
      lat: typedPlace.place.lat,
      lon: typedPlace.place.lon,
      maxDistance: metres,
    });
    setBusy(false);
    if (!out.ok) return setError(out.error);
    setPlace(typedPlace.place);
    setDone(`Posted: ${side === "offer" ? "your offer" : "your need"} is open to matching.`);
    setQty("");
    resetFields();
  }

  return (
    <form className="form" onSubmit={(ev) => void onSubmit(ev)} data-testid="intent-form">
      <div className="row">
        <label className="field field-narrow">
          <span>I post</span>
          <select value={side} onChange={(e) => edited(setSide)(e.target.value as Side)} data-testid="intent-side">
            <option value="offer">An offer (I make or supply)</option>
            <option value="need">A need (I want)</option>
          </select>
        </label>
        <TextField
          label="Category"
          narrow
          value={category}
          onChange={edited(setCategory, "category")}
          inputMode="numeric"
          placeholder="1001"
          testId="intent-category"
          error={problems.category}
        />
        <TextField
          label="Unit"
          narrow
          value={unitText}
          onChange={edited(setUnitText, "unit")}
          testId="intent-unit"
          error={problems.unit}
        />
        <TextField
          label="Quantity"
          narrow
          value={qty}
          onChange={edited(setQty, "quantity")}
          inputMode="numeric"
          placeholder="100"
          testId="intent-quantity"
          error={problems.quantity}
        />
        <TextField
          label={
            side === "offer" ? `Asking price per unit (${unit.symbol})` : `Highest price per unit (${unit.symbol})`
          }
          narrow
          value={price}
          onChange={edited(setPrice, "price")}
          inputMode="decimal"
          placeholder="12.5"
          testId="intent-price"
          error={problems.price}
        />
      </div>
      <div className="row">
        <TextField
          label={side === "offer" ? "Available from" : "Wanted from"}
          narrow
          type="date"
          value={start}
          onChange={edited(setFrom, "start")}
          testId="intent-start"
          error={problems.start}
        />
        <TextField
          label={side === "offer" ? "Available until" : "Due by"}
          narrow
          type="date"
          value={end}
          onChange={edited(setUntil, "end")}
          testId="intent-end"
          error={problems.end}
        />
        <TextField
          label="Farthest counterpart (km)"
          narrow
          value={km}
          onChange={edited(setKm, "km")}
          inputMode="decimal"
          testId="intent-km"
          error={problems.km}
        />
      </div>
      <PlaceFields
        lat={lat}
        lon={lon}
        onChange={(a, b) => {
          edited(setLat, "lat")(a);
          edited(setLon, "lon")(b);
        }}
        errors={{ lat: problems.lat, lon: problems.lon }}
        testId="intent-place"
      />
      <details>
        <summary className="small" data-testid="intent-more">
          A design or a specification (optional)
        </summary>
        <div className="row">
          <TextField
            label="Design of the design commons (#)"
            narrow
            value={design}
            onChange={edited(setDesign, "design")}
            inputMode="numeric"
            placeholder="none"
            testId="intent-design"
            error={problems.design}
          />
          <TextField
            label="Specification hash"
            value={spec}
            onChange={edited(setSpec, "spec")}
            placeholder="0x… (none)"
            testId="intent-spec"
            error={problems.spec}
          />
        </div>
        <p className="muted small">
          A need naming a design or a specification matches only offers of it; an offer naming one matches needs of it
          and needs that name none.
        </p>
      </details>
      {me && side === "offer" && /^\d{1,19}$/.test(design) && BigInt(design) > 0n && (
        <DesignLicenceNote designId={BigInt(design)} me={me} />
      )}
      <Submit testId="intent-submit" busy={busy} blocked={blocked}>
        {busy ? "Posting…" : side === "offer" ? "Post the offer" : "Post the need"}
      </Submit>
      <Outcome testId="intent" error={error} done={done} />
    </form>
  );
}

/** My intents, newest first, with what was matched of each and a withdraw button while active. */
function MyIntents({ me, unit, actions }: ClusterView) {
  const now = useChainTime();
  const pages = useIntentPages({ owner: me }, !!me);
  const [busy, setBusy] = useState<bigint>();
  const [error, setError] = useState<string>();
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  async function withdraw(i: ClusterIntent) {
    setBusy(i.id);
    const out = await actions.withdrawIntent(i);
    setBusy(undefined);
    setError(out.ok ? undefined : out.error);
  }
  const status = (i: ClusterIntent) =>
    !i.active
      ? "withdrawn"
      : now !== undefined && i.terms.end < now
        ? "closed"
        : i.remaining === 0n
          ? "matched"
          : "open";
  return (
    <section className="panel">
      <h2>My intents</h2>
      {pages.isLoading ? (
        <p className="muted">Loading your intents…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="my-intents-empty">
          You have posted no offer or need.
        </p>
      ) : (
        <Table
          testId="my-intents"
          head={
            <>
              <th>#</th>
              <th>Side</th>
              <th>What</th>
              <th className="num">Matched / quantity</th>
              <th className="num">Price / unit</th>
              <th>Closes</th>
              <th>Status</th>
              <th />
            </>
          }
        >
          {rows.map((i) => (
            <tr key={i.id.toString()} data-testid={`my-intent-${i.id}`}>
              <td>{i.id.toString()}</td>
              <td>{i.terms.side === "offer" ? "Offer" : "Need"}</td>
              <td>{whatOf(i.terms)}</td>
              <td className="num">
                {formatInt(i.matched)} / {quantity(i.terms.quantity, i.terms.unit)}
              </td>
              <td className="num">{unit.fmt(i.terms.price)}</td>
              <td className="small">{formatDate(i.terms.end)}</td>
              <td data-testid="my-intent-status">{status(i)}</td>
              <td>
                {i.active && (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    disabled={busy === i.id}
                    onClick={() => void withdraw(i)}
                    data-testid={`withdraw-${i.id}`}
                  >
                    Withdraw
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {error && <p className="error small">{error}</p>}
      <ShowMore pages={pages} testId="my-intents-more" />
    </section>
  );
}
