import autocannon from 'autocannon';

/** One load run against one URL. */
export interface LoadOptions {
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly connections: number;
  /** Run for this long (seconds) … */
  readonly durationSeconds?: number;
  /** … or until this many requests were answered. */
  readonly amount?: number;
  /** Changes each request before it is sent (e.g. a different token each time). */
  readonly setupRequest?: (request: autocannon.Request) => autocannon.Request;
  /** Fail when an answer is not 2xx (a benchmark of a success path must only count successes). */
  readonly expectOnly2xx?: boolean;
}

/** What a load run measured. */
export interface LoadResult {
  /** 2xx answers per second over the run. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly status4xx: number;
  readonly status5xx: number;
  readonly errors: number;
  readonly durationSeconds: number;
}

/** Raised when a run that must only see successes saw something else. */
export class LoadFailure extends Error {
  readonly code = 'load_failure';
}

function summarize(result: autocannon.Result): LoadResult {
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    status4xx: result['4xx'],
    status5xx: result['5xx'],
    errors: result.errors,
    durationSeconds: result.duration,
  };
}

/** A load run that can be stopped early, e.g. once a condition is seen from outside. */
export interface RunningLoad {
  readonly done: Promise<LoadResult>;
  stop(): void;
}

/**
 * Starts autocannon (keep-alive connections, no pipelining) in this process. The servers under test
 * run in child processes, so they never share this event loop.
 */
export function startLoad(options: LoadOptions): RunningLoad {
  let instance: autocannon.Instance | undefined;
  const done = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: 1,
        ...(options.amount !== undefined
          ? { amount: options.amount }
          : { duration: options.durationSeconds ?? 3 }),
        ...(options.headers ? { headers: options.headers } : {}),
        // autocannon only calls setupRequest from an entry of `requests` (a top-level one is ignored).
        ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest }] } : {}),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error('autocannon failed'));
        const summary = summarize(result);
        if (options.expectOnly2xx && (summary.non2xx > 0 || summary.errors > 0)) {
          return reject(
            new LoadFailure(
              `${options.url}: ${summary.non2xx} non-2xx answers (4xx ${summary.status4xx}, ` +
                `5xx ${summary.status5xx}) and ${summary.errors} errors in ${summary.requests} requests`,
            ),
          );
        }
        resolve(summary);
      },
    );
  });
  return { done, stop: () => instance?.stop() };
}

/** Runs a load to completion. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return startLoad(options).done;
}
