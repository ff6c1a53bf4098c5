import {
  GenericServerException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
} from '@workos-inc/node';

import { classifyWorkOSError } from './refresh-errors.js';

describe('classifyWorkOSError', () => {
  it.each(['invalid_grant', 'mfa_enrollment', 'sso_required', 'organization_membership_not_found'])(
    'OAuth-shaped %s is terminal',
    (reason) => {
      const err = new OauthException(400, 'req_1', reason, 'nope', {});
      expect(classifyWorkOSError(err)).toEqual({ kind: 'terminal', reason, status: 400 });
    },
  );

  it('code-shaped invalid_grant (the CLI emulator shape) is terminal', () => {
    const err = new GenericServerException(
      400,
      'Refresh token already exchanged',
      { code: 'invalid_grant' },
      'req',
    );
    expect(classifyWorkOSError(err).kind).toBe('terminal');
  });

  it('an unknown 400 about the grant is terminal', () => {
    expect(
      classifyWorkOSError(new OauthException(400, 'r', 'invalid_request', undefined, {})).kind,
    ).toBe('terminal');
  });

  it.each([500, 502, 503, 504, 408])('HTTP %i is transient', (status) => {
    const err = new GenericServerException(status, 'boom', {}, 'req');
    expect(classifyWorkOSError(err)).toMatchObject({ kind: 'transient', status });
  });

  it('429 is transient', () => {
    const err = new RateLimitExceededException('slow down', 'req', 5);
    expect(classifyWorkOSError(err).kind).toBe('transient');
  });

  it('network errors (fetch TypeError) and unknown throwables are transient', () => {
    expect(classifyWorkOSError(new TypeError('fetch failed'))).toEqual({
      kind: 'transient',
      reason: 'network_error',
      status: undefined,
    });
    expect(classifyWorkOSError('weird').kind).toBe('transient');
  });

  it('401 on our API key is transient (not the user session)', () => {
    expect(classifyWorkOSError(new UnauthorizedException('req')).kind).toBe('transient');
  });
});
