import { createDecipheriv, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADA, EXAMPLE_CORP_ID, MAX, type Emulator } from '@gatehouse/workos-emulator';
import request from 'supertest';

import { Sealer } from '../src/crypto/seal.js';
import { SessionCrypto } from '../src/index.js';
import { SESSION_KEY_INFO } from '../src/session/session-crypto.js';
import { SessionStoreUnavailableError } from '../src/session/session-store.types.js';
import type { TokenPair } from '../src/session/session.types.js';
import { type EchoUpstream, sha256, startEchoUpstream } from './support/echo-upstream.js';
import {
  completeSignIn,
  emulatorConfig,
  findSetCookie,
  setCookies,
  signIn,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, RecordingSqliteStore, startHarness, TestClock } from './support/harness.js';
import { TEST_COOKIE_PASSWORD, TEST_PUBLIC_URL } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';
import { readSession, sqliteRows } from './support/store-backing.js';

const tripwire = new Tripwire();
const clock = new TestClock();
let emulator: Emulator;
let echo: EchoUpstream;
let h: Harness;
const csrf = { 'X-CSRF': '1' };
const unsafe = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };

beforeAll(async () => {
  emulator = await startTestEmulator({
    publicUrls: [TEST_PUBLIC_URL, 'https://localhost:4301'],
    now: clock.now,
  });
  echo = await startEchoUpstream();
  h = await startHarness({
    config: emulatorConfig(emulator, { BACKEND_URL: echo.url, WORKOS_TIMEOUT_MS: '1500' }),
    tripwire,
    clock,
  });
});

afterAll(async () => {
  await h.close();
  await echo.close();
  await emulator.close();
  expect(tripwire.secretCount).toBeGreaterThan(10);
  expect(tripwire.leaks()).toEqual([]);
});

const agent = () => request.agent(h.url);
const refreshedEvents = () =>
  tripwire.logLines().filter((line) => line.includes('"event":"session.refreshed"')).length;
const refreshCount = () => emulator.stats().grants['refresh_token'] ?? 0;
const sessionIdOf = (cookieLine: string) =>
  decodeURIComponent(cookieLine.split(';')[0]!.split('=')[1]!).slice(2).split('.')[0]!;
async function storedTokens(sid: string): Promise<TokenPair> {
  const auth = (await readSession(h.store, sid))?.auth;
  if (!auth) throw new Error('no stored session');
  const pair = await new Sealer(TEST_COOKIE_PASSWORD, clock.now).unseal<TokenPair>(
    auth.sealedTokens,
  );
  if (!pair) throw new Error('tokens did not unseal');
  return pair;
}

describe('login round trip', () => {
  it('login → WorkOS with S256 and a ≥128-bit state → callback → new session → returnTo', async () => {
    const a = agent();
    const rowsBefore = h.store.dump().length;
    await agent().get('/auth/login?returnTo=%2Fx').redirects(0);
    expect(h.store.dump()).toHaveLength(rowsBefore); // anonymous visitors create no store row
    const { login, authorizeUrl, callback } = await signIn(a, {
      email: ADA.email,
      returnTo: '/users?tab=roles',
    });

    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
      `${emulator.url}/user_management/authorize`,
    );
    expect(authorizeUrl.searchParams.get('provider')).toBe('authkit');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`${TEST_PUBLIC_URL}/auth/callback`);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(emulator.clientId);
    expect(
      Buffer.from(authorizeUrl.searchParams.get('state')!, 'base64url').length * 8,
    ).toBeGreaterThanOrEqual(128);
    expect(login.headers['cache-control']).toBe('no-store');
    expect(findSetCookie(login, 'gatehouse-login')).toMatch(
      /^gatehouse-login=Fe26\.2[^;]*; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );

    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe(`${TEST_PUBLIC_URL}/users?tab=roles`);
    const sessionCookie = findSetCookie(callback, 'gatehouse')!;
    expect(sessionCookie).toMatch(
      /^gatehouse=s%3A[\w-]{32}\.[^;]+; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(sessionCookie.length).toBeLessThan(4096);
    expect(findSetCookie(callback, 'gatehouse-login')).toMatch(
      /^gatehouse-login=; Path=\/; Expires=Thu, 01 Jan 1970/,
    );

    const me = await a.get('/auth/session').set(csrf);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: ADA.id, email: ADA.email },
      organizationId: EXAMPLE_CORP_ID,
      role: 'admin',
    });
    expect(me.body.roles).toContain('admin');

    const sid = sessionIdOf(sessionCookie);
    const tokens = await storedTokens(sid);
    const proxied = await a.get('/api/admin/me').set(csrf);
    expect(proxied.status).toBe(200);
    expect(proxied.body.authorizationSha256).toBe(sha256(`Bearer ${tokens.accessToken}`));

    // Rows are sealed with a key derived from the session id: no user id, session id or token.
    // ('eyJhbGciOi' is how every JWT's header starts; a shorter 'eyJ' could occur in random bytes.)
    const row = h.store
      .dump()
      .find((r) => r.startsWith(new SessionCrypto(TEST_COOKIE_PASSWORD).storeKey(sid)))!;
    expect(row).toBeDefined();
    expect(row).not.toContain(ADA.id);
    expect(row).not.toContain(sid);
    expect(row).not.toContain('eyJhbGciOi');
    expect(row).not.toContain(tokens.refreshToken);
    expect(row).not.toContain(tokens.accessToken.split('.')[1]);
  });

  it('screenHint, loginHint and organizationId pass through; bad values are refused', async () => {
    const ok = await agent()
      .get(
        `/auth/login?screenHint=sign-up&loginHint=ada%40example.com&organizationId=${EXAMPLE_CORP_ID}`,
      )
      .redirects(0);
    const url = new URL(ok.headers.location as string);
    expect(url.searchParams.get('screen_hint')).toBe('sign-up');
    expect(url.searchParams.get('login_hint')).toBe('ada@example.com');
    expect(url.searchParams.get('organization_id')).toBe(EXAMPLE_CORP_ID);
    const bad = await agent().get('/auth/login?screenHint=evil').redirects(0);
    expect(bad.status).toBe(400);
  });
});

describe('callback defences', () => {
  it('state mismatch → 400, no session, nothing stored', async () => {
    const a = agent();
    const login = await a.get('/auth/login').redirects(0);
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const rows = h.store.dump().length;
    const res = await a
      .get(`/auth/callback?code=${cb.searchParams.get('code')}&state=${'x'.repeat(43)}`)
      .redirects(0);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(findSetCookie(res, 'gatehouse')).toBeUndefined();
    expect(h.store.dump()).toHaveLength(rows);
    expect((await a.get('/auth/session').set(csrf)).status).toBe(401);
  });

  it('missing transaction cookie (login CSRF / another browser) → 400', async () => {
    const login = await agent().get('/auth/login').redirects(0);
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const res = await agent().get(`${cb.pathname}${cb.search}`).redirects(0);
    expect(res.status).toBe(400);
    expect(findSetCookie(res, 'gatehouse')).toBeUndefined();
  });

  it('replaying code + state, even with a copy of the transaction cookie → 400, no second session', async () => {
    const a = agent();
    const login = await a.get('/auth/login').redirects(0);
    const txCookie = findSetCookie(login, 'gatehouse-login')!.split(';')[0]!;
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const first = await a.get(`${cb.pathname}${cb.search}`).redirects(0);
    expect(first.status).toBe(302);
    const rows = h.store.dump().length;
    const replay = await request(h.url)
      .get(`${cb.pathname}${cb.search}`)
      .set('Cookie', txCookie)
      .redirects(0);
    expect(replay.status).toBe(400);
    expect(findSetCookie(replay, 'gatehouse')).toBeUndefined();
    expect(h.store.dump()).toHaveLength(rows);
  });

  it.each(['access_denied', 'login_required'])(
    'error=%s → /signed-out?reason=…, no session, no loop',
    async (error) => {
      const a = agent();
      await a.get('/auth/login').redirects(0);
      const res = await a
        .get(`/auth/callback?error=${error}&error_description=nope&state=abc`)
        .redirects(0);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`/signed-out?reason=${error}`);
      expect(findSetCookie(res, 'gatehouse')).toBeUndefined();
      expect(findSetCookie(res, 'gatehouse-login')).toMatch(/^gatehouse-login=;/);
      const weird = await a.get('/auth/callback?error=%3Cscript%3E').redirects(0);
      expect(weird.headers.location).toBe('/signed-out?reason=error');
    },
  );

  it('a code WorkOS refuses → 400 page; WorkOS failing → 502 page; no session either way', async () => {
    const a = agent();
    const login = await a.get('/auth/login').redirects(0);
    const state = new URL(login.headers.location as string).searchParams.get('state')!;
    const refused = await a.get(`/auth/callback?code=not_a_real_code&state=${state}`).redirects(0);
    expect(refused.status).toBe(400);

    const b = agent();
    const login2 = await b.get('/auth/login').redirects(0);
    const cb = await completeSignIn(login2.headers.location as string, { email: ADA.email });
    emulator.inject({
      route: 'POST /user_management/authenticate',
      status: 503,
      grantType: 'authorization_code',
    });
    const down = await b.get(`${cb.pathname}${cb.search}`).redirects(0);
    expect(down.status).toBe(502);
    expect(findSetCookie(down, 'gatehouse')).toBeUndefined();
  });
});

describe('a session that cannot be saved', () => {
  it('→ 503 and no session cookie for the unsaved id', async () => {
    const store = h.store;
    const set = store.set.bind(store);
    store.set = (_sid, _session, callback) =>
      callback?.(new SessionStoreUnavailableError('store away (test)'));
    try {
      const { callback } = await signIn(agent(), { email: ADA.email });
      expect(callback.status).toBe(503);
      expect(callback.body).toEqual({ error: 'auth_unavailable', retryable: true });
      expect(findSetCookie(callback, 'gatehouse')).toBeUndefined();
    } finally {
      store.set = set;
    }
  });
});

describe('key separation', () => {
  it('the session cookie plus a store dump open nothing: its signature is not the value key material', async () => {
    const { callback } = await signIn(agent(), { email: ADA.email });
    const value = decodeURIComponent(
      findSetCookie(callback, 'gatehouse')!.split(';')[0]!.slice(10),
    );
    const [sid, signature] = value.slice(2).split('.') as [string, string];
    const crypto = new SessionCrypto(TEST_COOKIE_PASSWORD);
    const [storeKey, box] = h.store
      .dump()
      .find((row) => row.startsWith(crypto.storeKey(sid)))!
      .split('|') as [string, string];
    expect(crypto.open(sid, box)).toContain(ADA.id); // the server opens it
    // An attacker with the cookie and the dump: the signature as HKDF's PRK, expanded as the code does.
    const prk = Buffer.from(signature, 'base64');
    const key = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from(SESSION_KEY_INFO), Buffer.from([1])]))
      .digest();
    const [, iv, body, tag] = box.split('.') as [string, string, string, string];
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(storeKey));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    decipher.update(Buffer.from(body, 'base64url'));
    expect(() => decipher.final()).toThrow();
  });
});

describe('a callback after the pre-login session ended', () => {
  const sessionCookies = (res: request.Response) =>
    setCookies(res).filter((line) => line.startsWith('gatehouse='));

  async function loginThenCallback(
    via: Harness,
    between: () => Promise<void> | void,
  ): Promise<{ a: ReturnType<typeof request.agent>; callback: request.Response }> {
    const a = request.agent(via.url);
    await signIn(a, { email: ADA.email }); // the session the browser still carries
    const login = await a.get('/auth/login?returnTo=%2Fagain').redirects(0);
    await between();
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const callback = await a.get(`${cb.pathname}${cb.search}`).redirects(0);
    return { a, callback };
  }

  it('timed out meanwhile (idle): answers like any callback, with one new session cookie', async () => {
    const short = await startHarness({
      config: emulatorConfig(emulator, { BACKEND_URL: echo.url, SESSION_IDLE_MINUTES: '1' }),
      tripwire,
      clock,
    });
    try {
      const { a, callback } = await loginThenCallback(short, () => clock.advance(61_000));
      expect(callback.status).toBe(302);
      expect(callback.headers.location).toBe(`${TEST_PUBLIC_URL}/again`);
      expect(sessionCookies(callback)).toHaveLength(1);
      expect(sessionCookies(callback)[0]).toMatch(/^gatehouse=s%3A[\w-]{32}\./);
      expect((await a.get('/auth/session').set(csrf)).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  it('ended elsewhere meanwhile (revoked): answers like any callback, with one new session cookie', async () => {
    const { a, callback } = await loginThenCallback(h, async () => {
      await h.store.destroySessionsOf({ userId: ADA.id }, 'revoked');
    });
    expect(callback.status).toBe(302);
    expect(sessionCookies(callback)).toHaveLength(1);
    expect(sessionCookies(callback)[0]).toMatch(/^gatehouse=s%3A[\w-]{32}\./);
    expect((await a.get('/auth/session').set(csrf)).status).toBe(200);
  });
});

describe('session fixation', () => {
  it('a planted cookie (even a live session of the attacker) is never reused', async () => {
    const attacker = agent();
    const attackerLogin = await signIn(attacker, { email: MAX.email });
    const planted = findSetCookie(attackerLogin.callback, 'gatehouse')!.split(';')[0]!;

    const victim = request(h.url);
    const login = await victim.get('/auth/login').set('Cookie', planted).redirects(0);
    const tx = findSetCookie(login, 'gatehouse-login')!.split(';')[0]!;
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const callback = await request(h.url)
      .get(`${cb.pathname}${cb.search}`)
      .set('Cookie', `${planted}; ${tx}`)
      .redirects(0);
    expect(callback.status).toBe(302);
    const issued = findSetCookie(callback, 'gatehouse')!.split(';')[0]!;
    expect(issued).not.toBe(planted);
    expect(sessionIdOf(issued)).not.toBe(sessionIdOf(planted));
    const attackerView = await request(h.url).get('/auth/session').set(csrf).set('Cookie', planted);
    expect(attackerView.status).toBe(401);
    const victimView = await request(h.url).get('/auth/session').set(csrf).set('Cookie', issued);
    expect(victimView.body.user.email).toBe(ADA.email);
  });

  it('a made-up cookie value before login is replaced', async () => {
    const forged = 'gatehouse=s%3AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.forged';
    const login = await request(h.url).get('/auth/login').set('Cookie', forged).redirects(0);
    const tx = findSetCookie(login, 'gatehouse-login')!.split(';')[0]!;
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const callback = await request(h.url)
      .get(`${cb.pathname}${cb.search}`)
      .set('Cookie', `${forged}; ${tx}`)
      .redirects(0);
    expect(findSetCookie(callback, 'gatehouse')).not.toContain('AAAAAAAAAAAAAAAA');
  });
});

describe('returnTo attack list (through the real flow)', () => {
  it.each([
    '//evil.com',
    '/\\evil.com',
    'https://evil.com',
    '%2F%2Fevil.com',
    '/%2F%2Fevil.com',
    '/%09/evil.com',
    'javascript:alert(1)',
    '/auth/logout',
    '/a/..//evil.com',
    '/.//evil.com',
    '/%2e%2e//evil.com',
    '/a/.%2e//evil.com',
    '/a/..%2f%2fevil.com',
    '/a/../\\evil.com',
    '/a/..%5c%5cevil.com',
    '/a/..%09//evil.com',
  ])('%j lands on PUBLIC_URL/', async (returnTo) => {
    const { callback } = await signIn(agent(), { email: ADA.email, returnTo });
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe(`${TEST_PUBLIC_URL}/`);
  });

  it('returnTo comes from the server-side login state, not the callback query', async () => {
    const a = agent();
    const login = await a.get('/auth/login?returnTo=%2Fsafe').redirects(0);
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const res = await a
      .get(`${cb.pathname}${cb.search}&returnTo=https%3A%2F%2Fevil.com`)
      .redirects(0);
    expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/safe`);
  });
});

describe('refresh', () => {
  it('20 concurrent requests near expiry → exactly one refresh, all succeed with the new token', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const before = await storedTokens(sid);
    clock.advance(250_000); // 300 s tokens: < 60 s left on the BFF's clock
    const refreshes = refreshCount();
    echo.received.length = 0;
    const eventsBefore = refreshedEvents();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => a.get('/api/things').set(csrf)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(refreshedEvents() - eventsBefore).toBe(1);
    expect(refreshCount() - refreshes).toBe(1);
    const after = await storedTokens(sid);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(new Set(echo.received.map((r) => r.headers.authorization))).toEqual(
      new Set([`Bearer ${after.accessToken}`]),
    );
  });

  it('an upstream 401 on a GET → one refresh and one retry, then the answer passes through', async () => {
    const a = agent();
    await signIn(a, { email: ADA.email });
    const refreshes = refreshCount();
    echo.received.length = 0;
    const res = await a.get('/api/status/401').set(csrf);
    expect(res.status).toBe(401);
    expect(refreshCount() - refreshes).toBe(1);
    expect(echo.received).toHaveLength(2);
    expect(echo.received[0]!.headers.authorization).not.toBe(
      echo.received[1]!.headers.authorization,
    );
  });

  it('a slow request that loaded the session before a rotation does not write the old tokens back', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const original = await storedTokens(sid);
    clock.advance(1000); // so the slow request's copy is modified (lastSeenAt) and saved at its end
    const slow = a
      .get('/api/slow?ms=1000')
      .set(csrf)
      .then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const forced = await a.get('/api/status/401').set(csrf); // refresh + retry
    expect(forced.status).toBe(401);
    const rotated = await storedTokens(sid);
    expect(rotated.refreshToken).not.toBe(original.refreshToken);
    expect((await slow).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await storedTokens(sid)).refreshToken).toBe(rotated.refreshToken);
  });

  it('invalid_grant (WorkOS session revoked) → 401 session_expired and the store row gone', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const { workosSessionId } = (await readSession(h.store, sid))!.auth!;
    expect(emulator.revokeSession(workosSessionId)).toBe(true);
    clock.advance(250_000);
    {
      const res = await a.get('/api/things').set(csrf);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'session_expired' });
      expect(await readSession(h.store, sid)).toBeUndefined();
      expect(h.store.dump().some((row) => row.includes(workosSessionId))).toBe(false);
      expect((await a.get('/auth/session').set(csrf)).status).toBe(401);
    }
  });

  it.each([
    ['a 500', { status: 500, delayMs: 0 }],
    ['a 429', { status: 429, delayMs: 0 }],
    ['a timeout', { delayMs: 2500 }],
  ] as [string, { status?: number; delayMs: number }][])(
    'transient failure (%s) → 503 auth_unavailable, session kept, next request recovers',
    async (_name, fault) => {
      const a = agent();
      const { callback } = await signIn(a, { email: ADA.email });
      const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
      clock.advance(250_000);
      {
        emulator.inject({
          route: 'POST /user_management/authenticate',
          grantType: 'refresh_token',
          ...fault,
        });
        echo.received.length = 0;
        const res = await a.get('/api/things').set(csrf);
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ error: 'auth_unavailable', retryable: true });
        expect(echo.received).toHaveLength(0);
        expect((await readSession(h.store, sid))?.auth).toBeDefined();
        const retry = await a.get('/api/things').set(csrf);
        expect(retry.status).toBe(200);
      }
    },
  );
});

describe('logout', () => {
  it('with an expired access token: 200 { logoutUrl } for the WorkOS session, which then ends', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const { workosSessionId } = (await readSession(h.store, sid))!.auth!;
    clock.advance(10 * 60_000); // token (300 s) long expired, idle (30 min) not reached
    {
      const res = await a.post('/auth/logout').set(unsafe);
      expect(res.status).toBe(200);
      const url = new URL(res.body.logoutUrl as string);
      expect(url.origin).toBe(emulator.url);
      expect(url.searchParams.get('session_id')).toBe(workosSessionId);
      expect(url.searchParams.get('return_to')).toBe(`${TEST_PUBLIC_URL}/signed-out`);
      expect(await readSession(h.store, sid)).toBeUndefined();
      const hop = await fetch(url, { redirect: 'manual' });
      expect(hop.status).toBe(302);
      expect(hop.headers.get('location')).toBe(`${TEST_PUBLIC_URL}/signed-out`);
      expect(emulator.revokeSession(workosSessionId)).toBe(false); // already ended by the logout hop
      expect((await a.get('/api/things').set(csrf)).status).toBe(401);
    }
  });
});

describe('logout ends the WorkOS session on the server too', () => {
  const revokeCalls = () =>
    emulator.stats().endpoints['POST /user_management/sessions/revoke'] ?? 0;

  it('revokeSession is called for the session, whether or not the browser opens the logout URL', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const { workosSessionId } = (await readSession(h.store, sid))!.auth!;
    const before = revokeCalls();
    const res = await a.post('/auth/logout').set(unsafe);
    expect(res.status).toBe(200);
    expect(revokeCalls() - before).toBe(1);
    // Never followed the logout URL, yet the WorkOS session is over.
    expect(emulator.revokeSession(workosSessionId)).toBe(false);
    await emulator.flushWebhooks();
  });

  it('a WorkOS failure is logged and never shown: the logout answers as usual', async () => {
    const a = agent();
    const { callback } = await signIn(a, { email: ADA.email });
    const sid = sessionIdOf(findSetCookie(callback, 'gatehouse')!);
    const { workosSessionId } = (await readSession(h.store, sid))!.auth!;
    const failuresBefore = tripwire
      .logLines()
      .filter((line) => line.includes('"event":"session.workos_revoke_failed"')).length;
    emulator.inject({ route: 'POST /user_management/sessions/revoke', status: 500 });
    const res = await a.post('/auth/logout').set(unsafe);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object)).toEqual(['logoutUrl']);
    expect(new URL(res.body.logoutUrl as string).searchParams.get('session_id')).toBe(
      workosSessionId,
    );
    expect(await readSession(h.store, sid)).toBeUndefined();
    const failures = tripwire
      .logLines()
      .filter((line) => line.includes('"event":"session.workos_revoke_failed"'));
    expect(failures.length - failuresBefore).toBe(1);
    expect(failures.at(-1)).toContain('"status":500');
    expect(emulator.revokeSession(workosSessionId)).toBe(true); // it really was not revoked
    await emulator.flushWebhooks();
  });
});

describe('secure cookies (https PUBLIC_URL behind one trusted proxy)', () => {
  it('__Host- names, Secure, HttpOnly, SameSite, Path=/, no Domain', async () => {
    const secure = await startHarness({
      config: emulatorConfig(emulator, {
        PUBLIC_URL: 'https://localhost:4301',
        TRUST_PROXY_HOPS: '1',
        BACKEND_URL: echo.url,
      }),
      tripwire,
    });
    try {
      const xfp = { 'X-Forwarded-Proto': 'https' };
      const login = await request(secure.url).get('/auth/login').set(xfp).redirects(0);
      const tx = findSetCookie(login, '__Host-gatehouse-login')!;
      expect(tx).toMatch(
        /^__Host-gatehouse-login=[^;]+; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      );
      const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
      const callback = await request(secure.url)
        .get(`${cb.pathname}${cb.search}`)
        .set(xfp)
        .set('Cookie', tx.split(';')[0]!)
        .redirects(0);
      expect(callback.status).toBe(302);
      expect(callback.headers['cache-control']).toBe('no-store');
      const cookie = findSetCookie(callback, '__Host-gatehouse')!;
      expect(cookie).toMatch(
        /^__Host-gatehouse=s%3A[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
      );
      expect(cookie).not.toMatch(/Domain/i);
      expect(callback.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});

describe('logs', () => {
  interface LogLine {
    event?: string;
    reqId?: unknown;
    req?: { id?: unknown; path?: unknown; headers?: Record<string, unknown> };
    res?: { headers?: Record<string, unknown> };
  }

  it('carry request ids and session events, with credentials redacted', () => {
    const lines = tripwire.logLines().map((line) => JSON.parse(line) as LogLine);
    const events = new Set(lines.map((l) => l.event).filter(Boolean));
    for (const event of [
      'session.created',
      'session.refreshed',
      'session.destroyed',
      'session.refresh_failed',
      'login.state_rejected',
    ]) {
      expect(events).toContain(event);
    }
    const requests = lines.filter((l) => l.req?.headers);
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.every((l) => typeof l.req?.id === 'string' && l.req.id.length === 36)).toBe(
      true,
    );
    // Event lines carry the request id of their request's completion line (which has the details).
    const completed = new Set(requests.map((l) => l.req?.id));
    const created = lines.filter((l) => l.event === 'session.created');
    expect(created.length).toBeGreaterThan(0);
    expect(created.every((l) => typeof l.reqId === 'string' && completed.has(l.reqId))).toBe(true);
    const withCookie = requests.filter((l) => l.req?.headers?.['cookie'] !== undefined);
    expect(withCookie.length).toBeGreaterThan(10);
    expect(withCookie.every((l) => l.req?.headers?.['cookie'] === '[redacted]')).toBe(true);
    const setCookies = lines.filter((l) => l.res?.headers?.['set-cookie'] !== undefined);
    expect(setCookies.length).toBeGreaterThan(0);
    expect(setCookies.every((l) => l.res?.headers?.['set-cookie'] === '[redacted]')).toBe(true);
    expect(lines.some((l) => typeof l.req?.path === 'string' && l.req.path.includes('code='))).toBe(
      false,
    );
  });
});

describe('BFF restart (SQLite store)', () => {
  it('a session survives closing and reopening the BFF on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-restart-'));
    const path = join(dir, 'sessions.sqlite');
    const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
    const config = emulatorConfig(emulator, {
      BACKEND_URL: echo.url,
      SESSION_STORE: 'sqlite',
      SESSION_SQLITE_PATH: path,
    });
    const store1 = new RecordingSqliteStore({
      clock: clock.now,
      limits,
      path,
      pruneIntervalMs: 0,
      secret: config.workos.cookiePassword,
    });
    const first = await startHarness({ config, tripwire, clock, store: store1 });
    const a = request.agent(first.url);
    const { callback } = await signIn(a, { email: ADA.email });
    const cookie = findSetCookie(callback, 'gatehouse')!.split(';')[0]!;
    await first.close();
    store1.close();

    const store2 = new RecordingSqliteStore({
      clock: clock.now,
      limits,
      path,
      pruneIntervalMs: 0,
      secret: config.workos.cookiePassword,
    });
    const second = await startHarness({ config, tripwire, clock, store: store2 });
    try {
      const me = await request(second.url).get('/auth/session').set(csrf).set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(ADA.email);
      const proxied = await request(second.url).get('/api/x').set(csrf).set('Cookie', cookie);
      expect(proxied.status).toBe(200);
      expect(sqliteRows(path).join('\n')).not.toContain('eyJhbGciOi');
    } finally {
      await second.close();
      store2.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
