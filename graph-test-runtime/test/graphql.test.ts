// Tests of the GraphQL executor over the entity store: graph-node's query schema (names, filter inputs, orderBy
// values), every filter kind, ordering (String and Bytes ids, numbers, nulls, child fields), pagination limits and
// cursors, derived and reference fields, child filters, scalar serialisation and _meta.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GraphQLInputObjectType } from "graphql";
import {
  collectionFieldName,
  decimalFromString,
  EntityStore,
  parseSchema,
  SubgraphGraphQL,
  type StoreValue,
} from "../src/index.ts";

const SDL = `
  enum Color { Red Green Blue }
  type Account @entity {
    id: Bytes!
    name: String
    balance: BigInt!
    share: BigDecimal!
    count: Int!
    active: Boolean!
    color: Color
    tags: [String!]!
    data: Bytes
    big: Int8
    friend: Account
    team: Team
    teams: [Team!]!
    transfers: [Transfer!]! @derivedFrom(field: "from")
  }
  type Team @entity {
    id: ID!
    name: String!
    rank: Int!
    members: [Account!]! @derivedFrom(field: "team")
  }
  type Transfer @entity(immutable: true) {
    id: ID!
    from: Account!
    amount: BigInt!
  }
  type Item @entity {
    id: ID!
    n: Int!
  }
`;

const str = (value: string): StoreValue => ({ kind: "String", value });
const bytes = (hex: string): StoreValue => ({
  kind: "Bytes",
  value: Uint8Array.from(Buffer.from(hex.slice(2), "hex")),
});
const big = (value: bigint): StoreValue => ({ kind: "BigInt", value });
const int = (value: number): StoreValue => ({ kind: "Int", value });
const list = (value: StoreValue[]): StoreValue => ({ kind: "Array", value });

const A1 = "0x01";
const A2 = "0x0a";
const A3 = "0x0102";
const A4 = "0xff";

function fixture() {
  const store = new EntityStore(parseSchema(SDL));
  const team = (id: string, name: string, rank: number) =>
    store.set(
      "Team",
      id,
      new Map([
        ["id", str(id)],
        ["name", str(name)],
        ["rank", int(rank)],
      ]),
    );
  team("9", "Nine", 2);
  team("10", "Ten", 1);
  team("100", "Hundred", 3);
  const account = (id: string, fields: [string, StoreValue][]) =>
    store.set(
      "Account",
      id,
      new Map<string, StoreValue>([
        ["id", bytes(id)],
        ["tags", list([])],
        ["teams", list([])],
        ["active", { kind: "Boolean", value: false }],
        ...fields,
      ]),
    );
  account(A1, [
    ["name", str("Ada Lovelace")],
    ["balance", big(10n)],
    ["share", { kind: "BigDecimal", value: decimalFromString("0.5") }],
    ["count", int(3)],
    ["active", { kind: "Boolean", value: true }],
    ["color", str("Red")],
    ["tags", list([str("a"), str("b")])],
    ["data", bytes("0x00ab12")],
    ["big", { kind: "Int8", value: 9007199254740993n }],
    ["friend", bytes(A2)],
    ["team", str("10")],
    ["teams", list([str("9"), str("100")])],
  ]);
  account(A2, [
    ["name", str("bea")],
    ["balance", big(9n)],
    ["share", { kind: "BigDecimal", value: decimalFromString("12.25") }],
    ["count", int(3)],
    ["color", str("Blue")],
    ["tags", list([str("B")])],
    ["data", bytes("0x0abc")],
    ["team", str("9")],
  ]);
  account(A3, [
    ["balance", big(100n)],
    ["share", { kind: "BigDecimal", value: decimalFromString("-1") }],
    ["count", int(-7)],
    ["active", { kind: "Boolean", value: true }],
    ["color", str("Green")],
    ["tags", list([str("a")])],
    ["team", str("10")],
  ]);
  account(A4, [
    ["name", str("Émile")],
    ["balance", big(10n ** 30n)],
    ["share", { kind: "BigDecimal", value: decimalFromString("0.5") }],
    ["count", int(0)],
  ]);
  const transfer = (id: string, from: string, amount: bigint) =>
    store.set(
      "Transfer",
      id,
      new Map([
        ["id", str(id)],
        ["from", bytes(from)],
        ["amount", big(amount)],
      ]),
    );
  transfer("t1", A1, 5n);
  transfer("t2", A1, 50n);
  transfer("t3", A2, 7n);
  transfer("t4", A1, 500n);
  return store;
}

async function run(gql: SubgraphGraphQL, query: string, variables?: Record<string, unknown>) {
  const result = await gql.execute(query, variables);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("; "));
  return JSON.parse(JSON.stringify(result.data)) as Record<string, unknown>;
}

async function ids(gql: SubgraphGraphQL, field: string, args: string): Promise<string[]> {
  const data = await run(gql, `{ ${field}${args ? `(${args})` : ""} { id } }`);
  return (data[field] as { id: string }[]).map((x) => x.id);
}

async function errorOf(gql: SubgraphGraphQL, query: string): Promise<string> {
  const result = await gql.execute(query);
  assert.ok(result.errors && result.errors.length > 0, `expected an error from ${query}`);
  return result.errors.map((e) => e.message).join("; ");
}

describe("graph-test-runtime · GraphQL schema (graph-node's query API)", () => {
  const gql = new SubgraphGraphQL(SDL, fixture());

  it("names root fields as graph-node does (camel case; Inflector's English plurals)", () => {
    const query = gql.schema.getQueryType()!.getFields();
    for (const name of ["account", "accounts", "team", "teams", "transfer", "transfers", "item", "items", "_meta"])
      assert.ok(query[name], name);
    const plurals: Record<string, string> = {
      ImpactRegistry: "impactRegistries",
      RoundUsageDay: "roundUsageDays",
      ProceedsWithdrawal: "proceedsWithdrawals",
      ClosedPeriodsChange: "closedPeriodsChanges",
      // Inflector adds "es" after "ch" with no exception: graph-node serves The Graph network subgraph's Epoch
      // entities as `epoches`.
      Epoch: "epoches",
      ClearingEpoch: "clearingEpoches",
      Box: "boxes",
      Match: "matches",
      Analysis: "analyses",
      Status: "statuses",
      Person: "persons",
      Salesperson: "salespeople",
      Leaf: "leaves",
      Hero: "heros",
      Superhero: "superheroes",
      Veto: "vetos",
      Index: "indexes",
      Submatrix: "submatrices",
      NFTToken: "nftTokens",
    };
    for (const [type, plural] of Object.entries(plurals)) assert.equal(collectionFieldName(type), plural, type);
    const args = query.accounts.args.map(
      (a) => `${a.name}: ${String(a.type)}${a.defaultValue !== undefined ? ` = ${String(a.defaultValue)}` : ""}`,
    );
    assert.deepEqual(args, [
      "skip: Int = 0",
      "first: Int = 100",
      "orderBy: Account_orderBy",
      "orderDirection: OrderDirection",
      "where: Account_filter",
      "block: Block_height",
      "subgraphError: _SubgraphErrorPolicy_! = deny",
    ]);
    assert.deepEqual(
      query.account.args.map((a) => a.name),
      ["id", "block", "subgraphError"],
    );
  });

  it("derives <Entity>_filter with the suffixes graph-node gives each field type", () => {
    const filter = Object.keys((gql.schema.getType("Account_filter") as GraphQLInputObjectType).getFields());
    const has = (...keys: string[]) => keys.forEach((k) => assert.ok(filter.includes(k), k));
    const lacks = (...keys: string[]) => keys.forEach((k) => assert.ok(!filter.includes(k), k));
    has("id", "id_gt", "id_in", "id_contains", "id_not_contains");
    lacks("id_starts_with", "id_contains_nocase");
    has("name_contains_nocase", "name_not_starts_with_nocase", "name_ends_with", "name_gte");
    has("balance", "balance_not", "balance_gt", "balance_lte", "balance_in", "balance_not_in");
    lacks("balance_contains");
    has("active", "active_not", "active_in", "active_not_in");
    lacks("active_gt");
    has("color", "color_not", "color_in", "color_not_in");
    lacks("color_gt");
    has("tags", "tags_not", "tags_contains", "tags_contains_nocase", "tags_not_contains", "tags_not_contains_nocase");
    has("friend", "friend_starts_with", "friend_in", "friend_");
    has("teams", "teams_contains", "teams_");
    has("transfers_", "and", "or", "_change_block");
    lacks("transfers", "transfers_contains");
    const orderBy = (gql.schema.getType("Account_orderBy") as unknown as { getValues(): { name: string }[] })
      .getValues()
      .map((v) => v.name);
    assert.ok(orderBy.includes("team__name") && orderBy.includes("team__rank") && orderBy.includes("friend__balance"));
    assert.ok(
      !orderBy.includes("team__members") && !orderBy.includes("friend__team") && !orderBy.includes("teams__name"),
    );
    const transfersField = gql.schema.getType("Account") as unknown as {
      getFields(): Record<string, { args: { name: string }[] }>;
    };
    assert.deepEqual(
      transfersField.getFields().transfers.args.map((a) => a.name),
      ["skip", "first", "orderBy", "orderDirection", "where"],
    );
  });
});

describe("graph-test-runtime · GraphQL queries on the store", () => {
  const store = fixture();
  const gql = new SubgraphGraphQL(SDL, store);

  it("serialises scalars as graph-node does", async () => {
    const data = await run(gql, `{ account(id: "0x01") { id name balance share count active color tags data big } }`);
    assert.deepEqual(data.account, {
      id: A1,
      name: "Ada Lovelace",
      balance: "10",
      share: "0.5",
      count: 3,
      active: true,
      color: "Red",
      tags: ["a", "b"],
      data: "0x00ab12",
      big: "9007199254740993",
    });
    const upper = await run(gql, `{ account(id: "0x0A") { id } nope: account(id: "0x99") { id } }`);
    assert.deepEqual(upper, { account: { id: A2 }, nope: null });
  });

  it('orders by id by default: String ids lexicographically ("10" < "9"), Bytes ids in byte order', async () => {
    assert.deepEqual(await ids(gql, "teams", ""), ["10", "100", "9"]);
    assert.deepEqual(await ids(gql, "teams", "orderDirection: desc"), ["9", "100", "10"]);
    assert.deepEqual(await ids(gql, "accounts", ""), [A1, A3, A2, A4]);
    assert.deepEqual(await ids(gql, "teams", `where: { id_gt: "10" }`), ["100", "9"]);
    assert.deepEqual(await ids(gql, "accounts", `where: { id_gt: "0x01" }`), [A3, A2, A4]);
  });

  it("orders by a field numerically or by enum declaration, ties by id, nulls last ascending", async () => {
    assert.deepEqual(await ids(gql, "accounts", "orderBy: balance"), [A2, A1, A3, A4]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: balance, orderDirection: desc"), [A4, A3, A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: share"), [A3, A1, A4, A2]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: share, orderDirection: desc"), [A2, A4, A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: count"), [A3, A4, A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: color"), [A1, A3, A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: name"), [A1, A2, A4, A3]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: name, orderDirection: desc"), [A3, A4, A2, A1]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: active"), [A2, A4, A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: team__rank"), [A1, A3, A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", "orderBy: team__name, orderDirection: desc"), [A4, A3, A1, A2]);
    assert.match(await errorOf(gql, "{ accounts(orderBy: tags) { id } }"), /not supported/);
  });

  it("filters scalars: equality, not, comparisons, in / not_in, null", async () => {
    assert.deepEqual(await ids(gql, "accounts", `where: { balance: "10" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_not: 10 }`), [A3, A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_gt: "9" }`), [A1, A3, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_gte: "100", balance_lt: "1000" }`), [A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_lte: 10 }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_in: ["9", "100"] }`), [A3, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { balance_not_in: ["9", "100"] }`), [A1, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { share: "0.50" }`), [A1, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { share_lt: "0" }`), [A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { count_gt: 0 }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { big_gt: "9007199254740992" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { active: true }`), [A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { active_not: true }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { active_in: [false] }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { color: Red }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { color_not: Red }`), [A3, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { color_in: [Red, Blue] }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { color_not_in: [Red] }`), [A3, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name: null }`), [A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_not: null }`), [A1, A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { id_in: ["0x0A", "0xff"] }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "teams", `where: { id_lte: "100" }`), ["10", "100"]);
    assert.match(await errorOf(gql, `{ accounts(where: { balance: "ten" }) { id } }`), /Invalid value for BigInt/);
    assert.match(await errorOf(gql, `{ accounts(where: { data: "0xabc" }) { id } }`), /Invalid value for Bytes/);
  });

  it("filters text: contains, starts / ends with, their negations and _nocase; Bytes by byte subsequence", async () => {
    assert.deepEqual(await ids(gql, "accounts", `where: { name_contains: "Love" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_contains: "love" }`), []);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_contains_nocase: "LOVE" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_not_contains: "e" }`), []);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_not_contains_nocase: "É" }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_starts_with: "Ada" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_starts_with_nocase: "BE" }`), [A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_not_starts_with: "Ada" }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_ends_with: "mile" }`), [A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_ends_with_nocase: "LACE" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_not_ends_with_nocase: "LACE" }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { name_gt: "Z" }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { data_contains: "0xab12" }`), [A1]);
    // "0xab" is in 0x0abc as hex text but not as a byte: no match.
    assert.deepEqual(await ids(gql, "accounts", `where: { data_contains: "0xab" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { data_not_contains: "0x0a" }`), [A1]);
  });

  it("filters lists: equality, contains (all of), not_contains, _nocase", async () => {
    assert.deepEqual(await ids(gql, "accounts", `where: { tags: ["a", "b"] }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_not: ["a", "b"] }`), [A3, A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_contains: ["a"] }`), [A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_contains: ["a", "b"] }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_contains_nocase: ["b"] }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_not_contains: ["a"] }`), [A2, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { tags_not_contains_nocase: ["B"] }`), [A3, A4]);
    assert.deepEqual(await ids(gql, "accounts", `where: { teams_contains: ["100"] }`), [A1]);
  });

  it("filters references by id and by child filters (field_), single, list and derived; and / or", async () => {
    assert.deepEqual(await ids(gql, "accounts", `where: { team: "10" }`), [A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { team_not: "10" }`), [A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { team_in: ["9", "100"] }`), [A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { friend: "0x0A" }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { team_: { name: "Nine" } }`), [A2]);
    assert.deepEqual(await ids(gql, "accounts", `where: { team_: { rank_lt: 2 } }`), [A1, A3]);
    assert.deepEqual(await ids(gql, "accounts", `where: { teams_: { name_starts_with: "Hun" } }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { transfers_: { amount_gt: "100" } }`), [A1]);
    assert.deepEqual(await ids(gql, "accounts", `where: { transfers_: { amount_lt: "10" } }`), [A1, A2]);
    assert.deepEqual(await ids(gql, "teams", `where: { members_: { balance_gte: "100" } }`), ["10"]);
    assert.deepEqual(await ids(gql, "transfers", `where: { from_: { name_starts_with: "b" } }`), ["t3"]);
    assert.deepEqual(await ids(gql, "accounts", `where: { or: [{ balance: "9" }, { count: 0 }] }`), [A2, A4]);
    assert.deepEqual(
      await ids(gql, "accounts", `where: { and: [{ active: true }, { or: [{ color: Red }, { count_lt: 0 }] }] }`),
      [A1, A3],
    );
    assert.match(
      await errorOf(gql, `{ accounts(where: { team_: { members_: { count: 1 } } }) { id } }`),
      /Child filter nesting not supported by value `members_`/,
    );
    assert.match(
      await errorOf(gql, `{ accounts(where: { active: true, or: [{ count: 0 }] }) { id } }`),
      /Cannot mix column filters with 'or'/,
    );
    assert.match(
      await errorOf(gql, `{ accounts(where: { _change_block: { number_gte: 1 } }) { id } }`),
      /_change_block/,
    );
  });

  it("resolves references, lists of references and derived fields, with collection arguments", async () => {
    const data = await run(
      gql,
      `{
        account(id: "0x01") {
          friend { id name }
          team { id name }
          teams { id }
          transfers(orderBy: amount, orderDirection: desc) { id amount from { id } }
          firstTransfer: transfers(first: 1, skip: 1, where: { amount_lt: "500" }) { id }
        }
        team(id: "10") { members(orderBy: balance) { id balance } }
      }`,
    );
    assert.deepEqual(data.account, {
      friend: { id: A2, name: "bea" },
      team: { id: "10", name: "Ten" },
      teams: [{ id: "100" }, { id: "9" }],
      transfers: [
        { id: "t4", amount: "500", from: { id: A1 } },
        { id: "t2", amount: "50", from: { id: A1 } },
        { id: "t1", amount: "5", from: { id: A1 } },
      ],
      firstTransfer: [{ id: "t2" }],
    });
    assert.deepEqual(data.team, {
      members: [
        { id: A1, balance: "10" },
        { id: A3, balance: "100" },
      ],
    });
  });

  it("answers _meta with the indexer's block; refuses blocks it does not have", async () => {
    const meta = new SubgraphGraphQL(SDL, store, {
      meta: () => ({
        block: { number: 42, hash: "0xaa", timestamp: 1_700_000_000, parentHash: "0xbb" },
        deployment: "local/test",
        hasIndexingErrors: false,
      }),
    });
    const data = await run(
      meta,
      `{ _meta { block { number hash timestamp parentHash } deployment hasIndexingErrors } }`,
    );
    assert.deepEqual(data._meta, {
      block: { number: 42, hash: "0xaa", timestamp: 1_700_000_000, parentHash: "0xbb" },
      deployment: "local/test",
      hasIndexingErrors: false,
    });
    assert.deepEqual(await ids(meta, "teams", "block: { number_gte: 42 }"), ["10", "100", "9"]);
    assert.match(
      await errorOf(meta, "{ teams(block: { number_gte: 43 }) { id } }"),
      /only indexed up to block number 42/,
    );
    assert.match(await errorOf(meta, "{ teams(block: { number: 41 }) { id } }"), /latest state/);
  });
});

describe("graph-test-runtime · GraphQL pagination", () => {
  const store = new EntityStore(parseSchema(SDL));
  const N = 2_345;
  for (let i = 0; i < N; i++)
    store.set(
      "Item",
      String(i),
      new Map([
        ["id", str(String(i))],
        ["n", int(i % 7)],
      ]),
    );
  const gql = new SubgraphGraphQL(SDL, store, { maxSkip: 5000 });

  it("pages through more than 1,000 entities with an id_gt cursor", async () => {
    const seen: string[] = [];
    let cursor = "";
    const pages: number[] = [];
    for (;;) {
      const data = await run(gql, `query($c: ID!) { items(first: 1000, where: { id_gt: $c }) { id } }`, { c: cursor });
      const page = (data.items as { id: string }[]).map((x) => x.id);
      pages.push(page.length);
      seen.push(...page);
      if (page.length < 1000) break;
      cursor = page[page.length - 1];
    }
    assert.deepEqual(pages, [1000, 1000, 345]);
    assert.equal(new Set(seen).size, N);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(seen[1], "1", "String ids: 0, 1, 10, 100, 1000, 1001, …");
    assert.equal(seen[2], "10");
  });

  it("defaults first to 100, refuses first > 1000 and skip above the limit, as graph-node", async () => {
    assert.equal(((await run(gql, "{ items { id } }")).items as unknown[]).length, 100);
    assert.equal(((await run(gql, "{ items(first: 1000, skip: 2000) { id } }")).items as unknown[]).length, 345);
    assert.match(
      await errorOf(gql, "{ items(first: 1001) { id } }"),
      /The `first` argument must be between 0 and 1000, but is 1001/,
    );
    assert.match(
      await errorOf(gql, "{ items(skip: 5001) { id } }"),
      /The `skip` argument must be between 0 and 5000, but is 5001/,
    );
    // Ties on n broken by id (as strings): 1000, 1007, 1014, 1021, 1028, …
    const skipped = await run(gql, `{ items(first: 3, skip: 2, orderBy: n, where: { n: 6 }) { id n } }`);
    assert.deepEqual(skipped.items, [
      { id: "1014", n: 6 },
      { id: "1021", n: 6 },
      { id: "1028", n: 6 },
    ]);
  });
});
