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

  it('reads the current organization, the memberships and the impersonator', () => {
    const info = parseSessionInfo(
      sessionBody({
        organizationId: 'org_01ACME',
        organization: { id: 'org_01ACME', name: 'Acme', role: 'member' },
        organizations: [
          { id: 'org_01ACME', name: 'Acme', role: 'member' },
          { id: 'org_01GLOBEX', name: 'Globex', role: 'admin' },
        ],
        impersonator: { email: 'sam@example.com', reason: 'Ticket 42' },
      }),
    );
    expect(info?.organization).toEqual({ id: 'org_01ACME', name: 'Acme', role: 'member' });
    expect(info?.organizations.map((organization) => organization.name)).toEqual([
      'Acme',
      'Globex',
    ]);
    expect(info?.impersonator).toEqual({ email: 'sam@example.com', reason: 'Ticket 42' });
  });

  it('reads a session of an older BFF (no organizations, no impersonator)', () => {
    const info = parseSessionInfo(sessionBody());
    expect(info).toMatchObject({
      organizationId: 'org_01ACME',
      organization: null,
      organizations: [],
      impersonator: null,
    });
  });

  it('finds the current organization among the memberships when only its id is sent', () => {
    const info = parseSessionInfo(
      sessionBody({
        organizationId: 'org_01GLOBEX',
        organizations: [
          { id: 'org_01ACME', name: 'Acme', role: 'member' },
          { id: 'org_01GLOBEX', name: 'Globex', role: 'admin' },
        ],
      }),
    );
    expect(info?.organization?.name).toBe('Globex');
  });

  it('skips malformed memberships, keeps the first of duplicates, labels nameless ones by id', () => {
    const info = parseSessionInfo(
      sessionBody({
        organizations: [
          { id: 'org_1', name: 'One', role: 'admin' },
          { id: 'org_1', name: 'Duplicate', role: 'member' },
          { id: 'org_2', role: 7 },
          { name: 'No id' },
          'org_3',
          null,
        ],
        impersonator: { reason: 'no e-mail' },
      }),
    );
    expect(info?.organizations).toEqual([
      { id: 'org_1', name: 'One', role: 'admin' },
      { id: 'org_2', name: 'org_2', role: null },
    ]);
    expect(info?.impersonator).toBeNull();
    expect(parseSessionInfo(sessionBody({ organizations: 'x', organization: 5 }))).toMatchObject({
      organization: null,
      organizations: [],
    });
  });

  it('reads an impersonation without a reason', () => {
    const info = parseSessionInfo(sessionBody({ impersonator: { email: 'sam@example.com' } }));
    expect(info?.impersonator).toEqual({ email: 'sam@example.com', reason: null });
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
