#!/usr/bin/env node
/**
 * `npm test`: runs typecheck, lint, test (jest) and e2e (Playwright) for every package through Nx,
 * then prints one summary line that CI reads: `N passed, N failed[, N skipped]`.
 *
 * Jest and Playwright each write a JSON report into `<package>/.test-results/` (declared as Nx outputs,
 * so a cached task restores its report). A task that fails without a report (typecheck, lint, a
 * runner that crashed) counts as one failure. Exits non-zero when anything failed or no test ran.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const targets = (process.env.GATEHOUSE_TEST_TARGETS ?? 'typecheck,lint,test,e2e').split(',');
const packages = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

for (const pkg of packages) rmSync(join(root, pkg, '.test-results'), { recursive: true, force: true });

const nxArgs = ['nx', 'run-many', '-t', ...targets, '--output-style=static', ...process.argv.slice(2)];
const output = [];
const child = spawn('npx', nxArgs, {
  cwd: root,
  env: { NX_DAEMON: 'false', NX_TUI: 'false', ...process.env },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output.push(chunk);
});
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  output.push(chunk);
});
const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));

const totals = { passed: 0, failed: 0, skipped: 0 };
const reported = new Set();
for (const pkg of packages) {
  const manifest = JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8'));
  const project = manifest.nx?.name ?? manifest.name;
  const dir = join(root, pkg, '.test-results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (file === 'jest.json') {
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
      totals.skipped += report.numPendingTests + report.numTodoTests;
      reported.add(`${project}:test`);
    } else if (file === 'playwright.json') {
      totals.passed += report.stats.expected + report.stats.flaky;
      totals.failed += report.stats.unexpected;
      totals.skipped += report.stats.skipped;
      reported.add(`${project}:e2e`);
    }
  }
}

// Nx lists the tasks that failed under "Failed tasks:"; count those that left no report.
const lines = Buffer.concat(output)
  .toString('utf8')
  .replace(/\x1b\[[0-9;]*m/g, '')
  .split('\n')
  .map((line) => line.trim());
const failedTasks = [];
for (let i = lines.indexOf('Failed tasks:') + 1; i > 0 && i < lines.length; i++) {
  const task = /^- (\S+:\S+)$/.exec(lines[i] ?? '');
  if (task?.[1]) failedTasks.push(task[1]);
  else if (lines[i] !== '') break;
}
const unreportedFailures = new Set(failedTasks.filter((task) => !reported.has(task)));
if (exitCode !== 0 && unreportedFailures.size === 0 && totals.failed === 0) unreportedFailures.add('nx');
for (const task of unreportedFailures) console.log(`failed without a test report: ${task}`);
totals.failed += unreportedFailures.size;

const ranNoTest = totals.passed + totals.failed === 0;
if (ranNoTest) console.log('no test ran');
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode !== 0 || totals.failed > 0 || ranNoTest ? 1 : 0);
