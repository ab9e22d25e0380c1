// The council action that accredits a commons-oriented entity (an open co-op, a non-profit: its licences on every
// design are free) with the link that describes it, or withdraws an accreditation. The editor reads whether the
// account typed is accredited now; the parse checks that, after the proposal's earlier calls, against the change.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { useEffect } from "react";
import { decodeFunctionData, zeroAddress, type Address } from "viem";
import { useReadContract } from "wagmi";
import { defineAction, type Call, type EditorProps } from "../../council/actions/action";
import { Account, OnOff, Text } from "../../council/actions/fields";
import { pickedAccount } from "../../shared/AccountSelect";
import { targetChain } from "../../shared/config";
import { knownRevert } from "../../shared/errorWords";
import { sameAddress } from "../../shared/format";
import { contractName } from "../../sponsorship/contracts";
import { designsAddress } from "../contracts";
import { designsContext, designsErrors } from "../errors";
import { designCommons, entityCall } from "./calls";

const label = "Accredit a commons entity / revoke";
const refusal = knownRevert(designsErrors, designsContext());

export interface EntityDraft {
  accredit: boolean;
  entity: string;
  /** Where the entity is described (its statutes, its page): the accreditation's record. */
  uri: string;
  /** Whether the account read was accredited then (the editor reads it for the account typed). */
  read?: { entity: Address; accredited: boolean };
}

/**
 * Whether `entity` is accredited once the proposal's earlier calls to the design commons have run: the last of them
 * that accredits or revokes it decides, else `now` (undefined: not known).
 */
export function accreditedAfter(
  entity: Address,
  now: boolean | undefined,
  before: readonly Call[],
): boolean | undefined {
  let accredited = now;
  for (const call of before) {
    if (!sameAddress(call.target, designsAddress)) continue;
    let c;
    try {
      c = decodeFunctionData({ abi: designCommonsAbi, data: call.data });
    } catch {
      continue;
    }
    if (c.functionName === "accreditCommonsEntity" && sameAddress(c.args[0], entity)) accredited = true;
    if (c.functionName === "revokeCommonsEntity" && sameAddress(c.args[0], entity)) accredited = false;
  }
  return accredited;
}

function EntityEditor({ draft: d, set }: EditorProps<EntityDraft>) {
  const picked = pickedAccount(d.entity, "");
  const entity = "value" in picked ? picked.value : undefined;
  const { data: accredited } = useReadContract({
    address: designsAddress,
    abi: designCommonsAbi,
    functionName: "isCommonsEntity",
    args: entity ? [entity] : undefined,
    chainId: targetChain.id,
    query: { enabled: !!entity && !!designsAddress },
  });
  const read = entity && accredited !== undefined ? { entity, accredited } : undefined;
  // The parse sees what was read through the draft: stored once per account and answer.
  const stale = !!read && !(sameAddress(d.read?.entity, read.entity) && d.read?.accredited === read.accredited);
  useEffect(() => {
    if (stale && read) set({ read });
  }, [stale, read, set]);

  return (
    <>
      <div className="row">
        <OnOff
          value={d.accredit}
          onChange={(accredit) => set({ accredit })}
          on="Accredit as a commons entity"
          off="Withdraw the accreditation of"
        />
        <Account label="Entity" value={d.entity} onChange={(entity) => set({ entity })} testId="action-account" />
      </div>
      {d.accredit && (
        <Text
          label="Where it is described (a link to its statutes or its page)"
          value={d.uri}
          onChange={(uri) => set({ uri })}
          testId="action-uri"
          narrow={false}
        />
      )}
      <p className="muted small" data-testid="action-entity-status">
        {read && `${contractName(read.entity)} is ${read.accredited ? "" : "not "}accredited now. `}
        {d.accredit
          ? "An accredited entity takes licences on every design free of charge, recorded on the open books; anyone else pays the designs' terms."
          : "The licences it holds keep their tier; the ones it takes from then on pay the designs' terms."}
      </p>
    </>
  );
}

export const commonsEntity = defineAction<EntityDraft>({
  kind: "designsEntity",
  label,
  contract: designCommons,
  initial: () => ({ accredit: true, entity: "", uri: "" }),
  Editor: EntityEditor,
  parse(d, ctx) {
    const picked = pickedAccount(d.entity, `${label}: choose the entity's account.`, label);
    if ("error" in picked) return picked;
    const entity = picked.value;
    // The zero address is never accredited: the contract refuses it either way.
    if (entity === zeroAddress) return { error: refusal("InvalidEntity", { entity }) };
    const uri = d.uri.trim();
    if (d.accredit && !uri)
      return { error: `${label}: give the link where the entity is described (its statutes or its page).` };
    const now = d.read && sameAddress(d.read.entity, entity) ? d.read.accredited : undefined;
    const accredited = accreditedAfter(entity, now, ctx.before);
    if (d.accredit && accredited)
      return { error: `${contractName(entity)} is accredited as a commons entity already.` };
    if (!d.accredit && accredited === false) return { error: refusal("InvalidEntity", { entity }) };
    return entityCall(entity, d.accredit ? { uri } : false, ctx);
  },
});
