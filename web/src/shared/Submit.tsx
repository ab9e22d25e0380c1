// A form's submit button: disabled while sending or while the app already knows the transaction would revert, with
// that reason beside it (under `${testId}-blocked`, the button's description).
import { useId, type ReactNode } from "react";

export function Submit({
  testId,
  busy,
  blocked,
  className = "btn",
  children,
}: {
  testId: string;
  busy: boolean;
  /** Why the transaction would revert, worded as its decoded revert (a module's `refusal`); undefined when unknown. */
  blocked?: string;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="actions">
      <button
        className={className}
        type="submit"
        disabled={busy || !!blocked}
        aria-describedby={blocked ? id : undefined}
        data-testid={testId}
      >
        {children}
      </button>
      {blocked && (
        <span className="error small" id={id} aria-live="polite" data-testid={`${testId}-blocked`}>
          {blocked}
        </span>
      )}
    </div>
  );
}
