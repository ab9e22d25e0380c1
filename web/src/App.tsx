import { CreateProject } from "./contribution/CreateProject";
import { ProjectList } from "./contribution/ProjectList";
import { ProjectPage } from "./contribution/ProjectPage";
import { lazy, Suspense, useState } from "react";
import { CreditPage } from "./credit/CreditPage";
import { isLocalChain, subgraphUrl, targetChain } from "./shared/config";
import { chooseReadSource, readSource } from "./shared/data/source";
import { certificatesAddress, impactMarketAddress, impactRegistryAddress } from "./impact/contracts";
import { councilAddress, seatAddress, timelockAddress } from "./council/contracts";
import { creditAddress } from "./credit/contracts";
import { ledgerAddress } from "./contribution/contracts";
import { registryAddress } from "./resource/contracts";
import { LiveBlocks } from "./shared/data/live";
import { DevClock } from "./shared/chainTime";
import { href, useRoute } from "./shared/router";
import { WalletButton, WrongNetworkBanner } from "./shared/wallet";
import { GasPayerPanel } from "./sponsorship/gasPayer";
import { paymasterAddress } from "./sponsorship/contracts";
import { designsAddress } from "./designs/contracts";
import { clusterAddress } from "./cluster/contracts";
import { commonfareAddress } from "./commonfare/contracts";

// The council, resource, impact, designs, cluster, solidarity and sponsored-gas modules load on first visit (their own
// chunk).
const CouncilPage = lazy(() => import("./council/CouncilPage").then((m) => ({ default: m.CouncilPage })));
const ResourcePage = lazy(() => import("./resource/ResourcePage").then((m) => ({ default: m.ResourcePage })));
const ImpactPage = lazy(() => import("./impact/ImpactPage").then((m) => ({ default: m.ImpactPage })));
const DesignsPage = lazy(() => import("./designs/DesignsPage").then((m) => ({ default: m.DesignsPage })));
const ClusterPage = lazy(() => import("./cluster/ClusterPage").then((m) => ({ default: m.ClusterPage })));
const SolidarityPage = lazy(() => import("./commonfare/SolidarityPage").then((m) => ({ default: m.SolidarityPage })));
const SponsorshipPage = lazy(() =>
  import("./sponsorship/SponsorshipPage").then((m) => ({ default: m.SponsorshipPage })),
);

function NotDeployed({ contract, module }: { contract: string; module: string }) {
  return (
    <section className="panel">
      <h2>
        No {module} on {targetChain.name}
      </h2>
      <p>
        The SDK lists no {contract} deployment for chain {targetChain.id}. Deploy it (locally: <code>npm start</code>)
        and rebuild the dApp.
      </p>
    </section>
  );
}

const MODULES = [
  { id: "contributions", label: "Contributions", href: href() },
  { id: "credit", label: "Credit", href: href("credit") },
  { id: "council", label: "Council", href: href("council") },
  { id: "resources", label: "Fishcoin", href: href("resources") },
  { id: "impact", label: "Climate claims", href: href("impact") },
  { id: "designs", label: "Designs", href: href("designs") },
  { id: "cluster", label: "Local exchange", href: href("cluster") },
  { id: "solidarity", label: "Solidarity", href: href("solidarity") },
  { id: "gas", label: "Sponsored gas", href: href("gas") },
] as const;

export function App() {
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const module = MODULES.find((m) => m.id !== "contributions" && m.id === route[0])?.id ?? "contributions";
  let page;
  if (module === "council") {
    page =
      councilAddress && seatAddress && timelockAddress ? (
        <CouncilPage tab={route[1]} />
      ) : (
        <NotDeployed contract="ThresholdsCouncil" module="thresholds council" />
      );
  } else if (module === "resources") {
    page = registryAddress ? (
      <ResourcePage id={route[1]} tab={route[2]} />
    ) : (
      <NotDeployed contract="ResourceRegistry" module="resource registry" />
    );
  } else if (module === "impact") {
    page =
      impactRegistryAddress && impactMarketAddress && certificatesAddress ? (
        <ImpactPage route={route.slice(1)} />
      ) : (
        <NotDeployed contract="ImpactRegistry" module="impact registry" />
      );
  } else if (module === "designs") {
    page = designsAddress ? (
      <DesignsPage route={route.slice(1)} />
    ) : (
      <NotDeployed contract="DesignCommons" module="design commons" />
    );
  } else if (module === "cluster") {
    page =
      clusterAddress && creditAddress ? (
        <ClusterPage route={route.slice(1)} />
      ) : (
        <NotDeployed contract="ClusterExchange" module="cluster exchange" />
      );
  } else if (module === "solidarity") {
    page = commonfareAddress ? (
      <SolidarityPage route={route.slice(1)} />
    ) : (
      <NotDeployed contract="Commonfare" module="solidarity circles" />
    );
  } else if (module === "gas") {
    page = paymasterAddress ? (
      <SponsorshipPage />
    ) : (
      <NotDeployed contract="MembersPaymaster" module="gas sponsorship" />
    );
  } else if (module === "credit") {
    page = creditAddress ? (
      <CreditPage tab={route[1]} />
    ) : (
      <NotDeployed contract="CreditNetwork" module="credit network" />
    );
  } else if (!ledgerAddress) {
    page = <NotDeployed contract="ContributionLedger" module="ledger" />;
  } else if (route[0] === "project" && /^\d+$/.test(route[1] ?? "")) {
    page = <ProjectPage projectId={BigInt(route[1])} tab={route[2]} />;
  } else if (route[0] === "new") {
    page = <CreateProject />;
  } else {
    page = <ProjectList />;
  }
  return (
    <div className="app">
      <LiveBlocks />
      <header className="topbar">
        <div className="topbar-left">
          <a className="brand" href={href()}>
            <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden>
              <circle cx="16" cy="16" r="13" fill="var(--primary)" />
              <circle cx="16" cy="16" r="5" fill="var(--bg)" />
            </svg>
            <span>Cosmolocal</span>
          </a>
          {/* On a phone the modules fold into a menu (styles.css); on wider screens the button is hidden. */}
          <button
            type="button"
            className="btn btn-ghost btn-small menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="modules-nav"
            data-testid="menu-toggle"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
              <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            {MODULES.find((m) => m.id === module)?.label}
          </button>
          <nav id="modules-nav" className={`modules${menuOpen ? " modules-open" : ""}`} aria-label="Modules">
            {MODULES.map((m) => (
              <a
                key={m.id}
                href={m.href}
                className={`module${module === m.id ? " module-active" : ""}`}
                aria-current={module === m.id ? "page" : undefined}
                data-testid={`nav-${m.id}`}
                onClick={() => setMenuOpen(false)}
              >
                {m.label}
              </a>
            ))}
          </nav>
        </div>
        <WalletButton />
      </header>
      <WrongNetworkBanner />
      <GasPayerPanel />
      <main className="content">
        <DevClock />
        <Suspense fallback={<p className="muted">Loading…</p>}>{page}</Suspense>
      </main>
      <footer className="footer muted small">
        {targetChain.name} · chain {targetChain.id} · reads from{" "}
        {readSource === "subgraph"
          ? "the subgraph"
          : "the chain (events from each contract's deployment block, read in bounded chunks)"}
        {subgraphUrl && (
          <>
            {" · "}
            <button
              type="button"
              className="link-button"
              data-testid="read-source"
              onClick={() => chooseReadSource(readSource === "subgraph" ? "chain" : "subgraph")}
            >
              {readSource === "subgraph" ? "read the chain itself instead" : "read the subgraph again"}
            </button>
          </>
        )}
        {isLocalChain && " · local test accounts use Hardhat's public keys; never send real funds to them"}
      </footer>
    </div>
  );
}
