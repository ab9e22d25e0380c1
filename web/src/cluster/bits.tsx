// Small pieces the cluster screens share: an order's state badge, an intent's or order's "what" in words, the place a
// person sets once (kept in this browser) for distances, and the member's standing with the exchange (an active
// member who allows the exchange to record its orders' obligations), with the button that gives that approval.
import { creditNetworkAbi, designCommonsAbi } from "@cosmolocal/sdk";
import { useState, type FormEvent } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { creditAddress } from "../credit/contracts";
import { designsAddress } from "../designs/contracts";
import { useDesignsWrites } from "../designs/writes";
import { href } from "../shared/router";
import { targetChain } from "../shared/config";
import { formatInt } from "../shared/format";
import { TextField } from "../shared/TextField";
import { clusterAddress } from "./contracts";
import type { IntentTerms, OrderState } from "./data/types";
import { formatPlace, parseDegrees, unitText } from "./terms";
import type { useClusterWrites } from "./writes";

const STATE_TONE: Record<OrderState, string> = {
  Matched: "pending",
  Accepted: "pending",
  InProduction: "pending",
  Shipped: "accepted",
  Delivered: "settled",
  Cancelled: "expired",
  Disputed: "rejected",
};

/** "In production" for InProduction. */
export const stateLabel = (s: OrderState) => (s === "InProduction" ? "In production" : s);

export function StateBadge({ state }: { state: OrderState }) {
  return (
    <span className={`badge badge-${STATE_TONE[state]}`} data-testid="order-state">
      {stateLabel(state)}
    </span>
  );
}

/** "Category 1001 · pcs · design #2". */
export function whatOf(t: Pick<IntentTerms, "category" | "unit" | "designId">): string {
  return `Category ${t.category} · ${unitText(t.unit)}${t.designId > 0n ? ` · design #${t.designId}` : ""}`;
}

export const quantity = (q: bigint, unit: `0x${string}`) => `${formatInt(q)} ${unitText(unit)}`;

/** A place in microdegrees. */
export interface Place {
  lat: number;
  lon: number;
}

const PLACE_KEY = "cosmolocal.cluster.place";

function storedPlace(): Place | undefined {
  try {
    const p = JSON.parse(localStorage.getItem(PLACE_KEY) ?? "null") as Place | null;
    return p && Number.isSafeInteger(p.lat) && Number.isSafeInteger(p.lon) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The person's place for distances: kept in this browser (it never goes on chain unless posted with an intent). */
export function usePlace(): [Place | undefined, (p: Place | undefined) => void] {
  const [place, setPlace] = useState<Place | undefined>(storedPlace);
  return [
    place,
    (p) => {
      if (p) localStorage.setItem(PLACE_KEY, JSON.stringify(p));
      else localStorage.removeItem(PLACE_KEY);
      setPlace(p);
    },
  ];
}

/** Latitude and longitude fields (degrees), with the device's location as a shortcut. */
export function PlaceFields({
  lat,
  lon,
  onChange,
  errors,
  testId,
}: {
  lat: string;
  lon: string;
  onChange(lat: string, lon: string): void;
  errors: { lat?: string; lon?: string };
  testId: string;
}) {
  const [locating, setLocating] = useState<string>();
  function locate() {
    if (!navigator.geolocation) return setLocating("This browser does not give its location: type it.");
    setLocating("Asking the device for its location…");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(undefined);
        onChange(pos.coords.latitude.toFixed(6), pos.coords.longitude.toFixed(6));
      },
      (err) => setLocating(`No location from the device (${err.message}): type it.`),
      { maximumAge: 600_000, timeout: 15_000 },
    );
  }
  return (
    <div className="row">
      <TextField
        label="Latitude (°)"
        narrow
        value={lat}
        onChange={(v) => onChange(v, lon)}
        inputMode="decimal"
        placeholder="44.4949"
        testId={`${testId}-lat`}
        error={errors.lat}
      />
      <TextField
        label="Longitude (°)"
        narrow
        value={lon}
        onChange={(v) => onChange(lat, v)}
        inputMode="decimal"
        placeholder="11.3426"
        testId={`${testId}-lon`}
        error={errors.lon}
      />
      <div className="field field-narrow">
        <span aria-hidden>&nbsp;</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={locate} data-testid={`${testId}-locate`}>
          Use this device's location
        </button>
        {locating && <small className="muted">{locating}</small>}
      </div>
    </div>
  );
}

/** Both degree fields parsed: the place, or each field's problem. */
export function parsePlace(lat: string, lon: string): { place?: Place; errors: { lat?: string; lon?: string } } {
  const a = parseDegrees(lat, 90);
  const b = parseDegrees(lon, 180);
  const errors = { lat: "error" in a ? a.error : undefined, lon: "error" in b ? b.error : undefined };
  return "value" in a && "value" in b ? { place: { lat: a.value, lon: b.value }, errors } : { errors };
}

/** The form's text of a place in microdegrees. */
export const placeText = (p: Place) => ({
  lat: (p.lat / 1e6).toFixed(6).replace(/\.?0+$/, ""),
  lon: (p.lon / 1e6).toFixed(6).replace(/\.?0+$/, ""),
});

export { formatPlace };

/** The member's standing with the exchange: active in the credit network, and allowing the exchange as operator. */
export function useStanding(me: Address | undefined) {
  const q = useReadContract({
    abi: creditNetworkAbi,
    address: creditAddress,
    functionName: "standingWith",
    args: me && clusterAddress ? [me, clusterAddress] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!me && !!clusterAddress && !!creditAddress },
  });
  const [status, approved] = q.data ?? [];
  return {
    loading: q.isLoading,
    /** MemberStatus: 0 none, 1 active, 2 suspended. */
    active: status === 1,
    member: status !== undefined && status !== 0,
    approved: approved === true,
    refetch: q.refetch,
  };
}

/**
 * The exchange's approval, asked where a member first needs it: matched orders become obligations on the credit
 * network through the exchange, so a member posts and is matched only while allowing it (withdrawing binds only
 * later agreements).
 */
export function ExchangeApproval({
  me,
  actions,
  standing,
}: {
  me: Address;
  actions: ReturnType<typeof useClusterWrites>;
  standing: ReturnType<typeof useStanding>;
}) {
  const [busy, setBusy] = useState(false);
  async function toggle(ev: FormEvent, approved: boolean) {
    ev.preventDefault();
    setBusy(true);
    const out = await actions.approveExchange(approved);
    setBusy(false);
    if (out.ok) void standing.refetch();
  }
  if (standing.loading) return <p className="muted">Reading your standing in the credit network…</p>;
  if (!standing.member)
    return (
      <p className="notice" data-testid="cluster-not-member">
        {actions.refusal("NotActiveMember", { account: me })}
      </p>
    );
  if (!standing.active)
    return (
      <p className="notice" data-testid="cluster-suspended">
        {actions.refusal("NotActiveMember", { account: me })}
      </p>
    );
  return standing.approved ? (
    <form onSubmit={(ev) => void toggle(ev, false)} data-testid="cluster-approval">
      <p className="muted small">
        The exchange records the obligations of your orders on the credit network when they are delivered.{" "}
        <button type="submit" className="btn btn-ghost btn-small" disabled={busy} data-testid="cluster-unapprove">
          Stop it for new orders
        </button>
      </p>
    </form>
  ) : (
    <form className="notice" onSubmit={(ev) => void toggle(ev, true)} data-testid="cluster-approval">
      <p>
        <strong>Allow the exchange to record your orders' obligations.</strong> When an order of yours is delivered, the
        price is owed on the credit network by the buyer to the producer, as both agreed when it was matched. The
        exchange records it for you, so it needs your approval before you post or are matched. Withdrawing it later
        stops new orders only.
      </p>
      <button type="submit" className="btn" disabled={busy} data-testid="cluster-approve">
        {busy ? "Allowing…" : "Allow the exchange"}
      </button>
    </form>
  );
}

/**
 * For an offer naming design `designId`: whether its deliveries will be reported to the maker's licence of the design
 * (a live commercial licence, and the exchange let report: the fee is then owed), with the one step missing.
 */
export function DesignLicenceNote({ designId, me }: { designId: bigint; me: Address }) {
  const commons = { address: designsAddress, abi: designCommonsAbi, chainId: targetChain.id } as const;
  const id = useReadContract({ ...commons, functionName: "licenceOf", args: [designId, me] }).data;
  const licence = useReadContract({
    ...commons,
    functionName: "licence",
    args: [id ?? 0n],
    query: { enabled: !!id },
  }).data;
  const approved = useReadContract({
    ...commons,
    functionName: "isReportOperator",
    args: clusterAddress ? [me, clusterAddress] : undefined,
    query: { enabled: !!clusterAddress },
  });
  const actions = useDesignsWrites();
  const [busy, setBusy] = useState(false);
  if (id === undefined || approved.data === undefined || (id !== 0n && !licence)) return null;
  const design = <a href={href("designs", "d", designId)}>design #{designId.toString()}</a>;
  if (id === 0n || !licence || licence.tier !== 2)
    return (
      <p className="muted small" data-testid="intent-licence">
        {id === 0n ? "You hold no licence on " : "Your licence on "}
        {design}
        {id === 0n
          ? ": to make it commercially, take one on its page. Deliveries are reported only to a commercial licence."
          : " is a free commons one: its production is yours to report."}
      </p>
    );
  async function allow() {
    setBusy(true);
    const out = await actions.setReportOperator(clusterAddress!, true, "the local exchange");
    setBusy(false);
    if (out.ok) void approved.refetch();
  }
  return approved.data ? (
    <p className="muted small" data-testid="intent-licence">
      Deliveries of {design} are reported to your licence #{id.toString()}; its fee is owed until you pay it on the
      design's page.
    </p>
  ) : (
    <p className="notice small" data-testid="intent-licence">
      Your commercial licence #{id.toString()} on {design} counts what you make: let the exchange report your deliveries
      to it, so that the design's contributors are paid for what the cluster orders.{" "}
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void allow()}
        data-testid="intent-licence-allow"
      >
        Let the exchange report
      </button>
    </p>
  );
}
