// The council actions that grant or revoke one AccessControl role of a governed contract (an impact verifier, a
// credit steward): an account field, what the change means, and the call.
import { encodeFunctionData, parseAbi, type Address, type Hex } from "viem";
import { shortHash } from "../../shared/format";
import { nameOf } from "../../shared/names";
import type { CouncilCall } from "../writes";
import {
  callsTo,
  defineAction,
  type EditorProps,
  type GovernedContract,
  type Parsed,
  type ProposalContext,
} from "./action";
import { Account } from "./fields";
import { pickedAccount } from "../../shared/AccountSelect";

/** The role-granting part of an AccessControl ABI: what the call is encoded with. */
const ACCESS_CONTROL_ABI = parseAbi([
  "function grantRole(bytes32 role, address account)",
  "function revokeRole(bytes32 role, address account)",
]);

/**
 * A decoded grantRole / revokeRole call of a governed contract (`of`: "the credit network") in plain words: `named`'s
 * words for the role its actions govern, the role's id otherwise; undefined for any other function.
 */
export function roleCallWords(
  call: { functionName: string; args?: readonly unknown[] },
  role: Hex,
  of: string,
  named: { grant: (who: string) => string; revoke: (who: string) => string },
): string | undefined {
  if (call.functionName !== "grantRole" && call.functionName !== "revokeRole") return undefined;
  const [id, account] = call.args as [Hex, Address];
  const who = nameOf(account);
  const grant = call.functionName === "grantRole";
  if (id === role) return grant ? named.grant(who) : named.revoke(who);
  return grant ? `Grant role ${shortHash(id)} of ${of} to ${who}` : `Revoke role ${shortHash(id)} of ${of} from ${who}`;
}

export interface RoleChange {
  kind: string;
  label: string;
  contract: GovernedContract;
  role: Hex;
  functionName: "grantRole" | "revokeRole";
  /** The account field's label, and what the change means. */
  who: string;
  what: string;
}

interface RoleDraft {
  account: string;
}

/** The call of a role change for the account typed as `accountText`, or what is wrong with it. */
export function roleCalls(
  { label, contract, role, functionName }: Pick<RoleChange, "label" | "contract" | "role" | "functionName">,
  accountText: string,
  ctx: ProposalContext,
): Parsed<CouncilCall[]> {
  const account = pickedAccount(accountText, `${label}: choose the account.`, label);
  if ("error" in account) return account;
  return callsTo(
    contract,
    [encodeFunctionData({ abi: ACCESS_CONTROL_ABI, functionName, args: [role, account.value] })],
    ctx,
  );
}

export function roleAction(change: RoleChange) {
  const { kind, label, contract, who, what } = change;
  function RoleEditor({ draft: d, set }: EditorProps<RoleDraft>) {
    return (
      <div className="row">
        <Account label={who} value={d.account} onChange={(account) => set({ account })} testId="action-account" />
        <p className="muted small align-end">{what}</p>
      </div>
    );
  }
  return defineAction<RoleDraft>({
    kind,
    label,
    contract,
    initial: () => ({ account: "" }),
    Editor: RoleEditor,
    parse: (d, ctx) => roleCalls(change, d.account, ctx),
  });
}
