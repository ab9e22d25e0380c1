// One figure of a `<dl className="figures">`: its label (with an optional hover note) and its value.
import type { ReactNode } from "react";

export function Figure({
  label,
  title,
  testId,
  children,
}: {
  label: ReactNode;
  title?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <dt title={title}>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
