// Names of accounts, as text: the demo personas on the local chain, ENS names the identity component has resolved,
// else the short address. The identity module (with Who.tsx): only it shortens an address.
import { LOCAL_PERSONAS } from "@cosmolocal/sdk";
import { BURNER_ACCOUNT_COUNT, burnerAccount } from "./burner";
import { isLocalChain } from "./config";

let local: Map<string, string> | undefined;
/** ENS names learned by the identity component (lower-cased address → name), so text can use them too. */
const learned = new Map<string, string>();

function localNames(): Map<string, string> {
  if (!local) {
    local = new Map();
    if (isLocalChain)
      for (let i = 0; i < Math.min(BURNER_ACCOUNT_COUNT, LOCAL_PERSONAS.length); i++)
        local.set(burnerAccount(i).address.toLowerCase(), LOCAL_PERSONAS[i].name);
  }
  return local;
}

/** "0x1234…abcd": the raw short form of an account, for the identity module only (the build's check enforces it). */
export function shortAddress(a: string): string {
  return a.length > 12 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

/** The persona's first name on the local chain, else undefined. */
export function personaName(address: string): string | undefined {
  return localNames().get(address.toLowerCase());
}

/** Remember an account's resolved ENS name for text (`nameOf`); the identity component calls it. */
export function learnName(address: string, name: string): void {
  learned.set(address.toLowerCase(), name);
}

/** The account's known name (persona, then a resolved ENS name), else undefined. */
export function knownName(address: string): string | undefined {
  return personaName(address) ?? learned.get(address.toLowerCase());
}

/** An account as text (toasts, chart labels, call descriptions): its known name, or the short address. */
export function nameOf(address: string): string {
  return knownName(address) ?? shortAddress(address);
}

/**
 * An account in a list of choices (a <select>'s options): "Bea (0x7099…79C8)", or just the short address; `label`
 * replaces the known name (e.g. a persona's name with its roles).
 */
export function accountLabel(address: string, label = knownName(address)): string {
  return label ? `${label} (${shortAddress(address)})` : shortAddress(address);
}
