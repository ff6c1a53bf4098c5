import type { LogSink } from '@gatehouse/stack';

const KEPT_LINES = 40;

/**
 * Collects the services' output instead of printing it (their per-request lines would bury the
 * table): stderr is printed as it comes, and the last lines of every service are kept for the
 * error message when something fails. `verbose` prints everything.
 */
export class ServiceLogs {
  private readonly tails = new Map<string, string[]>();

  constructor(private readonly verbose = false) {}

  readonly sink: LogSink = (service, line, stream) => {
    const tail = this.tails.get(service) ?? [];
    tail.push(line);
    if (tail.length > KEPT_LINES) tail.shift();
    this.tails.set(service, tail);
    if (this.verbose || stream === 'stderr') process.stderr.write(`[${service}] ${line}\n`);
  };

  /** The last lines a service printed. */
  tail(service: string): string[] {
    return [...(this.tails.get(service) ?? [])];
  }
}
