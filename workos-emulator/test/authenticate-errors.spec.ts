import { ADA, createEmulator, defaultSeed, type Emulator } from '../src/index.js';
import { call, post, type Reply } from './http.helpers.js';

const PATH = '/user_management/authenticate';

describe('POST /user_management/authenticate error branches', () => {
  let emulator: Emulator;
  let now = Date.now();

  beforeAll(async () => {
    const seed = defaultSeed();
    seed.clients.push({
      id: 'client_other',
      apiKey: 'sk_test_other',
      redirectUris: ['http://localhost:4000/cb'],
      logoutReturnUris: [],
    });
    emulator = await createEmulator({ port: 0, seed, now: () => now });
  });
  afterAll(async () => {
    // Whatever happened above, no call may have produced a server error.
    const statuses = Object.values(emulator.stats().statuses).flatMap((s) => Object.keys(s));
    await emulator.close();
    expect(statuses.filter((s) => s.startsWith('5'))).toEqual([]);
  });

  const json = (body: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
    post(emulator, PATH, JSON.stringify(body), 'application/json', headers);
  const withClient = (body: Record<string, unknown>) =>
    json({ client_id: emulator.clientId, client_secret: emulator.apiKey, ...body });

  function expectOAuth(reply: Reply, error: string): void {
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.headers.get('x-request-id')).toMatch(/^req_/);
    expect(reply.json['error']).toBe(error);
    expect(typeof reply.json['error_description']).toBe('string');
  }

  async function codeFor(
    clientId = emulator.clientId,
    redirectUri = 'http://localhost:3000/auth/callback',
  ) {
    const url = new URL('/user_management/authorize', emulator.url);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      provider: 'authkit',
    }).toString();
    const { completeSignIn } = await import('../src/index.js');
    return (
      (await completeSignIn(url.toString(), { email: ADA.email })).searchParams.get('code') ?? ''
    );
  }

  it.each([
    ['malformed JSON', '{"grant_type": "refresh_token",', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"refresh_token"', 'application/json'],
    ['an empty body', '', 'application/json'],
    ['a text body', 'grant_type=refresh_token', 'text/plain'],
  ])('%s is invalid_request', async (_name, body, type) => {
    expectOAuth(await post(emulator, PATH, body, type), 'invalid_request');
  });

  it('a too large body is 413 in the code shape', async () => {
    const reply = await post(emulator, PATH, JSON.stringify({ pad: 'x'.repeat(100_000) }));
    expect(reply.status).toBe(413);
    expect(reply.json['code']).toBe('payload_too_large');
  });

  it.each([
    ['missing grant_type', { client_id: 'client_gatehouse_dev' }, 'invalid_request'],
    ['grant_type of the wrong type', { grant_type: 42 }, 'invalid_request'],
    ['an unknown grant', { grant_type: 'client_credentials' }, 'invalid_request'],
    ['a WorkOS grant the emulator does not emulate', { grant_type: 'password' }, 'invalid_request'],
    ['a missing client_id', { grant_type: 'refresh_token', refresh_token: 'x' }, 'invalid_request'],
    [
      'client_id of the wrong type',
      { grant_type: 'refresh_token', client_id: ['a'] },
      'invalid_request',
    ],
    [
      'an unknown client_id',
      { grant_type: 'refresh_token', client_id: 'client_nope', refresh_token: 'x' },
      'invalid_client',
    ],
    [
      'a wrong client_secret',
      {
        grant_type: 'authorization_code',
        client_id: 'client_gatehouse_dev',
        client_secret: 'sk_wrong',
        code: 'x',
      },
      'invalid_client',
    ],
    [
      'neither secret nor verifier',
      { grant_type: 'authorization_code', client_id: 'client_gatehouse_dev', code: 'x' },
      'invalid_client',
    ],
    [
      'a missing code',
      {
        grant_type: 'authorization_code',
        client_id: 'client_gatehouse_dev',
        client_secret: 'sk_test_gatehouse_emulator_not_a_secret',
      },
      'invalid_request',
    ],
    [
      'a code of the wrong type',
      {
        grant_type: 'authorization_code',
        client_id: 'client_gatehouse_dev',
        client_secret: 'sk_test_gatehouse_emulator_not_a_secret',
        code: 5,
      },
      'invalid_request',
    ],
    [
      'an unknown code',
      {
        grant_type: 'authorization_code',
        client_id: 'client_gatehouse_dev',
        client_secret: 'sk_test_gatehouse_emulator_not_a_secret',
        code: 'nope',
      },
      'invalid_grant',
    ],
    [
      'a missing refresh_token',
      { grant_type: 'refresh_token', client_id: 'client_gatehouse_dev' },
      'invalid_request',
    ],
    [
      'an unknown refresh_token',
      { grant_type: 'refresh_token', client_id: 'client_gatehouse_dev', refresh_token: 'nope' },
      'invalid_grant',
    ],
    [
      'organization_id of the wrong type',
      {
        grant_type: 'refresh_token',
        client_id: 'client_gatehouse_dev',
        refresh_token: 'x',
        organization_id: {},
      },
      'invalid_request',
    ],
  ])('%s', async (_name, body, error) => {
    expectOAuth(await json(body), error);
  });

  it('form-encoded bodies are accepted like JSON', async () => {
    const reply = await post(
      emulator,
      PATH,
      new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: emulator.clientId,
        refresh_token: 'nope',
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    expectOAuth(reply, 'invalid_grant');
  });

  it('a code is bound to its client', async () => {
    const code = await codeFor();
    expectOAuth(
      await json({
        grant_type: 'authorization_code',
        client_id: 'client_other',
        client_secret: 'sk_test_other',
        code,
      }),
      'invalid_grant',
    );
    // and still usable by its own client
    expect((await withClient({ grant_type: 'authorization_code', code })).status).toBe(200);
  });

  it('a code expires after 10 minutes', async () => {
    const code = await codeFor();
    now += 10 * 60 * 1000 + 1;
    expectOAuth(await withClient({ grant_type: 'authorization_code', code }), 'invalid_grant');
  });

  it('a code without a challenge needs the secret (a verifier alone is refused)', async () => {
    const code = await codeFor();
    expectOAuth(
      await json({
        grant_type: 'authorization_code',
        client_id: emulator.clientId,
        code,
        code_verifier: 'v'.repeat(43),
      }),
      'invalid_grant',
    );
  });

  it('a PKCE code needs its verifier even when the secret is sent', async () => {
    const { createHash } = await import('node:crypto');
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = new URL('/user_management/authorize', emulator.url);
    url.search = new URLSearchParams({
      client_id: emulator.clientId,
      redirect_uri: 'http://localhost:3000/auth/callback',
      response_type: 'code',
      provider: 'authkit',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const { completeSignIn } = await import('../src/index.js');
    const code = (await completeSignIn(url.toString(), { email: ADA.email })).searchParams.get(
      'code',
    );
    expectOAuth(await withClient({ grant_type: 'authorization_code', code }), 'invalid_grant');
    const ok = await withClient({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('a refresh token is bound to its client', async () => {
    const issued = await emulator.issueSession({ email: ADA.email });
    expectOAuth(
      await json({
        grant_type: 'refresh_token',
        client_id: 'client_other',
        refresh_token: issued.refreshToken,
      }),
      'invalid_grant',
    );
  });

  it('a repeated Idempotency-Key returns the first response', async () => {
    const issued = await emulator.issueSession({ email: ADA.email });
    const body = {
      grant_type: 'refresh_token',
      client_id: emulator.clientId,
      refresh_token: issued.refreshToken,
    };
    const first = await json(body, { 'idempotency-key': 'retry-1' });
    now += 60_000; // past the grace window: only the idempotency record can answer now
    const second = await json(body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const other = await json(body, { 'idempotency-key': 'retry-2' });
    expectOAuth(other, 'invalid_grant');
  });

  it('unknown routes are JSON 404s with a request id', async () => {
    const reply = await call(emulator, '/user_management/nothing');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ code: 'not_found', message: 'Not Found' });
    expect(reply.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
