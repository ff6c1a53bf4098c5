import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADA, type Emulator } from '@gatehouse/workos-emulator';
import request from 'supertest';

import type { BffConfig } from '../src/index.js';
import { type EchoUpstream, sha256, startEchoUpstream } from './support/echo-upstream.js';
import {
  completeSignIn,
  emulatorConfig,
  findSetCookie,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, RecordingSqliteStore, startHarness, TestClock } from './support/harness.js';
import { plantSession } from './support/planted-session.js';
import { Tripwire } from './support/tripwire.js';
import { readSession } from './support/store-backing.js';

const OLD = 'the-password-before-rotation-0123456789';
const NEW = 'the-password-after-rotation-9876543210';
const csrf = { 'X-CSRF': '1' };

/**
 * `WORKOS_COOKIE_PASSWORD` rotation on one SQLite file: a BFF with the old password, then one with
 * the new password and the old one in `WORKOS_COOKIE_PASSWORD_PREVIOUS`, then one with the new only.
 */
describe('cookie password rotation', () => {
  const tripwire = new Tripwire();
  const clock = new TestClock();
  const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
  let dir: string;
  let path: string;
  let emulator: Emulator;
  let echo: EchoUpstream;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-rotation-'));
    path = join(dir, 'sessions.sqlite');
    emulator = await startTestEmulator({ now: clock.now });
    echo = await startEchoUpstream();
  });

  afterAll(async () => {
    await echo.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
    expect(tripwire.leaks()).toEqual([]);
  });

  const configWith = (env: Record<string, string>): BffConfig =>
    emulatorConfig(emulator, {
      BACKEND_URL: echo.url,
      SESSION_STORE: 'sqlite',
      SESSION_SQLITE_PATH: path,
      ...env,
    });
  const storeFor = (secret: string | string[]) =>
    new RecordingSqliteStore({ clock: clock.now, limits, path, pruneIntervalMs: 0, secret });

  async function withBff<T>(
    env: Record<string, string>,
    secret: string | string[],
    work: (h: Harness) => Promise<T>,
  ): Promise<T> {
    const store = storeFor(secret);
    const h = await startHarness({ config: configWith(env), tripwire, clock, store });
    try {
      return await work(h);
    } finally {
      await h.close();
      store.close();
    }
  }

  const rotated = { WORKOS_COOKIE_PASSWORD: NEW, WORKOS_COOKIE_PASSWORD_PREVIOUS: OLD };

  it('sessions and sign-ins begun under a previous password keep working, then move to the newest', async () => {
    // Before the rotation: a signed-in session, and a sign-in started but not finished.
    const before = await withBff({ WORKOS_COOKIE_PASSWORD: OLD }, OLD, async (h) => {
      const session = await plantSession(h.config, h.store, { now: clock.now() });
      tripwire.addSecret(session.accessToken);
      tripwire.addSecret(session.refreshToken);
      const login = await request(h.url).get('/auth/login?returnTo=%2Fafter').redirects(0);
      const tx = findSetCookie(login, 'gatehouse-login')!.split(';')[0]!;
      return { session, tx, authorizeUrl: login.headers.location as string };
    });
    const { session } = before;

    await withBff(rotated, [NEW, OLD], async (h) => {
      // The old cookie signature, row keys, value key and token seal are all still accepted.
      const me = await request(h.url).get('/auth/session').set(csrf).set('Cookie', session.cookie);
      expect(me.status).toBe(200);
      const proxied = await request(h.url).get('/api/echo').set(csrf).set('Cookie', session.cookie);
      expect(proxied.status).toBe(200);
      expect(proxied.body.authorizationSha256).toBe(sha256(`Bearer ${session.accessToken}`));
      // The login transaction sealed with the old password completes.
      const cb = await completeSignIn(before.authorizeUrl, { email: ADA.email });
      const callback = await request(h.url)
        .get(`${cb.pathname}${cb.search}`)
        .set('Cookie', before.tx)
        .redirects(0);
      expect(callback.status).toBe(302);
      expect(callback.headers.location).toBe(`${h.config.publicOrigin}/after`);

      // The next write (activity recorded a minute later) moves the row to the new password's keys.
      const newestBefore = storeFor(NEW);
      expect(await readSession(newestBefore, session.sid)).toBeUndefined();
      newestBefore.close();
      clock.advance(2 * 60_000);
      const active = await request(h.url).get('/api/echo').set(csrf).set('Cookie', session.cookie);
      expect(active.status).toBe(200);
      const onlyNew = storeFor(NEW);
      const onlyOld = storeFor(OLD);
      try {
        expect((await readSession(onlyNew, session.sid))?.auth?.user.id).toBe('user_planted');
        expect(await readSession(onlyOld, session.sid)).toBeUndefined(); // the old row is gone
      } finally {
        onlyNew.close();
        onlyOld.close();
      }
    });

    // Without the previous password, a cookie it signed is no longer accepted: listing it for
    // SESSION_ABSOLUTE_HOURS after the switch covers every session that could still carry one.
    await withBff({ WORKOS_COOKIE_PASSWORD: NEW }, NEW, async (h) => {
      const me = await request(h.url).get('/auth/session').set(csrf).set('Cookie', session.cookie);
      expect(me.status).toBe(401);
    });
  });

  it('after upgrading from the single-key derivation, an old cookie is refused cleanly: one new sign-in', async () => {
    await withBff({ WORKOS_COOKIE_PASSWORD: NEW }, NEW, async (h) => {
      const session = await plantSession(h.config, h.store, { now: clock.now() });
      tripwire.addSecret(session.accessToken);
      // The cookie as the earlier BFF signed it: HMAC with the password itself.
      const legacySignature = createHmac('sha256', NEW)
        .update(session.sid)
        .digest('base64')
        .replace(/=+$/, '');
      const legacy = `gatehouse=${encodeURIComponent(`s:${session.sid}.${legacySignature}`)}`;
      const res = await request(h.url).get('/auth/session').set(csrf).set('Cookie', legacy);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'unauthenticated' });
    });
  });
});
