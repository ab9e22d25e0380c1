// A labelled text input: its caption, its value as text, and any other input attribute passed on.
import type { InputHTMLAttributes, ReactNode } from "react";

export function TextField({
  label,
  narrow,
  value,
  onChange,
  testId,
  ...input
}: {
  label: ReactNode;
  /** The narrow field of a row of several. */
  narrow?: boolean;
  value: string;
  onChange: (text: string) => void;
  testId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  return (
    <label className={narrow ? "field field-narrow" : "field"}>
      <span>{label}</span>
      <input value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} {...input} />
    </label>
  );
}
