// A data table in its scrolling wrapper: one header row of the given cells, then the body rows. On a phone each row
// is a card (styles.css), its cells named by their column: the header's text, copied onto each body cell.
import { useLayoutEffect, useRef, type ReactNode } from "react";

/** Names each body cell of `table` by its header cell (data-label), through column spans. */
function labelCells(table: HTMLTableElement) {
  const names = Array.from(table.tHead?.rows[0]?.cells ?? [], (th) => th.textContent?.trim() ?? "");
  for (const body of Array.from(table.tBodies))
    for (const row of Array.from(body.rows)) {
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        const name = cell.colSpan === 1 ? names[column] : undefined;
        if (!name) delete cell.dataset.label;
        else if (cell.dataset.label !== name) cell.dataset.label = name;
        column += cell.colSpan;
      }
    }
}

export function Table({ testId, head, children }: { testId?: string; head: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLTableElement>(null);
  // Rows render on their own (each may hold its own queries), so the cells are named whenever the table changes.
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    labelCells(table);
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId} ref={ref}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
