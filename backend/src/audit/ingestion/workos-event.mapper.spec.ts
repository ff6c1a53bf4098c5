import type { Event } from '@workos-inc/node';
import { auditEventOf, organizationNamedBy } from './workos-event.mapper.js';

const session = (overrides: Record<string, unknown> = {}) =>
  ({
    id: 'event_01',
    event: 'session.created',
    createdAt: '2026-03-01T10:00:00.000Z',
    context: { client_id: 'client_1' },
    data: {
      object: 'session',
      id: 'session_01',
      userId: 'user_max',
      organizationId: 'org_a',
      ipAddress: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      authMethod: 'impersonation',
      impersonator: { email: 'ada@example.com', reason: 'ticket 42' },
      status: 'active',
      expiresAt: '2026-03-01T11:00:00.000Z',
      endedAt: null,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      ...overrides,
    },
  }) as unknown as Event;

const signIn = (data: Record<string, unknown>) =>
  ({
    id: 'event_02',
    event: 'authentication.sso_failed',
    createdAt: '2026-03-01T10:00:00.000Z',
    context: undefined,
    data: {
      type: 'sso',
      status: 'failed',
      ipAddress: null,
      userAgent: null,
      userId: null,
      email: null,
      ...data,
    },
  }) as unknown as Event;

describe('auditEventOf', () => {
  it('records an impersonated session with the impersonator and the reason', () => {
    expect(auditEventOf(session(), 'org_a')).toEqual({
      occurredAt: new Date('2026-03-01T10:00:00.000Z'),
      organizationId: 'org_a',
      source: 'workos',
      externalId: 'event_01',
      actor: { id: 'user_max', email: null, impersonator: 'ada@example.com' },
      action: 'session.created',
      target: { type: 'session', id: 'session_01', label: null },
      outcome: 'succeeded',
      details: {
        workosEvent: 'session.created',
        authMethod: 'impersonation',
        status: 'active',
        expiresAt: '2026-03-01T11:00:00.000Z',
        endedAt: null,
        impersonationReason: 'ticket 42',
      },
      request: { requestId: null, clientIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
    });
  });

  it('keeps only printable text and real IP addresses from the event', () => {
    const entry = auditEventOf(
      session({ ipAddress: 'not an ip', userAgent: 'evil\r\n=cmd', impersonator: undefined }),
      'org_a',
    );
    expect(entry?.request).toEqual({ requestId: null, clientIp: null, userAgent: 'evil=cmd' });
    expect(entry?.actor.impersonator).toBeNull();
    expect(entry?.details).not.toHaveProperty('impersonationReason');
  });

  it('records a failed sign-in of an unknown email without a target, with the error', () => {
    const entry = auditEventOf(
      signIn({
        email: 'who@example.com',
        error: { code: 'sso_failed', message: 'No.' },
        sso: { connectionId: 'conn_1', organizationId: 'org_b' },
      }),
      'org_b',
    );
    expect(entry).toMatchObject({
      actor: { id: null, email: 'who@example.com' },
      action: 'user.signed_in',
      target: null,
      outcome: 'failed',
      details: { method: 'sso', sso: { connectionId: 'conn_1' }, error: { code: 'sso_failed' } },
    });
  });

  it('ignores a type it does not record', () => {
    const other = { ...session(), event: 'user.created' } as unknown as Event;
    expect(auditEventOf(other, null)).toBeNull();
  });
});

describe('organizationNamedBy', () => {
  it("takes a session's organization, an SSO sign-in's, and none for a password sign-in", () => {
    expect(organizationNamedBy(session())).toBe('org_a');
    expect(organizationNamedBy(session({ organizationId: undefined }))).toBeNull();
    expect(
      organizationNamedBy(signIn({ sso: { connectionId: 'conn_1', organizationId: 'org_b' } })),
    ).toBe('org_b');
    expect(
      organizationNamedBy({
        ...signIn({ type: 'password' }),
        event: 'authentication.password_failed',
      } as Event),
    ).toBeNull();
  });
});
