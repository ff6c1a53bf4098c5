import type { OrganizationMembership } from '@workos-inc/node';
import { ApiError } from '../http/index.js';
import {
  isActiveAdmin,
  lastAdminConflict,
  refuseSelfRemoval,
  wouldLoseAdmin,
} from './member-guard-rails.js';

const membership = (overrides: Partial<OrganizationMembership> = {}): OrganizationMembership => ({
  object: 'organization_membership',
  id: 'om_1',
  organizationId: 'org_1',
  organizationName: 'Org',
  userId: 'user_1',
  status: 'active',
  role: { slug: 'admin' },
  directoryManaged: false,
  customAttributes: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const admins = new Set(['admin', 'owner']);

const thrown = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a throw');
};

describe('member guard rails', () => {
  it('counts an active membership with any admin role (primary or additional) as an admin', () => {
    expect(isActiveAdmin(membership(), admins)).toBe(true);
    expect(
      isActiveAdmin(
        membership({ role: { slug: 'member' }, roles: [{ slug: 'member' }, { slug: 'owner' }] }),
        admins,
      ),
    ).toBe(true);
    expect(isActiveAdmin(membership({ role: { slug: 'member' } }), admins)).toBe(false);
    expect(isActiveAdmin(membership({ status: 'inactive' }), admins)).toBe(false);
    expect(isActiveAdmin(membership({ status: 'pending' }), admins)).toBe(false);
  });

  it('sees a demotion only when an admin gets a role without member management', () => {
    expect(wouldLoseAdmin(membership(), 'member', admins)).toBe(true);
    expect(wouldLoseAdmin(membership(), 'owner', admins)).toBe(false);
    expect(wouldLoseAdmin(membership({ role: { slug: 'member' } }), 'viewer', admins)).toBe(false);
  });

  it('refuses self-removal with 409 cannot_remove_self', () => {
    expect(() => refuseSelfRemoval(membership({ userId: 'user_2' }), 'user_1')).not.toThrow();
    expect(thrown(() => refuseSelfRemoval(membership(), 'user_1')).body).toMatchObject({
      statusCode: 409,
      code: 'cannot_remove_self',
    });
  });

  it('explains the last-admin refusal for both actions', () => {
    expect(thrown(() => lastAdminConflict('remove')).body).toMatchObject({
      statusCode: 409,
      code: 'last_admin',
      message: expect.stringContaining('cannot be removed'),
    });
    expect(thrown(() => lastAdminConflict('demote')).body.message).toContain(
      'must keep an admin role',
    );
  });
});
