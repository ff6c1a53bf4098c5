import { GatehouseStore, type GatehouseStoreOptions } from './gatehouse.store.js';

/**
 * In-memory session store for tests and local runs (`SESSION_STORE=memory`; refused in production).
 * Hand-written rather than express-session's MemoryStore because it must share the tombstone and
 * expiry rules of {@link GatehouseStore} (MemoryStore would let a slow request resurrect a session).
 */
export class MemorySessionStore extends GatehouseStore {
  private readonly rows = new Map<string, { json: string; expiresAt: number }>();
  private readonly tombstones = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(options: GatehouseStoreOptions & { readonly pruneIntervalMs?: number }) {
    super(options);
    const interval = options.pruneIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.prune(), interval);
      this.timer.unref();
    }
  }

  protected readRow(sid: string, now: number): string | undefined {
    const row = this.rows.get(sid);
    if (!row) return undefined;
    if (row.expiresAt <= now) {
      this.rows.delete(sid);
      return undefined;
    }
    return row.json;
  }

  protected writeRow(sid: string, json: string, expiresAt: number): void {
    this.rows.set(sid, { json, expiresAt });
  }

  protected updateExpiry(sid: string, expiresAt: number): void {
    const row = this.rows.get(sid);
    if (row) row.expiresAt = expiresAt;
  }

  protected deleteRow(sid: string, tombstoneUntil: number): void {
    this.rows.delete(sid);
    this.tombstones.set(sid, tombstoneUntil);
  }

  protected isTombstoned(sid: string, now: number): boolean {
    const until = this.tombstones.get(sid);
    return until !== undefined && until > now;
  }

  protected countRows(now: number): number {
    return [...this.rows.values()].filter((row) => row.expiresAt > now).length;
  }

  protected deleteAll(): void {
    this.rows.clear();
    this.tombstones.clear();
  }

  prune(): number {
    const now = this.clock();
    let removed = 0;
    for (const [sid, row] of this.rows) {
      if (row.expiresAt <= now) {
        this.rows.delete(sid);
        removed += 1;
      }
    }
    for (const [sid, until] of this.tombstones) if (until <= now) this.tombstones.delete(sid);
    return removed;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.rows.clear();
  }

  dump(): string[] {
    return [...this.rows.values()].map((row) => row.json);
  }
}
