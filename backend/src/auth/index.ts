/**
 * The auth module's public entry: what feature modules and controllers use (decorators, the user
 * type, the verifier's key status). Everything else under `auth/` is internal.
 */
export { AuthModule } from './auth.module.js';
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
export type { KeySourceStatus } from './key-source.js';
export { TokenVerifier, type VerifiedTokenObserver } from './token-verifier.js';
export type { VerificationResult } from './verification-result.js';
