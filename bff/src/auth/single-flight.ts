/**
 * Runs at most one `work()` per key at a time; concurrent callers with the same key share its
 * promise. Settled results are not cached (see TokenRefresher for the successor cache).
 */
export class SingleFlight<K, V> {
  private readonly inflight = new Map<K, Promise<V>>();

  /** Joins the running call for `key`, or starts one. */
  run(key: K, work: () => Promise<V>): Promise<V> {
    const running = this.inflight.get(key);
    if (running) return running;
    const started = (async () => {
      try {
        return await work();
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, started);
    return started;
  }

  /** The call running for `key`, without joining or starting one. */
  running(key: K): Promise<V> | undefined {
    return this.inflight.get(key);
  }

  /** Number of keys with a call in flight. */
  get size(): number {
    return this.inflight.size;
  }
}
