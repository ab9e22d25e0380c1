// Transaction lifecycle toasts: awaiting signature (a browser wallet) or sending (the local test wallet, which signs
// without a prompt) → pending (with hash) → indexing (with a subgraph) → confirmed / failed (plain message).
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { shortHash } from "./format";
import { explorerLink } from "./config";

export type ToastStage = "signing" | "sending" | "pending" | "indexing" | "success" | "error" | "info";

export interface Toast {
  id: number;
  title: string;
  stage: ToastStage;
  message?: string;
  hash?: string;
}

interface ToastApi {
  show(t: Omit<Toast, "id">): number;
  update(id: number, t: Partial<Omit<Toast, "id">>): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);

const STAGE_LABEL: Record<ToastStage, string> = {
  signing: "Awaiting signature",
  sending: "Sending",
  pending: "Pending",
  indexing: "Indexing…",
  success: "Confirmed",
  error: "Failed",
  info: "",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((ts) => ts.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const schedule = useCallback(
    (id: number, stage: ToastStage) => {
      clearTimeout(timers.current.get(id));
      if (stage === "success" || stage === "info")
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), 4_000),
        );
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      show(t) {
        const id = nextId.current++;
        setToasts((ts) => [...ts.slice(-2), { ...t, id }]);
        schedule(id, t.stage);
        return id;
      },
      update(id, patch) {
        setToasts((ts) => ts.map((t) => (t.id === id ? { ...t, ...patch } : t)));
        if (patch.stage) schedule(id, patch.stage);
      },
      dismiss,
    }),
    [dismiss, schedule],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.stage}`}
            role={t.stage === "error" ? "alert" : "status"}
            data-testid="toast"
            data-stage={t.stage}
          >
            <div className="toast-head">
              {t.stage === "signing" || t.stage === "sending" || t.stage === "pending" || t.stage === "indexing" ? (
                <span className="spinner" aria-hidden />
              ) : null}
              <strong>{t.title}</strong>
              <button className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
                ×
              </button>
            </div>
            <div className="toast-body">
              {STAGE_LABEL[t.stage] && <span className="toast-stage">{STAGE_LABEL[t.stage]}</span>}
              {t.message && <span>{t.message}</span>}
              {t.hash && <TxHash hash={t.hash} />}
            </div>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts outside ToastProvider");
  return api;
}

/** A transaction's short hash, linked to the target chain's explorer when it has one. */
function TxHash({ hash }: { hash: string }) {
  const code = (
    <code className="toast-hash" title={hash}>
      tx {shortHash(hash)}
    </code>
  );
  const link = explorerLink("tx", hash);
  return link ? (
    <a href={link} target="_blank" rel="noreferrer" data-testid="toast-explorer-link">
      {code}
    </a>
  ) : (
    code
  );
}
