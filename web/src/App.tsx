import { CreateProject } from "./contribution/CreateProject";
import { ProjectList } from "./contribution/ProjectList";
import { ProjectPage } from "./contribution/ProjectPage";
import { isLocalChain, ledgerAddress, subgraphUrl, targetChain } from "./shared/config";
import { href, useRoute } from "./shared/router";
import { WalletButton, WrongNetworkBanner } from "./shared/wallet";

export function App() {
  const route = useRoute();
  let page;
  if (!ledgerAddress) {
    page = (
      <section className="panel">
        <h2>No ledger on {targetChain.name}</h2>
        <p>
          The SDK lists no ContributionLedger deployment for chain {targetChain.id}. Deploy it (locally:{" "}
          <code>npm start</code>) and rebuild the dApp.
        </p>
      </section>
    );
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
        <a className="brand" href={href()}>
          <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden>
            <circle cx="16" cy="16" r="13" fill="var(--primary)" />
            <circle cx="16" cy="16" r="5" fill="var(--bg)" />
          </svg>
          <span>Cosmolocal</span>
          <span className="brand-sub">contributions</span>
        </a>
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
