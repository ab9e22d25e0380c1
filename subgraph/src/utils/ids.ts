// Readable ids of mutable entities: parts joined by "-", numbers in decimal, addresses in lower-case hex.
import { BigInt, Bytes } from "@graphprotocol/graph-ts";

/** `<n>-<account>`: state of an account under a numbered parent (a project's member, a claim's holder, …). */
export function numberAccountId(n: BigInt, account: Bytes): string {
  return n.toString() + "-" + account.toHexString();
}

/** `<a>-<b>`: state of an ordered pair of accounts (a credit line, an operator approval, …). */
export function accountPairId(a: Bytes, b: Bytes): string {
  return a.toHexString() + "-" + b.toHexString();
}

/** `<parent>-<child>`: a child of an entity whose id is `parent`. */
export function childId(parent: string, child: string): string {
  return parent + "-" + child;
}
