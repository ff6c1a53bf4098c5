/** OAuth error codes the emulator returns in production's `{ error, error_description }` shape. */
export type OAuthErrorCode =
  'invalid_request' | 'invalid_client' | 'invalid_grant' | 'organization_membership_not_found';

/** A 400 `{ error, error_description }` (the SDK turns it into `OauthException`). */
export class OAuthError extends Error {
  readonly status = 400;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toBody(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** API error codes in production's `{ code, message }` shape. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'entity_not_found'
  | 'not_found'
  | 'invalid_request_parameters'
  | 'invalid_request_body'
  | 'payload_too_large'
  | 'injected_fault'
  | 'rate_limit_exceeded'
  | 'server_error';

/** A `{ code, message }` error with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { code: ApiErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
