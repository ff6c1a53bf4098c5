import type { WorkOSEvent } from '../events/event.types.js';
import { signWebhook } from './webhook-signature.js';

/** Where events go: a URL, the secret its signatures are made with, and the event types it subscribes to. */
export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** Event types delivered (default `["session.revoked"]`; `["*"]` for every event). */
  events?: string[] | undefined;
}

/** What an endpoint without an `events` list receives. */
export const DEFAULT_WEBHOOK_EVENTS: readonly string[] = ['session.revoked'];

function subscribed(endpoint: WebhookEndpoint, type: string): boolean {
  const events = endpoint.events ?? DEFAULT_WEBHOOK_EVENTS;
  return events.includes('*') || events.includes(type);
}

/** Delivery counts (per attempt outcome) for tests and the banner. */
export interface WebhookStats {
  sent: number;
  delivered: number;
  failed: number;
}

/** Options of {@link WebhookSender}. */
export interface WebhookSenderOptions {
  endpoints: WebhookEndpoint[];
  logError: (message: string) => void;
  /** Per-delivery deadline (default 5000 ms). */
  timeoutMs?: number;
  /** Aborts pending deliveries (the emulator closing). */
  signal: AbortSignal;
}

/**
 * Sends signed webhook events, as WorkOS does: `POST` of the JSON event with
 * `Content-Type: application/json` and `WorkOS-Signature`, one attempt per endpoint, in the
 * background. A slow, failing or unreachable endpoint is logged (URL and status only) and never
 * affects the request that ended the session; a 2xx answer counts as delivered. WorkOS retries
 * failed deliveries for days; the emulator does not (tests call {@link flush} and read the stats).
 */
export class WebhookSender {
  private readonly endpoints: WebhookEndpoint[];
  private readonly pending = new Set<Promise<void>>();
  private readonly counts: WebhookStats = { sent: 0, delivered: 0, failed: 0 };

  constructor(private readonly options: WebhookSenderOptions) {
    this.endpoints = [...options.endpoints];
  }

  /** Adds an endpoint at run time (tests whose receiver port is known only after start). */
  addEndpoint(endpoint: WebhookEndpoint): void {
    if (!this.endpoints.some((e) => e.url === endpoint.url)) this.endpoints.push({ ...endpoint });
  }

  /** Queues `event` for every endpoint subscribed to its type; returns at once. */
  send(event: WorkOSEvent): void {
    if (this.options.signal.aborted) return;
    const body = JSON.stringify(event);
    for (const endpoint of this.endpoints.filter((e) => subscribed(e, event.event))) {
      const delivery = this.deliver(endpoint, body).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  /** Resolves once every delivery queued so far has finished (delivered or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  stats(): WebhookStats {
    return { ...this.counts };
  }

  clearStats(): void {
    Object.assign(this.counts, { sent: 0, delivered: 0, failed: 0 });
  }

  private async deliver(endpoint: WebhookEndpoint, body: string): Promise<void> {
    this.counts.sent += 1;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'workos-emulator-webhooks',
          // Wall-clock time, never the emulator's test clock: receivers check it against theirs.
          'workos-signature': signWebhook(body, endpoint.secret, Date.now()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([
          this.options.signal,
          AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        ]),
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        this.counts.delivered += 1;
        return;
      }
      this.counts.failed += 1;
      this.options.logError(`webhook to ${endpoint.url} answered ${response.status}`);
    } catch (error) {
      this.counts.failed += 1;
      if (!this.options.signal.aborted) {
        this.options.logError(`webhook to ${endpoint.url} failed: ${(error as Error).name}`);
      }
    }
  }
}
