// The council actions that accredit an impact verifier and remove one (VERIFIER_ROLE of the impact registry).
import { impactRegistryAbi } from "@cosmolocal/sdk";
import { encodeFunctionData } from "viem";
import { callsTo, defineAction, type EditorProps } from "../../council/actions/action";
import { Account, addressOf } from "../../council/actions/fields";
import { VERIFIER_ROLE } from "../data";
import { impactRegistry } from "./calls";

interface VerifierChange {
  kind: string;
  label: string;
  functionName: "grantRole" | "revokeRole";
  /** The account field's label, and what the change means. */
  who: string;
  what: string;
}

interface VerifierDraft {
  account: string;
}

function verifierAction({ kind, label, functionName, who, what }: VerifierChange) {
  function VerifierEditor({ draft: d, set }: EditorProps<VerifierDraft>) {
    return (
      <div className="row">
        <Account label={who} value={d.account} onChange={(account) => set({ account })} testId="action-account" />
        <p className="muted small align-end">{what}</p>
      </div>
    );
  }
  return defineAction<VerifierDraft>({
    kind,
    label,
    contract: impactRegistry,
    initial: () => ({ account: "" }),
    Editor: VerifierEditor,
    parse(d, ctx) {
      const account = addressOf(d.account);
      if (!account) return { error: `${label}: choose the account.` };
      const data = encodeFunctionData({ abi: impactRegistryAbi, functionName, args: [VERIFIER_ROLE, account] });
      return callsTo(impactRegistry, [data], ctx);
    },
  });
}

export const verifierOn = verifierAction({
  kind: "verifierOn",
  label: "Accredit impact verifier",
  functionName: "grantRole",
  who: "Verifier to accredit",
  what: "An accredited verifier attests, rejects and revokes climate claims (never their own).",
});
export const verifierOff = verifierAction({
  kind: "verifierOff",
  label: "Remove impact verifier",
  functionName: "revokeRole",
  who: "Verifier to remove",
  what: "Their past votes stay; they can no longer vote, sign attestations or revoke.",
});
