import { ADA, type Emulator } from '@gatehouse/workos-emulator';
import request from 'supertest';

import { type EchoUpstream, startEchoUpstream } from './support/echo-upstream.js';
import {
  completeSignIn,
  emulatorConfig,
  findSetCookie,
  setCookies,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, startHarness } from './support/harness.js';
import { TEST_PUBLIC_URL } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';

const WINDOW_SECONDS = 2;
const tripwire = new Tripwire();
let emulator: Emulator;
let echo: EchoUpstream;
let h: Harness;
let ipCounter = 0;
/** A fresh client address per test (the harness trusts one proxy hop), so budgets never mix. */
const freshIp = () => `203.0.113.${(ipCounter += 1)}`;
const exchanges = () => emulator.stats().grants['authorization_code'] ?? 0;
const refreshes = () => emulator.stats().grants['refresh_token'] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  emulator = await startTestEmulator();
  echo = await startEchoUpstream();
  h = await startHarness({
    config: emulatorConfig(emulator, {
      BACKEND_URL: echo.url,
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      RATE_LIMIT_SIGN_IN_PER_IP: '3',
      RATE_LIMIT_REFRESH_PER_SESSION: '1',
    }),
    tripwire,
  });
});
afterAll(async () => {
  await h.close();
  await echo.close();
  await emulator.close();
  expect(tripwire.leaks()).toEqual([]);
});

function expectRefused(res: request.Response, policy: string) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(res.body).toEqual({ error: 'rate_limited', retryAfter });
  expect(res.headers['ratelimit']).toMatch(new RegExp(`^"${policy}"; r=0; t=\\d+$`));
  expect(setCookies(res)).toEqual([]);
}

/** A sign-in started from `ip`: the agent holds the transaction cookie; returns the callback URL. */
async function startSignIn(agent: ReturnType<typeof request.agent>, ip: string) {
  const login = await agent.get('/auth/login').set('X-Forwarded-For', ip).redirects(0);
  expect(login.status).toBe(302);
  return completeSignIn(login.headers.location as string, { email: ADA.email });
}

describe('sign-in start, per client IP', () => {
  it('answers 429 JSON after the budget, sets no login cookie, counts each IP apart and refills', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) {
      const ok = await request(h.url).get('/auth/login').set('X-Forwarded-For', ip).redirects(0);
      expect(ok.status).toBe(302);
      expect(findSetCookie(ok, 'gatehouse-login')).toBeDefined();
      expect(ok.headers['ratelimit']).toMatch(new RegExp(`^"login"; r=${2 - i}; t=\\d+$`));
      expect(ok.headers['ratelimit-policy']).toMatch(/^"login"; q=3; w=2; pk=:[\w+/=-]+:$/);
    }
    expectRefused(
      await request(h.url).get('/auth/login').set('X-Forwarded-For', ip).redirects(0),
      'login',
    );
    const other = await request(h.url).get('/auth/login').set('X-Forwarded-For', freshIp());
    expect(other.status).toBe(302);
    await sleep(WINDOW_SECONDS * 1000 + 100);
    const again = await request(h.url).get('/auth/login').set('X-Forwarded-For', ip).redirects(0);
    expect(again.status).toBe(302);
  });
});

describe('callback, per client IP', () => {
  it('refuses before the transaction is consumed or the code exchanged; the same callback works later', async () => {
    const ip = freshIp();
    const agent = request.agent(h.url);
    const callbackUrl = await startSignIn(agent, ip);
    for (let i = 0; i < 3; i += 1) {
      const junk = await request(h.url)
        .get('/auth/callback?code=junk&state=junk')
        .set('X-Forwarded-For', ip);
      expect(junk.status).toBe(400);
    }
    const before = exchanges();
    const refused = await agent
      .get(`${callbackUrl.pathname}${callbackUrl.search}`)
      .set('X-Forwarded-For', ip)
      .redirects(0);
    expectRefused(refused, 'callback');
    expect(exchanges()).toBe(before);

    await sleep(WINDOW_SECONDS * 1000 + 100);
    const later = await agent
      .get(`${callbackUrl.pathname}${callbackUrl.search}`)
      .set('X-Forwarded-For', ip)
      .redirects(0);
    expect(later.status).toBe(302);
    expect(findSetCookie(later, 'gatehouse')).toMatch(/^gatehouse=s%3A/);
    expect(exchanges()).toBe(before + 1);
  });
});

describe('sign out everywhere, per client IP', () => {
  it('answers 429 after the budget, before any session is looked at', async () => {
    const ip = freshIp();
    const post = () =>
      request(h.url)
        .post('/auth/sessions/revoke-all')
        .set({ 'X-CSRF': '1', Origin: TEST_PUBLIC_URL, 'X-Forwarded-For': ip });
    for (let i = 0; i < 3; i += 1) expect((await post()).status).toBe(401);
    expectRefused(await post(), 'revoke-all');
  });
});

describe('token refreshes, per session', () => {
  it('a session past its refresh budget gets 429 without a WorkOS call and keeps working; others are unaffected', async () => {
    const signedIn = async () => {
      const agent = request.agent(h.url);
      const ip = freshIp();
      const callbackUrl = await startSignIn(agent, ip);
      const callback = await agent
        .get(`${callbackUrl.pathname}${callbackUrl.search}`)
        .set('X-Forwarded-For', ip)
        .redirects(0);
      return findSetCookie(callback, 'gatehouse')!.split(';')[0]!;
    };
    const cookie = await signedIn();
    const api = (path: string, c = cookie) =>
      request(h.url).get(path).set({ 'X-CSRF': '1', Cookie: c });
    const before = refreshes();
    // An upstream 401 on a GET makes the BFF refresh and retry once: one refresh, the 401 passes.
    expect((await api('/api/status/401')).status).toBe(401);
    expect(refreshes()).toBe(before + 1);
    const refused = await api('/api/status/401');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'rate_limited',
      retryAfter: Number(refused.headers['retry-after']),
    });
    expect(refreshes()).toBe(before + 1);
    expect((await api('/api/echo')).status).toBe(200); // session kept

    const other = await signedIn();
    expect((await api('/api/status/401', other)).status).toBe(401);
    expect(refreshes()).toBe(before + 2);
  });
});

describe('client address without a trusted proxy', () => {
  let direct: Harness;
  beforeAll(async () => {
    direct = await startHarness({
      config: emulatorConfig(emulator, {
        BACKEND_URL: echo.url,
        RATE_LIMIT_WINDOW_SECONDS: '60',
        RATE_LIMIT_SIGN_IN_PER_IP: '2',
      }),
      tripwire,
    });
  });
  afterAll(() => direct.close());

  it('a client-sent X-Forwarded-For does not buy a fresh budget (TRUST_PROXY_HOPS=0)', async () => {
    const login = (ip: string) =>
      request(direct.url).get('/auth/login').set('X-Forwarded-For', ip).redirects(0);
    expect((await login(freshIp())).status).toBe(302);
    expect((await login(freshIp())).status).toBe(302);
    expect((await login(freshIp())).status).toBe(429);
  });
});
