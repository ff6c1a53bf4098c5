import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type BffDeps, createBff, type BffApp } from './app.js';
import type { BffConfig } from './config/config.schema.js';

/** A running BFF. */
export interface RunningBff {
  /** `http://127.0.0.1:<port>` (the bound address, not PUBLIC_URL). */
  readonly url: string;
  readonly port: number;
  readonly app: BffApp;
  readonly server: Server;
  /** Stops listening, drops connections, releases the store. */
  close(): Promise<void>;
}

/** Options of {@link startBff}. */
export interface StartBffOptions {
  readonly config: BffConfig;
  /** Overrides `config.port` (0 = random). */
  readonly port?: number;
  readonly deps?: BffDeps;
}

/** Starts the BFF on `config.host` (the e2e stack, benchmarks and `main.ts` use it). */
export async function startBff({ config, port, deps }: StartBffOptions): Promise<RunningBff> {
  const app = createBff(config, deps);
  const server = createServer({ requestTimeout: 300_000, headersTimeout: 30_000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    app,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
