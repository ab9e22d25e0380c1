// The dApp's GraphQL queries validated against subgraph/schema.graphql (with the query API The Graph derives from
// it: collections with first, skip, orderBy and the `where` filters the dApp uses, and `_meta`), so the subgraph read
// path cannot drift from the schema unnoticed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as creditQueries from "../src/credit/data/queries.ts";
import { PROJECT_QUERY, PROJECTS_QUERY } from "../src/shared/data/subgraphQuery.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

let graphql: typeof import("graphql");
try {
  graphql = await import("graphql");
} catch {
  console.log(
    "subgraph query check: graphql-js is not installed (it comes with the subgraph workspace); 0 passed, 0 failed, 1 skipped",
  );
  process.exit(0);
}
const { Kind, buildSchema, parse, print, validate } = graphql;

const sdl = readFileSync(join(root, "subgraph/schema.graphql"), "utf8");
const doc = parse(sdl);
const entities = doc.definitions.filter(
  (d): d is import("graphql").ObjectTypeDefinitionNode =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === "entity"),
);
const entityNames = new Set(entities.map((e) => e.name.value));
const listArgs = (t: string) =>
  `(first: Int, skip: Int, orderBy: ${t}_orderBy, orderDirection: OrderDirection, where: ${t}_filter)`;

let out = `
scalar BigInt
scalar BigDecimal
scalar Bytes
scalar Int8
scalar Timestamp
enum OrderDirection { asc desc }
type _Block_ { number: Int! hash: Bytes timestamp: Int }
type _Meta_ { block: _Block_! deployment: String! hasIndexingErrors: Boolean! }
`;
for (const d of doc.definitions) if (d.kind === Kind.ENUM_TYPE_DEFINITION) out += print(d) + "\n";
for (const e of entities) {
  const name = e.name.value;
  out += `enum ${name}_orderBy { ${(e.fields ?? []).map((f) => f.name.value).join(" ")} }\n`;
  out += `type ${name} {\n`;
  for (const f of e.fields ?? []) {
    const type = print(f.type);
    const isEntityList = type.includes("[") && entityNames.has(getNamedTypeName(f.type));
    out += `  ${f.name.value}${isEntityList ? listArgs(getNamedTypeName(f.type)) : ""}: ${type}\n`;
  }
  out += "}\n";
  out += filterOf(e);
}
out += "type Query {\n  _meta: _Meta_\n";
for (const e of entities) {
  const name = e.name.value;
  const single = name[0].toLowerCase() + name.slice(1);
  out += `  ${single}(id: ID!): ${name}\n  ${plural(single)}${listArgs(name)}: [${name}!]!\n`;
}
out += "}\n";

/** graph-node's collection field names: "registry" -> "registries", otherwise + "s" for the names used here. */
function plural(word: string): string {
  return /[^aeiou]y$/.test(word) ? word.slice(0, -1) + "ies" : word + "s";
}

/**
 * graph-node's `where` input of an entity, for the filters the dApp uses: equality, `_not`, `_gt`, `_lt`, `_gte`,
 * `_lte`, `_in` on scalar and enum fields; on a reference to another entity, its id (`field`, `field_in`) and a
 * nested filter (`field_`). Derived and list fields take no filter here.
 */
function filterOf(e: import("graphql").ObjectTypeDefinitionNode): string {
  let input = `input ${e.name.value}_filter {\n`;
  for (const f of e.fields ?? []) {
    const type = print(f.type);
    if (type.includes("[") || f.directives?.some((d) => d.name.value === "derivedFrom")) continue;
    const named = getNamedTypeName(f.type);
    const name = f.name.value;
    if (entityNames.has(named)) {
      input += `  ${name}: String\n  ${name}_in: [String!]\n  ${name}_: ${named}_filter\n`;
      continue;
    }
    for (const op of ["", "_not", "_gt", "_lt", "_gte", "_lte"]) input += `  ${name}${op}: ${named}\n`;
    input += `  ${name}_in: [${named}!]\n`;
  }
  return input + "}\n";
}

function getNamedTypeName(t: import("graphql").TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : getNamedTypeName(t.type);
}

const schema = buildSchema(out);
let passed = 0;
let failed = 0;
for (const [name, query] of Object.entries({ PROJECTS_QUERY, PROJECT_QUERY, ...creditQueries })) {
  const errors = validate(schema, parse(query));
  if (errors.length === 0) {
    passed++;
    console.log(`  ✔ ${name} is valid against subgraph/schema.graphql`);
  } else {
    failed++;
    console.log(`  ✘ ${name}:\n    ${errors.map((e) => e.message).join("\n    ")}`);
  }
}
console.log(`subgraph query check: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
