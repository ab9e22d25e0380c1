// The inputs council action editors are made of: a labelled text field, an on / off choice and an account picker.
import type { Address } from "viem";
import { AccountSelect } from "../../shared/AccountSelect";

export function Text({
  label,
  value,
  onChange,
  testId,
  narrow = true,
  type = "text",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  narrow?: boolean;
  type?: string;
}) {
  return (
    <label className={`field${narrow ? " field-narrow" : ""}`}>
      <span>{label}</span>
      <input type={type} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
    </label>
  );
}

export function OnOff({
  value,
  onChange,
  on,
  off,
}: {
  value: boolean;
  onChange: (on: boolean) => void;
  on: string;
  off: string;
}) {
  return (
    <label className="field field-narrow">
      <span>Action</span>
      <select value={value ? "on" : "off"} onChange={(e) => onChange(e.target.value === "on")}>
        <option value="on">{on}</option>
        <option value="off">{off}</option>
      </select>
    </label>
  );
}

export function Account({
  label,
  value,
  onChange,
  testId,
  accounts,
}: {
  label: string;
  value: string;
  onChange: (address: string) => void;
  testId: string;
  /** Offered besides the local personas. */
  accounts?: readonly Address[];
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <AccountSelect value={value} onChange={onChange} accounts={accounts} testId={testId} />
    </label>
  );
}
