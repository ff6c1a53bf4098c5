import { parseAdminMe } from './admin-me';

describe('parseAdminMe', () => {
  it('reads what the backend verified', () => {
    const me = parseAdminMe({
      id: 'user_1',
      sessionId: 'session_1',
      organizationId: 'org_1',
      role: 'admin',
      roles: ['admin'],
      permissions: ['admin:read'],
      entitlements: [],
      impersonatedBy: null,
      expiresAt: '2026-01-02T03:04:05.000Z',
    });
    expect(me).toEqual({
      id: 'user_1',
      sessionId: 'session_1',
      organizationId: 'org_1',
      role: 'admin',
      roles: ['admin'],
      permissions: ['admin:read'],
      impersonatedBy: null,
      expiresAt: new Date('2026-01-02T03:04:05.000Z'),
    });
  });

  it.each([null, 'text', {}, { id: 'user_1' }, { sessionId: 's' }])('rejects %p', (body) => {
    expect(() => parseAdminMe(body)).toThrow('Unexpected /api/admin/me answer');
  });
});
