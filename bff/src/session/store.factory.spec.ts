import { loadConfig } from '../config/config.schema.js';
import { refreshLockMaxHoldMs } from './store.factory.js';

const base = {
  WORKOS_CLIENT_ID: 'client_123',
  WORKOS_API_KEY: 'sk_test_123',
  WORKOS_COOKIE_PASSWORD: 'x'.repeat(32),
  PUBLIC_URL: 'http://localhost:4200',
  BACKEND_URL: 'http://127.0.0.1:3001',
};

describe('refreshLockMaxHoldMs', () => {
  it('covers every attempt timing out, the longest Retry-After before each retry, and the Redis calls', () => {
    // Defaults: 3 attempts of 10 s, two 60 s Retry-After sleeps, 20 Redis calls of 1 s.
    expect(refreshLockMaxHoldMs(loadConfig(base))).toBe(3 * 10_000 + 2 * 60_000 + 20 * 1000);
    // Far longer than the fixed 15 s a lock used to last.
    expect(refreshLockMaxHoldMs(loadConfig(base))).toBeGreaterThan(15_000);
  });

  it('follows the configuration', () => {
    const config = loadConfig({
      ...base,
      WORKOS_TIMEOUT_MS: '1500',
      WORKOS_MAX_RETRIES: '0',
      REDIS_COMMAND_TIMEOUT_MS: '100',
    });
    expect(refreshLockMaxHoldMs(config)).toBe(1500 + 20 * 100);
  });
});
