import type { AuditEvent, NewAuditEvent } from '../audit-event.js';
import type { AuditEventRow, NewAuditEventRow } from './audit-schema.js';

/** The row for a new event (`id` chosen by the caller). */
export function toRow(id: string, event: NewAuditEvent): NewAuditEventRow {
  return {
    id,
    occurred_at: event.occurredAt,
    organization_id: event.organizationId,
    source: event.source,
    external_id: event.externalId ?? null,
    actor_id: event.actor.id,
    actor_email: event.actor.email,
    impersonator: event.actor.impersonator,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    target_label: event.target?.label ?? null,
    outcome: event.outcome,
    details: JSON.stringify(event.details),
    request_id: event.request.requestId,
    client_ip: event.request.clientIp,
    user_agent: event.request.userAgent,
  };
}

/** The event a row holds. */
export function fromRow(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    organizationId: row.organization_id,
    source: row.source,
    externalId: row.external_id,
    actor: { id: row.actor_id, email: row.actor_email, impersonator: row.impersonator },
    action: row.action,
    target:
      row.target_type === null || row.target_id === null
        ? null
        : { type: row.target_type, id: row.target_id, label: row.target_label },
    outcome: row.outcome,
    details: row.details,
    request: { requestId: row.request_id, clientIp: row.client_ip, userAgent: row.user_agent },
    completedAt: row.completed_at,
  };
}
