import { GenericServerException, RateLimitExceededException } from '@workos-inc/node';
import {
  ADA,
  EXAMPLE_CORP_ID,
  completeSignIn,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { call, post } from './http.helpers.js';
import { CALLBACK, COOKIE_PASSWORD, sdkFor } from './sdk.helpers.js';

const AUTHENTICATE = 'POST /user_management/authenticate';

describe('injected faults', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.reset();
  });

  it('fails the next `times` calls with the status, then recovers', async () => {
    emulator.inject({ route: '/health', status: 503, times: 2 });
    expect((await call(emulator, '/health')).status).toBe(503);
    const second = await call(emulator, '/health');
    expect(second.status).toBe(503);
    expect(second.json).toEqual({ code: 'injected_fault', message: 'Injected fault' });
    expect(second.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await call(emulator, '/health')).status).toBe(200);
    expect(emulator.stats().statuses['GET /health']).toEqual({ '200': 1, '503': 2 });
  });

  it('management endpoints fail by endpoint name or pattern, and the SDK sees the status', async () => {
    const workos = sdkFor(emulator);
    emulator.inject({ route: 'GET /user_management/organization_memberships', status: 503 });
    const list = workos.userManagement.listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
    });
    await expect(list).rejects.toBeInstanceOf(GenericServerException);
    await expect(list).rejects.toMatchObject({ status: 503 });
    emulator.inject({ route: '/organizations/:id', status: 429 });
    const org = workos.organizations.getOrganization(EXAMPLE_CORP_ID);
    await expect(org).rejects.toBeInstanceOf(RateLimitExceededException);
    await expect(org).rejects.toMatchObject({ retryAfter: 1 });
    const recovered = await workos.userManagement.listOrganizationMemberships({
      organizationId: EXAMPLE_CORP_ID,
    });
    expect(recovered.data.length).toBeGreaterThan(0);
    expect(emulator.stats().statuses['GET /user_management/organization_memberships']).toEqual({
      '200': 1,
      '503': 1,
    });
  });

  it('a refresh outage is retryable for the SDK and does not consume the token', async () => {
    const workos = sdkFor(emulator);
    const issued = await emulator.issueSession({ email: ADA.email });
    emulator.inject({ route: AUTHENTICATE, grantType: 'refresh_token', status: 503 });
    await expect(
      workos.userManagement.authenticateWithRefreshToken({ refreshToken: issued.refreshToken }),
    ).rejects.toBeInstanceOf(GenericServerException);
    const ok = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: issued.refreshToken,
    });
    expect(ok.user.id).toBe(ADA.id);
    expect(emulator.stats().grants).toEqual({ refresh_token: 2 });
  });

  it('sealed-session refresh reports an injected 503 as retryable and a 429 as rate limited', async () => {
    const workos = sdkFor(emulator);
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    const code = (await completeSignIn(url, { email: ADA.email })).searchParams.get('code') ?? '';
    const { sealedSession } = await workos.userManagement.authenticateWithCode({
      code,
      session: { sealSession: true, cookiePassword: COOKIE_PASSWORD },
    });
    const session = workos.userManagement.loadSealedSession({
      sessionData: sealedSession ?? '',
      cookiePassword: COOKIE_PASSWORD,
    });
    emulator.inject({ route: '/user_management/authenticate', status: 503 });
    await expect(session.refresh()).resolves.toMatchObject({
      authenticated: false,
      retryable: true,
      reason: 'server_error',
    });
    emulator.inject({ route: '/user_management/authenticate', status: 429 });
    await expect(session.refresh()).resolves.toMatchObject({
      authenticated: false,
      retryable: true,
      reason: 'rate_limit_exceeded',
    });
    await expect(session.refresh()).resolves.toMatchObject({ authenticated: true });
  });

  it('a grantType filter leaves other grants alone', async () => {
    emulator.inject({ route: AUTHENTICATE, grantType: 'authorization_code', status: 500 });
    const issued = await emulator.issueSession({ email: ADA.email });
    const ok = await sdkFor(emulator).userManagement.authenticateWithRefreshToken({
      refreshToken: issued.refreshToken,
    });
    expect(ok.accessToken).not.toBe(issued.accessToken);
  });

  it('delays (hangs) a call so that a client timeout fires, then serves it', async () => {
    emulator.inject({ route: '/sso/jwks/:clientId', delayMs: 400 });
    const started = Date.now();
    await expect(fetch(emulator.jwksUrl, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    const served = await fetch(emulator.jwksUrl);
    expect(served.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('delay plus status answers late with the status; JWKS faults match the concrete path', async () => {
    emulator.inject({ route: `/sso/jwks/${emulator.clientId}`, delayMs: 150, status: 502 });
    const started = Date.now();
    expect((await call(emulator, `/sso/jwks/${emulator.clientId}`)).status).toBe(502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses invalid faults', () => {
    expect(() => emulator.inject({ route: '' })).toThrow(TypeError);
    expect(() => emulator.inject({ route: '/health' })).toThrow(/status, a delayMs/);
    expect(() => emulator.inject({ route: '/health', status: 42 })).toThrow(TypeError);
    expect(() => emulator.inject({ route: '/health', status: 500, times: 0 })).toThrow(TypeError);
  });

  it('counts exactly one refresh for concurrent replays of the same token (grace window)', async () => {
    const issued = await emulator.issueSession({ email: ADA.email });
    const workos = sdkFor(emulator);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        workos.userManagement.authenticateWithRefreshToken({ refreshToken: issued.refreshToken }),
      ),
    );
    expect(new Set(results.map((r) => r.refreshToken)).size).toBe(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(emulator.stats().grants['refresh_token']).toBe(5);
    expect(emulator.stats().liveSessions).toBe(1);
  });
});

describe('/__emulator HTTP controls', () => {
  it('are off by default', async () => {
    const emulator = await createEmulator({ port: 0 });
    try {
      expect((await call(emulator, '/__emulator/stats')).status).toBe(404);
      expect((await post(emulator, '/__emulator/reset', '{}')).status).toBe(404);
    } finally {
      await emulator.close();
    }
  });

  it('offer the programmatic controls when enabled', async () => {
    const emulator = await createEmulator({ port: 0, enableTestControls: true });
    try {
      const issued = await post(
        emulator,
        '/__emulator/sessions',
        JSON.stringify({ email: ADA.email }),
      );
      expect(issued.status).toBe(201);
      const sessionId = String(issued.json['sessionId']);
      expect(typeof issued.json['accessToken']).toBe('string');

      expect(
        (await post(emulator, '/__emulator/sessions', JSON.stringify({ email: 'no@x.y' }))).status,
      ).toBe(422);
      expect((await post(emulator, '/__emulator/sessions', '{')).status).toBe(400);
      const impersonated = await post(
        emulator,
        '/__emulator/sessions',
        JSON.stringify({
          email: ADA.email,
          impersonator: { email: 'sam@example.com', reason: 'Ticket 7' },
        }),
      );
      expect(impersonated.status).toBe(201);
      expect(impersonated.json['response']).toMatchObject({
        authentication_method: 'Impersonation',
        impersonator: { email: 'sam@example.com', reason: 'Ticket 7' },
      });
      emulator.revokeSession(String(impersonated.json['sessionId']));
      expect(
        (
          await post(
            emulator,
            '/__emulator/sessions',
            JSON.stringify({ email: ADA.email, impersonator: 'x' }),
          )
        ).status,
      ).toBe(422);

      const revoked = await post(emulator, `/__emulator/sessions/${sessionId}/revoke`, '{}');
      expect(revoked.json).toEqual({ revoked: true });

      const again = await emulator.issueSession({ email: ADA.email });
      const ended = await post(emulator, `/__emulator/users/${ADA.id}/end-sessions`, '{}');
      expect(ended.json).toEqual({ ended: [again.sessionId] });

      const audit = await call(emulator, '/__emulator/audit-log-events?organization_id=org_x');
      expect(audit.json).toEqual({ data: [] });

      const rotated = await post(
        emulator,
        '/__emulator/rotate-keys',
        JSON.stringify({ overlapSeconds: 5 }),
      );
      expect(String(rotated.json['kid'])).toMatch(/^sso_oidc_key_pair_/);
      expect(
        (await post(emulator, '/__emulator/rotate-keys', '{"overlapSeconds":-1}')).status,
      ).toBe(422);

      expect(
        (
          await post(
            emulator,
            '/__emulator/faults',
            JSON.stringify({ route: '/health', status: 500, times: 'always' }),
          )
        ).status,
      ).toBe(201);
      expect((await call(emulator, '/health')).status).toBe(500);
      expect((await call(emulator, '/health')).status).toBe(500);
      expect((await call(emulator, '/__emulator/faults', { method: 'DELETE' })).status).toBe(200);
      expect((await call(emulator, '/health')).status).toBe(200);
      expect(
        (await post(emulator, '/__emulator/faults', JSON.stringify({ route: 1 }))).status,
      ).toBe(422);

      const uri = 'http://127.0.0.1:6553/auth/callback';
      expect(
        (await post(emulator, '/__emulator/redirect-uris', JSON.stringify({ uri }))).status,
      ).toBe(201);
      expect(emulator.seed.clients[0]?.redirectUris).toContain(uri);
      expect(
        (await post(emulator, '/__emulator/redirect-uris', JSON.stringify({ uri: 'nope' }))).status,
      ).toBe(422);
      expect(
        (
          await post(
            emulator,
            '/__emulator/logout-return-uris',
            JSON.stringify({ uri: 'http://127.0.0.1:6553/bye' }),
          )
        ).status,
      ).toBe(201);

      const stats = await call(emulator, '/__emulator/stats');
      expect(stats.json['endpoints']).toEqual({ 'GET /health': 3 });

      expect((await post(emulator, '/__emulator/reset', '{}')).json).toEqual({ reset: true });
      expect(emulator.stats().endpoints).toEqual({});
    } finally {
      await emulator.close();
    }
  });
});
