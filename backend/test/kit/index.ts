/**
 * Gatehouse backend test kit: a WorkOS-shaped RS256 issuer with named bad tokens, an app builder
 * that replaces only the key source, supertest helpers and route listing. See docs/testing.md.
 */
export { createTestIssuer, TestIssuer, BAD_TOKEN_CODES } from './test-issuer.js';
export type { TestClaims, TokenOptions } from './test-issuer.js';
export { startJwksServer, type JwksMode, type JwksServer } from './jwks-server.js';
export {
  createTestApp,
  TEST_AUDIT_DISABLED,
  type Caller,
  type TestApp,
  type TestAppOptions,
} from './test-app.js';
export { TestKeySource } from './test-key-source.js';
export { BypassAuthGuard, TEST_USER_HEADER } from './bypass-auth.guard.js';
export { FakeClock } from './fake-clock.js';
export { LogCapture } from './log-capture.js';
export { expectAuthUnavailable, expectForbidden, expectUnauthorized } from './expectations.js';
export { listExpressPaths, listRoutes, type RouteInfo } from './routes.js';
