// Registering a design or a derivative: its files hashed in the browser (their bytes never leave it), its name,
// description, tags and link as metadata, its project, its parents (the lineage and the shares they take shown before
// sending) and its licence terms; and a coordinator's new terms version for an existing design.
import { designCommonsAbi } from "@cosmolocal/sdk";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { formatUnits, parseEventLogs, zeroAddress, type Address, type Hex } from "viem";
import { useReadContract } from "wagmi";
import { MEMBER_ROLE } from "@cosmolocal/sdk";
import { useMe, useProject, type Project } from "../contribution/data";
import { isValidEvidenceLink } from "../contribution/evidence";
import { targetChain } from "../shared/config";
import type { TokenInfo } from "../shared/data/tokens";
import type { Problems } from "../shared/fieldErrors";
import { formatAmount, formatInt } from "../shared/format";
import { WalletGate } from "../shared/gate";
import { Outcome, useOutcome } from "../shared/Outcome";
import { navigate } from "../shared/router";
import { Submit } from "../shared/Submit";
import { Table } from "../shared/Table";
import { TextField, useFieldProblem } from "../shared/TextField";
import { unitOf } from "../shared/units";
import { designName, pct, useCurrency } from "./bits";
import { designsAddress } from "./contracts";
import { useDesignsReader, type Design, type DesignsReader } from "./data";
import { contentHashOf, hashFile, MAX_TAGS, metadataURI, normalTag, type DesignFile } from "./metadata";
import { useDesignsWrites, type TermsInput } from "./writes";

const commons = { address: designsAddress, abi: designCommonsAbi, chainId: targetChain.id } as const;
const DAY = 86_400;
/** The contract's limits: at most 8 ancestors taking at most 50 % of each fee. */
const MAX_ANCESTORS = 8;
const MAX_ANCESTOR_SHARE_BPS = 5_000;
const MAX_FEE = 2n ** 96n - 1n;

/** The terms as typed: fees in the currency's units, lengths in days, the derivatives' share in percent. */
interface TermsText {
  currency: Address;
  feePerUnit: string;
  feePerPeriod: string;
  periodDays: string;
  durationDays: string;
  sharePct: string;
}

const initialTerms = (currency: Address = zeroAddress): TermsText => ({
  currency,
  feePerUnit: "",
  feePerPeriod: "",
  periodDays: "30",
  durationDays: "365",
  sharePct: "10",
});

/** A number of days as whole seconds (from one hour to ~136 years, the uint32 of seconds), or undefined. */
function daysToSeconds(text: string): number | undefined {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const s = Math.round(n * DAY);
  return s >= 3600 && s < 2 ** 32 ? s : undefined;
}

/** The typed terms as the contract's, or each field's problem. */
function parseTerms(t: TermsText, decimals: number, symbol: string) {
  const unit = unitOf({ decimals, symbol });
  const fee = (text: string) => {
    if (!text.trim()) return { value: 0n };
    const p = unit.parse(text);
    if ("value" in p && p.value > MAX_FEE) return { error: `At most ${formatAmount(MAX_FEE, decimals)} ${symbol}.` };
    return p;
  };
  const perUnit = fee(t.feePerUnit);
  const perPeriod = fee(t.feePerPeriod);
  const periodLength = daysToSeconds(t.periodDays);
  const licenceDuration = daysToSeconds(t.durationDays);
  const share = Number(t.sharePct.trim());
  const shareBps = Math.round(share * 100);
  const problems: Problems<"feePerUnit" | "feePerPeriod" | "periodDays" | "durationDays" | "sharePct"> = {
    feePerUnit: "error" in perUnit ? perUnit.error : undefined,
    feePerPeriod: "error" in perPeriod ? perPeriod.error : undefined,
    periodDays:
      "value" in perPeriod && perPeriod.value > 0n && periodLength === undefined
        ? "A period lasts from one hour (0.042 days) to many years; enter days, like 30."
        : undefined,
    durationDays:
      licenceDuration === undefined
        ? "A licence lasts from one hour (0.042 days) to many years; enter days, like 365."
        : undefined,
    sharePct:
      !t.sharePct.trim() || !Number.isFinite(share) || share < 0 || shareBps > MAX_ANCESTOR_SHARE_BPS
        ? "Ask derivatives for 0 to 50 % of their fees, like 10."
        : undefined,
  };
  const terms: TermsInput | undefined =
    "value" in perUnit && "value" in perPeriod && licenceDuration !== undefined && !problems.sharePct
      ? {
          currency: t.currency,
          feePerUnit: perUnit.value,
          feePerPeriod: perPeriod.value,
          periodLength: perPeriod.value > 0n ? (periodLength ?? 0) : 0,
          licenceDuration,
          derivativeShareBps: shareBps,
        }
      : undefined;
  return { terms, problems };
}

/** The terms fields; the currency is one the project (and so the ancestors' projects) accepts as income. */
function TermsFields({
  t,
  set,
  project,
  problems,
}: {
  t: TermsText;
  set: (field: keyof TermsText) => (text: string) => void;
  project?: Project;
  problems: Partial<Record<keyof TermsText, string | undefined>>;
}) {
  const token = useCurrency(t.currency);
  const sym = token?.symbol ?? "";
  const tokens = project?.income.map((b) => b.token) ?? [{ address: zeroAddress, symbol: "ETH", decimals: 18 }];
  // Each field: what it holds, its label, its test id and an example.
  const fields: [Exclude<keyof TermsText, "currency">, string, string, string?][] = [
    ["feePerUnit", `Fee per unit made (${sym})`, "terms-per-unit", "e.g. 2.5"],
    ["feePerPeriod", `Fee per period (${sym})`, "terms-per-period", "0"],
    ["periodDays", "Period (days)", "terms-period-days"],
    ["durationDays", "A licence lasts (days)", "terms-duration-days"],
    ["sharePct", "Share asked of derivatives (%)", "terms-share"],
  ];
  return (
    <fieldset className="fieldset">
      <legend>Commercial licence terms</legend>
      <p className="muted small">
        Commons entities and the design's contributors never pay. Others pay per unit they make, per period of use, or
        both. A fee of 0 asks nothing but still records who produces what.
      </p>
      <div className="row">
        <label className="field field-narrow">
          <span>Currency</span>
          <select value={t.currency} onChange={(e) => set("currency")(e.target.value)} data-testid="terms-currency">
            {tokens.map((x) => (
              <option key={x.address} value={x.address}>
                {x.symbol}
              </option>
            ))}
          </select>
        </label>
        {fields.map(([field, label, testId, placeholder]) => (
          <TextField
            key={field}
            label={label}
            narrow
            inputMode="decimal"
            value={t[field]}
            onChange={set(field)}
            placeholder={placeholder}
            testId={testId}
            error={problems[field]}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** The design ids typed as "3, 7" (no duplicates), or a problem. */
function parseParents(text: string): { value: bigint[] } | { error: string } {
  const parts = text
    .split(/[\s,;#]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p) || p === "0"))
    return { error: "List the parent designs by number, like 3, 7." };
  const ids = parts.map(BigInt);
  if (new Set(parts.map(String)).size !== ids.length) return { error: "A design is listed twice." };
  return { value: ids };
}

/**
 * The ancestors a derivative of `parents` would record, as the contract computes them: each parent, then that
 * parent's recorded ancestors, without repeats, each with its current terms' share of derivatives' fees.
 */
async function lineageOf(reader: DesignsReader, parents: bigint[]) {
  const designs = new Map<bigint, Design | undefined>();
  const get = async (id: bigint) => {
    if (!designs.has(id)) designs.set(id, await reader.design(id));
    return designs.get(id);
  };
  const ids: bigint[] = [];
  const missing: bigint[] = [];
  for (const p of parents) {
    const parent = await get(p);
    if (!parent) {
      missing.push(p);
      continue;
    }
    for (const id of [p, ...parent.ancestors.map((a) => a.designId)]) if (!ids.includes(id)) ids.push(id);
  }
  const ancestors = await Promise.all(
    ids.map(async (id) => {
      const a = (await get(id))!;
      return { designId: id, name: designName(a), projectId: a.projectId, shareBps: a.terms.derivativeShareBps };
    }),
  );
  return { ancestors, missing, totalBps: ancestors.reduce((s, a) => s + a.shareBps, 0) };
}

export function RegisterDesign({ me, parent }: { me?: Address; parent?: bigint }) {
  return (
    <section className="panel">
      <h2>{parent ? "Register a derivative" : "Register a design"}</h2>
      <p className="muted small">
        Register the design your project made: its files are hashed here, in your browser, and only the hash goes on
        chain. The design stays free to download and use; its terms say what businesses outside the commons pay.
      </p>
      <WalletGate action="register a design">{me && <RegisterForm me={me} parent={parent} />}</WalletGate>
    </section>
  );
}

function RegisterForm({ me, parent }: { me: Address; parent?: bigint }) {
  const actions = useDesignsWrites();
  const reader = useDesignsReader();
  const [projectText, setProjectText] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState("");
  const [link, setLink] = useState("");
  const [files, setFiles] = useState<DesignFile[]>([]);
  const [hashing, setHashing] = useState(false);
  const [parentsText, setParentsText] = useState(parent ? parent.toString() : "");
  const [t, setT] = useState<TermsText>(initialTerms());

  const projectId = /^\d+$/.test(projectText.trim()) ? BigInt(projectText.trim()) : undefined;
  const project = useProject(projectId ?? 0n).data;
  const roles = useMe(projectId ?? 0n, me).data?.roles;
  const token = useCurrency(t.currency);
  const parents = parseParents(parentsText);
  const parentIds = "value" in parents ? parents.value : [];
  const lineage = useQuery({
    queryKey: ["designs", reader?.source, "lineage", parentIds.map(String)],
    queryFn: () => lineageOf(reader!, parentIds),
    enabled: !!reader && parentIds.length > 0,
  }).data;
  const contentHash = useQuery({
    queryKey: ["designs", "contentHash", files.map((f) => `${f.name}:${f.sha256}`)],
    queryFn: () => contentHashOf(files),
    enabled: files.length > 0,
  }).data;
  const existing = useReadContract({
    ...commons,
    functionName: "designOfContent",
    args: [contentHash ?? "0x"],
    query: { enabled: !!contentHash },
  }).data;
  const tagList = tags.split(",").map(normalTag).filter(Boolean);
  const parsedTerms = parseTerms(t, token?.decimals ?? 18, token?.symbol ?? "");

  const problems: Problems<string> = {
    project:
      projectId === undefined || projectId === 0n
        ? "Enter the number of the contribution project that made the design (see Contributions)."
        : project === null
          ? `There is no project ${projectId}.`
          : roles !== undefined && (roles & MEMBER_ROLE) === 0
            ? actions.refusal("NotProjectMember", { projectId, account: me })
            : undefined,
    name: name.trim() ? undefined : "Give the design a name people will search for.",
    tags: tagList.length > MAX_TAGS ? `At most ${MAX_TAGS} tags.` : undefined,
    link: isValidEvidenceLink(link) ? undefined : "A link starts with https:// or ipfs://.",
    files: files.length
      ? existing
        ? actions.refusal("ContentAlreadyRegistered", { contentHash: contentHash!, designId: existing })
        : undefined
      : "Choose the design's files: their hash identifies the design.",
    parents:
      "error" in parents
        ? parents.error
        : lineage?.missing.length
          ? actions.refusal("UnknownDesign", { designId: lineage.missing[0] })
          : lineage && lineage.ancestors.length > MAX_ANCESTORS
            ? actions.refusal("TooManyAncestors", {
                count: BigInt(lineage.ancestors.length),
                max: BigInt(MAX_ANCESTORS),
              })
            : lineage && lineage.totalBps > MAX_ANCESTOR_SHARE_BPS
              ? actions.refusal("AncestorSharesTooHigh", {
                  shareBps: BigInt(lineage.totalBps),
                  max: BigInt(MAX_ANCESTOR_SHARE_BPS),
                })
              : undefined,
    ...parsedTerms.problems,
  };
  const { error, setError, busy, setBusy, edited, problems: shown, attempt } = useOutcome<string>(problems);
  const filesProblem = useFieldProblem(shown.files, "design-files");
  const setTerm = (field: keyof TermsText) => edited((text: string) => setT((x) => ({ ...x, [field]: text })), field);

  async function pick(list: FileList | null) {
    setHashing(true);
    try {
      setFiles(await Promise.all([...(list ?? [])].map(hashFile)));
    } finally {
      setHashing(false);
    }
  }

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !contentHash || projectId === undefined || !parsedTerms.terms) return;
    setError(undefined);
    setBusy(true);
    const uri = metadataURI({ name, description, tags: tagList, link, files });
    const sent = await actions.registerDesign(
      contentHash as Hex,
      uri,
      projectId,
      parsedTerms.terms,
      parentIds,
      name.trim(),
    );
    setBusy(false);
    if (sent.ok && sent.receipt) {
      const [registered] = parseEventLogs({
        abi: designCommonsAbi,
        eventName: "DesignRegistered",
        logs: sent.receipt.logs,
      });
      if (registered) navigate("designs", "d", registered.args.designId);
    } else if (!sent.ok) setError(sent.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <div className="row">
        <TextField
          label="Project number"
          narrow
          inputMode="numeric"
          value={projectText}
          onChange={edited(setProjectText, "project")}
          placeholder="e.g. 1"
          testId="design-project-id"
          error={shown.project}
        />
        <p className="muted small" data-testid="design-project-name">
          {project ? `${project.name}${roles !== undefined && roles & MEMBER_ROLE ? " · you are a member" : ""}` : ""}
        </p>
      </div>
      <TextField
        label="Name"
        value={name}
        onChange={edited(setName, "name")}
        placeholder="e.g. Solar food dryer"
        testId="design-name-input"
        error={shown.name}
      />
      <label className="field">
        <span>Description</span>
        <textarea
          value={description}
          onChange={(e) => edited(setDescription)(e.target.value)}
          rows={3}
          data-testid="design-description-input"
        />
      </label>
      <div className="row">
        <TextField
          label="Tags (comma-separated)"
          value={tags}
          onChange={edited(setTags, "tags")}
          placeholder="e.g. solar, food, drying"
          testId="design-tags"
          error={shown.tags}
        />
        <TextField
          label="Where to download the files (optional)"
          value={link}
          onChange={edited(setLink, "link")}
          placeholder="https://… or ipfs://…"
          testId="design-link"
          error={shown.link}
        />
      </div>
      <label className="field">
        <span>Files</span>
        <input
          type="file"
          multiple
          onChange={(e) => void pick(e.target.files)}
          data-testid="design-files"
          {...filesProblem.control}
        />
        {filesProblem.line}
      </label>
      {hashing && <p className="muted small">Hashing…</p>}
      {files.length > 0 && (
        <>
          <Table
            testId="design-file-hashes"
            head={
              <>
                <th>File</th>
                <th className="num">Bytes</th>
                <th>SHA-256</th>
              </>
            }
          >
            {files.map((f) => (
              <tr key={f.name}>
                <td>{f.name}</td>
                <td className="num">{formatInt(f.size)}</td>
                <td>
                  <code title={f.sha256}>{f.sha256.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </Table>
          {contentHash && (
            <p className="small">
              Content hash{" "}
              <code data-hash data-testid="design-content-hash-preview">
                {contentHash}
              </code>
            </p>
          )}
        </>
      )}
      <TextField
        label="Derives from designs (numbers, optional)"
        value={parentsText}
        onChange={edited(setParentsText, "parents")}
        placeholder="e.g. 3, 7"
        testId="design-parents"
        error={shown.parents}
      />
      {lineage && lineage.ancestors.length > 0 && (
        <p className="muted small" data-testid="design-lineage">
          Each fee of this design will first give {pct(lineage.totalBps)} to its ancestors:{" "}
          {lineage.ancestors.map((a) => `${a.name} ${pct(a.shareBps)}`).join(", ")}. The rest goes to your project's
          contributors.
        </p>
      )}
      <TermsFields t={t} set={setTerm} project={project ?? undefined} problems={shown} />
      <Outcome testId="register" error={error} />
      <Submit testId="register-submit" busy={busy || hashing}>
        {busy ? "Registering…" : "Register the design"}
      </Submit>
    </form>
  );
}

/** A coordinator's new version of a design's terms: new licences take it; existing ones keep theirs. */
export function NewTerms({ design: d }: { design: Design }) {
  const token = useCurrency(d.terms.currency);
  return (
    <section className="panel">
      <details>
        <summary>Change the terms (you coordinate its project)</summary>
        {/* The form starts from the current terms, so it waits for their currency's decimals. */}
        {token ? <NewTermsForm design={d} token={token} /> : <p className="muted">Loading…</p>}
      </details>
    </section>
  );
}

function NewTermsForm({ design: d, token }: { design: Design; token: TokenInfo }) {
  const actions = useDesignsWrites();
  const project = useProject(d.projectId).data;
  const [t, setT] = useState<TermsText>(() => ({
    currency: d.terms.currency,
    feePerUnit: d.terms.feePerUnit ? formatUnits(d.terms.feePerUnit, token.decimals) : "",
    feePerPeriod: d.terms.feePerPeriod ? formatUnits(d.terms.feePerPeriod, token.decimals) : "",
    periodDays: String(d.terms.periodLength ? d.terms.periodLength / DAY : 30),
    durationDays: String(d.terms.licenceDuration / DAY),
    sharePct: String(d.terms.derivativeShareBps / 100),
  }));
  const current = useCurrency(t.currency);
  const parsed = parseTerms(t, current?.decimals ?? token.decimals, current?.symbol ?? token.symbol);
  const { error, setError, busy, setBusy, done, setDone, edited, problems, attempt } = useOutcome<string>(
    parsed.problems,
  );
  const set = (field: keyof TermsText) => edited((text: string) => setT((x) => ({ ...x, [field]: text })), field);

  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    if (!attempt() || !parsed.terms) return;
    setError(undefined);
    setBusy(true);
    const sent = await actions.setTerms(d.id, parsed.terms, designName(d));
    setBusy(false);
    if (sent.ok) setDone("New terms set: new licences take them.");
    else setError(sent.error);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TermsFields t={t} set={set} project={project ?? undefined} problems={problems} />
      <Outcome testId="new-terms" error={error} done={done} />
      <Submit testId="new-terms-submit" busy={busy}>
        {busy ? "Setting…" : `Set terms version ${d.terms.version + 1}`}
      </Submit>
    </form>
  );
}
