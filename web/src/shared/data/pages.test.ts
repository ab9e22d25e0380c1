// Lists read a page at a time: a chain reader's page cut from its folded list (cursor, order, last page) and one
// subgraph page (one row more than the page asked for, to know whether another follows).
import { afterEach, describe, expect, it, vi } from "vitest";
import { ABOVE_EVERY_ID, graphqlPage, idBefore, newestPage, pageOf } from "./pages";
import { stubGraphql } from "./testing";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("pageOf / newestPage (a chain reader's pages)", () => {
  const ids = [9n, 7n, 5n, 4n, 2n]; // newest first
  const page = (after?: string) => newestPage(ids, 2, after, (x) => x);

  it("walks a newest-first list page by page, each cursor the last id shown, none after the last page", () => {
    expect(page()).toEqual({ items: [9n, 7n], next: "7" });
    expect(page("7")).toEqual({ items: [5n, 4n], next: "4" });
    expect(page("4")).toEqual({ items: [2n], next: undefined });
  });

  it("a page that ends the list exactly gives no cursor; a cursor whose item left the list still finds its place", () => {
    expect(newestPage(ids, 5, undefined, (x) => x)).toEqual({ items: ids, next: undefined });
    expect(page("8")).toEqual({ items: [7n, 5n], next: "5" });
    expect(page("2")).toEqual({ items: [] });
    expect(newestPage([], 2, undefined, (x: bigint) => x)).toEqual({ items: [] });
  });

  it("pages an ascending list by its own cursor", () => {
    const accounts = ["0xa", "0xb", "0xc"];
    const asc = (after?: string) =>
      pageOf(
        accounts,
        2,
        after,
        (a) => a,
        (a, cursor) => a > cursor,
      );
    expect(asc()).toEqual({ items: ["0xa", "0xb"], next: "0xb" });
    expect(asc("0xb")).toEqual({ items: ["0xc"], next: undefined });
  });
});

describe("graphqlPage (a subgraph reader's page)", () => {
  const rows = [9, 7, 5].map((n) => ({ id: String(n) }));
  const answer = (variables: Record<string, unknown>) => ({
    things: rows.filter((r) => BigInt(r.id) < BigInt(variables.before as string)).slice(0, variables.first as number),
  });
  const read = (after?: string) =>
    graphqlPage<{ id: string }, { things: { id: string }[] }>(
      "http://graph.test",
      "query Things($first: Int!, $before: BigInt!) { things(first: $first) { id } }",
      (d) => d.things,
      { before: idBefore(after) },
      2,
      (r) => r.id,
    );

  it("asks one row more than the page, gives the page and a cursor while rows remain, none on the last page", async () => {
    const calls = stubGraphql((_op, variables) => answer(variables));
    expect(await read()).toEqual({ items: [{ id: "9" }, { id: "7" }], next: "7" });
    expect(calls[0].variables).toEqual({ before: ABOVE_EVERY_ID, first: 3 });
    expect(await read("7")).toEqual({ items: [{ id: "5" }], next: undefined });
    expect(calls[1].variables).toEqual({ before: "7", first: 3 });
  });

  it("a page that ends the collection exactly gives no cursor (no empty page to ask for)", async () => {
    stubGraphql((_op, variables) => ({ things: answer(variables).things.slice(0, 2) }));
    expect(await read()).toEqual({ items: [{ id: "9" }, { id: "7" }], next: undefined });
  });
});
