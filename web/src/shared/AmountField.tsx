// A labelled decimal amount field, marked invalid when its text does not parse.
import { TextField } from "./TextField";

/** A labelled decimal amount input ("Amount (t)"), marked invalid when the typed text does not parse. */
export function AmountField({
  label,
  value,
  onChange,
  invalid,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange(text: string): void;
  invalid: boolean;
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
      aria-invalid={invalid}
    />
  );
}
