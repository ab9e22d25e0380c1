// A labelled text input: its caption, its value as text, its problem under it, and any other input attribute passed on.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/**
 * A field's problem line (under `${testId}-problem`) and the attributes that tie its control to it: invalid, and
 * described by the line.
 */
export function useFieldProblem(error: string | undefined, testId?: string) {
  const id = useId();
  return {
    control: { "aria-invalid": !!error, "aria-describedby": error ? id : undefined },
    line: error ? (
      <small className="error" id={id} data-testid={testId && `${testId}-problem`}>
        {error}
      </small>
    ) : null,
  };
}

export function TextField({
  label,
  narrow,
  value,
  onChange,
  testId,
  error,
  ...input
}: {
  label: ReactNode;
  /** The narrow field of a row of several. */
  narrow?: boolean;
  value: string;
  onChange: (text: string) => void;
  testId?: string;
  /** What is wrong with the value, shown under the input. */
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  const problem = useFieldProblem(error, testId);
  return (
    <label className={narrow ? "field field-narrow" : "field"}>
      <span>{label}</span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
        {...input}
        {...(error ? problem.control : {})}
      />
      {problem.line}
    </label>
  );
}
