import { createEmulator } from '../emulator.js';
import type { Emulator } from '../emulator.types.js';
import { startupBanner } from './banner.js';
import { CliUsageError, USAGE, parseCli } from './cli-options.js';

/** Where the CLI writes. */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Outcome of {@link runCli}: a running emulator, or an exit code (0 for `--help`, 2 usage, 1 start failure). */
export type CliResult = { emulator: Emulator } | { exitCode: number };

/** Parses the arguments, starts the emulator and prints the banner. Never throws for bad input. */
export async function runCli(argv: string[], out: CliOutput): Promise<CliResult> {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    out.stderr(`workos-emulator: ${error.message}\n${error.showUsage ? `\n${USAGE}` : ''}`);
    return { exitCode: 2 };
  }
  if (options === 'help') {
    out.stdout(USAGE);
    return { exitCode: 0 };
  }
  let emulator: Emulator;
  try {
    emulator = await createEmulator(options);
  } catch (error) {
    out.stderr(
      `workos-emulator: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return { exitCode: 1 };
  }
  out.stdout(
    `${startupBanner(emulator, {
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      testControls: options.enableTestControls === true,
    })}\n`,
  );
  return { emulator };
}
