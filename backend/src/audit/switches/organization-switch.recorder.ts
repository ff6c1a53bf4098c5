import type { SessionObservation } from './session-observation.js';

/** Counters of the recorder since it was created. */
export interface SwitchRecorderStats {
  /** Observations waiting for the next flush. */
  readonly pending: number;
  /** Observations handed to {@link OrganizationSwitchRecorder.observe}. */
  readonly observed: number;
  /** Observations written to the database. */
  readonly recorded: number;
  /** `organization.switched` entries inserted by this process. */
  readonly switches: number;
  /** Observations not recorded: the buffer was full, or the database refused them. */
  readonly dropped: number;
  readonly failedFlushes: number;
}

/** What the recorder tells its owner (for logs). */
export interface SwitchRecorderReport {
  /** The first failed write of an outage, with what it dropped; later failures are not told. */
  unavailable(error: unknown, dropped: number): void;
  /** The first write that succeeds after an outage, with everything the outage dropped. */
  recovered(droppedDuringOutage: number): void;
  /** Observations dropped because the buffer was full, told after the flush that follows. */
  overflowed(dropped: number): void;
}

/** Settings of an {@link OrganizationSwitchRecorder}. */
export interface SwitchRecorderOptions {
  /** Observations held at most between two flushes; one beyond it is dropped. */
  readonly maxPending: number;
  /**
   * Writes rounds of observations in order (at most one per session in a round) and returns the
   * entries inserted. A rejection drops them: an outage loses switches, it never queues them.
   */
  readonly write: (rounds: readonly (readonly SessionObservation[])[]) => Promise<number>;
  readonly report: SwitchRecorderReport;
}

/**
 * Buffers what verified tokens say about their sessions and writes it in batches, off the
 * request's path. {@link observe} is synchronous and O(1) and never waits for, or fails with, the
 * database. Memory is bounded by `maxPending`; what does not fit, and what a failed write held, is
 * counted in `dropped`.
 */
export class OrganizationSwitchRecorder {
  private pending = new Map<string, SessionObservation[]>();
  private size = 0;
  private writing: Promise<void> = Promise.resolve();
  private queued = 0;
  private counts = { observed: 0, recorded: 0, switches: 0, dropped: 0, failedFlushes: 0 };
  private overflow = 0;
  private outageDropped: number | undefined;

  constructor(private readonly options: SwitchRecorderOptions) {}

  /** Buffers one observation (an exact repeat of the session's last one is not kept twice). */
  observe(observation: SessionObservation): void {
    this.counts.observed += 1;
    const list = this.pending.get(observation.sessionId);
    const last = list?.at(-1);
    if (
      last?.organizationId === observation.organizationId &&
      last.issuedAt === observation.issuedAt
    ) {
      return;
    }
    if (this.size >= this.options.maxPending) {
      this.counts.dropped += 1;
      this.overflow += 1;
      return;
    }
    if (list) list.push(observation);
    else this.pending.set(observation.sessionId, [observation]);
    this.size += 1;
  }

  /** Writes what is buffered now, after any write in progress; resolves when it is written. */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.writeBatch());
    this.writing = run.catch(() => undefined);
    this.queued += 1;
    return run.finally(() => {
      this.queued -= 1;
    });
  }

  /** A timer's flush: skipped while one is queued (a slow database is not piled on). */
  flushIfIdle(): void {
    if (this.queued === 0) void this.flush().catch(() => undefined);
  }

  stats(): SwitchRecorderStats {
    return { pending: this.size, ...this.counts };
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    const count = this.size;
    this.pending = new Map();
    this.size = 0;
    if (count > 0) await this.write(roundsOf(batch), count);
    if (this.overflow > 0) {
      const dropped = this.overflow;
      this.overflow = 0;
      this.options.report.overflowed(dropped);
    }
  }

  private async write(rounds: SessionObservation[][], count: number): Promise<void> {
    try {
      this.counts.switches += await this.options.write(rounds);
      this.counts.recorded += count;
      if (this.outageDropped !== undefined) {
        this.options.report.recovered(this.outageDropped);
        this.outageDropped = undefined;
      }
    } catch (error) {
      this.counts.failedFlushes += 1;
      this.counts.dropped += count;
      if (this.outageDropped === undefined) {
        this.outageDropped = count;
        this.options.report.unavailable(error, count);
      } else {
        this.outageDropped += count;
      }
    }
  }
}

/**
 * Each session's observations oldest token first, without repeats of the same organization (the
 * first token in an organization dates the switch), dealt into rounds: round k holds every
 * session's k-th observation.
 */
function roundsOf(batch: Map<string, SessionObservation[]>): SessionObservation[][] {
  const rounds: SessionObservation[][] = [];
  for (const list of batch.values()) {
    const ordered = list.length === 1 ? list : [...list].sort((a, b) => a.issuedAt - b.issuedAt);
    let k = 0;
    let previous: string | undefined;
    for (const observation of ordered) {
      if (observation.organizationId === previous) continue;
      previous = observation.organizationId;
      (rounds[k] ??= []).push(observation);
      k += 1;
    }
  }
  return rounds;
}
