// A typed-in account address: its field, and the check that turns the text into a checksummed address.
import { getAddress, isAddress, type Address } from "viem";

export function AddressField({
  value,
  onChange,
  invalid,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  invalid: boolean;
  testId: string;
}) {
  return (
    <label className="field">
      <span>Account address</span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="0x…"
        data-testid={testId}
        aria-invalid={invalid}
      />
    </label>
  );
}

/** The address typed in `text` (checksummed), or the sentence that says what to type. */
export function parseAddress(text: string): { value: Address } | { error: string } {
  const a = text.trim();
  if (!isAddress(a, { strict: false }))
    return { error: "Enter an account address: 0x followed by 40 hexadecimal characters." };
  return { value: getAddress(a) };
}
