import { type BffConfig, loadConfig } from '../../src/index.js';

export const TEST_PUBLIC_URL = 'http://localhost:4300';
export const TEST_COOKIE_PASSWORD = 'test-cookie-password-at-least-32-chars!!';

/** A validated test configuration (memory store, no WorkOS retries); `env` overrides any variable. */
export function testConfig(env: Record<string, string> = {}): BffConfig {
  return loadConfig({
    NODE_ENV: 'test',
    WORKOS_CLIENT_ID: 'client_test',
    WORKOS_API_KEY: 'sk_test_key',
    WORKOS_COOKIE_PASSWORD: TEST_COOKIE_PASSWORD,
    WORKOS_API_BASE_URL: 'http://127.0.0.1:9',
    WORKOS_MAX_RETRIES: '0',
    WORKOS_TIMEOUT_MS: '2000',
    PUBLIC_URL: TEST_PUBLIC_URL,
    BACKEND_URL: 'http://127.0.0.1:9',
    SESSION_STORE: 'memory',
    SPA_DIST_DIR: '/nonexistent-spa-dist',
    LOG_LEVEL: 'info',
    ...env,
  });
}
