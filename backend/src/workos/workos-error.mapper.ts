import { HttpStatus } from '@nestjs/common';
import {
  ApiKeyRequiredException,
  BadRequestException,
  ConflictException,
  GenericServerException,
  NotFoundException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { ApiError } from '../http/index.js';

/** WorkOS 400 codes that mean "this already exists" (sending an invitation): answered as 409. */
const DUPLICATE_CODES = new Set([
  'email_already_invited_to_organization',
  'email_already_invited',
  'user_already_organization_member',
  'user_already_exists',
]);

/** WorkOS 400 codes for resending or revoking an invitation that is no longer pending. */
const NOT_PENDING_CODES = new Set([
  'invite_not_pending',
  'invite_expired',
  'invite_revoked',
  'invite_accepted',
]);

/** 503 `admin_api_unconfigured`: the backend has no `WORKOS_API_KEY`. */
export function adminApiUnconfigured(): ApiError {
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'admin_api_unconfigured',
    'Member administration is not available: the backend has no WORKOS_API_KEY.',
    { retryable: false },
  );
}

const unavailable = (code: string, message: string, retryAfterSeconds?: number) =>
  new ApiError(HttpStatus.SERVICE_UNAVAILABLE, code, message, {
    retryable: true,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

const badGateway = () =>
  new ApiError(HttpStatus.BAD_GATEWAY, 'workos_error', 'WorkOS gave an unexpected answer.', {
    retryable: false,
  });

const rejected = (code: string | undefined, message: string) =>
  new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, code ?? 'workos_rejected', message);

/** A client-side failure (400/403/409/422) as WorkOS reported it, with its user-facing message. */
function fromClientError(status: number, code: string | undefined, message: string): ApiError {
  if (code !== undefined && DUPLICATE_CODES.has(code))
    return new ApiError(HttpStatus.CONFLICT, code, message);
  if (code !== undefined && NOT_PENDING_CODES.has(code))
    return new ApiError(HttpStatus.CONFLICT, 'invitation_not_pending', message);
  if (status === 401 || status === 403) {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'admin_api_unauthorized',
      "WorkOS refused the backend's API key (check WORKOS_API_KEY and its permissions).",
      { retryable: false },
    );
  }
  return rejected(code === 'invalid_role' ? 'invalid_role' : 'workos_rejected', message);
}

/** The transport failures the SDK wraps as `Error('Unexpected error: …', { cause })`. */
function fromTransportError(error: object): ApiError {
  const cause = (error as { cause?: { name?: unknown; rawStatus?: unknown } }).cause;
  // By name, not instanceof: fetch's TypeError may come from another realm (e.g. under jest).
  if (cause?.name === 'TypeError') {
    return unavailable('workos_unavailable', 'WorkOS cannot be reached right now.');
  }
  // The SDK's (unexported) ParseError: a non-JSON body, e.g. a proxy's HTML error page.
  const rawStatus = cause?.rawStatus;
  if (typeof rawStatus === 'number' && rawStatus >= 500) {
    return unavailable('workos_unavailable', 'WorkOS is unavailable right now.');
  }
  return badGateway();
}

/**
 * Maps whatever a WorkOS SDK call threw to our JSON error, never a 500: not found 404, conflicts
 * and no-longer-pending invitations 409, validation 422, rate limit and outages 503 `retryable`
 * (`Retry-After` when WorkOS sent one), timeouts 504 `retryable`, a refused API key 503, anything
 * unexpected 502. Services turn a 404 into their own resource-specific `not_found` first.
 */
export function mapWorkosError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof RateLimitExceededException) {
    return unavailable(
      'workos_rate_limited',
      'WorkOS is limiting requests; try again shortly.',
      error.retryAfter ?? undefined,
    );
  }
  if (error instanceof NotFoundException)
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', 'Not found.');
  if (error instanceof ConflictException)
    return new ApiError(HttpStatus.CONFLICT, error.code ?? 'conflict', error.message);
  if (error instanceof UnprocessableEntityException)
    return fromClientError(422, error.code, error.message);
  if (error instanceof BadRequestException) return fromClientError(400, error.code, error.message);
  if (error instanceof UnauthorizedException) return fromClientError(401, undefined, '');
  if (error instanceof ApiKeyRequiredException) return adminApiUnconfigured();
  if (error instanceof OauthException) {
    // The SDK reports its own per-attempt timeout as a 408 `Request timeout`.
    if (error.status === 408) {
      return new ApiError(
        HttpStatus.GATEWAY_TIMEOUT,
        'workos_timeout',
        'WorkOS did not answer in time; try again.',
        { retryable: true },
      );
    }
    return error.status >= 500
      ? unavailable('workos_unavailable', 'WorkOS is unavailable right now.')
      : badGateway();
  }
  if (error instanceof GenericServerException) {
    if (error.status >= 500 || error.status === 408)
      return unavailable('workos_unavailable', 'WorkOS is unavailable right now.');
    return fromClientError(error.status, error.code, error.message);
  }
  if (typeof error === 'object' && error !== null) return fromTransportError(error);
  return badGateway();
}
