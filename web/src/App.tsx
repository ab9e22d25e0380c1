import { CreateProject } from "./contribution/CreateProject";
import { ProjectList } from "./contribution/ProjectList";
import { ProjectPage } from "./contribution/ProjectPage";
import { CreditPage } from "./credit/CreditPage";
import { creditAddress, isLocalChain, ledgerAddress, subgraphUrl, targetChain } from "./shared/config";
import { href, useRoute } from "./shared/router";
import { WalletButton, WrongNetworkBanner } from "./shared/wallet";

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
] as const;

export function App() {
  const route = useRoute();
  const module = route[0] === "credit" ? "credit" : "contributions";
  let page;
  if (module === "credit") {
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
      <header className="topbar">
        <div className="topbar-left">
          <a className="brand" href={href()}>
            <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden>
              <circle cx="16" cy="16" r="13" fill="var(--primary)" />
              <circle cx="16" cy="16" r="5" fill="var(--bg)" />
            </svg>
            <span>Cosmolocal</span>
          </a>
          <nav className="modules" aria-label="Modules">
            {MODULES.map((m) => (
              <a
                key={m.id}
                href={m.href}
                className={`module${module === m.id ? " module-active" : ""}`}
                aria-current={module === m.id ? "page" : undefined}
                data-testid={`nav-${m.id}`}
              >
                {m.label}
              </a>
            ))}
          </nav>
        </div>
        <WalletButton />
      </header>
      <WrongNetworkBanner />
      <main className="content">{page}</main>
      <footer className="footer muted small">
        {targetChain.name} · chain {targetChain.id} · reads from{" "}
        {subgraphUrl ? "the subgraph" : "the chain (events and views)"}
        {isLocalChain && " · local test accounts use Hardhat's public keys; never send real funds to them"}
      </footer>
    </div>
  );
}
