import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { ApiError, type FieldError, validationFailed } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { queryList, queryString } from '../http/query.js';
import type { EventQuery } from './event.store.js';
import { EVENT_RETENTION_MS } from './event.types.js';

const EVENT_NAME = /^[a-z_]+(\.[a-z_]+)+$/;

/** Reads `/events` parameters; every problem is collected into one production-shaped 422. */
function eventQuery(ctx: EmulatorContext, req: Request): EventQuery {
  const problems: FieldError[] = [];
  const read = <T>(field: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch {
      problems.push({ field, code: 'invalid' });
      return undefined;
    }
  };
  const types = read('events', () => queryList(req.query, 'events')) ?? [];
  if (types.length === 0 && !problems.some((p) => p.field === 'events')) {
    problems.push({ field: 'events', code: 'required' });
  } else if (types.some((t) => !EVENT_NAME.test(t)))
    problems.push({ field: 'events', code: 'invalid' });
  const date = (field: string): number | undefined => {
    const raw = read(field, () => queryString(req.query, field));
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) problems.push({ field, code: 'invalid_date' });
    return ms;
  };
  const rangeStart = date('range_start');
  const rangeEnd = date('range_end');
  const rawLimit = read('limit', () => queryString(req.query, 'limit')) ?? '10';
  const limit = Number(rawLimit);
  if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > 100)
    problems.push({ field: 'limit', code: 'invalid' });
  const order = read('order', () => queryString(req.query, 'order')) ?? 'asc';
  if (order !== 'asc' && order !== 'desc') problems.push({ field: 'order', code: 'invalid' });
  const organizationId = read('organization_id', () => queryString(req.query, 'organization_id'));
  const after = read('after', () => queryString(req.query, 'after'));
  const before = read('before', () => queryString(req.query, 'before'));
  if (problems.length > 0) throw validationFailed(problems);
  if (organizationId !== undefined && ctx.directory.organization(organizationId) === undefined) {
    throw new ApiError(400, undefined, `Organization not found: '${organizationId}'.`);
  }
  const oldest = ctx.clock() - EVENT_RETENTION_MS;
  return {
    types,
    organizationId,
    from: Math.max(oldest, rangeStart ?? oldest),
    to: rangeEnd,
    ascending: order === 'asc',
    limit,
    after,
    before,
  };
}

/**
 * `GET /events` (`workos.events.listEvents`): the recorded events of the last 30 days whose type is in `events`
 * (required), optionally of one organization and within `range_start`/`range_end`. Oldest first unless
 * `order=desc`; `list_metadata.after` is the last event's id when more follow, else null, so a consumer keeps the
 * id of the last event it processed as its cursor. API key.
 */
export function eventsRoute(ctx: EmulatorContext): Router {
  const router = Router();
  router.get(
    '/events',
    requireApiKey(ctx.directory),
    jsonRoute((req) => {
      const { events, more } = ctx.eventStore.page(eventQuery(ctx, req));
      const last = events[events.length - 1];
      return {
        status: 200,
        body: {
          object: 'list',
          data: events,
          list_metadata: { after: more && last !== undefined ? last.id : null },
        },
      };
    }),
  );
  return router;
}
