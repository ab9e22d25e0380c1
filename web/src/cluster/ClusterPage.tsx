// The micro-cluster exchange's pages (`#/cluster/<screen>`): offers and needs near me, posting an intent (and my
// intents), finding matches in the browser and submitting them, my orders with an action for each state, the public
// production board, and one order's page with its steps (`order/<id>`). Prices are in the cluster's credit network's unit.
import type { Address } from "viem";
import { useCreditInfo } from "../credit/data";
import { formatInt, sameAddress } from "../shared/format";
import { href } from "../shared/router";
import { Tabs } from "../shared/Tabs";
import { unitOf, type Unit } from "../shared/units";
import { useWallet } from "../shared/wallet";
import { usePlace, useStanding, type Place } from "./bits";
import { Board } from "./Board";
import { useClusterInfo } from "./data";
import { FindMatches } from "./FindMatches";
import { Near } from "./Near";
import { Orders } from "./Orders";
import { OrderView } from "./OrderView";
import { PostIntent } from "./PostIntent";
import { useClusterWrites } from "./writes";

const TABS = [
  { id: "near", label: "Near me" },
  { id: "post", label: "Post an intent" },
  { id: "match", label: "Find matches" },
  { id: "orders", label: "My orders" },
  { id: "board", label: "Production board" },
] as const;

/** What every screen of the module gets. */
export interface ClusterView {
  unit: Unit;
  me?: Address;
  isSteward: boolean;
  actions: ReturnType<typeof useClusterWrites>;
  standing: ReturnType<typeof useStanding>;
  /** The person's place for distances (kept in this browser), and its setter. */
  place?: Place;
  setPlace(p: Place | undefined): void;
}

export function ClusterPage({ route }: { route: string[] }) {
  const [screen = "near", arg] = route;
  const { address: me } = useWallet();
  const credit = useCreditInfo();
  const info = useClusterInfo();
  const unit = credit.data ? unitOf(credit.data) : undefined;
  const actions = useClusterWrites(unit);
  const standing = useStanding(me);
  const [place, setPlace] = usePlace();
  const active = screen === "order" ? "board" : TABS.some((t) => t.id === screen) ? screen : "near";

  if (credit.error) return <p className="error">Could not read the credit network: {credit.error.message}</p>;
  if (!credit.data || !unit) return <p className="muted">Loading the cluster exchange…</p>;
  const view: ClusterView = {
    unit,
    me,
    isSteward: credit.data.stewards.some((a) => sameAddress(a, me)),
    actions,
    standing,
    place,
    setPlace,
  };
  const live = info.data
    ? info.data.ordersByState.Matched +
      info.data.ordersByState.Accepted +
      info.data.ordersByState.InProduction +
      info.data.ordersByState.Shipped
    : 0;
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="cluster-title">Local exchange</h1>
          <p className="muted">
            Makers of {credit.data.name} post what they can make, and members post what they need. Matches are computed
            for the whole cluster at once — the most goods traded, at the least price and transport — and each becomes
            an order everyone can follow. On delivery the price is owed on mutual credit and clears with every other
            invoice.
          </p>
        </div>
        {info.data && (
          <dl className="facts" data-testid="cluster-facts">
            <div>
              <dt>Open</dt>
              <dd>
                {formatInt(info.data.activeOfferCount)} offers · {formatInt(info.data.activeNeedCount)} needs
              </dd>
            </div>
            <div>
              <dt>Orders</dt>
              <dd>
                {formatInt(live)} under way · {formatInt(info.data.ordersByState.Delivered)} delivered
              </dd>
            </div>
          </dl>
        )}
      </div>
      <Tabs tabs={TABS} active={active} href={(id) => href("cluster", id)} testIdPrefix="cluster-tab" />
      {info.error && <p className="error">Could not read the cluster exchange: {info.error.message}</p>}
      {/* Keyed by the account: switching accounts starts every form afresh. */}
      {screen === "order" && arg && /^\d+$/.test(arg) ? (
        <OrderView key={`${me}-${arg}`} id={BigInt(arg)} view={view} />
      ) : (
        <>
          {active === "near" && <Near {...view} />}
          {active === "post" && <PostIntent key={me} {...view} />}
          {active === "match" && <FindMatches key={me} {...view} />}
          {active === "orders" && <Orders key={me} {...view} />}
          {active === "board" && <Board {...view} />}
        </>
      )}
    </>
  );
}
