import { ADA, type Emulator, MAX, signWebhook } from '@gatehouse/workos-emulator';
import request from 'supertest';

import { Sealer } from '../src/crypto/seal.js';
import { createLogger } from '../src/http/logger.js';
import { createRedisClient, whenRedisReady } from '../src/session/redis.client.js';
import type { AnyRedisClient, RedisSessionStoreOptions } from '../src/session/redis.store.js';
import { SessionCrypto } from '../src/session/session-crypto.js';
import type { TokenPair } from '../src/session/session.types.js';
import { type EchoUpstream, startEchoUpstream } from './support/echo-upstream.js';
import {
  completeSignIn,
  emulatorConfig,
  findSetCookie,
  signIn,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, RecordingRedisStore, startHarness, TestClock } from './support/harness.js';
import { startTestRedis, type TestRedis } from './support/redis-server.js';
import { TEST_COOKIE_PASSWORD, TEST_PUBLIC_URL } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';
import { readSession } from './support/store-backing.js';

const WEBHOOK_SECRET = 'whsec_gatehouse_test_secret';
const csrf = { 'X-CSRF': '1' };
const unsafe = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };
const sealer = new Sealer(TEST_COOKIE_PASSWORD, () => Date.now());
const crypto = new SessionCrypto(TEST_COOKIE_PASSWORD);

const sessionIdOf = (cookie: string) =>
  decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;

/** Two BFF instances on one Redis, the real emulator (sending webhooks to instance A), an echo upstream. */
describe('two BFF instances on one Redis', () => {
  const tripwire = new Tripwire();
  const clock = new TestClock();
  const clients: AnyRedisClient[] = [];
  let redis: TestRedis;
  let raw: AnyRedisClient;
  let emulator: Emulator;
  let echo: EchoUpstream;
  let a: Harness<RecordingRedisStore>;
  let b: Harness<RecordingRedisStore>;

  async function startInstance(
    overrides: { env?: Record<string, string>; store?: Partial<RedisSessionStoreOptions> } = {},
  ): Promise<Harness<RecordingRedisStore>> {
    const config = emulatorConfig(emulator, {
      BACKEND_URL: echo.url,
      SESSION_STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      SESSION_REFRESH_LOCK_WAIT_MS: '1500',
      WORKOS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      WORKOS_TIMEOUT_MS: '1500',
      ...overrides.env,
    });
    const logger = createLogger('debug', tripwire.logStream);
    const client = createRedisClient({ url: redis.url, logger, connectTimeoutMs: 500 });
    clients.push(client);
    const store = new RecordingRedisStore({
      client,
      clock: clock.now,
      limits: { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs },
      secret: config.workos.cookiePassword,
      commandTimeoutMs: 1000, // short for outage tests, long enough for a loaded CI machine
      lockWaitMs: 1500,
      ...overrides.store,
    });
    return startHarness({ config, tripwire, clock, store });
  }

  /** Signs in through instance `via` and returns the `Cookie` header value and the session id. */
  async function signedIn(via: Harness<RecordingRedisStore>, email = ADA.email) {
    const { callback } = await signIn(request.agent(via.url), { email });
    expect(callback.status).toBe(302);
    const cookie = findSetCookie(callback, 'gatehouse')!.split(';')[0]!;
    return { cookie, sid: sessionIdOf(cookie) };
  }

  async function tokensOf(sid: string): Promise<TokenPair> {
    const auth = (await readSession(a.store, sid))?.auth;
    if (!auth) throw new Error('no stored session');
    return (await sealer.unseal<TokenPair>(auth.sealedTokens))!;
  }

  const refreshCount = () => emulator.stats().grants['refresh_token'] ?? 0;
  const api = (via: Harness<RecordingRedisStore>, cookie: string, path = '/api/things') =>
    request(via.url).get(path).set(csrf).set('Cookie', cookie);

  beforeAll(async () => {
    redis = await startTestRedis();
    emulator = await startTestEmulator({ now: clock.now });
    echo = await startEchoUpstream();
    a = await startInstance();
    b = await startInstance();
    emulator.addWebhookEndpoint({ url: `${a.url}/auth/webhooks/workos`, secret: WEBHOOK_SECRET });
    raw = createRedisClient({ url: redis.url, logger: createLogger('silent') });
    clients.push(raw);
    await Promise.all(clients.map((client) => whenRedisReady(client)));
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    for (const client of clients) if (client.isOpen) await client.close();
    await echo.close();
    await emulator.close();
    await redis.stop();
    expect(tripwire.secretCount).toBeGreaterThan(4);
    expect(tripwire.leaks()).toEqual([]);
  });

  it('a session created on A is used on B, refreshed on B, read on A and destroyed on B', async () => {
    const { cookie, sid } = await signedIn(a);
    const onB = await request(b.url).get('/auth/session').set(csrf).set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.body.user.email).toBe(ADA.email);
    const before = await tokensOf(sid);
    clock.advance(250_000);
    const refreshed = await api(b, cookie);
    expect(refreshed.status).toBe(200);
    const after = await tokensOf(sid);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${after.accessToken}`);
    const onA = await api(a, cookie);
    expect(onA.status).toBe(200);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${after.accessToken}`);
    const logout = await request(b.url).post('/auth/logout').set(unsafe).set('Cookie', cookie);
    expect(logout.status).toBe(200);
    expect((await api(a, cookie)).status).toBe(401);
    expect(await readSession(a.store, sid)).toBeUndefined();
  });

  it('20 concurrent requests split over both instances with an expiring token → one refresh, all 200', async () => {
    const { cookie, sid } = await signedIn(a);
    const before = await tokensOf(sid);
    clock.advance(250_000); // 300 s tokens: < 60 s left
    const refreshes = refreshCount();
    echo.received.length = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api(i % 2 === 0 ? a : b, cookie)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(refreshCount() - refreshes).toBe(1);
    const after = await tokensOf(sid);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(new Set(echo.received.map((r) => r.headers.authorization))).toEqual(
      new Set([`Bearer ${after.accessToken}`]),
    );
    // Stale copies saved at the end of the 20 requests never put the old pair back.
    expect((await api(b, cookie)).status).toBe(200);
    expect(refreshCount() - refreshes).toBe(1);
  });

  it('a refresh slower than the refresh lock TTL: the lock is renewed while held → one refresh, all 200', async () => {
    // Two more instances whose lock key lives 300 ms, and a refresh grant that takes 1.2 s: a lock
    // that expired mid-refresh would let the other instance spend the same refresh token again.
    const slow = {
      env: { WORKOS_TIMEOUT_MS: '5000' },
      store: { lockTtlMs: 300, lockWaitMs: 5000 },
    };
    const c = await startInstance(slow);
    const d = await startInstance(slow);
    await Promise.all(clients.slice(-2).map((client) => whenRedisReady(client)));
    try {
      const { cookie, sid } = await signedIn(c);
      clock.advance(250_000);
      const refreshes = refreshCount();
      echo.received.length = 0;
      emulator.inject({
        route: 'POST /user_management/authenticate',
        grantType: 'refresh_token',
        delayMs: 1200,
      });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => api(i % 2 === 0 ? c : d, cookie).timeout(8000)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(refreshCount() - refreshes).toBe(1);
      const after = await tokensOf(sid);
      expect(new Set(echo.received.map((r) => r.headers.authorization))).toEqual(
        new Set([`Bearer ${after.accessToken}`]),
      );
      expect(await raw.keys(`gatehouse:l:${crypto.storeKey(sid)}`)).toEqual([]); // released
    } finally {
      emulator.clearFaults();
      await c.close();
      await d.close();
    }
  });

  it('login state is single-use across instances: a callback replayed on the other instance exchanges nothing', async () => {
    const agentA = request.agent(a.url);
    const login = await agentA.get('/auth/login').redirects(0);
    const tx = findSetCookie(login, 'gatehouse-login')!.split(';')[0]!;
    const cb = await completeSignIn(login.headers.location as string, { email: ADA.email });
    const exchanges = () => emulator.stats().grants['authorization_code'] ?? 0;
    const first = await agentA.get(`${cb.pathname}${cb.search}`).redirects(0);
    expect(first.status).toBe(302);
    const before = exchanges();
    const replay = await request(b.url)
      .get(`${cb.pathname}${cb.search}`)
      .set('Cookie', tx)
      .redirects(0);
    expect(replay.status).toBe(400);
    expect(findSetCookie(replay, 'gatehouse')).toBeUndefined();
    expect(exchanges()).toBe(before); // refused on the state, before any code exchange
  });

  it('sign-in rate limits are counted in Redis, shared by both instances', async () => {
    const login = (via: Harness<RecordingRedisStore>) =>
      request(via.url).get('/auth/login').redirects(0);
    const remaining = (res: request.Response) =>
      Number(/^"login"; r=(\d+);/.exec(String(res.headers['ratelimit']))?.[1]);
    const first = await login(a);
    const second = await login(b);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(remaining(second)).toBe(remaining(first) - 1);
    expect(await raw.keys('gatehouse:rl:login:*')).toHaveLength(1);
  });

  it('a dump of every Redis key and value holds no token and no session id', async () => {
    const sessions = [await signedIn(a), await signedIn(b, MAX.email)];
    for (const s of sessions) expect((await api(b, s.cookie)).status).toBe(200);
    const tokens = await Promise.all(sessions.map((s) => tokensOf(s.sid)));
    const dump = (await a.store.dump()).join('\n');
    expect(dump.length).toBeGreaterThan(0);
    for (const [i, s] of sessions.entries()) {
      expect(dump).toContain(crypto.storeKey(s.sid)); // the rows are there…
      expect(dump).not.toContain(s.sid); // …under a keyed hash of the id
      expect(dump).not.toContain(encodeURIComponent(s.sid));
      expect(dump).not.toContain(tokens[i]!.accessToken.split('.')[1]!);
      expect(dump).not.toContain(tokens[i]!.refreshToken);
    }
    expect(dump).not.toContain('eyJhbGciOi'); // how every JWT starts ('eyJ' alone occurs in random bytes)
    expect(dump).not.toContain(ADA.email);
    expect(dump).not.toContain(ADA.id);
  });

  describe('WorkOS webhooks', () => {
    const post = (body: string, signature?: string) => {
      const req = request(b.url)
        .post('/auth/webhooks/workos')
        .set('Content-Type', 'application/json');
      return (signature === undefined ? req : req.set('WorkOS-Signature', signature)).send(body);
    };

    it('a missing or bad signature → 401 and nothing is deleted', async () => {
      const { cookie, sid } = await signedIn(a);
      const { workosSessionId } = (await readSession(a.store, sid))!.auth!;
      const body = JSON.stringify({
        object: 'event',
        id: 'event_01TEST',
        event: 'session.revoked',
        data: { object: 'session', id: workosSessionId, user_id: ADA.id },
        created_at: new Date().toISOString(),
      });
      const rowsBefore = await a.store.dump();
      const now = Date.now();
      for (const signature of [
        undefined,
        '',
        signWebhook(body, 'another-secret-entirely', now),
        signWebhook(body.replace('event_01TEST', 'event_01OTHER'), WEBHOOK_SECRET, now),
        signWebhook(body, WEBHOOK_SECRET, now - 10 * 60_000), // too old
        signWebhook(body, WEBHOOK_SECRET, now + 10 * 60_000), // from the future
        't=abc, v1=zz',
      ]) {
        const res = await post(body, signature);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'bad_signature' });
      }
      expect(await a.store.dump()).toEqual(rowsBefore);
      expect((await api(b, cookie)).status).toBe(200);
    });

    it('session.revoked from the emulator → the next request is 401 session_expired, on either instance', async () => {
      const first = await signedIn(a);
      const other = await signedIn(b);
      const { workosSessionId } = (await readSession(a.store, first.sid))!.auth!;
      expect(emulator.revokeSession(workosSessionId)).toBe(true);
      await emulator.flushWebhooks();
      expect(emulator.webhookStats().failed).toBe(0);
      const res = await api(b, first.cookie);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'session_expired' });
      const me = await request(a.url).get('/auth/session').set(csrf).set('Cookie', first.cookie);
      expect(me.body).toEqual({ error: 'session_expired' });
      expect((await api(a, other.cookie)).status).toBe(200); // another WorkOS session is untouched
    });

    it('user.deleted → every session of that user ends', async () => {
      const s1 = await signedIn(a, MAX.email);
      const s2 = await signedIn(b, MAX.email);
      const ada = await signedIn(a);
      const body = JSON.stringify({
        object: 'event',
        id: 'event_01DELETED',
        event: 'user.deleted',
        data: {
          object: 'user',
          id: MAX.id,
          email: MAX.email,
          created_at: '2025-01-01T00:00:00.000Z',
          updated_at: '2025-01-01T00:00:00.000Z',
        },
        created_at: new Date().toISOString(),
      });
      const res = await post(body, signWebhook(body, WEBHOOK_SECRET, Date.now()));
      expect(res.status).toBe(200);
      for (const s of [s1, s2])
        expect((await api(b, s.cookie)).body).toEqual({ error: 'session_expired' });
      expect((await api(b, ada.cookie)).status).toBe(200);
    });
  });

  it('sign out everywhere ends every BFF session of the user and their WorkOS sessions', async () => {
    const here = await signedIn(a);
    const there = await signedIn(b);
    const max = await signedIn(b, MAX.email);
    const wsids = await Promise.all(
      [here, there].map(async (s) => (await readSession(a.store, s.sid))!.auth!.workosSessionId),
    );
    const refused = await request(a.url)
      .post('/auth/sessions/revoke-all')
      .set('Cookie', here.cookie);
    expect(refused.status).toBe(403);
    const res = await request(a.url)
      .post('/auth/sessions/revoke-all')
      .set(unsafe)
      .set('Cookie', here.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ complete: true });
    expect(res.body.bffSessionsEnded).toBeGreaterThanOrEqual(2);
    expect(res.body.workosSessionsRevoked).toBeGreaterThanOrEqual(2);
    expect(res.headers['clear-site-data']).toBe('"storage"'); // not "cookies" (sibling apps)
    expect(findSetCookie(res, 'gatehouse')).toMatch(
      /^gatehouse=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );
    for (const wsid of wsids) expect(emulator.revokeSession(wsid)).toBe(false); // already ended at WorkOS
    expect((await api(b, there.cookie)).body).toEqual({ error: 'session_expired' });
    expect((await api(a, here.cookie)).status).toBe(401);
    expect((await api(a, max.cookie)).status).toBe(200);
    await emulator.flushWebhooks();
  });

  it('sign out everywhere still ends the BFF sessions when WorkOS cannot revoke (complete: false)', async () => {
    const here = await signedIn(a);
    const there = await signedIn(b);
    emulator.inject({
      route: 'POST /user_management/sessions/revoke',
      status: 500,
      times: Infinity,
    });
    try {
      const res = await request(b.url)
        .post('/auth/sessions/revoke-all')
        .set(unsafe)
        .set('Cookie', there.cookie);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ complete: false, workosSessionsRevoked: 0 });
    } finally {
      emulator.clearFaults();
    }
    expect((await api(a, here.cookie)).body).toEqual({ error: 'session_expired' });
    const anonymous = await request(a.url).post('/auth/sessions/revoke-all').set(unsafe);
    expect(anonymous.status).toBe(401);
  });

  it('a refresh lock held elsewhere past the wait → 503 and the session kept', async () => {
    const { cookie, sid } = await signedIn(a);
    clock.advance(250_000);
    const lockKey = `gatehouse:l:${crypto.storeKey(sid)}`;
    await raw.set(lockKey, 'another-instance', { expiration: { type: 'PX', value: 10_000 } });
    const refreshes = refreshCount();
    const res = await api(b, cookie);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'auth_unavailable', retryable: true });
    expect(refreshCount()).toBe(refreshes);
    await raw.del(lockKey);
    expect((await api(b, cookie)).status).toBe(200);
    expect(refreshCount() - refreshes).toBe(1);
  });

  it('a Redis that stops answering → 503 within the command timeout, then back to 200', async () => {
    const { cookie } = await signedIn(a);
    redis.pause();
    try {
      const started = performance.now();
      const res = await api(a, cookie).timeout(5000);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: 'auth_unavailable', retryable: true });
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      redis.resume();
    }
    await waitFor(async () => (await api(a, cookie).timeout(3000)).status === 200);
  });
});

/** Polls `check` every 100 ms for up to `ms`. */
async function waitFor(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe('Redis killed and restarted during traffic', () => {
  const tripwire = new Tripwire();
  const clients: AnyRedisClient[] = [];
  let redis: TestRedis;
  let emulator: Emulator;
  let echo: EchoUpstream;
  let instances: Harness<RecordingRedisStore>[];

  beforeAll(async () => {
    redis = await startTestRedis({ persistent: true });
    emulator = await startTestEmulator();
    echo = await startEchoUpstream();
    instances = [];
    for (let i = 0; i < 2; i += 1) {
      const config = emulatorConfig(emulator, {
        BACKEND_URL: echo.url,
        SESSION_STORE: 'redis',
        REDIS_URL: redis.url,
      });
      const client = createRedisClient({
        url: redis.url,
        logger: createLogger('debug', tripwire.logStream),
        connectTimeoutMs: 500,
      });
      clients.push(client);
      const store = new RecordingRedisStore({
        client,
        clock: Date.now,
        limits: { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs },
        secret: config.workos.cookiePassword,
        commandTimeoutMs: 1000, // short for outage tests, long enough for a loaded CI machine
      });
      instances.push(await startHarness({ config, tripwire, store }));
    }
    await Promise.all(clients.map((client) => whenRedisReady(client)));
  });

  afterAll(async () => {
    for (const h of instances) await h.close();
    for (const client of clients) if (client.isOpen) await client.close();
    await echo.close();
    await emulator.close();
    await redis.stop();
    expect(tripwire.leaks()).toEqual([]);
  });

  it('answers 503 JSON while Redis is away, recovers by itself, and keeps the sessions saved before', async () => {
    const [a, b] = instances as [Harness<RecordingRedisStore>, Harness<RecordingRedisStore>];
    const { callback } = await signIn(request.agent(a.url), { email: ADA.email });
    expect(callback.status).toBe(302);
    const cookie = findSetCookie(callback, 'gatehouse')!.split(';')[0]!;
    const hit = (h: Harness<RecordingRedisStore>) =>
      request(h.url).get('/api/things').set(csrf).set('Cookie', cookie);
    expect((await hit(b)).status).toBe(200);

    const statuses: number[] = [];
    const bodies: unknown[] = [];
    let running = true;
    const traffic = (async () => {
      let i = 0;
      while (running) {
        const res = await hit(i % 2 === 0 ? a : b);
        statuses.push(res.status);
        if (res.status !== 200) bodies.push(res.body);
        i += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await new Promise((r) => setTimeout(r, 300));
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1500));
    const duringOutage = statuses.length;
    await redis.restart();
    await waitFor(() =>
      Promise.resolve(
        statuses
          .slice(duringOutage)
          .slice(-5)
          .filter((s) => s === 200).length === 5,
      ),
    );
    running = false;
    await traffic;

    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200, 503]));
    expect(new Set(bodies.map((body) => JSON.stringify(body)))).toEqual(
      new Set([JSON.stringify({ error: 'auth_unavailable', retryable: true })]),
    );
    // Signing in works again on both instances: the rate limiters reload their scripts, which the
    // restarted Redis no longer has.
    for (const h of [a, b]) {
      const fresh = await signIn(request.agent(h.url), { email: ADA.email });
      expect(fresh.callback.status).toBe(302);
      expect(fresh.login.headers['ratelimit']).toMatch(/^"login"; r=\d+; t=\d+$/);
    }
    // The same session, saved before the outage, works on both instances afterwards.
    for (const h of [a, b]) {
      const me = await request(h.url).get('/auth/session').set(csrf).set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe(ADA.email);
    }
  });
});
