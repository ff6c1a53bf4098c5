// The example of docs/adding-a-protected-route.md, compiled and run so the doc stays true.
import { ProjectsModule } from './fixtures/projects/projects.module.js';
import {
  createTestApp,
  createTestIssuer,
  expectForbidden,
  expectUnauthorized,
  listRoutes,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

describe('GET /projects (docs example)', () => {
  let issuer: TestIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({ issuer, imports: [ProjectsModule] });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('needs a token', async () => {
    expectUnauthorized(await t.http.get('/projects'), 'token_missing');
  });

  it('needs the projects:read permission', async () => {
    expectForbidden(await t.as({ permissions: [] }).get('/projects'));
  });

  it("lists only the caller's organization's projects", async () => {
    const res = await t
      .as({ org_id: 'org_01TESTORG', permissions: ['projects:read'] })
      .get('/projects');
    expect(res.status).toBe(200);
    expect((res.body as { name: string }[]).map((p) => p.name)).toEqual(['Apollo', 'Gemini']);
  });

  it('injects the whole user with @CurrentUser()', async () => {
    const res = await t
      .as({ sub: 'user_7', roles: ['member'], permissions: ['projects:read'] })
      .get('/projects/mine');
    expect(res.body).toEqual({ userId: 'user_7', roles: ['member'] });
  });

  it('is guarded, not public', () => {
    const routes = listRoutes(t.app).filter((r) => r.controller === 'ProjectsController');
    expect(routes.map((r) => [r.route, r.isPublic])).toEqual([
      ['GET /projects', false],
      ['GET /projects/mine', false],
    ]);
  });
});
