import jwt from 'jsonwebtoken';
import { AuthUnavailableException, InvalidTokenException } from './auth-error.js';
import { KeysUnavailable, TokenRejection } from './token-rejection.js';
import { toAuthHttpException } from './verification-error.mapper.js';

const codeOf = (failure: unknown) => {
  const mapped = toAuthHttpException(failure);
  return mapped instanceof InvalidTokenException ? mapped.code : mapped;
};

describe('toAuthHttpException', () => {
  it.each([
    [new jwt.TokenExpiredError('jwt expired', new Date()), 'token_expired'],
    [new jwt.NotBeforeError('jwt not active', new Date()), 'token_not_yet_valid'],
    [new jwt.JsonWebTokenError('invalid signature'), 'signature_invalid'],
    [new jwt.JsonWebTokenError('invalid algorithm'), 'algorithm_not_allowed'],
    [new jwt.JsonWebTokenError('jwt issuer invalid. expected: x'), 'issuer_mismatch'],
    [new jwt.JsonWebTokenError('jwt audience invalid. expected: x'), 'claims_invalid'],
    [new jwt.JsonWebTokenError('jwt malformed'), 'token_malformed'],
    [new jwt.JsonWebTokenError('something new'), 'token_malformed'],
    [new Error('No auth token'), 'token_missing'],
    [new TokenRejection('unknown_key'), 'unknown_key'],
  ])('maps %s to %s', (failure, code) => {
    expect(codeOf(failure)).toBe(code);
  });

  it('maps an unreachable key source to 503', () => {
    expect(toAuthHttpException(new KeysUnavailable())).toBeInstanceOf(AuthUnavailableException);
  });

  it('lets a genuine bug through untouched (so it is a 500, not a hidden 401)', () => {
    const bug = new TypeError('x is undefined');
    expect(toAuthHttpException(bug)).toBe(bug);
  });

  it('never puts library text into the response body', () => {
    const mapped = toAuthHttpException(
      new jwt.JsonWebTokenError('jwt issuer invalid. expected: secret-iss'),
    );
    expect(JSON.stringify((mapped as InvalidTokenException).getResponse())).not.toContain(
      'secret-iss',
    );
  });
});
