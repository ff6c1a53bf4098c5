import { userFromClaims, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { MeResponse } from './admin.dto.js';

const claims = {
  sub: 'user_1',
  sid: 'session_1',
  exp: 2_000_000_000,
  org_id: 'org_1',
  role: 'admin',
  roles: ['member'],
  permissions: ['a:read'],
  act: { sub: 'boss@example.com' },
};

const verifiedUser = (overrides: Record<string, unknown> = {}): AuthenticatedUser => {
  const user = userFromClaims({ ...claims, ...overrides }, 'client_1');
  if (!user) throw new Error('invalid test claims');
  return user;
};

describe('MeResponse.from', () => {
  it('projects the verified user', () => {
    expect(MeResponse.from(verifiedUser())).toEqual({
      id: 'user_1',
      sessionId: 'session_1',
      organizationId: 'org_1',
      role: 'admin',
      roles: ['admin', 'member'],
      permissions: ['a:read'],
      entitlements: [],
      featureFlags: [],
      impersonatedBy: 'boss@example.com',
      expiresAt: new Date(2_000_000_000 * 1000).toISOString(),
    });
  });
});
