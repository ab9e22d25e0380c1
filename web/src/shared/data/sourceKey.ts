// The key under which a browser keeps the person's choice of read source (source.ts); without imports, so the e2e
// fixtures set it too.
export type ReadSource = "subgraph" | "chain";

/** The localStorage key of the person's choice ("chain" or "subgraph"). */
export const READ_SOURCE_KEY = "cosmolocal.reads";
