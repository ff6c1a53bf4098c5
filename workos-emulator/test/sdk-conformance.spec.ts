import { OauthException } from '@workos-inc/node';
import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX, completeSignIn } from '../src/index.js';
import { CALLBACK, COOKIE_PASSWORD, decodePart, sdkFor, useSdkEmulator } from './sdk.helpers.js';

describe('conformance through @workos-inc/node 11', () => {
  const t = useSdkEmulator({ refreshGraceSeconds: 30 });

  async function signIn(
    email: string,
    extra: { organizationId?: string; password?: string } = {},
  ): Promise<string> {
    const url = t.workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
      state: 'state-1',
    });
    const callback = await completeSignIn(url, { email, ...extra });
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe('state-1');
    return callback.searchParams.get('code') ?? '';
  }

  it('exchanges a code signed in with a password for a full session (client_secret)', async () => {
    const code = await signIn(ADA.email, { password: ADA.password });
    const result = await t.workos.userManagement.authenticateWithCode({ code });
    expect(result.user.email).toBe(ADA.email);
    expect(result.user.id).toBe(ADA.id);
    expect(result.organizationId).toBe(EXAMPLE_CORP_ID);
    expect(result.authenticationMethod).toBe('Password');
    const header = decodePart(result.accessToken, 0);
    expect(header['alg']).toBe('RS256');
    expect(header['kid']).toMatch(/^sso_oidc_key_pair_[0-9A-HJKMNP-TV-Z]{26}$/);
    const claims = decodePart(result.accessToken, 1);
    expect(claims).toMatchObject({
      iss: `${t.emulator.url}/user_management/${t.emulator.clientId}`,
      sub: ADA.id,
      org_id: EXAMPLE_CORP_ID,
      role: 'admin',
      roles: ['admin'],
      entitlements: ['audit-logs'],
      feature_flags: ['new-dashboard'],
    });
    expect(claims['permissions']).toContain('users:write');
    expect(claims['sid']).toMatch(/^session_/);
    expect(typeof claims['jti']).toBe('string');
    expect(claims['exp']).toBe((claims['iat'] as number) + 300);
    expect(claims['aud']).toBeUndefined();
  });

  it('exchanges a PKCE code with the verifier only (public client)', async () => {
    const { url, codeVerifier, state } = await t.workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    expect(url).toContain('code_challenge_method=S256');
    const callback = await completeSignIn(url, { email: MAX.email });
    expect(callback.searchParams.get('state')).toBe(state);
    const publicClient = sdkFor(t.emulator, undefined);
    const result = await publicClient.userManagement.authenticateWithCodeAndVerifier({
      code: callback.searchParams.get('code') ?? '',
      codeVerifier,
    });
    expect(result.user.email).toBe(MAX.email);
    expect(decodePart(result.accessToken, 1)['role']).toBe('member');
  });

  it('refuses a PKCE code with a wrong verifier, and a used code, as OauthException invalid_grant', async () => {
    const { url, codeVerifier } = await t.workos.userManagement.getAuthorizationUrlWithPKCE({
      provider: 'authkit',
      redirectUri: CALLBACK,
    });
    const code = (await completeSignIn(url, { email: MAX.email })).searchParams.get('code') ?? '';
    const wrong = t.workos.userManagement.authenticateWithCode({
      code,
      codeVerifier: 'x'.repeat(43),
    });
    await expect(wrong).rejects.toBeInstanceOf(OauthException);
    await expect(wrong).rejects.toMatchObject({ status: 400, error: 'invalid_grant' });
    await t.workos.userManagement.authenticateWithCode({ code, codeVerifier });
    await expect(
      t.workos.userManagement.authenticateWithCode({ code, codeVerifier }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens, replays within the grace window, and refuses after it', async () => {
    const first = await t.workos.userManagement.authenticateWithCode({
      code: await signIn(ADA.email),
    });
    const sid = decodePart(first.accessToken, 1)['sid'];
    const second = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: first.refreshToken,
    });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(decodePart(second.accessToken, 1)['sid']).toBe(sid);

    t.now += 29_000;
    const replay = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: first.refreshToken,
    });
    expect(replay.refreshToken).toBe(second.refreshToken);
    expect(replay.accessToken).toBe(second.accessToken);

    t.now += 2_000;
    await expect(
      t.workos.userManagement.authenticateWithRefreshToken({ refreshToken: first.refreshToken }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: 'Refresh token already exchanged.',
    });
    const third = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: second.refreshToken,
    });
    expect(decodePart(third.accessToken, 1)['sid']).toBe(sid);
    expect(t.emulator.stats().grants).toEqual({ authorization_code: 1, refresh_token: 4 });
  });

  it('switches organization on refresh only for a member', async () => {
    const code = await signIn(GRACE.email, { organizationId: EXAMPLE_CORP_ID });
    const first = await t.workos.userManagement.authenticateWithCode({ code });
    expect(first.organizationId).toBe(EXAMPLE_CORP_ID);
    const switched = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: first.refreshToken,
      organizationId: GLOBEX_ID,
    });
    expect(switched.organizationId).toBe(GLOBEX_ID);
    expect(decodePart(switched.accessToken, 1)).toMatchObject({ org_id: GLOBEX_ID, role: 'admin' });
    expect(decodePart(switched.accessToken, 1)['sid']).toBe(
      decodePart(first.accessToken, 1)['sid'],
    );

    const ada = await t.workos.userManagement.authenticateWithCode({
      code: await signIn(ADA.email),
    });
    const refused = t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: ada.refreshToken,
      organizationId: GLOBEX_ID,
    });
    await expect(refused).rejects.toBeInstanceOf(OauthException);
    await expect(refused).rejects.toMatchObject({ error: 'organization_membership_not_found' });
    // The refused switch did not consume the token.
    const still = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: ada.refreshToken,
    });
    expect(still.organizationId).toBe(EXAMPLE_CORP_ID);
  });

  it('ends the session on logout: refresh becomes invalid_grant; logout URL redirects to return_to', async () => {
    const session = await t.workos.userManagement.authenticateWithCode({
      code: await signIn(MAX.email),
    });
    const sid = String(decodePart(session.accessToken, 1)['sid']);
    const logoutUrl = t.workos.userManagement.getLogoutUrl({
      sessionId: sid,
      returnTo: 'http://localhost:3000/signed-out',
    });
    const response = await fetch(logoutUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://localhost:3000/signed-out');
    await expect(
      t.workos.userManagement.authenticateWithRefreshToken({ refreshToken: session.refreshToken }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('revokes a session with the API key and reads a user', async () => {
    const session = await t.workos.userManagement.authenticateWithCode({
      code: await signIn(ADA.email),
    });
    const sid = String(decodePart(session.accessToken, 1)['sid']);
    await t.workos.userManagement.revokeSession({ sessionId: sid });
    await expect(
      t.workos.userManagement.authenticateWithRefreshToken({ refreshToken: session.refreshToken }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    const user = await t.workos.userManagement.getUser(ADA.id);
    expect(user).toMatchObject({
      id: ADA.id,
      email: ADA.email,
      firstName: 'Ada',
      lastName: 'Admin',
    });
    expect(user.lastSignInAt).not.toBeNull();
  });

  it('loadSealedSession().authenticate() accepts the token and refresh() rotates it', async () => {
    const result = await t.workos.userManagement.authenticateWithCode({
      code: await signIn(ADA.email),
      session: { sealSession: true, cookiePassword: COOKIE_PASSWORD },
    });
    const session = t.workos.userManagement.loadSealedSession({
      sessionData: result.sealedSession ?? '',
      cookiePassword: COOKIE_PASSWORD,
    });
    const auth = await session.authenticate();
    expect(auth).toMatchObject({
      authenticated: true,
      organizationId: EXAMPLE_CORP_ID,
      role: 'admin',
      entitlements: ['audit-logs'],
      featureFlags: ['new-dashboard'],
    });
    const refreshed = await session.refresh();
    expect(refreshed.authenticated).toBe(true);
    if (refreshed.authenticated && auth.authenticated)
      expect(refreshed.sessionId).toBe(auth.sessionId);

    t.emulator.revokeSession(auth.authenticated ? auth.sessionId : '');
    const after = t.workos.userManagement.loadSealedSession({
      sessionData: refreshed.authenticated ? (refreshed.sealedSession ?? '') : '',
      cookiePassword: COOKIE_PASSWORD,
    });
    await expect(after.refresh()).resolves.toMatchObject({
      authenticated: false,
      reason: 'invalid_grant',
    });
  });

  it('issueSession() goes through the same session creation as a sign-in', async () => {
    const issued = await t.emulator.issueSession({ email: GRACE.email, organizationId: GLOBEX_ID });
    expect(issued.organizationId).toBe(GLOBEX_ID);
    expect(decodePart(issued.accessToken, 1)).toMatchObject({
      sid: issued.sessionId,
      org_id: GLOBEX_ID,
    });
    const refreshed = await t.workos.userManagement.authenticateWithRefreshToken({
      refreshToken: issued.refreshToken,
    });
    expect(refreshed.user.id).toBe(GRACE.id);
    await expect(t.emulator.issueSession({ email: GRACE.email })).rejects.toThrow(
      /several organizations/,
    );
    await expect(t.emulator.issueSession({ email: 'nobody@example.com' })).rejects.toThrow(
      /no seeded user/,
    );
  });
});
