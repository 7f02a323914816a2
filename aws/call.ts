import { AwsOperationError, explainAwsError, UNUSABLE_REPLY } from './errors';

/** One AWS call; any failure becomes an AwsOperationError that says what happened in plain words. */
export async function callAws<T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw error instanceof AwsOperationError ? error : explainAwsError(operation, error, resource);
  }
}

/** Far above any list this tool reads (10 IoT policies per target, IAM's per-role quotas), far below a loop. */
export const MAX_PAGES = 1000;

export interface Page<T> {
  items: readonly T[];
  /** The marker of the next page; undefined on the last page. */
  next?: string;
}

/**
 * Every item of a paginated list. A marker AWS already gave (a reply that loops) or more than MAX_PAGES pages
 * stops the loop with an error: a list that never ends cannot be trusted, and a partial one would hide items.
 */
export async function collectPages<T>(operation: string, resource: string, fetchPage: (marker: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await callAws(operation, resource, () => fetchPage(marker));
    items.push(...page.items);
    if (!page.next) return items;
    if (seen.has(page.next)) {
      throw new AwsOperationError(
        operation,
        `${operation} for ${resource} returned a page marker it had already returned (after ${pages} pages): the list loops, so it cannot be trusted`,
        UNUSABLE_REPLY.repeatedMarker,
      );
    }
    if (pages >= MAX_PAGES) {
      throw new AwsOperationError(
        operation,
        `${operation} for ${resource} did not end after ${MAX_PAGES} pages: the list cannot be trusted`,
        UNUSABLE_REPLY.tooManyPages,
      );
    }
    seen.add(page.next);
    marker = page.next;
  }
}
