import { OAuthError } from '../http/errors.js';
import type { Directory } from '../seed/directory.js';
import type { SeedUser } from '../seed/seed.types.js';
import type { SessionRecord } from '../sessions/session.store.js';
import { stableId } from '../util/ids.js';
import { organizationCreatedAt } from '../organizations/organization.wire.js';

/**
 * Whether a refresh may mint tokens for `organizationId`, as production decides it: the organization must exist
 * (`organization_not_found`), the user must hold an active membership there (`organization_membership_not_found`,
 * also after the membership was deleted or deactivated), and an organization that enforces SSO or MFA
 * (`SeedOrganization.requires`) needs a sign-in to it (`sso_required` with the connection and email,
 * `mfa_enrollment`) unless this session signed in there. Throws the OAuth-shaped 400 production sends.
 */
export function checkOrganizationAccess(
  directory: Directory,
  session: SessionRecord,
  user: SeedUser,
  organizationId: string,
): void {
  const org = directory.organization(organizationId);
  if (org === undefined) {
    throw new OAuthError('organization_not_found', `Organization ${organizationId} not found.`);
  }
  if (directory.roleOf(user.id, organizationId) === undefined) {
    throw new OAuthError(
      'organization_membership_not_found',
      `The user is not a member of the organization ${organizationId}.`,
    );
  }
  if (org.requires === undefined || session.verifiedOrganizationId === organizationId) return;
  if (org.requires === 'sso') {
    throw new OAuthError(
      'sso_required',
      'User must authenticate using one of the matching connections.',
      {
        email: user.email,
        connection_ids: [stableId('conn', organizationCreatedAt(org), org.id)],
      },
    );
  }
  throw new OAuthError(
    'mfa_enrollment',
    'The user must enroll in multi-factor authentication to access this organization.',
  );
}
