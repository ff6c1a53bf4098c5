import {
  GatehouseStore,
  type GatehouseStoreOptions,
  type RowIndex,
  type TombstoneReason,
} from './gatehouse.store.js';

interface MemoryRow {
  box: string;
  expiresAt: number;
  index: RowIndex | undefined;
}

/**
 * In-memory session store for tests and local runs (`SESSION_STORE=memory`; refused in production).
 * Hand-written rather than express-session's MemoryStore because it must share the tombstone,
 * sealing and expiry rules of {@link GatehouseStore} (MemoryStore would let a slow request
 * resurrect a session).
 */
export class MemorySessionStore extends GatehouseStore {
  private readonly rows = new Map<string, MemoryRow>();
  private readonly tombstones = new Map<string, { until: number; reason: TombstoneReason }>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(options: GatehouseStoreOptions & { readonly pruneIntervalMs?: number }) {
    super(options);
    const interval = options.pruneIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => this.prune(), interval);
      this.timer.unref();
    }
  }

  protected readRow(key: string, now: number): string | undefined {
    const row = this.rows.get(key);
    if (!row) return undefined;
    if (row.expiresAt <= now) {
      this.rows.delete(key);
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
    this.rows.set(key, { box, expiresAt, index });
  }

  protected updateExpiry(key: string, expiresAt: number): void {
    const row = this.rows.get(key);
    if (row) row.expiresAt = expiresAt;
  }

  protected removeRow(key: string): void {
    this.rows.delete(key);
  }

  protected deleteRow(key: string, tombstoneUntil: number, reason: TombstoneReason): void {
    this.rows.delete(key);
    const existing = this.tombstones.get(key);
    this.tombstones.set(key, { until: tombstoneUntil, reason: existing?.reason ?? reason });
  }

  protected tombstoneOf(key: string, now: number): TombstoneReason | undefined {
    const tomb = this.tombstones.get(key);
    return tomb && tomb.until > now ? tomb.reason : undefined;
  }

  protected keysOf(
    selector: { workosSessionKey: string } | { userKey: string },
    now: number,
  ): { key: string; workosSessionId: string }[] {
    const found: { key: string; workosSessionId: string }[] = [];
    for (const [key, row] of this.rows) {
      if (row.expiresAt <= now || !row.index) continue;
      const hit =
        'userKey' in selector
          ? row.index.userKey === selector.userKey
          : row.index.workosSessionKey === selector.workosSessionKey;
      if (hit) found.push({ key, workosSessionId: row.index.workosSessionId });
    }
    return found;
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
    for (const [key, row] of this.rows) {
      if (row.expiresAt <= now) {
        this.rows.delete(key);
        removed += 1;
      }
    }
    for (const [key, tomb] of this.tombstones) if (tomb.until <= now) this.tombstones.delete(key);
    return removed;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.rows.clear();
  }

  dump(): string[] {
    return [...this.rows].map(([key, row]) => `${key}|${row.box}|${JSON.stringify(row.index)}`);
  }
}
