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
import { mapWorkosError } from './workos-error.mapper.js';

const summary = (error: unknown) => {
  const mapped = mapWorkosError(error);
  return {
    status: mapped.getStatus(),
    code: mapped.body.code,
    retryable: mapped.body.retryable,
    retryAfter: mapped.retryAfterSeconds,
  };
};

describe('mapWorkosError (the SDK v11 exception classes)', () => {
  it.each([
    [
      'NotFoundException',
      new NotFoundException({ path: '/x', requestID: 'r' }),
      404,
      'not_found',
      undefined,
    ],
    [
      'ConflictException',
      new ConflictException({ code: 'slug_conflict', message: 'taken', requestID: 'r' }),
      409,
      'slug_conflict',
      undefined,
    ],
    [
      'UnprocessableEntityException invalid_role',
      new UnprocessableEntityException({
        code: 'invalid_role',
        message: "Role 'x' is not valid.",
        requestID: 'r',
      }),
      422,
      'invalid_role',
      undefined,
    ],
    [
      'UnprocessableEntityException (other)',
      new UnprocessableEntityException({ code: 'invalid_request_parameters', requestID: 'r' }),
      422,
      'workos_rejected',
      undefined,
    ],
    [
      'BadRequestException',
      new BadRequestException({ code: 'bad', errors: [], message: 'no', requestID: 'r' }),
      422,
      'workos_rejected',
      undefined,
    ],
    [
      'GenericServerException 500',
      new GenericServerException(500, 'x', {}, 'r'),
      503,
      'workos_unavailable',
      true,
    ],
    [
      'GenericServerException 502',
      new GenericServerException(502, 'x', {}, 'r'),
      503,
      'workos_unavailable',
      true,
    ],
    [
      'UnauthorizedException (bad API key)',
      new UnauthorizedException('r'),
      503,
      'admin_api_unauthorized',
      false,
    ],
    [
      'GenericServerException 403 (key lacks a permission)',
      new GenericServerException(403, 'Forbidden', {}, 'r'),
      503,
      'admin_api_unauthorized',
      false,
    ],
    [
      'ApiKeyRequiredException',
      new ApiKeyRequiredException('/x'),
      503,
      'admin_api_unconfigured',
      false,
    ],
    [
      'OauthException 408 (the SDK timeout)',
      new OauthException(408, 'r', 'Request timeout', undefined, {}),
      504,
      'workos_timeout',
      true,
    ],
    [
      'OauthException 400',
      new OauthException(400, 'r', 'invalid_request', 'x', {}),
      502,
      'workos_error',
      false,
    ],
    ['a plain value', 'boom', 502, 'workos_error', false],
  ])('%s → %i %s', (_name, error, status, code, retryable) => {
    expect(summary(error)).toMatchObject({ status, code, retryable });
  });

  it('answers a rate limit with 503 retryable and the Retry-After WorkOS gave', () => {
    expect(summary(new RateLimitExceededException('slow down', 'r', 7))).toEqual({
      status: 503,
      code: 'workos_rate_limited',
      retryable: true,
      retryAfter: 7,
    });
    expect(
      summary(new RateLimitExceededException('slow down', 'r', null)).retryAfter,
    ).toBeUndefined();
  });

  it.each([
    ['email_already_invited_to_organization', 409, 'email_already_invited_to_organization'],
    ['user_already_organization_member', 409, 'user_already_organization_member'],
    ['invite_not_pending', 409, 'invitation_not_pending'],
    ['invite_expired', 409, 'invitation_not_pending'],
    ['expires_in_days_too_long', 422, 'workos_rejected'],
  ])('maps the WorkOS 400 code %s to %i %s, keeping its message', (workosCode, status, code) => {
    const mapped = mapWorkosError(
      new GenericServerException(400, 'Invite is not pending.', { code: workosCode }, 'r'),
    );
    expect(mapped.body).toMatchObject({
      statusCode: status,
      code,
      message: 'Invite is not pending.',
    });
  });

  it('treats a network failure (the SDK wraps fetch TypeErrors) as 503 retryable', () => {
    const error = new Error('Unexpected error: TypeError: fetch failed', {
      cause: new TypeError('fetch failed'),
    });
    expect(summary(error)).toMatchObject({
      status: 503,
      code: 'workos_unavailable',
      retryable: true,
    });
  });

  it('treats a non-JSON 5xx body (the SDK ParseError) as 503 and a non-JSON 2xx as 502', () => {
    const parseError = (rawStatus: number) =>
      new Error('Unexpected error', {
        cause: Object.assign(new Error('Unexpected token <'), { name: 'ParseError', rawStatus }),
      });
    expect(summary(parseError(502))).toMatchObject({ status: 503, code: 'workos_unavailable' });
    expect(summary(parseError(200))).toMatchObject({ status: 502, code: 'workos_error' });
  });

  it('passes our own ApiError through unchanged', () => {
    const own = new ApiError(409, 'last_admin', 'x');
    expect(mapWorkosError(own)).toBe(own);
  });

  it('never answers 500 and never copies a 5xx message from WorkOS', () => {
    const mapped = mapWorkosError(
      new GenericServerException(500, 'stack trace at db.js:12', {}, 'r'),
    );
    expect(mapped.getStatus()).not.toBe(500);
    expect(mapped.body.message).not.toContain('db.js');
  });
});
