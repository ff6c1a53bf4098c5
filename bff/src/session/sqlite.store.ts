import type { DatabaseSync } from 'node:sqlite';

import { GatehouseStore, type GatehouseStoreOptions } from './gatehouse.store.js';
import {
  openSessionDatabase,
  prepareSessionStatements,
  type SessionStatements,
} from './sqlite-schema.js';
import { SessionStoreUnavailableError } from './session-store.types.js';
import {
  type IndexedRow,
  type IndexSelector,
  mayReplace,
  type RowWrite,
  type StoredRow,
  type TombstoneReason,
  type WriteOutcome,
} from './store-rows.js';

/** Options of {@link SqliteSessionStore}. */
export interface SqliteStoreOptions extends GatehouseStoreOptions {
  /** Database file (its folder is created), or `:memory:`. */
  readonly path: string;
  /** How often expired rows are pruned; 0 disables the timer (call `prune()` yourself). */
  readonly pruneIntervalMs?: number;
  /** How long a statement waits for a lock another connection holds (default 2000 ms). */
  readonly busyTimeoutMs?: number;
}

/** SQLITE_BUSY and SQLITE_LOCKED: another connection holds the database past the busy timeout. */
const LOCKED_CODES = new Set([5, 6]);

/**
 * The default session store: one SQLite file on Node 24's built-in `node:sqlite`, so sessions
 * survive a BFF restart. Hand-written because the maintained express-session SQLite stores sit on
 * native addons (`sqlite3`, `better-sqlite3`) that need an install-time build, which this
 * workspace forbids, and none targets `node:sqlite`. Statements are synchronous, each primitive of
 * {@link GatehouseStore} one transaction. A database locked by another connection past the busy
 * timeout counts as unavailable (503, session kept).
 */
export class SqliteSessionStore extends GatehouseStore {
  private readonly db: DatabaseSync;
  private readonly stmt: SessionStatements;

  constructor(options: SqliteStoreOptions) {
    super(options);
    this.db = openSessionDatabase(options.path, options.busyTimeoutMs ?? 2000);
    this.stmt = prepareSessionStatements(this.db);
    this.prune();
    this.pruneEvery(options.pruneIntervalMs ?? 60_000);
  }

  protected readRow(key: string): Promise<StoredRow | undefined> {
    return this.run(() => this.stmt.row.get(key, this.clock()) as StoredRow | undefined);
  }

  protected writeRow(write: RowWrite): Promise<WriteOutcome> {
    return this.run(() =>
      this.transaction((): WriteOutcome => {
        const now = this.clock();
        if (write.tombstoneKeys.some((key) => this.stmt.tombstoneOf.get(key, now))) return 'gone';
        const stored = this.stmt.row.get(write.key, now) as StoredRow | undefined;
        if (!mayReplace(stored, write.row)) return 'changed';
        const { index } = write;
        this.stmt.upsert.run(
          write.key,
          write.row.box,
          write.row.at,
          write.expiresAt,
          index?.workosSessionId ?? null,
          index?.workosSessionKey ?? null,
          index?.userKey ?? null,
        );
        for (const key of write.previousKeys) this.stmt.delete.run(key);
        return 'ok';
      }),
    );
  }

  protected extendRow(key: string, expiresAt: number): Promise<void> {
    return this.run(() => void this.stmt.extend.run(expiresAt, key));
  }

  protected endRow(key: string, reason: TombstoneReason, until: number): Promise<void> {
    return this.run(() =>
      this.transaction(() => {
        this.stmt.delete.run(key);
        this.stmt.tombstone.run(key, until, reason);
      }),
    );
  }

  protected tombstoneOf(keys: readonly string[]): Promise<TombstoneReason | undefined> {
    return this.run(() => {
      const now = this.clock();
      for (const key of keys) {
        const row = this.stmt.tombstoneOf.get(key, now) as { reason: TombstoneReason } | undefined;
        if (row) return row.reason;
      }
      return undefined;
    });
  }

  protected rowsIndexed(selector: IndexSelector): Promise<IndexedRow[]> {
    return this.run(() => {
      const now = this.clock();
      const rows = (
        'userKey' in selector
          ? this.stmt.byUser.all(selector.userKey, now)
          : this.stmt.byWorkosSession.all(selector.workosSessionKey, now)
      ) as { key: string; workos_session_id: string }[];
      return rows.map((row) => ({ key: row.key, workosSessionId: row.workos_session_id }));
    });
  }

  protected countRows(): Promise<number> {
    return this.run(() => (this.stmt.count.get(this.clock()) as { n: number } | undefined)?.n ?? 0);
  }

  protected deleteAll(): Promise<void> {
    return this.run(() =>
      this.db.exec('DELETE FROM session_rows; DELETE FROM session_tombstones;'),
    );
  }

  override prune(): number {
    const now = this.clock();
    const removed = Number(this.stmt.pruneRows.run(now).changes);
    this.stmt.pruneTombstones.run(now);
    return removed;
  }

  close(): void {
    this.stopPruning();
    if (this.db.isOpen) this.db.close();
  }

  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Runs synchronous statements as a store primitive. */
  private run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (err) {
      return Promise.reject(asStoreError(err));
    }
  }
}

/** A database locked by another connection past the busy timeout is unavailable (503, kept). */
function asStoreError(err: unknown): Error {
  const code = (err as { errcode?: unknown }).errcode;
  if (typeof code === 'number' && LOCKED_CODES.has(code)) {
    return new SessionStoreUnavailableError('session database locked', { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}
