import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { FULL_SETTINGS, SMOKE_SETTINGS } from './bench-settings.js';
import { CliUsageError, parseCliOptions } from './cli-options.js';
import { withHandWritten } from './report/hand-written.js';
import { renderMarkdown, renderTable } from './report/render.js';
import { BENCHMARKS, runBenchmarks } from './run-benchmarks.js';

/** The repository root: `bench/dist/main.js` → `..`/`..`. */
const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliOptions(
      process.argv.slice(2),
      rootDir,
      BENCHMARKS.map((benchmark) => benchmark.id),
    );
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const report = await runBenchmarks({
    rootDir,
    settings: options.smoke ? SMOKE_SETTINGS : FULL_SETTINGS,
    verbose: options.verbose,
    ...(options.only ? { only: options.only } : {}),
    progress: (message) => console.log(`bench: ${message}`),
  });
  console.log(`\n${renderTable(report)}\n`);
  if (options.outFile) {
    const existing = existsSync(options.outFile)
      ? readFileSync(options.outFile, 'utf8')
      : undefined;
    writeFileSync(options.outFile, withHandWritten(renderMarkdown(report), existing));
    console.log(`bench: wrote ${options.outFile}`);
  }
  return 0;
}

process.exitCode = await main();
