import { computed, DestroyRef, inject, Service, signal } from '@angular/core';

/**
 * Whether the BFF (or what stands behind it) is reachable. The interceptor reports 502/503/504 and
 * network errors here; the shell shows one "service unavailable, try again" message for them.
 */
@Service()
export class ServiceStatus {
  private readonly failure = signal<{ readonly status: number } | null>(null);
  private readonly retryHandlers = new Set<() => void>();

  /** True while the last BFF request failed as unavailable (and none has succeeded since). */
  readonly unavailable = computed(() => this.failure() !== null);
  /** The HTTP status of that failure (0 for a network error). */
  readonly failedStatus = computed(() => this.failure()?.status ?? null);

  /** Records that the service did not answer properly. */
  reportUnavailable(status: number): void {
    this.failure.set({ status });
  }

  /** Records that the service answered again. */
  clear(): void {
    if (this.failure() !== null) this.failure.set(null);
  }

  /**
   * Registers what "Try again" re-runs (e.g. a page's data load) for as long as `destroyRef` lives.
   */
  onRetry(handler: () => void, destroyRef = inject(DestroyRef)): void {
    this.retryHandlers.add(handler);
    destroyRef.onDestroy(() => this.retryHandlers.delete(handler));
  }

  /** Clears the message and re-runs every registered load; a new failure shows it again. */
  retry(): void {
    this.clear();
    for (const handler of [...this.retryHandlers]) handler();
  }
}
