// graph-node's GraphQL query API over the runtime's entity store: the query schema graph-node derives from a
// subgraph's schema.graphql, and an executor (graphql-js) with graph-node's where / orderBy / first / skip semantics.
import {
  buildASTSchema,
  execute,
  GraphQLError,
  GraphQLScalarType,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type TypeNode,
  type ValueNode,
} from "graphql";
import { decimalCompare, decimalFromString, decimalToString, type Decimal } from "./numbers.ts";
import { toHex, type EntityData, type EntityDef, type EntityStore, type FieldDef, type StoreValue } from "./store.ts";

/** graph-node's defaults: `GRAPH_GRAPHQL_MAX_FIRST` (1000) and `GRAPH_GRAPHQL_MAX_SKIP` (u32::MAX, unlimited). */
export const DEFAULT_MAX_FIRST = 1000;
export const DEFAULT_MAX_SKIP = 4_294_967_295;

/** The block `_meta` reports: the last block the indexer processed. */
export interface MetaBlock {
  number: number;
  hash: string | null;
  timestamp: number | null;
  parentHash: string | null;
}

export interface SubgraphMeta {
  block: MetaBlock;
  deployment: string;
  hasIndexingErrors: boolean;
}

export interface GraphQLOptions {
  /** Largest `first` accepted (graph-node: `GRAPH_GRAPHQL_MAX_FIRST`, default 1000). */
  maxFirst?: number;
  /** Largest `skip` accepted (graph-node: `GRAPH_GRAPHQL_MAX_SKIP`, default unlimited). */
  maxSkip?: number;
  /** What `_meta` answers (default: block 0, deployment "local", no indexing errors). */
  meta?: () => SubgraphMeta;
}

// ------------------------------------------------------------------------------------------------ names

/**
 * graph-node's collection field name: `to_plural` then `to_camel_case` of the Inflector crate, whose rules are
 * case-sensitive regular expressions on the type name. Implemented, in Inflector's order of precedence: …(c)hild →
 * …children, …(p)erson → …people, …mouse / …louse → …mice / …lice, …matrix / …index (lower-case stem) → …ices,
 * …x / ch / ss / sh / zz → …es, a consonant + y → …ies, …arf / lf / eaf / eof / oaf / hoof → …ves, …knife / wife /
 * life → …ves, …sis → …ses, …hero / …ato / …gro → …oes, …alias / …us (not aus, ous, uus) / tlas / gas / ris → …es,
 * …ias (not lias) kept, …axis / testis → …es, …s kept, otherwise + s. Not implemented: Inflector's uncountable
 * words (an entity named exactly `Series` keeps its name there), its Latin plurals (…datum → …data) and the rare
 * …ese / …ey / …emu / …eaux rules. `Person` (capital P) is `persons`, as on graph-node.
 */
export function collectionFieldName(typeName: string): string {
  return camelCase(pluralize(typeName));
}

/** graph-node's single-entity field name (`to_camel_case`): `CreditMember` → `creditMember`. */
export function entityFieldName(typeName: string): string {
  return camelCase(typeName);
}

/** The rules of `collectionFieldName`, first match wins; `$1` is the kept stem. */
const PLURAL_RULES: [RegExp, string][] = [
  [/^(.*child)(?:ren)?$/, "$1ren"],
  [/^(.*pe)(?:rson|ople)$/, "$1ople"],
  [/^(.*[ml])(?:ice|ouse)$/, "$1ice"],
  [/^(.*(?:matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$/, "$1ices"],
  [/^(.*(?:x|ch|ss|sh|zz))$/, "$1es"],
  [/^(.*(?:x|ch|ss|sh|zz)es)$/, "$1"],
  [/^(.*(?:[^aeiouy]|qu))y$/, "$1ies"],
  [/^(.*(?:ar|l|ea|eo|oa|hoo))f$/, "$1ves"],
  [/^(.*(?:kni|wi|li))fe$/, "$1ves"],
  [/^(.*)sis$/, "$1ses"],
  [/^(.*(?:her|at|gr))o$/, "$1oes"],
  [/^(.*(?:alias|[^aou]us|tlas|gas|ris))$/, "$1es"],
  [/^(.*(?:[^l]ias|[aeiou]las|[emjzr]as|[iu]am))$/, "$1"],
  [/^(.*(?:ax|test))is$/, "$1es"],
  [/^(.*)s$/, "$1s"],
];

function pluralize(word: string): string {
  for (const [re, replacement] of PLURAL_RULES) if (re.test(word)) return word.replace(re, replacement);
  return word + "s";
}

function camelCase(name: string): string {
  const upper = /^[A-Z]+/.exec(name)?.[0] ?? "";
  if (upper.length <= 1) return name.charAt(0).toLowerCase() + name.slice(1);
  // An acronym: "NFTToken" → "nftToken", "ABC" → "abc".
  const keep = upper.length === name.length ? upper.length : upper.length - 1;
  return name.slice(0, keep).toLowerCase() + name.slice(keep);
}

// ------------------------------------------------------------------------------------------- the schema

const CUSTOM_SCALARS = ["BigDecimal", "BigInt", "Bytes", "Int8", "Timestamp"];
const META_SDL = `
scalar BigDecimal
scalar BigInt
scalar Bytes
scalar Int8
scalar Timestamp
enum OrderDirection { asc desc }
enum _SubgraphErrorPolicy_ { allow deny }
input Block_height { hash: Bytes number: Int number_gte: Int }
input BlockChangedFilter { number_gte: Int! }
type _Block_ { hash: Bytes number: Int! timestamp: Int parentHash: Bytes }
type _Meta_ { block: _Block_! deployment: String! hasIndexingErrors: Boolean! }
`;
const STRING_OPS = [
  "",
  "not",
  "gt",
  "lt",
  "gte",
  "lte",
  "in",
  "not_in",
  "contains",
  "contains_nocase",
  "not_contains",
  "not_contains_nocase",
  "starts_with",
  "starts_with_nocase",
  "not_starts_with",
  "not_starts_with_nocase",
  "ends_with",
  "ends_with_nocase",
  "not_ends_with",
  "not_ends_with_nocase",
];
const ORDER_OPS = ["", "not", "gt", "lt", "gte", "lte", "in", "not_in"];
/** graph-node's `field_scalar_filter_input_values`: the filter suffixes per scalar type. */
const SCALAR_OPS: Record<string, string[]> = {
  BigInt: ORDER_OPS,
  BigDecimal: ORDER_OPS,
  ID: ORDER_OPS,
  Int: ORDER_OPS,
  Int8: ORDER_OPS,
  Boolean: ["", "not", "in", "not_in"],
  Bytes: [...ORDER_OPS, "contains", "not_contains"],
  String: STRING_OPS,
};
const LIST_OPS = ["", "not", "contains", "contains_nocase", "not_contains", "not_contains_nocase"];

/** How values of a field compare. */
type Domain =
  | { kind: "string" } // String, ID, String-id references: UTF-8 byte order (Postgres, C collation)
  | { kind: "hex" } // Bytes: byte order (lower-case hex, as stored)
  | { kind: "int" } // Int
  | { kind: "bigint" } // BigInt, Int8, Timestamp
  | { kind: "decimal" }
  | { kind: "boolean" }
  | { kind: "enum"; values: string[] }; // enum order is the declaration order (a Postgres enum)

/** One key of an `<Entity>_filter` input. */
interface FilterKey {
  field: FieldDef;
  op: string;
  /** The field refers to entities (by id; a derived field has only the child filter `field_`). */
  target: EntityDef | null;
}

interface EntityInfo {
  def: EntityDef;
  idDomain: Domain;
  filterKeys: Map<string, FilterKey>;
}

export interface BuiltApiSchema {
  /** graph-node's query schema, as SDL. */
  sdl: string;
  document: DocumentNode;
  /** Root field name → entity type and whether it is the collection field. */
  rootFields: Map<string, { entity: string; collection: boolean }>;
}

function namedType(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type);
}

function isListType(t: TypeNode): boolean {
  return t.kind === Kind.LIST_TYPE || (t.kind === Kind.NON_NULL_TYPE && isListType(t.type));
}

function collectionArgs(type: string): string {
  return `(skip: Int = 0, first: Int = 100, orderBy: ${type}_orderBy, orderDirection: OrderDirection, where: ${type}_filter)`;
}

/**
 * The query schema graph-node serves for a subgraph schema (graph-node's `api_schema`): per entity type the
 * single and collection root fields, `<Entity>_orderBy` (fields, and `field__child` for the scalar fields of an
 * entity a non-list field refers to), `<Entity>_filter` (the suffixes graph-node gives each field type, child
 * filters `field_`, `and`, `or`, `_change_block`), collection arguments on list fields that refer to entities,
 * and `_meta`. Interfaces, full-text search fields, timeseries and aggregations are not derived.
 */
export function buildApiSchema(subgraphSdl: string): BuiltApiSchema {
  const doc = parse(subgraphSdl);
  const entities = doc.definitions.filter(
    (d): d is ObjectTypeDefinitionNode =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some((x) => x.name.value === "entity"),
  );
  const byName = new Map(entities.map((e) => [e.name.value, e]));
  const enums = new Set(doc.definitions.flatMap((d) => (d.kind === Kind.ENUM_TYPE_DEFINITION ? [d.name.value] : [])));
  const derived = (f: FieldDefinitionNode) => !!f.directives?.some((d) => d.name.value === "derivedFrom");
  const idFilterType = (entity: string) => {
    const id = byName.get(entity)!.fields?.find((f) => f.name.value === "id");
    return id && namedType(id.type) === "Int8" ? "Int" : "String";
  };

  let out = META_SDL;
  for (const d of doc.definitions) {
    if (d.kind === Kind.ENUM_TYPE_DEFINITION)
      out += `enum ${d.name.value} { ${(d.values ?? []).map((v) => v.name.value).join(" ")} }\n`;
  }
  const rootFields = new Map<string, { entity: string; collection: boolean }>();
  let query = "";
  for (const e of entities) {
    const name = e.name.value;
    const fields = e.fields ?? [];
    const orderBy: string[] = [];
    const filter: string[] = [];
    let type = `type ${name} {\n`;
    for (const f of fields) {
      const fname = f.name.value;
      const base = namedType(f.type);
      const list = isListType(f.type);
      const target = byName.get(base);
      orderBy.push(fname);
      if (target && !list) {
        for (const c of target.fields ?? []) {
          if (!isListType(c.type) && !byName.has(namedType(c.type))) orderBy.push(`${fname}__${c.name.value}`);
        }
      }
      if (target) {
        if (!derived(f)) {
          const ops = list ? LIST_OPS : STRING_OPS;
          const t = idFilterType(base);
          for (const op of ops) {
            const valueType = list || op === "in" || op === "not_in" ? `[${t}!]` : t;
            filter.push(`${op ? `${fname}_${op}` : fname}: ${valueType}`);
          }
        }
        filter.push(`${fname}_: ${base}_filter`);
      } else {
        const ops = list ? LIST_OPS : enums.has(base) ? ["", "not", "in", "not_in"] : (SCALAR_OPS[base] ?? ["", "not"]);
        for (const op of ops) {
          const valueType = list || op === "in" || op === "not_in" ? `[${base}!]` : base;
          filter.push(`${op ? `${fname}_${op}` : fname}: ${valueType}`);
        }
      }
      type += `  ${fname}${target && list ? collectionArgs(base) : ""}: ${print(f.type)}\n`;
    }
    filter.push("_change_block: BlockChangedFilter", `and: [${name}_filter]`, `or: [${name}_filter]`);
    out += `enum ${name}_orderBy { ${orderBy.join(" ")} }\n`;
    out += `input ${name}_filter {\n  ${filter.join("\n  ")}\n}\n`;
    out += type + "}\n";
    const single = entityFieldName(name);
    const collection = collectionFieldName(name);
    rootFields.set(single, { entity: name, collection: false });
    rootFields.set(collection, { entity: name, collection: true });
    const tail = "block: Block_height, subgraphError: _SubgraphErrorPolicy_! = deny";
    query += `  ${single}(id: ID!, ${tail}): ${name}\n`;
    query += `  ${collection}${collectionArgs(name).slice(0, -1)}, ${tail}): [${name}!]!\n`;
  }
  out += `type Query {\n${query}  _meta(block: Block_height): _Meta_\n}\n`;
  return { sdl: out, document: parse(out), rootFields };
}

// ------------------------------------------------------------------------------------- scalar values

const fail = (message: string) => new GraphQLError(message);

function parseBigInt(v: unknown, type: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw fail(`Invalid value for ${type}: ${JSON.stringify(String(v))}`);
}

function parseBytes(v: unknown): string {
  if (typeof v === "string") {
    const hex = v.startsWith("0x") || v.startsWith("0X") ? v.slice(2) : v;
    if (/^[0-9a-fA-F]*$/.test(hex) && hex.length % 2 === 0) return "0x" + hex.toLowerCase();
  }
  throw fail(`Invalid value for Bytes: ${JSON.stringify(v)} (expected hex bytes, 0x-prefixed)`);
}

function parseDecimal(v: unknown): Decimal {
  if (typeof v === "string" || typeof v === "number") {
    try {
      return decimalFromString(String(v));
    } catch {
      // fall through
    }
  }
  throw fail(`Invalid value for BigDecimal: ${JSON.stringify(v)}`);
}

function literal(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
  throw fail(`Expected a string or number literal, got ${print(ast)}`);
}

/** The custom scalars as graph-node reads and writes them (BigInt, BigDecimal, Int8, Timestamp as decimal strings;
 * Bytes as 0x-prefixed lower-case hex). Inputs become bigint, Decimal and lower-case hex. */
function defineScalars(schema: GraphQLSchema): void {
  const set = (name: string, serialize: (v: unknown) => unknown, parseValue: (v: unknown) => unknown) => {
    const t = schema.getType(name) as GraphQLScalarType;
    t.serialize = serialize;
    t.parseValue = parseValue;
    t.parseLiteral = (ast) => parseValue(literal(ast));
  };
  const integer = (name: string) =>
    set(
      name,
      (v) => String(v),
      (v) => parseBigInt(v, name),
    );
  integer("BigInt");
  integer("Int8");
  integer("Timestamp");
  set(
    "BigDecimal",
    (v) => (typeof v === "string" ? v : decimalToString(v as Decimal)),
    (v) => parseDecimal(v),
  );
  set(
    "Bytes",
    (v) => (v instanceof Uint8Array ? toHex(v) : String(v)),
    (v) => parseBytes(v),
  );
}

/** A stored value as the resolvers hand it to graphql-js (scalars serialise it). */
function outputValue(v: StoreValue): unknown {
  switch (v.kind) {
    case "Null":
      return null;
    case "Array":
      return v.value.map(outputValue);
    default:
      return v.value;
  }
}

/** The id a reference field holds (String, or Bytes as lower-case hex). */
function refId(v: StoreValue): string | null {
  if (v.kind === "String") return v.value;
  if (v.kind === "Bytes") return toHex(v.value);
  if (v.kind === "Int8") return String(v.value);
  return null;
}

// ------------------------------------------------------------------------------------------ comparisons

type Comparable = string | number | bigint | boolean | Decimal;

const SURROGATE = /[\uD800-\uDFFF]/;

/** UTF-8 byte order (graph-node's Postgres uses the C collation). */
function compareStrings(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(domain: Domain, a: Comparable, b: Comparable): number {
  switch (domain.kind) {
    case "string":
      return compareStrings(a as string, b as string);
    case "decimal":
      return decimalCompare(a as Decimal, b as Decimal);
    case "enum":
      return domain.values.indexOf(a as string) - domain.values.indexOf(b as string);
    case "boolean":
      return Number(a) - Number(b);
    default:
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** A stored scalar in the form `compare` takes. */
function comparable(v: StoreValue): Comparable | null {
  switch (v.kind) {
    case "Bytes":
      return toHex(v.value);
    case "Null":
    case "Array":
      return null;
    default:
      return v.value;
  }
}

// --------------------------------------------------------------------------------------------- executor

interface Context {
  /** Per-request indexes of derived fields: `Type.field` → parent id → children. */
  derived: Map<string, Map<string, EntityData[]>>;
}

interface EntitySource {
  __entity: string;
  data: EntityData;
}

const isEntitySource = (x: unknown): x is EntitySource =>
  typeof x === "object" && x !== null && "__entity" in x && "data" in x;

interface CollectionArgs {
  skip?: number;
  first?: number;
  orderBy?: string;
  orderDirection?: "asc" | "desc";
  where?: Record<string, unknown>;
}

/** Executes GraphQL queries against an `EntityStore` with graph-node's query API and semantics. */
export class SubgraphGraphQL {
  readonly schema: GraphQLSchema;
  /** graph-node's query schema for the subgraph, as SDL. */
  readonly sdl: string;
  private readonly store: EntityStore;
  private readonly rootFields: BuiltApiSchema["rootFields"];
  private readonly entities = new Map<string, EntityInfo>();
  private readonly maxFirst: number;
  private readonly maxSkip: number;
  private readonly meta: () => SubgraphMeta;

  constructor(subgraphSdl: string, store: EntityStore, options: GraphQLOptions = {}) {
    const api = buildApiSchema(subgraphSdl);
    this.sdl = api.sdl;
    this.schema = buildASTSchema(api.document);
    defineScalars(this.schema);
    this.rootFields = api.rootFields;
    this.store = store;
    this.maxFirst = options.maxFirst ?? DEFAULT_MAX_FIRST;
    this.maxSkip = options.maxSkip ?? DEFAULT_MAX_SKIP;
    this.meta =
      options.meta ??
      (() => ({
        block: { number: 0, hash: null, timestamp: null, parentHash: null },
        deployment: "local",
        hasIndexingErrors: false,
      }));
    for (const def of store.schema.entities.values()) {
      const idField = def.fields.get("id");
      if (!idField) throw new Error(`graphql: entity ${def.name} has no id field`);
      const filterKeys = new Map<string, FilterKey>();
      const filterType = this.schema.getType(`${def.name}_filter`);
      if (!filterType || !("getFields" in filterType)) throw new Error(`graphql: no filter type for ${def.name}`);
      const keys = new Set(Object.keys(filterType.getFields()));
      // Map each filter key to its field and suffix, longest field name first ("a_b" before "a").
      const fields = [...def.fields.values()].sort((a, b) => b.name.length - a.name.length);
      for (const key of keys) {
        if (key === "and" || key === "or" || key === "_change_block") continue;
        for (const field of fields) {
          const target = store.schema.entities.get(field.type) ?? null;
          if (key === field.name) filterKeys.set(key, { field, op: "", target });
          else if (key === `${field.name}_` && target) filterKeys.set(key, { field, op: "child", target });
          else if (
            key.startsWith(`${field.name}_`) &&
            SCALAR_OPS.String.concat(LIST_OPS).includes(key.slice(field.name.length + 1))
          )
            filterKeys.set(key, { field, op: key.slice(field.name.length + 1), target });
          else continue;
          break;
        }
        if (!filterKeys.has(key)) throw new Error(`graphql: filter key ${def.name}_filter.${key} matches no field`);
      }
      this.entities.set(def.name, { def, idDomain: this.domain(idField), filterKeys });
    }
  }

  /** Parses, validates and executes a query (graphql-js), as graph-node's HTTP endpoint would answer it. */
  async execute(
    query: string,
    variables?: Record<string, unknown> | null,
    operationName?: string | null,
  ): Promise<ExecutionResult> {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (e) {
      return { errors: [e as GraphQLError] };
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return { errors };
    const context: Context = { derived: new Map() };
    return execute({
      schema: this.schema,
      document,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
      contextValue: context,
      fieldResolver: this.resolve,
    });
  }

  private readonly resolve: GraphQLFieldResolver<unknown, Context> = (source, args, context, info) => {
    if (info.parentType === this.schema.getQueryType()) {
      if (info.fieldName === "_meta") {
        this.checkBlock(args.block);
        return this.meta();
      }
      const root = this.rootFields.get(info.fieldName);
      if (!root) return undefined;
      this.checkBlock(args.block);
      const info2 = this.entity(root.entity);
      if (!root.collection) {
        const id = info2.idDomain.kind === "hex" ? String(args.id).toLowerCase() : String(args.id);
        const data = this.store.get(root.entity, id);
        return data ? this.wrap(root.entity, data) : null;
      }
      return this.collection(root.entity, this.store.scan(root.entity), args as CollectionArgs, context);
    }
    if (isEntitySource(source)) return this.resolveField(source, args as CollectionArgs, context, info.fieldName);
    return (source as Record<string, unknown>)[info.fieldName];
  };

  private resolveField(source: EntitySource, args: CollectionArgs, context: Context, name: string): unknown {
    const field = this.entity(source.__entity).def.fields.get(name);
    if (!field) return null;
    const target = this.store.schema.entities.get(field.type);
    if (!target) {
      const v = source.data.get(name);
      return v === undefined ? null : outputValue(v);
    }
    let children: EntityData[];
    if (field.derivedFrom) {
      children = this.derivedChildren(context, source.__entity, field, this.idOf(source.data));
    } else {
      const v = source.data.get(name);
      if (v === undefined) return field.list ? [] : null;
      const ids = v.kind === "Array" ? v.value.map(refId) : [refId(v)];
      children = ids.flatMap((id) => {
        const e = id === null ? null : this.store.get(target.name, id);
        return e ? [e] : [];
      });
    }
    if (!field.list) return children.length > 0 ? this.wrap(target.name, children[0]) : null;
    return this.collection(target.name, children, args, context);
  }

  private wrap(entity: string, data: EntityData): EntitySource {
    return { __entity: entity, data };
  }

  private entity(name: string): EntityInfo {
    const e = this.entities.get(name);
    if (!e) throw fail(`Unknown entity type ${name}`);
    return e;
  }

  private idOf(data: EntityData): string {
    return refId(data.get("id")!)!;
  }

  private domain(field: FieldDef): Domain {
    const target = this.store.schema.entities.get(field.type);
    if (target) return target.fields.get("id")?.type === "Bytes" ? { kind: "hex" } : { kind: "string" };
    const values = this.store.schema.enums.get(field.type);
    if (values) return { kind: "enum", values: [...values] };
    switch (field.type) {
      case "Bytes":
        return { kind: "hex" };
      case "Int":
        return { kind: "int" };
      case "BigInt":
      case "Int8":
      case "Timestamp":
        return { kind: "bigint" };
      case "BigDecimal":
        return { kind: "decimal" };
      case "Boolean":
        return { kind: "boolean" };
      default:
        return { kind: "string" };
    }
  }

  /** graph-node answers only at its latest block here: a block constraint must name it (or be below it). */
  private checkBlock(block: unknown): void {
    if (!block) return;
    const { number, hash, number_gte } = block as { number?: number; hash?: string; number_gte?: number };
    const latest = this.meta().block;
    if (number_gte !== undefined && number_gte !== null && latest.number < number_gte) {
      throw fail(
        `subgraph has only indexed up to block number ${latest.number} and data for block number ${number_gte} is therefore not yet available`,
      );
    }
    if (number !== undefined && number !== null && number !== latest.number) {
      throw fail(`this executor keeps only the latest state (block ${latest.number}); block ${number} was asked for`);
    }
    if (hash !== undefined && hash !== null && hash !== latest.hash) {
      throw fail(`this executor keeps only the latest state (block ${latest.hash}); block ${hash} was asked for`);
    }
  }

  // ------------------------------------------------------------------------------------ collections

  private collection(entity: string, candidates: Iterable<EntityData>, args: CollectionArgs, ctx: Context) {
    const first = args.first ?? 100;
    const skip = args.skip ?? 0;
    if (first < 0 || first > this.maxFirst)
      throw fail(`The \`first\` argument must be between 0 and ${this.maxFirst}, but is ${first}`);
    if (skip < 0 || skip > this.maxSkip)
      throw fail(`The \`skip\` argument must be between 0 and ${this.maxSkip}, but is ${skip}`);
    const predicate = args.where ? this.compileFilter(entity, args.where, ctx, false) : null;
    const rows: EntityData[] = [];
    for (const e of candidates) if (!predicate || predicate(e)) rows.push(e);
    const order = this.comparator(entity, args.orderBy, args.orderDirection ?? "asc", ctx);
    rows.sort(order);
    return rows.slice(skip, skip + first).map((data) => this.wrap(entity, data));
  }

  /** Order by the key (nulls last ascending, first descending, as Postgres), then by id in the same direction. */
  private comparator(entity: string, orderBy: string | undefined, direction: "asc" | "desc", ctx: Context) {
    const info = this.entity(entity);
    const sign = direction === "desc" ? -1 : 1;
    const byId = (a: EntityData, b: EntityData) =>
      sign * compare(info.idDomain, comparable(a.get("id")!)!, comparable(b.get("id")!)!);
    if (!orderBy || orderBy === "id") return byId;
    const [fieldName, childName] = orderBy.split("__");
    const field = info.def.fields.get(fieldName)!;
    let key: (e: EntityData) => Comparable | null;
    let domain: Domain;
    if (childName !== undefined) {
      const target = this.entity(field.type).def;
      const child = target.fields.get(childName)!;
      domain = this.domain(child);
      key = (e) => {
        let ref: EntityData | null = null;
        if (field.derivedFrom) ref = this.derivedChildren(ctx, entity, field, this.idOf(e))[0] ?? null;
        else {
          const v = e.get(fieldName);
          const id = v === undefined ? null : refId(v);
          ref = id === null ? null : this.store.get(target.name, id);
        }
        const v = ref?.get(childName);
        return v === undefined ? null : comparable(v);
      };
    } else {
      if (field.list || field.derivedFrom)
        throw fail(`Ordering by \`${fieldName}\` is not supported here (a list or derived field)`);
      domain = this.domain(field);
      key = (e) => {
        const v = e.get(fieldName);
        return v === undefined ? null : comparable(v);
      };
    }
    const keys = new Map<EntityData, Comparable | null>();
    const keyOf = (e: EntityData) => {
      if (!keys.has(e)) keys.set(e, key(e));
      return keys.get(e)!;
    };
    return (a: EntityData, b: EntityData) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      let c: number;
      if (ka === null || kb === null) c = ka === kb ? 0 : ka === null ? 1 : -1;
      else c = compare(domain, ka, kb);
      return c !== 0 ? sign * c : byId(a, b);
    };
  }

  /** Children of a derived field: entities of its type whose `derivedFrom` field refers to the parent. */
  private derivedChildren(ctx: Context, entity: string, field: FieldDef, parentId: string): EntityData[] {
    const cacheKey = `${entity}.${field.name}`;
    let index = ctx.derived.get(cacheKey);
    if (!index) {
      index = new Map();
      for (const child of this.store.scan(field.type)) {
        const v = child.get(field.derivedFrom!);
        if (v === undefined) continue;
        for (const item of v.kind === "Array" ? v.value : [v]) {
          const id = refId(item);
          if (id === null) continue;
          const list = index.get(id);
          if (list) list.push(child);
          else index.set(id, [child]);
        }
      }
      ctx.derived.set(cacheKey, index);
    }
    return index.get(parentId) ?? [];
  }

  // ---------------------------------------------------------------------------------------- filters

  private compileFilter(
    entity: string,
    where: Record<string, unknown>,
    ctx: Context,
    inChild: boolean,
  ): (e: EntityData) => boolean {
    const info = this.entity(entity);
    const keys = Object.keys(where).filter((k) => where[k] !== undefined);
    if (keys.includes("or") && keys.length > 1) {
      const others = keys.filter((k) => k !== "or").map((k) => `'${k}'`);
      throw fail(
        `Cannot mix column filters with 'or' operator at the same level. Found column filter(s) ${others.join(", ")} alongside 'or' operator`,
      );
    }
    const parts: ((e: EntityData) => boolean)[] = [];
    for (const key of keys) {
      const value = where[key];
      if (key === "and" || key === "or") {
        const subs = ((value as Record<string, unknown>[] | null) ?? []).map((w) =>
          this.compileFilter(entity, w ?? {}, ctx, inChild),
        );
        parts.push(key === "and" ? (e) => subs.every((p) => p(e)) : (e) => subs.some((p) => p(e)));
        continue;
      }
      if (key === "_change_block")
        throw fail("`_change_block` is not supported by this executor (the store keeps no change blocks)");
      const fk = info.filterKeys.get(key)!;
      if (fk.op === "child") {
        if (inChild) throw fail(`Child filter nesting not supported by value \`${key}\`: \`${JSON.stringify(value)}\``);
        parts.push(this.childFilter(fk, (value ?? {}) as Record<string, unknown>, ctx));
        continue;
      }
      parts.push(this.fieldFilter(fk, value));
    }
    return (e) => parts.every((p) => p(e));
  }

  /** `field_: {…}`: the entity (or one of the entities) the field refers to matches. */
  private childFilter(fk: FilterKey, where: Record<string, unknown>, ctx: Context) {
    const target = fk.target!;
    const match = this.compileFilter(target.name, where, ctx, true);
    let matching: Set<string> | null = null;
    const field = fk.field;
    if (field.derivedFrom) {
      // Parents some matching child refers to.
      const parents = (): Set<string> => {
        if (matching) return matching;
        matching = new Set();
        for (const child of this.store.scan(target.name)) {
          if (!match(child)) continue;
          const v = child.get(field.derivedFrom!);
          if (v === undefined) continue;
          for (const item of v.kind === "Array" ? v.value : [v]) {
            const id = refId(item);
            if (id !== null) matching.add(id);
          }
        }
        return matching;
      };
      return (e: EntityData) => parents().has(this.idOf(e));
    }
    const targets = (): Set<string> => {
      if (matching) return matching;
      matching = new Set();
      for (const child of this.store.scan(target.name)) if (match(child)) matching.add(this.idOf(child));
      return matching;
    };
    return (e: EntityData) => {
      const v = e.get(field.name);
      if (v === undefined) return false;
      return (v.kind === "Array" ? v.value : [v]).some((item) => {
        const id = refId(item);
        return id !== null && targets().has(id);
      });
    };
  }

  private fieldFilter(fk: FilterKey, raw: unknown): (e: EntityData) => boolean {
    const { field, op } = fk;
    const domain = this.domain(field);
    // References are filtered by id strings; ids of Bytes are compared in lower case.
    const norm = (x: unknown): Comparable =>
      fk.target && domain.kind === "hex" ? String(x).toLowerCase() : (x as Comparable);
    const get = (e: EntityData): StoreValue | undefined => e.get(field.name);
    const eq = (a: Comparable, b: Comparable) => compare(domain, a, b) === 0;

    if (field.list) {
      const wanted = raw === null ? null : (raw as unknown[]).map(norm);
      const items = (v: StoreValue) => (v.kind === "Array" ? v.value.map(comparable) : []);
      const nocase = op.endsWith("_nocase");
      const lower = (x: Comparable | null) => (nocase && typeof x === "string" ? x.toLowerCase() : x);
      const containsAll = (have: (Comparable | null)[]) =>
        wanted!.every((w) => have.some((h) => h !== null && eq(lower(h)!, lower(w)!)));
      const sameList = (have: (Comparable | null)[]) =>
        have.length === wanted!.length && have.every((h, i) => h !== null && eq(h, wanted![i]));
      switch (op) {
        case "":
          return (e) => (wanted === null ? get(e) === undefined : get(e) !== undefined && sameList(items(get(e)!)));
        case "not":
          return (e) => (wanted === null ? get(e) !== undefined : get(e) !== undefined && !sameList(items(get(e)!)));
        case "contains":
        case "contains_nocase":
          return (e) => wanted !== null && get(e) !== undefined && containsAll(items(get(e)!));
        case "not_contains":
        case "not_contains_nocase":
          return (e) => wanted !== null && get(e) !== undefined && !containsAll(items(get(e)!));
      }
      throw fail(`Unsupported list filter ${field.name}_${op}`);
    }

    const value = (e: EntityData): Comparable | null => {
      const v = get(e);
      return v === undefined ? null : comparable(v);
    };
    if (raw === null || raw === undefined) {
      if (op === "") return (e) => value(e) === null;
      if (op === "not") return (e) => value(e) !== null;
      return () => false;
    }
    if (op === "in" || op === "not_in") {
      const list = (raw as unknown[]).map(norm);
      const inList = (x: Comparable) => list.some((w) => eq(x, w));
      return op === "in"
        ? (e) => value(e) !== null && inList(value(e)!)
        : (e) => value(e) !== null && !inList(value(e)!);
    }
    const w = norm(raw);
    const ordered = (test: (c: number) => boolean) => (e: EntityData) => {
      const x = value(e);
      return x !== null && test(compare(domain, x, w));
    };
    switch (op) {
      case "":
        return ordered((c) => c === 0);
      case "not":
        return ordered((c) => c !== 0);
      case "gt":
        return ordered((c) => c > 0);
      case "lt":
        return ordered((c) => c < 0);
      case "gte":
        return ordered((c) => c >= 0);
      case "lte":
        return ordered((c) => c <= 0);
    }
    // Text matching: strings (and ids of references), and Bytes as byte strings.
    const negate = op.startsWith("not_");
    const kind = op.replace(/^not_/, "").replace(/_nocase$/, "");
    const nocase = op.endsWith("_nocase");
    const prep = (s: string) => (nocase ? s.toLowerCase() : s);
    const needle = domain.kind === "hex" && !fk.target ? String(w).slice(2) : prep(String(w));
    const test = (hay: string): boolean => {
      if (domain.kind === "hex" && !fk.target) {
        // A byte subsequence: the hex needle at an even offset.
        const h = hay.slice(2);
        for (let i = h.indexOf(needle); i >= 0; i = h.indexOf(needle, i + 1)) if (i % 2 === 0) return true;
        return false;
      }
      const s = prep(hay);
      if (kind === "contains") return s.includes(needle);
      if (kind === "starts_with") return s.startsWith(needle);
      if (kind === "ends_with") return s.endsWith(needle);
      throw fail(`Unsupported filter ${field.name}_${op}`);
    };
    return (e) => {
      const x = value(e);
      return x !== null && test(String(x)) !== negate;
    };
  }
}
