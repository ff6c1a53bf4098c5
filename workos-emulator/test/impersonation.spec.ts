import {
  ADA,
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  GRACE,
  SAM,
  SignInError,
  completeSignIn,
} from '../src/index.js';
import { authorizePath, call, post } from './http.helpers.js';
import { componentValidator } from './openapi.helpers.js';
import { CALLBACK, COOKIE_PASSWORD, decodePart, useSdkEmulator } from './sdk.helpers.js';

/** The sign-in page's "Impersonate a user" form, and the session it starts. */
describe('impersonated sign-in from the sign-in page', () => {
  const t = useSdkEmulator();

  function authorizeUrl(organizationId?: string): string {
    return t.workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
      state: 'st',
      ...(organizationId === undefined ? {} : { organizationId }),
    });
  }

  async function impersonate(email: string, reason: string, organizationId?: string) {
    const callback = await completeSignIn(authorizeUrl(), {
      email,
      ...(organizationId === undefined ? {} : { organizationId }),
      impersonation: { by: SAM.email, reason },
    });
    expect(callback.searchParams.get('state')).toBe('st');
    return t.workos.userManagement.authenticateWithCode({
      code: callback.searchParams.get('code') ?? '',
      session: { sealSession: true, cookiePassword: COOKIE_PASSWORD },
    });
  }

  it('offers the seeded support user and every user and organization to impersonate', async () => {
    const page = await call(t.emulator, authorizePath(t.emulator));
    expect(page.text).toContain('<h2>Impersonate a user</h2>');
    expect(page.text).toContain('Sam Support (sam@example.com)');
    expect(page.text).toContain(`value="${GRACE.id}|${GLOBEX_ID}"`);
    expect(page.text).toContain('Grace Multi (grace@example.com), admin at Globex');
    const globexOnly = await call(
      t.emulator,
      authorizePath(t.emulator, { organization_id: GLOBEX_ID }),
    );
    expect(globexOnly.text).not.toContain(`value="${ADA.id}|`);
  });

  it('starts a session carrying the impersonator, as production does', async () => {
    const result = await impersonate(ADA.email, 'Ticket 42: billing page is blank');
    expect(result).toMatchObject({
      organizationId: EXAMPLE_CORP_ID,
      authenticationMethod: 'Impersonation',
      impersonator: { email: SAM.email, reason: 'Ticket 42: billing page is blank' },
    });
    expect(result.user.id).toBe(ADA.id);
    expect(decodePart(result.accessToken, 1)).toMatchObject({
      sub: ADA.id,
      act: { sub: SAM.email },
      role: 'admin',
    });
    const sealed = t.workos.userManagement.loadSealedSession({
      sessionData: result.sealedSession ?? '',
      cookiePassword: COOKIE_PASSWORD,
    });
    await expect(sealed.authenticate()).resolves.toMatchObject({
      authenticated: true,
      impersonator: { email: SAM.email, reason: 'Ticket 42: billing page is blank' },
    });
    const raw = await fetch(`${t.emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        client_id: t.emulator.clientId,
        client_secret: t.emulator.apiKey,
        refresh_token: result.refreshToken,
      }),
    });
    const refreshed = (await raw.json()) as Record<string, unknown>;
    expect(componentValidator('UserlandAuthenticateResponse')(refreshed)).toEqual([]);
    expect(refreshed['impersonator']).toEqual({
      email: SAM.email,
      reason: 'Ticket 42: billing page is blank',
    });
  });

  it('records session.created with the impersonator and no authentication event; last sign-in is untouched', async () => {
    await impersonate(GRACE.email, 'Checking the Globex view', GLOBEX_ID);
    const events = await t.workos.events.listEvents({
      events: ['session.created', 'authentication.password_succeeded'],
    });
    expect(events.data.map((e) => e.event)).toEqual(['session.created']);
    expect(events.data[0]?.data).toMatchObject({
      userId: GRACE.id,
      organizationId: GLOBEX_ID,
      authMethod: 'impersonation',
      impersonator: { email: SAM.email, reason: 'Checking the Globex view' },
    });
    expect((await t.workos.userManagement.getUser(GRACE.id)).lastSignInAt).toBeNull();
    const sessions = await t.workos.userManagement.listSessions(GRACE.id);
    expect(sessions.data[0]).toMatchObject({
      authMethod: 'impersonation',
      impersonator: { email: SAM.email },
    });
  });

  it('ends after 60 minutes: the refresh is then invalid_grant', async () => {
    const result = await impersonate(ADA.email, 'Short look');
    const sessions = await t.workos.userManagement.listSessions(ADA.id);
    expect(
      Date.parse(sessions.data[0]?.expiresAt ?? '') - Date.parse(sessions.data[0]?.createdAt ?? ''),
    ).toBe(3600_000);
    t.now += 3601_000;
    await expect(
      t.workos.userManagement.authenticateWithRefreshToken({ refreshToken: result.refreshToken }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await t.workos.userManagement.listSessions(ADA.id)).data).toEqual([]);
  });

  it('requires a listed support user, a listed target and a reason', async () => {
    await expect(
      completeSignIn(authorizeUrl(), {
        email: ADA.email,
        impersonation: { by: SAM.email, reason: '   ' },
      }),
    ).rejects.toThrow(/A reason is required/);
    await expect(
      completeSignIn(authorizeUrl(), {
        email: ADA.email,
        impersonation: { by: 'mallory@example.com', reason: 'x' },
      }),
    ).rejects.toThrow(/listed support users/);
    await expect(
      completeSignIn(authorizeUrl(), {
        email: ADA.email,
        impersonation: { by: SAM.email, reason: 'x'.repeat(501) },
      }),
    ).rejects.toThrow(/at most 500/);
    // Grace belongs to two organizations: the helper (like a person) must pick one.
    await expect(
      completeSignIn(authorizeUrl(), {
        email: GRACE.email,
        impersonation: { by: SAM.email, reason: 'x' },
      }),
    ).rejects.toBeInstanceOf(SignInError);
  });

  it('refuses a forged target outside the requested organization, without a redirect', async () => {
    const page = await call(t.emulator, authorizePath(t.emulator, { organization_id: GLOBEX_ID }));
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(page.text)?.[1] ?? '';
    const form = new URLSearchParams({
      request_id: field('request_id'),
      csrf_token: field('csrf_token'),
      intent: 'impersonate',
      impersonator: SAM.email,
      target: `${ADA.id}|${EXAMPLE_CORP_ID}`,
      reason: 'Forged',
    });
    const reply = await post(
      t.emulator,
      '/user_management/authorize/sign-in',
      form.toString(),
      'application/x-www-form-urlencoded',
      {
        cookie,
      },
    );
    expect(reply.status).toBe(400);
    expect(reply.headers.get('location')).toBeNull();
    expect(reply.text).toContain('Choose one of the listed users and organizations.');
  });
});
