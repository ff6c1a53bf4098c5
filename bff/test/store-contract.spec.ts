import type { SessionData } from 'express-session';

import { SessionCrypto } from '../src/session/session-crypto.js';
import {
  loadStoredSession,
  saveStoredSession,
  SessionStoreUnavailableError,
} from '../src/session/session-store.types.js';
import { readSession } from './support/store-backing.js';
import { call, session, sessionOf } from './support/session-fixtures.js';
import {
  type Backing,
  LIMITS,
  memoryKind,
  redisKind,
  sqliteKind,
  type StoreUnderTest,
} from './support/store-kinds.js';

const SECRET = 'a-server-secret-of-at-least-32-characters';
const NEWEST = 'the-newest-server-secret-of-32-characters';
const SID = 'kR8vT2wQ9zX4mN7bL1cJ5hF3dS6gA0pY';

/**
 * The `BffSessionStore` contract, run against every store Gatehouse ships. Each test gets a fresh
 * backing (a map, a database file, a Redis key prefix) and a store on it with a settable clock.
 */
describe.each([memoryKind, sqliteKind, redisKind()])('the $name session store', (kind) => {
  let now: number;
  const clock = () => now;
  let backing: Backing;
  let store: StoreUnderTest;
  const open = (secret: string | string[] = SECRET, options = {}) =>
    backing.open({ secret, graceMs: 0, ...options });
  const set = (sid: string, value: SessionData, on = store) => saveStoredSession(on, sid, value);
  const get = (sid: string, on = store) => loadStoredSession(on, sid);
  const live = (sid: string, on = store) => readSession(on, sid);
  /** Registers a test only for the stores that have `feature`. */
  const where = (feature: boolean) => (feature ? it : it.skip);

  beforeAll(() => kind.start());
  afterAll(() => kind.stop());
  beforeEach(async () => {
    now = 1_800_000_000_000;
    backing = await kind.backing(clock);
    store = open();
  });
  afterEach(() => backing.dispose());

  it('stores, reads and counts sessions, and clears them', async () => {
    await set('sid1', session(now));
    await expect(get('sid1')).resolves.toMatchObject({ auth: { user: { id: 'user_1' } } });
    await expect(call((cb) => store.length(cb))).resolves.toBe(1);
    await expect(call((cb) => store.get('nope', cb))).resolves.toBeNull();
    await call((cb) => store.clear(cb));
    await expect(call((cb) => store.length(cb))).resolves.toBe(0);
    await expect(get('sid1')).resolves.toBeUndefined();
  });

  it('ends a session at its idle deadline; its row lives exactly that long in the backing', async () => {
    await set('sid1', session(now));
    const [row] = await backing.rows();
    expect(row!.key).toBe(new SessionCrypto(SECRET).storeKey('sid1'));
    expect(row!.ttlMs).toBeLessThanOrEqual(LIMITS.idleMs);
    expect(row!.ttlMs).toBeGreaterThan(LIMITS.idleMs - 10_000); // Redis counts on its own clock
    now += LIMITS.idleMs - 1;
    expect(await live('sid1')).toBeDefined();
    now += 1;
    expect(await live('sid1')).toBeUndefined();
    if (kind.inProcess) {
      expect(store.prune()).toBe(1);
      expect(await backing.rows()).toEqual([]);
    }
  });

  it('caps activity at the absolute deadline', async () => {
    const created = now;
    now += LIMITS.absoluteMs - 60_000;
    await set('sid1', session(created, now));
    now += 60_000;
    expect(await live('sid1')).toBeUndefined();
  });

  it('keeps a row for the grace period past its deadline', async () => {
    const withGrace = open(SECRET, { graceMs: 60_000 });
    await set('sid1', session(now), withGrace);
    now += LIMITS.idleMs + 59_000;
    expect(await live('sid1', withGrace)).toBeDefined();
    now += 1_000;
    expect(await live('sid1', withGrace)).toBeUndefined();
  });

  it('touch of a signed-in session writes nothing: the stored lastSeenAt sets the deadline', async () => {
    const created = now;
    now += 10 * 60_000;
    await set('sid1', session(created, now)); // activity recorded by set
    const before = await backing.rows();
    // A copy loaded before that save (older lastSeenAt) cannot move the deadline back …
    await call((cb) => store.touch('sid1', session(created), cb));
    // … and a copy claiming later activity does not extend it either (only set records activity).
    await call((cb) => store.touch('sid1', session(created, now + 60_000), cb));
    expect(
      (await backing.rows()).map(({ key, text, expiresAt }) => ({ key, text, expiresAt })),
    ).toEqual(before.map(({ key, text, expiresAt }) => ({ key, text, expiresAt })));
    now += LIMITS.idleMs - 1;
    expect(await live('sid1')).toBeDefined();
    now += 1;
    expect(await live('sid1')).toBeUndefined();
    await call((cb) => store.touch('ghost', session(now), cb));
    expect(await live('ghost')).toBeUndefined();
  });

  it('touch slides a session without auth', async () => {
    const anonymous = { cookie: { originalMaxAge: null } };
    await set('anon', anonymous);
    const [before] = await backing.rows();
    now += 60_000;
    // Redis counts key lifetimes on its own clock: let some of it pass too.
    if (!kind.inProcess) await new Promise((resolve) => setTimeout(resolve, 1100));
    await call((cb) => store.touch('anon', anonymous, cb));
    const [after] = await backing.rows();
    expect(after!.expiresAt - before!.expiresAt).toBeGreaterThanOrEqual(1000);
    expect(after!.ttlMs).toBeGreaterThan(LIMITS.idleMs - 10_000);
  });

  it('never lets a stale copy put back rotated-away tokens', async () => {
    const stale = session(now);
    const rotated = session(now);
    rotated.auth!.sealedTokens = 'Fe26.2*rotated';
    rotated.auth!.accessExpiresAt = now + 600_000;
    await set('sid1', rotated);
    now += 1000;
    stale.auth!.lastSeenAt = now;
    await set('sid1', stale);
    const saved = (await live('sid1'))!.auth!;
    expect(saved.sealedTokens).toBe('Fe26.2*rotated');
    expect(saved.accessExpiresAt).toBe(now - 1000 + 600_000);
    expect(saved.lastSeenAt).toBe(now);
  });

  it('two saves racing with different token generations: the newer tokens stay, whichever lands last', async () => {
    for (const [i, order] of [
      ['stale', 'rotated'] as const,
      ['rotated', 'stale'] as const,
    ].entries()) {
      const sid = `race-${i}`;
      await set(sid, session(now));
      const rotated = session(now);
      rotated.auth!.sealedTokens = 'Fe26.2*rotated';
      rotated.auth!.accessExpiresAt = now + 600_000;
      const copies = { stale: session(now, now + 1000), rotated };
      await Promise.all(order.map((name) => set(sid, copies[name])));
      expect((await live(sid))!.auth!.sealedTokens).toBe('Fe26.2*rotated');
    }
  });

  it('never resurrects a destroyed session (slow in-flight save after logout)', async () => {
    await set('sid1', session(now));
    await call((cb) => store.destroy('sid1', cb));
    await set('sid1', session(now));
    await call((cb) => store.touch('sid1', session(now), cb));
    expect(await live('sid1')).toBeUndefined();
    // A plain destroy reads back as nothing (not as an ended session).
    await expect(call((cb) => store.get('sid1', cb))).resolves.toBeNull();
    expect(await backing.rows()).toEqual([]);
  });

  it('finds sessions by WorkOS session id and user id, and ends them with a reason', async () => {
    await set('sid1', session(now));
    await set('sid2', sessionOf(session(now), 'session_2'));
    await set('sid3', sessionOf(session(now), 'session_3', 'user_2'));
    expect((await store.workosSessionIdsOf('user_1')).sort()).toEqual(['session_1', 'session_2']);
    await expect(
      store.destroySessionsOf({ workosSessionId: 'session_1' }, 'revoked'),
    ).resolves.toBe(1);
    await expect(get('sid1')).resolves.toMatchObject({ ended: 'revoked' });
    await set('sid1', session(now)); // no resurrection either
    expect(await live('sid1')).toBeUndefined();
    await expect(store.destroySessionsOf({ userId: 'user_1' }, 'user_deleted')).resolves.toBe(1);
    await expect(get('sid2')).resolves.toMatchObject({ ended: 'user_deleted' });
    expect(await store.workosSessionIdsOf('user_1')).toEqual([]);
    expect(await live('sid3')).toBeDefined();
    await expect(store.destroySessionsOf({ userId: 'nobody' }, 'user_deleted')).resolves.toBe(0);
  });

  it('the backing holds no session id, token or user data in clear', async () => {
    const stored = session(now);
    stored.auth!.sealedTokens = 'Fe26.2*sealed-token-marker';
    await set(SID, stored);
    await set('other-session-id-value', sessionOf(session(now), 'session_2'));
    await call((cb) => store.destroy('other-session-id-value', cb));
    expect((await live(SID))?.auth?.sealedTokens).toBe('Fe26.2*sealed-token-marker');
    const bytes = await backing.bytes();
    expect(bytes).toContain(new SessionCrypto(SECRET).storeKey(SID)); // the row is there …
    for (const clear of [SID, 'sealed-token-marker', 'user_1', 'a@b.c', 'other-session-id-value']) {
      expect(bytes).not.toContain(clear); // … under a keyed hash, sealed
    }
  });

  where(kind.shared)(
    'reads sessions written under a previous password and moves each to the newest on its next write',
    async () => {
      await set('sid1', session(now));
      await set('sid2', session(now));
      const rotated = open([NEWEST, SECRET]);
      const newestOnly = open(NEWEST);
      expect((await live('sid1', rotated))?.auth?.user.id).toBe('user_1');
      expect(await live('sid1', newestOnly)).toBeUndefined();
      await set('sid1', session(now, now + 60_000), rotated);
      expect((await live('sid1', newestOnly))?.auth?.lastSeenAt).toBe(now + 60_000);
      expect(await live('sid1')).toBeUndefined(); // moved, not copied
      expect(await live('sid2')).toBeDefined(); // not written yet: still where it was
      expect(await backing.rows()).toHaveLength(2);
    },
  );

  where(kind.shared)(
    'finds and ends sessions under either password; one ended under the previous stays ended',
    async () => {
      await set('sid1', session(now));
      await set('sid2', session(now));
      await set('sid3', sessionOf(session(now), 'session_3'));
      const rotated = open([NEWEST, SECRET]);
      await set('sid1', session(now), rotated); // moved to the newest
      expect((await rotated.workosSessionIdsOf('user_1')).sort()).toEqual([
        'session_1',
        'session_3',
      ]);
      await expect(
        rotated.destroySessionsOf({ workosSessionId: 'session_3' }, 'revoked'),
      ).resolves.toBe(1);
      await expect(rotated.destroySessionsOf({ userId: 'user_1' }, 'user_deleted')).resolves.toBe(
        2,
      );
      for (const [sid, reason] of [
        ['sid1', 'user_deleted'],
        ['sid2', 'user_deleted'],
        ['sid3', 'revoked'],
      ] as const) {
        await expect(get(sid, rotated)).resolves.toMatchObject({ ended: reason });
        await set(sid, session(now), rotated); // a slow request cannot bring it back
        expect(await live(sid, rotated)).toBeUndefined();
      }
    },
  );

  where(kind.locks)(
    'a refresh lock: one holder at a time across stores, free again once released',
    async () => {
      const other = open(SECRET, { lockWaitMs: 200 });
      const lock = await store.acquireRefreshLock!('sid1');
      expect(lock).toBeDefined();
      expect(await other.acquireRefreshLock!('sid1')).toBeUndefined();
      const unrelated = await other.acquireRefreshLock!('sid2');
      expect(unrelated).toBeDefined();
      expect(await backing.bytes()).not.toContain('sid1');
      await lock!.release();
      const next = await other.acquireRefreshLock!('sid1');
      expect(next).toBeDefined();
      await next!.release();
      await unrelated!.release();
    },
  );

  where(kind.locks)('a held refresh lock outlives its key lifetime until released', async () => {
    const holder = open(SECRET, { lockTtlMs: 300, lockMaxHoldMs: 60_000 });
    const other = open(SECRET, { lockWaitMs: 200 });
    const lock = await holder.acquireRefreshLock!('sid1');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // over three key lifetimes
    expect(await other.acquireRefreshLock!('sid1')).toBeUndefined();
    await lock!.release();
    const next = await other.acquireRefreshLock!('sid1');
    expect(next).toBeDefined();
    await next!.release();
  });

  where(kind.locks)('a refresh lock stops being renewed after its maximum hold', async () => {
    const stuck = open(SECRET, { lockTtlMs: 200, lockMaxHoldMs: 300 });
    const other = open(SECRET, { lockWaitMs: 5000 });
    const lock = await stuck.acquireRefreshLock!('sid1');
    expect(lock).toBeDefined();
    const next = await other.acquireRefreshLock!('sid1'); // waits until renewal stopped
    expect(next).toBeDefined();
    await next!.release();
    await lock!.release();
  });

  where(kind.locks)('a value is claimed once, across stores', async () => {
    const other = open();
    expect(await store.claimOnce!('login-state', 'state-1', 60_000)).toBe(true);
    expect(await other.claimOnce!('login-state', 'state-1', 60_000)).toBe(false);
    expect(await store.claimOnce!('login-state', 'state-1', 60_000)).toBe(false);
    expect(await other.claimOnce!('login-state', 'state-2', 60_000)).toBe(true);
    expect(await backing.bytes()).not.toContain('state-1');
  });

  where(kind.outages)(
    'an unreachable backing fails with SessionStoreUnavailableError and loses nothing',
    async () => {
      await set('sid1', session(now));
      const restore = await backing.outage!();
      try {
        const write = set('sid1', session(now, now + 60_000));
        await expect(write).rejects.toBeInstanceOf(SessionStoreUnavailableError);
        const ending = store.destroySessionsOf({ userId: 'user_1' }, 'revoked');
        await expect(ending).rejects.toBeInstanceOf(SessionStoreUnavailableError);
      } finally {
        await restore();
      }
      expect((await live('sid1'))?.auth?.lastSeenAt).toBe(now);
    },
  );
});
