import { createServer } from 'node:net';

import { assertRedisReachable, RedisUnreachableError } from './redis-check.js';
import { findFreePort } from './ports.js';

describe('assertRedisReachable', () => {
  it('resolves when something listens at the URL', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(assertRedisReachable(`redis://127.0.0.1:${port}`)).resolves.toBeUndefined();
    server.close();
  });

  it('says how to get Redis when nothing listens', async () => {
    const port = await findFreePort();
    const failure = assertRedisReachable(`redis://127.0.0.1:${port}`);
    await expect(failure).rejects.toBeInstanceOf(RedisUnreachableError);
    await expect(failure).rejects.toThrow(/apt-get install redis-server/);
  });
});
