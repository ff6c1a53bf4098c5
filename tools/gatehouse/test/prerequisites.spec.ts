import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { FakeMachine, type MachineOptions } from './fake-machine.js';

const aptInstall = (...packages: string[]) => [
  'env',
  'DEBIAN_FRONTEND=noninteractive',
  'apt-get',
  'install',
  '-y',
  '-qq',
  '--no-install-recommends',
  ...packages,
];
const named = (calls: string[][], ...names: string[]) =>
  calls.filter(([name]) => names.includes(name!));
const indexOf = (calls: string[][], ...start: string[]) =>
  calls.findIndex((call) => start.every((word, i) => call[i] === word));

describe('gatehouse test: what the tests need', () => {
  let machine: FakeMachine;
  const newMachine = (options: MachineOptions) =>
    (machine = new FakeMachine({ node: '24.21.0', nodeModules: 'installed', ...options }));
  afterEach(() => machine.dispose());

  it('installs nothing and starts nothing when everything is there and running', async () => {
    newMachine({});

    const run = await machine.run(['test']);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(named(run.calls, 'apt-get', 'redis-server', 'pg_ctlcluster', 'id', 'sudo')).toEqual([]);
    expect(named(run.calls, 'npm')).toEqual([['npm', 'test']]);
  });

  it('as root on Debian, installs the missing packages with apt-get before npm test, then starts Redis', async () => {
    newMachine({ installed: ['postgresql', 'shellcheck'], running: ['postgres'] });

    const run = await machine.run(['test']);

    expect(run.code).toBe(0);
    expect(named(run.calls, 'apt-get')).toEqual([
      ['apt-get', 'update', '-qq'],
      aptInstall('chromium', 'redis-server').slice(2),
    ]);
    expect(run.stderr).toContain(
      'gatehouse: installing Debian packages: chromium redis-server (apt-get;',
    );
    expect(machine.isRunning('redis')).toBe(true);
    expect(indexOf(run.calls, 'redis-server')).toBeLessThan(indexOf(run.calls, 'npm', 'test'));
  });

  it('installs PostgreSQL and starts its cluster with the cluster tools', async () => {
    newMachine({ installed: ['chromium', 'redis-server', 'shellcheck'], running: ['redis'] });

    const run = await machine.run(['test']);

    expect(run.code).toBe(0);
    expect(run.calls).toContainEqual(aptInstall('postgresql').slice(2));
    expect(run.calls).toContainEqual([
      'pg_ctlcluster',
      '--skip-systemctl-redirect',
      '15',
      'main',
      'start',
    ]);
    expect(run.stderr).toContain('gatehouse: starting PostgreSQL 15/main');
    expect(machine.isRunning('postgres')).toBe(true);
  });

  it('uses sudo when it is not root', async () => {
    newMachine({ installed: ['redis-server', 'postgresql', 'shellcheck'], uid: 1000, sudo: true });

    const run = await machine.run(['test']);

    expect(run.code).toBe(0);
    expect(named(run.calls, 'sudo')).toEqual([
      ['sudo', 'apt-get', 'update', '-qq'],
      ['sudo', ...aptInstall('chromium')],
    ]);
  });

  it('without root or sudo, names what is missing and how to get it in one line, and runs no test', async () => {
    newMachine({ installed: ['redis-server', 'shellcheck'], uid: 1000 });

    const run = await machine.run(['test']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gatehouse: the tests need: chromium postgresql; installing them needs root or sudo: as root, run apt-get install chromium postgresql and rerun\n',
    );
    expect(named(run.calls, 'apt-get', 'npm')).toEqual([]);
  });

  it('on a machine without apt-get, names what is missing in one line', async () => {
    newMachine({ installed: ['chromium', 'postgresql', 'shellcheck'], aptGet: false });

    const run = await machine.run(['test']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gatehouse: the tests need: redis-server; this machine has no apt-get: install them (Debian names) with its package manager and rerun (CHROMIUM_PATH names another Chromium)\n',
    );
  });

  it('says in one line where apt-get’s output is when it fails, without printing it', async () => {
    newMachine({ installed: ['redis-server', 'postgresql', 'shellcheck'] });

    const run = await machine.run(['test'], { env: { FAKE_APT_FAILS: '1' } });

    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      `gatehouse: apt-get install chromium failed (its output: ${join(machine.home, '.cache', 'gatehouse', 'apt-get.log')})`,
    );
    expect(run.stderr).not.toContain('Unable to locate');
    expect(named(run.calls, 'npm')).toEqual([]);
  });

  it('with projects after --, brings only what those projects and every run need', async () => {
    newMachine({ installed: ['redis-server', 'postgresql'] });

    const backend = await machine.run(['test', '--', 'backend']);
    expect(named(backend.calls, 'apt-get')).toEqual([]);
    expect(named(backend.calls, 'npm')).toEqual([['npm', 'test', '--', '-p', 'backend']]);

    const e2e = await machine.run(['test', '--', 'e2e']);
    expect(e2e.calls).toContainEqual(aptInstall('chromium').slice(2));
  });

  it('starts a stopped Redis on 127.0.0.1:6379 without persistence', async () => {
    newMachine({ running: ['postgres'] });

    const run = await machine.run(['test']);

    expect(run.code).toBe(0);
    const [start] = named(run.calls, 'redis-server');
    expect(start?.slice(0, 14)).toEqual([
      'redis-server',
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      expect.stringMatching(/^\//),
    ]);
    expect(start?.slice(14, 16)).toEqual(['--logfile', expect.stringMatching(/\/ci\.log$/)]);
    expect(machine.isRunning('redis')).toBe(true);
  });

  it('for a stopped PostgreSQL without root, gives the command to start it in one line', async () => {
    newMachine({ running: ['redis'], uid: 1000 });

    const run = await machine.run(['test']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gatehouse: PostgreSQL 15/main is stopped: start it as root with: pg_ctlcluster --skip-systemctl-redirect 15 main start, then rerun\n',
    );
  });

  it('says so in one line when no PostgreSQL cluster uses port 5432', async () => {
    newMachine({ running: ['redis'] });

    const run = await machine.run(['test'], { env: { FAKE_NO_CLUSTER: '1' } });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^gatehouse: PostgreSQL has no cluster on port 5432 \(pg_lsclusters\): create one/,
    );
  });

  describe('with a PostgreSQL socket in PGHOST', () => {
    let socket: Server;
    afterEach(() => new Promise((resolve) => socket.close(resolve)));

    it('counts the server as running without asking pg_isready', async () => {
      newMachine({ running: ['redis'] });
      socket = createServer();
      await new Promise<void>((resolve) =>
        socket.listen(join(machine.state, '.s.PGSQL.5432'), resolve),
      );

      const run = await machine.run(['test']);

      expect(run.code).toBe(0);
      expect(named(run.calls, 'pg_isready', 'pg_lsclusters', 'pg_ctlcluster')).toEqual([]);
    });
  });
});
