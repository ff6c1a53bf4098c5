import type { DenialCount } from '../database/audit-denial.repository.js';

/** One refused request, as observed after its response was sent. */
export interface DenialObservation {
  readonly organizationId: string | null;
  readonly status: 401 | 403;
  readonly code: string;
  readonly route: string;
  readonly missing: string;
  /** When it was answered, in milliseconds since the epoch. */
  readonly at: number;
}

/** Counters of the aggregator since it was created. */
export interface DenialAggregatorStats {
  /** Distinct keys waiting for the next flush. */
  readonly pendingKeys: number;
  /** Denials written to the database. */
  readonly recorded: number;
  /** Denials not recorded: the key table was full, or the database refused them. */
  readonly dropped: number;
  readonly failedFlushes: number;
}

/** Settings of a {@link DenialAggregator}. */
export interface DenialAggregatorOptions {
  /** Distinct keys held at most between two flushes; a denial with a new key beyond it is dropped. */
  readonly maxKeys: number;
  /** Writes one batch (distinct keys); a rejection keeps the counts for the next flush if room. */
  readonly write: (counts: readonly DenialCount[]) => Promise<void>;
  /** Told after a flush when denials were dropped since the last report, or the write failed. */
  readonly onDropped?: (droppedSinceLastReport: number, error?: unknown) => void;
}

const MINUTE_MS = 60_000;

interface MutableCount extends Omit<DenialCount, 'count'> {
  count: number;
}

/**
 * Counts 401/403 answers per (organization, status, code, route, missing, minute) in memory and
 * writes the counts in batches, so a flood of bad tokens becomes a few rows. {@link record} is
 * synchronous and O(1): it never waits for, or fails with, the database. Memory is bounded by
 * `maxKeys`; what does not fit is counted in `dropped`.
 */
export class DenialAggregator {
  private counts = new Map<string, MutableCount>();
  private flushing: Promise<void> | undefined;
  private recorded = 0;
  private dropped = 0;
  private reportedDropped = 0;
  private failedFlushes = 0;

  constructor(private readonly options: DenialAggregatorOptions) {}

  /** Counts one denial. */
  record(denial: DenialObservation): void {
    const minute = denial.at - (denial.at % MINUTE_MS);
    const key = `${minute}\u0000${denial.organizationId ?? ''}\u0000${denial.status}\u0000${denial.code}\u0000${denial.route}\u0000${denial.missing}`;
    const existing = this.counts.get(key);
    if (existing) {
      existing.count += 1;
      return;
    }
    if (this.counts.size >= this.options.maxKeys) {
      this.dropped += 1;
      return;
    }
    this.counts.set(key, {
      minute: new Date(minute),
      organizationId: denial.organizationId,
      status: denial.status,
      code: denial.code,
      route: denial.route,
      missing: denial.missing,
      count: 1,
    });
  }

  /** Writes the counts gathered so far (one flush at a time; a second caller waits for it). */
  flush(): Promise<void> {
    this.flushing ??= this.writeBatch().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  stats(): DenialAggregatorStats {
    return {
      pendingKeys: this.counts.size,
      recorded: this.recorded,
      dropped: this.dropped,
      failedFlushes: this.failedFlushes,
    };
  }

  private async writeBatch(): Promise<void> {
    const batch = this.counts;
    if (batch.size === 0) return this.reportDropped();
    this.counts = new Map();
    const counts = [...batch.values()];
    try {
      await this.options.write(counts);
      this.recorded += counts.reduce((sum, c) => sum + c.count, 0);
      this.reportDropped();
    } catch (error) {
      this.failedFlushes += 1;
      this.restore(batch);
      this.reportDropped(error);
    }
  }

  /** Puts an unwritten batch back in front of what arrived meanwhile, within `maxKeys`. */
  private restore(batch: Map<string, MutableCount>): void {
    for (const [key, count] of this.counts) {
      const earlier = batch.get(key);
      if (earlier) earlier.count += count.count;
      else if (batch.size < this.options.maxKeys) batch.set(key, count);
      else this.dropped += count.count;
    }
    this.counts = batch;
  }

  private reportDropped(error?: unknown): void {
    const since = this.dropped - this.reportedDropped;
    if (since === 0 && error === undefined) return;
    this.reportedDropped = this.dropped;
    this.options.onDropped?.(since, error);
  }
}
