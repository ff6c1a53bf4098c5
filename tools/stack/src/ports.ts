import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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

/** Lowest port handed out by {@link findFreePort}. */
const LOWEST_CANDIDATE = 20_000;
/** First port of the usual ephemeral ranges (Linux 32768, macOS and Windows 49152). */
const DEFAULT_EPHEMERAL_START = 32_768;
const ATTEMPTS = 64;

/** Ports this process already handed out: never handed out twice. */
const handedOut = new Set<number>();

/** Start of the OS's ephemeral port range (Linux reads it from /proc; elsewhere the usual value). */
export async function ephemeralRangeStart(
  rangeFile = '/proc/sys/net/ipv4/ip_local_port_range',
): Promise<number> {
  try {
    const [low] = (await readFile(rangeFile, 'utf8')).trim().split(/\s+/).map(Number);
    if (low !== undefined && Number.isInteger(low) && low > 0) return low;
  } catch {
    // Not Linux, or not readable: assume the usual range.
  }
  return DEFAULT_EPHEMERAL_START;
}

/**
 * A port that was free a moment ago on `host`, for a child process to bind soon after.
 *
 * The port is picked at random below the OS's ephemeral range, not with `listen(0)`: a port from
 * the ephemeral range can be taken in the meantime by any process that binds port 0 or opens an
 * outgoing connection (parallel test suites do both all the time), and then a readiness probe may
 * reach somebody else's server. Below that range only another explicit choice can collide, and a
 * port is never handed out twice by the same process. Falls back to an OS-chosen port when the
 * range below is too small or every attempt was taken.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const high = Math.min(await ephemeralRangeStart(), DEFAULT_EPHEMERAL_START) - 1;
  if (high - LOWEST_CANDIDATE >= 1_000) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const port = randomInt(LOWEST_CANDIDATE, high + 1);
      if (handedOut.has(port)) continue;
      try {
        await listenOnce(port, host);
        handedOut.add(port);
        return port;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      }
    }
  }
  const port = await listenOnce(0, host);
  handedOut.add(port);
  return port;
}
