// Tests of the runtime's own semantics, without a built subgraph: graph-node's BigInt / BigDecimal encodings and
// arithmetic, and the schema checks, merges, rollbacks and derived fields of the entity store.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bigIntFromSignedLE,
  bigIntToSignedLE,
  decimalDividedBy,
  decimalFromString,
  decimalPlus,
  decimalTimes,
  decimalToString,
  encodeEthValue,
  EntityStore,
  ethValue,
  parseSchema,
  StoreError,
  type StoreValue,
} from "../src/index.ts";
import { AbiCoder, ParamType } from "ethers";
import { parseJson } from "../src/host.ts";

describe("graph-test-runtime · numbers", () => {
  it("encodes BigInt as graph-node does: minimal signed little-endian bytes", () => {
    assert.deepEqual([...bigIntToSignedLE(0n)], [0]);
    assert.deepEqual([...bigIntToSignedLE(255n)], [0xff, 0x00]);
    assert.deepEqual([...bigIntToSignedLE(-1n)], [0xff]);
    assert.deepEqual([...bigIntToSignedLE(-129n)], [0x7f, 0xff]);
    for (const v of [0n, 1n, 127n, 128n, -128n, 2n ** 255n - 1n, -(2n ** 255n), 10n ** 30n, -12345678901234567890n]) {
      assert.equal(bigIntFromSignedLE(bigIntToSignedLE(v)), v, `round trip ${v}`);
    }
    assert.equal(bigIntFromSignedLE(new Uint8Array()), 0n);
  });

  it("BigDecimal: parse, print, arithmetic, 34 significant digits", () => {
    assert.equal(decimalToString(decimalFromString("15")), "15");
    assert.equal(decimalToString(decimalDividedBy(decimalFromString("15"), decimalFromString("2"))), "7.5");
    assert.equal(decimalToString(decimalFromString("-0.000120")), "-0.00012");
    assert.equal(decimalToString(decimalFromString("1.5e3")), "1500");
    assert.equal(decimalToString(decimalPlus(decimalFromString("0.1"), decimalFromString("0.2"))), "0.3");
    assert.equal(decimalToString(decimalTimes(decimalFromString("1.5"), decimalFromString("-4"))), "-6");
    assert.equal(
      decimalToString(decimalDividedBy(decimalFromString("1"), decimalFromString("3"))),
      "0." + "3".repeat(34),
    );
    assert.equal(
      decimalToString(decimalDividedBy(decimalFromString("2"), decimalFromString("3"))),
      "0." + "6".repeat(33) + "7",
    );
    assert.throws(() => decimalDividedBy(decimalFromString("1"), decimalFromString("0")));
  });
});

describe("graph-test-runtime · json host functions", () => {
  it("parses UTF-8 JSON as serde_json: numbers keep their text, the last of a repeated key wins, errors throw", () => {
    const utf8 = (s: string) => new TextEncoder().encode(s);
    const v = parseJson(
      utf8('{"name":"Σ ü","n":12345678901234567890123,"tags":["a",1,null,true],"name2":1,"name2":2}'),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(v)), {
      name: "Σ ü",
      n: { text: "12345678901234567890123" },
      tags: ["a", { text: "1" }, null, true],
      name2: { text: "2" },
    });
    assert.throws(() => parseJson(utf8('{"name":')));
    assert.throws(() => parseJson(new Uint8Array([0x22, 0xff, 0x22])), "invalid UTF-8");
  });
});

describe("graph-test-runtime · ethereum.encode", () => {
  it("encodes a value as Solidity's abi.encode of it: a static struct, a dynamic one, arrays", () => {
    const coder = AbiCoder.defaultAbiCoder();
    const cases: [string, unknown][] = [
      [
        "tuple(address owner,uint8 side,uint32 category,bytes8 unit,int32 lat,bytes32 spec,uint96 quantity,bool on)",
        [
          "0x00000000000000000000000000000000000000aa",
          1,
          7,
          "0x70637300000000ff",
          -44_493_700,
          "0x" + "ab".repeat(32),
          2n ** 96n - 1n,
          true,
        ],
      ],
      ["tuple(string name,bytes data,uint64[] ids,int8[2] pair)", ["Σ ü", "0x0102", [3n, 2n ** 64n - 1n], [-1, 1]]],
      ["uint16[]", []],
      ["int256", -(2n ** 255n)],
    ];
    for (const [type, value] of cases) {
      // The value as the mapping would build it (its kinds only: integers of any width are words on the way out).
      const v = ethValue(ParamType.from(type), coder.decode([type], coder.encode([type], [value]))[0]);
      assert.equal(encodeEthValue(v), coder.encode([type], [value]), type);
    }
  });
});

describe("graph-test-runtime · store checks (as graph-node's store.set)", () => {
  const schema = parseSchema(`
    enum Color { Red Green }
    type Thing @entity(immutable: false) {
      "a description"
      id: ID!
      name: String!
      color: Color
      tags: [String!]!
      owner: Owner
      logs: [Log!]! @derivedFrom(field: "thing")
    }
    type Owner @entity { id: Bytes! }
    type Log @entity(immutable: true) { id: Bytes!, thing: Thing! }
  `);
  const str = (value: string): StoreValue => ({ kind: "String", value });
  const thing = (extra: [string, StoreValue][] = []) =>
    new Map<string, StoreValue>([
      ["id", str("t1")],
      ["name", str("x")],
      ["tags", { kind: "Array", value: [str("a")] }],
      ...extra,
    ]);

  it("accepts a valid entity and merges later sets; null removes a field", () => {
    const store = new EntityStore(schema);
    store.set("Thing", "t1", thing([["color", str("Red")]]));
    store.set(
      "Thing",
      "t1",
      new Map<string, StoreValue>([
        ["id", str("t1")],
        ["name", str("y")],
        ["color", { kind: "Null" }],
      ]),
    );
    assert.deepEqual(store.entity("Thing", "t1"), { id: "t1", name: "y", tags: ["a"] });
  });

  it("rejects missing non-nullable fields, unknown fields, wrong kinds, bad enum values, id mismatch", () => {
    const store = new EntityStore(schema);
    assert.throws(
      () => store.set("Thing", "t1", new Map([["id", str("t1")]])),
      /missing value for non-nullable field `name`/,
    );
    assert.throws(() => store.set("Thing", "t1", thing([["nope", str("?")]])), /unknown field `nope`/);
    assert.throws(() => store.set("Thing", "t1", thing([["name", { kind: "Int", value: 1 }]])), /expected String/);
    assert.throws(() => store.set("Thing", "t1", thing([["color", str("Blue")]])), /not a value of enum Color/);
    assert.throws(() => store.set("Thing", "t1", thing([["owner", str("0x01")]])), /expected Owner \(Bytes\)/);
    assert.throws(() => store.set("Thing", "t2", thing()), /must match the key/);
    assert.throws(() => store.set("Nope", "t1", thing()), /not defined in the schema/);
    assert.throws(() => store.set("Thing", "t1", thing([["logs", { kind: "Array", value: [] }]])), /derived field/);
  });

  it("rolls back a trigger's sets and removes (a replayed or failed trigger leaves no trace)", () => {
    const store = new EntityStore(schema);
    store.startBlock(1n);
    store.set("Thing", "t1", thing());
    store.begin();
    store.set("Thing", "t1", thing([["name", str("changed")]]));
    store.set("Thing", "t2", thing([["id", str("t2")]]));
    store.remove("Thing", "t1");
    store.rollback();
    assert.deepEqual(store.entity("Thing", "t1"), { id: "t1", name: "x", tags: ["a"] });
    assert.equal(store.entity("Thing", "t2"), null);
    assert.ok(store.getInBlock("Thing", "t1"), "still written in this block");
    store.begin();
    store.set("Thing", "t2", thing([["id", str("t2")]]));
    store.commit();
    assert.ok(store.entity("Thing", "t2"));
  });

  it("refuses to update an immutable entity; resolves derived fields (loadRelated)", () => {
    const store = new EntityStore(schema);
    store.set("Thing", "t1", thing());
    const log = new Map<string, StoreValue>([
      ["id", { kind: "Bytes", value: Uint8Array.of(1) }],
      ["thing", str("t1")],
    ]);
    store.set("Log", "0x01", log);
    assert.throws(() => store.set("Log", "0x01", log), StoreError);
    assert.equal(store.loadRelated("Thing", "t1", "logs").length, 1);
    assert.equal(store.loadRelated("Thing", "t2", "logs").length, 0);
  });
});
