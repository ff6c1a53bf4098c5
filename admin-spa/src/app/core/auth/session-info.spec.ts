import { displayName, initials, parseInstant, parseSessionInfo } from './session-info';
import { sessionBody } from '../../../testing/session-fixtures';

describe('parseInstant', () => {
  it('reads ISO 8601 strings', () => {
    expect(parseInstant('2026-01-02T03:04:05.000Z')?.toISOString()).toBe(
      '2026-01-02T03:04:05.000Z',
    );
  });

  it('reads epoch milliseconds as a number or a digit string', () => {
    expect(parseInstant(1_767_323_045_000)?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(parseInstant('1767323045000')?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('returns null for anything else', () => {
    expect(parseInstant('next tuesday')).toBeNull();
    expect(parseInstant(Number.NaN)).toBeNull();
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant({})).toBeNull();
  });
});

describe('parseSessionInfo', () => {
  it('reads a full session', () => {
    const info = parseSessionInfo(sessionBody({ expiresAt: 1_767_323_045_000 }));
    expect(info).toMatchObject({
      user: { id: 'user_01ADA', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      organizationId: 'org_01ACME',
      role: 'member',
      roles: ['member'],
      permissions: ['widgets:read'],
    });
    expect(info?.user.profilePictureUrl).toBeNull();
    expect(info?.expiresAt?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(info?.idleExpiresAt).toBeInstanceOf(Date);
  });

  it('derives roles from role and role from roles when one is missing', () => {
    expect(parseSessionInfo(sessionBody({ roles: undefined }))?.roles).toEqual(['member']);
    expect(parseSessionInfo(sessionBody({ role: null, roles: ['admin'] }))?.role).toBe('admin');
  });

  it('drops non-string list entries and tolerates missing optional fields', () => {
    const info = parseSessionInfo({
      user: { id: 'u', email: 'e@x' },
      permissions: ['a', 3, null],
    });
    expect(info).toMatchObject({ organizationId: null, role: null, roles: [], permissions: ['a'] });
    expect(info?.expiresAt).toBeNull();
  });

  it('rejects bodies that are not a session', () => {
    expect(parseSessionInfo(null)).toBeNull();
    expect(parseSessionInfo({ error: 'unauthenticated' })).toBeNull();
    expect(parseSessionInfo({ user: { id: 'u' } })).toBeNull();
    expect(parseSessionInfo({ user: { email: 'e@x' } })).toBeNull();
  });
});

describe('displayName and initials', () => {
  const info = parseSessionInfo(sessionBody())!;

  it('use the first and last name', () => {
    expect(displayName(info.user)).toBe('Ada Lovelace');
    expect(initials(info.user)).toBe('AL');
  });

  it('fall back to the e-mail address', () => {
    const user = { ...info.user, firstName: null, lastName: null };
    expect(displayName(user)).toBe('ada@example.com');
    expect(initials(user)).toBe('A');
  });
});
