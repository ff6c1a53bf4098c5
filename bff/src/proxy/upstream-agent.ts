import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Most connections the BFF keeps open to the backend at once (requests beyond wait in the agent). */
const MAX_SOCKETS = 256;
/** Most idle connections kept for reuse. */
const MAX_FREE_SOCKETS = 64;
/**
 * Idle connections are closed after this long. Below Node's default server `keepAliveTimeout`
 * (5 s), so the BFF normally closes first; when the backend announces a shorter
 * `Keep-Alive: timeout=…`, Node's agent honours that instead.
 */
const FREE_SOCKET_TIMEOUT_MS = 4_000;

/**
 * The keep-alive agent for `/api` upstream calls, owned by the BFF (destroyed on close). A fresh
 * TCP connection per proxied request would cost a handshake, a socket and `TIME_WAIT` ports under
 * load; reused connections cost nothing of that. httpxy would otherwise fall back to a module-wide
 * agent of its own, which the BFF could not size or close.
 */
export function createUpstreamAgent(backendUrl: string): HttpAgent {
  const options = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS,
    maxFreeSockets: MAX_FREE_SOCKETS,
    timeout: FREE_SOCKET_TIMEOUT_MS,
    scheduling: 'lifo' as const,
  };
  return new URL(backendUrl).protocol === 'https:'
    ? new HttpsAgent(options)
    : new HttpAgent(options);
}
