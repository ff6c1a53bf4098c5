/** The filter names, as the URL and the API spell them. */
export const AUDIT_FILTER_KEYS = ['actor', 'action', 'outcome', 'from', 'to', 'target'] as const;

export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

/**
 * The filters of the Audit page: unset ones are absent. `from` and `to` are ISO 8601 instants
 * (UTC), so a shared link means the same range in every time zone.
 */
export type AuditFilters = Partial<Record<AuditFilterKey, string>>;

/** What `GET /api/audit` and the CSV export take besides paging: the filters as they are. */
export type AuditApiQuery = AuditFilters;

export const AUDIT_OUTCOMES = ['succeeded', 'failed', 'pending'] as const;

/** The backend's limits on the free-text filters. */
const MAX_LENGTH: Partial<Record<AuditFilterKey, number>> = { actor: 256, target: 200 };
const ACTION = /^[A-Za-z0-9_.:-]{1,128}$/;

function instant(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** One filter's value as the API accepts it, or undefined to leave the filter unset. */
function normalise(key: AuditFilterKey, raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (value === '') return undefined;
  switch (key) {
    case 'outcome':
      return (AUDIT_OUTCOMES as readonly string[]).includes(value) ? value : undefined;
    case 'action':
      return ACTION.test(value) ? value : undefined;
    case 'from':
    case 'to':
      return instant(value);
    default:
      return value.slice(0, MAX_LENGTH[key]);
  }
}

/**
 * The filters a URL query (or the form) names. Values the backend would refuse (an unknown
 * outcome, a date that is not one) are dropped rather than turned into an error page.
 */
export function auditFilters(source: Readonly<Record<string, unknown>>): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = normalise(key, source[key]);
    if (value !== undefined) filters[key] = value;
  }
  return filters;
}

/** Whether any filter is set. */
export function hasFilters(filters: AuditFilters): boolean {
  return AUDIT_FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** Whether two filter sets select the same events. */
export function sameFilters(a: AuditFilters, b: AuditFilters): boolean {
  return AUDIT_FILTER_KEYS.every((key) => a[key] === b[key]);
}

const pad = (n: number) => n.toString().padStart(2, '0');

/** An instant as a `datetime-local` input shows it (local time, minutes). */
export function toLocalInput(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A `datetime-local` value (local time) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
