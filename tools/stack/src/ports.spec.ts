import { createServer, type Server } from 'node:net';

import { assertPortFree, findFreePort, PortInUseError } from './ports.js';

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

  it('names the service and the port when the port is taken', async () => {
    const port = await findFreePort();
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));

    const failure = assertPortFree(port, 'backend');
    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(`port ${port} (backend) is already in use`);
  });
});
