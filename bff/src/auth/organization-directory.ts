import type { WorkOS } from '@workos-inc/node';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';

import type { Clock } from '../clock.js';
import type { OrganizationSummary } from '../session/session.types.js';
import { classifyWorkOSError } from './refresh-errors.js';
import { SingleFlight } from './single-flight.js';

/** At most this many organizations are listed per session (one WorkOS page). */
export const MAX_ORGANIZATIONS = 100;
/** Longer organization names are cut (the list lives in the session, which every request loads). */
const MAX_NAME_LENGTH = 200;
/** How long a request waits for WorkOS before it answers without the list. */
const DEFAULT_WAIT_MS = 2000;
/** How long a load that finished after its caller stopped waiting is kept for the next caller. */
const LATE_RESULT_TTL_MS = 30_000;

/** The SDK membership fields read here. */
interface Membership {
  readonly organizationId: string;
  readonly organizationName?: string | null;
  readonly role?: { readonly slug?: string } | null;
}

/** Memberships as `{ id, name, role }`, one per organization, sorted by name (then id). */
export function toOrganizationSummaries(memberships: readonly Membership[]): OrganizationSummary[] {
  const byId = new Map<string, OrganizationSummary>();
  for (const m of memberships) {
    if (byId.has(m.organizationId)) continue;
    const name = m.organizationName?.trim() || m.organizationId;
    byId.set(m.organizationId, {
      id: m.organizationId,
      name: name.slice(0, MAX_NAME_LENGTH),
      role: m.role?.slug ?? null,
    });
  }
  return sortByName([...byId.values()]).slice(0, MAX_ORGANIZATIONS);
}

/** Sorted by name (case- and accent-insensitive), then by id. */
export function sortByName(list: OrganizationSummary[]): OrganizationSummary[] {
  return list.sort(
    (a, b) =>
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id),
  );
}

/**
 * Loads a user's active organizations from WorkOS: ONE `listOrganizationMemberships` call (each
 * membership carries its organization's name, so no call per organization), at most
 * {@link MAX_ORGANIZATIONS}. Concurrent loads for a user share one call. A caller waits at most
 * `waitMs` and gets `undefined` on a failure or a timeout (WorkOS down must not hold up
 * `/auth/session`); a load that finishes after its caller gave up is kept for 30 s, so the next
 * request takes it without calling WorkOS again.
 */
export class OrganizationDirectory {
  private readonly flights = new SingleFlight<string, OrganizationSummary[]>();
  private readonly late = new LRUCache<string, { list: OrganizationSummary[]; at: number }>({
    max: 1024,
  });

  constructor(
    private readonly workos: WorkOS,
    private readonly clock: Clock,
    private readonly waitMs = DEFAULT_WAIT_MS,
  ) {}

  /** The user's organizations, or undefined (WorkOS failed or was too slow; logged). */
  async load(userId: string, log: Logger): Promise<OrganizationSummary[] | undefined> {
    const kept = this.late.get(userId);
    this.late.delete(userId);
    if (kept && this.clock() - kept.at < LATE_RESULT_TTL_MS) return kept.list;

    let gaveUp = false;
    const flight = this.flights.run(userId, () => this.fetch(userId, log));
    flight.then(
      (list) => {
        if (gaveUp) this.late.set(userId, { list, at: this.clock() });
      },
      () => undefined, // logged by fetch
    );
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      flight.catch(() => undefined),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => {
          gaveUp = true;
          resolve(undefined);
        }, this.waitMs);
      }),
    ]);
    clearTimeout(timer);
    if (gaveUp)
      log.warn({ event: 'organizations.slow', waitMs: this.waitMs }, 'organizations late');
    return result;
  }

  private async fetch(userId: string, log: Logger): Promise<OrganizationSummary[]> {
    try {
      const page = await this.workos.userManagement.listOrganizationMemberships({
        userId,
        statuses: ['active'],
        limit: MAX_ORGANIZATIONS,
      });
      if (page.listMetadata.after) {
        log.warn(
          { event: 'organizations.truncated', limit: MAX_ORGANIZATIONS },
          'more organizations than listed',
        );
      }
      return toOrganizationSummaries(page.data);
    } catch (err) {
      const { kind, reason, status } = classifyWorkOSError(err);
      log.warn({ event: 'organizations.load_failed', kind, reason, status }, 'organizations load');
      throw err;
    }
  }
}
