import type { Address } from "viem";
import { sameAddress, shortAddress } from "./format";
import { personaName } from "./names";

/** An account by name (local personas) with its address on hover, tagged when it is the connected account. */
export function Who({ address, me }: { address: Address; me?: Address }) {
  const persona = personaName(address);
  return (
    <span className="addr" title={address}>
      {persona ? <strong className="who">{persona}</strong> : <code>{shortAddress(address)}</code>}
      {persona && <code className="muted small">{shortAddress(address)}</code>}
      {sameAddress(address, me) && <span className="tag">you</span>}
    </span>
  );
}
