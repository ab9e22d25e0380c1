// The mutual-credit module: my credit lines and balances, pay along a path, obligations, clearing, members. The page
// reads the headline figures and the connected member's own credit; each tab reads what else it shows.
import type { Address } from "viem";
import { href } from "../shared/router";
import { useWallet } from "../shared/wallet";
import { useCreditWrites } from "./writes";
import { Signed } from "./bits";
import { Clearing } from "./Clearing";
import { useCreditInfo, useMyCredit, type CreditInfo, type MyCredit as MyCreditData } from "./data";
import { sameAddress } from "../shared/format";
import { Members } from "./Members";
import { MyCredit } from "./MyCredit";
import { Obligations } from "./Obligations";
import { Pay } from "./Pay";
import { unitOf, type Unit } from "../shared/units";
import { Tabs } from "../shared/Tabs";

const TABS = [
  { id: "mine", label: "My credit" },
  { id: "pay", label: "Pay" },
  { id: "obligations", label: "Obligations" },
  { id: "clearing", label: "Clearing" },
  { id: "members", label: "Members" },
] as const;

/** What every screen of the module gets. */
export interface CreditView {
  info: CreditInfo;
  /** The connected account's credit (undefined without a wallet). */
  mine?: MyCreditData;
  unit: Unit;
  me?: Address;
  actions: ReturnType<typeof useCreditWrites>;
  isSteward: boolean;
}

export function CreditPage({ tab = "mine" }: { tab?: string }) {
  const { data: info, isLoading, error } = useCreditInfo();
  const { address: me } = useWallet();
  const my = useMyCredit(me);
  const unit = info ? unitOf(info) : undefined;
  const actions = useCreditWrites(unit);

  if (isLoading || (me && my.isLoading)) return <p className="muted">Loading the credit network…</p>;
  const failed = error ?? (me ? my.error : null);
  if (failed) return <p className="error">Could not read the credit network: {failed.message}</p>;
  if (!info || !unit) return null;

  const active = TABS.some((t) => t.id === tab) ? tab : "mine";
  const mineNow = me ? my.data : undefined;
  const mine = mineNow?.member;
  const isSteward = info.stewards.some((a) => sameAddress(a, me));
  const view: CreditView = { info, mine: mineNow, unit, me, actions, isSteward };
  const pendingForMe = (mineNow?.lines ?? []).filter((l) => l.offer > 0n && sameAddress(l.receiver, me));
  const proposedToMe = (mineNow?.obligations ?? []).filter(
    (o) => o.status === "Proposed" && !sameAddress(o.proposer, me),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="credit-name">
            {info.name} <span className="muted">({info.symbol})</span>
          </h1>
          <p className="muted">
            Mutual credit: members extend each other credit lines and pay on credit, directly or through others — no
            fees, no interest. Invoices that form cycles are cleared against each other.
          </p>
        </div>
        {me && (
          <div className="me-box" data-testid="credit-me">
            <span className="muted small">You</span>
            <strong data-testid="credit-me-status">
              {mine
                ? view.isSteward
                  ? `${mine.status} member · steward`
                  : `${mine.status} member`
                : view.isSteward
                  ? "Steward (not a member)"
                  : "Not a member"}
            </strong>
            {mine && (
              <span className="small">
                credit <Signed value={mine.creditPosition} unit={unit} testId="credit-me-position" /> · invoices{" "}
                <Signed value={mine.netPosition} unit={unit} />
              </span>
            )}
          </div>
        )}
      </div>
      <Tabs
        tabs={TABS}
        active={active}
        href={(tab) => href("credit", tab)}
        testIdPrefix="credit-tab"
        count={(tab) => (tab === "mine" ? pendingForMe.length : tab === "obligations" ? proposedToMe.length : 0)}
      />
      {/* Keyed by the account: switching accounts starts every form afresh. */}
      {active === "mine" && <MyCredit key={me} {...view} />}
      {active === "pay" && <Pay key={me} {...view} />}
      {active === "obligations" && <Obligations key={me} {...view} />}
      {active === "clearing" && <Clearing key={me} {...view} />}
      {active === "members" && <Members key={me} {...view} />}
    </>
  );
}
