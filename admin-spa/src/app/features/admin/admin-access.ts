import type { AccessRule } from '../../core/auth/auth-guard';

/** Who may open the Administration page: mirrors the backend's rule for `GET /admin/overview`. */
export const ADMIN_ACCESS: AccessRule = {
  roles: ['admin'],
  permissions: ['admin:read', 'admin:manage'],
};
