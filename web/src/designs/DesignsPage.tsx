// The design commons' pages (`#/designs/<screen>`): the library (search by name and tag), one design's page
// (`d/<id>`), registering a design or a derivative (`new`, `new/<parent id>`), the licensee's own licences and the
// accredited commons entities.
import { href } from "../shared/router";
import { Tabs } from "../shared/Tabs";
import { useWallet } from "../shared/wallet";
import { formatInt } from "../shared/format";
import { useCommonsInfo } from "./data";
import { DesignView } from "./DesignView";
import { Entities } from "./Entities";
import { Library } from "./Library";
import { MyLicences } from "./MyLicences";
import { RegisterDesign } from "./Register";

const TABS = [
  { id: "library", label: "Library" },
  { id: "mine", label: "My licences" },
  { id: "entities", label: "Commons entities" },
  { id: "new", label: "Register a design" },
] as const;

export function DesignsPage({ route }: { route: string[] }) {
  const [screen = "library", arg] = route;
  const { address: me } = useWallet();
  const info = useCommonsInfo();
  const active = screen === "d" ? "library" : TABS.some((t) => t.id === screen) ? screen : "library";
  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="designs-title">Open designs</h1>
          <p className="muted">
            Designs shared as a commons: anyone downloads and uses them freely. Commercial use takes a CopyFair licence:
            free for open co-ops, non-profits and the design's own contributors; other businesses pay the design's fee,
            which flows to the people who made it and to the designs it builds on.
          </p>
        </div>
        {info.data && (
          <dl className="facts" data-testid="designs-facts">
            <div>
              <dt>Designs</dt>
              <dd>{formatInt(info.data.designCount)}</dd>
            </div>
            <div>
              <dt>Licences</dt>
              <dd>
                {formatInt(info.data.commonsLicenceCount)} commons · {formatInt(info.data.commercialLicenceCount)}{" "}
                commercial
              </dd>
            </div>
          </dl>
        )}
      </div>
      <Tabs tabs={TABS} active={active} href={(id) => href("designs", id)} testIdPrefix="designs-tab" />
      {info.error && <p className="error">Could not read the design commons: {info.error.message}</p>}
      {/* Keyed by the account: switching accounts starts every form afresh. */}
      {screen === "d" && arg && /^\d+$/.test(arg) ? (
        <DesignView key={`${me}-${arg}`} id={BigInt(arg)} me={me} />
      ) : (
        <>
          {active === "library" && <Library />}
          {active === "mine" && <MyLicences key={me} me={me} />}
          {active === "entities" && <Entities me={me} />}
          {active === "new" && (
            <RegisterDesign key={`${me}-${arg}`} me={me} parent={arg && /^\d+$/.test(arg) ? BigInt(arg) : undefined} />
          )}
        </>
      )}
    </>
  );
}
