import {
  BackendConfigError,
  loadBackendConfig,
  loadRuntimeOptions,
  loadStartupSettings,
} from './backend-config.js';

describe('loadBackendConfig', () => {
  it('derives the JWKS URL and issuer from the client id with defaults', () => {
    const config = loadBackendConfig({ WORKOS_CLIENT_ID: 'client_123' });
    expect(config).toMatchObject({
      workosClientId: 'client_123',
      workosApiBaseUrl: 'https://api.workos.com',
      jwksUrl: 'https://api.workos.com/sso/jwks/client_123',
      issuers: ['https://api.workos.com/user_management/client_123'],
      port: 3001,
      clockToleranceSeconds: 5,
      jwks: { timeoutMs: 5000, cooldownMs: 30000 },
    });
  });

  it('reads every variable, trims a trailing slash and splits WORKOS_ISSUER', () => {
    const config = loadBackendConfig({
      WORKOS_CLIENT_ID: 'client_1',
      WORKOS_API_BASE_URL: 'http://127.0.0.1:4100/',
      WORKOS_ISSUER: 'https://auth.example.com, https://api.workos.com/',
      PORT: '8080',
      JWT_CLOCK_TOLERANCE_SECONDS: '0',
    });
    expect(config).toMatchObject({
      jwksUrl: 'http://127.0.0.1:4100/sso/jwks/client_1',
      issuers: ['https://auth.example.com', 'https://api.workos.com/'],
      port: 8080,
      clockToleranceSeconds: 0,
    });
  });

  it.each([
    [{}, 'WORKOS_CLIENT_ID', 'is required'],
    [{ WORKOS_CLIENT_ID: '  ' }, 'WORKOS_CLIENT_ID', 'is required'],
    [{ WORKOS_CLIENT_ID: '../admin' }, 'WORKOS_CLIENT_ID', 'letters, digits'],
    [{ WORKOS_CLIENT_ID: 'c', WORKOS_API_BASE_URL: 'not a url' }, 'WORKOS_API_BASE_URL', 'https'],
    [
      { WORKOS_CLIENT_ID: 'c', WORKOS_API_BASE_URL: 'http://api.workos.com' },
      'WORKOS_API_BASE_URL',
      'https',
    ],
    [
      { WORKOS_CLIENT_ID: 'c', WORKOS_API_BASE_URL: 'https://x.example?q=1' },
      'WORKOS_API_BASE_URL',
      'query',
    ],
    [{ WORKOS_CLIENT_ID: 'c', WORKOS_ISSUER: ',,' }, 'WORKOS_ISSUER', 'comma-separated'],
    [{ WORKOS_CLIENT_ID: 'c', PORT: 'eighty' }, 'PORT', 'whole number'],
    [{ WORKOS_CLIENT_ID: 'c', PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [
      { WORKOS_CLIENT_ID: 'c', JWT_CLOCK_TOLERANCE_SECONDS: '3600' },
      'JWT_CLOCK_TOLERANCE_SECONDS',
      'between 0 and 60',
    ],
  ])('rejects %j naming %s', (env, variable, fragment) => {
    let error: unknown;
    try {
      loadBackendConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackendConfigError);
    const configError = error as BackendConfigError;
    expect(configError.variable).toBe(variable);
    expect(configError.message).toContain(fragment);
    expect(configError.message.startsWith(`Invalid configuration: ${variable} `)).toBe(true);
    expect(configError.message).not.toContain('\n');
  });

  it('reports every bad variable at once, one line each', () => {
    let error: unknown;
    try {
      loadBackendConfig({ WORKOS_API_BASE_URL: 'http://evil.example', PORT: 'eighty' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackendConfigError);
    const configError = error as BackendConfigError;
    expect(configError.problems.map((p) => p.variable)).toEqual([
      'WORKOS_CLIENT_ID',
      'WORKOS_API_BASE_URL',
      'PORT',
    ]);
    expect(configError.variable).toBe('WORKOS_CLIENT_ID');
    expect(configError.message.split('\n')).toEqual([
      'Invalid configuration: WORKOS_CLIENT_ID is required',
      expect.stringMatching(/^Invalid configuration: WORKOS_API_BASE_URL must be an https URL/),
      'Invalid configuration: PORT must be a whole number',
    ]);
  });

  it('ignores unrelated variables', () => {
    expect(() =>
      loadBackendConfig({ WORKOS_CLIENT_ID: 'c', WORKOS_API_KEY: 'sk_x' }),
    ).not.toThrow();
  });
});

describe('loadRuntimeOptions', () => {
  it('defaults to 127.0.0.1 and info', () => {
    expect(loadRuntimeOptions({})).toEqual({ host: '127.0.0.1', logLevel: 'info' });
    expect(loadRuntimeOptions({ HOST: '0.0.0.0', LOG_LEVEL: 'warn' })).toEqual({
      host: '0.0.0.0',
      logLevel: 'warn',
    });
  });

  it('names a bad LOG_LEVEL or HOST', () => {
    expect(() => loadRuntimeOptions({ LOG_LEVEL: 'loud' })).toThrow(
      /^Invalid configuration: LOG_LEVEL must be one of/,
    );
    expect(() => loadRuntimeOptions({ HOST: 'a b' })).toThrow(/^Invalid configuration: HOST /);
  });
});

describe('loadStartupSettings', () => {
  it('returns the configuration and the runtime options', () => {
    expect(loadStartupSettings({ WORKOS_CLIENT_ID: 'c', HOST: '0.0.0.0' })).toMatchObject({
      config: { workosClientId: 'c' },
      runtime: { host: '0.0.0.0', logLevel: 'info' },
    });
  });

  it('reports the problems of both at once', () => {
    expect(() => loadStartupSettings({ PORT: '70000', LOG_LEVEL: 'loud' })).toThrow(
      expect.objectContaining({
        problems: [
          { variable: 'WORKOS_CLIENT_ID', reason: 'is required' },
          { variable: 'PORT', reason: 'must be between 0 and 65535' },
          { variable: 'LOG_LEVEL', reason: expect.stringMatching(/^must be one of/) },
        ],
      }),
    );
  });
});
