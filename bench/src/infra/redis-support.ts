import { spawnSync } from 'node:child_process';

import { ConfigError, loadConfig } from '@gatehouse/bff';

/** Why the Redis half of a benchmark cannot run, or undefined when it can. */
export function redisUnavailableReason(): string | undefined {
  try {
    loadConfig({
      WORKOS_CLIENT_ID: 'client_probe',
      WORKOS_API_KEY: 'sk_probe',
      WORKOS_COOKIE_PASSWORD: 'probe-password-probe-password-probe',
      PUBLIC_URL: 'http://127.0.0.1:3000',
      BACKEND_URL: 'http://127.0.0.1:3001',
      SESSION_STORE: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  } catch (error) {
    if (error instanceof ConfigError) return 'Redis store not available yet';
    throw error;
  }
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'redis-server is not installed';
  return undefined;
}
