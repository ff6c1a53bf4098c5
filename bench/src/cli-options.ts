import { isAbsolute, join } from 'node:path';

/** What the command line asked for. */
export interface CliOptions {
  readonly smoke: boolean;
  readonly verbose: boolean;
  /** Where the Markdown report goes; undefined: nowhere. */
  readonly outFile: string | undefined;
}

/** Raised for an unknown flag or a missing value. */
export class CliUsageError extends Error {
  readonly code = 'usage';
}

export const USAGE =
  'usage: node bench/dist/main.js [--smoke] [--verbose] [--out FILE | --no-write]';

/**
 * Parses the flags. A full run writes `docs/benchmarks.md` unless told otherwise; a smoke run
 * writes only with `--out`.
 */
export function parseCliOptions(argv: readonly string[], rootDir: string): CliOptions {
  let smoke = false;
  let verbose = false;
  let out: string | null | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--smoke') smoke = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--no-write') out = null;
    else if (arg === '--out') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new CliUsageError('--out needs a file');
      out = value;
      i += 1;
    } else throw new CliUsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  const outFile =
    out === null
      ? undefined
      : out !== undefined
        ? isAbsolute(out)
          ? out
          : join(process.cwd(), out)
        : smoke
          ? undefined
          : join(rootDir, 'docs', 'benchmarks.md');
  return { smoke, verbose, outFile };
}
