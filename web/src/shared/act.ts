// Buttons that each start a write: which one is busy (by its key) and the error of the last write that failed.
import { useState } from "react";

export function useAct() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  /** Runs `write` with `key` busy; resolves to whether it succeeded. */
  const act = async (key: string, write: () => Promise<{ ok: boolean; error?: string }>) => {
    setBusy(key);
    setError(undefined);
    const out = await write();
    setBusy(undefined);
    if (!out.ok) setError(out.error);
    return out.ok;
  };
  return { busy, error, setError, act };
}
