import { stringify } from 'csv-stringify';
import { pipeline, Readable, type Transform } from 'node:stream';
import type { AuditEvent } from '../audit-event.js';

/** The export's columns, in order (the header row). */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'organization_id',
  'source',
  'actor_id',
  'actor_email',
  'impersonator',
  'action',
  'target_type',
  'target_id',
  'target_label',
  'outcome',
  'details',
  'request_id',
  'client_ip',
  'user_agent',
  'completed_at',
] as const;

type CsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number], string>;

function toRecord(event: AuditEvent): CsvRecord {
  return {
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    organization_id: event.organizationId ?? '',
    source: event.source,
    actor_id: event.actor.id ?? '',
    actor_email: event.actor.email ?? '',
    impersonator: event.actor.impersonator ?? '',
    action: event.action,
    target_type: event.target?.type ?? '',
    target_id: event.target?.id ?? '',
    target_label: event.target?.label ?? '',
    outcome: event.outcome,
    details: JSON.stringify(event.details),
    request_id: event.request.requestId ?? '',
    client_ip: event.request.clientIp ?? '',
    user_agent: event.request.userAgent ?? '',
    completed_at: event.completedAt?.toISOString() ?? '',
  };
}

/**
 * The events of `batches` as RFC 4180 CSV with a header row. Pull-based: a batch is requested only
 * when the consumer has read what came before (a large range never sits in memory). Cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) are prefixed
 * with `'` (csv-stringify's `escape_formulas`); quotes, commas and line breaks are quoted.
 */
export function auditCsvStream(batches: AsyncIterable<readonly AuditEvent[]>): Transform {
  async function* records(): AsyncGenerator<CsvRecord> {
    for await (const batch of batches) for (const event of batch) yield toRecord(event);
  }
  const csv = stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS], escape_formulas: true });
  // pipeline destroys the CSV stream with the source's error (a failed batch query), so a reader
  // sees a failed stream, never a shorter file that looks complete.
  pipeline(Readable.from(records()), csv, () => undefined);
  return csv;
}
