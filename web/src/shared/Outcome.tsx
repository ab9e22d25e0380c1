// A form's outcome lines: its error under `${testId}-error` and what it did under `${testId}-done`.
import type { ReactNode } from "react";

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
