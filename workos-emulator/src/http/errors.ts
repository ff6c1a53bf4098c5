/** OAuth error codes the emulator returns in production's `{ error, error_description }` shape. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'organization_membership_not_found'
  | 'organization_not_found'
  | 'sso_required'
  | 'mfa_enrollment';

/** A 400 `{ error, error_description, ...extra }` (the SDK turns it into `OauthException`, or `AuthenticationException` for step-up codes). */
export class OAuthError extends Error {
  readonly status = 400;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toBody(): Record<string, unknown> {
    return { error: this.error, error_description: this.description, ...this.extra };
  }
}

/**
 * A REST error with an HTTP status: `{ code?, message, ...extra }`. Production omits `code` on some bodies (the
 * Events and Audit Logs validation errors), hence optional.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): Record<string, unknown> {
    return {
      ...(this.code === undefined ? {} : { code: this.code }),
      message: this.message,
      ...this.extra,
    };
  }
}

/** 404 `{ code: "entity_not_found", message: "<Entity> not found: '<id>'.", entity_id }`, production's not-found body. */
export function notFound(entity: string, id: string): ApiError {
  return new ApiError(404, 'entity_not_found', `${entity} not found: '${id}'.`, { entity_id: id });
}

/** 422 `{ code: "invalid_request_parameters", message }`, the user-management validation body. */
export function invalidParameters(message: string): ApiError {
  return new ApiError(422, 'invalid_request_parameters', message);
}

/** One entry of a `Validation failed.` body. */
export interface FieldError {
  field: string;
  code: string;
}

/** 422 `{ message: "Validation failed.", errors: [{ field, code }] }` (Events and Audit Logs; no top-level code). */
export function validationFailed(errors: FieldError[]): ApiError {
  return new ApiError(422, undefined, 'Validation failed.', { errors });
}
