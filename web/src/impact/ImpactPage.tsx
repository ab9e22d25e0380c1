// The impact module's page (`#/impact/<screen>`): claims, the claimant's, verifiers' and funders' screens, retirement
// and the shareable certificate page.
import type { Address } from "viem";
import { useClockTargets } from "../shared/chainTime";
import { href } from "../shared/router";
import { Tabs } from "../shared/Tabs";
import { useWallet } from "../shared/wallet";
import { useImpactWrites, type ImpactWrites } from "./writes";
import { CertificatePage } from "./Certificate";
import { Claimant } from "./Claimant";
import { ClaimDetail, Claims } from "./Claims";
import { isVerifier, useImpactBase, useVerifierQueue, type ImpactBase } from "./data";
import { Market } from "./Market";
import { Retire } from "./Retire";
import { Rounds } from "./Rounds";
import { Verifier } from "./Verifier";

const TABS = [
  { id: "claims", label: "Claims" },
  { id: "claimant", label: "Claimant" },
  { id: "verifier", label: "Verifier" },
  { id: "market", label: "Marketplace" },
  { id: "rounds", label: "Matching rounds" },
  { id: "retire", label: "Retire" },
] as const;

/** What every screen of the module gets. */
export interface ImpactView {
  base: ImpactBase;
  me?: Address;
  actions: ImpactWrites;
}

export function ImpactPage({ route }: { route: string[] }) {
  const [tab = "claims", arg] = route;
  // The certificate page reads only its certificate: it opens fast, for anyone, without a wallet.
  if (tab === "certificate") return <CertificatePage id={arg} />;
  return <ImpactScreens tab={tab} arg={arg} />;
}

function ImpactScreens({ tab, arg }: { tab: string; arg?: string }) {
  const { data: base, isLoading, error } = useImpactBase();
  const { address: me } = useWallet();
  const actions = useImpactWrites();
  const verifier = !!base && isVerifier(base, me);
  // The verifier's queue, for the tab's count (the verifier screen reads the same query).
  const queue = useVerifierQueue(me, verifier);
  useClockTargets(
    (base?.nextRoundEnds ?? []).map((r) => ({
      label: `past the end of “${r.name}”`,
      at: r.endTime,
      testId: `clock-round-${r.id}`,
    })),
  );

  if (isLoading) return <p className="muted">Loading the impact registry…</p>;
  if (error) return <p className="error">Could not read the impact registry: {error.message}</p>;
  if (!base) return null;

  const active = tab === "claim" ? "claims" : TABS.some((t) => t.id === tab) ? tab : "claims";
  const view: ImpactView = { base, me, actions };
  // The first page's claims, "+" when more wait.
  const waiting = queue.items?.length ? `${queue.items.length}${queue.hasNextPage ? "+" : ""}` : 0;
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="impact-title">Climate claims</h1>
          <p className="muted">
            Verified decarbonisation claims: tonnes of CO2e cut, attested by accredited verifiers (k of them per
            methodology), sold as impact units to funders, matched by public rounds and retired for a named beneficiary.
            1 unit = 1 kg CO2e.
          </p>
        </div>
      </div>
      <Tabs
        tabs={TABS}
        active={active}
        href={(id) => href("impact", id)}
        testIdPrefix="impact-tab"
        count={(id) => (id === "verifier" && verifier ? waiting : 0)}
      />
      {/* Keyed by the account: switching accounts starts every form afresh. */}
      {tab === "claim" && arg && /^\d+$/.test(arg) ? (
        <ClaimDetail key={me} {...view} id={BigInt(arg)} />
      ) : (
        <>
          {active === "claims" && <Claims key={me} {...view} />}
          {active === "claimant" && <Claimant key={me} {...view} />}
          {active === "verifier" && <Verifier key={me} {...view} signed={arg} />}
          {active === "market" && <Market key={me} {...view} claim={arg} />}
          {active === "rounds" && <Rounds key={me} {...view} />}
          {active === "retire" && <Retire key={me} {...view} claim={arg} />}
        </>
      )}
    </>
  );
}
