import { HttpException } from '@nestjs/common';
import {
  AuthUnavailableException,
  InvalidTokenException,
  type AuthErrorCode,
} from './auth-error.js';
import { KeysUnavailable, TokenRejection } from './token-rejection.js';

/** jsonwebtoken 9 error messages (prefixes) and what they mean for the client. */
const JSONWEBTOKEN_MESSAGES: readonly (readonly [string, AuthErrorCode])[] = [
  ['invalid signature', 'signature_invalid'],
  ['invalid algorithm', 'algorithm_not_allowed'],
  ['secretOrPublicKey must be', 'algorithm_not_allowed'],
  ['jwt signature is required', 'algorithm_not_allowed'],
  ['please specify "none"', 'algorithm_not_allowed'],
  ['jwt issuer invalid', 'issuer_mismatch'],
  ['jwt audience invalid', 'claims_invalid'],
  ['invalid exp value', 'claims_invalid'],
  ['invalid nbf value', 'claims_invalid'],
  ['jwt subject invalid', 'claims_invalid'],
  ['jwt malformed', 'token_malformed'],
  ['invalid token', 'token_malformed'],
  ['jwt must be', 'token_malformed'],
];

/**
 * Maps whatever passport-jwt / jsonwebtoken / the key resolver reported into the typed HTTP error.
 * Library messages never reach the client. Anything unrecognised that is not an auth failure is
 * returned as-is so a real bug surfaces as a 500 instead of hiding behind a 401.
 */
export function toAuthHttpException(failure: unknown): HttpException | Error {
  if (failure instanceof HttpException) return failure;
  if (failure instanceof TokenRejection) return new InvalidTokenException(failure.code);
  if (failure instanceof KeysUnavailable) return new AuthUnavailableException();
  if (!(failure instanceof Error)) return new InvalidTokenException('token_missing');
  switch (failure.name) {
    case 'TokenExpiredError':
      return new InvalidTokenException('token_expired');
    case 'NotBeforeError':
      return new InvalidTokenException('token_not_yet_valid');
    case 'JsonWebTokenError': {
      const hit = JSONWEBTOKEN_MESSAGES.find(([prefix]) => failure.message.startsWith(prefix));
      return new InvalidTokenException(hit?.[1] ?? 'token_malformed');
    }
    case 'Error':
      // passport-jwt's own failure when jwtFromRequest finds nothing.
      if (failure.message === 'No auth token') return new InvalidTokenException('token_missing');
      return failure;
    default:
      return failure;
  }
}
