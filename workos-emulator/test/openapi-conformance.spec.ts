import {
  ADA,
  GRACE,
  GLOBEX_ID,
  completeSignIn,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { componentValidator, responseValidator } from './openapi.helpers.js';
import { CALLBACK } from './sdk.helpers.js';

/** Response bodies checked against the official WorkOS OpenAPI document, so drift from production fails. */
describe('responses match the WorkOS OpenAPI document', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function authenticate(body: Record<string, unknown>): Promise<Response> {
    return fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: emulator.clientId,
        client_secret: emulator.apiKey,
        ...body,
      }),
    });
  }

  async function code(email: string, organizationId?: string): Promise<string> {
    const url = new URL('/user_management/authorize', emulator.url);
    url.search = new URLSearchParams({
      client_id: emulator.clientId,
      redirect_uri: CALLBACK,
      response_type: 'code',
      provider: 'authkit',
    }).toString();
    const callback = await completeSignIn(url.toString(), {
      email,
      ...(organizationId === undefined ? {} : { organizationId }),
    });
    return callback.searchParams.get('code') ?? '';
  }

  it('authorization_code and refresh_token successes are UserlandAuthenticateResponse', async () => {
    const spec = responseValidator('/user_management/authenticate', 'post', '200');
    const component = componentValidator('UserlandAuthenticateResponse');
    const first = await authenticate({
      grant_type: 'authorization_code',
      code: await code(ADA.email),
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await first.json()) as Record<string, unknown>;
    expect(spec(body)).toEqual([]);
    expect(component(body)).toEqual([]);

    const refreshed = await authenticate({
      grant_type: 'refresh_token',
      refresh_token: body['refresh_token'],
    });
    expect(spec(await refreshed.json())).toEqual([]);
  });

  it('an organization-switching refresh and an impersonated session are valid too', async () => {
    const validate = componentValidator('UserlandAuthenticateResponse');
    const first = (await (
      await authenticate({
        grant_type: 'authorization_code',
        code: await code(GRACE.email, GLOBEX_ID),
      })
    ).json()) as Record<string, unknown>;
    expect(validate(first)).toEqual([]);
    const issued = await emulator.issueSession({
      email: ADA.email,
      impersonator: { email: 'support@example.com', reason: 'Ticket 42' },
    });
    expect(validate(issued.response)).toEqual([]);
    expect(issued.response.authentication_method).toBe('Impersonation');
  });

  it('the validators do catch drift (the CLI emulator body would fail)', () => {
    const validate = componentValidator('UserlandAuthenticateResponse');
    const cliEmulatorBody = {
      user: { object: 'user', id: 'user_1', email: 'a@b.c' },
      organization_id: null,
      access_token: 'x',
      refresh_token: 'y',
      authentication_method: 'OAuth',
    };
    const problems = validate(cliEmulatorBody);
    expect(problems.join('\n')).toMatch(/authentication_method/);
    expect(problems.join('\n')).toMatch(/first_name/);
    expect(
      componentValidator('JwksResponse')({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }),
    ).not.toEqual([]);
  });

  it('the JWKS is a JwksResponse', async () => {
    const response = await fetch(emulator.jwksUrl);
    const body = await response.json();
    expect(responseValidator('/sso/jwks/{clientId}', 'get', '200')(body)).toEqual([]);
    expect(componentValidator('JwksResponse')(body)).toEqual([]);
  });

  it('a user is a UserlandUser', async () => {
    const response = await fetch(`${emulator.url}/user_management/users/${ADA.id}`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(response.status).toBe(200);
    expect(componentValidator('UserlandUser')(await response.json())).toEqual([]);
  });

  it.each([
    ['invalid_grant', { grant_type: 'refresh_token', refresh_token: 'unknown' }],
    ['invalid_request', { grant_type: 'refresh_token' }],
    ['invalid_client', { grant_type: 'refresh_token', refresh_token: 'x', client_secret: 'wrong' }],
    ['invalid_request', { grant_type: 'magic' }],
  ])('a %s error is one of the documented 400 bodies', async (error, body) => {
    const response = await authenticate(body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json['error']).toBe(error);
    expect(responseValidator('/user_management/authenticate', 'post', '400')(json)).toEqual([]);
  });

  it('organization_membership_not_found is a documented 400 body', async () => {
    const issued = await emulator.issueSession({ email: ADA.email });
    const response = await authenticate({
      grant_type: 'refresh_token',
      refresh_token: issued.refreshToken,
      organization_id: GLOBEX_ID,
    });
    const json = await response.json();
    expect(json).toMatchObject({ error: 'organization_membership_not_found' });
    expect(responseValidator('/user_management/authenticate', 'post', '400')(json)).toEqual([]);
  });

  it('404s of users and JWKS carry the documented message', async () => {
    const user = await fetch(`${emulator.url}/user_management/users/user_nope`, {
      headers: { authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(user.status).toBe(404);
    expect(
      responseValidator('/user_management/users/{id}', 'get', '404')(await user.json()),
    ).toEqual([]);
    const jwks = await fetch(`${emulator.url}/sso/jwks/client_nope`);
    expect(jwks.status).toBe(404);
    expect(responseValidator('/sso/jwks/{clientId}', 'get', '404')(await jwks.json())).toEqual([]);
  });
});
