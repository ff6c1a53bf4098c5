import type { Clock } from '../util/clock.js';
import type { IdFactory } from '../util/ids.js';
import type { WebhookSender } from '../webhooks/webhook.sender.js';
import type { EventStore } from './event.store.js';
import { EVENT_RETENTION_MS, type WorkOSEvent } from './event.types.js';

/** Where an event belongs and what context production attaches. */
export interface RecordOptions {
  /** The organization `/events?organization_id=` finds it under (null for user-level events). */
  organizationId?: string | null | undefined;
  /** `context` of the envelope (`client_id`, …); omitted when absent. */
  context?: Record<string, unknown> | undefined;
}

/**
 * Records every event the emulator generates (sign-ins, sessions, memberships, invitations) in the state database,
 * where `GET /events` serves them, and hands each one to the webhook sender, which delivers the types each endpoint
 * subscribes to. One recording path, so the Events API and webhooks always carry the same event ids and bodies.
 */
export class EventRecorder {
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: EventStore,
    private readonly ids: IdFactory,
    private readonly clock: Clock,
    private readonly webhooks: WebhookSender,
  ) {}

  record(type: string, data: Record<string, unknown>, options: RecordOptions = {}): WorkOSEvent {
    const now = this.clock();
    const event: WorkOSEvent = {
      object: 'event',
      id: this.ids.next('event', now),
      event: type,
      data,
      created_at: new Date(now).toISOString(),
      ...(options.context === undefined ? {} : { context: options.context }),
    };
    // Old events are dropped at most once a minute; `/events` never serves them anyway.
    if (now - this.lastPurge >= 60_000) {
      this.lastPurge = now;
      this.store.purgeBefore(now - EVENT_RETENTION_MS);
    }
    this.store.insert(event, options.organizationId ?? null, now);
    this.webhooks.send(event);
    return event;
  }
}
