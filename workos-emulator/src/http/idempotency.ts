/** A stored response for an `Idempotency-Key`. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

/**
 * Remembers the first response per `Idempotency-Key` (scoped to the endpoint) and returns it for repeats, as
 * production does. The pending promise is stored, so a repeat that arrives while the first call runs waits for it.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, { at: number; response: Promise<StoredResponse> }>();

  constructor(private readonly clock: () => number) {}

  /** Runs `handler` once per key; later calls with the same key get the first response. */
  async run(
    scope: string,
    key: string,
    handler: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    const id = `${scope}\n${key}`;
    const now = this.clock();
    const existing = this.entries.get(id);
    if (existing !== undefined && now - existing.at < TTL_MS) return existing.response;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const response = handler();
    this.entries.set(id, { at: now, response });
    try {
      const result = await response;
      // Server errors are not remembered, so a retry with the same key gets another chance.
      if (result.status >= 500) this.entries.delete(id);
      return result;
    } catch (error) {
      this.entries.delete(id);
      throw error;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
