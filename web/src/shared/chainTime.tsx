// Chain time (the latest block's timestamp, never the browser's clock): the hooks every deadline, window, season and
// round is decided with, the read a signature's deadline counts from, and on the local chain only the one dev clock
// (in the app shell) that moves the chain forward (evm_increaseTime + evm_mine), with the shortcuts pages offer.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { createTestClient, http } from "viem";
import type { Config } from "wagmi";
import { getBlock } from "wagmi/actions";
import { isLocalChain, rpcUrl, targetChain } from "./config";
import { useHeadBlock } from "./data/live";
import { formatDate } from "./format";

export const HOUR = 3600;
export const DAY = 86_400;

/** The latest block's timestamp (seconds), polled with the blocks; undefined until the first block is read. */
export function useChainTime(): number | undefined {
  const block = useHeadBlock();
  return block.data ? Number(block.data.timestamp) : undefined;
}

/** Chain time ticking every second from the latest block's timestamp (countdowns, windows closing by the second). */
export function useChainClock(): number | undefined {
  const chainTime = useChainTime();
  const [tick, setTick] = useState({ base: chainTime, seenAt: Date.now() });
  if (tick.base !== chainTime) setTick({ base: chainTime, seenAt: Date.now() });
  const [, force] = useState(0);
  useEffect(() => {
    const t = setInterval(() => force((x) => x + 1), 1_000);
    return () => clearInterval(t);
  }, []);
  return chainTime === undefined ? undefined : chainTime + Math.floor((Date.now() - tick.seenAt) / 1000);
}

/**
 * A signature's deadline: the latest block's timestamp, read at signing time, plus `validitySeconds` (the contract
 * compares it with `block.timestamp`, so the browser's clock must not decide it).
 */
export async function chainDeadline(config: Config, validitySeconds: number): Promise<bigint> {
  const head = await getBlock(config, { chainId: targetChain.id, blockTag: "latest" });
  return head.timestamp + BigInt(validitySeconds);
}

/** Unix seconds as the local calendar day an `<input type="date">` holds ("2026-01-06"). */
export function dateInputValue(unix: number): string {
  const d = new Date(unix * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2 d 3 h", "14 min 5 s", "now" — a countdown to `at` from `now` (seconds). */
export function formatCountdown(at: number, now: number): string {
  let left = at - now;
  if (left <= 0) return "now";
  const d = Math.floor(left / DAY);
  left -= d * DAY;
  const h = Math.floor(left / HOUR);
  left -= h * HOUR;
  const m = Math.floor(left / 60);
  const sec = left - m * 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`;
}

export interface ClockTarget {
  /** Button label, e.g. "past the ETA of proposal 3". */
  label: string;
  /** Chain time (seconds) the clock should pass. */
  at: number;
  testId?: string;
}

/** The dev clock's fixed steps forward. */
export const CLOCK_STEPS = [
  { label: "+1 hour", seconds: HOUR },
  { label: "+1 day", seconds: DAY },
  { label: "+30 days", seconds: 30 * DAY },
] as const;

/** The targets still ahead of chain time `now` (none before it is known), one per label, soonest first. */
export function clockShortcuts(targets: ClockTarget[], now: number | undefined): ClockTarget[] {
  if (now === undefined) return [];
  const byLabel = new Map<string, ClockTarget>();
  for (const t of targets) if (t.at >= now && !byLabel.has(t.label)) byLabel.set(t.label, t);
  return [...byLabel.values()].sort((a, b) => a.at - b.at);
}

// The targets the mounted pages offer the shell's dev clock, by page (a small store, so the shell needs no provider).
const offered = new Map<object, ClockTarget[]>();
const listeners = new Set<() => void>();
let allOffered: ClockTarget[] = [];
function publish() {
  allOffered = [...offered.values()].flat();
  listeners.forEach((l) => l());
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Offers `targets` as dev-clock shortcuts while the calling page is mounted (e.g. "past the ETA (3)"). */
export function useClockTargets(targets: ClockTarget[]) {
  const key = JSON.stringify(targets);
  useEffect(() => {
    if (!isLocalChain) return;
    const page = {};
    offered.set(page, JSON.parse(key) as ClockTarget[]);
    publish();
    return () => {
      offered.delete(page);
      publish();
    };
  }, [key]);
}

/**
 * The dev clock (local chain only; renders nothing elsewhere), mounted once in the app shell: shows chain time and
 * moves the chain's clock forward by a fixed step or just past a target a page offers, mining a block so the new time
 * takes effect, then refreshes every query.
 */
export function DevClock() {
  const now = useChainTime();
  const targets = useSyncExternalStore(subscribe, () => allOffered);
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const test = useMemo(
    () => (isLocalChain ? createTestClient({ chain: targetChain, mode: "hardhat", transport: http(rpcUrl) }) : null),
    [],
  );
  if (!isLocalChain || !test) return null;

  async function forward(seconds: number) {
    setBusy(true);
    setError(undefined);
    try {
      await test!.increaseTime({ seconds: Math.max(1, Math.ceil(seconds)) });
      await test!.mine({ blocks: 1 });
      await queryClient.invalidateQueries();
    } catch (err) {
      setError((err as Error).message);
    }
    setBusy(false);
  }

  return (
    <aside className="devclock" data-testid="dev-clock" aria-label="Dev clock (local chain only)">
      <span className="devclock-label">
        <strong>Dev clock</strong> · local chain only · chain time{" "}
        <span data-testid="chain-time" data-ts={now}>
          {now === undefined ? "…" : formatDate(now)}
        </span>
      </span>
      <span className="actions">
        {CLOCK_STEPS.map((s) => (
          <button
            key={s.label}
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            title={`Move the chain's clock ${s.label.slice(1)} forward`}
            onClick={() => forward(s.seconds)}
          >
            {s.label}
          </button>
        ))}
        {clockShortcuts(targets, now).map((t) => (
          <button
            key={t.label}
            type="button"
            className="btn btn-small btn-secondary"
            disabled={busy || now === undefined}
            data-testid={t.testId}
            onClick={() => forward(t.at - now! + 1)}
          >
            {t.label}
          </button>
        ))}
      </span>
      {error && <span className="error small">{error}</span>}
    </aside>
  );
}
