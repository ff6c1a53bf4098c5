import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeed } from '../seed/default-seed.js';
import { type CliResult, runCli } from './run-cli.js';

describe('runCli', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;
  const out = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
  };
  const running: CliResult[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-'));
    stdout = '';
    stderr = '';
  });
  afterEach(async () => {
    for (const r of running.splice(0)) if ('emulator' in r) await r.emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on 127.0.0.1 with a seed file and a data dir, and prints URL, client and users', async () => {
    const seed = defaultSeed();
    const client = seed.clients[0];
    if (client === undefined) throw new Error('seed changed');
    client.id = 'client_from_file';
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    const result = await runCli(
      [
        '--port',
        '0',
        '--seed',
        seedFile,
        '--data-dir',
        join(dir, 'state'),
        '--enable-test-controls',
      ],
      out,
    );
    running.push(result);
    if (!('emulator' in result)) throw new Error(stderr);
    expect(result.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout).toContain(`listening on ${result.emulator.url}`);
    expect(stdout).toContain('client id:      client_from_file');
    expect(stdout).toContain(
      'ada@example.com          ada-password-1     Ada Admin (admin at Example Corp)',
    );
    expect(stdout).toContain(`test controls:  ${result.emulator.url}/__emulator/*`);
    expect(stdout).toContain('sam@example.com          Sam Support');
    expect((await fetch(`${result.emulator.url}/__emulator/stats`)).status).toBe(200);
  });

  it('answers --help, a usage error (2) and an unusable seed (1) without starting', async () => {
    expect(await runCli(['--help'], out)).toEqual({ exitCode: 0 });
    expect(stdout).toContain('Usage:');
    expect(await runCli(['--port', 'x'], out)).toEqual({ exitCode: 2 });
    expect(stderr).toContain('--port must be 0..65535');
    writeFileSync(join(dir, 'bad.json'), '{"clients": []}');
    expect(await runCli(['--port', '0', '--seed', join(dir, 'bad.json')], out)).toEqual({
      exitCode: 1,
    });
    expect(stderr).toContain('cannot start: Invalid seed');
  });

  it('refuses test controls on 0.0.0.0 with one line and exit code 2, before listening', async () => {
    expect(
      await runCli(['--port', '0', '--host', '0.0.0.0', '--enable-test-controls'], out),
    ).toEqual({
      exitCode: 2,
    });
    expect(stderr).toBe(
      'workos-emulator: --enable-test-controls is refused with --host 0.0.0.0: the test controls are unauthenticated, ' +
        'so they only run on a loopback host (127.0.0.1, ::1, localhost)\n',
    );
    expect(stdout).toBe('');
  });
});
