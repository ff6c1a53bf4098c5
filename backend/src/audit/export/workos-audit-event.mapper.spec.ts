import type { AuditEvent } from '../audit-event.js';
import { toWorkosAuditEvent } from './workos-audit-event.mapper.js';

const roleChange: AuditEvent = {
  id: '5f0c8a4e-2d1b-4c1a-9e57-0a4b7f3c2d10',
  occurredAt: new Date('2026-11-29T10:00:00.000Z'),
  organizationId: 'org_1',
  source: 'admin',
  externalId: null,
  actor: { id: 'user_ada', email: 'ada@example.com', impersonator: null },
  action: 'member.role_changed',
  target: { type: 'membership', id: 'om_max', label: 'max@example.com' },
  outcome: 'succeeded',
  details: { before: { role: 'member' }, after: { role: 'admin' }, note: 'not sent' },
  request: { requestId: 'req-1', clientIp: '203.0.113.7', userAgent: 'Firefox/140' },
  completedAt: new Date('2026-11-29T10:00:01.000Z'),
};

describe('toWorkosAuditEvent', () => {
  it('maps an admin entry onto WorkOS Audit Logs fields, metadata as flat strings', () => {
    expect(toWorkosAuditEvent(roleChange)).toEqual({
      action: 'member.role_changed',
      occurredAt: roleChange.occurredAt,
      actor: {
        id: 'user_ada',
        type: 'user',
        name: 'ada@example.com',
        metadata: { email: 'ada@example.com' },
      },
      targets: [{ id: 'om_max', type: 'membership', name: 'max@example.com' }],
      context: { location: '203.0.113.7', userAgent: 'Firefox/140' },
      metadata: {
        gatehouse_event_id: roleChange.id,
        outcome: 'succeeded',
        request_id: 'req-1',
        before: '{"role":"member"}',
        after: '{"role":"admin"}',
      },
    });
  });

  it('fills required fields the entry lacks and keeps values within 500 characters', () => {
    const event = toWorkosAuditEvent({
      ...roleChange,
      actor: { id: null, email: null, impersonator: 'admin@example.com' },
      target: null,
      outcome: 'failed',
      details: { error: { message: 'x'.repeat(2_000) } },
      request: { requestId: null, clientIp: null, userAgent: null },
    });
    expect(event.actor).toEqual({
      id: 'unknown',
      type: 'user',
      metadata: { impersonator: 'admin@example.com' },
    });
    expect(event.targets).toEqual([]);
    expect(event.context).toEqual({ location: 'unknown' });
    expect(event.metadata?.['error']).toHaveLength(500);
    expect(String(event.metadata?.['error']).endsWith('…')).toBe(true);
    expect(Object.keys(event.metadata ?? {})).toEqual(['gatehouse_event_id', 'outcome', 'error']);
  });
});
