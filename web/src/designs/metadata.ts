// A design's description and files as the dApp registers them: the content hash of its files (hashed in the browser,
// checkable with `sha256sum`), and its metadata (name, description, tags, where the files are, each file's hash) as a
// `data:application/json;utf8,` URI, which the subgraph mapping and the chain reader parse the same way to search
// designs by name and tag. No imports beyond viem: the subgraph's comparison test loads it under Node.
import { bytesToHex, type Hex } from "viem";

/** One file of a design: its name (a relative path), size in bytes and SHA-256 (hex, no 0x). */
export interface DesignFile {
  name: string;
  size: number;
  sha256: string;
}

/** What a design's metadata URI holds. */
export interface DesignMeta {
  name: string;
  description: string;
  tags: string[];
  /** Where the files can be downloaded (https: or ipfs:), if given. */
  link?: string;
  files: DesignFile[];
}

/** The prefix of the metadata URIs the dApp writes (raw JSON after it; the mapping parses the same). */
export const META_PREFIX = "data:application/json;utf8,";

/** The most tags a design lists. */
export const MAX_TAGS = 12;

/** A tag as stored: trimmed, lower-case, inner spaces as single hyphens. */
export const normalTag = (tag: string) => tag.trim().toLowerCase().replace(/\s+/g, "-");

/** The metadata URI of `meta` (the name and description trimmed, tags normalised and deduplicated). */
export function metadataURI(meta: DesignMeta): string {
  const tags = [...new Set(meta.tags.map(normalTag).filter(Boolean))].slice(0, MAX_TAGS);
  const json: Record<string, unknown> = {
    name: meta.name.trim(),
    description: meta.description.trim(),
    tags,
    ...(meta.link?.trim() ? { link: meta.link.trim() } : {}),
    files: meta.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
  };
  return META_PREFIX + JSON.stringify(json);
}

const str = (x: unknown) => (typeof x === "string" ? x : "");

/**
 * The metadata a URI holds, when it is a JSON data: URI (`;utf8,`, plain or percent-encoded, or `;base64,`); else
 * undefined (an ipfs: or https: URI whose content is not on chain). Fields of the wrong type read as empty.
 */
export function parseMetadata(uri: string): DesignMeta | undefined {
  const m = /^data:application\/json(;[^,]*)?,(.*)$/s.exec(uri);
  if (!m) return undefined;
  let text = m[2];
  try {
    if (m[1]?.includes("base64")) text = new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)));
    else if (!m[1]?.includes("utf8")) text = decodeURIComponent(text);
    const j = JSON.parse(text) as Record<string, unknown>;
    if (typeof j !== "object" || j === null || Array.isArray(j)) return undefined;
    const link = str(j.link);
    return {
      name: str(j.name),
      description: str(j.description),
      tags: Array.isArray(j.tags) ? j.tags.filter((t): t is string => typeof t === "string") : [],
      ...(link ? { link } : {}),
      files: Array.isArray(j.files)
        ? j.files.flatMap((f: Record<string, unknown>) =>
            f && typeof f.name === "string" && typeof f.sha256 === "string"
              ? [{ name: f.name, size: typeof f.size === "number" ? f.size : 0, sha256: f.sha256 }]
              : [],
          )
        : [],
    };
  } catch {
    return undefined;
  }
}

/**
 * A design's name and tags as both readers index them (the subgraph mapping, subgraph/src/mappings/design-commons/
 * metadata.ts, reads the same): only `data:application/json;utf8,` or `data:application/json,` followed by raw JSON
 * (no percent-decoding, no base64), an object; `name` when a string, else ""; the string entries of `tags`.
 */
export function indexedMeta(uri: string): { name: string; tags: string[] } {
  const prefix = [META_PREFIX, "data:application/json,"].find((p) => uri.startsWith(p));
  if (prefix === undefined) return { name: "", tags: [] };
  try {
    const j = JSON.parse(uri.slice(prefix.length)) as unknown;
    if (typeof j !== "object" || j === null || Array.isArray(j)) return { name: "", tags: [] };
    const { name, tags } = j as Record<string, unknown>;
    return { name: str(name), tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [] };
  } catch {
    return { name: "", tags: [] };
  }
}

/**
 * Lower-case as the subgraph mapping lower-cases (AssemblyScript's full-Unicode toLowerCase), every sigma as "σ"
 * (AssemblyScript places the final "ς" by another rule than JavaScript, so neither side keeps it), and every hyphen
 * as a space: tags are stored with hyphens for spaces (`normalTag`: "co-op kitchen" becomes "co-op-kitchen"), so a
 * search for "co-op kitchen", "co-op-kitchen" or "co op" finds that tag. (Characters whose case mapping is newer than
 * AssemblyScript 0.19's Unicode tables may still differ.)
 */
const searchForm = (text: string) => text.toLowerCase().replaceAll("ς", "σ").replaceAll("-", " ");

/**
 * What a design is searched by: its name and tags (`indexedMeta`), one per line, in `searchForm`. A search matches
 * when `normalSearch` of it is a substring of this. The subgraph stores the same text.
 */
export function searchTextOf(uri: string): string {
  const { name, tags } = indexedMeta(uri);
  return searchForm([name, ...tags].join("\n"));
}

/** The search as both readers match it: trimmed, in `searchForm`. */
export const normalSearch = (search: string) => searchForm(search.trim());

/**
 * The content hash of a design's files: the SHA-256 of their manifest in `sha256sum`'s format (`<hex>  <name>\n` per
 * file, sorted by name), so `sha256sum * | LC_ALL=C sort -k2 | sha256sum` over the same files gives it too.
 */
export async function contentHashOf(files: DesignFile[]): Promise<Hex> {
  const manifest = [...files]
    .sort((a, b) => byUtf8(a.name, b.name))
    .map((f) => `${f.sha256}  ${f.name}\n`)
    .join("");
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(manifest))));
}

/** The order of `LC_ALL=C sort`: by UTF-8 bytes (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF). */
function byUtf8(a: string, b: string): number {
  const [x, y] = [new TextEncoder().encode(a), new TextEncoder().encode(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** One file hashed in the browser (its bytes never leave it). */
export async function hashFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  return { name: file.name, size: file.size, sha256: bytesToHex(digest).slice(2) } satisfies DesignFile;
}
