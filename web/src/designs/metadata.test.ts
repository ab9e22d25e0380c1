// A design's metadata URI and content hash: the URI the dApp writes parses back to the normalised metadata, the
// other JSON data: URI forms parse too, anything else gives nothing; the search text is the name and tags; and the
// content hash is the SHA-256 of the `sha256sum` manifest, recomputed here with node:crypto.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  contentHashOf,
  hashFile,
  MAX_TAGS,
  META_PREFIX,
  metadataURI,
  normalSearch,
  parseMetadata,
  searchTextOf,
  type DesignMeta,
} from "./metadata";

const files = [
  { name: "frame.svg", size: 12, sha256: "aa".repeat(32) },
  { name: "BOM.csv", size: 30, sha256: "bb".repeat(32) },
];
const meta: DesignMeta = {
  name: "  Solar dryer ",
  description: " A passive dryer for fruit. ",
  tags: ["Food", "solar  drying", "food", " "],
  link: " https://example.org/solar-dryer ",
  files,
};
const normalised = {
  name: "Solar dryer",
  description: "A passive dryer for fruit.",
  tags: ["food", "solar-drying"],
  link: "https://example.org/solar-dryer",
  files,
};
const json = JSON.stringify(normalised);

describe("the metadata URI", () => {
  it("round-trips through parseMetadata, normalised: trimmed, tags lower-case, hyphenated and once", () => {
    const uri = metadataURI(meta);
    expect(uri.startsWith(META_PREFIX)).toBe(true);
    expect(JSON.parse(uri.slice(META_PREFIX.length))).toEqual(normalised);
    expect(parseMetadata(uri)).toEqual(normalised);
  });

  it("leaves out a blank link and keeps at most MAX_TAGS tags", () => {
    const tags = Array.from({ length: MAX_TAGS + 3 }, (_, i) => `tag ${i}`);
    const parsed = parseMetadata(metadataURI({ ...meta, link: "  ", tags }));
    expect(parsed).not.toHaveProperty("link");
    expect(parsed?.tags).toEqual(tags.slice(0, MAX_TAGS).map((t) => t.replace(" ", "-")));
  });

  it("parses the percent-encoded and base64 forms of a JSON data: URI", () => {
    expect(parseMetadata(`data:application/json,${encodeURIComponent(json)}`)).toEqual(normalised);
    expect(parseMetadata(`data:application/json;charset=utf-8,${encodeURIComponent(json)}`)).toEqual(normalised);
    const unicode = JSON.stringify({ ...normalised, name: "Séchoir solaire ☀" });
    const base64 = `data:application/json;base64,${Buffer.from(unicode, "utf8").toString("base64")}`;
    expect(parseMetadata(base64)?.name).toBe("Séchoir solaire ☀");
    expect(parseMetadata(base64)?.files).toEqual(files);
  });

  it("gives nothing for a URI that is not JSON metadata", () => {
    for (const uri of [
      "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
      "https://example.org/design.json",
      "data:text/plain,hello",
      `${META_PREFIX}not json`,
      `${META_PREFIX}[1,2]`,
      `${META_PREFIX}null`,
      `${META_PREFIX}"a string"`,
      "data:application/json,%E0%A4%A",
      "data:application/json;base64,not base64!",
      "",
    ])
      expect(parseMetadata(uri), uri).toBeUndefined();
  });

  it("reads fields of the wrong type as empty, and keeps only well-formed files and string tags", () => {
    const odd = JSON.stringify({
      name: 5,
      description: null,
      tags: ["kept", 3, null],
      link: {},
      files: [{ name: "a.stl", sha256: "cd" }, null, "b.stl", { name: 1, sha256: "ef" }, { name: "c.stl", size: 9 }],
    });
    expect(parseMetadata(META_PREFIX + odd)).toEqual({
      name: "",
      description: "",
      tags: ["kept"],
      files: [{ name: "a.stl", size: 0, sha256: "cd" }],
    });
  });
});

describe("the search text", () => {
  it("is the name and the tags, lower-case, one per line", () => {
    const uri = metadataURI({ ...meta, name: "Solar Dryer MK2", tags: ["Food", "DIY"] });
    expect(searchTextOf(uri)).toBe("solar dryer mk2\nfood\ndiy");
    expect(searchTextOf(uri).includes(normalSearch("  DRYER mk"))).toBe(true);
    expect(searchTextOf(uri).includes(normalSearch("bicycle"))).toBe(false);
  });

  it("reads raw JSON only, as the subgraph mapping does, and nothing from other URIs", () => {
    expect(searchTextOf(`data:application/json,${json}`)).toBe("solar dryer\nfood\nsolar drying");
    expect(searchTextOf(`data:application/json,${encodeURIComponent(json)}`)).toBe("");
    expect(searchTextOf("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")).toBe("");
    expect(searchTextOf(`${META_PREFIX}{"tags":["Only","Tags"]}`)).toBe("\nonly\ntags");
  });

  it("finds a tag typed with spaces, stored with hyphens, however the search writes it", () => {
    const uri = metadataURI({ ...meta, name: "Solar-powered dryer XL", tags: ["co-op kitchen", "food"] });
    expect(uri).toContain('"tags":["co-op-kitchen","food"]');
    const text = searchTextOf(uri);
    for (const search of ["co-op kitchen", "co-op-kitchen", "Co Op Kitchen", "co-op", "solar powered", "solar-powered"])
      expect(text.includes(normalSearch(search)), search).toBe(true);
    expect(text.includes(normalSearch("kitchen co-op"))).toBe(false);
  });
});

describe("the content hash", () => {
  const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
  const bytes = { "frame.svg": Buffer.from("<svg>frame</svg>\n"), "BOM.csv": Buffer.from("part,qty\nbolt,4\n") };

  /** What `sha256sum * | LC_ALL=C sort -k2 | sha256sum` gives over `bytes`: lines sorted by the names' bytes. */
  function bySha256sum(): string {
    const lines = Object.entries(bytes).map(([name, data]) => ({ name, line: `${sha256(data)}  ${name}\n` }));
    lines.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    return `0x${sha256(lines.map((l) => l.line).join(""))}`;
  }

  it("hashes each file as sha256sum does", async () => {
    const hashed = await hashFile({
      name: "frame.svg",
      size: bytes["frame.svg"].length,
      arrayBuffer: async () => new Uint8Array(bytes["frame.svg"]).buffer,
    });
    expect(hashed).toEqual({ name: "frame.svg", size: 17, sha256: sha256(bytes["frame.svg"]) });
  });

  it("is the SHA-256 of the sorted manifest, whatever order the files come in", async () => {
    const hashed = Object.entries(bytes).map(([name, data]) => ({ name, size: data.length, sha256: sha256(data) }));
    const expected = bySha256sum();
    expect(await contentHashOf(hashed)).toBe(expected);
    expect(await contentHashOf([...hashed].reverse())).toBe(expected);
    // "BOM.csv" sorts before "frame.svg" by bytes (upper case first), as in the C locale.
    expect(expected).toBe(
      `0x${sha256(`${sha256(bytes["BOM.csv"])}  BOM.csv\n${sha256(bytes["frame.svg"])}  frame.svg\n`)}`,
    );
    expect(await contentHashOf(hashed.slice(0, 1))).not.toBe(expected);
  });

  it("orders names by their UTF-8 bytes, as the C locale does, also above U+FFFF", async () => {
    // UTF-16 puts "😀" (D83D DE00) before "Ａ" (FF21); their UTF-8 bytes (F0… and EF…), and sort, do the reverse.
    const odd = [
      { name: "😀.txt", size: 1, sha256: sha256("x") },
      { name: "Ａ.txt", size: 1, sha256: sha256("y") },
    ];
    expect(await contentHashOf(odd)).toBe(`0x${sha256(`${sha256("y")}  Ａ.txt\n${sha256("x")}  😀.txt\n`)}`);
  });
});
