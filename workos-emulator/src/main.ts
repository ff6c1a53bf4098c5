#!/usr/bin/env node
/**
 * CLI: `node dist/main.js --port 4100 --seed <file> --data-dir <dir> [--host <address>] [--enable-test-controls]`.
 * Binds 127.0.0.1 unless told otherwise; stops cleanly on SIGINT/SIGTERM.
 */
import { CliUsageError, USAGE, parseCli } from './cli/cli-options.js';
import { startupBanner } from './cli/banner.js';
import { createEmulator } from './emulator.js';
import { SeedError } from './seed/seed.validate.js';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`workos-emulator: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  let emulator;
  try {
    emulator = await createEmulator(options);
  } catch (error) {
    const message =
      error instanceof SeedError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`workos-emulator: cannot start: ${message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `${startupBanner(emulator, {
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      testControls: options.enableTestControls === true,
    })}\n`,
  );
  const running = emulator;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`workos-emulator: ${signal}, stopping\n`);
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
