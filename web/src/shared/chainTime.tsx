// Chain time (the latest block's timestamp, never the browser's clock) with a ticking countdown, and on the local
// chain only the dev clock that moves the chain forward (evm_increaseTime + evm_mine).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { createTestClient, http } from "viem";
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

/** Chain time ticking every second from the latest block's timestamp (for countdowns only). */
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

/**
 * Dev clock (local chain only; renders nothing elsewhere): moves the chain's clock forward by an hour, a day, or just
 * past one of `targets`, mining a block so the new time takes effect, then refreshes every query.
 */
export function DevClock({ targets = [] }: { targets?: ClockTarget[] }) {
  const now = useChainTime();
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

  const ahead = targets.filter((t) => now !== undefined && t.at >= now);
  return (
    <aside className="devclock" data-testid="dev-clock" aria-label="Dev clock (local chain only)">
      <span className="devclock-label">
        <strong>Dev clock</strong> · local chain only · chain time{" "}
        <span data-testid="chain-time" data-ts={now}>
          {now === undefined ? "…" : formatDate(now)}
        </span>
      </span>
      <span className="actions">
        <button className="btn btn-small btn-ghost" disabled={busy} onClick={() => forward(HOUR)}>
          +1 hour
        </button>
        <button className="btn btn-small btn-ghost" disabled={busy} onClick={() => forward(DAY)}>
          +1 day
        </button>
        {ahead.map((t) => (
          <button
            key={t.label}
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
