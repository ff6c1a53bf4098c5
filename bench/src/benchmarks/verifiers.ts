import {
  createBackendApp,
  JwtAuthGuard,
  loadBackendConfig,
  type BackendConfig,
} from '@gatehouse/backend';
// The class Nest itself builds for every guard call (GuardsConsumer); a hand-made stand-in breaks
// whenever the guard reads the context another way.
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import passport from 'passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

/** Verifies one token; rejects when the token is refused. */
export type Verify = (token: string) => Promise<void>;

/** A verifier and what must be closed after it. */
export interface Verifier {
  readonly verify: Verify;
  close(): Promise<void>;
}

/** Stand-ins for a guarded route's handler and controller: no `@Public()` metadata on either. */
function guardedRouteHandler(): void {}
class GuardedController {}

/**
 * Gatehouse's real verify path: the backend's Nest app (built from the package's `createBackendApp`
 * with its real `JwksKeySource` and the `JwtAuthGuard` over `TokenVerifier`: passport-jwt and the
 * verified-token cache) and the guard called the way Nest calls it for a guarded route. HTTP is
 * left out on purpose: this is the per-request verification cost only.
 *
 * @param verifiedTokenCacheSize 0 disables the cache: every call is a first verification.
 */
export async function gatehouseVerifier(
  env: { clientId: string; apiBaseUrl: string },
  verifiedTokenCacheSize: number | undefined,
): Promise<Verifier> {
  const base = loadBackendConfig({
    WORKOS_CLIENT_ID: env.clientId,
    WORKOS_API_BASE_URL: env.apiBaseUrl,
  });
  const config: BackendConfig =
    verifiedTokenCacheSize === undefined ? base : { ...base, verifiedTokenCacheSize };
  const app = await createBackendApp({ config, logLevel: 'silent' });
  const guard = app.get(JwtAuthGuard);
  const response = { setHeader: () => undefined };
  return {
    async verify(token) {
      const request: { headers: Record<string, string>; user?: unknown } = {
        headers: { authorization: `Bearer ${token}` },
      };
      const context = new ExecutionContextHost(
        [request, response, () => undefined],
        GuardedController,
        guardedRouteHandler,
      );
      await guard.canActivate(context);
      if (request.user === undefined)
        throw new Error('the guard let a request through without a user');
    },
    close: () => app.close(),
  };
}

/** The seed document's path: jose `createRemoteJWKSet` + `jwtVerify(token, jwks)`, exactly as written there. */
export async function joseVerifier(jwksUrl: string): Promise<Verifier> {
  // Loaded here rather than imported at the top: jwks-rsa (CommonJS) require()s jose, and a static
  // ESM import of jose in the same graph breaks under Jest ("Cannot require() ES Module ... in a cycle").
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, jwks);
      if (typeof payload.sub !== 'string') throw new Error('no subject');
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The usual NestJS wiring from the jwks-rsa README: passport-jwt with
 * `secretOrKeyProvider: passportJwtSecret({ jwksUri, cache: true, rateLimit: true })`. Its cache
 * hands passport-jwt a PEM string, which jsonwebtoken parses into a key on every verification.
 */
export async function jwksRsaPassportVerifier(jwksUrl: string, issuer: string): Promise<Verifier> {
  const { passportJwtSecret } = (await import('jwks-rsa')).default;
  const instance = new passport.Passport();
  instance.use(
    'jwt',
    new Strategy(
      {
        secretOrKeyProvider: passportJwtSecret({
          jwksUri: jwksUrl,
          cache: true,
          rateLimit: true,
          jwksRequestsPerMinute: 10,
        }),
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        issuer,
        algorithms: ['RS256'],
      },
      (payload: { sub?: unknown }, done: (error: unknown, user?: unknown) => void) =>
        done(null, payload.sub),
    ),
  );
  return {
    verify: (token) =>
      new Promise<void>((resolve, reject) => {
        const request = { headers: { authorization: `Bearer ${token}` } };
        const authenticate = instance.authenticate(
          'jwt',
          { session: false },
          (error: unknown, user: unknown) => {
            if (error) reject(error instanceof Error ? error : new Error('passport-jwt failed'));
            else if (!user) reject(new Error('token refused'));
            else resolve();
          },
        ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
        authenticate(request, {}, (error) =>
          reject(error instanceof Error ? error : new Error('token refused')),
        );
      }),
    close: () => Promise.resolve(),
  };
}

/** Verifications per second of `iterations` sequential calls cycling through `tokens`. */
export async function verificationsPerSecond(
  verify: Verify,
  tokens: readonly string[],
  iterations: number,
): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) await verify(tokens[i % tokens.length] as string);
  return iterations / ((performance.now() - start) / 1000);
}
