/**
 * A throwaway machine for the `gatehouse` entry point: a copy of the repository's script, `.ci/run`,
 * `.nvmrc` and `package.json` in a temporary folder, and a PATH of fake commands (`test/fakes/`)
 * that log their arguments, so a test can say which Node is on PATH, what is installed or running,
 * whether this is root, Debian or another platform, then read what the script printed and ran.
 * PATH holds only the fakes and links to the few real utilities the script needs (cat, cmp, sed…):
 * no real node, npm, apt-get or sudo can leak in from the host.
 */
import { spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
} from 'node:fs';
import { existsSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const fakesDir = join(import.meta.dirname, 'fakes');
export const pinnedNode = readFileSync(join(repoRoot, '.nvmrc'), 'utf8').trim();

export type Package = 'chromium' | 'redis-server' | 'postgresql' | 'shellcheck';
export const allPackages: Package[] = ['chromium', 'redis-server', 'postgresql', 'shellcheck'];

export interface MachineOptions {
  /** Version of the node on PATH; null for none. */
  node?: string | null;
  npm?: boolean;
  aptGet?: boolean;
  sudo?: boolean;
  uid?: number;
  os?: string;
  arch?: string;
  /** Debian packages already installed (all by default). */
  installed?: Package[];
  /** Services already running (both by default). */
  running?: Array<'redis' | 'postgres'>;
  /** The pinned Node already in the cache folder. */
  cachedNode?: boolean;
  /** node_modules: none, installed by the script (marker matches), or installed some other way. */
  nodeModules?: 'none' | 'installed' | 'unmarked';
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Every fake command the run called, as [name, ...arguments], in order. */
  calls: string[][];
}

const utilities = [
  'awk',
  'cat',
  'chmod',
  'cmp',
  'cp',
  'env',
  'ln',
  'mkdir',
  'mv',
  'rm',
  'sed',
  'sleep',
  'touch',
];
const packageCommands: Record<Package, string[]> = {
  chromium: [],
  'redis-server': ['redis-server', 'redis-cli'],
  postgresql: ['pg_isready', 'pg_lsclusters', 'pg_ctlcluster'],
  shellcheck: ['shellcheck'],
};

/** The absolute path of a real command on the host's PATH, or undefined. */
export function hostCommand(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export class FakeMachine {
  readonly root = mkdtempSync(join(tmpdir(), 'gatehouse-test-'));
  readonly repo = join(this.root, 'repo');
  readonly home = join(this.root, 'home');
  readonly bin = join(this.root, 'bin');
  readonly system = join(this.root, 'system');
  readonly tools = join(this.root, 'tools');
  readonly state = join(this.root, 'state');
  readonly log = join(this.root, 'calls.log');
  readonly nodeDir = join(this.home, '.cache', 'gatehouse', `node-${pinnedNode}`);
  readonly marker = join(this.repo, 'node_modules', '.gatehouse-installed-lockfile');
  readonly env: Record<string, string>;

  constructor(options: MachineOptions = {}) {
    for (const dir of [
      this.repo,
      this.home,
      this.bin,
      this.system,
      this.tools,
      this.state,
      join(this.repo, '.ci'),
    ]) {
      mkdirSync(dir, { recursive: true });
    }
    for (const file of ['gatehouse', '.ci/run', '.nvmrc', 'package.json']) {
      copyFileSync(join(repoRoot, file), join(this.repo, file));
    }
    chmodSync(join(this.repo, 'gatehouse'), 0o755);
    writeFileSync(
      join(this.repo, 'package-lock.json'),
      '{ "name": "gatehouse", "lockfileVersion": 3 }\n',
    );
    this.linkUtilities();
    this.installFakes(options);
    this.env = {
      PATH: [this.bin, this.system, this.tools].join(delimiter),
      HOME: this.home,
      FAKE_LOG: this.log,
      FAKE_STATE: this.state,
      FAKE_PACKAGES: fakesDir,
      FAKE_SYSTEM_BIN: this.system,
      FAKE_NODE_VERSION: options.node ?? '20.20.2',
      FAKE_UID: String(options.uid ?? 0),
      FAKE_OS: options.os ?? 'Linux',
      FAKE_ARCH: options.arch ?? 'x86_64',
      CHROMIUM_PATH: join(this.system, 'chromium'),
      PGHOST: this.state,
    };
  }

  /** Runs `gatehouse ARGS` (or another script of the copied repository) and collects what happened. */
  run(
    args: string[],
    options: { env?: Record<string, string>; command?: string[] } = {},
  ): Promise<Run> {
    rmSync(this.log, { force: true });
    const [file, ...prefix] = options.command ?? [join(this.repo, 'gatehouse')];
    const child = spawn(file!, [...prefix, ...args], {
      cwd: this.root,
      env: { ...this.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({ code: code ?? -1, stdout, stderr, calls: this.calls() }),
      );
    });
  }

  /** Changes the lockfile, as a pull that updates dependencies would. */
  changeLockfile(): void {
    writeFileSync(
      join(this.repo, 'package-lock.json'),
      '{ "name": "gatehouse", "lockfileVersion": 3, "changed": 1 }\n',
    );
  }

  isRunning(service: 'redis' | 'postgres'): boolean {
    return existsSync(join(this.state, `${service}-running`));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private calls(): string[][] {
    if (!existsSync(this.log)) return [];
    return readFileSync(this.log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));
  }

  private linkUtilities(): void {
    for (const name of utilities) {
      const real = hostCommand(name);
      if (!real) throw new Error(`the host has no ${name}, which the script needs`);
      symlinkSync(real, join(this.tools, name));
    }
  }

  private installFakes(options: MachineOptions): void {
    const bin = ['npm', 'id', 'uname'];
    if (options.node !== null) bin.push('node');
    if (options.npm === false) bin.splice(bin.indexOf('npm'), 1);
    if (options.aptGet !== false) bin.push('apt-get');
    if (options.sudo) bin.push('sudo');
    this.copyFakes(bin, this.bin);
    copyFileSync(join(fakesDir, 'log-call'), join(this.system, 'log-call'));
    for (const pkg of options.installed ?? allPackages) {
      if (pkg === 'chromium')
        writeFileSync(join(this.system, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
      this.copyFakes(packageCommands[pkg], this.system);
    }
    for (const service of options.running ?? ['redis', 'postgres']) {
      writeFileSync(join(this.state, `${service}-running`), '');
    }
    if (options.cachedNode) {
      mkdirSync(join(this.nodeDir, 'bin'), { recursive: true });
      writeFileSync(join(this.nodeDir, 'bin', 'node'), `#!/bin/sh\necho v${pinnedNode}\n`, {
        mode: 0o755,
      });
    }
    if (options.nodeModules === 'installed' || options.nodeModules === 'unmarked') {
      mkdirSync(join(this.repo, 'node_modules'));
    }
    if (options.nodeModules === 'installed')
      copyFileSync(join(this.repo, 'package-lock.json'), this.marker);
  }

  private copyFakes(names: string[], dir: string): void {
    for (const name of [...names, 'log-call']) copyFileSync(join(fakesDir, name), join(dir, name));
  }
}
