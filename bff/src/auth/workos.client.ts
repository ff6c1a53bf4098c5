import { WorkOS } from '@workos-inc/node';

import type { BffConfig } from '../config/config.schema.js';

/**
 * The one WorkOS SDK instance of the process (the SDK memoises its JWKS per instance). The SDK has
 * no base-URL option and reads no host variable, so `WORKOS_API_BASE_URL` is mapped onto
 * `apiHostname` / `https` / `port` here.
 */
export function createWorkOS(config: BffConfig): WorkOS {
  const base = new URL(config.workos.apiBaseUrl);
  return new WorkOS(config.workos.apiKey, {
    clientId: config.workos.clientId,
    apiHostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    https: base.protocol === 'https:',
    ...(base.port ? { port: Number(base.port) } : {}),
    maxRetries: config.workos.maxRetries,
    timeout: config.workos.timeoutMs,
  });
}

/**
 * The SDK's longest sleep between two attempts: a `Retry-After` is capped at 60 s
 * (`MAXIMUM_RETRY_AFTER_TIME_IN_MILLISECONDS`), its own backoff at 8 s with up to 1.5x jitter.
 */
const SDK_MAX_RETRY_SLEEP_MS = 60_000;

/**
 * The longest one SDK call can take with this configuration: every attempt running into
 * `WORKOS_TIMEOUT_MS`, and the longest sleep before each retry.
 */
export function workosCallWorstCaseMs(workos: {
  readonly timeoutMs: number;
  readonly maxRetries: number;
}): number {
  return (workos.maxRetries + 1) * workos.timeoutMs + workos.maxRetries * SDK_MAX_RETRY_SLEEP_MS;
}
