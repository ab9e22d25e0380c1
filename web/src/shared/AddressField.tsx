// A typed-in account address: its field, and the check that turns the text into a checksummed address.
import { getAddress, isAddress, type Address } from "viem";
import { TextField } from "./TextField";

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
    <TextField
      label="Account address"
      value={value}
      onChange={onChange}
      placeholder="0x…"
      testId={testId}
      aria-invalid={invalid}
    />
  );
}

/** The address typed in `text` (checksummed), or the sentence that says what to type. */
export function parseAddress(text: string): { value: Address } | { error: string } {
  const a = text.trim();
  if (!isAddress(a, { strict: false }))
    return { error: "Enter an account address: 0x followed by 40 hexadecimal characters." };
  return { value: getAddress(a) };
}
