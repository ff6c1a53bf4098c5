import { validationFailed } from '../http/index.js';
import type { ListMetadata } from '../admin-api/query.schemas.js';

/** What to cut from a list that is already in memory (the search results). */
export interface PageRequest {
  readonly limit: number;
  readonly after?: string;
  readonly before?: string;
}

/**
 * One page of `rows` with the same cursor rules as WorkOS lists: `after` gives the rows following
 * that id, `before` the rows preceding it; `listMetadata.before`/`after` are set only when there is
 * a previous/next page. A cursor that is not in `rows` is a 400 (the list changed: reload it).
 */
export function pageOf<T extends { readonly id: string }>(
  rows: readonly T[],
  request: PageRequest,
): { data: T[]; listMetadata: ListMetadata } {
  const indexOf = (field: 'after' | 'before', id: string) => {
    const index = rows.findIndex((row) => row.id === id);
    if (index < 0) {
      throw validationFailed([{ field, message: 'is not in this list any more; reload the list' }]);
    }
    return index;
  };
  let start = 0;
  let end = Math.min(rows.length, request.limit);
  if (request.after !== undefined) {
    start = indexOf('after', request.after) + 1;
    end = Math.min(rows.length, start + request.limit);
  } else if (request.before !== undefined) {
    end = indexOf('before', request.before);
    start = Math.max(0, end - request.limit);
  }
  const data = rows.slice(start, end);
  return {
    data,
    listMetadata: {
      before: start > 0 && data.length > 0 ? data[0]!.id : null,
      after: end < rows.length && data.length > 0 ? data[data.length - 1]!.id : null,
    },
  };
}
