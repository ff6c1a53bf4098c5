#!/usr/bin/env node
/**
 * `npm start`: runs the whole stack on this machine (the root script builds it first through the
 * Nx cache), prints the URL and the sign-in users, and stops every part on Ctrl+C.
 */
import { join } from 'node:path';

import { formatBanner } from './banner.js';
import { devStackOptions } from './dev-options.js';
import { prefixedConsoleSink } from './log-sink.js';
import { type RunningStack, startStack, stackSeed } from './stack.js';

const rootDir = join(import.meta.dirname, '..', '..', '..');

async function main(): Promise<number> {
  const log = prefixedConsoleSink();
  const options = devStackOptions(rootDir, process.env, log);
  const running: { stack?: RunningStack } = {};
  let stopping = false;

  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await running.stack?.stop();
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const stack = await startStack(options);
  running.stack = stack;
  const { client, publicUrl } = stack;
  console.log(
    formatBanner({
      publicUrl,
      identityProvider: options.identityProvider.kind,
      apiBaseUrl: client.apiBaseUrl,
      clientId: client.clientId,
      ...(options.identityProvider.kind === 'emulator' ? { seed: stackSeed(publicUrl) } : {}),
    }),
  );

  // A part that dies on its own takes the stack down with a non-zero exit instead of leaving it half up.
  const crashed = await Promise.race(
    [...stack.services].map(async ([name, service]) => ({
      name,
      code: await service.exited,
      service,
    })),
  );
  if (crashed.service.isStopping || stopping) return new Promise(() => undefined);
  console.error(
    `\n${crashed.name} exited unexpectedly (code ${crashed.code}); stopping the stack.`,
  );
  return shutdown(1);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nGatehouse could not start: ${message}`);
    process.exit(1);
  },
);
