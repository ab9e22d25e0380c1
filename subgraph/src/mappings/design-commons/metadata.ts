// A design's name, tags and search text from its metadata URI, read exactly as web/src/designs/metadata.ts
// `indexedMeta` / `searchTextOf` read them: `data:application/json;utf8,` or `data:application/json,` followed by raw
// JSON (no percent-decoding); any other URI, or JSON that is not an object, gives "", none, "".
import { json, JSONValueKind } from "@graphprotocol/graph-ts";

const PREFIXES = ["data:application/json;utf8,", "data:application/json,"];

export class DesignMeta {
  name: string = "";
  tags: string[] = new Array<string>(0);
  /**
   * The name and tags, one per line, lower-case (AssemblyScript's toLowerCase: full Unicode, as JavaScript's), every
   * sigma as "σ" (AssemblyScript places the final "ς" by another rule than JavaScript; searchTextOf folds it too) and
   * every hyphen as a space (tags keep hyphens for spaces: a search for "co-op kitchen" finds "co-op-kitchen").
   */
  search: string = "";
}

export function designMeta(uri: string): DesignMeta {
  const meta = new DesignMeta();
  let body: string | null = null;
  for (let i = 0; i < PREFIXES.length && body === null; i++) {
    if (uri.startsWith(PREFIXES[i])) body = uri.substr(PREFIXES[i].length);
  }
  if (body === null) return meta;
  const parsed = json.try_fromString(body!);
  if (parsed.isError || parsed.value.kind != JSONValueKind.OBJECT) return meta;
  const object = parsed.value.toObject();
  const name = object.get("name");
  if (name !== null && name.kind == JSONValueKind.STRING) meta.name = name.toString();
  const tags = object.get("tags");
  if (tags !== null && tags.kind == JSONValueKind.ARRAY) {
    const items = tags.toArray();
    for (let i = 0; i < items.length; i++)
      if (items[i].kind == JSONValueKind.STRING) meta.tags.push(items[i].toString());
  }
  const lines = new Array<string>(0);
  lines.push(meta.name);
  for (let i = 0; i < meta.tags.length; i++) lines.push(meta.tags[i]);
  meta.search = lines.join("\n").toLowerCase().replaceAll("ς", "σ").replaceAll("-", " ");
  return meta;
}
