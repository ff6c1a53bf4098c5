import request from 'supertest';

import { type EchoUpstream, startEchoUpstream } from './support/echo-upstream.js';
import { type Harness, startHarness, TestClock } from './support/harness.js';
import { plantSession } from './support/planted-session.js';
import { TEST_PUBLIC_URL, testConfig } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';
import { readSession } from './support/store-backing.js';

const tripwire = new Tripwire();
const clock = new TestClock(1_800_000_000_000);
let echo: EchoUpstream;
let h: Harness;
const csrf = { 'X-CSRF': '1' };
const unsafe = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };
const MIN = 60_000;

beforeAll(async () => {
  echo = await startEchoUpstream();
  h = await startHarness({
    config: testConfig({
      BACKEND_URL: echo.url,
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '2',
    }),
    tripwire,
    clock,
  });
});
afterAll(async () => {
  await h.close();
  await echo.close();
  expect(tripwire.leaks()).toEqual([]);
});

async function plant(options: { accessTtlMs?: number } = {}) {
  const s = await plantSession(h.config, h.store, { now: clock.now(), ...options });
  tripwire.addSecret(s.accessToken);
  tripwire.addSecret(s.refreshToken);
  return s;
}

describe('GET /auth/session', () => {
  it('needs the CSRF header', async () => {
    const s = await plant();
    const res = await request(h.url).get('/auth/session').set('Cookie', s.cookie);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'csrf' });
  });

  it('401 unauthenticated without a session', async () => {
    const res = await request(h.url).get('/auth/session').set(csrf);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthenticated' });
  });

  it('returns the user, claims and both deadlines, uncacheable, without token material', async () => {
    const s = await plant();
    const res = await request(h.url).get('/auth/session').set(csrf).set('Cookie', s.cookie);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      user: {
        id: 'user_planted',
        email: 'planted@example.com',
        firstName: 'Plan',
        lastName: 'Ted',
        profilePictureUrl: null,
      },
      organizationId: null,
      // No organization in the token, and WorkOS (unreachable here) listed none.
      organization: null,
      organizations: [],
      impersonator: null,
      role: 'admin',
      roles: ['admin'],
      permissions: ['users:read'],
      expiresAt: new Date(clock.now() + 2 * 60 * MIN).toISOString(),
      idleExpiresAt: new Date(clock.now() + 30 * MIN).toISOString(),
    });
  });
});

describe('timeouts (injectable clock)', () => {
  it('idle timeout → 401 session_expired and the store row gone', async () => {
    const s = await plant();
    clock.advance(30 * MIN);
    const res = await request(h.url).get('/auth/session').set(csrf).set('Cookie', s.cookie);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'session_expired' });
    expect(await readSession(h.store, s.sid)).toBeUndefined();
    expect(h.store.dump().some((row) => row.includes(s.workosSessionId))).toBe(false);
  });

  it('activity slides the idle deadline; ?slide=false does not', async () => {
    const s = await plant();
    clock.advance(20 * MIN);
    const polled = await request(h.url)
      .get('/auth/session?slide=false')
      .set(csrf)
      .set('Cookie', s.cookie);
    expect(polled.status).toBe(200);
    expect(polled.body.idleExpiresAt).toBe(new Date(clock.now() + 10 * MIN).toISOString());
    clock.advance(9 * MIN);
    const active = await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie);
    expect(active.status).toBe(200);
    clock.advance(29 * MIN);
    const still = await request(h.url)
      .get('/auth/session?slide=false')
      .set(csrf)
      .set('Cookie', s.cookie);
    expect(still.status).toBe(200);
    clock.advance(2 * MIN);
    const gone = await request(h.url)
      .get('/auth/session?slide=false')
      .set(csrf)
      .set('Cookie', s.cookie);
    expect(gone.status).toBe(401);
  });

  it('a refused request never slides the idle deadline (CSRF, Origin, Sec-Fetch-Site, route checks)', async () => {
    const s = await plant();
    const planted = clock.now();
    clock.advance(20 * MIN);
    const withCookie = (req: request.Test) => req.set('Cookie', s.cookie);
    const refused = [
      withCookie(request(h.url).get('/api/echo')), // no X-CSRF
      withCookie(
        request(h.url)
          .get('/api/echo')
          .set({ ...csrf, 'Sec-Fetch-Site': 'cross-site' }),
      ),
      withCookie(
        request(h.url)
          .post('/api/echo')
          .set({ ...csrf, Origin: 'https://evil.com' }),
      ),
      withCookie(request(h.url).post('/api/echo').set(csrf)), // no Origin
      withCookie(request(h.url).get('/api/no-such-route').set(csrf)),
      withCookie(request(h.url).options('/api/echo').set(csrf)),
      withCookie(request(h.url).get('/auth/session')), // no X-CSRF
      withCookie(request(h.url).get('/auth/login').redirects(0)), // a navigation, not activity
    ];
    expect((await Promise.all(refused)).map((r) => r.status)).toEqual([
      403, 403, 403, 403, 404, 405, 403, 302,
    ]);
    const polled = await request(h.url)
      .get('/auth/session?slide=false')
      .set(csrf)
      .set('Cookie', s.cookie);
    expect(polled.body.idleExpiresAt).toBe(new Date(planted + 30 * MIN).toISOString());
    clock.advance(10 * MIN);
    const gone = await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie);
    expect(gone.status).toBe(401);
    expect(gone.body).toEqual({ error: 'session_expired' });
  });

  it('activity is written at most once a minute; the deadline is never later than idle after the last request', async () => {
    const s = await plant();
    const planted = clock.now();
    const writes = () => h.store.written.length;
    const idleExpiry = async () =>
      (await request(h.url).get('/auth/session?slide=false').set(csrf).set('Cookie', s.cookie)).body
        .idleExpiresAt as string;
    const start = writes();
    clock.advance(30_000);
    expect((await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie)).status).toBe(
      200,
    );
    expect(writes()).toBe(start); // within the minute: no store write
    expect(await idleExpiry()).toBe(new Date(planted + 30 * MIN).toISOString());
    clock.advance(30_000);
    expect((await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie)).status).toBe(
      200,
    );
    expect(writes()).toBe(start + 1); // a minute old: recorded
    const recorded = clock.now();
    expect(await idleExpiry()).toBe(new Date(recorded + 30 * MIN).toISOString());
    clock.advance(59_000);
    expect((await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie)).status).toBe(
      200,
    );
    expect(writes()).toBe(start + 1);
    // The session ends 30 min after the recorded activity: 59 s before 30 min after the last
    // request (early by less than the one-minute granularity, never late).
    clock.advance(30 * MIN - 59_000 - 1);
    const probe = () =>
      request(h.url).get('/auth/session?slide=false').set(csrf).set('Cookie', s.cookie);
    expect((await probe()).status).toBe(200);
    clock.advance(1);
    const gone = await probe();
    expect(gone.status).toBe(401);
    expect(gone.body).toEqual({ error: 'session_expired' });
  });

  it('absolute timeout ends the session despite continuous activity', async () => {
    const s = await plant();
    for (let elapsed = 0; elapsed < 2 * 60 * MIN - 20 * MIN; elapsed += 20 * MIN) {
      clock.advance(20 * MIN);
      const res = await request(h.url).get('/auth/session').set(csrf).set('Cookie', s.cookie);
      expect(res.status).toBe(200);
    }
    clock.advance(20 * MIN);
    const res = await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'session_expired' });
    expect(await readSession(h.store, s.sid)).toBeUndefined();
  });
});

describe('POST /auth/logout', () => {
  it('403 without the CSRF header or from a foreign origin; the session stays', async () => {
    const s = await plant();
    const noHeader = await request(h.url)
      .post('/auth/logout')
      .set('Origin', TEST_PUBLIC_URL)
      .set('Cookie', s.cookie);
    const foreign = await request(h.url)
      .post('/auth/logout')
      .set({ 'X-CSRF': '1', Origin: 'https://evil.com' })
      .set('Cookie', s.cookie);
    expect([noHeader.status, foreign.status]).toEqual([403, 403]);
    expect(await readSession(h.store, s.sid)).toBeDefined();
  });

  it('works with an EXPIRED access token: sid read without verification, row gone, cookie cleared', async () => {
    const s = await plant({ accessTtlMs: -5 * MIN });
    const res = await request(h.url).post('/auth/logout').set(unsafe).set('Cookie', s.cookie);
    expect(res.status).toBe(200);
    const logoutUrl = new URL(res.body.logoutUrl as string);
    expect(logoutUrl.pathname).toBe('/user_management/sessions/logout');
    expect(logoutUrl.searchParams.get('session_id')).toBe(s.workosSessionId);
    expect(logoutUrl.searchParams.get('return_to')).toBe(`${TEST_PUBLIC_URL}/signed-out`);
    // Not "cookies": that would wipe every cookie of the registrable domain (sibling apps too).
    expect(res.headers['clear-site-data']).toBe('"storage"');
    expect(res.headers['cache-control']).toBe('no-store');
    const cleared = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('gatehouse='),
    );
    expect(cleared).toMatch(
      /^gatehouse=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/,
    );
    expect(await readSession(h.store, s.sid)).toBeUndefined();

    const again = await request(h.url).post('/auth/logout').set(unsafe).set('Cookie', s.cookie);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ logoutUrl: `${TEST_PUBLIC_URL}/signed-out` });
    const replay = await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie);
    expect(replay.status).toBe(401);
  });

  it('a slow in-flight request finishing after logout does not resurrect the session', async () => {
    const s = await plant();
    clock.advance(2 * MIN); // so the slow request records activity and saves at its end
    const slow = request(h.url)
      .get('/api/slow?ms=1000')
      .set(csrf)
      .set('Cookie', s.cookie)
      .then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const out = await request(h.url).post('/auth/logout').set(unsafe).set('Cookie', s.cookie);
    expect(out.status).toBe(200);
    expect((await slow).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readSession(h.store, s.sid)).toBeUndefined();
    const replay = await request(h.url).get('/auth/session').set(csrf).set('Cookie', s.cookie);
    expect(replay.status).toBe(401);
  });
});

describe('refresh when WorkOS is unreachable (transient)', () => {
  it('near expiry → 503 auth_unavailable retryable, session kept, upstream not called', async () => {
    const s = await plant({ accessTtlMs: 30_000 });
    echo.received.length = 0;
    const res = await request(h.url).get('/api/echo').set(csrf).set('Cookie', s.cookie);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'auth_unavailable', retryable: true });
    expect(echo.received).toHaveLength(0);
    expect((await readSession(h.store, s.sid))?.auth).toBeDefined();
  });

  it('upstream 401 on a GET → one refresh attempt; transient failure → 503, session kept', async () => {
    const s = await plant();
    echo.received.length = 0;
    const res = await request(h.url).get('/api/status/401').set(csrf).set('Cookie', s.cookie);
    expect(res.status).toBe(503);
    expect(echo.received).toHaveLength(1);
    expect((await readSession(h.store, s.sid))?.auth).toBeDefined();
  });
});
