import type { Seed } from './seed.types.js';

/** Client id of the default seed (what `npm start` and the dev stack use). */
export const DEFAULT_CLIENT_ID = 'client_gatehouse_dev';
/** API key of the default seed's client. A published test value, not a secret. */
export const DEFAULT_API_KEY = 'sk_test_gatehouse_emulator_not_a_secret';

/** Example Corp, where Ada (admin) and Max (member) work. */
export const EXAMPLE_CORP_ID = 'org_01JEXAMPLECORP0000000000';
/** Globex, the second organization of Grace. */
export const GLOBEX_ID = 'org_01JGLOBEX000000000000000';

/** A seeded user as documented for humans and tests. */
export interface SeededUserInfo {
  id: string;
  email: string;
  password: string;
  name: string;
  /** Organization id → role slug. */
  roles: Record<string, string>;
}

/** Ada Admin: `admin` at Example Corp. */
export const ADA: SeededUserInfo = {
  id: 'user_01JADAADMIN0000000000000',
  email: 'ada@example.com',
  password: 'ada-password-1',
  name: 'Ada Admin',
  roles: { [EXAMPLE_CORP_ID]: 'admin' },
};
/** Max Member: `member` at Example Corp. */
export const MAX: SeededUserInfo = {
  id: 'user_01JMAXMEMBER000000000000',
  email: 'max@example.com',
  password: 'max-password-1',
  name: 'Max Member',
  roles: { [EXAMPLE_CORP_ID]: 'member' },
};
/** Grace Multi: `member` at Example Corp and `admin` at Globex (gets the organization choice). */
export const GRACE: SeededUserInfo = {
  id: 'user_01JGRACEMULTI00000000000',
  email: 'grace@example.com',
  password: 'grace-password-1',
  name: 'Grace Multi',
  roles: { [EXAMPLE_CORP_ID]: 'member', [GLOBEX_ID]: 'admin' },
};

/** The default seed's users, for tests and docs. */
export const seededUsers: readonly SeededUserInfo[] = [ADA, MAX, GRACE];

/** Sam Support: a WorkOS dashboard member (not a user of the app) who may start an impersonated sign-in. */
export const SAM = { email: 'sam@example.com', name: 'Sam Support' } as const;

function splitName(name: string): { firstName: string; lastName: string } {
  const [firstName = name, lastName = ''] = name.split(' ');
  return { firstName, lastName };
}

/**
 * Returns a fresh copy of the default seed: client `client_gatehouse_dev` (redirect URI
 * `http://localhost:3000/auth/callback`, logout return URI `http://localhost:3000/signed-out`), Example Corp
 * (`example.com`) and Globex (`globex.com`), roles `admin` and `member`, the users {@link ADA}, {@link MAX} and
 * {@link GRACE}, and the impersonator {@link SAM}.
 */
export function defaultSeed(): Seed {
  return {
    clients: [
      {
        id: DEFAULT_CLIENT_ID,
        apiKey: DEFAULT_API_KEY,
        name: 'Gatehouse (development)',
        redirectUris: ['http://localhost:3000/auth/callback'],
        logoutReturnUris: ['http://localhost:3000/signed-out'],
      },
    ],
    roles: [
      {
        slug: 'admin',
        name: 'Admin',
        description: 'Manages members, invitations and sessions of the organization.',
        permissions: [
          'users:read',
          'users:write',
          'sessions:read',
          'sessions:revoke',
          'audit:read',
        ],
      },
      {
        slug: 'member',
        name: 'Member',
        description: 'Reads the organization directory.',
        permissions: ['users:read'],
      },
    ],
    organizations: [
      {
        id: EXAMPLE_CORP_ID,
        name: 'Example Corp',
        entitlements: ['audit-logs'],
        featureFlags: ['new-dashboard'],
        domains: ['example.com'],
      },
      {
        id: GLOBEX_ID,
        name: 'Globex',
        entitlements: [],
        featureFlags: [],
        domains: ['globex.com'],
      },
    ],
    users: seededUsers.map((u) => ({
      id: u.id,
      email: u.email,
      password: u.password,
      ...splitName(u.name),
      emailVerified: true,
      memberships: Object.entries(u.roles).map(([organizationId, role]) => ({
        organizationId,
        role,
      })),
    })),
    impersonators: [{ ...SAM }],
  };
}
