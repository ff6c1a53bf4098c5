import { z } from 'zod';

/**
 * A WorkOS object id with its prefix (`om`, `invitation`, `session`, ...). Checked at the edge so
 * nothing else (dots, slashes, another kind of id) ever reaches a WorkOS URL.
 */
export function workosId(prefix: string) {
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,64}$`), `must be an id like ${prefix}_01H…`);
}

/** Default and largest page sizes of the admin lists. */
export const PAGE_LIMIT = { default: 20, max: 100 } as const;

/**
 * `limit`, and at most one of `after` / `before` (ids of the listed objects, as the previous
 * page's `listMetadata` gave them), for a list of objects whose ids start with `prefix`.
 */
export function paginationQuery(prefix: string) {
  return z.strictObject({
    limit: z.coerce.number().int().min(1).max(PAGE_LIMIT.max).default(PAGE_LIMIT.default),
    after: workosId(prefix).optional(),
    before: workosId(prefix).optional(),
  });
}

/** Refinement for a pagination query: `after` and `before` exclude each other. */
export function oneCursorAtMost(query: { after?: string; before?: string }): boolean {
  return query.after === undefined || query.before === undefined;
}

/** The error of {@link oneCursorAtMost}, reported on `before`. */
export const ONE_CURSOR_MESSAGE = {
  message: 'give either after or before, not both',
  path: ['before'],
};

/** Cursors of a page: pass `after` (or `before`) back to get the next (or previous) page. */
export const listMetadataSchema = z
  .object({ before: z.string().nullable(), after: z.string().nullable() })
  .meta({ id: 'ListMetadata' });
export type ListMetadata = z.infer<typeof listMetadataSchema>;
