// Where this page load's screens read from: the subgraph when the build has one (VITE_SUBGRAPH_URL), unless the
// person chose, in this browser, to read the chain itself (bounded log reads from each deployment block).
import { subgraphUrl } from "../config";
import { READ_SOURCE_KEY, type ReadSource } from "./sourceKey";

export type { ReadSource };

function storedChoice(): string | null {
  try {
    return globalThis.localStorage?.getItem(READ_SOURCE_KEY) ?? null;
  } catch {
    return null; // storage blocked (private mode): the build's default
  }
}

/** The source every reader of this page load uses; a change applies on reload, so no screen mixes two sources. */
export const readSource: ReadSource = subgraphUrl && storedChoice() !== "chain" ? "subgraph" : "chain";

/** The subgraph the screens read, when they read one. */
export const readSubgraphUrl: string | undefined = readSource === "subgraph" ? subgraphUrl : undefined;

/** Keeps `source` as this browser's choice and reloads, so that every screen reads from it. */
export function chooseReadSource(source: ReadSource): void {
  localStorage.setItem(READ_SOURCE_KEY, source);
  location.reload();
}
