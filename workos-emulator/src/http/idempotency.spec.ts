import { IdempotencyCache } from './idempotency.js';

describe('IdempotencyCache', () => {
  it('runs the handler once per key and scope, and shares a pending result', async () => {
    const cache = new IdempotencyCache(() => 0);
    let runs = 0;
    const handler = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { status: 200, body: { n: runs } };
    };
    const [a, b] = await Promise.all([cache.run('s', 'k', handler), cache.run('s', 'k', handler)]);
    expect(a).toEqual({ status: 200, body: { n: 1 } });
    expect(b).toBe(a);
    expect((await cache.run('other-scope', 'k', handler)).body).toEqual({ n: 2 });
    expect(runs).toBe(2);
  });

  it('forgets server errors and thrown errors, so a retry runs again', async () => {
    const cache = new IdempotencyCache(() => 0);
    expect(
      (await cache.run('s', 'k', () => Promise.resolve({ status: 503, body: {} }))).status,
    ).toBe(503);
    expect(
      (await cache.run('s', 'k', () => Promise.resolve({ status: 200, body: {} }))).status,
    ).toBe(200);
    await expect(cache.run('s', 'x', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(
      (await cache.run('s', 'x', () => Promise.resolve({ status: 201, body: {} }))).status,
    ).toBe(201);
  });

  it('expires records after 24 hours', async () => {
    let now = 0;
    const cache = new IdempotencyCache(() => now);
    await cache.run('s', 'k', () => Promise.resolve({ status: 200, body: 1 }));
    now += 24 * 3600 * 1000;
    expect((await cache.run('s', 'k', () => Promise.resolve({ status: 200, body: 2 }))).body).toBe(
      2,
    );
  });
});
