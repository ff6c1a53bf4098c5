#!/usr/bin/env node
/**
 * CLI: `node dist/main.js --port 4100 --seed <file> --data-dir <dir> [--host <address>] [--enable-test-controls]`.
 * Binds 127.0.0.1 unless told otherwise; stops cleanly on SIGINT/SIGTERM.
 */
import { runCli } from './cli/run-cli.js';

const result = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

if ('exitCode' in result) {
  process.exitCode = result.exitCode;
} else {
  const { emulator } = result;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`workos-emulator: ${signal}, stopping\n`);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
