// One GraphQL request to the subgraph, with errors in plain words. Shared by every module's subgraph reader.
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
