// A form's field problems: computed from the current values on every render, each shown once its field has been
// edited or after a submit attempt, so a fixed field's error goes at once and a submit shows every problem together.
import { useCallback, useState } from "react";

/** Each field's problem, undefined when it has none. */
export type Problems<K extends string> = Partial<Record<K, string | undefined>>;

/** Whether any field has a problem. */
export function hasProblems<K extends string>(problems: Problems<K>): boolean {
  return Object.values(problems).some((p) => !!p);
}

/** The problems a person sees: a field's once it has been edited, every field's after a submit attempt. */
export function shownProblems<K extends string>(
  problems: Problems<K>,
  edited: ReadonlySet<K>,
  attempted: boolean,
): Problems<K> {
  const shown: Problems<K> = {};
  for (const key of Object.keys(problems) as K[])
    if (problems[key] && (attempted || edited.has(key))) shown[key] = problems[key];
  return shown;
}

/** The fields edited so far and whether the form was submitted; `problems` is recomputed by the form each render. */
export function useFieldErrors<K extends string>(problems: Problems<K>) {
  const [edited, setEdited] = useState<ReadonlySet<K>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const touch = useCallback((key: K) => setEdited((was) => (was.has(key) ? was : new Set([...was, key]))), []);
  const reset = useCallback(() => {
    setEdited(new Set());
    setAttempted(false);
  }, []);
  return {
    /** The problem to show under each field. */
    shown: shownProblems(problems, edited, attempted),
    /** Marks a field edited: its problem shows from now on. */
    touch,
    /** A submit attempt: every problem shows; true when there is none, so the form may send. */
    attempt: () => {
      setAttempted(true);
      return !hasProblems(problems);
    },
    /** After a send that cleared the fields: no problem shows until the next edit or attempt. */
    reset,
  };
}
