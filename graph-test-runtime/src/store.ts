// The runtime's entity store (type → id → fields), checked against schema.graphql and merged the way graph-node's
// `store.set` does (a set updates the given fields; null removes one).
import { decimalToString, type Decimal } from "./numbers.ts";

/** A store value as the mapping wrote it (graph-ts `Value`). */
export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "BigDecimal"; value: Decimal }
  | { kind: "Boolean"; value: boolean }
  | { kind: "Array"; value: StoreValue[] }
  | { kind: "Null" }
  | { kind: "Bytes"; value: Uint8Array }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Int8"; value: bigint }
  | { kind: "Timestamp"; value: bigint };

export type EntityData = Map<string, StoreValue>;

/** Plain JS view of a value for assertions: BigInt/Int8/Timestamp → bigint, Bytes → 0x-hex (lower case),
 * BigDecimal → decimal string, Int → number, Boolean → boolean, Array → array, Null → null. */
export type PlainValue = string | number | bigint | boolean | null | PlainValue[];
export type PlainEntity = Record<string, PlainValue>;

export function toHex(bytes: Uint8Array): string {
  return "0x" + Buffer.from(bytes).toString("hex");
}

export function plainValue(v: StoreValue): PlainValue {
  switch (v.kind) {
    case "Null":
      return null;
    case "Bytes":
      return toHex(v.value);
    case "BigDecimal":
      return decimalToString(v.value);
    case "Array":
      return v.value.map(plainValue);
    default:
      return v.value;
  }
}

export function plainEntity(data: EntityData): PlainEntity {
  const out: PlainEntity = {};
  for (const [k, v] of data) out[k] = plainValue(v);
  return out;
}

// --------------------------------------------------------------------------------------------- schema

export interface FieldDef {
  name: string;
  /** Named type without list / non-null markers. */
  type: string;
  list: boolean;
  nonNull: boolean;
  derivedFrom: string | null;
}

export interface EntityDef {
  name: string;
  immutable: boolean;
  fields: Map<string, FieldDef>;
}

export interface Schema {
  entities: Map<string, EntityDef>;
  enums: Map<string, Set<string>>;
}

const SCALAR_KINDS: Record<string, StoreValue["kind"]> = {
  ID: "String",
  String: "String",
  Int: "Int",
  BigInt: "BigInt",
  BigDecimal: "BigDecimal",
  Bytes: "Bytes",
  Boolean: "Boolean",
  Int8: "Int8",
  Timestamp: "Timestamp",
};

/** Parses the subset of GraphQL SDL that subgraph schemas use (entity types, enums, directives). */
export function parseSchema(sdl: string): Schema {
  const text = sdl
    .replace(/"""[\s\S]*?"""/g, "")
    .split("\n")
    .filter((line) => !/^\s*"[^"\n]*"\s*$/.test(line))
    .map((line) => line.replace(/#.*$/, ""))
    .join("\n");
  const schema: Schema = { entities: new Map(), enums: new Map() };
  for (const m of text.matchAll(/\benum\s+(\w+)\s*\{([^}]*)\}/g)) {
    schema.enums.set(m[1], new Set(m[2].split(/[\s,]+/).filter(Boolean)));
  }
  for (const m of text.matchAll(/\btype\s+(\w+)\s*([^{]*)\{([^}]*)\}/g)) {
    const directives = m[2];
    if (!/@entity\b/.test(directives)) continue;
    const immutable = /@entity\s*\([^)]*immutable\s*:\s*true/.test(directives);
    const fields = new Map<string, FieldDef>();
    const fieldRe = /(\w+)\s*:\s*(\[?)\s*(\w+)\s*(!?)\s*(\]?)\s*(!?)((?:\s*@\w+(?:\s*\([^)]*\))?)*)/g;
    for (const f of m[3].matchAll(fieldRe)) {
      const list = f[2] === "[";
      const derived = /@derivedFrom\s*\(\s*field\s*:\s*"(\w+)"\s*\)/.exec(f[7]);
      fields.set(f[1], {
        name: f[1],
        type: f[3],
        list,
        nonNull: list ? f[6] === "!" : f[4] === "!",
        derivedFrom: derived ? derived[1] : null,
      });
    }
    schema.entities.set(m[1], { name: m[1], immutable, fields });
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------- store

export class StoreError extends Error {}

export class EntityStore {
  readonly schema: Schema;
  private readonly data = new Map<string, Map<string, EntityData>>();
  /** Keys written in the current block (for `store.get_in_block`). */
  private blockKeys = new Set<string>();
  private block: bigint | null = null;
  /** Undo records of the current trigger (see `begin`), or null when not recording. */
  private journal: { type: string; id: string; previous: EntityData | undefined; inBlock: boolean }[] | null = null;

  constructor(schema: Schema) {
    this.schema = schema;
  }

  /** Called by the runtime before each trigger. */
  startBlock(number: bigint): void {
    if (this.block !== number) {
      this.block = number;
      this.blockKeys = new Set();
    }
  }

  /**
   * Starts recording the changes of a trigger so that `rollback` can undo them (the runtime replays a trigger
   * after fetching an `ethereum.call` result it did not have yet; graph-node likewise discards a failed
   * trigger's changes).
   */
  begin(): void {
    this.journal = [];
  }

  /** Keeps the changes recorded since `begin`. */
  commit(): void {
    this.journal = null;
  }

  /** Undoes the changes recorded since `begin`. */
  rollback(): void {
    const journal = this.journal ?? [];
    for (let i = journal.length - 1; i >= 0; i--) {
      const { type, id, previous, inBlock } = journal[i];
      if (previous) this.table(type).set(id, previous);
      else this.data.get(type)?.delete(id);
      const key = `${type}\u0000${id}`;
      if (inBlock) this.blockKeys.add(key);
      else this.blockKeys.delete(key);
    }
    this.journal = null;
  }

  private record(type: string, id: string): void {
    this.journal?.push({
      type,
      id,
      previous: this.data.get(type)?.get(id),
      inBlock: this.blockKeys.has(`${type}\u0000${id}`),
    });
  }

  private table(type: string): Map<string, EntityData> {
    let t = this.data.get(type);
    if (!t) {
      t = new Map();
      this.data.set(type, t);
    }
    return t;
  }

  private def(type: string): EntityDef {
    const def = this.schema.entities.get(type);
    if (!def) throw new StoreError(`Entity type ${type} is not defined in the schema`);
    return def;
  }

  get(type: string, id: string): EntityData | null {
    this.def(type);
    return this.data.get(type)?.get(id) ?? null;
  }

  getInBlock(type: string, id: string): EntityData | null {
    return this.blockKeys.has(`${type}\u0000${id}`) ? this.get(type, id) : null;
  }

  set(type: string, id: string, fields: EntityData): void {
    const def = this.def(type);
    const table = this.table(type);
    const existing = table.get(id);
    if (existing && def.immutable) throw new StoreError(`Immutable entity ${type}[${id}] can't be updated`);
    const merged: EntityData = new Map(existing ?? []);
    for (const [k, v] of fields) {
      if (v.kind === "Null") merged.delete(k);
      else merged.set(k, v);
    }
    this.validate(def, id, merged);
    this.record(type, id);
    table.set(id, merged);
    this.blockKeys.add(`${type}\u0000${id}`);
  }

  remove(type: string, id: string): void {
    const def = this.def(type);
    if (def.immutable) throw new StoreError(`Immutable entity ${type}[${id}] can't be removed`);
    this.record(type, id);
    this.data.get(type)?.delete(id);
    this.blockKeys.delete(`${type}\u0000${id}`);
  }

  /** Every entity of a type, as stored, in insertion order (the read API of queries; do not modify them). */
  scan(type: string): Iterable<EntityData> {
    this.def(type);
    return this.data.get(type)?.values() ?? [];
  }

  /** Entities of the derived field `field` of `type[id]` (graph-ts `store.loadRelated`). */
  loadRelated(type: string, id: string, field: string): EntityData[] {
    const f = this.def(type).fields.get(field);
    if (!f?.derivedFrom) throw new StoreError(`${type}.${field} is not a derived field`);
    const targetField = f.derivedFrom;
    return [...(this.data.get(f.type)?.values() ?? [])].filter((e) => {
      const v = e.get(targetField);
      const matches = (x: StoreValue | undefined): boolean =>
        x !== undefined && ((x.kind === "String" && x.value === id) || (x.kind === "Bytes" && toHex(x.value) === id));
      return v !== undefined && (v.kind === "Array" ? v.value.some(matches) : matches(v));
    });
  }

  private expectedKind(type: string): StoreValue["kind"] {
    const scalar = SCALAR_KINDS[type];
    if (scalar) return scalar;
    if (this.schema.enums.has(type)) return "String";
    const target = this.schema.entities.get(type);
    if (target) return target.fields.get("id")?.type === "Bytes" ? "Bytes" : "String";
    throw new StoreError(`Unknown type ${type} in the schema`);
  }

  private checkValue(where: string, field: FieldDef, v: StoreValue): void {
    const kind = this.expectedKind(field.type);
    if (v.kind !== kind) throw new StoreError(`${where}: expected ${field.type} (${kind}), got ${v.kind}`);
    const allowed = this.schema.enums.get(field.type);
    if (allowed && v.kind === "String" && !allowed.has(v.value)) {
      throw new StoreError(`${where}: "${v.value}" is not a value of enum ${field.type}`);
    }
  }

  private validate(def: EntityDef, id: string, data: EntityData): void {
    const where = `Entity ${def.name}[${id}]`;
    const idValue = data.get("id");
    const idString =
      idValue?.kind === "Bytes" ? toHex(idValue.value) : idValue?.kind === "String" ? idValue.value : undefined;
    if (idString !== id) throw new StoreError(`${where}: the id attribute (${String(idString)}) must match the key`);
    for (const [name, v] of data) {
      const field = def.fields.get(name);
      if (!field) throw new StoreError(`${where}: unknown field \`${name}\`; it is not defined in the schema`);
      if (field.derivedFrom) throw new StoreError(`${where}: derived field \`${name}\` cannot be set`);
      if (field.list) {
        if (v.kind !== "Array") throw new StoreError(`${where}.${name}: expected a list, got ${v.kind}`);
        v.value.forEach((item, i) => this.checkValue(`${where}.${name}[${i}]`, field, item));
      } else {
        this.checkValue(`${where}.${name}`, field, v);
      }
    }
    for (const field of def.fields.values()) {
      if (field.nonNull && !field.derivedFrom && !data.has(field.name)) {
        throw new StoreError(`${where}: missing value for non-nullable field \`${field.name}\``);
      }
    }
  }

  // ------------------------------------------------------------------------------------- test queries

  /** Ids of the entities of a type (in insertion order). */
  ids(type: string): string[] {
    return [...(this.data.get(type)?.keys() ?? [])];
  }

  count(type: string): number {
    return this.data.get(type)?.size ?? 0;
  }

  /** Plain view of an entity, or null. */
  entity(type: string, id: string): PlainEntity | null {
    const e = this.data.get(type)?.get(id.startsWith("0x") ? id.toLowerCase() : id);
    return e ? plainEntity(e) : null;
  }

  /** Plain views of all entities of a type. */
  all(type: string): PlainEntity[] {
    return [...(this.data.get(type)?.values() ?? [])].map(plainEntity);
  }

  types(): string[] {
    return [...this.data.keys()].filter((t) => this.count(t) > 0);
  }
}
