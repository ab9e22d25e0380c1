// What the council's paymaster actions share: amounts of ETH and durations in days typed in and parsed, the picker of
// the system's contracts (or another address), and the line that says what the paymaster holds now.
import { formatEther, type Address } from "viem";
import type { Parsed } from "../../council/actions/action";
import { Text } from "../../council/actions/fields";
import { pickedAccount } from "../../shared/AccountSelect";
import { DAY } from "../../shared/chainTime";
import { formatInt, sameAddress } from "../../shared/format";
import { unitOf } from "../../shared/units";
import { eth } from "../errors";
import { SYSTEM_CONTRACTS } from "./calls";
import type { PaymasterState } from "./state";

const ETH = unitOf({ decimals: 18, symbol: "ETH" });
/** The largest budget or cap the paymaster stores (2^96 - 1 wei). */
const MAX_BUDGET = 2n ** 96n - 1n;
/** The longest unstake delay (a uint32 of seconds), in whole days. */
const MAX_DELAY_DAYS = Math.floor((2 ** 32 - 1) / DAY);

const labelled = (label: string, error: string) => `${label}: ${error.charAt(0).toLowerCase()}${error.slice(1)}`;

/** An amount of ETH typed for `label`: above 0, or also 0 with `zero`. */
export function parseEth(text: string, label: string, zero = false): Parsed<bigint> {
  if (zero && /^\s*0+(\.0*)?\s*$/.test(text)) return { value: 0n };
  const amount = ETH.parse(text);
  return "error" in amount ? { error: labelled(label, amount.error) } : amount;
}

/** A budget or cap in ETH per period (0 allowed), at most what the paymaster stores. */
export function parseBudget(text: string, label: string): Parsed<bigint> {
  const amount = parseEth(text, label, true);
  if ("value" in amount && amount.value > MAX_BUDGET)
    return { error: `${label}: at most ${eth(MAX_BUDGET)} (what the paymaster can store).` };
  return amount;
}

/** A duration typed in days (up to 4 decimals), as whole seconds above 0 that fit the EntryPoint's delay. */
export function parseDays(text: string, label: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+(\.\d{1,4})?$/.test(t)) return { error: `${label}: enter a number of days, like 1 or 7.` };
  const seconds = Math.round(Number(t) * DAY);
  if (seconds === 0) return { error: `${label}: enter more than 0 days.` };
  if (Number(t) > MAX_DELAY_DAYS) return { error: `${label}: at most ${formatInt(MAX_DELAY_DAYS)} days.` };
  return { value: seconds };
}

/** An amount as the form shows it: ETH, every decimal kept. */
export const ethText = (wei: bigint) => formatEther(wei);

/** A target picker's value: a system contract's address, `OTHER` (an address typed in `address`), or "" (none). */
export interface TargetText {
  target: string;
  address: string;
}
export const OTHER = "other";

/** The contract a target picker holds, or what is missing. */
export function pickedTarget(d: TargetText, label: string): Parsed<Address> {
  if (d.target !== OTHER)
    return d.target ? { value: d.target as Address } : { error: `${label}: choose the contract.` };
  return pickedAccount(d.address, `${label}: type the contract's address.`, label);
}

/** The system's contracts by name (each marked sponsored or not, once read), or another contract by its address. */
export function TargetPick({
  d,
  set,
  state,
}: {
  d: TargetText;
  set: (patch: Partial<TargetText>) => void;
  state?: PaymasterState;
}) {
  const status = (a: Address) =>
    state ? (state.allowed.some((x) => sameAddress(x, a)) ? " (sponsored)" : " (not sponsored)") : "";
  return (
    <>
      <label className="field">
        <span>Contract</span>
        <select value={d.target} onChange={(e) => set({ target: e.target.value })} data-testid="action-contract">
          <option value="">Choose a contract</option>
          {SYSTEM_CONTRACTS.map((c) => (
            <option key={c.address} value={c.address}>
              {c.name.charAt(0).toUpperCase() + c.name.slice(1)}
              {status(c.address)}
            </option>
          ))}
          <option value={OTHER}>Another contract…</option>
        </select>
      </label>
      {d.target === OTHER && (
        <Text
          label="Contract address"
          value={d.address}
          onChange={(address) => set({ address })}
          testId="action-contract-address"
          narrow={false}
        />
      )}
    </>
  );
}

/** What the paymaster holds now, in one line (nothing until it is read). */
export function Holdings({ state }: { state?: PaymasterState }) {
  if (!state) return <p className="muted small">Reading the paymaster…</p>;
  const stake =
    state.stake === 0n ? "no stake" : `a stake of ${eth(state.stake)} (${state.staked ? "locked" : "unlocked"})`;
  return (
    <p className="muted small" data-testid="paymaster-holdings">
      The paymaster holds a gas deposit of {eth(state.deposit)} and {stake} at the EntryPoint
      {state.treasury === undefined ? "" : `; the council's treasury (its timelock) holds ${eth(state.treasury)}`}.
    </p>
  );
}
