// A form's outcome: its state (error, what it did, busy) and its lines, the error under `${testId}-error` and what it
// did under `${testId}-done`.
import { useState, type ReactNode } from "react";

/** A form's outcome state; `edited(set)` wraps a field's setter so that an edit clears both outcome lines. */
export function useOutcome() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setError(undefined);
      setDone(undefined);
    };
  return { error, setError, busy, setBusy, done, setDone, edited };
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
