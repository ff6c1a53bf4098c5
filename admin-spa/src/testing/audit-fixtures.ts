import type { AuditEvent } from '../app/features/audit/audit.api';

/** An audit event as `GET /api/audit` lists it: Ada made Max an admin (override any field). */
export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: '0b7c1f5e-6a0e-4f4e-9c39-0a4b1f7d2c11',
    occurredAt: '2026-03-01T10:00:00.000Z',
    organizationId: 'org_01ACME',
    source: 'admin',
    actor: { id: 'user_01ADA', email: null, impersonator: null },
    action: 'member.role_changed',
    target: { type: 'membership', id: 'om_01MAX', label: 'max@example.com' },
    outcome: 'succeeded',
    details: { before: { roleSlugs: ['member'] }, after: { roleSlugs: ['admin'] } },
    request: { requestId: 'req-42', clientIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11)' },
    completedAt: '2026-03-01T10:00:00.200Z',
    ...overrides,
  };
}
