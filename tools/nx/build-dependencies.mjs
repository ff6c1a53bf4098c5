#!/usr/bin/env node
/**
 * `pretypecheck`, `prelint` and `pretest` hook of a package: builds the workspace packages it
 * depends on (`@gatehouse/*` in its package.json) through Nx, so `cd backend && npm test` works in a
 * fresh clone, where no package's `dist/` exists yet. Nx caches the builds: a second run costs the
 * Nx start-up only. Under Nx (`npx nx run backend:test`, `npm test` at the root) the task's
 * `dependsOn: ["^build"]` has already built them, so the hook does nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

if (process.env.NX_TASK_TARGET_PROJECT) process.exit(0);

const root = join(import.meta.dirname, '..', '..');
const readManifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

const manifest = readManifest(process.cwd());
const wanted = new Set(
  Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) =>
    name.startsWith('@gatehouse/'),
  ),
);
const projects = readManifest(root)
  .workspaces.map((dir) => readManifest(join(root, dir)))
  .filter((pkg) => wanted.has(pkg.name) && pkg.scripts?.build)
  .map((pkg) => pkg.nx?.name ?? pkg.name);
if (projects.length === 0) process.exit(0);

const where = relative(root, process.cwd()) || '.';
console.log(`${where}: building ${projects.join(', ')} first (cached by Nx)`);
const result = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--output-style=static'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', ...process.env },
  },
);
if (result.status !== 0) {
  console.error(
    `${where}: building ${projects.join(', ')} failed; see \`npx nx run-many -t build -p ${projects.join(' ')}\``,
  );
}
process.exit(result.status ?? 1);
