import { setTimeout as sleep } from 'node:timers/promises';
import { KeySource } from '../src/auth/key-source.js';
import {
  createTestApp,
  createTestIssuer,
  expectUnauthorized,
  FakeClock,
  TestKeySource,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

/** Seconds since the epoch in a token's `exp`. */
const expOf = (token: string): number =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp;

describe('JwtAuthGuard: the verified-token cache (hit path, real guard)', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let keys: TestKeySource;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    // No clock tolerance, so the expiry below needs no extra wait.
    t = await createTestApp({ issuer, config: { clockToleranceSeconds: 0 } });
    keys = t.app.get(KeySource);
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('verifies a token once and answers its repeats with the identical user', async () => {
    const token = issuer.token({
      sub: 'user_repeat',
      org_id: 'org_1',
      roles: ['member'],
      permissions: ['widgets:read'],
      act: { sub: 'support@example.com' },
    });
    const before = keys.lookups;
    const first = await t.as(token).get('/admin/me');
    expect(first.status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      const again = await t.as(token).get('/admin/me');
      expect(again.status).toBe(200);
      expect(again.headers['cache-control']).toBe('no-store');
      expect(again.body).toEqual(first.body);
    }
    expect(keys.lookups - before).toBe(1);
  });

  it('still enforces roles on a cache hit', async () => {
    const token = issuer.token({ role: 'member', roles: ['member'], permissions: [] });
    expect((await t.as(token).get('/admin/me')).status).toBe(200);
    const res = await t.as(token).get('/admin/overview');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'insufficient_scope' });
  });

  it('rejects a cached token once it has expired (token_expired)', async () => {
    const token = issuer.token({ sub: 'user_expiring' }, { expiresIn: 1 });
    expect((await t.as(token).get('/admin/me')).status).toBe(200);
    expect((await t.as(token).get('/admin/me')).status).toBe(200);
    await sleep(Math.max(0, expOf(token) * 1000 - Date.now()) + 20);
    const res = await t.as(token).get('/admin/me');
    expectUnauthorized(res, 'token_expired');
  });

  it('does not let a token that differs only before its last characters use the entry', async () => {
    const token = issuer.token({ sub: 'user_tail' });
    expect((await t.as(token).get('/admin/me')).status).toBe(200);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: 'user_other' })).toString(
      'base64url',
    );
    expectUnauthorized(
      await t.as(`${header}.${forgedPayload}.${signature}`).get('/admin/me'),
      'signature_invalid',
    );
  });
});

describe('the verified-token cache after a key rotation (real JwksKeySource over HTTP)', () => {
  const COOLDOWN_MS = 30_000;
  let issuer: TestIssuer;
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    issuer = await createTestIssuer();
    clock = new FakeClock();
    t = await createTestApp({ issuer, mode: 'jwks', clock });
  });
  afterEach(async () => {
    await t.close();
    await issuer.close();
  });

  it('refuses a cached token once the JWKS has dropped its key and was fetched again', async () => {
    const oldToken = issuer.token({ sub: 'user_old_key' });
    expect((await t.as(oldToken).get('/admin/me')).status).toBe(200);
    expect((await t.as(oldToken).get('/admin/me')).status).toBe(200);

    issuer.rotate();
    clock.advance(COOLDOWN_MS + 1);
    // A token of the new key makes the backend fetch the JWKS, which no longer lists the old key.
    expect((await t.as({ sub: 'user_new_key' }).get('/admin/me')).status).toBe(200);
    expect(issuer.jwksRequests).toBe(2);

    expectUnauthorized(await t.as(oldToken).get('/admin/me'), 'unknown_key');
  });

  it('keeps serving a cached token whose key the JWKS still lists', async () => {
    const oldToken = issuer.token({ sub: 'user_old_key' });
    expect((await t.as(oldToken).get('/admin/me')).status).toBe(200);

    issuer.rotate({ keepPrevious: true });
    clock.advance(COOLDOWN_MS + 1);
    expect((await t.as({ sub: 'user_new_key' }).get('/admin/me')).status).toBe(200);
    expect(issuer.jwksRequests).toBe(2);

    const again = await t.as(oldToken).get('/admin/me');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: 'user_old_key' });
  });
});
