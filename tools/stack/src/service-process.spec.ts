import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findFreePort } from './ports.js';
import {
  type LogSink,
  ServiceProcess,
  ServiceStartError,
  type ServiceSpec,
} from './service-process.js';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-service-'));

function script(name: string, source: string): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

const server = script(
  'server.mjs',
  `import { createServer } from 'node:http';
   const port = Number(process.env.PORT);
   if (process.env.IGNORE_SIGTERM) process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
   createServer((req, res) => res.end('ok')).listen(port, '127.0.0.1', () => {
     console.log('listening on ' + port);
     console.error('a warning');
   });`,
);
const crashes = script('crash.mjs', `console.error('boom'); process.exit(3);`);

async function spec(
  overrides: Partial<ServiceSpec> & { env?: NodeJS.ProcessEnv } = {},
): Promise<ServiceSpec> {
  const port = await findFreePort();
  return {
    name: 'svc',
    script: server,
    cwd: dir,
    readyUrl: `http://127.0.0.1:${port}/health`,
    ...overrides,
    env: { PATH: process.env.PATH, PORT: String(port), ...overrides.env },
  };
}

describe('ServiceProcess', () => {
  it('starts, waits until ready, prefixes its output, and stops', async () => {
    const lines: [string, string, string][] = [];
    const log: LogSink = (service, line, stream) => lines.push([service, line, stream]);
    const service = await ServiceProcess.start(await spec(), log);

    expect(service.pid).toBeGreaterThan(0);
    await service.stop();
    expect(await service.exited).toBeNull();
    expect(lines).toContainEqual(['svc', expect.stringMatching(/^listening on \d+$/), 'stdout']);
    expect(lines).toContainEqual(['svc', 'a warning', 'stderr']);
  });

  it('reports a service that exits before it is ready, with its exit code', async () => {
    const failure = ServiceProcess.start(await spec({ script: crashes }), () => undefined);

    await expect(failure).rejects.toBeInstanceOf(ServiceStartError);
    await expect(failure).rejects.toThrow('svc exited with code 3 before it was ready');
  });

  it('does not take another process answering on its ready URL for the service', async () => {
    // Somebody else listens on the port (answering slowly, after the child has crashed): the 2xx
    // must not make the crashed child count as ready.
    const port = await findFreePort();
    const foreign: Server = createServer((_req, res) => {
      setTimeout(() => res.end('someone else'), 800);
    });
    await new Promise<void>((resolve) => foreign.listen(port, '127.0.0.1', resolve));
    try {
      const failure = ServiceProcess.start(
        await spec({ script: crashes, readyUrl: `http://127.0.0.1:${port}/health` }),
        () => undefined,
      );

      await expect(failure).rejects.toThrow('svc exited with code 3 before it was ready');
    } finally {
      foreign.closeAllConnections();
      await new Promise((resolve) => foreign.close(resolve));
    }
  });

  it('gives up on a service that never becomes ready', async () => {
    const port = await findFreePort();
    const failure = ServiceProcess.start(
      await spec({ readyUrl: `http://127.0.0.1:${port}/never`, stopGraceMs: 200 }),
      () => undefined,
      1_000,
    );

    await expect(failure).rejects.toThrow('was not ready');
  });

  it('kills a service that ignores SIGTERM after the grace period', async () => {
    const service = await ServiceProcess.start(
      await spec({ env: { IGNORE_SIGTERM: '1' }, stopGraceMs: 300 }),
      () => undefined,
    );

    await service.stop();

    expect(await service.exited).toBeNull();
    expect(service.isStopping).toBe(true);
  });
});
