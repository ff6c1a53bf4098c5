import {
  BAD_TOKEN_CODES,
  createTestApp,
  createTestIssuer,
  expectUnauthorized,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

describe('JwtAuthGuard: tokens (real guard, test issuer keys)', () => {
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

  it('rejects a request without a token: 401 token_missing', async () => {
    expectUnauthorized(await t.http.get('/admin/me'), 'token_missing');
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Token abc'])(
    'treats Authorization "%s" as no bearer token',
    async (header) => {
      expectUnauthorized(
        await t.http.get('/admin/me').set('authorization', header),
        'token_missing',
      );
    },
  );

  it('never reads a token from the query string or a cookie', async () => {
    const token = issuer.token();
    expectUnauthorized(await t.http.get(`/admin/me?access_token=${token}`), 'token_missing');
    expectUnauthorized(
      await t.http.get('/admin/me').set('cookie', `access_token=${token}`),
      'token_missing',
    );
  });

  it.each(Object.entries(BAD_TOKEN_CODES))('rejects the %s token with %s', async (name, code) => {
    const make = issuer.bad[name as keyof typeof BAD_TOKEN_CODES];
    const token = make();
    const res = await t.as(token).get('/admin/me');
    expectUnauthorized(res, code);
    expect(res.text).not.toContain(token);
  });

  it('rejects jku and x5u headers pointing at an attacker, without fetching them', async () => {
    const attackerUrl = `${issuer.baseUrl}/attacker/jwks.json`;
    expectUnauthorized(
      await t.as(issuer.bad.jkuHeader(attackerUrl)).get('/admin/me'),
      'unknown_key',
    );
    expectUnauthorized(
      await t.as(issuer.bad.x5uHeader(attackerUrl)).get('/admin/me'),
      'unknown_key',
    );
    expect(issuer.otherRequests).toBe(0);
  });

  it('rejects an over-long bearer value as malformed', async () => {
    expectUnauthorized(await t.as('a'.repeat(10_000)).get('/admin/me'), 'token_malformed');
  });

  it('accepts a valid token and injects the verified user', async () => {
    const token = issuer.token({
      sub: 'user_42',
      sid: 'session_42',
      org_id: 'org_7',
      role: 'admin',
      roles: ['admin', 'billing'],
      permissions: ['widgets:read'],
      entitlements: ['audit-logs'],
      feature_flags: ['beta'],
      act: { sub: 'support@example.com' },
    });
    const exp = (
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }
    ).exp;
    const res = await t.as(token).get('/admin/me');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['etag']).toBeUndefined();
    expect(res.body).toEqual({
      id: 'user_42',
      sessionId: 'session_42',
      organizationId: 'org_7',
      role: 'admin',
      roles: ['admin', 'billing'],
      permissions: ['widgets:read'],
      entitlements: ['audit-logs'],
      featureFlags: ['beta'],
      impersonatedBy: 'support@example.com',
      expiresAt: new Date(exp * 1000).toISOString(),
    });
  });

  it('maps a token without org claims to nulls and empty lists', async () => {
    const res = await t
      .as(
        issuer.token(
          {},
          { omit: ['org_id', 'role', 'roles', 'permissions', 'entitlements', 'feature_flags'] },
        ),
      )
      .get('/admin/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      organizationId: null,
      role: null,
      roles: [],
      permissions: [],
      impersonatedBy: null,
    });
  });

  it('accepts a token whose aud names this client (emulator style)', async () => {
    const res = await t.as(issuer.token({ aud: issuer.clientId })).get('/admin/me');
    expect(res.status).toBe(200);
  });

  it('accepts an expiry inside the clock tolerance, rejects one beyond it', async () => {
    expect((await t.as(issuer.token({}, { expiresIn: -2 })).get('/admin/me')).status).toBe(200);
    expectUnauthorized(
      await t.as(issuer.token({}, { expiresIn: -30 })).get('/admin/me'),
      'token_expired',
    );
  });

  it('takes identity from the token only, never from request headers', async () => {
    const res = await t
      .as({ sub: 'user_real', org_id: 'org_real' })
      .get('/admin/me')
      .set('x-user-id', 'user_forged')
      .set('x-org-id', 'org_forged')
      .set('x-forwarded-user', 'user_forged');
    expect(res.body).toMatchObject({ id: 'user_real', organizationId: 'org_real' });
  });

  it('serves the same verified user again from the cache (repeated requests)', async () => {
    const token = issuer.token({ sub: 'user_cached' });
    for (let i = 0; i < 3; i += 1) {
      const res = await t.as(token).get('/admin/me');
      expect(res.body).toMatchObject({ id: 'user_cached' });
    }
  });

  it('answers 200 on public routes with no, valid or invalid tokens', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await t.as(issuer.token()).get('/health')).status).toBe(200);
    expect((await t.as(issuer.bad.tamperedSignature()).get('/health')).status).toBe(200);
  });
});
