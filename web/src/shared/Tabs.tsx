import type { ReactNode } from "react";

/** A module's tab bar: links (hash routes), the active one marked, an optional count badge per tab. */
export function Tabs({
  tabs,
  active,
  href,
  testIdPrefix,
  count,
}: {
  tabs: readonly { id: string; label: string }[];
  active: string;
  href: (id: string) => string;
  testIdPrefix: string;
  /** A tab's badge: a number, or text such as "20+" for a list read a page at a time; none for 0 or "". */
  count?: (id: string) => number | string;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => {
        const n: ReactNode = count?.(t.id) ? <span className="count">{count(t.id)}</span> : null;
        return (
          <a
            key={t.id}
            role="tab"
            aria-selected={active === t.id}
            className={`tab${active === t.id ? " tab-active" : ""}`}
            href={href(t.id)}
            data-testid={`${testIdPrefix}-${t.id}`}
          >
            {t.label}
            {n}
          </a>
        );
      })}
    </div>
  );
}
