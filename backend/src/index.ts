/**
 * Public API of `@gatehouse/backend`.
 *
 * Run the real backend in-process: `const b = await startBackend({ port: 0, env: { WORKOS_CLIENT_ID,
 * WORKOS_API_BASE_URL } }); ... await b.close();`
 */
import 'reflect-metadata';

export { AppModule, type AppModuleOptions } from './app.module.js';
export {
  createBackendApp,
  startBackend,
  type BackendOptions,
  type RunningBackend,
  type StartBackendOptions,
} from './bootstrap/start-backend.js';
export { configureApp } from './bootstrap/configure-app.js';
export {
  BackendConfigError,
  DEFAULT_JWKS_SETTINGS,
  DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  backendEnvSchema,
  loadBackendConfig,
  loadRuntimeOptions,
  loadStartupSettings,
  type BackendConfig,
  type ConfigProblem,
  type RuntimeOptions,
  type BackendEnv,
  type JwksSettings,
} from './config/backend-config.js';
export { BACKEND_CONFIG } from './config/config.tokens.js';
export * from './auth/index.js';
export {
  AUTH_ERROR_CODES,
  AuthHttpException,
  AuthUnavailableException,
  InsufficientScopeException,
  InvalidTokenException,
  type AuthErrorBody,
  type AuthErrorCode,
  type VerificationFailure,
} from './auth/auth-error.js';
export { userFromClaims } from './auth/authenticated-user.js';
export { CLOCK, systemClock, type Clock } from './clock.js';
export {
  KeyLookupError,
  KeySource,
  type KeyLookupFailure,
  type KeysRetiredListener,
} from './auth/key-source.js';
export { JwksKeySource } from './auth/jwks-key-source.js';
export { JwtAuthGuard } from './auth/jwt-auth.guard.js';
export { AuthorizationGuard } from './auth/authorization.guard.js';
export { IS_PUBLIC_KEY } from './auth/decorators/public.decorator.js';
export { PUBLIC_ROUTES, PUBLIC_MOUNTS } from './auth/public-routes.js';
export { AppLogger, type LoggingOptions } from './logging/app-logger.js';
export { AuditDatabase } from './audit/database/audit-database.js';
export { AuditEventRepository } from './audit/database/audit-event.repository.js';
export { GroupedWrites } from './audit/recording/grouped-writes.js';
export { MAX_GROUPED_BEGINS } from './audit/recording/audit-trail.service.js';
export type { AuditEvent, AuditEventFilter, NewAuditEvent } from './audit/audit-event.js';
