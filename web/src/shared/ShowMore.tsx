// The "Show more" button under a list read a page at a time (a reader's paged query, shared/data/reader.ts).
/** The paged query's state the button needs (TanStack's infinite query has it). */
export interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Asks for the next page; nothing once the last page is shown. */
export function ShowMore({ pages, testId = "show-more" }: { pages: MorePages; testId?: string }) {
  if (!pages.hasNextPage) return null;
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      disabled={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
      data-testid={testId}
    >
      {pages.isFetchingNextPage ? "Loading…" : "Show more"}
    </button>
  );
}
