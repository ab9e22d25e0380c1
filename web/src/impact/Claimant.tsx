// The claimant's view: submitting a claim (evidence hashed in the browser), listing it, and my claims with their
// listings, proceeds and withdrawals.
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { useState, type FormEvent } from "react";
import type { Address, Hex } from "viem";
import { keccak256 } from "viem";
import { useReadContract } from "wagmi";
import { targetChain } from "../shared/config";
import { impactMarketAddress, impactRegistryAddress } from "./contracts";
import type { TokenInfo } from "../shared/data/tokens";
import { WalletGate } from "../shared/gate";
import { ShowMore } from "../shared/ShowMore";
import { sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { isValidEvidenceLink } from "../contribution/evidence";
import { ClaimLink, DayField, SelectField, currencyOptions, Money, StatusBadge, Tonnes } from "./bits";
import {
  dayText,
  dayToIso,
  fmtMoney,
  fmtPricePerTonne,
  fmtT,
  methodologyName,
  parseJurisdiction,
  parsePeriod,
  parsePricePerTonne,
  parseTonnes,
  periodText,
  useClaimsOf,
  type ClaimListed,
  type ImpactBase,
} from "./data";
import type { ImpactView } from "./ImpactPage";
import { idFromReceipt } from "./writes";
import { Outcome, useOutcome } from "../shared/Outcome";
import { Submit } from "../shared/Submit";
import { Figure } from "../shared/Figure";
import { TextField, useFieldProblem } from "../shared/TextField";
import { useAct } from "../shared/act";

/** Whether `me` has approved the market as operator of its impact units (needed once before listing). */
export function useMarketApproved(me?: Address) {
  return useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "isApprovedForAll",
    args: me ? [me, impactMarketAddress!] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!me },
  });
}

export function Claimant(view: ImpactView) {
  const { me } = view;
  const claims = useClaimsOf(me);
  const mine = claims.items ?? [];
  return (
    <WalletGate action="submit and follow your claims">
      <SubmitClaim {...view} />
      <section className="panel">
        <h2>My claims</h2>
        {claims.error ? (
          <p className="error">Could not read your claims: {claims.error.message}</p>
        ) : !claims.data ? (
          <p className="muted">Loading your claims…</p>
        ) : mine.length === 0 ? (
          <p className="muted">You have not submitted a claim yet.</p>
        ) : (
          <>
            <ul className="list" data-testid="my-claims">
              {mine.map((c) => (
                <MyClaim key={c.id.toString()} c={c} view={view} />
              ))}
            </ul>
            <ShowMore pages={claims} testId="my-claims-more" />
          </>
        )}
      </section>
    </WalletGate>
  );
}

function SubmitClaim({ base, me, actions }: ImpactView) {
  const active = base.methodologies.filter((m) => m.active);
  const [file, setFile] = useState<{ name: string; size: number; hash: Hex }>();
  const [fileKey, setFileKey] = useState(0);
  const [uri, setUri] = useState("");
  const [tonnesText, setTonnesText] = useState("");
  const [methodology, setMethodology] = useState(active[0] ? String(active[0].id) : "");
  const [start, setStart] = useState(dayToIso(base.today - 365));
  const [end, setEnd] = useState(dayToIso(base.today - 1));
  const [place, setPlace] = useState("");
  const [serial, setSerial] = useState("");
  const [listIt, setListIt] = useState(false);
  const [priceText, setPriceText] = useState("");
  const [currency, setCurrency] = useState<string>(base.currencies[0]?.address ?? "");
  const [done, setDone] = useState<{ id?: bigint; text: string }>();
  const approved = useMarketApproved(me);

  const token = base.currencies.find((c) => sameAddress(c.address, currency)) ?? base.currencies[0];
  const units = tonnesText.trim() ? parseTonnes(tonnesText) : undefined;
  const price = listIt && priceText.trim() ? parsePricePerTonne(priceText, token) : undefined;
  const period = parsePeriod(start, end, base.today);
  const place_ = parseJurisdiction(place);
  const m = active.find((x) => String(x.id) === methodology);
  const { error, setError, busy, setBusy, edited, problems, attempt, resetFields } = useOutcome({
    file: file ? undefined : "Choose the evidence file: its hash is what the verifiers check.",
    uri: isValidEvidenceLink(uri) ? undefined : "The evidence link must start with https://, http:// or ipfs://.",
    tonnes: !units ? "Enter the tonnes of CO2e cut." : "error" in units ? units.error : undefined,
    methodology: m ? undefined : "Choose a methodology.",
    period: "error" in period ? period.error : undefined,
    place: "error" in place_ ? place_.error : undefined,
    price: !listIt
      ? undefined
      : !price
        ? `Enter the price per tonne in ${token.symbol}.`
        : "error" in price
          ? price.error
          : undefined,
  });
  const fileProblem = useFieldProblem(problems.file, "claim-file");
  const methodologyProblem = useFieldProblem(problems.methodology, "claim-methodology");
  const evidenceUsed = useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "claimOfEvidence",
    args: file ? [file.hash] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!file },
  });
  const serialUsed = useReadContract({
    address: impactRegistryAddress,
    abi: impactRegistryAbi,
    functionName: "claimOfSerial",
    args: serial.trim() ? [serial.trim()] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!serial.trim() },
  });
  // The registry's checks in its order, once the other fields are right: the evidence, then the serial, unused.
  const blocked =
    file && evidenceUsed.data
      ? actions.refusal("DuplicateEvidence", { evidenceHash: file.hash, claimId: evidenceUsed.data })
      : serial.trim() && serialUsed.data
        ? actions.refusal("DuplicateSerial", { externalSerial: serial.trim(), claimId: serialUsed.data })
        : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    // attempt() shows every problem; the checks after it only narrow the values it found right.
    if (!attempt() || blocked || !file || !units || "error" in units || !m || "error" in period) return;
    if ("error" in place_ || (price && "error" in price)) return;
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    const out = await actions.submitClaim({
      units: units.value,
      methodologyId: m.id,
      startDay: period.startDay,
      endDay: period.endDay,
      jurisdiction: place_.value,
      evidenceHash: file.hash,
      evidenceURI: uri.trim(),
      externalSerial: serial.trim(),
    });
    const id = idFromReceipt(out.receipt, "ClaimSubmitted");
    if (!out.ok || id === undefined) {
      setBusy(false);
      return setError(out.error ?? "The claim was submitted but its id could not be read.");
    }
    let text = `Claim #${id} submitted: ${fmtT(units.value)}; it needs ${m.threshold} approvals.`;
    if (listIt && price && "value" in price) {
      if (!approved.data) {
        const a = await actions.approveMarket();
        if (!a.ok) {
          setBusy(false);
          setDone({ id, text });
          return setError(`Not listed: ${a.error}`);
        }
      }
      const l = await actions.list(id, token, price.value, units.value);
      if (!l.ok) {
        setBusy(false);
        setDone({ id, text });
        return setError(`Not listed: ${l.error}`);
      }
      text += ` Listed at ${fmtPricePerTonne(price.value, token)}: on sale once verified.`;
    }
    setBusy(false);
    setDone({ id, text });
    setFile(undefined);
    setTonnesText("");
    setSerial("");
    setFileKey((k) => k + 1);
    resetFields();
  }

  if (active.length === 0)
    return (
      <section className="panel">
        <h2>Submit a claim</h2>
        <p className="notice">
          No methodology is open for claims yet. The council sets methodologies:{" "}
          <a href={href("council", "new")}>propose one</a>.
        </p>
      </section>
    );

  return (
    <section className="panel">
      <h2>Submit a claim</h2>
      <p className="muted small">
        Claim a reduction you made, in tonnes of CO2e, under a methodology the council set. The evidence file is hashed
        here (keccak-256) and only its hash and link go on chain; an evidence file backs one claim only, for good.
        Verifiers attest the amount they stand behind; the lowest of the {m?.threshold ?? "k"} approvals is verified and
        minted to you as impact units (1 unit = 1 kg).
      </p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="row">
          <label className="field">
            <span>Evidence file (hashed here, not uploaded)</span>
            <input
              key={fileKey}
              type="file"
              data-testid="claim-file"
              {...fileProblem.control}
              onChange={async (e) => {
                const f = e.target.files?.[0];
                setDone(undefined);
                edited(
                  setFile,
                  "file",
                )(
                  f
                    ? { name: f.name, size: f.size, hash: keccak256(new Uint8Array(await f.arrayBuffer())) }
                    : undefined,
                );
              }}
            />
            {fileProblem.line}
          </label>
          <TextField
            label="Where the evidence can be read (ipfs:// or https://)"
            value={uri}
            onChange={edited(setUri, "uri")}
            placeholder="ipfs://bafy…/metering-2025.pdf"
            testId="claim-uri"
            error={problems.uri}
          />
        </div>
        {file && (
          <p className="small" data-testid="claim-evidence">
            {file.name} ({file.size.toLocaleString()} bytes) · keccak-256{" "}
            <code data-hash data-testid="claim-evidence-hash">
              {file.hash}
            </code>
          </p>
        )}
        <div className="row">
          <TextField
            label="Tonnes CO2e"
            narrow
            value={tonnesText}
            onChange={edited(setTonnesText, "tonnes")}
            inputMode="decimal"
            placeholder="25"
            testId="claim-tonnes"
            error={problems.tonnes}
          />
          <label className="field">
            <span>Methodology</span>
            <select
              value={methodology}
              onChange={(e) => edited(setMethodology, "methodology")(e.target.value)}
              data-testid="claim-methodology"
              {...methodologyProblem.control}
            >
              {active.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} (k = {x.threshold})
                </option>
              ))}
            </select>
            {methodologyProblem.line}
          </label>
          <DayField
            label="First day"
            value={start}
            onChange={edited(setStart, "period")}
            max={base.today}
            testId="claim-start"
          />
          <DayField
            label="Last day"
            value={end}
            onChange={edited(setEnd, "period")}
            max={base.today}
            testId="claim-end"
            error={problems.period}
          />
        </div>
        <div className="row">
          <TextField
            label="Jurisdiction (ISO 3166)"
            narrow
            value={place}
            onChange={edited(setPlace, "place")}
            placeholder="NL-NH"
            maxLength={8}
            testId="claim-jurisdiction"
            error={problems.place}
          />
          <TextField
            label="External serial (optional)"
            narrow
            value={serial}
            onChange={edited(setSerial)}
            placeholder="VCS-1234-2025"
            testId="claim-serial"
          />
        </div>
        <p className="muted small" data-testid="claim-period">
          {"error" in period ? "" : `Period ${periodText(period.startDay, period.endDay)}. `}
          Whole days (UTC), ending by today on chain at the latest: {dayText(base.today)}.
        </p>
        <fieldset className="fieldset">
          <label className="check">
            <input
              type="checkbox"
              checked={listIt}
              onChange={(e) => edited(setListIt, "price")(e.target.checked)}
              data-testid="claim-list"
            />
            List the units for sale at once (they go on sale the moment the claim is verified)
          </label>
          {listIt && (
            <div className="row">
              <PriceFields
                base={base}
                testId="claim"
                price={priceText}
                onPrice={edited(setPriceText, "price")}
                currency={currency}
                onCurrency={edited(setCurrency)}
                placeholder={token?.symbol === "ETH" ? "0.03" : "25"}
                error={problems.price}
              />
              <p className="muted small align-end">
                {approved.data
                  ? "The market is approved to sell your units."
                  : "First time: you approve the market to sell your units (one transaction), then list."}
              </p>
            </div>
          )}
        </fieldset>
        <Outcome testId="claim" error={error} />
        {done && (
          <p className="success small" data-testid="claim-done" data-claim={done.id?.toString()}>
            {done.text} {done.id !== undefined && <a href={href("impact", "claim", done.id)}>Open the claim</a>}
          </p>
        )}
        <Submit testId="claim-submit" busy={busy} blocked={blocked}>
          {busy
            ? "Submitting…"
            : units && "value" in units
              ? `Submit ${fmtT(units.value)}${listIt ? " and list" : ""}`
              : "Submit the claim"}
        </Submit>
      </form>
    </section>
  );
}

function MyClaim({ c, view }: { c: ClaimListed; view: ImpactView }) {
  const { base, me, actions } = view;
  const [open, setOpen] = useState(false);
  const { busy, error, act } = useAct();
  const l = c.listing;
  return (
    <li className="list-item impact-item" data-testid={`my-claim-${c.id}`}>
      <div className="proposal-head">
        <strong>
          <ClaimLink id={c.id} />
        </strong>
        <StatusBadge c={c} />
        <span className="muted small">
          {methodologyName(base, c.methodologyId)} · {c.jurisdictionCode} · {periodText(c.startDay, c.endDay)}
        </span>
      </div>
      <dl className="figures figures-wide">
        <Figure label="Claimed">
          <Tonnes kg={c.claimedUnits} />
        </Figure>
        <Figure label="Verified">
          <Tonnes kg={c.verifiedUnits} testId="my-claim-verified" />
        </Figure>
        <Figure label="Unsold (sellable)">
          <Tonnes kg={c.sellable} />
        </Figure>
        <Figure label="Listing" testId="my-claim-listing">
          {l && l.remaining > 0n ? (
            <>
              {fmtT(l.remaining)} at {fmtPricePerTonne(l.pricePerUnit, l.token)}
            </>
          ) : (
            <span className="muted">not for sale</span>
          )}
        </Figure>
        <Figure label="Sold">
          <Tonnes kg={l?.unitsSold ?? 0n} testId="my-claim-sold" />
        </Figure>
        <Figure label="Proceeds">
          {l ? <Money value={l.proceeds} token={l.token} testId="my-claim-proceeds" /> : "—"}
        </Figure>
      </dl>
      <div className="actions">
        {l && l.proceeds > 0n && (
          <button
            className="btn btn-small"
            disabled={!!busy}
            data-testid="my-claim-withdraw"
            onClick={() => act("w", () => actions.withdraw(c.id, me!, l.proceeds, l.token))}
          >
            {busy === "w" ? "Withdrawing…" : `Withdraw ${fmtMoney(l.proceeds, l.token)}`}
          </button>
        )}
        {(c.status === 1 || c.status === 2 || (c.status === 4 && c.revokedUnits < c.verifiedUnits)) && (
          <button
            className="btn btn-small btn-secondary"
            data-testid="my-claim-relist"
            onClick={() => setOpen((o) => !o)}
          >
            {l && l.remaining > 0n ? "Change the listing" : "List for sale"}
          </button>
        )}
        {l && l.remaining > 0n && (
          <button
            className="btn btn-small btn-ghost"
            disabled={!!busy}
            data-testid="my-claim-delist"
            onClick={() => act("d", () => actions.delist(c.id))}
          >
            {busy === "d" ? "Delisting…" : "Take off sale"}
          </button>
        )}
        {error && <span className="error small">{error}</span>}
      </div>
      {open && <ListingForm c={c} view={view} onDone={() => setOpen(false)} />}
    </li>
  );
}

function ListingForm({ c, view, onDone }: { c: ClaimListed; view: ImpactView; onDone: () => void }) {
  const { base, me, actions } = view;
  const l = c.listing;
  const [currency, setCurrency] = useState<string>(l?.currency ?? base.currencies[0].address);
  const token: TokenInfo = base.currencies.find((x) => sameAddress(x.address, currency)) ?? base.currencies[0];
  const [priceText, setPriceText] = useState("");
  const verified = c.verifiedUnits;
  const [unitsText, setUnitsText] = useState(
    fmtT(c.status === 1 ? c.claimedUnits : c.sellable)
      .replace(/ t$/, "")
      .replace(/,/g, ""),
  );
  const approved = useMarketApproved(me);
  const price = priceText.trim() ? parsePricePerTonne(priceText, token) : undefined;
  const units = parseTonnes(unitsText);
  const { error, setError, busy, setBusy, edited, problems, attempt } = useOutcome({
    units: "error" in units ? units.error : undefined,
    price: !price ? `Enter the price per tonne in ${token.symbol}.` : "error" in price ? price.error : undefined,
  });
  // The market refuses a new currency while the listing's proceeds wait to be withdrawn.
  const blocked =
    l && l.proceeds > 0n && !sameAddress(l.currency, token.address)
      ? actions.refusalIn(l.token)("CurrencyChangeWithProceeds", { claimId: c.id, proceeds: l.proceeds })
      : undefined;

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || blocked || !price || "error" in price || "error" in units) return;
    setBusy(true);
    setError(undefined);
    if (!approved.data) {
      const a = await actions.approveMarket();
      if (!a.ok) {
        setBusy(false);
        return setError(a.error);
      }
    }
    const out = await actions.list(c.id, token, price.value, units.value);
    setBusy(false);
    if (out.ok) onDone();
    else setError(out.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="listing-form">
      <div className="row">
        <TextField
          label="Tonnes to list"
          narrow
          value={unitsText}
          onChange={edited(setUnitsText, "units")}
          testId="listing-tonnes"
          error={problems.units}
        />
        <PriceFields
          base={base}
          testId="listing"
          price={priceText}
          onPrice={edited(setPriceText, "price")}
          currency={currency}
          onCurrency={edited(setCurrency)}
          error={problems.price}
        />
      </div>
      <p className="muted small">
        Listing again replaces the terms.{" "}
        {verified > 0n
          ? `You can sell ${fmtT(c.sellable)} now.`
          : "Before verification you may list up to the claimed amount; only the verified amount will exist."}
      </p>
      <Outcome testId="listing" error={error} />
      <Submit testId="listing-submit" busy={busy} blocked={blocked}>
        {busy ? "Listing…" : approved.data ? "List" : "Approve the market and list"}
      </Submit>
    </form>
  );
}

/** A listing's price per tonne and its currency, under `${testId}-price` and `${testId}-currency`. */
function PriceFields({
  base,
  testId,
  price,
  onPrice,
  currency,
  onCurrency,
  placeholder,
  error,
}: {
  base: ImpactBase;
  testId: string;
  price: string;
  onPrice: (text: string) => void;
  currency: string;
  onCurrency: (address: string) => void;
  placeholder?: string;
  error?: string;
}) {
  return (
    <>
      <TextField
        label="Price per tonne"
        narrow
        value={price}
        onChange={onPrice}
        inputMode="decimal"
        placeholder={placeholder}
        testId={`${testId}-price`}
        error={error}
      />
      <SelectField
        label="Currency"
        narrow
        value={currency}
        onChange={onCurrency}
        testId={`${testId}-currency`}
        options={currencyOptions(base)}
      />
    </>
  );
}
