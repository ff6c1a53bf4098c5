import type { AccessRule } from '../../core/auth/auth-guard';

/** Who may open Members: the backend's rule for `GET /members`. */
export const MEMBERS_ACCESS: AccessRule = { permissions: ['users:read'] };

/** Who may invite, change roles and remove members: the backend's rule for those routes. */
export const MEMBERS_WRITE_ACCESS: AccessRule = { permissions: ['users:write'] };

/** Who may open a member's sessions: the backend's rule for `GET /members/:id/sessions`. */
export const MEMBER_SESSIONS_ACCESS: AccessRule = { permissions: ['sessions:read'] };

/** Who may sign a member's session out. */
export const MEMBER_SESSIONS_REVOKE_ACCESS: AccessRule = { permissions: ['sessions:revoke'] };
