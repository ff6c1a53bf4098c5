import { checkUnverifiedToken } from './unverified-token.js';

const ISSUER = 'https://api.workos.com/user_management/client_1';
const issuers = new Set([ISSUER]);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = { alg: 'RS256', typ: 'JWT', kid: 'kid_1' };
const payload = { iss: ISSUER, sub: 'user_1', exp: 2_000_000_000 };
const SIGNATURE = 'c2lnbmF0dXJl';

const token = (h: unknown = header, p: unknown = payload, signature = SIGNATURE) =>
  `${b64(h)}.${b64(p)}.${signature}`;

describe('checkUnverifiedToken', () => {
  it('names the kid of a well-formed RS256 token of an accepted issuer', () => {
    expect(checkUnverifiedToken(token(), issuers)).toEqual({ kid: 'kid_1' });
  });

  it.each([
    ['not three segments (jsonwebtoken: jwt malformed)', 'not-a.jwt', 'token_malformed'],
    [
      'a header that is not JSON',
      `${Buffer.from('not json').toString('base64url')}.${b64(payload)}.x`,
      'token_malformed',
    ],
    ['a payload that is an array', token(header, ['x']), 'token_malformed'],
    ['an over-long value', 'a'.repeat(10_000), 'token_malformed'],
    ['alg none', token({ ...header, alg: 'none' }), 'algorithm_not_allowed'],
    [
      'HS256 (jsonwebtoken: invalid algorithm)',
      token({ ...header, alg: 'HS256' }),
      'algorithm_not_allowed',
    ],
    ['RS256 without a signature', token(header, payload, ''), 'algorithm_not_allowed'],
    [
      'a signature that is not base64url (jsonwebtoken: invalid token)',
      token(header, payload, 'a+b='),
      'token_malformed',
    ],
    [
      'another issuer (jsonwebtoken: jwt issuer invalid)',
      token(header, { ...payload, iss: 'https://x' }),
      'issuer_mismatch',
    ],
    ['no issuer', token(header, { sub: 'user_1' }), 'issuer_mismatch'],
    ['no kid', token({ alg: 'RS256' }), 'unknown_key'],
    ['an over-long kid', token({ ...header, kid: 'k'.repeat(257) }), 'unknown_key'],
    [
      'exp of the wrong type (jsonwebtoken: invalid exp value)',
      token(header, { ...payload, exp: '1' }),
      'claims_invalid',
    ],
    [
      'nbf of the wrong type (jsonwebtoken: invalid nbf value)',
      token(header, { ...payload, nbf: null }),
      'claims_invalid',
    ],
  ])('refuses %s', (_name, value, failure) => {
    expect(checkUnverifiedToken(value, issuers)).toMatchObject({ failure });
  });

  it('hands the claimed issuer on for the client-id drift warning', () => {
    const other = 'https://api.workos.com/user_management/client_other';
    expect(checkUnverifiedToken(token(header, { ...payload, iss: other }), issuers)).toEqual({
      failure: 'issuer_mismatch',
      claimedIssuer: other,
    });
  });

  it('accepts a token without exp here (the claims schema refuses it after the signature)', () => {
    expect(checkUnverifiedToken(token(header, { iss: ISSUER }), issuers)).toEqual({ kid: 'kid_1' });
  });
});
