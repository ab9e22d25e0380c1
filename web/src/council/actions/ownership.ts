// A governed contract's ownership calls (OpenZeppelin's Ownable2Step, owned by the council's timelock) in plain
// words: offering the ownership, accepting it and giving it up.
import type { Address } from "viem";
import { contractName } from "../../sponsorship/contracts";

/**
 * A decoded ownership call of the contract `of` ("the design commons") in plain words, `lost` saying what giving it
 * up would end; undefined for any other function.
 */
export function ownershipCallWords(
  call: { functionName: string; args?: readonly unknown[] },
  of: string,
  lost: string,
): string | undefined {
  switch (call.functionName) {
    case "transferOwnership":
      return `Offer the ownership of ${of} to ${contractName(call.args?.[0] as Address)} (it must accept)`;
    case "acceptOwnership":
      return `Accept the ownership of ${of}`;
    case "renounceOwnership":
      return `Give up the ownership of ${of}: ${lost}`;
    default:
      return undefined;
  }
}
