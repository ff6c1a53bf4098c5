import { returnToLocation, sanitizeReturnTo } from './return-to.js';

const PUBLIC = 'https://admin.example.com';

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

  // Dot segments (raw and encoded), which the URL parser resolves AFTER a raw-input check, and
  // backslash / control-character / double-encoded variants of each: all would come out as
  // `//evil.com` or `/\evil.com` if the raw value were validated instead of the normalised one.
  it.each([
    '/a/..//evil.com',
    '/.//evil.com',
    '/..//evil.com',
    '/x/../..//evil.com',
    '/a/b/../..//evil.com',
    '/%2e//evil.com',
    '/%2E//evil.com',
    '/%2e%2e//evil.com',
    '/a/%2e%2e//evil.com',
    '/a/.%2e//evil.com',
    '/a/%2e./%2fevil.com',
    '/a/..%2f%2fevil.com',
    '/a/..%2F/evil.com',
    '/%2e%2e%2f%2fevil.com',
    '/a/%252e%252e//evil.com',
    '/a/..%252f%252fevil.com',
    '/a/..%25252f%25252fevil.com',
    '/%25252525252F%25252525252Fevil.com',
    '/./\\evil.com',
    '/a/..\\\\evil.com',
    '/a/../\\evil.com',
    '/a/..%5c%5cevil.com',
    '/a/..%5C/evil.com',
    '/.%5cevil.com',
    '/a/../%09/evil.com',
    '/a/..\t//evil.com',
    '/a/..\n//evil.com',
    '/a/..\r//evil.com',
    '/\t/evil.com',
    '/%0a/evil.com',
    '/a/..%0d%0a//evil.com',
    '/a%00/../..//evil.com',
    '/a\u007f',
    '/%7f',
    '/a/../auth/login',
    '/%61uth/login',
    '/AUTH/logout',
  ])('normalises first: %j → /', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/');
  });

  it.each([
    ['/a/./b', '/a/b'],
    ['/a/%2e%2e/b?x=1', '/b?x=1'],
    ['/users/../users/42', '/users/42'],
    ['/search?q=%2F%2Fevil.com', '/search?q=%2F%2Fevil.com'],
    ['/x#//evil.com', '/x#//evil.com'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ])('keeps what normalises to a same-origin path: %j → %j', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  it('never yields a value that resolves, or decodes into something that resolves, off-origin', () => {
    const prefixes = ['/', '/a/', '/./', '/a/../', '/%2e/', '/%2E%2E/', '/a/%2e%2e/', '/.%2e/'];
    const separators = ['/', '\\', '%2f', '%2F', '%5c', '%5C', '%252f', '%09/', '%00', '/%2e%2e/'];
    for (const prefix of prefixes) {
      for (const separator of separators) {
        const out = sanitizeReturnTo(`${prefix}${separator}evil.com/x`);
        expect(sanitizeReturnTo(out)).toBe(out); // a fixed point: sending it again changes nothing
        let form = out;
        for (let round = 0; round < 4; round += 1) {
          expect(new URL(form, PUBLIC).origin).toBe(PUBLIC);
          expect(form.startsWith('//') || form.startsWith('/\\')).toBe(false);
          form = decodeURIComponent(form);
        }
      }
    }
  });
});

describe('returnToLocation', () => {
  it('builds the Location from PUBLIC_URL and the sanitised path', () => {
    expect(returnToLocation(PUBLIC, '/users?tab=roles')).toBe(`${PUBLIC}/users?tab=roles`);
    expect(returnToLocation(PUBLIC, '/')).toBe(`${PUBLIC}/`);
  });

  it.each([
    '//evil.com',
    '/a/..//evil.com',
    '/\\evil.com',
    'https://evil.com',
    '/%2e%2e//evil.com',
  ])('re-checks the stored value: %j → PUBLIC_URL/', (stored) => {
    expect(returnToLocation(PUBLIC, stored)).toBe(`${PUBLIC}/`);
  });
});
