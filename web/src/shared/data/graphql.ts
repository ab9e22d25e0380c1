// GraphQL requests to the subgraph as graph-node serves them: one request with errors in plain words, collections
// paged by an id cursor (graph-node caps `first` at 1,000), and the block the subgraph has indexed (`_meta`).
// Shared by every module's subgraph reader.

/** graph-node's largest `first`. */
export const PAGE_SIZE = 1_000;

export async function graphqlQuery<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (!res.ok) throw new Error(`The subgraph answered ${res.status} ${res.statusText}.`);
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`The subgraph refused the query: ${body.errors[0].message}`);
  return body.data as T;
}

/**
 * Every row of one collection, a page at a time. `query` takes `$first: Int!` and `$after` typed as the entity's id
 * (`ID!`, or `Bytes!` for Bytes ids: graph-node's `id_gt` takes the id's own type) and orders by id: `things(first: $first, where: { id_gt: $after, ... }, orderBy: id)`.
 * `rows` picks the collection from the answer. Stops at the first page shorter than a full one.
 */
export async function graphqlAll<T extends { id: string }, D>(
  url: string,
  query: string,
  rows: (data: D) => T[],
  variables: Record<string, unknown> = {},
  start = "",
): Promise<T[]> {
  const out: T[] = [];
  let after = start;
  for (;;) {
    const page = rows(await graphqlQuery<D>(url, query, { ...variables, first: PAGE_SIZE, after }));
    out.push(...page);
    if (page.length < PAGE_SIZE) return out;
    after = page[page.length - 1].id;
  }
}

export const META_QUERY = `query Meta { _meta { block { number } hasIndexingErrors } }`;

/** An answer's `_meta { block { number timestamp } }`: the block the subgraph has indexed, and its time. */
export interface GqlMeta {
  _meta: { block: { number: number | string; timestamp?: number | string | null } } | null;
}

/** The indexed block and its time (0 where graph-node does not give it); throws `missing` without `_meta`. */
export function metaOf(
  data: GqlMeta,
  missing = "The subgraph did not say which block it has indexed.",
): { block: bigint; time: number } {
  if (!data._meta) throw new Error(missing);
  return { block: BigInt(data._meta.block.number), time: Number(data._meta.block.timestamp ?? 0) };
}

/** The last block the subgraph has indexed. */
export async function indexedBlock(url: string): Promise<bigint> {
  return metaOf(await graphqlQuery<GqlMeta>(url, META_QUERY)).block;
}

/**
 * Waits until the subgraph has indexed `block` (asking every `intervalMs`), so that what a screen shows after the
 * user's own transaction includes it. Resolves true when it has, false after `timeoutMs`.
 */
export async function waitForIndexed(
  url: string,
  block: bigint,
  { intervalMs = 1_000, timeoutMs = 120_000 }: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await indexedBlock(url)) >= block) return true;
    } catch {
      // A subgraph that does not answer for a moment is asked again.
    }
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
