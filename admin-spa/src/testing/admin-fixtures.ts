import type { Invitation } from '../app/features/members/invitations.api';
import type { Member, Role } from '../app/features/members/members.api';
import type { UserSession } from '../app/features/sessions/sessions.api';

/** A member as `GET /api/members` lists them (override any field). */
export function member(overrides: Partial<Member> = {}): Member {
  return {
    id: 'om_01MAX',
    userId: 'user_01MAX',
    email: 'max@example.com',
    name: 'Max Member',
    roleSlug: 'member',
    roleSlugs: ['member'],
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSignInAt: '2026-02-01T09:00:00.000Z',
    isCurrentUser: false,
    ...overrides,
  };
}

/** Ada, the signed-in admin, as a member. */
export const ADA_MEMBER = member({
  id: 'om_01ADA',
  userId: 'user_01ADA',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  roleSlug: 'admin',
  roleSlugs: ['admin'],
  isCurrentUser: true,
});

/** A page of a cursor-paged list. */
export function page<T>(
  data: T[],
  listMetadata: { before: string | null; after: string | null } = { before: null, after: null },
): { data: T[]; listMetadata: { before: string | null; after: string | null } } {
  return { data, listMetadata };
}

/** The roles of the emulator's default seed. */
export const ROLES: { data: Role[] } = {
  data: [
    {
      slug: 'admin',
      name: 'Admin',
      description: 'Manages members, invitations and sessions.',
      permissions: ['users:read', 'users:write'],
      type: 'environment',
    },
    {
      slug: 'member',
      name: 'Member',
      description: 'Reads the directory.',
      permissions: ['users:read'],
      type: 'environment',
    },
  ],
};

/** An invitation as `GET /api/invitations` lists it. */
export function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: 'invitation_01NEW',
    email: 'new@example.com',
    state: 'pending',
    roleSlug: 'member',
    createdAt: '2026-02-01T00:00:00.000Z',
    expiresAt: '2026-02-08T00:00:00.000Z',
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
    inviterUserId: 'user_01ADA',
    ...overrides,
  };
}

/** A WorkOS session as `GET /api/me/sessions` lists it. */
export function userSession(overrides: Partial<UserSession> = {}): UserSession {
  return {
    id: 'session_01THIS',
    userId: 'user_01ADA',
    organizationId: 'org_01ACME',
    current: true,
    authMethod: 'password',
    impersonatorEmail: null,
    ipAddress: '127.0.0.1',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    createdAt: '2026-02-01T09:00:00.000Z',
    lastActiveAt: '2026-02-01T09:30:00.000Z',
    expiresAt: '2026-02-02T09:00:00.000Z',
    ...overrides,
  };
}

/** The admin session body used by the administration page tests. */
export const ADMIN_PERMISSIONS = [
  'users:read',
  'users:write',
  'sessions:read',
  'sessions:revoke',
  'audit:read',
] as const;
