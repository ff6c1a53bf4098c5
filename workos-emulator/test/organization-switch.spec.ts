import { AuthenticationException, OauthException, type WorkOS } from '@workos-inc/node';
import {
  EXAMPLE_CORP_ID,
  GLOBEX_ID,
  GRACE,
  completeSignIn,
  createEmulator,
  type Emulator,
} from '../src/index.js';
import { responseValidator } from './openapi.helpers.js';
import { CALLBACK, COOKIE_PASSWORD, decodePart, sdkFor } from './sdk.helpers.js';

/** Switching organization by refresh into an organization that enforces SSO or MFA (seed `requires`). */
describe('organization switch with SSO or MFA required', () => {
  let emulator: Emulator;
  let workos: WorkOS;

  beforeAll(async () => {
    emulator = await createEmulator({
      port: 0,
      editSeed: (seed) => {
        const globex = seed.organizations.find((o) => o.id === GLOBEX_ID);
        if (globex !== undefined) globex.requires = 'sso';
      },
    });
    workos = sdkFor(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function signIn(organizationId: string) {
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: CALLBACK,
      organizationId,
    });
    const callback = await completeSignIn(url, { email: GRACE.email });
    return workos.userManagement.authenticateWithCode({
      code: callback.searchParams.get('code') ?? '',
      session: { sealSession: true, cookiePassword: COOKIE_PASSWORD },
    });
  }

  it('refuses the switch with sso_required (email and connection ids), as the OpenAPI document describes', async () => {
    const session = await signIn(EXAMPLE_CORP_ID);
    const switching = workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
      organizationId: GLOBEX_ID,
    });
    await expect(switching).rejects.toBeInstanceOf(AuthenticationException);
    await expect(switching).rejects.toMatchObject({ code: 'sso_required' });
    const raw = await fetch(`${emulator.url}/user_management/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'refresh_token',
        client_id: emulator.clientId,
        client_secret: emulator.apiKey,
        refresh_token: session.refreshToken,
        organization_id: GLOBEX_ID,
      }),
    });
    const body = (await raw.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'sso_required', email: GRACE.email });
    expect(body['connection_ids']).toEqual([expect.stringMatching(/^conn_/)]);
    expect(responseValidator('/user_management/authenticate', 'post', '400')(body)).toEqual([]);
    // The sealed session reports it as terminal, the reason the BFF sends the user to sign in again.
    const sealed = workos.userManagement.loadSealedSession({
      sessionData: session.sealedSession ?? '',
      cookiePassword: COOKIE_PASSWORD,
    });
    await expect(sealed.refresh({ organizationId: GLOBEX_ID })).resolves.toMatchObject({
      authenticated: false,
      reason: 'sso_required',
    });
  });

  it('a sign-in to that organization meets the requirement for its session', async () => {
    const session = await signIn(GLOBEX_ID);
    expect(session.organizationId).toBe(GLOBEX_ID);
    const away = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: session.refreshToken,
      organizationId: EXAMPLE_CORP_ID,
    });
    const back = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: away.refreshToken,
      organizationId: GLOBEX_ID,
    });
    expect(decodePart(back.accessToken, 1)).toMatchObject({ org_id: GLOBEX_ID, role: 'admin' });
  });

  it('mfa_enrollment for an MFA organization, organization_not_found for an unknown one', async () => {
    const mfa = await createEmulator({
      port: 0,
      editSeed: (seed) => {
        const globex = seed.organizations.find((o) => o.id === GLOBEX_ID);
        if (globex !== undefined) globex.requires = 'mfa';
      },
    });
    try {
      const sdk = sdkFor(mfa);
      const issued = await mfa.issueSession({
        email: GRACE.email,
        organizationId: EXAMPLE_CORP_ID,
      });
      const toMfa = sdk.userManagement.authenticateWithRefreshToken({
        refreshToken: issued.refreshToken,
        organizationId: GLOBEX_ID,
      });
      await expect(toMfa).rejects.toMatchObject({ code: 'mfa_enrollment', status: 400 });
      const unknown = sdk.userManagement.authenticateWithRefreshToken({
        refreshToken: issued.refreshToken,
        organizationId: 'org_01JNOPE000000000000000000',
      });
      await expect(unknown).rejects.toBeInstanceOf(OauthException);
      await expect(unknown).rejects.toMatchObject({ error: 'organization_not_found' });
    } finally {
      await mfa.close();
    }
  });
});
