import { invalidParameters } from './errors.js';
import { type Query, queryString } from './query.js';

/** `asc`, `desc`, or `normal` (descending, with `before` fetching older and `after` newer records). */
export type ListOrder = 'asc' | 'desc' | 'normal';

/** The pagination parameters of a list request. */
export interface ListParams {
  limit: number;
  order: ListOrder;
  before?: string | undefined;
  after?: string | undefined;
}

/** Production's list envelope. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  list_metadata: { before: string | null; after: string | null };
}

/** Reads `limit` (1–100, default 10), `order` (default `desc`, or `defaultOrder`), `before` and `after`; bad values are a 422. */
export function listParams(query: Query, defaultOrder: ListOrder = 'desc'): ListParams {
  const rawLimit = queryString(query, 'limit');
  const limit = rawLimit === undefined ? 10 : Number(rawLimit);
  if (!/^\d+$/.test(rawLimit ?? '10') || limit < 1 || limit > 100) {
    throw invalidParameters('limit must be an integer between 1 and 100.');
  }
  const order = queryString(query, 'order') ?? defaultOrder;
  if (order !== 'asc' && order !== 'desc' && order !== 'normal') {
    throw invalidParameters('order must be one of asc, desc or normal.');
  }
  return {
    limit,
    order,
    before: queryString(query, 'before'),
    after: queryString(query, 'after'),
  };
}

/**
 * Cursor pagination over objects whose ids sort in creation order (WorkOS ids are ULIDs). A cursor is compared
 * by id, so it keeps working after the object it names is gone. With only `before`, the page is the `limit`
 * records just before the cursor; otherwise the first `limit` records after it. `list_metadata` names the
 * page's first (`before`) and last (`after`) record when more records lie that way, else null.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  params: ListParams,
): ListPage<T> {
  const ascending = params.order === 'asc';
  const sequence = [...items].sort((a, b) =>
    a.id === b.id ? 0 : a.id < b.id === ascending ? -1 : 1,
  );
  // `normal` walks the descending sequence with the cursor names swapped.
  const forward = params.order === 'normal' ? params.before : params.after;
  const backward = params.order === 'normal' ? params.after : params.before;
  const later = (id: string, cursor: string) => (ascending ? id > cursor : id < cursor);
  const window = sequence.filter(
    (item) =>
      (forward === undefined || later(item.id, forward)) &&
      (backward === undefined || later(backward, item.id)),
  );
  const data =
    backward !== undefined && forward === undefined
      ? window.slice(Math.max(0, window.length - params.limit))
      : window.slice(0, params.limit);
  const first = data[0];
  const last = data[data.length - 1];
  const towardStart = first !== undefined && sequence.indexOf(first) > 0 ? first.id : null;
  const towardEnd =
    last !== undefined && sequence.indexOf(last) < sequence.length - 1 ? last.id : null;
  return {
    object: 'list',
    data,
    list_metadata:
      params.order === 'normal'
        ? { before: towardEnd, after: towardStart }
        : { before: towardStart, after: towardEnd },
  };
}
