import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { findFreePort, type LogSink, ServiceProcess } from '@gatehouse/stack';

import { inspectorUrlOf, isInspectorNotice } from './inspector.js';

/** A running bare proxy (see `bare-proxy/server.ts`). */
export interface BareProxy {
  readonly url: string;
  readonly process: ServiceProcess;
  /** The inspector's WebSocket URL, when started with `inspect` (the profiler samples it). */
  readonly inspectorUrl?: string;
}

const HOST = '127.0.0.1';
/**
 * `dist/infra/bare-proxy.js` → `dist/bare-proxy/server.js`; from the sources (the Jest smoke run)
 * `src/bare-proxy/server.ts`, which Node runs as it is (type stripping).
 */
const SCRIPT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'bare-proxy',
  import.meta.url.endsWith('.ts') ? 'server.ts' : 'server.js',
);

/**
 * Starts the bare keep-alive proxy in front of `backendUrl` as a child process on a free port;
 * ready once a `GET /health` through it reaches the backend. The caller stops it.
 */
export async function startBareProxy(options: {
  readonly name: string;
  readonly backendUrl: string;
  readonly log: LogSink;
  /** Start Node with `--inspect=127.0.0.1:0` (profiling only). */
  readonly inspect?: boolean;
}): Promise<BareProxy> {
  const port = await findFreePort(HOST);
  const url = `http://${HOST}:${port}`;
  let inspectorUrl: string | undefined;
  const log: LogSink = (service, line, stream) => {
    inspectorUrl ??= inspectorUrlOf(line);
    options.log(service, line, isInspectorNotice(line) ? 'stdout' : stream);
  };
  const service = await ServiceProcess.start(
    {
      name: options.name,
      script: SCRIPT,
      nodeArgs: options.inspect ? [`--inspect=${HOST}:0`] : [],
      env: { ...process.env, PORT: String(port), BACKEND_URL: options.backendUrl },
      cwd: dirname(SCRIPT),
      readyUrl: `${url}/health`,
    },
    log,
  );
  return { url, process: service, ...(inspectorUrl ? { inspectorUrl } : {}) };
}
