import { ADA, EXAMPLE_CORP_ID, createEmulator, type Emulator } from '@gatehouse/workos-emulator';
import request from 'supertest';
import { loadBackendConfig, startBackend, type RunningBackend } from '../src/index.js';
import { createTestApp, createTestIssuer, type TestApp, type TestIssuer } from './kit/index.js';

/** Every admin console route, with a syntactically valid id where one is needed. */
const ADMIN_ROUTES: [method: 'get' | 'post' | 'patch' | 'delete', path: string, body: object][] = [
  ['get', '/members', {}],
  ['patch', '/members/om_01ABC', { roleSlug: 'member' }],
  ['delete', '/members/om_01ABC', {}],
  ['get', '/members/om_01ABC/sessions', {}],
  ['post', '/members/om_01ABC/sessions/session_01ABC/revoke', {}],
  ['get', '/invitations', {}],
  ['post', '/invitations', { email: 'new@example.com', roleSlug: 'member' }],
  ['post', '/invitations/invitation_01ABC/resend', {}],
  ['post', '/invitations/invitation_01ABC/revoke', {}],
  ['get', '/roles', {}],
  ['get', '/me/sessions', {}],
  ['post', '/me/sessions/session_01ABC/revoke', {}],
  ['get', '/me/organizations', {}],
];

const ALL_PERMISSIONS = ['users:read', 'users:write', 'sessions:read', 'sessions:revoke'];

describe('admin API without WORKOS_API_KEY', () => {
  let issuer: TestIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({ issuer });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it.each(ADMIN_ROUTES)('%s %s answers 503 admin_api_unconfigured', async (method, path, body) => {
    const caller = t.as({ role: 'admin', permissions: ALL_PERMISSIONS });
    const res = method === 'get' ? await caller.get(path) : await caller[method](path).send(body);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'admin_api_unconfigured',
      message: expect.stringContaining('WORKOS_API_KEY'),
      retryable: false,
    });
  });

  it('still checks the token first (401 without one)', async () => {
    expect((await t.http.get('/members')).status).toBe(401);
  });

  it('says so in /health/ready, which stays ready for token checks', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', adminApi: { status: 'unconfigured' } });
  });
});

describe('startBackend reads WORKOS_API_KEY from its environment', () => {
  let emulator: Emulator;
  let backend: RunningBackend;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
    backend = await startBackend({
      port: 0,
      logLevel: 'silent',
      env: {
        WORKOS_CLIENT_ID: emulator.clientId,
        WORKOS_API_BASE_URL: emulator.url,
        WORKOS_API_KEY: emulator.apiKey,
      },
    });
  });
  afterAll(async () => {
    await backend.close();
    await emulator.close();
  });

  it('reports the admin API as configured and calls WorkOS with the key', async () => {
    const ready = await request(backend.url).get('/health/ready');
    expect(ready.body).toMatchObject({ adminApi: { status: 'configured' } });
    const session = await emulator.issueSession({
      email: ADA.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    const res = await request(backend.url)
      .get('/me/organizations')
      .set('authorization', `Bearer ${session.accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [{ id: EXAMPLE_CORP_ID, name: 'Example Corp', role: 'admin', current: true }],
    });
  });

  it('refuses a malformed WORKOS_API_KEY at start, naming the variable only', async () => {
    const config = loadBackendConfig({ WORKOS_CLIENT_ID: 'client_1' });
    await expect(
      startBackend({
        port: 0,
        config,
        logLevel: 'silent',
        env: { WORKOS_CLIENT_ID: 'client_1', WORKOS_API_KEY: 'sk with spaces' },
      }),
    ).rejects.toThrow(/^Invalid configuration: WORKOS_API_KEY must be/);
  });
});
