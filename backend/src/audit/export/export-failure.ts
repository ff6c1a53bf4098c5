import { errorSummary } from '../ingestion/error-summary.js';

/**
 * Statuses by which WorkOS says the event itself is wrong (invalid, unknown organization): sending
 * it again would fail again. Everything else (408, 429, 5xx, 401/403 until the key is fixed,
 * timeouts, network errors) is retried.
 */
const PERMANENT_STATUSES = new Set([400, 404, 409, 413, 422]);

/** What a failed delivery means, and the text kept in `audit_exports.last_error`. */
export interface ExportFailure {
  readonly permanent: boolean;
  readonly summary: Record<string, unknown>;
  readonly text: string;
}

/** Classifies an SDK error; never keeps the error object (its request could hold the key). */
export function exportFailure(error: unknown): ExportFailure {
  const summary = errorSummary(error);
  const status = typeof summary['status'] === 'number' ? summary['status'] : undefined;
  const parts = [status, summary['code'], summary['name'], summary['message']].filter(
    (part) => part !== undefined,
  );
  return {
    permanent: status !== undefined && PERMANENT_STATUSES.has(status),
    summary,
    text: parts.map(String).join(' ').slice(0, 500),
  };
}

/** The wait before the next attempt after `attempts` failed ones: base · 2^(attempts-1), capped. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)), maxMs);
}
