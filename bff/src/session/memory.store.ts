import { GatehouseStore, type GatehouseStoreOptions } from './gatehouse.store.js';
import {
  type IndexedRow,
  type IndexSelector,
  mayReplace,
  type RowIndex,
  type RowWrite,
  type StoredRow,
  type TombstoneReason,
  type WriteOutcome,
} from './store-rows.js';

/** A row as the memory store holds it. */
export interface MemoryRow {
  readonly row: StoredRow;
  expiresAt: number;
  readonly index: RowIndex | undefined;
}

/**
 * In-memory session store for tests and local runs (`SESSION_STORE=memory`; refused in production).
 * Not express-session's MemoryStore, which would let a slow request resurrect a destroyed session:
 * this one keeps the contract of {@link GatehouseStore} like the other backends.
 */
export class MemorySessionStore extends GatehouseStore {
  protected readonly rows = new Map<string, MemoryRow>();
  protected readonly tombstones = new Map<string, { until: number; reason: TombstoneReason }>();

  constructor(options: GatehouseStoreOptions & { readonly pruneIntervalMs?: number }) {
    super(options);
    this.pruneEvery(options.pruneIntervalMs ?? 60_000);
  }

  protected readRow(key: string): Promise<StoredRow | undefined> {
    return Promise.resolve(this.live(key)?.row);
  }

  protected writeRow(write: RowWrite): Promise<WriteOutcome> {
    if (write.tombstoneKeys.some((key) => this.tombstone(key))) return Promise.resolve('gone');
    if (!mayReplace(this.live(write.key)?.row, write.row)) return Promise.resolve('changed');
    this.rows.set(write.key, { row: write.row, expiresAt: write.expiresAt, index: write.index });
    for (const key of write.previousKeys) this.rows.delete(key);
    return Promise.resolve('ok');
  }

  protected extendRow(key: string, expiresAt: number): Promise<void> {
    const row = this.rows.get(key);
    if (row) row.expiresAt = expiresAt;
    return Promise.resolve();
  }

  protected endRow(key: string, reason: TombstoneReason, until: number): Promise<void> {
    this.rows.delete(key);
    this.tombstones.set(key, { until, reason: this.tombstones.get(key)?.reason ?? reason });
    return Promise.resolve();
  }

  protected tombstoneOf(keys: readonly string[]): Promise<TombstoneReason | undefined> {
    return Promise.resolve(keys.map((key) => this.tombstone(key)).find(Boolean));
  }

  protected rowsIndexed(selector: IndexSelector): Promise<IndexedRow[]> {
    const found: IndexedRow[] = [];
    const now = this.clock();
    for (const [key, { expiresAt, index }] of this.rows) {
      if (expiresAt <= now || !index) continue;
      const hit =
        'userKey' in selector
          ? index.userKey === selector.userKey
          : index.workosSessionKey === selector.workosSessionKey;
      if (hit) found.push({ key, workosSessionId: index.workosSessionId });
    }
    return Promise.resolve(found);
  }

  protected countRows(): Promise<number> {
    const now = this.clock();
    return Promise.resolve([...this.rows.values()].filter((row) => row.expiresAt > now).length);
  }

  protected deleteAll(): Promise<void> {
    this.rows.clear();
    this.tombstones.clear();
    return Promise.resolve();
  }

  override prune(): number {
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
    this.stopPruning();
    this.rows.clear();
  }

  private live(key: string): MemoryRow | undefined {
    const row = this.rows.get(key);
    return row && row.expiresAt > this.clock() ? row : undefined;
  }

  private tombstone(key: string): TombstoneReason | undefined {
    const tomb = this.tombstones.get(key);
    return tomb && tomb.until > this.clock() ? tomb.reason : undefined;
  }
}
