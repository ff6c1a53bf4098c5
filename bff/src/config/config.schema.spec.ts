import { ConfigError, loadConfig } from './config.schema.js';

const base = {
  WORKOS_CLIENT_ID: 'client_123',
  WORKOS_API_KEY: 'sk_test_123',
  WORKOS_COOKIE_PASSWORD: 'x'.repeat(32),
  PUBLIC_URL: 'http://localhost:4200',
  BACKEND_URL: 'http://127.0.0.1:3001',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.workos.apiBaseUrl).toBe('https://api.workos.com');
    expect(config.session.store).toBe('sqlite');
    expect(config.session.idleMs).toBe(30 * 60_000);
    expect(config.session.absoluteMs).toBe(12 * 3_600_000);
    expect(config.port).toBe(3000);
    expect(config.redirectUri).toBe('http://localhost:4200/auth/callback');
    expect(config.session.cookieName).toBe('gatehouse');
    expect(config.session.secureCookies).toBe(false);
    expect(config.spaDistDir).toMatch(/admin-spa\/dist\/browser$/);
    expect(config.session.sqlitePath).toMatch(/bff\/\.data\/sessions\.sqlite$/);
  });

  it('takes the Redis store with REDIS_URL, and refuses it without one or with another scheme', () => {
    const config = loadConfig({
      ...base,
      SESSION_STORE: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      WORKOS_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
    });
    expect(config.session.store).toBe('redis');
    expect(config.session.redis).toEqual({
      url: 'redis://127.0.0.1:6379/2',
      prefix: 'gatehouse:',
      commandTimeoutMs: 1000,
      lockWaitMs: 5000,
    });
    expect(config.workos.webhookSecret).toBe('whsec_0123456789abcdef');
    expect(problems({ ...base, SESSION_STORE: 'redis' })).toEqual([
      'REDIS_URL is required when SESSION_STORE=redis',
    ]);
    expect(
      problems({ ...base, SESSION_STORE: 'redis', REDIS_URL: 'http://127.0.0.1:6379' }),
    ).toEqual(['REDIS_URL must use redis:// or rediss://']);
    expect(problems({ ...base, WORKOS_WEBHOOK_SECRET: 'short' })).toEqual([
      'WORKOS_WEBHOOK_SECRET must be at least 16 characters',
    ]);
  });

  it('takes previous cookie passwords for rotation, newest first, and refuses bad ones', () => {
    expect(loadConfig(base).workos.previousCookiePasswords).toEqual([]);
    const rotated = loadConfig({
      ...base,
      WORKOS_COOKIE_PASSWORD_PREVIOUS: `${'p'.repeat(32)}, ${'q'.repeat(40)}`,
    });
    expect(rotated.workos.previousCookiePasswords).toEqual(['p'.repeat(32), 'q'.repeat(40)]);
    const short = problems({ ...base, WORKOS_COOKIE_PASSWORD_PREVIOUS: `${'p'.repeat(32)},tiny` });
    expect(short).toEqual([
      'WORKOS_COOKIE_PASSWORD_PREVIOUS must be a comma-separated list of passwords of at least 32 characters each',
    ]);
    expect(short.join('\n')).not.toContain('p'.repeat(32));
    expect(
      problems({ ...base, WORKOS_COOKIE_PASSWORD_PREVIOUS: base.WORKOS_COOKIE_PASSWORD }),
    ).toEqual(['WORKOS_COOKIE_PASSWORD_PREVIOUS must not repeat WORKOS_COOKIE_PASSWORD']);
  });

  it('uses the __Host- cookie and Secure on https', () => {
    const config = loadConfig({
      ...base,
      PUBLIC_URL: 'https://admin.example.com',
      TRUST_PROXY_HOPS: '1',
    });
    expect(config.session.cookieName).toBe('__Host-gatehouse');
    expect(config.session.loginCookieName).toBe('__Host-gatehouse-login');
    expect(config.session.secureCookies).toBe(true);
  });

  it('reports one line per bad value, naming the variable and never echoing a secret', () => {
    const lines = problems({
      WORKOS_COOKIE_PASSWORD: 'short-secret-value',
      PUBLIC_URL: 'not a url',
      BACKEND_URL: 'ftp://x',
      SESSION_STORE: 'mongo',
      SESSION_IDLE_MINUTES: 'ten',
      PORT: '70000',
    });
    expect(lines).toEqual(
      expect.arrayContaining([
        'WORKOS_CLIENT_ID is required',
        'WORKOS_API_KEY is required',
        'WORKOS_COOKIE_PASSWORD must be at least 32 characters',
      ]),
    );
    for (const name of [
      'PUBLIC_URL',
      'BACKEND_URL',
      'SESSION_STORE',
      'SESSION_IDLE_MINUTES',
      'PORT',
    ]) {
      expect(lines.filter((line) => line.startsWith(`${name} `))).toHaveLength(1);
    }
    expect(lines.join('\n')).not.toContain('short-secret-value');
  });

  it('refuses a PUBLIC_URL with a path and a plain-http non-local PUBLIC_URL', () => {
    expect(problems({ ...base, PUBLIC_URL: 'http://localhost:4200/app' })[0]).toMatch(
      /^PUBLIC_URL must be an origin/,
    );
    expect(problems({ ...base, PUBLIC_URL: 'http://admin.example.com' })).toEqual([
      'PUBLIC_URL must use https unless the host is localhost/127.0.0.1/[::1]',
    ]);
  });

  it('refuses an https PUBLIC_URL without a trusted proxy hop (the session cookie could never be set)', () => {
    expect(problems({ ...base, PUBLIC_URL: 'https://admin.example.com' })).toEqual([
      'TRUST_PROXY_HOPS must be >= 1 when PUBLIC_URL is https (the BFF serves plain HTTP behind a TLS proxy)',
    ]);
  });

  it('accepts only a hop count for TRUST_PROXY_HOPS (never "true": trusting every proxy lets clients spoof their address)', () => {
    expect(problems({ ...base, TRUST_PROXY_HOPS: 'true' })).toEqual([
      'TRUST_PROXY_HOPS must be a whole number',
    ]);
    expect(loadConfig({ ...base, TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
  });

  it('rate limits: defaults, overrides and bounds', () => {
    expect(loadConfig(base).rateLimits).toEqual({
      windowMs: 60_000,
      signInPerIp: 60,
      refreshPerSession: 10,
    });
    expect(
      loadConfig({
        ...base,
        RATE_LIMIT_WINDOW_SECONDS: '10',
        RATE_LIMIT_SIGN_IN_PER_IP: '1000000',
        RATE_LIMIT_REFRESH_PER_SESSION: '3',
      }).rateLimits,
    ).toEqual({ windowMs: 10_000, signInPerIp: 1_000_000, refreshPerSession: 3 });
    expect(problems({ ...base, RATE_LIMIT_SIGN_IN_PER_IP: '0' })[0]).toMatch(
      /^RATE_LIMIT_SIGN_IN_PER_IP /,
    );
    expect(problems({ ...base, RATE_LIMIT_WINDOW_SECONDS: '3601' })[0]).toMatch(
      /^RATE_LIMIT_WINDOW_SECONDS /,
    );
  });

  it('records activity once a minute, or every 1/20 of a shorter idle timeout', () => {
    expect(loadConfig(base).session.slideEveryMs).toBe(60_000);
    expect(loadConfig({ ...base, SESSION_IDLE_MINUTES: '10' }).session.slideEveryMs).toBe(30_000);
    expect(loadConfig({ ...base, SESSION_IDLE_MINUTES: '1' }).session.slideEveryMs).toBe(3_000);
  });

  describe('NODE_ENV=production', () => {
    const prod = {
      ...base,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://admin.example.com',
      TRUST_PROXY_HOPS: '1',
    };

    it('starts with https, sqlite and api.workos.com', () => {
      expect(loadConfig(prod).nodeEnv).toBe('production');
    });

    it('refuses http PUBLIC_URL, even on localhost', () => {
      expect(problems({ ...prod, PUBLIC_URL: 'http://localhost:3000' })).toEqual([
        'PUBLIC_URL must use https when NODE_ENV=production',
      ]);
    });

    it('refuses the memory store', () => {
      expect(problems({ ...prod, SESSION_STORE: 'memory' })[0]).toMatch(
        /^SESSION_STORE=memory is refused/,
      );
    });

    it('refuses another WorkOS host unless explicitly allowed', () => {
      const emulator = { ...prod, WORKOS_API_BASE_URL: 'http://127.0.0.1:4100' };
      expect(problems(emulator)).toHaveLength(2);
      expect(problems(emulator)[0]).toMatch(
        /^WORKOS_API_BASE_URL host 127\.0\.0\.1:4100 is refused/,
      );
      expect(
        loadConfig({
          ...emulator,
          ALLOW_NON_WORKOS_API_HOST: 'true',
          ALLOW_HTTP_WORKOS_API_HOST: 'true',
        }).workos.apiBaseUrl,
      ).toBe('http://127.0.0.1:4100');
    });

    it('keeps the host and the http waivers separate', () => {
      const emulator = { ...prod, WORKOS_API_BASE_URL: 'http://127.0.0.1:4100' };
      expect(problems({ ...emulator, ALLOW_NON_WORKOS_API_HOST: 'true' })).toEqual([
        'WORKOS_API_BASE_URL must use https when NODE_ENV=production (set ALLOW_HTTP_WORKOS_API_HOST=true to allow plain http)',
      ]);
      expect(problems({ ...emulator, ALLOW_HTTP_WORKOS_API_HOST: 'true' })).toEqual([
        'WORKOS_API_BASE_URL host 127.0.0.1:4100 is refused when NODE_ENV=production (set ALLOW_NON_WORKOS_API_HOST=true to allow another WorkOS host)',
      ]);
      const customDomain = { ...prod, WORKOS_API_BASE_URL: 'https://auth.example.com' };
      expect(problems({ ...customDomain, ALLOW_NON_WORKOS_API_HOST: 'true' })).toEqual([]);
    });
  });

  describe('a non-loopback PUBLIC_URL is production whatever NODE_ENV says', () => {
    const deployed = {
      ...base,
      PUBLIC_URL: 'https://admin.example.com',
      TRUST_PROXY_HOPS: '1',
    };
    const because = 'PUBLIC_URL is not a loopback host (production, whatever NODE_ENV says)';

    it.each([undefined, 'development', 'test'])(
      'NODE_ENV=%s: refuses the memory store, a non-WorkOS host and an http API host, one line each',
      (nodeEnv) => {
        const env = {
          ...deployed,
          NODE_ENV: nodeEnv,
          SESSION_STORE: 'memory',
          WORKOS_API_BASE_URL: 'http://127.0.0.1:4100',
        };
        expect(problems(env)).toEqual([
          `SESSION_STORE=memory is refused when ${because} (sessions would be lost)`,
          `WORKOS_API_BASE_URL host 127.0.0.1:4100 is refused when ${because} (set ALLOW_NON_WORKOS_API_HOST=true to allow another WorkOS host)`,
          `WORKOS_API_BASE_URL must use https when ${because} (set ALLOW_HTTP_WORKOS_API_HOST=true to allow plain http)`,
        ]);
      },
    );

    it('starts with https, sqlite and api.workos.com, or another http host with both waivers', () => {
      expect(loadConfig(deployed).workos.apiBaseUrl).toBe('https://api.workos.com');
      expect(
        loadConfig({
          ...deployed,
          WORKOS_API_BASE_URL: 'http://127.0.0.1:4100',
          ALLOW_NON_WORKOS_API_HOST: '1',
          ALLOW_HTTP_WORKOS_API_HOST: '1',
        }).workos.apiBaseUrl,
      ).toBe('http://127.0.0.1:4100');
    });

    it('a loopback PUBLIC_URL outside NODE_ENV=production keeps the development defaults', () => {
      const local = {
        ...base,
        SESSION_STORE: 'memory',
        WORKOS_API_BASE_URL: 'http://127.0.0.1:4100',
      };
      for (const host of ['localhost:4200', '127.0.0.1:4200', '[::1]:4200']) {
        expect(problems({ ...local, PUBLIC_URL: `http://${host}` })).toEqual([]);
      }
    });
  });
});
