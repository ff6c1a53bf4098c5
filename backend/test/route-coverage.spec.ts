import { AccessFixtureController } from './fixtures/access-fixture.controller.js';
import { PUBLIC_MOUNTS, PUBLIC_ROUTES } from '../src/auth/public-routes.js';
import {
  createTestApp,
  createTestIssuer,
  expectUnauthorized,
  listExpressPaths,
  listRoutes,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

describe('route coverage: every route is guarded unless allow-listed', () => {
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

  it('has exactly the allow-listed @Public() routes', () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(PUBLIC_ROUTES.length);
    const publicRoutes = routes.filter((r) => r.isPublic).map((r) => r.route);
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('registers no Express route that is neither a controller route nor an allow-listed mount', () => {
    expect(listExpressPaths(t.app)).toEqual(expect.arrayContaining(['/admin/me', '/docs']));
    const controllerPaths = new Set(listRoutes(t.app).map((r) => r.route.split(' ')[1]));
    const stray = listExpressPaths(t.app).filter(
      (p) =>
        !controllerPaths.has(p) && !PUBLIC_MOUNTS.some((m) => p === m || p.startsWith(`${m}/`)),
    );
    expect(stray).toEqual([]);
  });

  it('answers 401 token_missing on every non-public route without a token', async () => {
    for (const { route } of listRoutes(t.app).filter((r) => !r.isPublic)) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await t.http[method.toLowerCase() as 'get'](path);
      expectUnauthorized(res, 'token_missing');
    }
  });

  it('has no public route that also demands roles or permissions (a contradiction)', () => {
    const routes = listRoutes(t.app);
    expect(routes.some((r) => r.requiresScope)).toBe(true);
    expect(routes.filter((r) => r.isPublic && r.requiresScope)).toEqual([]);
  });

  it('detects a controller added without a decision (fixture routes are guarded)', async () => {
    const withFixture = await createTestApp({ issuer, controllers: [AccessFixtureController] });
    try {
      const fixtureRoutes = listRoutes(withFixture.app).filter(
        (r) => r.controller === 'AccessFixtureController',
      );
      expect(fixtureRoutes.length).toBeGreaterThan(0);
      expect(fixtureRoutes.every((r) => !r.isPublic)).toBe(true);
    } finally {
      await withFixture.close();
    }
  });

  it('serves Swagger at /docs (public) with the bearer scheme declared', async () => {
    expect((await t.http.get('/docs')).status).toBe(200);
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
    });
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/health/ready', '/admin/me', '/admin/overview']),
    );
  });
});
