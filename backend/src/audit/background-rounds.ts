/** What {@link BackgroundRounds} runs and how it reports. */
export interface BackgroundRoundsOptions {
  /** Pause between rounds. */
  readonly intervalMs: number;
  /** Longest pause after failures (the pause doubles per failure in a row). */
  readonly maxBackoffMs: number;
  /** One round; resolves true when more work is waiting (the next round runs at once). */
  readonly round: () => Promise<boolean>;
  /** After a failed round: the failures in a row and the pause before the next round. */
  readonly onFailure: (error: unknown, consecutiveFailures: number, retryInMs: number) => void;
}

/**
 * Rounds of background work off any request's path (the WorkOS events poller, the Audit Logs
 * export): one at a time on an unref'd timer, at once while work is waiting, backing off on
 * failures, never throwing out of a round; `stop()` waits for the round in progress.
 */
export class BackgroundRounds {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private failuresInRow = 0;

  constructor(private readonly options: BackgroundRoundsOptions) {}

  /** Failed rounds in a row (0 after a round that succeeded). */
  get consecutiveFailures(): number {
    return this.failuresInRow;
  }

  /** Whether rounds are scheduled (between `start()` and `stop()`). */
  get active(): boolean {
    return !this.stopped;
  }

  /** Starts, the first round right away; a second call does nothing. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runRound();
    }, delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    const { intervalMs, maxBackoffMs } = this.options;
    let next = intervalMs;
    try {
      const more = await this.options.round();
      this.failuresInRow = 0;
      if (more) next = 0;
    } catch (error) {
      this.failuresInRow += 1;
      next = Math.min(intervalMs * 2 ** Math.min(this.failuresInRow, 30), maxBackoffMs);
      next = Math.max(next, intervalMs);
      this.options.onFailure(error, this.failuresInRow, next);
    }
    this.schedule(next);
  }
}
