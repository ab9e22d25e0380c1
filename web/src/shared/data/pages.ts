// Lists read a page at a time (a public chain's list may hold 100,000 items): the page type every reader returns,
// and the two ways to cut one — from a chain reader's folded list in memory, and one subgraph request.
import { graphqlQuery } from "./graphql.ts";

/** One page of a list in the order the screen shows it; `next` asks for the following page (none after the last). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** A page's items mapped to a screen's views, its cursor kept. */
export const mapPage = <T, U>(page: Page<T>, view: (x: T) => U): Page<U> => ({
  items: page.items.map(view),
  next: page.next,
});

/**
 * The page after the cursor `after` of `sorted` (a whole list in the screen's order): up to `size` items that
 * `isAfter(item, after)` says come after it (all, on the first page), and the last one's cursor when more follow.
 */
export function pageOf<T>(
  sorted: readonly T[],
  size: number,
  after: string | undefined,
  cursorOf: (x: T) => string,
  isAfter: (x: T, after: string) => boolean,
): Page<T> {
  const from = after === undefined ? 0 : sorted.findIndex((x) => isAfter(x, after));
  if (from < 0) return { items: [] };
  const items = sorted.slice(from, from + size);
  return { items, next: from + size < sorted.length ? cursorOf(items[items.length - 1]) : undefined };
}

/** `pageOf` for a list newest first by a numeric id (a claim, a round, a certificate): the cursor is the last id. */
export function newestPage<T>(sorted: readonly T[], size: number, after: string | undefined, id: (x: T) => bigint) {
  return pageOf(
    sorted,
    size,
    after,
    (x) => id(x).toString(),
    (x, a) => id(x) < BigInt(a),
  );
}

/** Above every uint256 id: a newest-first subgraph query's cursor (`…_lt: $before`) for its first page. */
export const ABOVE_EVERY_ID = (2n ** 256n).toString();

/** A newest-first subgraph cursor: the `$before` of the page after `after` (an id; the first page for undefined). */
export const idBefore = (after: string | undefined) => after ?? ABOVE_EVERY_ID;

/**
 * One page from the subgraph: `query` takes `$first: Int!` and its own cursor variable (in `variables`, the first
 * page's when `after` is undefined) and orders the collection as the screen does. Asks one row more than `size`,
 * so that `next` (the last row's `cursorOf`) is given only when another page has rows.
 */
export async function graphqlPage<T, D>(
  url: string,
  query: string,
  rows: (data: D) => T[],
  variables: Record<string, unknown>,
  size: number,
  cursorOf: (x: T) => string,
): Promise<Page<T>> {
  const got = rows(await graphqlQuery<D>(url, query, { ...variables, first: size + 1 }));
  const items = got.slice(0, size);
  return { items, next: got.length > size ? cursorOf(items[items.length - 1]) : undefined };
}
