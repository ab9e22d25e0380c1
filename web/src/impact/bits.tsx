// Small pieces shared by the impact screens: tonnes with their exact kg, a claim's status badge, money, a hash, a
// claim's one-line description and table cell, the report / reason field, labelled drop-downs and day fields.
import { ClaimStatus } from "@cosmolocal/sdk";
import { useState } from "react";
import { keccak256, stringToHex, type Hex } from "viem";
import type { TokenInfo } from "../shared/data/tokens";
import { href } from "../shared/router";
import { bytes32ToText, textToBytes32 } from "../shared/units";
import { dayToIso, fmtMoney, fmtT, methodologyName, periodText, type ClaimCore, type ImpactBase } from "./data";
import { TextField, useFieldProblem } from "../shared/TextField";

/** Tonnes of CO2e; the exact kilograms in `data-kg` for checks and on hover. */
export function Tonnes({ kg, testId }: { kg: bigint; testId?: string }) {
  return (
    <span data-testid={testId} data-kg={kg.toString()} title={`${kg.toString()} kg CO2e`}>
      {fmtT(kg)}
    </span>
  );
}

export function Money({ value, token, testId }: { value: bigint; token: TokenInfo; testId?: string }) {
  return (
    <span data-testid={testId} data-wei={value.toString()} title={`${value} base units of ${token.symbol}`}>
      {fmtMoney(value, token)}
    </span>
  );
}

const TONE: Record<string, string> = {
  Submitted: "pending",
  Verified: "accepted",
  Rejected: "rejected",
  Revoked: "rejected",
};

export function statusName(c: ClaimCore): string {
  return ClaimStatus[c.status] ?? "None";
}

/** "Submitted (1 of 2)", "Verified", "Revoked 15 of 40 t". */
export function StatusBadge({ c }: { c: ClaimCore }) {
  const name = statusName(c);
  const detail =
    name === "Submitted"
      ? ` · ${c.approvals} of ${c.threshold} approvals${c.rejections ? `, ${c.rejections} rejection${c.rejections > 1 ? "s" : ""}` : ""}`
      : name === "Revoked"
        ? ` · ${fmtT(c.revokedUnits)} of ${fmtT(c.verifiedUnits)}`
        : "";
  return (
    <span className={`badge badge-${TONE[name] ?? "expired"}`} data-testid="claim-status" data-status={name}>
      {name}
      {detail}
    </span>
  );
}

export function ClaimLink({ id }: { id: bigint }) {
  return (
    <a href={href("impact", "claim", id)} data-testid="claim-link">
      #{id.toString()}
    </a>
  );
}

/** "Fishing-fleet electrification v1 · NL-ZH · 1 Mar 2025 – 30 Nov 2025" */
export function claimLine(base: ImpactBase, c: ClaimCore): string {
  return `${methodologyName(base, c.methodologyId)} · ${c.jurisdictionCode} · ${periodText(c.startDay, c.endDay)}`;
}

export function Hash({ value }: { value: Hex }) {
  return (
    <code className="small" data-hash title={value}>
      {value.slice(0, 10)}…{value.slice(-4)}
    </code>
  );
}

/** A short reason stored as text in a bytes32, else its hash. */
export function Reason({ value }: { value: Hex }) {
  const text = bytes32ToText(value);
  return text ? <span>“{text}”</span> : <Hash value={value} />;
}

/** A reason as bytes32: short text (up to 31 bytes) readable by everyone, else its keccak-256. */
export function reasonToBytes32(text: string): Hex {
  return textToBytes32(text.trim()) ?? keccak256(stringToHex(text.trim()));
}

/** A report: a file (hashed in the browser, never uploaded) or its text; `hash` is what goes on chain. */
export function useReport() {
  const [text, setText] = useState("");
  const [file, setFile] = useState<{ name: string; hash: Hex }>();
  const hash = file?.hash ?? (text.trim() ? keccak256(stringToHex(text.trim())) : undefined);
  return { text, setText, file, setFile, hash, reset: () => (setText(""), setFile(undefined)) };
}

export function ReportField({
  report,
  label,
  testId,
  error,
}: {
  report: ReturnType<typeof useReport>;
  label: string;
  testId: string;
  /** What is missing, shown under the text (under `${testId}-problem`). */
  error?: string;
}) {
  const problem = useFieldProblem(error, testId);
  return (
    <>
      <div className="row">
        <label className="field">
          <span>{label} file (hashed here, not uploaded)</span>
          <input
            type="file"
            data-testid={`${testId}-file`}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              report.setFile(f ? { name: f.name, hash: keccak256(new Uint8Array(await f.arrayBuffer())) } : undefined);
            }}
          />
        </label>
        <label className="field">
          <span>…or the {label.toLowerCase()}&apos;s text</span>
          <input
            value={report.text}
            disabled={!!report.file}
            onChange={(e) => report.setText(e.target.value)}
            data-testid={`${testId}-text`}
            placeholder="Site visit 12 May, meters read, invoices checked"
            {...problem.control}
          />
          {problem.line}
        </label>
      </div>
      {report.hash && (
        <p className="small muted">
          {label} hash (keccak-256{report.file ? ` of ${report.file.name}` : " of the text"}):{" "}
          <code data-hash data-testid={`${testId}-hash`}>
            {report.hash}
          </code>
        </p>
      )}
    </>
  );
}

/** A table cell naming a claim's methodology, with its place and period below. */
export function ClaimCell({ base, c }: { base: ImpactBase; c: ClaimCore }) {
  return (
    <td className="small">
      {methodologyName(base, c.methodologyId)}
      <div className="muted">
        {c.jurisdictionCode} · {periodText(c.startDay, c.endDay)}
      </div>
    </td>
  );
}

/** A labelled drop-down of the given options, after a first choice `any` (value "") when given. */
export function SelectField({
  label,
  narrow,
  value,
  onChange,
  testId,
  any,
  options,
}: {
  label: string;
  narrow?: boolean;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  any?: string;
  options: { value: string; text: string }[];
}) {
  return (
    <label className={narrow ? "field field-narrow" : "field"}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A methodology filter: "All" (value "") or one of the registry's methodologies (value = its id). */
export function MethodologyFilter({
  base,
  value,
  onChange,
  testId,
}: {
  base: ImpactBase;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const options = base.methodologies.map((m) => ({ value: m.id.toString(), text: m.name }));
  return (
    <SelectField label="Methodology" value={value} onChange={onChange} testId={testId} any="All" options={options} />
  );
}

/** A UTC day as a date input (`YYYY-MM-DD`), between the chain days `min` (1 Jan 1970 unless given) and `max`. */
export function DayField({
  label,
  value,
  onChange,
  min = 0,
  max,
  testId,
  error,
}: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  min?: number;
  max?: number;
  testId: string;
  error?: string;
}) {
  return (
    <TextField
      label={label}
      narrow
      value={value}
      onChange={onChange}
      type="date"
      min={dayToIso(min)}
      max={max === undefined ? undefined : dayToIso(max)}
      testId={testId}
      error={error}
    />
  );
}

/** The currencies of listings and rounds: ETH and the tokens the dApp knows (value = the token's address). */
export const currencyOptions = (base: ImpactBase) => base.currencies.map((c) => ({ value: c.address, text: c.symbol }));
