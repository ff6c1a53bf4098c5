// The generator end to end: `npm run generate`'s entry writes a resource into a throwaway copy of
// the backend, and the copy's own typecheck, lint and the generated e2e spec pass without edits.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const bin = (path: string) => join(repoRoot, 'node_modules', path);

/** What the backend's scripts read outside backend/: shared configs and the root node_modules. */
function copyBackend(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-generator-'));
  for (const file of ['tsconfig.base.json', 'tsconfig.node.json', '.prettierrc.json']) {
    cpSync(join(repoRoot, file), join(dir, file));
  }
  for (const folder of ['tools/eslint', 'tools/jest']) {
    cpSync(join(repoRoot, folder), join(dir, folder), { recursive: true });
  }
  cpSync(join(repoRoot, 'backend'), join(dir, 'backend'), {
    recursive: true,
    filter: (source) => !/[/\\](dist|\.test-results|node_modules)$/.test(source),
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 170_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${output}`);
  return output;
}

describe('guarded-resource in a copy of the backend', () => {
  let dir: string;
  let backend: string;

  beforeAll(() => {
    dir = copyBackend();
    backend = join(dir, 'backend');
    run(dir, [
      join(repoRoot, 'tools', 'schematics', 'dist', 'cli.js'),
      'guarded-resource',
      'audit-logs',
      '--permissions',
      'audit:read',
      '--roles',
      'admin',
      '--skip-clients',
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const generated = [
    'src/audit-logs/audit-logs.controller.ts',
    'src/audit-logs/audit-logs.dto.ts',
    'src/audit-logs/audit-logs.module.ts',
    'src/audit-logs/audit-logs.repository.ts',
    'src/audit-logs/audit-logs.service.ts',
    'test/audit-logs.e2e.spec.ts',
  ];

  it('registers the module in AppModule', () => {
    const appModule = readFileSync(join(backend, 'src', 'app.module.ts'), 'utf8');
    expect(appModule).toContain(
      "import { AuditLogsModule } from './audit-logs/audit-logs.module.js';",
    );
  });

  it('type-checks with the backend', () => {
    run(backend, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
  });

  it("passes the backend's ESLint and Prettier checks", () => {
    run(backend, [bin('eslint/bin/eslint.js'), ...generated, 'src/app.module.ts']);
    run(backend, [bin('prettier/bin/prettier.cjs'), '--check', ...generated, 'src/app.module.ts']);
  });

  it('passes its own e2e spec: 401, 403, 200/201, 404 across organizations, 400', () => {
    const report = join(dir, 'jest.json');
    run(
      backend,
      [bin('jest/bin/jest.js'), 'test/audit-logs.e2e.spec.ts', '--json', `--outputFile=${report}`],
      { NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning' },
    );
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(result).toMatchObject({ numPassedTests: 7, numFailedTests: 0 });
  });
});
