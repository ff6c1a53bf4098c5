import { computed, signal } from '@angular/core';

/**
 * The keys (row ids, form names) that have an action in flight. Running an action for a key that
 * is already running does nothing, so a double click never sends a request twice.
 */
export class PendingKeys {
  private readonly keys = signal<ReadonlySet<string>>(new Set());

  /** True while any action runs. */
  readonly any = computed(() => this.keys().size > 0);

  /** Whether an action for `key` is running (a signal read: templates update with it). */
  has(key: string): boolean {
    return this.keys().has(key);
  }

  /** Runs `action` unless one for `key` is running; resolves to its result, or `undefined` if skipped. */
  async run<T>(key: string, action: () => Promise<T>): Promise<T | undefined> {
    if (this.keys().has(key)) return undefined;
    this.keys.update((keys) => new Set(keys).add(key));
    try {
      return await action();
    } finally {
      this.keys.update((keys) => {
        const next = new Set(keys);
        next.delete(key);
        return next;
      });
    }
  }
}
