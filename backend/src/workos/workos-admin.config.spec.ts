import { loadWorkosAdminConfig, unconfiguredWorkosAdmin } from './workos-admin.config.js';

describe('loadWorkosAdminConfig', () => {
  it('reads the key, client id and base URL, trimming values and a trailing slash', () => {
    expect(
      loadWorkosAdminConfig({
        WORKOS_API_KEY: ' sk_test_123456 ',
        WORKOS_CLIENT_ID: 'client_1',
        WORKOS_API_BASE_URL: 'http://127.0.0.1:4100/',
      }),
    ).toEqual({
      config: {
        apiKey: 'sk_test_123456',
        clientId: 'client_1',
        apiBaseUrl: 'http://127.0.0.1:4100',
        timeoutMs: 5_000,
        maxRetries: 1,
      },
      problems: [],
    });
  });

  it('leaves the admin API off without a key (empty counts as unset) and defaults the base URL', () => {
    expect(loadWorkosAdminConfig({ WORKOS_CLIENT_ID: 'client_1', WORKOS_API_KEY: '  ' })).toEqual({
      config: expect.objectContaining({ apiKey: null, apiBaseUrl: 'https://api.workos.com' }),
      problems: [],
    });
  });

  it('lists every problem at once and never echoes the key', () => {
    const result = loadWorkosAdminConfig({
      WORKOS_API_KEY: 'sk with spaces',
      WORKOS_API_BASE_URL: 'http://api.workos.com',
    });
    expect(result.config).toBeNull();
    expect(result.problems).toEqual([
      { variable: 'WORKOS_API_KEY', reason: expect.stringContaining('printable') },
      { variable: 'WORKOS_CLIENT_ID', reason: 'is required' },
      { variable: 'WORKOS_API_BASE_URL', reason: expect.stringContaining('https') },
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('sk with spaces');
  });

  it('refuses a client id that could not be a WorkOS id', () => {
    expect(loadWorkosAdminConfig({ WORKOS_CLIENT_ID: '../x' }).problems).toEqual([
      { variable: 'WORKOS_CLIENT_ID', reason: expect.stringContaining('letters, digits') },
    ]);
  });
});

describe('unconfiguredWorkosAdmin', () => {
  it('has no key and the default tuning', () => {
    expect(unconfiguredWorkosAdmin('client_1', 'https://api.workos.com')).toEqual({
      apiKey: null,
      clientId: 'client_1',
      apiBaseUrl: 'https://api.workos.com',
      timeoutMs: 5_000,
      maxRetries: 1,
    });
  });
});
