import { IdentityProviderConfigError, resolveIdentityProvider } from './identity-provider.js';

describe('resolveIdentityProvider', () => {
  it('uses the embedded emulator when no WorkOS credentials are set', () => {
    expect(resolveIdentityProvider({})).toEqual({ kind: 'emulator' });
  });

  it('uses real WorkOS at api.workos.com when client id and API key are set', () => {
    expect(
      resolveIdentityProvider({ WORKOS_CLIENT_ID: 'client_1', WORKOS_API_KEY: 'sk_live_1' }),
    ).toEqual({
      kind: 'workos',
      clientId: 'client_1',
      apiKey: 'sk_live_1',
      apiBaseUrl: 'https://api.workos.com',
    });
  });

  it('passes a custom base URL and cookie password through', () => {
    const password = 'p'.repeat(40);
    expect(
      resolveIdentityProvider({
        WORKOS_CLIENT_ID: 'client_1',
        WORKOS_API_KEY: 'sk_test_1',
        WORKOS_API_BASE_URL: 'https://auth.example.com',
        WORKOS_COOKIE_PASSWORD: password,
      }),
    ).toMatchObject({ apiBaseUrl: 'https://auth.example.com', cookiePassword: password });
  });

  it.each([
    [{ WORKOS_CLIENT_ID: 'client_1' }, 'WORKOS_API_KEY is not set'],
    [{ WORKOS_API_KEY: 'sk_test_1' }, 'WORKOS_CLIENT_ID is not set'],
    [
      { WORKOS_CLIENT_ID: 'c', WORKOS_API_KEY: 'k', WORKOS_API_BASE_URL: 'not a url' },
      'WORKOS_API_BASE_URL is not a URL',
    ],
  ])('refuses a half-configured WorkOS environment %#', (env, message) => {
    expect(() => resolveIdentityProvider(env)).toThrow(IdentityProviderConfigError);
    expect(() => resolveIdentityProvider(env)).toThrow(message);
  });
});
