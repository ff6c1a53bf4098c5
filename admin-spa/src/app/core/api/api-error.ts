import { HttpErrorResponse } from '@angular/common/http';

/** The backend's answer when it has no WorkOS API key: the admin pages cannot work at all. */
export const ADMIN_API_UNCONFIGURED = 'admin_api_unconfigured';

/** The backend's answer when the audit trail cannot take an entry: the change was not made. */
export const AUDIT_UNAVAILABLE = 'audit_unavailable';

/** One invalid field of a request, as the backend names it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A failed API call, read from the `{ code, message, errors, retryable }` JSON error body. */
export interface ApiProblem {
  /** HTTP status; 0 when the request got no answer. */
  readonly status: number;
  /** The machine-readable code (`code`, or the BFF's `error`), when the body has one. */
  readonly code: string | null;
  /** A sentence for people. */
  readonly message: string;
  readonly fieldErrors: readonly FieldProblem[];
  /** Whether trying the same request again may work. */
  readonly retryable: boolean;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!isObject(item)) return [];
    const message = text(item.message);
    return message === null ? [] : [{ field: text(item.field) ?? '', message }];
  });
}

const UNAVAILABLE = new Set([0, 502, 503, 504]);

function fallbackMessage(status: number, code: string | null, fallback: string): string {
  if (code === ADMIN_API_UNCONFIGURED) {
    return 'Administration is not set up on this server: the API has no WorkOS API key.';
  }
  if (UNAVAILABLE.has(status)) return 'The service did not answer. Try again in a moment.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  return fallback;
}

/**
 * Reads any error of an HTTP call into an `ApiProblem`. The body's `message` is shown when it has
 * one; otherwise a sentence for the status, or `fallback` (also for an answer that could not be read).
 */
export function apiProblem(error: unknown, fallback: string): ApiProblem {
  // A resource wraps what its loader threw as `cause` when it was not an Error.
  if (!(error instanceof HttpErrorResponse) && error instanceof Error) error = error.cause ?? error;
  if (!(error instanceof HttpErrorResponse)) {
    // Not an HTTP failure: an answer the SPA could not read.
    return { status: 0, code: null, message: fallback, fieldErrors: [], retryable: false };
  }
  const status = error.status;
  const body: unknown = error.error;
  const record = isObject(body) ? body : {};
  const code = text(record.code) ?? text(record.error);
  return {
    status,
    code,
    message: text(record.message) ?? fallbackMessage(status, code, fallback),
    // The contract names them `errors`; the backend's validation answers name them `fields`.
    fieldErrors: fieldProblems(record.errors ?? record.fields),
    retryable:
      record.retryable === true || (UNAVAILABLE.has(status) && code !== ADMIN_API_UNCONFIGURED),
  };
}

/** Whether the problem is the backend saying it has no WorkOS API key. */
export function isUnconfigured(problem: ApiProblem | null | undefined): boolean {
  return problem?.code === ADMIN_API_UNCONFIGURED;
}
