import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type StackOptions, stackSeed, stackServiceSpecs } from './stack.js';

function options(overrides: Partial<StackOptions> = {}): StackOptions {
  return {
    rootDir: '/repo',
    dataDir: mkdtempSync(join(tmpdir(), 'gatehouse-stack-')),
    host: '127.0.0.1',
    ports: { emulator: 4100, backend: 3001, bff: 3000 },
    identityProvider: { kind: 'emulator' },
    cookiePassword: 'c'.repeat(40),
    log: () => undefined,
    ...overrides,
  };
}

describe('stackSeed', () => {
  it('registers the public URL as redirect and logout return URI of every client', () => {
    const seed = stackSeed('http://localhost:45678');
    for (const client of seed.clients) {
      expect(client.redirectUris).toContain('http://localhost:45678/auth/callback');
      expect(client.logoutReturnUris).toContain('http://localhost:45678/signed-out');
    }
  });
});

describe('stackServiceSpecs', () => {
  it('gives the backend and the BFF the same WORKOS_CLIENT_ID and base URL as the emulator seed', () => {
    const opts = options();
    const { specs, client } = stackServiceSpecs(opts);
    const [emulator, backend, bff] = specs;

    expect(specs.map((spec) => spec.name)).toEqual(['emulator', 'backend', 'bff']);
    const seed = JSON.parse(readFileSync(join(opts.dataDir, 'emulator', 'seed.json'), 'utf8'));
    expect(client.clientId).toBe(seed.clients[0].id);
    expect(backend?.env.WORKOS_CLIENT_ID).toBe(client.clientId);
    expect(bff?.env.WORKOS_CLIENT_ID).toBe(client.clientId);
    expect(bff?.env.WORKOS_API_KEY).toBe(seed.clients[0].apiKey);
    expect(backend?.env.WORKOS_API_KEY).toBe(seed.clients[0].apiKey);
    expect(backend?.env.WORKOS_API_BASE_URL).toBe('http://127.0.0.1:4100');
    expect(bff?.env.WORKOS_API_BASE_URL).toBe('http://127.0.0.1:4100');
    expect(bff?.env.BACKEND_URL).toBe('http://127.0.0.1:3001');
    expect(bff?.env.PUBLIC_URL).toBe('http://localhost:3000');
    expect(emulator?.args).toEqual(
      expect.arrayContaining(['--port', '4100', '--host', '127.0.0.1']),
    );
  });

  it('passes test options to the emulator only when asked', () => {
    const withControls = stackServiceSpecs(
      options({ emulatorTestControls: true, accessTokenTtlSeconds: 20 }),
    );
    const plain = stackServiceSpecs(options());

    expect(withControls.specs[0]?.args).toEqual(
      expect.arrayContaining(['--enable-test-controls', '--access-token-ttl', '20']),
    );
    expect(plain.specs[0]?.args).not.toContain('--enable-test-controls');
  });

  it('starts no emulator with real WorkOS and passes its credentials to both apps', () => {
    const { specs, emulatorUrl } = stackServiceSpecs(
      options({
        identityProvider: {
          kind: 'workos',
          clientId: 'client_live',
          apiKey: 'sk_live',
          apiBaseUrl: 'https://api.workos.com',
        },
      }),
    );

    expect(emulatorUrl).toBeUndefined();
    expect(specs.map((spec) => spec.name)).toEqual(['backend', 'bff']);
    expect(specs[0]?.env.WORKOS_CLIENT_ID).toBe('client_live');
    expect(specs[0]?.env.WORKOS_API_KEY).toBe('sk_live');
    expect(specs[1]?.env).toMatchObject({
      WORKOS_CLIENT_ID: 'client_live',
      WORKOS_API_KEY: 'sk_live',
    });
  });

  it('runs two BFF instances on Redis with --scale: own ports and PUBLIC_URLs, one Redis, both URIs in the seed', () => {
    const opts = options({
      bffInstances: 2,
      sessionStore: 'redis',
      redisUrl: 'redis://127.0.0.1:6390',
      webhookSecret: 'w'.repeat(40),
    });
    const { specs, secondPublicUrl } = stackServiceSpecs(opts);
    expect(specs.map((spec) => spec.name)).toEqual(['emulator', 'backend', 'bff', 'bff2']);
    const [, , bff, bff2] = specs;
    expect(secondPublicUrl).toBe('http://localhost:3001');
    expect(bff2?.env).toMatchObject({
      PORT: '3001',
      PUBLIC_URL: 'http://localhost:3001',
      SESSION_STORE: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6390',
      WORKOS_WEBHOOK_SECRET: 'w'.repeat(40),
    });
    expect(bff?.env).toMatchObject({
      PORT: '3000',
      SESSION_STORE: 'redis',
      REDIS_URL: 'redis://127.0.0.1:6390',
    });
    expect(bff?.env.SESSION_SQLITE_PATH).toBeUndefined();
    expect(bff2?.readyUrl).toBe('http://127.0.0.1:3001/healthz');
    const seed = JSON.parse(readFileSync(join(opts.dataDir, 'emulator', 'seed.json'), 'utf8'));
    expect(seed.clients[0].redirectUris).toEqual(
      expect.arrayContaining([
        'http://localhost:3000/auth/callback',
        'http://localhost:3001/auth/callback',
      ]),
    );
    expect(seed.webhooks).toEqual([
      { url: 'http://127.0.0.1:3000/auth/webhooks/workos', secret: 'w'.repeat(40) },
    ]);
  });

  it('refuses two instances without Redis, and Redis without a URL', () => {
    expect(() => stackServiceSpecs(options({ bffInstances: 2 }))).toThrow(/Redis/);
    expect(() => stackServiceSpecs(options({ sessionStore: 'redis' }))).toThrow(/REDIS_URL/);
  });

  it('keeps one SQLite BFF and no webhooks by default', () => {
    const opts = options();
    const { specs } = stackServiceSpecs(opts);
    expect(specs.at(-1)?.env).toMatchObject({ SESSION_STORE: 'sqlite' });
    expect(specs.at(-1)?.env.WORKOS_WEBHOOK_SECRET).toBeUndefined();
    const seed = JSON.parse(readFileSync(join(opts.dataDir, 'emulator', 'seed.json'), 'utf8'));
    expect(seed.webhooks).toBeUndefined();
  });

  it('gives the backend an audit trail only when asked: a directory or a PostgreSQL database', () => {
    const backendEnv = (overrides: Partial<StackOptions>) =>
      stackServiceSpecs(options(overrides)).specs.find((spec) => spec.name === 'backend')?.env;
    expect(backendEnv({})).not.toHaveProperty('AUDIT_DATA_DIR');
    expect(backendEnv({})).not.toHaveProperty('DATABASE_URL');
    expect(backendEnv({ auditDataDir: '/data/audit' })).toMatchObject({
      AUDIT_DATA_DIR: '/data/audit',
    });
    const url = 'postgres://postgres@127.0.0.1:5432/gatehouse_e2e_1';
    const env = backendEnv({ auditDatabaseUrl: url });
    expect(env).toMatchObject({ DATABASE_URL: url });
    expect(env).not.toHaveProperty('AUDIT_DATA_DIR');
  });

  it('passes AUDIT_EXPORT_WORKOS to the backend only when asked', () => {
    const backendEnv = (overrides: Partial<StackOptions>) =>
      stackServiceSpecs(options(overrides)).specs.find((spec) => spec.name === 'backend')?.env;
    expect(backendEnv({})).not.toHaveProperty('AUDIT_EXPORT_WORKOS');
    expect(backendEnv({ auditExportWorkos: true })).toMatchObject({ AUDIT_EXPORT_WORKOS: 'true' });
  });
});
