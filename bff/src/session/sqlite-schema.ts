import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

/**
 * Schema v2: store keys are keyed hashes, values sealed per session. The tables of the first format
 * (`sessions`, `destroyed_sessions`: ids and iron-sealed tokens) are dropped, and so are rows
 * sealed before the keys were separated per purpose (`g1` boxes): their users sign in again.
 */
const SCHEMA = `
  DROP TABLE IF EXISTS sessions;
  DROP TABLE IF EXISTS destroyed_sessions;
  CREATE TABLE IF NOT EXISTS session_rows (
    key TEXT PRIMARY KEY,
    box TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    workos_session_id TEXT,
    workos_session_key TEXT,
    user_key TEXT,
    access_expires_at INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX IF NOT EXISTS session_rows_expires_at ON session_rows (expires_at);
  CREATE INDEX IF NOT EXISTS session_rows_workos_session ON session_rows (workos_session_key);
  CREATE INDEX IF NOT EXISTS session_rows_user ON session_rows (user_key);
  CREATE TABLE IF NOT EXISTS session_tombstones (
    key TEXT PRIMARY KEY,
    until INTEGER NOT NULL,
    reason TEXT NOT NULL
  ) STRICT;
  DELETE FROM session_rows WHERE box LIKE 'g1.%';
`;

/**
 * Opens (creating its folder) and migrates the session database. WAL with synchronous=NORMAL: no
 * fsync per commit, which would stall every request behind the disk (node:sqlite is synchronous);
 * still crash-safe, a power loss can drop the last sessions written.
 */
export function openSessionDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))};
  `);
  db.exec(SCHEMA);
  // Files from before the token generation was kept beside the row: it starts at 0 (any write wins
  // once), after which writes compare it like the other backends.
  const columns = db.prepare('PRAGMA table_info(session_rows)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'access_expires_at')) {
    db.exec('ALTER TABLE session_rows ADD COLUMN access_expires_at INTEGER NOT NULL DEFAULT 0');
  }
  return db;
}

/** The prepared statements of {@link SqliteSessionStore}. */
export type SessionStatements = ReturnType<typeof prepareSessionStatements>;

export function prepareSessionStatements(db: DatabaseSync) {
  const sql = (text: string): StatementSync => db.prepare(text);
  return {
    row: sql(
      `SELECT box, access_expires_at AS at FROM session_rows WHERE key = ? AND expires_at > ?`,
    ),
    upsert: sql(
      `INSERT INTO session_rows
         (key, box, access_expires_at, expires_at, workos_session_id, workos_session_key, user_key)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET box = excluded.box,
         access_expires_at = excluded.access_expires_at, expires_at = excluded.expires_at,
         workos_session_id = excluded.workos_session_id,
         workos_session_key = excluded.workos_session_key, user_key = excluded.user_key`,
    ),
    extend: sql('UPDATE session_rows SET expires_at = ? WHERE key = ?'),
    delete: sql('DELETE FROM session_rows WHERE key = ?'),
    tombstone: sql(
      `INSERT INTO session_tombstones (key, until, reason) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET until = excluded.until`,
    ),
    tombstoneOf: sql('SELECT reason FROM session_tombstones WHERE key = ? AND until > ?'),
    byWorkosSession: sql(
      `SELECT key, workos_session_id FROM session_rows
       WHERE workos_session_key = ? AND expires_at > ?`,
    ),
    byUser: sql(
      'SELECT key, workos_session_id FROM session_rows WHERE user_key = ? AND expires_at > ?',
    ),
    count: sql('SELECT COUNT(*) AS n FROM session_rows WHERE expires_at > ?'),
    pruneRows: sql('DELETE FROM session_rows WHERE expires_at <= ?'),
    pruneTombstones: sql('DELETE FROM session_tombstones WHERE until <= ?'),
  };
}
