import type { ModuleMetadata, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { LevelWithSilent } from 'pino';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { DEFAULT_DENIAL_SETTINGS, type AuditConfig } from '../../src/audit/audit.config.js';
import { AUDIT_CONFIG } from '../../src/audit/audit.tokens.js';
import { userFromClaims } from '../../src/auth/authenticated-user.js';
import { JwtAuthGuard } from '../../src/auth/jwt-auth.guard.js';
import { KeySource } from '../../src/auth/key-source.js';
import { configureApp } from '../../src/bootstrap/configure-app.js';
import { CLOCK } from '../../src/clock.js';
import type { BackendConfig } from '../../src/config/backend-config.js';
import { AppLogger } from '../../src/logging/app-logger.js';
import type { WorkosAdminConfig } from '../../src/workos/workos-admin.config.js';
import { BypassAuthGuard, TEST_USER_HEADER } from './bypass-auth.guard.js';
import type { FakeClock } from './fake-clock.js';
import type { LogCapture } from './log-capture.js';
import type { TestClaims, TestIssuer } from './test-issuer.js';
import { TestKeySource } from './test-key-source.js';

/** Options of {@link createTestApp}. */
export interface TestAppOptions {
  /** The issuer whose tokens the app trusts. */
  readonly issuer: TestIssuer;
  /**
   * `issuer` (default): only the key source is replaced, by the issuer's in-memory keys; the real
   * guard, strategy, decorators and filters run. `jwks`: nothing is replaced, the real
   * JwksKeySource fetches the issuer's JWKS over HTTP. `bypass`: JwtAuthGuard is replaced by a
   * guard that takes the user from `as(claims)`, for pure controller tests.
   */
  readonly mode?: 'issuer' | 'jwks' | 'bypass';
  /** Configuration changes (e.g. `jwks: { timeoutMs: 300, ... }`). */
  readonly config?: Partial<BackendConfig>;
  /** WorkOS management API of the admin routes (e.g. an emulator's URL and key); default none. */
  readonly workosAdmin?: WorkosAdminConfig;
  /** Replace the clock (see FakeClock). */
  readonly clock?: FakeClock;
  /** Capture logs (default: silent). */
  readonly logs?: LogCapture;
  readonly logLevel?: LevelWithSilent;
  /** Extra modules (e.g. a fixture feature module under test). */
  readonly imports?: ModuleMetadata['imports'];
  /** Extra controllers mounted next to AppModule's. */
  readonly controllers?: Type<unknown>[];
  /**
   * The audit trail's configuration; default {@link TEST_AUDIT_DISABLED}: no database (PGlite takes
   * seconds to initialise), admin actions answer 503 `audit_unavailable`. Audit suites pass a store.
   */
  readonly audit?: AuditConfig;
}

/** Test apps without an audit database (see {@link TestAppOptions.audit}). */
export const TEST_AUDIT_DISABLED: AuditConfig = {
  store: { kind: 'disabled', reason: 'test app without an audit store' },
  migrateOnStart: true,
  retentionDays: 365,
  denials: DEFAULT_DENIAL_SETTINGS,
};

/** A request builder bound to one caller. */
export interface Caller {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

/** A running app under test, listening on 127.0.0.1 with a random port. */
export interface TestApp {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly config: BackendConfig;
  readonly issuer: TestIssuer;
  /** Anonymous requests. */
  readonly http: Caller;
  /**
   * Requests as a user: `claims` become a real signed token (or, in bypass mode, the user), a
   * string is sent as the bearer token as-is.
   */
  as(claimsOrToken?: TestClaims | string): Caller;
  close(): Promise<void>;
}

function caller(url: string, headers: Record<string, string>): Caller {
  const agent = request(url);
  const withHeaders = (test: request.Test) => test.set(headers);
  return {
    get: (path) => withHeaders(agent.get(path)),
    post: (path) => withHeaders(agent.post(path)),
    put: (path) => withHeaders(agent.put(path)),
    patch: (path) => withHeaders(agent.patch(path)),
    delete: (path) => withHeaders(agent.delete(path)),
  };
}

/**
 * Builds the real AppModule through `Test.createTestingModule`, replacing only what `mode` says,
 * runs the same HTTP setup as production (`configureApp`) and listens on 127.0.0.1:0.
 */
export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  const { issuer } = options;
  const mode = options.mode ?? 'issuer';
  const config = issuer.backendConfig(options.config);
  const logger = new AppLogger({
    level: options.logLevel ?? (options.logs ? 'debug' : 'silent'),
    stream: options.logs?.stream,
  });

  let builder = Test.createTestingModule({
    imports: [
      AppModule.forRoot({ config, logger, workosAdmin: options.workosAdmin }),
      ...(options.imports ?? []),
    ],
    controllers: options.controllers ?? [],
  });
  if (mode !== 'jwks')
    builder = builder.overrideProvider(KeySource).useValue(new TestKeySource(issuer));
  if (mode === 'bypass') {
    builder = builder.overrideProvider(JwtAuthGuard).useFactory({
      factory: (reflector: Reflector) => new BypassAuthGuard(reflector),
      inject: [Reflector],
    });
  }
  if (options.clock) builder = builder.overrideProvider(CLOCK).useValue(options.clock.now);
  builder = builder.overrideProvider(AUDIT_CONFIG).useValue(options.audit ?? TEST_AUDIT_DISABLED);

  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  configureApp(app, logger);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    app,
    url,
    config,
    issuer,
    http: caller(url, {}),
    as(claimsOrToken) {
      if (typeof claimsOrToken === 'string') {
        return caller(url, { authorization: `Bearer ${claimsOrToken}` });
      }
      if (mode === 'bypass') {
        const user = userFromClaims(
          { ...issuer.defaultClaims(), ...claimsOrToken },
          config.workosClientId,
        );
        if (!user) throw new Error('as(): these claims do not make a valid user');
        const encoded = Buffer.from(JSON.stringify(user)).toString('base64url');
        return caller(url, { [TEST_USER_HEADER]: encoded });
      }
      return caller(url, { authorization: `Bearer ${issuer.token(claimsOrToken)}` });
    },
    close: () => app.close(),
  };
}
