import { HttpException, HttpStatus } from '@nestjs/common';

/** Why a request was not authenticated (401). */
export type AuthErrorCode =
  | 'token_missing'
  | 'token_malformed'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'signature_invalid'
  | 'algorithm_not_allowed'
  | 'issuer_mismatch'
  | 'unknown_key'
  | 'claims_invalid';

/** Every {@link AuthErrorCode}, for exhaustive tests and docs. */
export const AUTH_ERROR_CODES: readonly AuthErrorCode[] = [
  'token_missing',
  'token_malformed',
  'token_expired',
  'token_not_yet_valid',
  'signature_invalid',
  'algorithm_not_allowed',
  'issuer_mismatch',
  'unknown_key',
  'claims_invalid',
];

/** Why a token was not accepted: a 401 code, or `auth_unavailable` (503: no key, JWKS unreachable). */
export type VerificationFailure = AuthErrorCode | 'auth_unavailable';

/** The JSON body of every auth error response. */
export interface AuthErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly code: VerificationFailure | 'insufficient_scope';
  readonly message: string;
}

/**
 * Base of the auth HTTP errors. `challenge` is the RFC 6750 `WWW-Authenticate` value, set by
 * {@link AuthExceptionFilter}. Messages are fixed strings: never a token, never a library message.
 */
export abstract class AuthHttpException extends HttpException {
  abstract readonly challenge: string | undefined;
  abstract readonly body: AuthErrorBody;
}

const MESSAGES: Record<AuthErrorCode, string> = {
  token_missing: 'An Authorization: Bearer token is required.',
  token_malformed: 'The bearer token is not a well-formed JWT.',
  token_expired: 'The token has expired.',
  token_not_yet_valid: 'The token is not valid yet.',
  signature_invalid: 'The token signature is invalid.',
  algorithm_not_allowed: 'The token algorithm is not allowed (RS256 only).',
  issuer_mismatch: 'The token was issued for another issuer or client.',
  unknown_key: 'The token was signed with a key this API does not know.',
  claims_invalid: 'The token claims are missing or invalid.',
};

/** 401: missing or invalid token. */
export class InvalidTokenException extends AuthHttpException {
  readonly body: AuthErrorBody;
  readonly challenge: string;

  constructor(readonly code: AuthErrorCode) {
    const body: AuthErrorBody = {
      statusCode: HttpStatus.UNAUTHORIZED,
      error: 'Unauthorized',
      code,
      message: MESSAGES[code],
    };
    super(body, HttpStatus.UNAUTHORIZED);
    this.body = body;
    // RFC 6750 §3: no error attribute when the request simply lacked credentials.
    this.challenge =
      code === 'token_missing'
        ? 'Bearer'
        : `Bearer error="invalid_token", error_description="${code}"`;
  }
}

/** 403: the token is valid but lacks a required role or permission. */
export class InsufficientScopeException extends AuthHttpException {
  readonly challenge = 'Bearer error="insufficient_scope"';
  readonly body: AuthErrorBody = {
    statusCode: HttpStatus.FORBIDDEN,
    error: 'Forbidden',
    code: 'insufficient_scope',
    message: 'The token lacks a role or permission this route requires.',
  };

  constructor() {
    super('insufficient_scope', HttpStatus.FORBIDDEN);
  }
}

/** 503: no usable key because the JWKS endpoint cannot be reached. */
export class AuthUnavailableException extends AuthHttpException {
  readonly challenge = undefined;
  readonly body: AuthErrorBody = {
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    error: 'Service Unavailable',
    code: 'auth_unavailable',
    message: 'Token verification is temporarily unavailable.',
  };

  constructor() {
    super('auth_unavailable', HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/** The HTTP error for a token that was not accepted. */
export function rejectionException(failure: VerificationFailure): AuthHttpException {
  return failure === 'auth_unavailable'
    ? new AuthUnavailableException()
    : new InvalidTokenException(failure);
}
