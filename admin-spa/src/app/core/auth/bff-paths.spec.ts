import {
  bffTarget,
  organizationSignInUrl,
  safeLogoutUrl,
  safeReturnTo,
  safeSignInUrl,
  signInUrl,
} from './bff-paths';

const origin = 'https://admin.example.com';

describe('bffTarget', () => {
  it.each([
    ['/api/admin/me', 'api'],
    ['/api', 'api'],
    ['/auth/session?slide=false', 'auth'],
    ['/auth/logout', 'auth'],
    ['https://admin.example.com/api/admin/me', 'api'],
    ['api/admin/me', 'api'],
  ])('%s goes to the BFF (%s)', (url, target) => {
    expect(bffTarget(url, origin)).toBe(target);
  });

  it.each([
    'https://evil.example/api/admin/me',
    '//evil.example/api/admin/me',
    'http://admin.example.com/api/admin/me',
    'https://admin.example.com:8443/api/x',
    '/apiary',
    '/authors',
    '/assets/logo.svg',
    '/',
  ])('%s does not', (url) => {
    expect(bffTarget(url, origin)).toBeNull();
  });
});

describe('safeReturnTo', () => {
  it('keeps same-origin paths', () => {
    expect(safeReturnTo('/admin?tab=keys#top')).toBe('/admin?tab=keys#top');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/%09/ok',
    '/\t/evil.example',
    '/\n/evil.example',
    '',
    null,
    undefined,
  ])('turns %p into /', (value) => {
    expect(safeReturnTo(value)).toBe(value === '/%09/ok' ? '/%09/ok' : '/');
  });
});

describe('signInUrl', () => {
  it('encodes the return path', () => {
    expect(signInUrl('/admin?tab=keys')).toBe('/auth/login?returnTo=%2Fadmin%3Ftab%3Dkeys');
    expect(signInUrl('//evil.example')).toBe('/auth/login?returnTo=%2F');
  });
});

describe('safeLogoutUrl', () => {
  it('accepts http(s) URLs and same-origin paths', () => {
    expect(
      safeLogoutUrl('https://api.workos.com/user_management/sessions/logout?session_id=s', origin),
    ).toBe('https://api.workos.com/user_management/sessions/logout?session_id=s');
    expect(safeLogoutUrl('/signed-out', origin)).toBe('/signed-out');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example', '', 42, null])(
    'rejects %p',
    (value) => {
      expect(safeLogoutUrl(value, origin)).toBeNull();
    },
  );
});

describe('organizationSignInUrl', () => {
  it('names the organization and a safe return path', () => {
    expect(organizationSignInUrl('org_01GLOBEX', '/members?page=2')).toBe(
      '/auth/login?organizationId=org_01GLOBEX&returnTo=%2Fmembers%3Fpage%3D2',
    );
    expect(organizationSignInUrl('org_1', '//evil.example')).toBe(
      '/auth/login?organizationId=org_1&returnTo=%2F',
    );
  });
});

describe('safeSignInUrl', () => {
  it("accepts only the BFF's own sign-in path", () => {
    expect(safeSignInUrl('/auth/login?organizationId=org_1&returnTo=%2F')).toBe(
      '/auth/login?organizationId=org_1&returnTo=%2F',
    );
    expect(safeSignInUrl('/auth/login')).toBe('/auth/login');
  });

  it('refuses other paths, other origins and non-strings', () => {
    for (const value of [
      'https://evil.example/auth/login',
      '//evil.example/auth/login',
      '/auth/logout',
      '/auth/loginx',
      'javascript:alert(1)',
      '/auth/login?\n',
      '',
      null,
      42,
    ]) {
      expect(safeSignInUrl(value)).toBeNull();
    }
  });
});
