/** What feature modules need from auth: the decorators and the user type. */
export { CurrentUser } from './decorators/current-user.decorator.js';
export { Public } from './decorators/public.decorator.js';
export {
  AccessCombine,
  Permissions,
  Roles,
  type AccessCombination,
  type AccessRule,
} from './decorators/access.decorators.js';
export type { AuthenticatedUser, Impersonator } from './authenticated-user.js';
