#!/usr/bin/env node
/**
 * `npm run dev`: the `npm start` stack with rebuild on change. `tsc --watch` rebuilds the Node
 * packages and `node --watch` restarts each service when its build changes; `ng serve` serves the
 * SPA with live reload and proxies `/auth` and `/api` to the BFF (`admin-spa/proxy.conf.json`).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { formatBanner } from './banner.js';
import { devStackOptions } from './dev-options.js';
import { prefixedConsoleSink } from './log-sink.js';
import { ServiceProcess } from './service-process.js';
import { startStack, stackSeed } from './stack.js';
import { superviseUntilStopped } from './supervise.js';

const rootDir = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(rootDir, 'package.json'));
const DEV_SERVER_PORT = 4200;
const WATCHED_PACKAGES = ['workos-emulator', 'backend', 'bff'] as const;

async function main(): Promise<never> {
  const log = prefixedConsoleSink();
  const publicUrl = `http://localhost:${DEV_SERVER_PORT}`;
  const options = { ...devStackOptions(rootDir, process.env, log), publicUrl, watch: true };
  const helpers: [string, ServiceProcess][] = [];
  const stopHelpers = async (): Promise<void> => {
    await Promise.all(helpers.map(([, service]) => service.stop()));
  };

  const tsc = require.resolve('typescript/bin/tsc');
  for (const pkg of WATCHED_PACKAGES) {
    const watcher = await ServiceProcess.start(
      {
        name: 'tsc',
        script: tsc,
        args: ['--watch', '--preserveWatchOutput', '-p', 'tsconfig.build.json'],
        cwd: join(rootDir, pkg),
        env: process.env,
      },
      (_service, line, stream) => {
        if (line.trim() !== '') log('tsc', `${pkg}: ${line}`, stream);
      },
    );
    helpers.push([`tsc ${pkg}`, watcher]);
  }

  const stack = await startStack(options).catch(async (error: unknown) => {
    await stopHelpers();
    throw error;
  });
  const stopAll = async (): Promise<void> => {
    await Promise.all([stack.stop(), stopHelpers()]);
  };
  try {
    const ng = await ServiceProcess.start(
      {
        name: 'ng',
        script: require.resolve('@angular/cli/bin/ng.js'),
        args: ['serve', '--port', String(DEV_SERVER_PORT), '--proxy-config', 'proxy.conf.json'],
        cwd: join(rootDir, 'admin-spa'),
        env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
        readyUrl: `http://127.0.0.1:${DEV_SERVER_PORT}/`,
      },
      log,
      120_000,
    );
    helpers.push(['ng serve', ng]);
  } catch (error) {
    await stopAll();
    throw error;
  }

  console.log(
    formatBanner({
      publicUrl,
      identityProvider: options.identityProvider.kind,
      apiBaseUrl: stack.client.apiBaseUrl,
      clientId: stack.client.clientId,
      ...(options.identityProvider.kind === 'emulator' ? { seed: stackSeed(publicUrl) } : {}),
    }),
  );
  return superviseUntilStopped(() => [...stack.services, ...helpers], stopAll);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\nGatehouse could not start: ${message}`);
  process.exit(1);
});
