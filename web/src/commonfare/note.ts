// A claim's private note, hashed in the browser: only keccak256(salt ++ note) goes on chain (ClaimReported's
// noteHash). The random salt keeps a short note from being guessed from its hash; the claimant keeps the note with its
// salt and may show both to its buddy, who recomputes the hash.
import { encodePacked, keccak256, toHex, zeroHash, type Hex } from "viem";

/** A fresh random salt (32 bytes from the browser's cryptographic generator). */
export const newSalt = (): Hex => toHex(crypto.getRandomValues(new Uint8Array(32)));

/** The hash a note goes on chain as: keccak256 of the salt's 32 bytes then the note's UTF-8 (zero hash: no note). */
export const noteHashOf = (salt: Hex, note: string): Hex =>
  note.trim() === "" ? zeroHash : keccak256(encodePacked(["bytes32", "string"], [salt, note.trim()]));
