import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fakesDir, hostCommand, repoRoot } from './fake-machine.js';

const shellcheck = hostCommand('shellcheck');
const scripts = [
  join(repoRoot, 'gatehouse'),
  join(repoRoot, '.ci', 'run'),
  ...readdirSync(fakesDir).map((name) => join(fakesDir, name)),
];

// `./gatehouse test` installs shellcheck (Debian's package); a bare `npm test` without it skips this.
(shellcheck ? it : it.skip)(
  'the entry point, .ci/run and the fakes pass shellcheck as POSIX sh',
  async () => {
    const { stdout } = await promisify(execFile)(
      shellcheck!,
      ['--shell=sh', '--external-sources', ...scripts],
      {
        cwd: fakesDir,
      },
    );
    expect(stdout).toBe('');
  },
);
