// Every GraphQL query of the dApp (each exported `query …` string of a `web/src/**/queries.ts`) validated against
// the query schema graph-node derives from subgraph/schema.graphql (graph-test-runtime's `buildApiSchema`: where,
// orderBy, graph-node's collection names), so the subgraph read path cannot drift from the schema unnoticed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildApiSchema } from "@cosmolocal/graph-test-runtime";
import { buildSchema, parse, validate } from "graphql";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const schema = buildSchema(buildApiSchema(readFileSync(join(root, "subgraph/schema.graphql"), "utf8")).sdl);

/** The query files: `queries.ts` (and the older `subgraphQuery.ts`) anywhere under web/src. */
function queryFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return queryFiles(path);
    return name === "queries.ts" || name === "subgraphQuery.ts" ? [path] : [];
  });
}

let passed = 0;
let failed = 0;
for (const file of queryFiles(join(root, "web/src"))) {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== "string" || !/^\s*query\b/.test(value)) continue;
    const where = `${relative(root, file)} ${name}`;
    const errors = validate(schema, parse(value));
    if (errors.length === 0) {
      passed++;
      console.log(`  ✔ ${where}`);
    } else {
      failed++;
      console.log(`  ✘ ${where}:\n    ${errors.map((e) => e.message).join("\n    ")}`);
    }
  }
}
if (passed + failed === 0) {
  console.log("subgraph query check: found no query under web/src");
  process.exit(1);
}
console.log(`subgraph query check: ${passed} passed, ${failed} failed (against graph-node's API schema)`);
process.exit(failed ? 1 : 0);
