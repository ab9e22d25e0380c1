// A claim's note hash: keccak256 of the salt's bytes followed by the note's UTF-8 bytes (checked against the bytes put
// together by hand), the note trimmed, no note the zero hash, and a fresh 32-byte salt each time.
import { concat, keccak256, stringToBytes, toBytes, zeroHash, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { newSalt, noteHashOf } from "./note";

const SALT: Hex = `0x${"5a".repeat(32)}`;

describe("a claim's private note", () => {
  it("goes on chain as keccak256(salt ++ note), the note trimmed; no note is the zero hash", () => {
    const note = "Hospital from Monday — back in about three months.";
    const byHand = keccak256(concat([toBytes(SALT), stringToBytes(note)]));
    expect(noteHashOf(SALT, note)).toBe(byHand);
    expect(noteHashOf(SALT, `  ${note}\n`)).toBe(byHand);
    expect(noteHashOf(SALT, "   ")).toBe(zeroHash);
    // Another salt, another hash: the hash alone does not reveal a short note.
    expect(noteHashOf(`0x${"00".repeat(31)}01`, note)).not.toBe(byHand);
  });

  it("draws a fresh 32-byte salt each time", () => {
    const a = newSalt();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(newSalt()).not.toBe(a);
  });
});
