// A typed-in account address: its field (its problem under it), and the check that turns the text into a checksummed
// address.
import { getAddress, isAddress, type Address } from "viem";
import { TextField } from "./TextField";

export function AddressField({
  value,
  onChange,
  error,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  error?: string;
  testId: string;
}) {
  return (
    <TextField
      label="Account address"
      value={value}
      onChange={onChange}
      placeholder="0x…"
      testId={testId}
      error={error}
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
