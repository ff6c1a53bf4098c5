import {
  ADA,
  completeSignIn,
  type Emulator,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  GRACE,
  MAX,
  SAM,
} from '@gatehouse/workos-emulator';
import request from 'supertest';

import { readClaims } from '../src/auth/access-token.claims.js';
import { Sealer } from '../src/crypto/seal.js';
import type { AuthState, TokenPair } from '../src/session/session.types.js';
import { type EchoUpstream, startEchoUpstream } from './support/echo-upstream.js';
import {
  emulatorConfig,
  findSetCookie,
  signIn,
  startTestEmulator,
} from './support/emulator-stack.js';
import { type Harness, startHarness, TestClock } from './support/harness.js';
import { TEST_COOKIE_PASSWORD, TEST_PUBLIC_URL } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';
import { readSession } from './support/store-backing.js';

/** Grace is a member of two organizations that enforce a sign-in of their own. */
const INITECH_ID = 'org_01JINITECH00000000000000'; // requires SSO
const UMBRELLA_ID = 'org_01JUMBRELLA0000000000000'; // requires MFA

const tripwire = new Tripwire();
const clock = new TestClock();
let emulator: Emulator;
let echo: EchoUpstream;
let h: Harness;
const csrf = { 'X-CSRF': '1' };
const unsafe = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };
const AUTHENTICATE = 'POST /user_management/authenticate';
const MEMBERSHIPS = 'GET /user_management/organization_memberships';

beforeAll(async () => {
  emulator = await startTestEmulator({
    now: clock.now,
    // Strict single use: a refresh token spent twice is invalid_grant, never a silent replay.
    refreshGraceSeconds: 0,
    editSeed: (seed) => {
      seed.organizations.push(
        { id: INITECH_ID, name: 'Initech', requires: 'sso' },
        { id: UMBRELLA_ID, name: 'Umbrella', requires: 'mfa' },
      );
      const grace = seed.users.find((u) => u.id === GRACE.id)!;
      grace.memberships.push(
        { organizationId: INITECH_ID, role: 'member' },
        { organizationId: UMBRELLA_ID, role: 'member' },
      );
    },
  });
  echo = await startEchoUpstream();
  h = await startHarness({
    config: emulatorConfig(emulator, { BACKEND_URL: echo.url, WORKOS_TIMEOUT_MS: '5000' }),
    tripwire,
    clock,
  });
});

afterAll(async () => {
  await h.close();
  await echo.close();
  await emulator.close();
  expect(tripwire.secretCount).toBeGreaterThan(10);
  expect(tripwire.leaks()).toEqual([]);
});

afterEach(() => emulator.clearFaults());

const refreshGrants = () => emulator.stats().grants['refresh_token'] ?? 0;
const refused = () => emulator.stats().statuses[AUTHENTICATE]?.['400'] ?? 0;
const membershipCalls = () => emulator.stats().endpoints[MEMBERSHIPS] ?? 0;
const sessionIdOf = (res: request.Response) =>
  decodeURIComponent(findSetCookie(res, 'gatehouse')!.split(';')[0]!.split('=')[1]!)
    .slice(2)
    .split('.')[0]!;
const stored = async (sid: string): Promise<AuthState> => {
  const auth = (await readSession(h.store, sid))?.auth;
  if (!auth) throw new Error('no stored session');
  return auth;
};
/** The session fields a switch may change: equal before and after a refused one. */
const switchable = ({ sealedTokens, organizationId, role, roles, permissions }: AuthState) => ({
  sealedTokens,
  organizationId,
  role,
  roles,
  permissions,
});
const storedTokens = async (sid: string) =>
  (await new Sealer(TEST_COOKIE_PASSWORD, clock.now).unseal<TokenPair>(
    (await stored(sid)).sealedTokens,
  ))!;
/** The org_id of the bearer token the backend last received. */
const lastBearerOrg = () =>
  readClaims(String(echo.received.at(-1)?.headers.authorization).slice('Bearer '.length))?.orgId;
/** Polls until `done()` (the emulator counts a call on arrival, before an injected delay). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!done()) throw new Error('condition not reached');
}

async function signedIn(email: string, organizationId?: string) {
  const agent = request.agent(h.url);
  const { callback } = await signIn(agent, {
    email,
    ...(organizationId ? { organizationId } : {}),
  });
  return { agent, sid: sessionIdOf(callback) };
}
const switchTo = (agent: ReturnType<typeof request.agent>, organizationId: unknown) =>
  agent.post('/auth/organization').set(unsafe).send({ organizationId });

const exampleCorp = (role: string) => ({ id: EXAMPLE_CORP_ID, name: 'Example Corp', role });
const graceOrganizations = (current: { id: string; role: string }) =>
  [
    { id: EXAMPLE_CORP_ID, name: 'Example Corp', role: 'member' },
    { id: GLOBEX_ID, name: 'Globex', role: 'admin' },
    { id: INITECH_ID, name: 'Initech', role: 'member' },
    { id: UMBRELLA_ID, name: 'Umbrella', role: 'member' },
  ].map((o) => (o.id === current.id ? { ...o, role: current.role } : o));

describe('GET /auth/session: organizations and impersonator', () => {
  it('names the current organization and lists every membership by name', async () => {
    const { agent } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    const res = await agent.get('/auth/session').set(csrf);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        id: GRACE.id,
        email: GRACE.email,
        firstName: 'Grace',
        lastName: 'Multi',
        profilePictureUrl: null,
      },
      organizationId: EXAMPLE_CORP_ID,
      organization: exampleCorp('member'),
      organizations: graceOrganizations({ id: EXAMPLE_CORP_ID, role: 'member' }),
      impersonator: null,
      role: 'member',
      roles: ['member'],
      permissions: ['users:read'],
      expiresAt: expect.any(String),
      idleExpiresAt: expect.any(String),
    });
  });

  it('loads them once per session: the next /auth/session calls nobody', async () => {
    const { agent, sid } = await signedIn(ADA.email);
    expect((await stored(sid)).organizations).toBeUndefined(); // lazily, not at the callback
    const before = membershipCalls();
    await agent.get('/auth/session').set(csrf);
    expect(membershipCalls() - before).toBe(1);
    expect((await stored(sid)).organizations).toEqual([exampleCorp('admin')]);
    const again = await agent.get('/auth/session').set(csrf);
    expect(again.body.organizations).toEqual([exampleCorp('admin')]);
    expect(membershipCalls() - before).toBe(1);
  });

  it('WorkOS failing: 200 with the current organization alone, named by its id; names come back later', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    emulator.inject({ route: MEMBERSHIPS, status: 500 });
    const res = await agent.get('/auth/session').set(csrf);
    expect(res.status).toBe(200);
    const fallback = { id: EXAMPLE_CORP_ID, name: EXAMPLE_CORP_ID, role: 'member' };
    expect(res.body.organization).toEqual(fallback);
    expect(res.body.organizations).toEqual([fallback]);
    expect((await stored(sid)).organizations).toBeUndefined();
    const recovered = await agent.get('/auth/session').set(csrf);
    expect(recovered.body.organization).toEqual(exampleCorp('member'));
    expect(recovered.body.organizations).toHaveLength(4);
  });

  it('WorkOS slow: answers without waiting for it; the late list is taken by the next request, no second call', async () => {
    const { agent } = await signedIn(ADA.email);
    const before = membershipCalls();
    emulator.inject({ route: MEMBERSHIPS, delayMs: 2500 });
    const res = await agent.get('/auth/session').set(csrf);
    expect(res.status).toBe(200);
    expect(res.body.organization).toEqual({
      id: EXAMPLE_CORP_ID,
      name: EXAMPLE_CORP_ID,
      role: 'admin',
    });
    // Either the late result is waiting, or this request joins the call still running.
    const next = await agent.get('/auth/session').set(csrf);
    expect(next.body.organization).toEqual(exampleCorp('admin'));
    expect(membershipCalls() - before).toBe(1);
  });

  it('exposes the impersonator (email and reason) of an impersonated sign-in', async () => {
    const agent = request.agent(h.url);
    await signIn(agent, {
      email: MAX.email,
      impersonation: { by: SAM.email, reason: 'Ticket 42: cannot see the audit log' },
    });
    const res = await agent.get('/auth/session').set(csrf);
    expect(res.body.impersonator).toEqual({
      email: SAM.email,
      reason: 'Ticket 42: cannot see the audit log',
    });
    expect(res.body.organization).toEqual(exampleCorp('member'));
  });
});

describe('POST /auth/organization', () => {
  it('switches: the new organization in the session, the new token to the backend', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    await agent.get('/api/echo').set(csrf);
    expect(lastBearerOrg()).toBe(EXAMPLE_CORP_ID);
    const grants = refreshGrants();
    const { workosSessionId } = await stored(sid);

    const res = await switchTo(agent, GLOBEX_ID);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      organizationId: GLOBEX_ID,
      organization: { id: GLOBEX_ID, name: 'Globex', role: 'admin' },
      organizations: graceOrganizations({ id: GLOBEX_ID, role: 'admin' }),
      impersonator: null,
      role: 'admin',
      roles: ['admin'],
    });
    expect(res.body.permissions).toContain('users:write');
    expect(refreshGrants() - grants).toBe(1);
    // Same body as GET /auth/session; same WorkOS session (a switch keeps the sid).
    expect((await agent.get('/auth/session?slide=false').set(csrf)).body).toEqual(res.body);
    expect(await stored(sid)).toMatchObject({ organizationId: GLOBEX_ID, workosSessionId });

    await agent.get('/api/echo').set(csrf);
    expect(lastBearerOrg()).toBe(GLOBEX_ID);
    expect(readClaims((await storedTokens(sid)).accessToken)?.orgId).toBe(GLOBEX_ID);
  });

  it('to the current organization: the session as it is, no WorkOS call', async () => {
    const { agent } = await signedIn(ADA.email);
    const grants = refreshGrants();
    const res = await switchTo(agent, EXAMPLE_CORP_ID);
    expect(res.status).toBe(200);
    expect(res.body.organization).toEqual(exampleCorp('admin'));
    expect(refreshGrants()).toBe(grants);
  });

  it('not a member: 403 organization_membership_not_found, the session unchanged', async () => {
    const { agent, sid } = await signedIn(ADA.email);
    const before = switchable(await stored(sid));
    for (const organizationId of [GLOBEX_ID, 'org_01JNOSUCHORGANIZATION0000']) {
      const res = await switchTo(agent, organizationId);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        code: 'organization_membership_not_found',
        message: 'You are not a member of this organization.',
      });
      expect(switchable(await stored(sid))).toEqual(before);
    }
    const api = await agent.get('/api/echo').set(csrf);
    expect(api.status).toBe(200);
    expect(lastBearerOrg()).toBe(EXAMPLE_CORP_ID);
  });

  it.each([
    ['SSO', INITECH_ID],
    ['MFA', UMBRELLA_ID],
  ])(
    'the organization requires %s: 409 with its sign-in URL, the session unchanged',
    async (_what, organizationId) => {
      const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
      const before = switchable(await stored(sid));
      const res = await switchTo(agent, organizationId);
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        code: 'organization_reauthentication_required',
        message: 'This organization requires a new sign-in.',
        signInUrl: `/auth/login?organizationId=${organizationId}&returnTo=%2F`,
      });
      expect(switchable(await stored(sid))).toEqual(before);
      expect((await agent.get('/api/echo').set(csrf)).status).toBe(200);
    },
  );

  it("the 409's sign-in URL signs in to that organization", async () => {
    const { agent } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    const { body } = await switchTo(agent, INITECH_ID);
    const login = await agent.get(body.signInUrl as string).redirects(0);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.location as string);
    expect(authorize.searchParams.get('organization_id')).toBe(INITECH_ID);
    const callbackUrl = await completeSignIn(authorize.href, { email: GRACE.email });
    const callback = await agent.get(`${callbackUrl.pathname}${callbackUrl.search}`).redirects(0);
    expect(callback.headers.location).toBe(`${TEST_PUBLIC_URL}/`);
    const session = await agent.get('/auth/session').set(csrf);
    expect(session.body.organization).toEqual({ id: INITECH_ID, name: 'Initech', role: 'member' });
  });

  it.each([
    ['mfa_challenge (403)', 403, { code: 'mfa_challenge', message: 'MFA challenge required.' }],
    [
      'organization_authentication_methods_required',
      400,
      {
        error: 'organization_authentication_methods_required',
        error_description: 'The organization requires another authentication method.',
        email: GRACE.email,
        sso_connection_ids: ['conn_01JTEST'],
        auth_methods: { google_oauth: true, password: false },
      },
    ],
    ['a bare 400 without a code', 400, { message: 'Must use SSO for selected organization' }],
  ])('WorkOS answering %s: 409, the session unchanged', async (_name, status, body) => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    const before = switchable(await stored(sid));
    emulator.inject({ route: AUTHENTICATE, grantType: 'refresh_token', status, body });
    const res = await switchTo(agent, GLOBEX_ID);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('organization_reauthentication_required');
    expect(switchable(await stored(sid))).toEqual(before);
  });

  it('the WorkOS session revoked: 401 session_expired, the session ended', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    emulator.revokeSession((await stored(sid)).workosSessionId);
    const res = await switchTo(agent, GLOBEX_ID);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'session_expired' });
    expect(await readSession(h.store, sid)).toBeUndefined();
  });

  it('WorkOS unreachable: 503 auth_unavailable, the session unchanged', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    const before = switchable(await stored(sid));
    emulator.inject({ route: AUTHENTICATE, grantType: 'refresh_token', status: 500 });
    const res = await switchTo(agent, GLOBEX_ID);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'auth_unavailable', retryable: true });
    expect(switchable(await stored(sid))).toEqual(before);
    expect((await switchTo(agent, GLOBEX_ID)).status).toBe(200);
  });

  it('without a session: 401 unauthenticated', async () => {
    const res = await request(h.url)
      .post('/auth/organization')
      .set(unsafe)
      .send({ organizationId: GLOBEX_ID });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthenticated' });
  });

  it('refuses cross-site requests (CSRF header, Origin, Sec-Fetch-Site) before anything', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    const before = switchable(await stored(sid));
    const grants = refreshGrants();
    const attempts = [
      agent.post('/auth/organization').set({ Origin: TEST_PUBLIC_URL }),
      agent.post('/auth/organization').set({ 'X-CSRF': '1', Origin: 'https://evil.example' }),
      agent.post('/auth/organization').set({ 'X-CSRF': '1' }),
      agent.post('/auth/organization').set({ ...unsafe, 'Sec-Fetch-Site': 'cross-site' }),
    ];
    for (const attempt of attempts) {
      const res = await attempt.send({ organizationId: GLOBEX_ID });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'csrf' });
    }
    expect(refreshGrants()).toBe(grants);
    expect(switchable(await stored(sid))).toEqual(before);
  });

  it('validates the body: 400 invalid_request with the field; form bodies 415', async () => {
    const { agent } = await signedIn(ADA.email);
    const grants = refreshGrants();
    const post = () => agent.post('/auth/organization').set(unsafe);
    const cases: [request.Test, string][] = [
      [post().send({}), 'organizationId'],
      [post().send({ organizationId: 42 }), 'organizationId'],
      [post().send({ organizationId: 'user_01JADAADMIN0000000000000' }), 'organizationId'],
      [post().send({ organizationId: 'org_../../x' }), 'organizationId'],
      [post().send({ organizationId: `org_${'a'.repeat(65)}` }), 'organizationId'],
      [post().send({ organizationId: GLOBEX_ID, role: 'admin' }), 'body'],
      [post().send([GLOBEX_ID]), 'body'],
      [post().set('Content-Type', 'application/json').send('{"organizationId":'), 'body'],
      [post(), 'body'],
    ];
    for (const [req, field] of cases) {
      const res = await req;
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: 'invalid_request',
        message: 'The request is invalid.',
        errors: [{ field, message: expect.any(String) }],
      });
    }
    const form = await post().type('form').send({ organizationId: GLOBEX_ID });
    expect(form.status).toBe(415);
    const big = await post().send({ organizationId: GLOBEX_ID, pad: 'x'.repeat(2048) });
    expect(big.status).toBe(413);
    expect(refreshGrants()).toBe(grants);
  });
});

describe('POST /auth/organization concurrent with a refresh', () => {
  const slowNextRefresh = () =>
    emulator.inject({ route: AUTHENTICATE, grantType: 'refresh_token', delayMs: 400 });

  it('a refresh in flight first: the switch waits for it and spends the rotated token', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    clock.advance(250_000); // < 60 s left: the next /api request refreshes
    const grants = refreshGrants();
    const rejected = refused();
    slowNextRefresh();
    const proxied = agent
      .get('/api/echo')
      .set(csrf)
      .then((r) => r);
    await until(() => refreshGrants() > grants);
    const switched = await switchTo(agent, GLOBEX_ID);
    expect(switched.status).toBe(200);
    expect((await proxied).status).toBe(200);
    expect(switched.body.organization).toEqual({ id: GLOBEX_ID, name: 'Globex', role: 'admin' });
    // One grant per refresh token, none refused (grace 0: a second spend would be invalid_grant).
    expect(refreshGrants() - grants).toBe(2);
    expect(refused()).toBe(rejected);
    expect((await stored(sid)).organizationId).toBe(GLOBEX_ID);
    await agent.get('/api/echo').set(csrf);
    expect(lastBearerOrg()).toBe(GLOBEX_ID);
  });

  it('a switch in flight first: the refreshing request takes the switched token', async () => {
    const { agent, sid } = await signedIn(GRACE.email, EXAMPLE_CORP_ID);
    clock.advance(250_000);
    const grants = refreshGrants();
    const rejected = refused();
    slowNextRefresh();
    const switching = switchTo(agent, GLOBEX_ID).then((r) => r);
    await until(() => refreshGrants() > grants);
    const proxied = await agent.get('/api/echo').set(csrf);
    expect(proxied.status).toBe(200);
    expect(lastBearerOrg()).toBe(GLOBEX_ID);
    expect((await switching).status).toBe(200);
    expect(refreshGrants() - grants).toBe(1);
    expect(refused()).toBe(rejected);
    expect((await stored(sid)).organizationId).toBe(GLOBEX_ID);
  });

  it('a refused switch in flight: the refreshing request refreshes on its own, nobody signed out', async () => {
    const { agent, sid } = await signedIn(ADA.email);
    clock.advance(250_000);
    const grants = refreshGrants();
    slowNextRefresh();
    const switching = switchTo(agent, GLOBEX_ID).then((r) => r);
    await until(() => refreshGrants() > grants);
    const proxied = await agent.get('/api/echo').set(csrf);
    expect(proxied.status).toBe(200);
    expect(lastBearerOrg()).toBe(EXAMPLE_CORP_ID);
    expect((await switching).status).toBe(403);
    expect(refreshGrants() - grants).toBe(2);
    expect((await stored(sid)).organizationId).toBe(EXAMPLE_CORP_ID);
  });
});

describe('POST /auth/organization and the refresh budget', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({
      config: emulatorConfig(emulator, {
        BACKEND_URL: echo.url,
        RATE_LIMIT_REFRESH_PER_SESSION: '1',
      }),
      tripwire,
      clock,
    });
  });
  afterAll(() => limited.close());

  it('a switch spends the session budget like a refresh: over it, 429 and no WorkOS call', async () => {
    const agent = request.agent(limited.url);
    await signIn(agent, { email: GRACE.email, organizationId: EXAMPLE_CORP_ID });
    expect((await switchTo(agent, GLOBEX_ID)).status).toBe(200);
    const grants = refreshGrants();
    const res = await switchTo(agent, EXAMPLE_CORP_ID);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ error: 'rate_limited', retryAfter: expect.any(Number) });
    expect(res.headers['retry-after']).toBeDefined();
    expect(refreshGrants()).toBe(grants);
  });
});
