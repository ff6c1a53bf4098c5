import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeMachine } from './fake-machine.js';

const npmCi = ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'];
const ranCi = (calls: string[][]) =>
  calls.some(([name, command]) => name === 'npm' && command === 'ci');

describe('gatehouse: npm ci only when the lockfile changed', () => {
  let machine: FakeMachine;
  afterEach(() => machine.dispose());

  it('runs npm ci --ignore-scripts before npm start when node_modules is missing, and records the lockfile', async () => {
    machine = new FakeMachine({ node: '24.21.0', nodeModules: 'none' });

    const run = await machine.run(['start']);

    expect(run.code).toBe(0);
    expect(run.calls.filter(([name]) => name === 'npm')).toEqual([npmCi, ['npm', 'start']]);
    expect(run.stderr).toContain('gatehouse: npm ci (no node_modules yet)');
    expect(readFileSync(machine.marker, 'utf8')).toBe(
      readFileSync(join(machine.repo, 'package-lock.json'), 'utf8'),
    );
  });

  it('goes straight to npm start on the second run', async () => {
    machine = new FakeMachine({ node: '24.21.0', nodeModules: 'none' });
    await machine.run(['start']);

    const second = await machine.run(['start']);

    expect(second.calls.filter(([name]) => name === 'npm')).toEqual([['npm', 'start']]);
    expect(second.stderr).toBe('');
  });

  it('runs npm ci again once the lockfile changed', async () => {
    machine = new FakeMachine({ node: '24.21.0', nodeModules: 'installed' });
    machine.changeLockfile();

    const run = await machine.run(['start']);

    expect(run.calls).toContainEqual(npmCi);
    expect(run.stderr).toContain('npm ci (package-lock.json changed since the last install)');
    expect(ranCi((await machine.run(['start'])).calls)).toBe(false);
  });

  it('runs npm ci once for a node_modules installed without the script (no record of its lockfile)', async () => {
    machine = new FakeMachine({ node: '24.21.0', nodeModules: 'unmarked' });

    const run = await machine.run(['start']);

    expect(run.calls).toContainEqual(npmCi);
    expect(run.stderr).toContain(
      'node_modules has no record of the lockfile it was installed from',
    );
  });

  it('passes on a failed npm ci’s exit code, records nothing and tries again next time', async () => {
    machine = new FakeMachine({ node: '24.21.0', nodeModules: 'none' });

    const failed = await machine.run(['start'], { env: { FAKE_NPM_CI_EXIT: '3' } });

    expect(failed.code).toBe(3);
    expect(failed.calls.filter(([name]) => name === 'npm')).toEqual([npmCi]);
    expect(existsSync(machine.marker)).toBe(false);
    expect(ranCi((await machine.run(['start'])).calls)).toBe(true);
  });
});
