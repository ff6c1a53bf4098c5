#!/usr/bin/env node
/**
 * `npm start`: runs the whole stack on this machine (the root script builds it first through the
 * Nx cache), prints the URL and the sign-in users, and stops every part on Ctrl+C.
 */
import { join } from 'node:path';

import { formatBanner } from './banner.js';
import { devStackOptions } from './dev-options.js';
import { prefixedConsoleSink } from './log-sink.js';
import { assertRedisReachable } from './redis-check.js';
import { startStack, stackSeed } from './stack.js';
import { superviseUntilStopped } from './supervise.js';

const rootDir = join(import.meta.dirname, '..', '..', '..');

async function main(): Promise<never> {
  const options = devStackOptions(
    rootDir,
    process.env,
    prefixedConsoleSink(),
    process.argv.slice(2),
  );
  if (options.redisUrl) await assertRedisReachable(options.redisUrl);
  const stack = await startStack(options);
  console.log(
    formatBanner({
      publicUrl: stack.publicUrl,
      ...(stack.secondPublicUrl ? { secondPublicUrl: stack.secondPublicUrl } : {}),
      sessionStore: options.sessionStore ?? 'sqlite',
      identityProvider: options.identityProvider.kind,
      apiBaseUrl: stack.client.apiBaseUrl,
      clientId: stack.client.clientId,
      ...(options.identityProvider.kind === 'emulator' ? { seed: stackSeed(stack.publicUrl) } : {}),
    }),
  );
  return superviseUntilStopped(
    () => stack.services,
    () => stack.stop(),
  );
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\nGatehouse could not start: ${message}`);
  process.exit(1);
});
