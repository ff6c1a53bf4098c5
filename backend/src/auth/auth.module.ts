import { Global, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthExceptionFilter } from './auth-exception.filter.js';
import { AuthorizationGuard } from './authorization.guard.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { JwksKeySource } from './jwks-key-source.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { KeySource } from './key-source.js';
import { RouteAccessReader } from './route-access.reader.js';
import { TokenVerifier } from './token-verifier.js';

const providers: Provider[] = [
  // Built once per app: the key cache lives as long as the app. Tests replace only this provider.
  { provide: KeySource, useClass: JwksKeySource },
  ClientIdDriftWarner,
  TokenVerifier,
  RouteAccessReader,
  JwtAuthGuard,
  AuthorizationGuard,
  // Order matters: authentication first, then roles/permissions.
  { provide: APP_GUARD, useExisting: JwtAuthGuard },
  { provide: APP_GUARD, useExisting: AuthorizationGuard },
  { provide: APP_FILTER, useClass: AuthExceptionFilter },
];

/**
 * Token verification and the global guards (imported once, by AppModule). This is the only module
 * that knows about tokens; feature modules use `@CurrentUser`, `@Public`, `@Roles`, `@Permissions`.
 * Needs `BACKEND_CONFIG` from a global module.
 */
@Global()
@Module({ providers, exports: [TokenVerifier] })
export class AuthModule {}
