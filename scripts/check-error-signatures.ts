// Checks that every custom error name in the compiled contracts (contracts/, not mocks; inherited errors included)
// has one signature: the same argument types wherever it is declared, so a name decodes one way everywhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

type AbiParam = { type: string; components?: AbiParam[] };
type AbiItem = { type: string; name?: string; inputs?: AbiParam[] };

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const artifactsDir = join(root, "artifacts/contracts");

/** The canonical type of a parameter (tuples spelled out, as in a selector). */
function canonical(p: AbiParam): string {
  if (!p.type.startsWith("tuple")) return p.type;
  return `(${(p.components ?? []).map(canonical).join(",")})${p.type.slice("tuple".length)}`;
}

function artifactFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "mocks" ? [] : artifactFiles(path);
    return entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json") ? [path] : [];
  });
}

if (!existsSync(artifactsDir)) throw new Error("check-error-signatures: no artifacts; run `npx hardhat build` first");
/** error name -> signature -> artifacts declaring or inheriting it */
const seen = new Map<string, Map<string, string[]>>();
for (const file of artifactFiles(artifactsDir)) {
  const artifact = JSON.parse(readFileSync(file, "utf8")) as { abi?: AbiItem[] };
  for (const item of artifact.abi ?? []) {
    if (item.type !== "error" || !item.name) continue;
    const signature = `${item.name}(${(item.inputs ?? []).map(canonical).join(",")})`;
    const bySignature = seen.get(item.name) ?? new Map<string, string[]>();
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), relative(artifactsDir, file)]);
    seen.set(item.name, bySignature);
  }
}

let clashes = 0;
for (const [name, bySignature] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
  if (bySignature.size < 2) continue;
  clashes++;
  console.error(`error ${name} has ${bySignature.size} signatures:`);
  for (const [signature, files] of bySignature) console.error(`  ${signature}: ${files.join(", ")}`);
}
if (clashes > 0) process.exit(1);
console.log(`${seen.size} custom errors, one signature each`);
