// Test plumbing shared by the council actions' tests: a draft edited through its editor's `set`, as the form does,
// then parsed.
import type { ReactElement } from "react";
import type { ActionKind, CouncilContext, ProposalContext } from "./action";

/** The action's draft after `patch` (applied through its editor's `set`), parsed against `ctx`. */
export function parseDraft(kind: ActionKind, patch: object, ctx: ProposalContext) {
  const shown: CouncilContext = ctx;
  let draft = kind.start(shown);
  const editor = draft.editor(shown, (next) => (draft = next)) as ReactElement<{ set(patch: object): void }>;
  editor.props.set(patch);
  return draft.parse(ctx);
}
