// A form's outcome: its state (error, what it did, busy, its fields' problems) and its lines, the error under
// `${testId}-error` and what it did under `${testId}-done`.
import { useState, type ReactNode } from "react";
import { useFieldErrors, type Problems } from "./fieldErrors";

/**
 * A form's outcome state. `problems` are its fields' problems computed from the current values (shared/fieldErrors):
 * `edited(set, field)` wraps a field's setter so that an edit clears both outcome lines and shows that field's
 * problem; `attempt()` on submit shows them all and says whether the form may send.
 */
export function useOutcome<K extends string = never>(problems: Problems<K> = {}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const fields = useFieldErrors(problems);
  const edited =
    <T,>(set: (value: T) => void, field?: K) =>
    (value: T) => {
      set(value);
      setError(undefined);
      setDone(undefined);
      if (field !== undefined) fields.touch(field);
    };
  return {
    error,
    setError,
    busy,
    setBusy,
    done,
    setDone,
    edited,
    problems: fields.shown,
    attempt: fields.attempt,
    resetFields: fields.reset,
  };
}

export function Outcome({ testId, error, done }: { testId: string; error?: string; done?: ReactNode }) {
  return (
    <>
      {error && (
        <p className="error small" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      {done && (
        <p className="success small" data-testid={`${testId}-done`}>
          {done}
        </p>
      )}
    </>
  );
}
