import {
  AccessFixtureController,
  PublicFixtureController,
} from './fixtures/access-fixture.controller.js';
import {
  createTestApp,
  createTestIssuer,
  expectForbidden,
  expectUnauthorized,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

describe.each(['issuer', 'bypass'] as const)('roles and permissions (%s mode)', (mode) => {
  let issuer: TestIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({
      issuer,
      mode,
      controllers: [AccessFixtureController, PublicFixtureController],
    });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('applies the class-level rule and injects one field with @CurrentUser(field)', async () => {
    const res = await t
      .as({ role: 'member', roles: ['member'], org_id: 'org_9' })
      .get('/fixture/class-rule');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organizationId: 'org_9' });
    expectForbidden(await t.as({ role: 'guest', roles: ['guest'] }).get('/fixture/class-rule'));
  });

  it('counts the single `role` claim as a role', async () => {
    const res = await t.as({ role: 'admin', roles: undefined }).get('/fixture/class-rule');
    expect(res.status).toBe(200);
  });

  it('lets handler metadata override class metadata (stricter all-of)', async () => {
    expectForbidden(
      await t.as({ role: 'admin', roles: ['admin'] }).get('/fixture/handler-all-roles'),
    );
    const ok = await t
      .as({ sub: 'user_aud', roles: ['admin', 'auditor'] })
      .get('/fixture/handler-all-roles');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: 'user_aud' });
  });

  it('lets handler metadata override class metadata (looser any-of)', async () => {
    const res = await t.as({ role: 'guest', roles: ['guest'] }).get('/fixture/handler-any-role');
    expect(res.status).toBe(200);
  });

  it('checks permissions any-of', async () => {
    expect((await t.as({ permissions: ['widgets:write'] }).get('/fixture/perm-any')).status).toBe(
      200,
    );
    expectForbidden(await t.as({ permissions: ['gadgets:read'] }).get('/fixture/perm-any'));
  });

  it('checks permissions all-of', async () => {
    expectForbidden(await t.as({ permissions: ['widgets:read'] }).get('/fixture/perm-all'));
    const both = await t
      .as({ permissions: ['widgets:read', 'widgets:write'] })
      .get('/fixture/perm-all');
    expect(both.status).toBe(200);
  });

  it('combines roles and permissions with "either"', async () => {
    expect((await t.as({ roles: ['owner'] }).get('/fixture/either')).status).toBe(200);
    expect((await t.as({ permissions: ['widgets:admin'] }).get('/fixture/either')).status).toBe(
      200,
    );
    expectForbidden(await t.as({ roles: ['member'], permissions: [] }).get('/fixture/either'));
  });

  it('gives 403, never 500, when the token has no role or permission claims at all', async () => {
    const token = issuer.token({}, { omit: ['role', 'roles', 'permissions'] });
    const user =
      mode === 'bypass'
        ? t.as({ role: undefined, roles: undefined, permissions: undefined })
        : t.as(token);
    expectForbidden(await user.get('/fixture/perm-any'));
    expectForbidden(await user.get('/admin/overview'));
  });

  it('opens /admin/overview to the admin role or an admin permission only', async () => {
    expect((await t.as({ role: 'admin', roles: ['admin'] }).get('/admin/overview')).status).toBe(
      200,
    );
    const byPermission = await t
      .as({ role: 'member', roles: ['member'], permissions: ['admin:read'] })
      .get('/admin/overview');
    expect(byPermission.status).toBe(200);
    expect(byPermission.body).toMatchObject({ viewerId: 'user_01TESTUSER', signingKeys: 1 });
    expectForbidden(await t.as({ role: 'member', roles: ['member'] }).get('/admin/overview'));
  });

  it('requires authentication on guarded routes', async () => {
    expectUnauthorized(await t.http.get('/fixture/class-rule'), 'token_missing');
  });

  it('sets the user on a public route when the token is valid', async () => {
    expect((await t.as({ sub: 'user_pub' }).get('/fixture-public')).body).toEqual({
      user: 'user_pub',
    });
    expect((await t.http.get('/fixture-public')).body).toEqual({ user: null });
  });
});

describe('public route with an invalid token', () => {
  it('ignores the token and serves the route anonymously', async () => {
    const issuer = await createTestIssuer();
    const t = await createTestApp({
      issuer,
      controllers: [AccessFixtureController, PublicFixtureController],
    });
    try {
      for (const token of [issuer.bad.expired(), issuer.bad.algNone(), issuer.bad.unknownKid()]) {
        const res = await t.as(token).get('/fixture-public');
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ user: null });
      }
    } finally {
      await t.close();
      await issuer.close();
    }
  });
});
