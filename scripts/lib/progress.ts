// The stages of the local stack (`startStack`, then `npm start`'s dApp), timing one of them, and the plain lines
// `npm start` prints for them: one line per start and end, no cursor movement, so a terminal and a CI log read alike.

/** Each stage and what it does, in the order they run. */
export const STAGES = {
  compile: "contracts (Hardhat build)",
  node: "in-process Hardhat node, JSON-RPC",
  deploy: "canonical EntryPoint v0.8, Ignition deployment, SDK addresses",
  "demo data": "council, resource, contribution, credit, impact and sponsorship demos",
  bundler: "ERC-4337 bundler (Alto)",
  dApp: "Vite dev server",
} as const;
export type Stage = keyof typeof STAGES;

export type StageEvent = { stage: Stage; phase: "start" } | { stage: Stage; phase: "done" | "failed"; ms: number };
/** Told when a stage starts and when it ends (also when it fails), with its elapsed milliseconds. */
export type OnStage = (event: StageEvent) => void;

/** Runs `work` as `stage`: reports its start, then its end and elapsed time, done or failed (and rethrows). */
export async function timeStage<T>(
  stage: Stage,
  onStage: OnStage | undefined,
  work: () => Promise<T>,
  now: () => number = () => performance.now(),
): Promise<T> {
  const t0 = now();
  onStage?.({ stage, phase: "start" });
  try {
    const result = await work();
    onStage?.({ stage, phase: "done", ms: now() - t0 });
    return result;
  } catch (err) {
    onStage?.({ stage, phase: "failed", ms: now() - t0 });
    throw err;
  }
}

/** "0.4 s", "52.3 s" under a minute (to a tenth), "2 min 05 s" from a minute on. */
export function formatDuration(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

const NAME_WIDTH = Math.max(...Object.keys(STAGES).map((s) => s.length));
const TIME_WIDTH = "59 min 59 s".length;

/**
 * The line of one event: "→ compile    contracts (Hardhat build)…" when a stage starts, "✓ compile         52.3 s" when
 * it is done, "✗ node               0.1 s  failed" when it failed; names and times in aligned columns.
 */
export function stageLine(e: StageEvent): string {
  const name = e.stage.padEnd(NAME_WIDTH);
  if (e.phase === "start") return `→ ${name}  ${STAGES[e.stage]}…`;
  const time = formatDuration(e.ms).padStart(TIME_WIDTH);
  return e.phase === "done" ? `✓ ${name}  ${time}` : `✗ ${name}  ${time}  failed`;
}
