import { HttpStatus } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/index.js';
import { ApiError } from '../http/index.js';

/**
 * The organization every admin action is confined to: the verified token's `org_id`, never a
 * request parameter. A token without one (a session not scoped to an organization) gets 403.
 */
export function organizationOf(user: AuthenticatedUser): string {
  if (user.organizationId === null) {
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'organization_required',
      'This action needs a session in an organization; choose an organization first.',
    );
  }
  return user.organizationId;
}
