import { HttpException, HttpStatus } from '@nestjs/common';
import { z } from 'zod';

/** One field that failed validation: `field` is a body, query or path name (dotted for nesting). */
export const fieldErrorSchema = z
  .object({ field: z.string(), message: z.string() })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/**
 * The JSON body of every admin API error: the same `statusCode`/`error`/`code`/`message` shape as
 * the auth errors, plus `retryable` (a later identical request may succeed) and, for 400s, `fields`.
 */
export const apiErrorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable reason, e.g. `last_admin`' }),
    message: z.string().meta({ description: 'A sentence the UI can show as is' }),
    retryable: z.boolean().optional(),
    fields: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: 'ApiError' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

const REASON_PHRASES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Options of an {@link ApiError} besides its status, code and message. */
export interface ApiErrorOptions {
  readonly retryable?: boolean;
  readonly fields?: readonly FieldError[];
  /** Seconds for a `Retry-After` header (503 after a WorkOS rate limit). */
  readonly retryAfterSeconds?: number;
}

/**
 * An admin API error with its final JSON body. Thrown by services and the WorkOS error mapper,
 * written by {@link ApiErrorFilter}. Messages are ours or WorkOS's user-facing text, never a token.
 */
export class ApiError extends HttpException {
  readonly body: ApiErrorBody;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, options: ApiErrorOptions = {}) {
    const body: ApiErrorBody = {
      statusCode: status,
      error: REASON_PHRASES[status] ?? 'Error',
      code,
      message,
      ...(options.retryable === undefined ? {} : { retryable: options.retryable }),
      ...(options.fields === undefined ? {} : { fields: [...options.fields] }),
    };
    super(body, status);
    this.body = body;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get code(): string {
    return this.body.code;
  }
}

/** 400 `validation_failed` naming each bad field. */
export function validationFailed(fields: readonly FieldError[]): ApiError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError(HttpStatus.BAD_REQUEST, 'validation_failed', `Invalid request. ${summary}`, {
    fields,
  });
}

/** 404 `not_found`: the same answer for an unknown id and for an id of another organization. */
export function notFound(what: string): ApiError {
  return new ApiError(HttpStatus.NOT_FOUND, 'not_found', `No such ${what} in your organization.`);
}

/** 409 with a reason code and a sentence for the UI. */
export function conflict(code: string, message: string): ApiError {
  return new ApiError(HttpStatus.CONFLICT, code, message);
}

/** Whether `error` is an {@link ApiError} 404 (e.g. WorkOS knows no such object). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.body.statusCode === 404;
}
