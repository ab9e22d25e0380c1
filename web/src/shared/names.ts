// Human names for accounts: the demo personas' first names on the local chain, a short address elsewhere.
import { LOCAL_ACCOUNT_NAMES } from "@cosmolocal/sdk";
import { BURNER_ACCOUNT_COUNT, burnerAccount } from "./burner";
import { isLocalChain } from "./config";
import { shortAddress } from "./format";

let local: Map<string, string> | undefined;

function localNames(): Map<string, string> {
  if (!local) {
    local = new Map();
    if (isLocalChain)
      for (let i = 0; i < Math.min(BURNER_ACCOUNT_COUNT, LOCAL_ACCOUNT_NAMES.length); i++) {
        const first = LOCAL_ACCOUNT_NAMES[i].split(/[\s(]/)[0];
        if (first) local.set(burnerAccount(i).address.toLowerCase(), first);
      }
  }
  return local;
}

/** The persona's first name on the local chain, else undefined. */
export function personaName(address: string): string | undefined {
  return localNames().get(address.toLowerCase());
}

/** A name for `address`: the local persona's first name, or the short address. */
export function nameOf(address: string): string {
  return personaName(address) ?? shortAddress(address);
}
