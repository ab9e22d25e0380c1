// A tiny hash router: #/, #/new, #/project/<id>/<tab>.
import { useSyncExternalStore } from "react";

function subscribe(l: () => void) {
  window.addEventListener("hashchange", l);
  return () => window.removeEventListener("hashchange", l);
}

export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return hash.replace(/^#\/?/, "").split("/").filter(Boolean);
}

export function href(...parts: (string | number | bigint)[]): string {
  return `#/${parts.join("/")}`;
}

export function navigate(...parts: (string | number | bigint)[]) {
  window.location.hash = href(...parts);
}
