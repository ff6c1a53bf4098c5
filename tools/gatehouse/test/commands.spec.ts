import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FakeMachine, hostCommand, pinnedNode } from './fake-machine.js';

const npmCalls = (calls: string[][]) => calls.filter(([name]) => name === 'npm');

describe('gatehouse: commands, arguments and exit codes', () => {
  let machine: FakeMachine;
  beforeEach(() => (machine = new FakeMachine({ node: '24.21.0', nodeModules: 'installed' })));
  afterEach(() => machine.dispose());

  it.each([[['help']], [['--help']], [[]]])(
    '%j prints the usage and runs nothing',
    async (args) => {
      const run = await machine.run(args);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: ./gatehouse <command> [arguments]');
      expect(run.stdout).toContain('test [nx options] [-- project...]');
      expect(run.stdout).toContain('Projects after -- narrow the run (nx -p)');
      expect(run.calls).toEqual([]);
    },
  );

  it('refuses an unknown command with one line and exit code 2', async () => {
    const run = await machine.run(['deploy']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'gatehouse: unknown command "deploy": ./gatehouse start, ./gatehouse test or ./gatehouse help\n',
    );
    expect(run.calls).toEqual([]);
  });

  it.each([
    [['start'], ['npm', 'start']],
    [
      ['start', '--scale', 'two words'],
      ['npm', 'start', '--', '--scale', 'two words'],
    ],
    [['dev'], ['npm', 'run', 'dev']],
    [['test'], ['npm', 'test']],
    [
      ['test', '--', 'backend'],
      ['npm', 'test', '--', '-p', 'backend'],
    ],
    [
      ['test', '--', 'backend', 'bff'],
      ['npm', 'test', '--', '-p', 'backend', 'bff'],
    ],
    [
      ['test', '--skip-nx-cache', '-t', 'test', '--', 'bff'],
      ['npm', 'test', '--', '--skip-nx-cache', '-t', 'test', '-p', 'bff'],
    ],
    [
      ['test', '--'],
      ['npm', 'test'],
    ],
  ])('./gatehouse %j runs %j', async (args, expected) => {
    const run = await machine.run(args);

    expect(run.code).toBe(0);
    expect(npmCalls(run.calls)).toEqual([expected]);
  });

  it('passes on npm test’s exit code, and npm’s summary stays the last line printed', async () => {
    const run = await machine.run(['test'], {
      env: { FAKE_NPM_EXIT: '1', FAKE_TEST_SUMMARY: '5 passed, 2 failed' },
    });

    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('5 passed, 2 failed');
  });

  it('.ci/run is ./gatehouse test with CI=true: same arguments, exit code and last line', async () => {
    const bash = hostCommand('bash') ?? '/bin/sh';
    const run = await machine.run(['--', 'backend'], {
      command: [bash, join(machine.repo, '.ci', 'run')],
      env: { FAKE_NPM_EXIT: '4', FAKE_TEST_SUMMARY: '9 passed, 1 failed' },
    });

    expect(run.code).toBe(4);
    expect(npmCalls(run.calls)).toEqual([['npm', 'test', '--', '-p', 'backend']]);
    expect(run.stdout).toContain('(CI=true)');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('9 passed, 1 failed');
  });

  it('GATEHOUSE_DRY_RUN=1 checks everything on a fresh machine and only prints what it would run', async () => {
    const fresh = new FakeMachine({
      node: '20.20.2',
      installed: ['redis-server', 'postgresql'],
      running: [],
    });
    try {
      const run = await fresh.run(['test', '--', 'e2e'], { env: { GATEHOUSE_DRY_RUN: '1' } });

      expect(run.code).toBe(0);
      expect(run.stderr).toContain('would run: npm ci --ignore-scripts --no-audit --no-fund');
      expect(run.stderr).toContain(
        'would run: apt-get update && apt-get install -y --no-install-recommends chromium',
      );
      expect(run.stderr).toContain('would run: redis-server --daemonize yes');
      expect(run.stderr).toContain(
        'would run: pg_ctlcluster --skip-systemctl-redirect 15 main start',
      );
      expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
        'gatehouse: would run: npm test -- -p e2e',
      );
      const acted = run.calls.filter(([name]) =>
        ['npm', 'apt-get', 'redis-server', 'pg_ctlcluster'].includes(name!),
      );
      expect(acted).toEqual([]);
      expect(existsSync(fresh.nodeDir)).toBe(false);
    } finally {
      fresh.dispose();
    }
  });
});

describe.each(['dash', 'bash'].filter((shell) => hostCommand(shell)))(
  'gatehouse under %s',
  (shell) => {
    it('installs Node and dependencies, then starts, on a machine with Node 20', async () => {
      const machine = new FakeMachine({ node: '20.20.2', nodeModules: 'none' });
      try {
        const run = await machine.run(['start', '--scale'], {
          command: [hostCommand(shell)!, join(machine.repo, 'gatehouse')],
        });

        expect(run.code).toBe(0);
        expect(npmCalls(run.calls).map((call) => call.slice(0, 2))).toEqual([
          ['npm', 'install'],
          ['npm', 'ci'],
          ['npm', 'start'],
        ]);
        expect(run.stdout).toContain(`npm start on node v${pinnedNode} in repo`);
      } finally {
        machine.dispose();
      }
    });
  },
);
