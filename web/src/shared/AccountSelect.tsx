// A picker of accounts by name: the given accounts (e.g. a resource's holders), the local personas on the local
// chain, or any address typed in; and the labelled field of one, its problem under it.
import { useState, type ReactNode } from "react";
import { getAddress, isAddress, type Address } from "viem";
import { BURNER_ACCOUNT_COUNT, burnerAccount } from "./burner";
import { isLocalChain } from "./config";
import { sameAddress } from "./format";
import { accountLabel, personaName } from "./names";
import { useFieldProblem } from "./TextField";

const OTHER = "other";

/**
 * The account a picker holds (it holds typed text as typed until it is an address): its address, or `choose` when
 * empty, or that the typed text is not an address (after `label`, when given).
 */
export function pickedAccount(value: string, choose: string, label?: string): { value: Address } | { error: string } {
  const t = value.trim();
  if (!t) return { error: choose };
  if (isAddress(t, { strict: false })) return { value: getAddress(t) };
  return { error: `${label ? `${label}: ` : ""}“${t}” is not a valid address (0x and 40 hexadecimal digits).` };
}

/** Typed text as a picker passes it on: the checksummed address, or the text itself while it is none. */
const typedValue = (text: string) => {
  const t = text.trim();
  return isAddress(t, { strict: false }) ? getAddress(t) : t;
};

/** The local personas' addresses (empty on other chains). */
export function personaAddresses(): Address[] {
  if (!isLocalChain) return [];
  return Array.from({ length: BURNER_ACCOUNT_COUNT }, (_, i) => burnerAccount(i).address).filter(
    (a) => !!personaName(a),
  );
}

interface AccountSelectProps {
  value: string;
  onChange: (address: string) => void;
  accounts?: readonly Address[];
  /** Also offer the local personas (local chain only). */
  personas?: boolean;
  exclude?: readonly (string | undefined)[];
  testId?: string;
  placeholder?: string;
}

/** A labelled account picker with its problem under it (under `${testId}-problem`). */
export function AccountField({
  label,
  error,
  ...select
}: AccountSelectProps & { label: ReactNode; error?: string; testId: string }) {
  const problem = useFieldProblem(error, select.testId);
  return (
    <label className="field">
      <span>{label}</span>
      <AccountSelect {...select} aria={problem.control} />
      {problem.line}
    </label>
  );
}

export function AccountSelect({
  value,
  onChange,
  accounts = [],
  personas = true,
  exclude,
  testId,
  placeholder = "Choose an account",
  aria,
}: AccountSelectProps & {
  /** Ties the picker to its field's problem line. */
  aria?: { "aria-invalid": boolean; "aria-describedby"?: string };
}) {
  const options: Address[] = [];
  for (const a of [...accounts, ...(personas ? personaAddresses() : [])])
    if (!options.some((o) => sameAddress(o, a)) && !exclude?.some((x) => sameAddress(x, a))) options.push(a);
  const listed = !value || options.some((o) => sameAddress(o, value));
  const [typing, setTyping] = useState(!listed);
  const [text, setText] = useState(listed ? "" : value);
  return (
    <span className="account-select">
      <select
        value={typing ? OTHER : value}
        data-testid={testId}
        data-identity
        {...aria}
        onChange={(e) => {
          const v = e.target.value;
          setTyping(v === OTHER);
          if (v !== OTHER) onChange(v);
          else onChange(typedValue(text));
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((a) => (
          <option key={a} value={a}>
            {accountLabel(a)}
          </option>
        ))}
        <option value={OTHER}>Another address…</option>
      </select>
      {typing && (
        <input
          value={text}
          placeholder="0x…"
          data-testid={testId && `${testId}-address`}
          aria-invalid={!!text && !isAddress(text, { strict: false })}
          onChange={(e) => {
            setText(e.target.value);
            onChange(typedValue(e.target.value));
          }}
        />
      )}
    </span>
  );
}
