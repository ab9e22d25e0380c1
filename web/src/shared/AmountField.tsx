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
    <label className="field field-narrow">
      <span>{label}</span>
      <input
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        data-testid={testId}
        aria-invalid={invalid}
      />
    </label>
  );
}
