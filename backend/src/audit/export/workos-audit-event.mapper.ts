import type { CreateAuditLogEventOptions } from '@workos-inc/node';
import type { AuditEvent } from '../audit-event.js';

/** WorkOS's limit on a metadata value's length. */
const MAX_METADATA_VALUE = 500;
/** Stands in for a required value the entry lacks (actor id, `context.location`). */
export const UNKNOWN = 'unknown';

/** JSON text of a value, cut to WorkOS's metadata limit (`…` marks a cut). */
function flat(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= MAX_METADATA_VALUE ? text : `${text.slice(0, MAX_METADATA_VALUE - 1)}…`;
}

/** The set entries of a record of optional strings. */
function defined(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && value !== undefined) out[key] = flat(value);
  }
  return out;
}

/**
 * A finished admin entry as a WorkOS Audit Logs event: our action, the time it started, the admin
 * (`type: 'user'`, email as name and metadata, impersonator), the target, the client address and
 * user agent, and flat metadata: outcome, request id, and `before` / `after` / `error` as JSON
 * strings of at most 500 characters. Other `details` keys are not sent; actions never put
 * tokens in `details` (docs/audit.md), and nothing else of the request is read.
 */
export function toWorkosAuditEvent(event: AuditEvent): CreateAuditLogEventOptions {
  const { actor, target, request, details } = event;
  const actorMetadata = defined({ email: actor.email, impersonator: actor.impersonator });
  return {
    action: event.action,
    occurredAt: event.occurredAt,
    actor: {
      id: actor.id ?? UNKNOWN,
      type: 'user',
      ...(actor.email ? { name: actor.email } : {}),
      ...(Object.keys(actorMetadata).length > 0 ? { metadata: actorMetadata } : {}),
    },
    targets: target
      ? [{ id: target.id, type: target.type, ...(target.label ? { name: target.label } : {}) }]
      : [],
    context: {
      location: request.clientIp ?? UNKNOWN,
      ...(request.userAgent ? { userAgent: request.userAgent } : {}),
    },
    metadata: defined({
      gatehouse_event_id: event.id,
      outcome: event.outcome,
      request_id: request.requestId,
      before: details['before'],
      after: details['after'],
      error: details['error'],
    }),
  };
}
