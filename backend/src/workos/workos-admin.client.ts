import { WorkOS } from '@workos-inc/node';
import type { WorkosAdminConfig } from './workos-admin.config.js';

/**
 * The SDK instance the admin API calls WorkOS with, or null without an API key. The SDK has no
 * base-URL option, so `apiBaseUrl` is mapped onto `apiHostname` / `https` / `port` (as the BFF does).
 */
export function createWorkosAdminClient(config: WorkosAdminConfig): WorkOS | null {
  if (config.apiKey === null) return null;
  const base = new URL(config.apiBaseUrl);
  return new WorkOS(config.apiKey, {
    clientId: config.clientId,
    apiHostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    https: base.protocol === 'https:',
    ...(base.port ? { port: Number(base.port) } : {}),
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
  });
}
