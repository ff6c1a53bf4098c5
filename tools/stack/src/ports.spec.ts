import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertPortFree, ephemeralRangeStart, findFreePort, PortInUseError } from './ports.js';

describe('ports', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('finds a port that can then be bound', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    await expect(assertPortFree(port, 'bff')).resolves.toBeUndefined();
  });

  it('hands out ports below the ephemeral range, never the same one twice', async () => {
    const start = await ephemeralRangeStart();
    const ports = await Promise.all(Array.from({ length: 40 }, () => findFreePort()));

    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(Math.min(start, 32_768));
    }
  });

  it('reads the ephemeral range start, and assumes the usual one without the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-ports-'));
    const file = join(dir, 'ip_local_port_range');
    writeFileSync(file, '40000\t60999\n');

    expect(await ephemeralRangeStart(file)).toBe(40_000);
    expect(await ephemeralRangeStart(join(dir, 'missing'))).toBe(32_768);
  });

  it('names the service and the port when the port is taken', async () => {
    const port = await findFreePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));

    const failure = assertPortFree(port, 'backend');
    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(`port ${port} (backend) is already in use`);
  });
});
