import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

import { GatehouseStore, type GatehouseStoreOptions } from './gatehouse.store.js';

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
    | 'isTombstoned'
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
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA busy_timeout = 2000;
      CREATE TABLE IF NOT EXISTS sessions (
        sid TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
      CREATE TABLE IF NOT EXISTS destroyed_sessions (
        sid TEXT PRIMARY KEY,
        until INTEGER NOT NULL
      ) STRICT;
    `);
    this.stmt = {
      get: this.db.prepare('SELECT data, expires_at FROM sessions WHERE sid = ?'),
      upsert: this.db.prepare(
        `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
      ),
      touch: this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?'),
      delete: this.db.prepare('DELETE FROM sessions WHERE sid = ?'),
      tombstone: this.db.prepare(
        `INSERT INTO destroyed_sessions (sid, until) VALUES (?, ?)
         ON CONFLICT (sid) DO UPDATE SET until = excluded.until`,
      ),
      isTombstoned: this.db.prepare(
        'SELECT 1 AS hit FROM destroyed_sessions WHERE sid = ? AND until > ?',
      ),
      count: this.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE expires_at > ?'),
      pruneRows: this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      pruneTombstones: this.db.prepare('DELETE FROM destroyed_sessions WHERE until <= ?'),
      all: this.db.prepare('SELECT sid, data, expires_at FROM sessions'),
    };
    this.prune();
    const interval = options.pruneIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.prune(), interval);
      this.timer.unref();
    }
  }

  protected readRow(sid: string, now: number): string | undefined {
    const row = this.stmt.get.get(sid) as { data: string; expires_at: number } | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.stmt.delete.run(sid);
      return undefined;
    }
    return row.data;
  }

  protected writeRow(sid: string, json: string, expiresAt: number): void {
    this.stmt.upsert.run(sid, json, expiresAt);
  }

  protected updateExpiry(sid: string, expiresAt: number): void {
    this.stmt.touch.run(expiresAt, sid);
  }

  protected deleteRow(sid: string, tombstoneUntil: number): void {
    this.db.exec('BEGIN');
    try {
      this.stmt.delete.run(sid);
      this.stmt.tombstone.run(sid, tombstoneUntil);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  protected isTombstoned(sid: string, now: number): boolean {
    return this.stmt.isTombstoned.get(sid, now) !== undefined;
  }

  protected countRows(now: number): number {
    const row = this.stmt.count.get(now) as { n: number } | undefined;
    return row?.n ?? 0;
  }

  protected deleteAll(): void {
    this.db.exec('DELETE FROM sessions; DELETE FROM destroyed_sessions;');
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
    return (this.stmt.all.all() as { sid: string; data: string; expires_at: number }[]).map(
      (row) => `${row.sid}|${row.data}|${row.expires_at}`,
    );
  }
}
