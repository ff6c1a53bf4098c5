import { spawn } from 'node:child_process';
import { connect } from 'node:net';

import { findFreePort } from '@gatehouse/stack';

/** A `redis-server` child process. */
export interface RedisServer {
  readonly url: string;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('utf8').startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts `redis-server` on a free 127.0.0.1 port without persistence (`--save ''`,
 * `--appendonly no`) and waits for it to answer PING. Rejects when the binary is missing.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await findFreePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error('redis-server exited before it was ready')));
  });
  failed.catch(() => undefined);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), failed]);
    if (await ping(port)) return { url: `redis://127.0.0.1:${port}`, stop };
  }
  await stop();
  throw new Error('redis-server did not answer PING within 10 s');
}
