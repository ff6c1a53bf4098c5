import { userFromClaims } from './authenticated-user.js';

const base = { sub: 'user_1', sid: 'session_1', exp: 2_000_000_000 };

describe('userFromClaims', () => {
  it('maps WorkOS claims', () => {
    const user = userFromClaims(
      {
        ...base,
        org_id: 'org_1',
        role: 'admin',
        roles: ['member'],
        permissions: ['a:read'],
        entitlements: ['e'],
        feature_flags: ['f'],
        act: { sub: 'boss@example.com' },
        custom: 1,
      },
      'client_1',
    );
    expect(user).toEqual({
      id: 'user_1',
      sessionId: 'session_1',
      organizationId: 'org_1',
      role: 'admin',
      roles: ['admin', 'member'],
      permissions: ['a:read'],
      entitlements: ['e'],
      featureFlags: ['f'],
      impersonator: { subject: 'boss@example.com' },
      expiresAt: 2_000_000_000,
      claims: expect.objectContaining({ custom: 1, sub: 'user_1' }),
    });
  });

  it('returns a deeply frozen user (cached users are shared between requests)', () => {
    const user = userFromClaims({ ...base, roles: ['member'] }, 'client_1')!;
    expect(Object.isFrozen(user)).toBe(true);
    expect(Object.isFrozen(user.roles)).toBe(true);
    expect(Object.isFrozen(user.claims)).toBe(true);
  });

  it.each([
    ['no sub', { sid: 's', exp: 1 }],
    ['no sid', { sub: 'u', exp: 1 }],
    ['no exp', { sub: 'u', sid: 's' }],
    ['empty sub', { ...base, sub: '' }],
    ['roles not a list', { ...base, roles: 'admin' }],
    ['permissions with a number', { ...base, permissions: ['a', 1] }],
    ['act without sub', { ...base, act: {} }],
    ['aud of another client', { ...base, aud: 'client_2' }],
    ['aud list without this client', { ...base, aud: ['client_2', 'client_3'] }],
  ])('rejects claims with %s', (_name, claims) => {
    expect(userFromClaims(claims as Record<string, unknown>, 'client_1')).toBeNull();
  });

  it('accepts an aud naming this client, alone or in a list', () => {
    expect(userFromClaims({ ...base, aud: 'client_1' }, 'client_1')).not.toBeNull();
    expect(userFromClaims({ ...base, aud: ['x', 'client_1'] }, 'client_1')).not.toBeNull();
  });
});
