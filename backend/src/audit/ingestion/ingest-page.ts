import type { Event, List, WorkOS } from '@workos-inc/node';
import type { NewAuditEvent } from '../audit-event.js';
import { organizationsOf, type ActiveOrganizationsOf } from './event-organizations.js';
import { INGESTED_EVENT_TYPES } from './workos-event-types.js';
import { auditEventOf } from './workos-event.mapper.js';
import type { WorkosEventsRepository } from './workos-events.repository.js';

/** Events per `/events` call (WorkOS's maximum). */
export const EVENTS_PAGE_SIZE = 100;

/** What reading one page did. */
export interface PageResult {
  /** Events WorkOS returned. */
  readonly fetched: number;
  /** Entries inserted (fewer when some were recorded before). */
  readonly recorded: number;
  /** The page was full: more events are probably waiting. */
  readonly full: boolean;
}

/** The WorkOS calls the poller makes, over the unmodified SDK. */
export interface WorkosEventsSource {
  /** The events after `after` (all kept ones when null), oldest first. */
  listEvents(after: string | null): Promise<List<Event>>;
  readonly activeOrganizationsOf: ActiveOrganizationsOf;
}

/** {@link WorkosEventsSource} over an SDK client. */
export function workosEventsSource(sdk: WorkOS): WorkosEventsSource {
  return {
    listEvents: (after) =>
      sdk.events.listEvents({
        events: [...INGESTED_EVENT_TYPES],
        order: 'asc',
        limit: EVENTS_PAGE_SIZE,
        ...(after === null ? {} : { after }),
      }),
    activeOrganizationsOf: async (userId) => {
      const list = await sdk.userManagement.listOrganizationMemberships({
        userId,
        statuses: ['active'],
        limit: 2,
      });
      return list.data.map((membership) => membership.organizationId);
    },
  };
}

/**
 * Reads the page after the stored cursor and records it with the cursor move, in one
 * transaction: a crash before the commit leaves both as they were (the page is read again), a
 * crash after it leaves both moved.
 */
export async function ingestPage(
  source: WorkosEventsSource,
  repository: WorkosEventsRepository,
): Promise<PageResult> {
  const cursor = await repository.cursor();
  const page = await source.listEvents(cursor);
  const last = page.data.at(-1);
  if (last === undefined) return { fetched: 0, recorded: 0, full: false };
  const organizations = await organizationsOf(page.data, source.activeOrganizationsOf);
  const entries = page.data
    .map((event) => auditEventOf(event, organizations.get(event.id) ?? null))
    .filter((entry): entry is NewAuditEvent => entry !== null);
  const recorded = await repository.record(
    cursor,
    { eventId: last.id, createdAt: new Date(last.createdAt) },
    entries,
  );
  return { fetched: page.data.length, recorded, full: page.data.length >= EVENTS_PAGE_SIZE };
}
