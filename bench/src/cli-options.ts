import { isAbsolute, join } from 'node:path';

/** What the command line asked for. */
export interface CliOptions {
  readonly smoke: boolean;
  readonly verbose: boolean;
  /** Where the Markdown report goes; undefined: nowhere. */
  readonly outFile: string | undefined;
  /** Benchmark ids to run (`--only B1,B4`), in the order given; undefined: all of them. */
  readonly only: readonly string[] | undefined;
}

/** Raised for an unknown flag, a missing value or an unknown benchmark id. */
export class CliUsageError extends Error {
  readonly code = 'usage';
}

export const USAGE =
  'usage: node bench/dist/main.js [--smoke] [--only B1,B4] [--verbose] [--out FILE | --no-write]';

function valueAfter(argv: readonly string[], i: number, flag: string, what: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--'))
    throw new CliUsageError(`${flag} needs ${what}`);
  return value;
}

/** `b6, B1` → `['B1', 'B6']`-style ids, checked against the known ones, duplicates dropped. */
function parseOnly(value: string, benchmarkIds: readonly string[]): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim().toUpperCase())
    .filter((id) => id.length > 0);
  const unknown = ids.filter((id) => !benchmarkIds.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new CliUsageError(
      `--only takes benchmark ids from ${benchmarkIds.join(', ')}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return [...new Set(ids)];
}

/**
 * Parses the flags. A full run of every benchmark writes `docs/benchmarks.md` unless told
 * otherwise; a smoke run or a partial run (`--only`) writes only with `--out`, so a partial result
 * never replaces the full report by accident.
 *
 * @param benchmarkIds the ids `--only` may name (B1 … B6)
 */
export function parseCliOptions(
  argv: readonly string[],
  rootDir: string,
  benchmarkIds: readonly string[],
): CliOptions {
  let smoke = false;
  let verbose = false;
  let only: string[] | undefined;
  let out: string | null | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--smoke') smoke = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--no-write') out = null;
    else if (arg === '--out') {
      out = valueAfter(argv, i, '--out', 'a file');
      i += 1;
    } else if (arg === '--only') {
      only = parseOnly(valueAfter(argv, i, '--only', 'benchmark ids'), benchmarkIds);
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
        : smoke || only
          ? undefined
          : join(rootDir, 'docs', 'benchmarks.md');
  return { smoke, verbose, outFile, only };
}
