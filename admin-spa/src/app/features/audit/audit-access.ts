import type { AccessRule } from '../../core/auth/auth-guard';

/** Who may open the Audit page: the backend's rule for every `/audit` route. */
export const AUDIT_ACCESS: AccessRule = { permissions: ['audit:read'] };
