import { ADA, type Emulator, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE } from '@gatehouse/workos-emulator';

import { readClaims } from '../src/auth/access-token.claims.js';
import { TokenRefresher } from '../src/auth/token-refresher.js';
import { createWorkOS } from '../src/auth/workos.client.js';
import { Sealer } from '../src/crypto/seal.js';
import { createLogger } from '../src/http/logger.js';
import { createRedisClient, whenRedisReady } from '../src/session/redis.client.js';
import { type AnyRedisClient, RedisSessionStore } from '../src/session/redis.store.js';
import { saveStoredSession } from '../src/session/session-store.types.js';
import type { AuthState } from '../src/session/session.types.js';
import { emulatorConfig, startTestEmulator } from './support/emulator-stack.js';
import { TestClock } from './support/harness.js';
import { startTestRedis, type TestRedis } from './support/redis-server.js';
import { TEST_COOKIE_PASSWORD } from './support/test-config.js';
import { readSession } from './support/store-backing.js';

/**
 * Two refreshers (two BFF instances) on one Redis, driven directly: the cross-instance rules of
 * TokenRefresher without HTTP timing in the way.
 */
describe('refresh coordination across instances', () => {
  const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
  const context = { ipAddress: '127.0.0.1', userAgent: 'jest' };
  // One clock for the emulator and both instances; sessions are issued, then it moves 250 s on, so
  // their 300 s tokens have < 60 s left while freshly rotated ones do not.
  const clock = new TestClock();
  const now = clock.now;
  const sealer = new Sealer(TEST_COOKIE_PASSWORD, now);
  let redis: TestRedis;
  let emulator: Emulator;
  const clients: AnyRedisClient[] = [];
  let stores: [RedisSessionStore, RedisSessionStore];
  let refreshers: [TokenRefresher, TokenRefresher];
  const refreshes = () => emulator.stats().grants['refresh_token'] ?? 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    emulator = await startTestEmulator({ now });
    const make = () => {
      const client = createRedisClient({ url: redis.url, logger: createLogger('silent') });
      clients.push(client);
      return new RedisSessionStore({
        client,
        clock: now,
        limits,
        secret: TEST_COOKIE_PASSWORD,
        lockWaitMs: 1000,
      });
    };
    stores = [make(), make()];
    await Promise.all(clients.map((c) => whenRedisReady(c)));
    const workos = createWorkOS(emulatorConfig(emulator));
    refreshers = [
      new TokenRefresher(workos, sealer, now, stores[0]),
      new TokenRefresher(workos, sealer, now, stores[1]),
    ];
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await emulator.close();
    await redis.stop();
  });

  async function storedSession(
    sid: string,
    as: { email: string; organizationId?: string } = { email: ADA.email },
  ): Promise<AuthState> {
    const issued = await emulator.issueSession(as);
    const claims = readClaims(issued.accessToken)!;
    const auth: AuthState = {
      user: {
        id: issued.user.id,
        email: issued.user.email,
        firstName: null,
        lastName: null,
        profilePictureUrl: null,
      },
      workosSessionId: claims.sid!,
      organizationId: issued.organizationId,
      role: claims.role,
      roles: claims.roles,
      permissions: claims.permissions,
      sealedTokens: await sealer.seal({
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
      }),
      accessExpiresAt: claims.expiresAt!,
      createdAt: now(),
      lastSeenAt: now(),
    };
    clock.advance(250_000);
    await saveStoredSession(stores[0], sid, {
      cookie: { originalMaxAge: null },
      auth,
    });
    return auth;
  }

  it('a late duplicate on the other instance reloads, finds the rotated pair and calls nobody', async () => {
    const sid = 'coordination-session-id-000000001';
    const stale = await storedSession(sid);
    const before = refreshes();
    const first = await refreshers[0].refresh(stale, context, sid);
    expect(first).toMatchObject({ ok: true, shared: false });
    // Instance B still holds the pre-rotation view (loaded before A saved): it must not replay.
    const late = await refreshers[1].refresh(stale, context, sid);
    expect(late).toMatchObject({ ok: true, shared: true, fromStore: true });
    if (!first.ok || !late.ok) return;
    expect(late.accessToken).toBe(first.accessToken);
    expect(refreshes() - before).toBe(1);
    // The rotated pair is in the store, saved by A under the lock.
    const stored = (await readSession(stores[1], sid))!.auth!;
    expect(stored.sealedTokens).toBe(first.auth.sealedTokens);
  });

  it('simultaneous refreshes on both instances → one WorkOS call, the same pair for both', async () => {
    const sid = 'coordination-session-id-000000002';
    const stale = await storedSession(sid);
    const before = refreshes();
    const [a, b] = await Promise.all([
      refreshers[0].refresh(stale, context, sid),
      refreshers[1].refresh(stale, context, sid),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.accessToken).toBe(b.accessToken);
    expect(refreshes() - before).toBe(1);
  });

  it('a session destroyed meanwhile (logout on another instance) → terminal, nothing refreshed', async () => {
    const sid = 'coordination-session-id-000000003';
    const stale = await storedSession(sid);
    await new Promise<void>((resolve, reject) =>
      stores[1].destroy(sid, (err) =>
        err ? reject(err instanceof Error ? err : new Error('destroy failed')) : resolve(),
      ),
    );
    const before = refreshes();
    const outcome = await refreshers[0].refresh(stale, context, sid);
    expect(outcome).toMatchObject({
      ok: false,
      failure: { kind: 'terminal', reason: 'session_gone' },
    });
    expect(refreshes()).toBe(before);
  });

  it('a switch on one instance after a refresh on the other spends the stored, rotated pair', async () => {
    const sid = 'coordination-session-id-000000004';
    const stale = await storedSession(sid, { email: GRACE.email, organizationId: EXAMPLE_CORP_ID });
    const before = refreshes();
    const refreshed = await refreshers[0].refresh(stale, context, sid);
    expect(refreshed).toMatchObject({ ok: true, shared: false });
    // Instance B still holds the pre-rotation view: replaying its refresh token would get the
    // rotated pair for Example Corp back (WorkOS's grace window), not a switch.
    const switched = await refreshers[1].switchOrganization(stale, GLOBEX_ID, context, sid);
    expect(switched).toMatchObject({
      ok: true,
      shared: false,
      auth: { organizationId: GLOBEX_ID, role: 'admin' },
    });
    if (!switched.ok) return;
    expect(readClaims(switched.accessToken)?.orgId).toBe(GLOBEX_ID);
    expect(refreshes() - before).toBe(2);
    const stored = (await readSession(stores[0], sid))!.auth!;
    expect(stored.sealedTokens).toBe(switched.auth.sealedTokens);
    expect(stored.organizationId).toBe(GLOBEX_ID);
  });
});
