// The marketplace: listings of verified claims (filtered, revoked ones last under a warning) and buying on the terms
// shown, through a matching round when one covers the claim.
import { impactMarketAbi } from "@cosmolocal/sdk";
import { useId, useState } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { targetChain } from "../shared/config";
import { impactMarketAddress } from "./contracts";
import { explainError } from "../shared/errors";
import { WalletGate } from "../shared/gate";
import { formatDate, isEth } from "../shared/format";
import { nameOf } from "../shared/names";
import { href, navigate } from "../shared/router";
import { ShowMore } from "../shared/ShowMore";
import { Who } from "../shared/Who";
import {
  ClaimCell,
  ClaimLink,
  Hash,
  SelectField,
  currencyOptions,
  MethodologyFilter,
  Money,
  StatusBadge,
  Tonnes,
  claimLine,
} from "./bits";
import {
  fmtMoney,
  fmtPricePerTonne,
  fmtT,
  parseTonnes,
  roundCovers,
  roundOpen,
  useAllowance,
  useCurrencyBalance,
  useImpactClaim,
  useImpactMarket,
  useOpenRounds,
  type ClaimDetail,
  type ClaimListed,
  type Round,
} from "./data";
import type { ImpactView } from "./ImpactPage";
import { impactWordings } from "./writes";
import { Outcome, useOutcome } from "../shared/Outcome";
import { TextField } from "../shared/TextField";
import { Figure } from "../shared/Figure";
import { Table } from "../shared/Table";

export function Market(view: ImpactView & { claim?: string }) {
  const { base, me, claim } = view;
  const [methodology, setMethodology] = useState("");
  const [place, setPlace] = useState("");
  const [currency, setCurrency] = useState("");
  // For sale (the filters read by the reader; sound claims first: a claim with any revocation is never shown like a
  // sound one, it comes last, with a warning) and waiting for verification: two lists, each a page at a time.
  const filtered = !!(methodology || place.trim() || currency);
  const forSale = useImpactMarket({
    methodologyId: methodology ? Number(methodology) : undefined,
    place: place.trim() || undefined,
    currency: (currency || undefined) as Address | undefined,
  });
  const waiting = useImpactMarket({ upcoming: true });
  const selectedId = claim && /^\d+$/.test(claim) ? BigInt(claim) : undefined;
  const error = forSale.error ?? waiting.error;
  if (error) return <p className="error">Could not read the marketplace: {error.message}</p>;
  if (!forSale.items || !waiting.items) return <p className="muted">Loading the marketplace…</p>;
  const shown = forSale.items;
  const upcoming = waiting.items;
  return (
    <>
      {selectedId !== undefined && <Buy key={selectedId.toString()} id={selectedId} view={view} />}
      <section className="panel">
        <h2>Verified claims for sale</h2>
        <div className="row">
          <MethodologyFilter
            base={base}
            value={methodology}
            onChange={setMethodology}
            testId="market-filter-methodology"
          />
          <TextField
            label="Jurisdiction (country or code)"
            narrow
            value={place}
            onChange={setPlace}
            placeholder="NL, BE-VOV"
            testId="market-filter-place"
          />
          <SelectField
            label="Currency"
            narrow
            value={currency}
            onChange={setCurrency}
            testId="market-filter-currency"
            any="Any"
            options={currencyOptions(base)}
          />
        </div>
        {shown.length === 0 ? (
          <p className="muted">{filtered ? "No listing matches." : "Nothing is for sale yet."}</p>
        ) : (
          <Table
            testId="market-table"
            head={
              <>
                <th>Claim</th>
                <th>Seller</th>
                <th>Methodology · place · period</th>
                <th className="num">Price</th>
                <th className="num">For sale</th>
                <th />
              </>
            }
          >
            {shown.map((c) => (
              <tr
                key={c.id.toString()}
                data-testid={`listing-${c.id}`}
                className={c.revokedUnits > 0n ? "row-warning" : undefined}
              >
                <td>
                  <ClaimLink id={c.id} /> <StatusBadge c={c} />
                  {c.revokedUnits > 0n && (
                    <div className="warning small" data-testid="listing-revoked">
                      {fmtT(c.revokedUnits)} of {fmtT(c.verifiedUnits)} revoked
                    </div>
                  )}
                </td>
                <td>
                  <Who address={c.claimant} me={me} />
                </td>
                <ClaimCell base={base} c={c} />
                <td className="num" data-testid="listing-price">
                  {fmtPricePerTonne(c.listing!.pricePerUnit, c.listing!.token)}
                </td>
                <td className="num">
                  <Tonnes kg={c.listing!.available} testId="listing-available" />
                </td>
                <td>
                  <button
                    className="btn btn-small"
                    data-testid="listing-buy"
                    onClick={() => navigate("impact", "market", c.id)}
                  >
                    Buy
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
        <ShowMore pages={forSale} testId="market-more" />
      </section>
      {upcoming.length > 0 && (
        <section className="panel">
          <h2>Listed, waiting for verification</h2>
          <p className="muted small">These go on sale the moment their last approval mints the units.</p>
          <ul className="list">
            {upcoming.map((c) => (
              <li key={c.id.toString()} className="list-item">
                <span>
                  <ClaimLink id={c.id} /> {claimLine(base, c)} · {fmtT(c.listing!.remaining)} at{" "}
                  {fmtPricePerTonne(c.listing!.pricePerUnit, c.listing!.token)}
                </span>
                <StatusBadge c={c} />
              </li>
            ))}
          </ul>
          <ShowMore pages={waiting} testId="market-upcoming-more" />
        </section>
      )}
    </>
  );
}

/** What was revoked of a claim and why: the reason's text where a verifier published it, else its hash. */
export function RevocationWarning({ c }: { c: ClaimDetail }) {
  if (c.revokedUnits === 0n) return null;
  return (
    <div className="notice warning" data-testid="revocation-warning">
      <strong>
        {fmtT(c.revokedUnits)} of the {fmtT(c.verifiedUnits)} verified were revoked
      </strong>{" "}
      after verification. Units bought now are sound in number — the market sells no more than the{" "}
      {fmtT(c.verifiedUnits - c.revokedUnits)} that stand — but every retirement certificate of this claim is flagged,
      now and later.
      <ul className="small" data-testid="revocation-reasons">
        {c.revocations.map((r) => (
          <li key={r.tx}>
            {fmtT(r.units)} revoked:{" "}
            {r.reasonText ? (
              <span data-testid="revocation-reason-text">“{r.reasonText}”</span>
            ) : (
              <span>
                reason not published (hash <Hash value={r.reasonHash} />)
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The buy panel of claim `id`, once its page and the open rounds are read. */
function Buy({ id, view }: { id: bigint; view: ImpactView }) {
  const claim = useImpactClaim(id);
  const open = useOpenRounds(view.base.time);
  if (claim.error)
    return (
      <p className="error">
        Could not read claim #{id.toString()}: {claim.error.message}
      </p>
    );
  if (!open.data || claim.data === undefined) return <p className="muted">Loading claim #{id.toString()}…</p>;
  if (!claim.data)
    return (
      <section className="panel">
        <h2>Claim #{id.toString()} does not exist</h2>
      </section>
    );
  return <BuyPanel c={claim.data} openRounds={open.data} view={view} />;
}

function BuyPanel({ c, openRounds, view }: { c: ClaimDetail; openRounds: Round[]; view: ImpactView }) {
  const { base, me, actions } = view;
  const l = c.listing;
  const [tonnesText, setTonnesText] = useState("");
  const rounds = openRounds.filter((r) => roundOpen(r, base.time));
  // The open round that covers this claim is chosen for the buyer (the one with the most left); "No matching" stays.
  const [roundId, setRoundId] = useState(
    () =>
      rounds
        .filter((r) => roundCovers(r, c, base.time).ok)
        .sort((a, b) => (a.remaining < b.remaining ? 1 : -1))[0]
        ?.id.toString() ?? "",
  );
  const [acceptRevoked, setAcceptRevoked] = useState(false);
  const [busy, setBusy] = useState<string>();
  const tooMuchId = useId();
  const units = tonnesText.trim() ? parseTonnes(tonnesText) : undefined;
  const { error, setError, done, setDone, edited, problems, attempt } = useOutcome({
    tonnes: !units ? "Enter the tonnes to buy." : "error" in units ? units.error : undefined,
  });
  const n = units && "value" in units ? units.value : undefined;
  const round = rounds.find((r) => r.id.toString() === roundId);
  // The match the round gives now (0s when not eligible); the reason it gives none from `quoteMatch`.
  const preview = useReadContract({
    address: impactMarketAddress,
    abi: impactMarketAbi,
    functionName: "previewMatch",
    args: round && n && me ? [round.id, c.id, me, n] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!round && !!n && !!me },
  });
  const quote = useReadContract({
    address: impactMarketAddress,
    abi: impactMarketAbi,
    functionName: "quoteMatch",
    args: round && n && me ? [round.id, c.id, me, n] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!round && !!n && !!me && preview.data?.[0] === 0n, retry: false },
  });
  const token = l?.token;
  const erc20 = !!token && !isEth(token.address);
  const allowance = useAllowance(token, me);
  const balance = useCurrencyBalance(token, me);

  if (!l || l.remaining === 0n || !token)
    return (
      <section className="panel">
        <h2>Claim #{c.id.toString()} is not for sale</h2>
      </section>
    );
  const cost = n !== undefined ? n * l.pricePerUnit : undefined;
  // Undefined while the round is asked (a new amount or round is a new query: no stale figure is shown).
  const matched = round ? preview.data?.[0] : 0n;
  const matchedCost = round && preview.data ? preview.data[1] : 0n;
  const needsApproval = erc20 && cost !== undefined && (allowance.data ?? 0n) < cost;
  const why = round && quote.error ? explainError(quote.error, impactWordings(token)) : undefined;
  // More than is listed is refused for certain (matched units only ever fill what the buyer leaves); more than can
  // be sold now may fail on one of several checks, so it is only warned of.
  const tooMuch =
    n === undefined
      ? undefined
      : n > l.remaining
        ? { blocked: actions.refusal("ExceedsListing", { claimId: c.id, remaining: l.remaining, requested: n }) }
        : n > l.available
          ? { warning: `Only ${fmtT(l.available)} can be sold now: the market will refuse ${fmtT(n)}.` }
          : undefined;
  const blocked = tooMuch && "blocked" in tooMuch ? tooMuch.blocked : undefined;

  async function approve() {
    setBusy("approve");
    setError(undefined);
    const out = await actions.approveToken(token!, cost!);
    setBusy(undefined);
    if (!out.ok) setError(out.error);
  }

  async function buy() {
    if (!attempt() || !units || "error" in units || blocked) return;
    setBusy("buy");
    setError(undefined);
    setDone(undefined);
    // The terms on screen: this currency, this version of the listing, this total at most.
    const terms = { currency: l!.currency, listingVersion: l!.version, maxCost: units.value * l!.pricePerUnit };
    const out = round
      ? await actions.buyMatched(round.id, c.id, units.value, terms, matched ?? 0n, token!)
      : await actions.buy(c.id, units.value, terms, token!);
    setBusy(undefined);
    if (out.ok) {
      setDone(
        `Bought ${fmtT(units.value)} of claim #${c.id}${matched ? `; ${round!.name} retired ${fmtT(matched)} more in its name` : ""}.`,
      );
      setTonnesText("");
    } else setError(out.error);
  }

  return (
    <section className="panel" data-testid="buy-panel" data-claim={c.id.toString()}>
      <div className="proposal-head">
        <h2>Buy from claim #{c.id.toString()}</h2>
        <StatusBadge c={c} />
        <span className="small">
          seller <Who address={c.claimant} me={me} />
        </span>
      </div>
      <p className="muted small">
        {claimLine(base, c)} · <a href={href("impact", "claim", c.id)}>the claim&apos;s evidence and attestations</a>
      </p>
      <RevocationWarning c={c} />
      <dl className="figures figures-wide">
        <div>
          <dt>Price</dt>
          <dd data-testid="buy-price" data-price={l.pricePerUnit.toString()}>
            {fmtPricePerTonne(l.pricePerUnit, token)}
          </dd>
        </div>
        <Figure label="For sale now">
          <Tonnes kg={l.available} testId="buy-available" />
        </Figure>
        <Figure label="Listed">
          <Tonnes kg={l.remaining} />
        </Figure>
        <Figure label="Your balance">
          {balance !== undefined ? <Money value={balance} token={token} testId="buy-balance" /> : "—"}
        </Figure>
      </dl>
      <WalletGate action="buy impact units">
        <div className="form">
          <div className="row">
            <TextField
              label="Tonnes to buy"
              narrow
              inputMode="decimal"
              value={tonnesText}
              onChange={edited(setTonnesText, "tonnes")}
              placeholder="2"
              testId="buy-tonnes"
              error={problems.tonnes}
            />
            <label className="field">
              <span>Matching round (optional)</span>
              <select value={roundId} onChange={(e) => setRoundId(e.target.value)} data-testid="buy-round">
                <option value="">No matching</option>
                {rounds.map((r) => (
                  <option key={r.id.toString()} value={r.id.toString()}>
                    {r.name} · {r.matchBps / 100} % match · {fmtMoney(r.remaining, r.token)} left
                  </option>
                ))}
              </select>
            </label>
          </div>
          {tooMuch && (
            <p className="error small" id={tooMuchId} aria-live="polite" data-testid="buy-too-much">
              {"blocked" in tooMuch ? tooMuch.blocked : tooMuch.warning}
            </p>
          )}
          {cost !== undefined && (
            <div className="route" data-testid="buy-summary">
              <p>
                You pay <Money value={cost} token={token} testId="buy-cost" /> for <Tonnes kg={n!} /> at{" "}
                {fmtPricePerTonne(l.pricePerUnit, token)} — in {token.symbol}, at most this total: if the seller changes
                the listing before your purchase lands, it is refused and nothing is paid.
              </p>
              {round && (
                <p data-testid="buy-match-preview">
                  {matched === undefined ? (
                    <span className="muted">Asking the round what it matches…</span>
                  ) : matched > 0n ? (
                    <>
                      <strong>{round.name}</strong> adds <Tonnes kg={matched} testId="buy-matched" /> (it pays{" "}
                      <Money value={matchedCost} token={round.token} />
                      ), retired at once in its name — {fmtT(n! + matched)} of CO2e funded in all.
                    </>
                  ) : (
                    <span className="notice" data-testid="buy-no-match">
                      <Tonnes kg={0n} testId="buy-matched" /> matched:{" "}
                      {why?.message ?? "the round's caps or funds are used up."}
                    </span>
                  )}
                </p>
              )}
            </div>
          )}
          {c.revokedUnits > 0n && (
            <label className="check" data-testid="buy-confirm-revoked">
              <input type="checkbox" checked={acceptRevoked} onChange={(e) => setAcceptRevoked(e.target.checked)} /> I
              understand that {fmtT(c.revokedUnits)} of this claim were revoked and that my certificate will be flagged.
            </label>
          )}
          <Outcome
            testId="buy"
            error={error}
            done={
              done && (
                <>
                  {done} <a href={href("impact", "retire", c.id)}>Retire them</a>
                </>
              )
            }
          />
          <div className="actions">
            {needsApproval && (
              <button className="btn" disabled={!!busy} onClick={approve} data-testid="buy-approve">
                {busy === "approve" ? "Approving…" : `Approve ${fmtMoney(cost!, token)}`}
              </button>
            )}
            <button
              className="btn"
              disabled={
                !!busy ||
                n === undefined ||
                !!blocked ||
                needsApproval ||
                matched === undefined ||
                (c.revokedUnits > 0n && !acceptRevoked)
              }
              onClick={buy}
              aria-describedby={blocked ? tooMuchId : undefined}
              data-testid="buy-submit"
            >
              {busy === "buy"
                ? "Buying…"
                : n !== undefined
                  ? `Buy ${fmtT(n)}${matched ? ` + ${fmtT(matched)} matched` : ""}`
                  : "Buy"}
            </button>
            <button className="btn btn-ghost" onClick={() => navigate("impact", "market")}>
              Close
            </button>
          </div>
        </div>
      </WalletGate>
      <RoundsHint rounds={rounds} c={c} time={base.time} />
    </section>
  );
}

/** Which open rounds could match this claim, in words. */
function RoundsHint({ rounds, c, time }: { rounds: Round[]; c: ClaimListed; time: number }) {
  const l = c.listing!;
  if (rounds.length === 0 || !l) return null;
  const covers = rounds.map((r) => ({ r, c: roundCovers(r, c, time) }));
  const fit = covers.filter((x) => x.c.ok).map((x) => x.r);
  return (
    <p className="muted small" data-testid="buy-rounds-hint">
      {fit.length > 0 &&
        `Rounds covering this claim: ${fit.map((r) => `${r.name} (${r.matchBps / 100} %, by ${nameOf(r.owner as Address)}, until ${formatDate(r.endTime)})`).join("; ")}. `}
      {covers
        .filter((x) => !x.c.ok)
        .map((x) => `${x.r.name} does not match it: ${"why" in x.c ? x.c.why : ""}.`)
        .join(" ")}
    </p>
  );
}
