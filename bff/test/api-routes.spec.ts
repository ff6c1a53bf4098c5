import { readFileSync } from 'node:fs';

import { startBackend, type RunningBackend } from '@gatehouse/backend';
import request from 'supertest';

import { BACKEND_API_ROUTES } from '../src/proxy/api-routes.generated.js';
import { renderRoutesModule, routesFromOpenApi } from '../src/proxy/api-routes.js';
import { type EchoUpstream, startEchoUpstream } from './support/echo-upstream.js';
import { type Harness, startHarness } from './support/harness.js';
import { plantSession, type PlantedSession } from './support/planted-session.js';
import { TEST_PUBLIC_URL, testConfig } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';

describe("the BFF's route list is the backend's", () => {
  let backend: RunningBackend;
  beforeAll(async () => {
    backend = await startBackend({
      port: 0,
      env: { WORKOS_CLIENT_ID: 'client_route_listing', WORKOS_API_BASE_URL: 'http://127.0.0.1:9' },
      logLevel: 'silent',
    });
  });
  afterAll(() => backend.close());

  it('equals the operations of the backend OpenAPI document (else run `npm run api-routes` in bff/)', async () => {
    const doc = await request(backend.url).get('/docs-json');
    expect(doc.status).toBe(200);
    const fromBackend = routesFromOpenApi(doc.body);
    expect(fromBackend).toEqual(expect.arrayContaining([{ method: 'GET', path: '/admin/me' }]));
    expect(BACKEND_API_ROUTES).toEqual(fromBackend);
    const file = readFileSync(new URL('../src/proxy/api-routes.generated.ts', import.meta.url));
    expect(file.toString('utf8')).toBe(renderRoutesModule(fromBackend));
  });
});

describe('/api allow-list (the generated backend routes)', () => {
  const tripwire = new Tripwire();
  let echo: EchoUpstream;
  let h: Harness;
  let session: PlantedSession;
  const ok = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };

  beforeAll(async () => {
    echo = await startEchoUpstream();
    h = await startHarness({
      config: testConfig({ BACKEND_URL: echo.url }),
      tripwire,
      apiRoutes: BACKEND_API_ROUTES,
    });
    session = await plantSession(h.config, h.store, { now: Date.now() });
    tripwire.addSecret(session.accessToken);
    tripwire.addSecret(session.refreshToken);
  });
  afterAll(async () => {
    await h.close();
    await echo.close();
    expect(tripwire.leaks()).toEqual([]);
  });
  beforeEach(() => {
    echo.received.length = 0;
  });

  const call = (method: 'get' | 'head' | 'post' | 'delete' | 'options', path: string) =>
    request(h.url)[method](path).set(ok).set('Cookie', session.cookie);

  it('forwards mapped routes (GET and HEAD; query and trailing slash as Express routes them)', async () => {
    expect((await call('get', '/api/admin/me?x=1')).status).toBe(200);
    expect((await call('head', '/api/admin/overview')).status).toBe(200);
    expect((await call('get', '/api/admin/me/')).status).toBe(200);
    expect(echo.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /admin/me?x=1',
      'HEAD /admin/overview',
      'GET /admin/me/',
    ]);
  });

  it('404 JSON for an unmapped path, without calling the backend, with or without a session', async () => {
    for (const path of ['/api/admin/users', '/api/admin', '/api/admin/me/x', '/api/docs', '/api']) {
      const res = await call('get', path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body).toEqual({ error: 'not_found' });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect((await request(h.url).post('/api/nothing').set(ok)).status).toBe(404);
    expect(echo.received).toHaveLength(0);
  });

  it('405 with Allow for a method the route does not have, without calling the backend', async () => {
    for (const method of ['post', 'delete', 'options'] as const) {
      const res = await call(method, '/api/admin/me');
      expect([method, res.status]).toEqual([method, 405]);
      expect(res.body).toEqual({ error: 'method_not_allowed' });
      expect(res.headers['allow']).toBe('GET, HEAD');
    }
    expect(echo.received).toHaveLength(0);
  });
});
