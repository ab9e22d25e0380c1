// Evidence of a contribution: a description (hashed on chain) and where it can be read. Without a link the
// description itself travels as a data: URI, so other members can read what they evaluate.
import { keccak256, toBytes, type Hex } from "viem";

export function evidenceFor(description: string, link: string): { evidenceHash: Hex; evidenceURI: string } {
  const text = description.trim();
  return {
    evidenceHash: keccak256(toBytes(text)),
    evidenceURI: link.trim() || `data:text/plain,${encodeURIComponent(text)}`,
  };
}

/** The human-readable side of an evidence URI: the text of a data: URI, or the link. */
export function describeEvidence(uri: string): { text: string; href?: string } {
  const m = /^data:text\/plain(?:;charset=[^,;]+)?,(.*)$/s.exec(uri);
  if (m) {
    try {
      return { text: decodeURIComponent(m[1]) };
    } catch {
      return { text: m[1] };
    }
  }
  const safe = /^(https?:|ipfs:)/i.test(uri);
  return {
    text: uri,
    href: safe ? (uri.startsWith("ipfs://") ? `https://ipfs.io/ipfs/${uri.slice(7)}` : uri) : undefined,
  };
}

export function isValidEvidenceLink(link: string): boolean {
  if (!link.trim()) return true;
  try {
    const u = new URL(link.trim());
    return ["http:", "https:", "ipfs:"].includes(u.protocol);
  } catch {
    return false;
  }
}
