// A data table in its scrolling wrapper: one header row of the given cells, then the body rows.
import type { ReactNode } from "react";

export function Table({ testId, head, children }: { testId?: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
