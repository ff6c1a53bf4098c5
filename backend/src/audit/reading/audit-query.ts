import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../database/audit-schema.js';
import type { AuditCursor, AuditEventFilter } from '../audit-event.js';
import { decodeCursor } from './audit-cursor.js';

/** Events per page unless `limit` says otherwise, and the most a page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (Array.isArray(value) ? ARRAY : value), schema);
/** Stands for a repeated parameter, which no field accepts. */
const ARRAY = Symbol('repeated');

const text = (max: number) =>
  single(
    z
      .string({ error: 'must be given once, as text' })
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`),
  );
const instant = single(
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-03-01T10:00:00Z' })
    .transform((value) => new Date(value)),
);

const filterShape = {
  actor: text(256),
  action: single(
    z
      .string({ error: 'must be given once, as text' })
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be an action name such as member.role_changed'),
  ),
  outcome: single(z.enum(AUDIT_OUTCOMES, { error: `must be one of ${AUDIT_OUTCOMES.join(', ')}` })),
  from: instant,
  to: instant,
  target: text(200),
};

const limit = single(
  z
    .string({ error: 'must be given once' })
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE_SIZE, `must be between 1 and ${MAX_PAGE_SIZE}`),
);

const listSchema = z
  .strictObject({
    ...filterShape,
    limit,
    cursor: single(
      z.string({ error: 'must be given once' }).transform((value, ctx) => {
        const cursor = decodeCursor(value);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'is not a cursor from this API' });
        return cursor ?? z.NEVER;
      }),
    ),
  })
  .partial();

const exportSchema = z.strictObject(filterShape).partial();

/** A parsed list query. */
export interface AuditListQuery {
  readonly filter: Omit<AuditEventFilter, 'organizationId'>;
  readonly limit: number;
  readonly after: AuditCursor | null;
}

/** Field errors of a rejected query: `{ field: [message, …] }`. */
export type QueryFieldErrors = Record<string, string[]>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: QueryFieldErrors };

function fieldErrors(error: z.ZodError): QueryFieldErrors {
  const fields: QueryFieldErrors = {};
  for (const issue of error.issues) {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
    for (const key of unknownKeys ?? [String(issue.path[0] ?? 'query')]) {
      (fields[key] ??= []).push(unknownKeys ? 'is not a known parameter' : issue.message);
    }
  }
  return fields;
}

function filterOf(value: z.infer<typeof exportSchema>): Parsed<AuditListQuery['filter']> {
  if (value.from && value.to && value.from >= value.to) {
    return { ok: false, fields: { to: ['must be later than from'] } };
  }
  return {
    ok: true,
    value: {
      actorId: value.actor,
      action: value.action,
      outcome: value.outcome,
      from: value.from,
      to: value.to,
      target: value.target,
    },
  };
}

/** Validates `GET /audit`'s query string. */
export function parseListQuery(query: unknown): Parsed<AuditListQuery> {
  const parsed = listSchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  const filter = filterOf(parsed.data);
  if (!filter.ok) return filter;
  return {
    ok: true,
    value: {
      filter: filter.value,
      limit: parsed.data.limit ?? DEFAULT_PAGE_SIZE,
      after: parsed.data.cursor ?? null,
    },
  };
}

/** Validates `GET /audit/export.csv`'s query string (the list filters, no paging). */
export function parseExportQuery(query: unknown): Parsed<AuditListQuery['filter']> {
  const parsed = exportSchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  return filterOf(parsed.data);
}

const denialsSchema = z.strictObject({ from: instant, to: instant, limit }).partial();

/** A parsed denials query. */
export interface DenialsQuery {
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
}

/** Validates `GET /audit/denials`'s query string. */
export function parseDenialsQuery(query: unknown): Parsed<DenialsQuery> {
  const parsed = denialsSchema.safeParse(query ?? {});
  if (!parsed.success) return { ok: false, fields: fieldErrors(parsed.error) };
  const { from, to } = parsed.data;
  if (from && to && from >= to) return { ok: false, fields: { to: ['must be later than from'] } };
  return { ok: true, value: { from, to, limit: parsed.data.limit ?? DEFAULT_PAGE_SIZE } };
}
