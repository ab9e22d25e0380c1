// The mutual-credit module: my credit lines and balances, pay along a path, obligations, clearing, members.
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { creditNetworkAbi } from "@cosmolocal/sdk";
import { targetChain } from "../shared/config";
import { creditAddress } from "./contracts";
import { href } from "../shared/router";
import { useWallet } from "../shared/wallet";
import { useCreditWrites } from "./writes";
import { Signed } from "./bits";
import { Clearing } from "./Clearing";
import { memberOf, useCredit, type CreditSnapshot } from "./data";
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
  s: CreditSnapshot;
  unit: Unit;
  me?: Address;
  actions: ReturnType<typeof useCreditWrites>;
  isSteward: boolean;
}

export function CreditPage({ tab = "mine" }: { tab?: string }) {
  const { data: s, isLoading, error } = useCredit();
  const { address: me } = useWallet();
  const unit = s ? unitOf(s.info) : undefined;
  const actions = useCreditWrites(unit);
  const steward = useReadContract({
    address: creditAddress,
    abi: creditNetworkAbi,
    functionName: "hasRole",
    args: s && me ? [s.info.stewardRole, me] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!s && !!me },
  });

  if (isLoading) return <p className="muted">Loading the credit network…</p>;
  if (error) return <p className="error">Could not read the credit network: {error.message}</p>;
  if (!s || !unit) return null;

  const active = TABS.some((t) => t.id === tab) ? tab : "mine";
  const mine = memberOf(s, me);
  const view: CreditView = { s, unit, me, actions, isSteward: steward.data === true };
  const pendingForMe = s.lines.filter((l) => l.offer > 0n && me && l.receiver.toLowerCase() === me.toLowerCase());
  const proposedToMe = s.obligations.filter(
    (o) =>
      o.status === "Proposed" &&
      me &&
      (o.debtor.toLowerCase() === me.toLowerCase() || o.creditor.toLowerCase() === me.toLowerCase()) &&
      o.proposer.toLowerCase() !== me.toLowerCase(),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="credit-name">
            {s.info.name} <span className="muted">({s.info.symbol})</span>
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
