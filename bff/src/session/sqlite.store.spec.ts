import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type { SessionData } from 'express-session';

import type { GatehouseStore } from './gatehouse.store.js';
import { MemorySessionStore } from './memory.store.js';
import { SqliteSessionStore } from './sqlite.store.js';
import './session.types.js';

const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const secret = 'a-server-secret-of-at-least-32-characters';

function session(createdAt: number, lastSeenAt = createdAt): SessionData {
  return {
    cookie: { originalMaxAge: null },
    auth: {
      user: {
        id: 'user_1',
        email: 'a@b.c',
        firstName: null,
        lastName: null,
        profilePictureUrl: null,
      },
      workosSessionId: 'session_1',
      organizationId: null,
      role: null,
      roles: [],
      permissions: [],
      sealedTokens: 'Fe26.2*sealed',
      accessExpiresAt: createdAt + 300_000,
      createdAt,
      lastSeenAt,
    },
  };
}

const call = <T>(fn: (cb: (err?: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) =>
    fn((err, value) =>
      err ? reject(err instanceof Error ? err : new Error('store call failed')) : resolve(value),
    ),
  );

describe.each([
  [
    'sqlite',
    (clock: () => number, path: string) =>
      new SqliteSessionStore({ secret, clock, limits, path, pruneIntervalMs: 0, graceMs: 0 }),
  ],
  [
    'memory',
    (clock: () => number) => new MemorySessionStore({ secret, clock, limits, graceMs: 0 }),
  ],
] as const)('%s store', (kind, make) => {
  let dir: string;
  let now: number;
  let store: GatehouseStore;
  const clock = () => now;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    now = 1_800_000_000_000;
    store = make(clock, join(dir, 'nested', 'sessions.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, reads and counts sessions', async () => {
    await call((cb) => store.set('sid1', session(now), cb));
    await expect(call((cb) => store.get('sid1', cb))).resolves.toMatchObject({
      auth: { user: { id: 'user_1' } },
    });
    await expect(call((cb) => store.length(cb))).resolves.toBe(1);
    await expect(call((cb) => store.get('nope', cb))).resolves.toBeNull();
  });

  it('expires a row at the idle deadline and prunes it', async () => {
    await call((cb) => store.set('sid1', session(now), cb));
    now += limits.idleMs - 1;
    expect(store.getSession('sid1')).toBeDefined();
    now += 1;
    expect(store.getSession('sid1')).toBeUndefined();
    await call((cb) => store.set('sid2', session(now), cb));
    now += limits.idleMs + 1;
    expect(store.prune()).toBeGreaterThanOrEqual(kind === 'sqlite' ? 1 : 0);
    expect(store.dump()).toHaveLength(0);
  });

  it('caps activity at the absolute deadline', async () => {
    const created = now;
    now += limits.absoluteMs - 60_000;
    await call((cb) => store.set('sid1', session(created, now), cb));
    now += 60_000;
    expect(store.getSession('sid1')).toBeUndefined();
  });

  it('touch of a signed-in session writes nothing: the stored lastSeenAt sets the deadline', async () => {
    const created = now;
    now += 10 * 60_000;
    await call((cb) => store.set('sid1', session(created, now), cb)); // activity recorded by set
    const before = store.dump();
    // A copy loaded before that save (older lastSeenAt) cannot move the deadline back …
    await call((cb) => store.touch('sid1', session(created), cb));
    // … and a copy claiming later activity does not extend it either (only set records activity).
    await call((cb) => store.touch('sid1', session(created, now + 60_000), cb));
    expect(store.dump()).toEqual(before);
    now += limits.idleMs - 1;
    expect(store.getSession('sid1')).toBeDefined();
    now += 1;
    expect(store.getSession('sid1')).toBeUndefined();
    await call((cb) => store.touch('ghost', session(now), cb));
    expect(store.getSession('ghost')).toBeUndefined();
  });

  it('keeps a row for the grace period past its deadline', () => {
    const withGrace =
      kind === 'sqlite'
        ? new SqliteSessionStore({
            secret,
            clock,
            limits,
            path: join(dir, 'g2.sqlite'),
            pruneIntervalMs: 0,
            graceMs: 60_000,
          })
        : new MemorySessionStore({ secret, clock, limits, graceMs: 60_000 });
    withGrace.set('sid1', session(now));
    now += limits.idleMs + 59_000;
    expect(withGrace.getSession('sid1')).toBeDefined();
    now += 1_000;
    expect(withGrace.getSession('sid1')).toBeUndefined();
    withGrace.close();
  });

  it('never lets a stale copy put back rotated-away tokens', async () => {
    const stale = session(now);
    const rotated = session(now);
    rotated.auth!.sealedTokens = 'Fe26.2*rotated';
    rotated.auth!.accessExpiresAt = now + 600_000;
    await call((cb) => store.set('sid1', rotated, cb));
    now += 1000;
    stale.auth!.lastSeenAt = now;
    await call((cb) => store.set('sid1', stale, cb));
    const saved = store.getSession('sid1')!.auth!;
    expect(saved.sealedTokens).toBe('Fe26.2*rotated');
    expect(saved.accessExpiresAt).toBe(now - 1000 + 600_000);
    expect(saved.lastSeenAt).toBe(now);
  });

  it('finds sessions by WorkOS session id and user id, and ends them with a reason', async () => {
    const other = session(now);
    other.auth!.workosSessionId = 'session_2';
    const stranger = session(now);
    stranger.auth!.workosSessionId = 'session_3';
    stranger.auth!.user = { ...stranger.auth!.user, id: 'user_2' };
    await call((cb) => store.set('sid1', session(now), cb));
    await call((cb) => store.set('sid2', other, cb));
    await call((cb) => store.set('sid3', stranger, cb));
    expect((await store.workosSessionIdsOf('user_1')).sort()).toEqual(['session_1', 'session_2']);
    await expect(
      store.destroySessionsOf({ workosSessionId: 'session_1' }, 'revoked'),
    ).resolves.toBe(1);
    await expect(call((cb) => store.get('sid1', cb))).resolves.toMatchObject({ ended: 'revoked' });
    await call((cb) => store.set('sid1', session(now), cb)); // no resurrection either
    expect(store.getSession('sid1')).toBeUndefined();
    await expect(store.destroySessionsOf({ userId: 'user_1' }, 'user_deleted')).resolves.toBe(1);
    await expect(call((cb) => store.get('sid2', cb))).resolves.toMatchObject({
      ended: 'user_deleted',
    });
    expect(store.getSession('sid3')).toBeDefined();
    await call((cb) => store.destroy('sid3', cb)); // a plain destroy reads back as nothing
    await expect(call((cb) => store.get('sid3', cb))).resolves.toBeNull();
  });

  it('never resurrects a destroyed session (slow in-flight save after logout)', async () => {
    await call((cb) => store.set('sid1', session(now), cb));
    await call((cb) => store.destroy('sid1', cb));
    await call((cb) => store.set('sid1', session(now), cb));
    await call((cb) => store.touch('sid1', session(now), cb));
    expect(store.getSession('sid1')).toBeUndefined();
    expect(store.dump()).toHaveLength(0);
  });
});

describe('SqliteSessionStore at rest', () => {
  it('the database files hold neither the session id nor the sealed tokens nor the user id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    const path = join(dir, 'sessions.sqlite');
    const now = Date.now();
    const store = new SqliteSessionStore({
      secret,
      clock: () => now,
      limits,
      path,
      pruneIntervalMs: 0,
    });
    const sid = 'kR8vT2wQ9zX4mN7bL1cJ5hF3dS6gA0pY';
    const stored = session(now);
    stored.auth!.sealedTokens = 'Fe26.2*sealed-token-marker';
    store.set(sid, stored);
    expect(store.getSession(sid)?.auth?.sealedTokens).toBe('Fe26.2*sealed-token-marker');
    await call((cb) => store.destroy('other-session-id-value', cb));
    const bytes = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('\n');
    store.close();
    expect(bytes.length).toBeGreaterThan(0);
    for (const secretText of [
      sid,
      'sealed-token-marker',
      'user_1',
      'a@b.c',
      'other-session-id-value',
    ]) {
      expect(bytes).not.toContain(secretText);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops the tables of the first format (their sessions end)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    const path = join(dir, 'sessions.sqlite');
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
      INSERT INTO sessions VALUES ('old-sid', '{"auth":{}}', 9999999999999);`);
    old.close();
    const store = new SqliteSessionStore({
      secret,
      clock: () => Date.now(),
      limits,
      path,
      pruneIntervalMs: 0,
    });
    expect(store.getSession('old-sid')).toBeUndefined();
    expect(store.dump()).toEqual([]);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes rows sealed before the keys were separated per purpose (g1 boxes: their sessions end)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    const path = join(dir, 'sessions.sqlite');
    const now = Date.now();
    const first = new SqliteSessionStore({
      secret,
      clock: () => now,
      limits,
      path,
      pruneIntervalMs: 0,
    });
    first.set('kept', session(now));
    first.close();
    const raw = new DatabaseSync(path);
    raw.exec(
      `INSERT INTO session_rows (key, box, expires_at) VALUES ('old-key', 'g1.iv.body.tag', ${now + 60_000})`,
    );
    raw.close();
    const reopened = new SqliteSessionStore({
      secret,
      clock: () => now,
      limits,
      path,
      pruneIntervalMs: 0,
    });
    expect(reopened.dump()).toHaveLength(1);
    expect(reopened.dump().join('\n')).not.toContain('g1.');
    expect(reopened.getSession('kept')).toBeDefined();
    reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteSessionStore with a rotated password (WORKOS_COOKIE_PASSWORD_PREVIOUS)', () => {
  const previous = secret;
  const newest = 'the-newest-server-secret-of-32-characters';
  let dir: string;
  let path: string;
  const now = 1_800_000_000_000;
  const open = (secrets: string | string[]) =>
    new SqliteSessionStore({ secret: secrets, clock: () => now, limits, path, pruneIntervalMs: 0 });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-rotation-'));
    path = join(dir, 'sessions.sqlite');
    const before = open(previous);
    before.set('sid1', session(now));
    before.set('sid2', session(now));
    before.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads sessions written under the previous password and moves each to the newest on its next write', async () => {
    const rotated = open([newest, previous]);
    expect(rotated.getSession('sid1')?.auth?.user.id).toBe('user_1');
    await call((cb) => rotated.set('sid1', session(now, now + 60_000), cb));
    rotated.close();
    const onlyNewest = open(newest);
    const onlyPrevious = open(previous);
    expect(onlyNewest.getSession('sid1')?.auth?.lastSeenAt).toBe(now + 60_000);
    expect(onlyPrevious.getSession('sid1')).toBeUndefined(); // moved, not copied
    expect(onlyPrevious.getSession('sid2')).toBeDefined(); // not written yet: still where it was
    expect(onlyNewest.dump()).toHaveLength(2);
    onlyNewest.close();
    onlyPrevious.close();
  });

  it('finds and ends sessions under either password, and a session ended under the previous one stays ended', async () => {
    const rotated = open([newest, previous]);
    await call((cb) => rotated.set('sid1', session(now), cb)); // moved to the newest
    expect(await rotated.workosSessionIdsOf('user_1')).toEqual(['session_1']);
    await expect(rotated.destroySessionsOf({ userId: 'user_1' }, 'user_deleted')).resolves.toBe(2);
    for (const sid of ['sid1', 'sid2']) {
      await expect(call((cb) => rotated.get(sid, cb))).resolves.toMatchObject({
        ended: 'user_deleted',
      });
      await call((cb) => rotated.set(sid, session(now), cb)); // a slow request cannot bring it back
      expect(rotated.getSession(sid)).toBeUndefined();
    }
    rotated.close();
  });
});

describe('SqliteSessionStore persistence', () => {
  it('keeps sessions across a reopen (BFF restart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    const path = join(dir, 'sessions.sqlite');
    const now = Date.now();
    const first = new SqliteSessionStore({
      secret,
      clock: () => now,
      limits,
      path,
      pruneIntervalMs: 0,
    });
    first.set('sid1', session(now));
    first.close();
    const second = new SqliteSessionStore({
      secret,
      clock: () => now,
      limits,
      path,
      pruneIntervalMs: 0,
    });
    expect(second.getSession('sid1')?.auth?.user.id).toBe('user_1');
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sqlite store settings', () => {
  it('runs in WAL mode without an fsync per commit (synchronous=NORMAL)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    const store = new SqliteSessionStore({
      secret,
      clock: Date.now,
      limits,
      path: join(dir, 'sessions.sqlite'),
      pruneIntervalMs: 0,
    });
    try {
      const { db } = store as unknown as { db: { prepare(sql: string): { get(): unknown } } };
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
