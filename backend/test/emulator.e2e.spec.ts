import {
  ADA,
  EXAMPLE_CORP_ID,
  MAX,
  createEmulator,
  type Emulator,
} from '@gatehouse/workos-emulator';
import request from 'supertest';
import { loadBackendConfig, startBackend, type RunningBackend } from '../src/index.js';

/** Short cooldown so the rotation test does not wait 30 s; everything else is production config. */
const COOLDOWN_MS = 300;

describe('tokens minted by the workos-emulator are accepted end to end (emulator JWKS + real guard)', () => {
  let emulator: Emulator;
  let backend: RunningBackend;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
    const config = loadBackendConfig({
      WORKOS_CLIENT_ID: emulator.clientId,
      WORKOS_API_BASE_URL: emulator.url,
    });
    backend = await startBackend({
      port: 0,
      config: { ...config, jwks: { ...config.jwks, cooldownMs: COOLDOWN_MS } },
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await backend.close();
    await emulator.close();
  });

  const me = (token: string, path = '/admin/me') =>
    request(backend.url).get(path).set('authorization', `Bearer ${token}`);

  it('derives the same issuer and JWKS URL as the emulator advertises', () => {
    expect(backend.config.issuers).toEqual([emulator.issuer]);
    expect(backend.config.jwksUrl).toBe(emulator.jwksUrl);
  });

  it('verifies an admin session and maps its claims', async () => {
    const session = await emulator.issueSession({
      email: ADA.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    const res = await me(session.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ADA.id,
      sessionId: session.sessionId,
      organizationId: EXAMPLE_CORP_ID,
      role: 'admin',
      roles: expect.arrayContaining(['admin']),
      permissions: expect.arrayContaining(['users:read']),
    });
    expect((await me(session.accessToken, '/admin/overview')).status).toBe(200);
  });

  it('keeps the admin overview from a member', async () => {
    const session = await emulator.issueSession({
      email: MAX.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    expect((await me(session.accessToken)).body).toMatchObject({ id: MAX.id, role: 'member' });
    const overview = await me(session.accessToken, '/admin/overview');
    expect(overview.status).toBe(403);
    expect(overview.body).toMatchObject({ code: 'insufficient_scope' });
  });

  it('follows an emulator key rotation with one refetch', async () => {
    const before = await emulator.issueSession({
      email: ADA.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    expect((await me(before.accessToken)).status).toBe(200);
    await emulator.rotateKeys();
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 50));
    const after = await emulator.issueSession({
      email: ADA.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    const header = (t: string) =>
      JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header(after.accessToken).kid).not.toBe(header(before.accessToken).kid);
    const jwksCalls = () => emulator.stats().endpoints['GET /sso/jwks/:clientId'] ?? 0;
    const fetchesBefore = jwksCalls();
    const results = await Promise.all(Array.from({ length: 5 }, () => me(after.accessToken)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(jwksCalls()).toBe(fetchesBefore + 1);
  });

  it('rejects an emulator token whose signature was tampered with', async () => {
    const session = await emulator.issueSession({
      email: ADA.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    const [h, p, s] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user_someone_else' })).toString('base64url')}.${s}`;
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'signature_invalid' });
  });
});
