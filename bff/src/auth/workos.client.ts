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
