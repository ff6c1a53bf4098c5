import { ADA, GRACE, GLOBEX_ID, MAX, createEmulator, type Emulator } from '../src/index.js';
import { authorizePath, call, post, type Reply } from './http.helpers.js';

const SIGN_IN = '/user_management/authorize/sign-in';
const CALLBACK = 'http://localhost:3000/auth/callback';

function field(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
}

describe('authorize, sign-in page, logout, users and revoke', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await createEmulator({
      port: 0,
      redirectUris: ['http://127.0.0.1:5555/auth/callback'],
    });
  });
  afterAll(async () => {
    const statuses = Object.values(emulator.stats().statuses).flatMap((s) => Object.keys(s));
    await emulator.close();
    expect(statuses.filter((s) => s.startsWith('5'))).toEqual([]);
  });

  /** Opens the sign-in page and returns what a browser would keep: the form fields and the cookie. */
  async function openPage(overrides: Record<string, string | undefined> = {}) {
    const page = await call(emulator, authorizePath(emulator, overrides));
    expect(page.status).toBe(200);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return {
      page,
      cookie,
      requestId: field(page.text, 'request_id'),
      csrf: field(page.text, 'csrf_token'),
    };
  }

  function submit(cookie: string, fields: Record<string, string>): Promise<Reply> {
    return post(
      emulator,
      SIGN_IN,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
      {
        cookie,
      },
    );
  }

  function expectNoRedirect(reply: Reply, status: number): void {
    expect(reply.status).toBe(status);
    expect(reply.headers.get('location')).toBeNull();
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
  }

  describe('GET /user_management/authorize', () => {
    it.each([
      ['no client_id', { client_id: undefined }],
      ['an unknown client_id', { client_id: 'client_nope' }],
      ['no redirect_uri', { redirect_uri: undefined }],
      ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }],
      ['a redirect_uri differing only by a trailing slash', { redirect_uri: `${CALLBACK}/` }],
    ])('%s: 400 HTML page, never a redirect', async (_name, overrides) => {
      expectNoRedirect(await call(emulator, authorizePath(emulator, overrides)), 400);
    });

    it('repeated client_id parameters are refused without a redirect', async () => {
      const reply = await call(
        emulator,
        `${authorizePath(emulator)}&client_id=client_gatehouse_dev`,
      );
      expectNoRedirect(reply, 400);
    });

    it.each([
      ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
      ['another provider', { provider: 'GoogleOAuth' }, 'invalid_request'],
      ['no provider nor organization', { provider: undefined }, 'invalid_request'],
      ['an unknown organization', { organization_id: 'org_nope' }, 'invalid_request'],
      [
        'a plain PKCE method',
        { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
        'invalid_request',
      ],
      [
        'a malformed challenge',
        { code_challenge: 'short', code_challenge_method: 'S256' },
        'invalid_request',
      ],
      ['a method without challenge', { code_challenge_method: 'S256' }, 'invalid_request'],
      ['a bad screen_hint', { screen_hint: 'sign-sideways' }, 'invalid_request'],
    ])(
      '%s: OAuth error redirect to the registered URI with state',
      async (_name, overrides, error) => {
        const reply = await call(emulator, authorizePath(emulator, overrides));
        expect(reply.status).toBe(302);
        const location = new URL(reply.headers.get('location') ?? '');
        expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
        expect(location.searchParams.get('error')).toBe(error);
        expect(location.searchParams.get('error_description')).not.toBe('');
        expect(location.searchParams.get('state')).toBe('st');
      },
    );

    it('accepts a redirect URI added through the options, and organization_id without provider', async () => {
      const reply = await call(
        emulator,
        authorizePath(emulator, {
          redirect_uri: 'http://127.0.0.1:5555/auth/callback',
          provider: undefined,
          organization_id: GLOBEX_ID,
        }),
      );
      expect(reply.status).toBe(200);
      expect(reply.text).toContain('Globex');
    });

    it('renders a script-free page with the seeded users, escaping every value', async () => {
      const { page } = await openPage({ login_hint: '"><script>alert(1)</script>', state: '<b>' });
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.text).not.toContain('<script>');
      expect(page.text).toContain('&quot;&gt;&lt;script&gt;');
      expect(page.text).toContain('Sign in as Ada Admin, admin at Example Corp');
      expect(page.text).toContain(
        'Sign in as Grace Multi, member at Example Corp, admin at Globex',
      );
      expect(page.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    });

    it('honours screen_hint=sign-up and login_hint', async () => {
      const { page } = await openPage({ screen_hint: 'sign-up', login_hint: MAX.email });
      expect(page.text).toContain('Create an account');
      expect(page.text).toContain(`value="${MAX.email}" class="hint"`);
      expect(page.text).toContain(
        `name="email" type="email" autocomplete="username" required value="${MAX.email}"`,
      );
    });
  });

  describe('POST the sign-in form', () => {
    it('signs in with email + password and redirects with code and state', async () => {
      const { cookie, requestId, csrf } = await openPage();
      const reply = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'password',
        email: ADA.email.toUpperCase(),
        password: ADA.password,
      });
      expect(reply.status).toBe(302);
      const location = new URL(reply.headers.get('location') ?? '');
      expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(location.searchParams.get('state')).toBe('st');
      // the request is consumed: the same form cannot be posted again
      const again = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'one_click',
        sign_in_as: ADA.email,
      });
      expectNoRedirect(again, 400);
    });

    it('a wrong password or an unknown email shows the page again with 401', async () => {
      const { cookie, requestId, csrf } = await openPage();
      for (const [email, password] of [
        [ADA.email, 'wrong'],
        ['nobody@example.com', 'x'],
      ] as const) {
        const reply = await submit(cookie, {
          request_id: requestId,
          csrf_token: csrf,
          intent: 'password',
          email,
          password,
        });
        expectNoRedirect(reply, 401);
        expect(reply.text).toContain('Incorrect email or password.');
      }
      // still usable afterwards
      const ok = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'one_click',
        sign_in_as: MAX.email,
      });
      expect(ok.status).toBe(302);
    });

    it('refuses a wrong CSRF token, a missing cookie and an unknown request, without redirecting', async () => {
      const { cookie, requestId, csrf } = await openPage();
      const base = { request_id: requestId, intent: 'one_click', sign_in_as: ADA.email };
      expectNoRedirect(await submit(cookie, { ...base, csrf_token: 'forged' }), 403);
      expectNoRedirect(await submit('', { ...base, csrf_token: csrf }), 403);
      expectNoRedirect(
        await submit('wos_emulator_browser=someone-elses-browser-id', {
          ...base,
          csrf_token: csrf,
        }),
        403,
      );
      expectNoRedirect(
        await submit(cookie, { ...base, request_id: 'authreq_nope', csrf_token: csrf }),
        400,
      );
      expectNoRedirect(await submit(cookie, {}), 400);
      const malformed = await post(emulator, SIGN_IN, '{bad json', 'application/json');
      expect(malformed.status).toBe(400);
    });

    it('Cancel redirects with access_denied and the state', async () => {
      const { cookie, requestId, csrf } = await openPage();
      const reply = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'cancel',
      });
      expect(reply.status).toBe(302);
      const location = new URL(reply.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('error_description')).toBe(
        'The user cancelled the sign-in.',
      );
      expect(location.searchParams.get('state')).toBe('st');
      expect(location.searchParams.get('code')).toBeNull();
    });

    it('asks a user of several organizations to choose, and accepts only one of theirs', async () => {
      const { cookie, requestId, csrf } = await openPage();
      const choice = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'one_click',
        sign_in_as: GRACE.email,
      });
      expect(choice.status).toBe(200);
      expect(choice.text).toContain('Choose an organization');
      const wrong = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'choose_organization',
        organization_id: 'org_nope',
      });
      expect(wrong.status).toBe(400);
      const ok = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'choose_organization',
        organization_id: GLOBEX_ID,
      });
      expect(ok.status).toBe(302);
    });

    it('refuses a user who is not a member of the requested organization', async () => {
      const { cookie, requestId, csrf } = await openPage({ organization_id: GLOBEX_ID });
      const reply = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'one_click',
        sign_in_as: ADA.email,
      });
      expectNoRedirect(reply, 403);
      expect(reply.text).toContain('is not a member of Globex');
    });

    it('choose_organization before signing in and unknown intents are refused', async () => {
      const { cookie, requestId, csrf } = await openPage();
      const early = await submit(cookie, {
        request_id: requestId,
        csrf_token: csrf,
        intent: 'choose_organization',
        organization_id: GLOBEX_ID,
      });
      expectNoRedirect(early, 400);
      expectNoRedirect(
        await submit(cookie, { request_id: requestId, csrf_token: csrf, intent: 'hack' }),
        400,
      );
      expectNoRedirect(
        await submit(cookie, {
          request_id: requestId,
          csrf_token: csrf,
          intent: 'one_click',
          sign_in_as: 'x@y.z',
        }),
        400,
      );
    });
  });

  describe('logout', () => {
    it('missing session_id is 422 JSON', async () => {
      const reply = await call(emulator, '/user_management/sessions/logout');
      expect(reply.status).toBe(422);
      expect(reply.json['code']).toBe('invalid_request_parameters');
    });

    it('an unregistered return_to gets the signed-out page, never a redirect', async () => {
      const { sessionId } = await emulator.issueSession({ email: ADA.email });
      const reply = await call(
        emulator,
        `/user_management/sessions/logout?session_id=${sessionId}&return_to=${encodeURIComponent('https://evil.example/')}`,
      );
      expectNoRedirect(reply, 200);
      expect(reply.text).toContain('Signed out');
      expect(emulator.revokeSession(sessionId)).toBe(false); // already ended by the logout
    });

    it('without return_to it redirects to the client default logout URI', async () => {
      const { sessionId } = await emulator.issueSession({ email: ADA.email });
      const reply = await call(
        emulator,
        `/user_management/sessions/logout?session_id=${sessionId}`,
      );
      expect(reply.status).toBe(302);
      expect(reply.headers.get('location')).toBe('http://localhost:3000/signed-out');
    });
  });

  describe('API-key endpoints', () => {
    it.each([
      ['no Authorization', {}],
      ['a wrong key', { authorization: 'Bearer sk_wrong' }],
      ['a non-Bearer scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ])('%s: 401 on users and revoke', async (_name, headers) => {
      const user = await call(emulator, `/user_management/users/${ADA.id}`, { headers });
      expect(user.status).toBe(401);
      expect(user.json).toEqual({ code: 'unauthorized', message: 'Unauthorized' });
      const revoke = await post(
        emulator,
        '/user_management/sessions/revoke',
        '{"session_id":"s"}',
        'application/json',
        headers,
      );
      expect(revoke.status).toBe(401);
    });

    it('revoke validates session_id and 404s an unknown session', async () => {
      const auth = { authorization: `Bearer ${emulator.apiKey}` };
      const missing = await post(
        emulator,
        '/user_management/sessions/revoke',
        '{}',
        'application/json',
        auth,
      );
      expect(missing.status).toBe(422);
      const wrongType = await post(
        emulator,
        '/user_management/sessions/revoke',
        '{"session_id":1}',
        'application/json',
        auth,
      );
      expect(wrongType.status).toBe(422);
      const malformed = await post(
        emulator,
        '/user_management/sessions/revoke',
        '{',
        'application/json',
        auth,
      );
      expect(malformed.status).toBe(400);
      expect(malformed.json['code']).toBe('invalid_request_body');
      const unknown = await post(
        emulator,
        '/user_management/sessions/revoke',
        '{"session_id":"session_nope"}',
        'application/json',
        auth,
      );
      expect(unknown.status).toBe(404);
    });

    it('health answers JSON', async () => {
      const reply = await call(emulator, '/health');
      expect(reply.json).toEqual({ status: 'ok' });
      expect(reply.headers.get('x-request-id')).toMatch(/^req_/);
    });
  });
});
