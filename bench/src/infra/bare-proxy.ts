import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findFreePort, type LogSink, ServiceProcess } from '@gatehouse/stack';

/** A running bare proxy (see `bare-proxy/server.ts`). */
export interface BareProxy {
  readonly url: string;
  readonly process: ServiceProcess;
}

const HOST = '127.0.0.1';
/** `dist/infra/bare-proxy.js` → `dist/bare-proxy/server.js`. */
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', 'bare-proxy', 'server.js');

/**
 * Starts the bare keep-alive proxy in front of `backendUrl` as a child process on a free port;
 * ready once a `GET /health` through it reaches the backend. The caller stops it.
 */
export async function startBareProxy(options: {
  readonly name: string;
  readonly backendUrl: string;
  readonly log: LogSink;
}): Promise<BareProxy> {
  const port = await findFreePort(HOST);
  const url = `http://${HOST}:${port}`;
  const service = await ServiceProcess.start(
    {
      name: options.name,
      script: SCRIPT,
      env: { ...process.env, PORT: String(port), BACKEND_URL: options.backendUrl },
      cwd: dirname(SCRIPT),
      readyUrl: `${url}/health`,
    },
    options.log,
  );
  return { url, process: service };
}
