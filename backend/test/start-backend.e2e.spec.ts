import request from 'supertest';
import { BackendConfigError, startBackend } from '../src/index.js';
import { createTestIssuer, type TestIssuer } from './kit/index.js';

describe('startBackend (the in-process entry point other packages use)', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await createTestIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it('listens on 127.0.0.1 with a random port, verifies tokens from the env-configured JWKS, closes', async () => {
    const backend = await startBackend({
      port: 0,
      env: { WORKOS_CLIENT_ID: issuer.clientId, WORKOS_API_BASE_URL: issuer.baseUrl },
      logLevel: 'silent',
    });
    try {
      expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(backend.port).toBeGreaterThan(0);
      expect((await request(backend.url).get('/health')).body).toEqual({ status: 'ok' });
      const me = await request(backend.url)
        .get('/admin/me')
        .set('authorization', `Bearer ${issuer.token({ sub: 'user_env' })}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: 'user_env' });
      expect((await request(backend.url).get('/health/ready')).status).toBe(200);
    } finally {
      await backend.close();
    }
    await expect(request(backend.url).get('/health')).rejects.toThrow();
  });

  it('keeps two backends in one process apart (own keys, own client id)', async () => {
    const other = await createTestIssuer({ clientId: 'client_02OTHER' });
    const a = await startBackend({
      port: 0,
      env: { WORKOS_CLIENT_ID: issuer.clientId, WORKOS_API_BASE_URL: issuer.baseUrl },
      logLevel: 'silent',
    });
    const b = await startBackend({
      port: 0,
      env: { WORKOS_CLIENT_ID: other.clientId, WORKOS_API_BASE_URL: other.baseUrl },
      logLevel: 'silent',
    });
    try {
      const tokenA = issuer.token();
      const tokenB = other.token();
      const get = (url: string, token: string) =>
        request(url).get('/admin/me').set('authorization', `Bearer ${token}`);
      expect((await get(a.url, tokenA)).status).toBe(200);
      expect((await get(b.url, tokenB)).status).toBe(200);
      expect((await get(a.url, tokenB)).body).toMatchObject({ code: 'issuer_mismatch' });
      expect((await get(b.url, tokenA)).body).toMatchObject({ code: 'issuer_mismatch' });
    } finally {
      await a.close();
      await b.close();
      await other.close();
    }
  });

  it('rejects a bad environment with an error naming the variable', async () => {
    await expect(startBackend({ port: 0, env: {} })).rejects.toThrow(
      new BackendConfigError('WORKOS_CLIENT_ID', 'is required'),
    );
    await expect(
      startBackend({
        port: 0,
        env: { WORKOS_CLIENT_ID: 'c', WORKOS_API_BASE_URL: 'http://evil.example' },
      }),
    ).rejects.toThrow(/WORKOS_API_BASE_URL/);
  });
});
