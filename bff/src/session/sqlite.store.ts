import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

import {
  GatehouseStore,
  type GatehouseStoreOptions,
  type RowIndex,
  type TombstoneReason,
} from './gatehouse.store.js';

/** Options of {@link SqliteSessionStore}. */
export interface SqliteStoreOptions extends GatehouseStoreOptions {
  /** Database file (its folder is created), or `:memory:`. */
  readonly path: string;
  /** How often expired rows are pruned; 0 disables the timer (call `prune()` yourself). */
  readonly pruneIntervalMs?: number;
}

/**
 * The default session store: one SQLite file on Node 24's built-in `node:sqlite`, so sessions
 * survive a BFF restart.
 *
 * Why hand-written: the maintained express-session SQLite stores (connect-sqlite3,
 * better-sqlite3-session-store, …) sit on `sqlite3` or `better-sqlite3`, native addons that need an
 * install script / node-gyp build, which this workspace forbids; none targets `node:sqlite`. The
 * store is small: a keyed row with an expiry, plus the tombstones that stop a slow request from
 * resurrecting a destroyed session (see {@link GatehouseStore}). Statements are synchronous, so
 * each store call is atomic within the process.
 *
 * Schema v2 (store keys are keyed hashes, values sealed per session): the tables of the first
 * format (`sessions`, `destroyed_sessions`, ids and iron-sealed tokens) are dropped on open, so
 * sessions stored by an older BFF end and their users sign in again. Rows sealed before the keys
 * were separated per purpose (`g1` boxes, keys no password derives any more) are deleted on open
 * for the same reason.
 */
export class SqliteSessionStore extends GatehouseStore {
  private readonly db: DatabaseSync;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly stmt: Record<
    | 'get'
    | 'upsert'
    | 'touch'
    | 'delete'
    | 'tombstone'
    | 'tombstoneOf'
    | 'byWorkosSession'
    | 'byUser'
    | 'count'
    | 'pruneRows'
    | 'pruneTombstones'
    | 'all',
    StatementSync
  >;

  constructor(options: SqliteStoreOptions) {
    super(options);
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new DatabaseSync(options.path);
    // WAL with synchronous=NORMAL: no fsync per commit (node:sqlite is synchronous, so an fsync
    // per session write stalled every request behind the disk). Still crash-safe and never
    // corrupt; a power loss can drop the last sessions written, whose users sign in again.
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA busy_timeout = 2000;
      DROP TABLE IF EXISTS sessions;
      DROP TABLE IF EXISTS destroyed_sessions;
      CREATE TABLE IF NOT EXISTS session_rows (
        key TEXT PRIMARY KEY,
        box TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        workos_session_id TEXT,
        workos_session_key TEXT,
        user_key TEXT
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
    `);
    this.stmt = {
      get: this.db.prepare('SELECT box, expires_at FROM session_rows WHERE key = ?'),
      upsert: this.db.prepare(
        `INSERT INTO session_rows (key, box, expires_at, workos_session_id, workos_session_key, user_key)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET box = excluded.box, expires_at = excluded.expires_at,
           workos_session_id = excluded.workos_session_id,
           workos_session_key = excluded.workos_session_key, user_key = excluded.user_key`,
      ),
      touch: this.db.prepare('UPDATE session_rows SET expires_at = ? WHERE key = ?'),
      delete: this.db.prepare('DELETE FROM session_rows WHERE key = ?'),
      tombstone: this.db.prepare(
        `INSERT INTO session_tombstones (key, until, reason) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET until = excluded.until`,
      ),
      tombstoneOf: this.db.prepare(
        'SELECT reason FROM session_tombstones WHERE key = ? AND until > ?',
      ),
      byWorkosSession: this.db.prepare(
        `SELECT key, workos_session_id FROM session_rows
         WHERE workos_session_key = ? AND expires_at > ?`,
      ),
      byUser: this.db.prepare(
        'SELECT key, workos_session_id FROM session_rows WHERE user_key = ? AND expires_at > ?',
      ),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM session_rows WHERE expires_at > ?'),
      pruneRows: this.db.prepare('DELETE FROM session_rows WHERE expires_at <= ?'),
      pruneTombstones: this.db.prepare('DELETE FROM session_tombstones WHERE until <= ?'),
      all: this.db.prepare('SELECT * FROM session_rows'),
    };
    this.prune();
    const interval = options.pruneIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.prune(), interval);
      this.timer.unref();
    }
  }

  protected readRow(key: string, now: number): string | undefined {
    const row = this.stmt.get.get(key) as { box: string; expires_at: number } | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.stmt.delete.run(key);
      return undefined;
    }
    return row.box;
  }

  protected writeRowData(
    key: string,
    box: string,
    expiresAt: number,
    index: RowIndex | undefined,
  ): void {
    this.stmt.upsert.run(
      key,
      box,
      expiresAt,
      index?.workosSessionId ?? null,
      index?.workosSessionKey ?? null,
      index?.userKey ?? null,
    );
  }

  protected updateExpiry(key: string, expiresAt: number): void {
    this.stmt.touch.run(expiresAt, key);
  }

  protected removeRow(key: string): void {
    this.stmt.delete.run(key);
  }

  protected deleteRow(key: string, tombstoneUntil: number, reason: TombstoneReason): void {
    this.db.exec('BEGIN');
    try {
      this.stmt.delete.run(key);
      this.stmt.tombstone.run(key, tombstoneUntil, reason);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  protected tombstoneOf(key: string, now: number): TombstoneReason | undefined {
    const row = this.stmt.tombstoneOf.get(key, now) as { reason: TombstoneReason } | undefined;
    return row?.reason;
  }

  protected keysOf(
    selector: { workosSessionKey: string } | { userKey: string },
    now: number,
  ): { key: string; workosSessionId: string }[] {
    const rows = (
      'userKey' in selector
        ? this.stmt.byUser.all(selector.userKey, now)
        : this.stmt.byWorkosSession.all(selector.workosSessionKey, now)
    ) as { key: string; workos_session_id: string }[];
    return rows.map((row) => ({ key: row.key, workosSessionId: row.workos_session_id }));
  }

  protected countRows(now: number): number {
    const row = this.stmt.count.get(now) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  protected deleteAll(): void {
    this.db.exec('DELETE FROM session_rows; DELETE FROM session_tombstones;');
  }

  prune(): number {
    const now = this.clock();
    const removed = Number(this.stmt.pruneRows.run(now).changes);
    this.stmt.pruneTombstones.run(now);
    return removed;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.db.isOpen) this.db.close();
  }

  dump(): string[] {
    return (this.stmt.all.all() as Record<string, unknown>[]).map((row) => JSON.stringify(row));
  }
}
