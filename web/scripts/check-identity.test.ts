// The identity check on a small app: raw addresses rendered outside the identity module are found, by file and
// line; the same screen written with the identity component and its names passes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRawAddresses, formatFinding, programOf, type Finding } from "./check-identity.ts";

// Inside web/ so that react and viem resolve from its node_modules.
const web = join(dirname(fileURLToPath(import.meta.url)), "..");
let dir: string;

const IDENTITY = {
  "names.ts": `
export const shortAddress = (a: string) => \`\${a.slice(0, 6)}…\${a.slice(-4)}\`;
export const nameOf = (a: string) => (a === "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" ? "Bea" : shortAddress(a));
`,
  "Who.tsx": `
import type { Address } from "viem";
import { nameOf, shortAddress } from "./names";
export const Who = ({ address }: { address: Address }) => (
  <span data-identity title={address}>{nameOf(address)} <code>{shortAddress(address)}</code></span>
);
`,
  "format.ts": `
export const shortHash = (h: string) => \`\${h.slice(0, 10)}…\`;
`,
};

/** One line per rendering of an account, each a way around the identity component. */
const RAW = `import type { Address, Hex } from "viem";
import { shortAddress } from "./names";
import { shortHash } from "./format";
export function Screen({ account, accounts, tx }: { account: Address; accounts: Address[]; tx: Hex }) {
  const owner: Address = account;
  return (
    <div>
      <p>{account}</p>
      <p title={account}>owner</p>
      <p>{\`Paid \${account}\`}</p>
      <p>{accounts.join(", ")}</p>
      <p>{shortAddress(account)}</p>
      <p>{account.slice(0, 6)}…</p>
      <p>{shortHash(owner)}</p>
      <p>{tx.length > 0 ? account : "nobody"}</p>
      <code>{tx}</code>
    </div>
  );
}
`;

/** The same screen through the identity component and its names; hashes marked as such. */
const FIXED = `import type { Address, Hex } from "viem";
import { nameOf } from "./names";
import { shortHash } from "./format";
import { Who } from "./Who";
export function Screen({ account, accounts, tx }: { account: Address; accounts: Address[]; tx: Hex }) {
  const busy = "";
  return (
    <div key={\`row-\${account}\`} data-testid={\`member-\${account}\`}>
      <Who address={account} />
      <p title={nameOf(account)}>owner</p>
      <p>{\`Paid \${nameOf(account)}\`}</p>
      <p>{accounts.map(nameOf).join(", ")}</p>
      <p>{busy === \`s\${account}\` ? "Suspending…" : "Suspend"}</p>
      <p>{shortHash(tx)}</p>
      <code data-hash title={tx}>{tx.slice(0, 10)}…</code>
      <select data-identity><option value={account}>{nameOf(account)}</option></select>
    </div>
  );
}
`;

function check(screen: string): Finding[] {
  for (const [name, text] of Object.entries({ ...IDENTITY, "Screen.tsx": screen }))
    writeFileSync(join(dir, name), text);
  const program = programOf(join(web, "tsconfig.json"), [join(dir, "Screen.tsx")]);
  const syntax = program.getSyntacticDiagnostics().length + program.getSemanticDiagnostics().length;
  expect(syntax, "the fixture itself must type-check").toBe(0);
  return findRawAddresses(program, { identityFiles: [join(dir, "Who.tsx"), join(dir, "names.ts")], root: dir });
}

describe("check-identity", () => {
  beforeAll(() => {
    dir = mkdtempSync(join(web, "scripts", ".identity-fixture-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds every raw address rendered outside the identity module, by file and line", () => {
    const findings = check(RAW);
    const lines = findings.map((f) => `${basename(f.file)}:${f.line}`);
    expect(lines).toEqual([
      "Screen.tsx:8", // {account}
      "Screen.tsx:9", // title={account}
      "Screen.tsx:10", // `Paid ${account}`
      "Screen.tsx:11", // accounts.join
      "Screen.tsx:12", // shortAddress outside the identity module
      "Screen.tsx:13", // account.slice
      "Screen.tsx:14", // shortHash of an Address
      "Screen.tsx:15", // one branch of ?: is an account
      "Screen.tsx:16", // a hash, but not marked data-hash: TypeScript cannot tell it from an account
    ]);
    expect(formatFinding(findings[0], dir)).toMatch(/^Screen\.tsx:8:\d+ raw address rendered as text \(account\)/);
    expect(findings[4].message).toContain("shortAddress(…) outside the identity module");
  }, 60_000);

  it("passes the same screen written with the identity component", () => {
    expect(check(FIXED).map((f) => formatFinding(f, dir))).toEqual([]);
  }, 60_000);
});
