// A labelled decimal amount field, with its problem (a text that does not parse, an empty amount on submit) under it.
import { TextField } from "./TextField";

/** A labelled decimal amount input ("Amount (t)"), its problem shown under it. */
export function AmountField({
  label,
  value,
  onChange,
  error,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange(text: string): void;
  error?: string;
  placeholder: string;
  testId: string;
}) {
  return (
    <TextField
      label={label}
      narrow
      value={value}
      onChange={onChange}
      inputMode="decimal"
      placeholder={placeholder}
      testId={testId}
      error={error}
    />
  );
}
