// The resource-cap module's page ("Fishcoin"): per resource, the public view, my quota, the science body's
// assessment and the buyer's landing form.
import { useCallback } from "react";
import type { Address } from "viem";
import { useClockTargets } from "../shared/chainTime";
import { href, navigate } from "../shared/router";
import { Tabs } from "../shared/Tabs";
import { useWallet } from "../shared/wallet";
import { useResourceWrites } from "./writes";
import { Buyer } from "./Buyer";
import { seasonStart, useResources, useStock, type Stock } from "./data";
import { Overview } from "./Overview";
import { Quota } from "./Quota";
import { Science } from "./Science";

const TABS = [
  { id: "overview", label: "Public" },
  { id: "quota", label: "My quota" },
  { id: "science", label: "Science" },
  { id: "buyer", label: "Buyer" },
] as const;

/** What every screen of the module gets: the stock shown (its public view at the latest block). */
export interface ResourceView {
  r: Stock;
  me?: Address;
  actions: ReturnType<typeof useResourceWrites>;
}

export function ResourcePage({ id, tab = "overview" }: { id?: string; tab?: string }) {
  const list = useResources();
  const { address: me } = useWallet();
  const resources = list.data?.resources;
  const chosen = resources?.find((x) => x.id.toString() === id) ?? resources?.[0];
  const stock = useStock(chosen?.id);
  const r = stock.data ?? undefined;
  const names = useCallback(
    (rid: bigint) => resources?.find((x) => x.id === rid)?.info.name ?? `resource ${rid}`,
    [resources],
  );
  const actions = useResourceWrites(r, names);
  useClockTargets(
    r
      ? [
          {
            label: r.current === 0 ? "to the opening of season 1" : `to the next season (${r.current + 1})`,
            at: seasonStart(r.info, r.current + 1),
            testId: "clock-next-season",
          },
        ]
      : [],
  );

  const error = list.error ?? stock.error;
  if (list.isLoading || (chosen && stock.isLoading)) return <p className="muted">Loading the resource registry…</p>;
  if (error) return <p className="error">Could not read the resource registry: {error.message}</p>;
  if (!resources) return null;
  if (!r)
    return (
      <section className="panel">
        <h1>Fishcoin</h1>
        <p>
          No resource is registered yet. The thresholds council registers a resource with its harvest rule and quota
          holders: <a href={href("council", "new")}>propose one</a>.
        </p>
      </section>
    );

  const active = TABS.some((t) => t.id === tab) ? tab : "overview";
  const view: ResourceView = { r, me, actions };
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="resource-name">
            {r.info.name} <span className="muted">(Fishcoin · {r.info.unit})</span>
          </h1>
          <p className="muted">
            A resource-cap currency: each season&apos;s cap follows the harvest rule from the science body&apos;s
            assessment; quota holders trade and land only what the cap allows.
          </p>
        </div>
        {resources.length > 1 && (
          <label className="field field-narrow">
            <span>Resource</span>
            <select
              value={r.id.toString()}
              data-testid="resource-select"
              onChange={(e) => navigate("resources", e.target.value, active)}
            >
              {resources.map((x) => (
                <option key={x.id} value={x.id.toString()}>
                  {x.info.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <Tabs tabs={TABS} active={active} href={(tab) => href("resources", r.id, tab)} testIdPrefix="resource-tab" />
      {/* Keyed by the account and resource: switching starts every form afresh. */}
      {active === "overview" && <Overview key={`${me}-${r.id}`} {...view} />}
      {active === "quota" && <Quota key={`${me}-${r.id}`} {...view} />}
      {active === "science" && <Science key={`${me}-${r.id}`} {...view} />}
      {active === "buyer" && <Buyer key={`${me}-${r.id}`} {...view} />}
    </>
  );
}
