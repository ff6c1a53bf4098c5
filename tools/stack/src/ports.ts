import { createServer } from 'node:net';

/** Raised when a port the stack needs is already taken by another process. */
export class PortInUseError extends Error {
  readonly code = 'port_in_use';

  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(
      `port ${port} (${service}) is already in use: stop whatever listens there ` +
        `(\`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\` shows it) or choose another port`,
    );
  }
}

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Resolves when `port` can be bound on `host`; rejects with {@link PortInUseError} otherwise. */
export async function assertPortFree(
  port: number,
  service: string,
  host = '127.0.0.1',
): Promise<void> {
  try {
    await listenOnce(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(port, service);
    throw error;
  }
}

/** A port that was free a moment ago on `host` (the OS picks it). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return listenOnce(0, host);
}
