/** Writes a batch and returns one result per item, in order. */
export type BatchWrite<T, R> = (items: readonly T[]) => Promise<readonly R[]>;

interface Queued<T, R> {
  readonly item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit: {@link write} of one item starts at once when nothing is being written; items
 * that arrive while a write is in flight wait for it and then go together, as one batch (at most
 * `maxBatch`). A lone caller waits for nothing extra, concurrent callers share statements and
 * transactions. When a batch fails, every item of it fails with the same error.
 */
export class GroupedWrites<T, R> {
  private queue: Queued<T, R>[] = [];
  private draining = false;

  constructor(
    private readonly writeBatch: BatchWrite<T, R>,
    private readonly maxBatch: number,
  ) {}

  /** Writes `item` (with whatever else is waiting) and returns its result. */
  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.writeBatch(batch.map((queued) => queued.item));
        batch.forEach((queued, i) => {
          if (i < results.length) queued.resolve(results[i] as R);
          else queued.reject(new Error('the batch write returned fewer results than items'));
        });
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.draining = false;
  }
}
