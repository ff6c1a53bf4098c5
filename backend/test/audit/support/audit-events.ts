import { randomBytes } from 'node:crypto';
import type { NewAuditEvent } from '../../../src/audit/audit-event.js';

/** A fresh organization id: suites share one database per store, tests never share a tenant. */
export function newOrganizationId(): string {
  return `org_${randomBytes(8).toString('hex')}`;
}

/** A complete admin-action event; `overrides` replace fields. */
export function adminEvent(overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    occurredAt: new Date('2026-03-01T10:00:00.000Z'),
    organizationId: 'org_default',
    source: 'admin',
    actor: { id: 'user_ada', email: 'ada@example.com', impersonator: null },
    action: 'member.role_changed',
    target: { type: 'membership', id: 'om_max', label: 'max@example.com' },
    outcome: 'succeeded',
    details: { before: { role: 'member' }, after: { role: 'admin' } },
    request: { requestId: 'req-1', clientIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' },
    ...overrides,
  };
}

/** `count` events one second apart, oldest first, starting at `start`. */
export function eventsOverTime(
  count: number,
  start: Date,
  make: (i: number, occurredAt: Date) => Partial<NewAuditEvent>,
): NewAuditEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const occurredAt = new Date(start.getTime() + i * 1_000);
    return adminEvent({ occurredAt, ...make(i, occurredAt) });
  });
}

/** Logs nothing (database warnings are asserted where they matter). */
export const quiet = (): void => undefined;
