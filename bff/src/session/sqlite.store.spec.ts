import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { session } from '../../test/support/session-fixtures.js';
import { loadStoredSession, saveStoredSession } from './session-store.types.js';
import { SqliteSessionStore } from './sqlite.store.js';
import './session.types.js';

/** What is particular to the SQLite file; the store contract itself: `test/store-contract.spec.ts`. */

const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const secret = 'a-server-secret-of-at-least-32-characters';

/** Every row of the file, read through a second connection. */
function rowsIn(path: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT * FROM session_rows').all();
  } finally {
    db.close();
  }
}

describe('SqliteSessionStore file', () => {
  const now = Date.now();
  let dir: string;
  let path: string;
  const open = () =>
    new SqliteSessionStore({ secret, clock: () => now, limits, path, pruneIntervalMs: 0 });

  /** A store reopened on a file holding session `kept`, after `sql` ran on it from outside. */
  async function reopenedAfter(sql: string): Promise<SqliteSessionStore> {
    const first = open();
    await saveStoredSession(first, 'kept', session(now));
    first.close();
    const raw = new DatabaseSync(path);
    raw.exec(sql);
    raw.close();
    return open();
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-store-'));
    path = join(dir, 'sessions.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps sessions across a reopen (BFF restart)', async () => {
    const first = open();
    await saveStoredSession(first, 'sid1', session(now));
    first.close();
    const second = open();
    expect((await loadStoredSession(second, 'sid1'))?.auth?.user.id).toBe('user_1');
    second.close();
  });

  it('drops the tables of the first format (their sessions end)', async () => {
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE sessions (sid TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL);
      INSERT INTO sessions VALUES ('old-sid', '{"auth":{}}', 9999999999999);`);
    old.close();
    const store = open();
    expect(await loadStoredSession(store, 'old-sid')).toBeUndefined();
    expect(rowsIn(path)).toEqual([]);
    store.close();
  });

  it('deletes rows sealed before the keys were separated per purpose (g1 boxes: their sessions end)', async () => {
    const reopened = await reopenedAfter(
      `INSERT INTO session_rows (key, box, expires_at) VALUES ('old-key', 'g1.iv.body.tag', ${now + 60_000})`,
    );
    expect(rowsIn(path)).toHaveLength(1);
    expect(JSON.stringify(rowsIn(path))).not.toContain('g1.');
    expect(await loadStoredSession(reopened, 'kept')).toBeDefined();
    reopened.close();
  });

  it('adds the token-generation column to a file written without it, keeping its sessions', async () => {
    const reopened = await reopenedAfter('ALTER TABLE session_rows DROP COLUMN access_expires_at');
    expect(rowsIn(path)[0]).toMatchObject({ access_expires_at: 0 });
    expect((await loadStoredSession(reopened, 'kept'))?.auth?.user.id).toBe('user_1');
    await saveStoredSession(reopened, 'kept', session(now));
    expect(rowsIn(path)[0]).toMatchObject({ access_expires_at: now + 300_000 });
    reopened.close();
  });

  it('runs in WAL mode without an fsync per commit (synchronous=NORMAL)', () => {
    const store = open();
    try {
      const { db } = store as unknown as { db: { prepare(sql: string): { get(): unknown } } };
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
    } finally {
      store.close();
    }
  });
});
