import { sanitizeReturnTo } from './return-to.js';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/', '/'],
    ['/users', '/users'],
    ['/users?tab=roles#top', '/users?tab=roles#top'],
    ['/a/../b', '/b'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  it.each([
    '//evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    'https://evil.com',
    'http:evil.com',
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    '/%2f/evil.com',
    '/%5Cevil.com',
    '/%09/evil.com',
    '/\t/evil.com',
    '/%0d%0aSet-Cookie:x',
    '/%00',
    '/%252F%252Fevil.com',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' /users',
    'users',
    '',
    '/auth/login',
    '/auth/logout',
    '/%E0%A4%A',
    '/' + 'a'.repeat(3000),
  ])('turns %j into /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it('turns non-strings into /', () => {
    expect(sanitizeReturnTo(undefined)).toBe('/');
    expect(sanitizeReturnTo(['/a', '/b'])).toBe('/');
    expect(sanitizeReturnTo({ toString: () => '/a' })).toBe('/');
  });
});
