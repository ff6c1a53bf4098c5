import {
  createTestApp,
  createTestIssuer,
  expectAuthUnavailable,
  expectUnauthorized,
  FakeClock,
  LogCapture,
  type JwksMode,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

const COOLDOWN_MS = 30_000;
const TIMEOUT_MS = 600;

/** The real JwksKeySource against the issuer's JWKS over HTTP, with a hand-moved clock. */
async function start(
  options: { mode?: JwksMode; logs?: LogCapture } = {},
): Promise<{ issuer: TestIssuer; t: TestApp; clock: FakeClock; close: () => Promise<void> }> {
  const issuer = await createTestIssuer();
  issuer.setJwksMode(options.mode ?? 'up');
  const clock = new FakeClock();
  const t = await createTestApp({
    issuer,
    mode: 'jwks',
    clock,
    logs: options.logs,
    config: {
      jwks: {
        timeoutMs: TIMEOUT_MS,
        cooldownMs: COOLDOWN_MS,
        retryAfterFailureMs: 5_000,
        maxAgeMs: 600_000,
      },
    },
  });
  return {
    issuer,
    t,
    clock,
    close: async () => {
      await t.close();
      await issuer.close();
    },
  };
}

describe('JwksKeySource over HTTP (checklist 47, 48)', () => {
  it('serves many concurrent requests with one JWKS fetch', async () => {
    const { issuer, t, close } = await start();
    try {
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => t.as({ sub: `user_${i}` }).get('/admin/me')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(25).fill(200));
      expect(issuer.jwksRequests).toBe(1);
    } finally {
      await close();
    }
  });

  it('refetches once for a rotated kid and accepts it', async () => {
    const { issuer, t, clock, close } = await start();
    try {
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      const oldToken = issuer.token();
      clock.advance(COOLDOWN_MS + 1);
      issuer.rotate();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => t.as({}).get('/admin/me')),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(issuer.jwksRequests).toBe(2);
      // The old key left the JWKS, so an unseen token signed with it is refused.
      expectUnauthorized(await t.as(oldToken).get('/admin/me'), 'unknown_key');
    } finally {
      await close();
    }
  });

  it('keeps both keys while the JWKS publishes both (overlapping rotation)', async () => {
    const { issuer, t, clock, close } = await start();
    try {
      const oldToken = issuer.token();
      expect((await t.as(oldToken).get('/admin/me')).status).toBe(200);
      clock.advance(COOLDOWN_MS + 1);
      issuer.rotate({ keepPrevious: true });
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      // A fresh token of the previous key (not in the verified-token cache) still verifies.
      const fresh = issuer.token({ sub: 'user_old' }, { previousKey: true });
      expect(fresh.split('.')[0]).toBe(oldToken.split('.')[0]);
      expect((await t.as(fresh).get('/admin/me')).body).toMatchObject({ id: 'user_old' });
      expect(issuer.jwksRequests).toBe(2);
    } finally {
      await close();
    }
  });

  it('bounds a flood of random kids to one fetch per cooldown and still accepts a rotated key', async () => {
    const { issuer, t, clock, close } = await start();
    try {
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      expect(issuer.jwksRequests).toBe(1);
      clock.advance(COOLDOWN_MS + 1);
      const flood = await Promise.all(
        Array.from({ length: 100 }, () => t.as(issuer.bad.unknownKid()).get('/admin/me')),
      );
      for (const res of flood) expectUnauthorized(res, 'unknown_key');
      expect(issuer.jwksRequests).toBe(2);

      // A genuine rotation during the flood: found by the next fetch once the cooldown passed.
      issuer.rotate();
      for (let i = 0; i < 20; i += 1) await t.as(issuer.bad.unknownKid()).get('/admin/me');
      expect(issuer.jwksRequests).toBe(2);
      clock.advance(COOLDOWN_MS + 1);
      const rotated = await t.as({}).get('/admin/me');
      expect(rotated.status).toBe(200);
      expect(issuer.jwksRequests).toBe(3);
    } finally {
      await close();
    }
  });

  it('keeps verifying with cached keys while the JWKS is down', async () => {
    const { issuer, t, clock, close } = await start();
    try {
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      issuer.setJwksMode('down');
      clock.advance(700_000); // past the max age: a background refresh is attempted and fails
      expect((await t.as({ sub: 'user_a' }).get('/admin/me')).status).toBe(200);
      expect((await t.as({ sub: 'user_b' }).get('/admin/me')).status).toBe(200);
      // An unknown kid is still a plain 401 while usable keys exist.
      clock.advance(COOLDOWN_MS + 1);
      expectUnauthorized(await t.as(issuer.bad.unknownKid()).get('/admin/me'), 'unknown_key');
      expect((await t.http.get('/health/ready')).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('answers 503 auth_unavailable when the JWKS is down and no key is known, then recovers', async () => {
    const { issuer, t, clock, close } = await start({ mode: 'down' });
    try {
      expectAuthUnavailable(await t.as({}).get('/admin/me'));
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'not_ready',
        jwks: { reachable: false, keys: 0 },
      });

      issuer.setJwksMode('up');
      clock.advance(COOLDOWN_MS + 1);
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      expect((await t.http.get('/health/ready')).body).toMatchObject({
        status: 'ready',
        jwks: { reachable: true, keys: 1 },
      });
    } finally {
      await close();
    }
  });

  it('retries a failed fetch after 5 s, not a whole cooldown', async () => {
    const { issuer, t, clock, close } = await start({ mode: 'error' });
    try {
      expectAuthUnavailable(await t.as({}).get('/admin/me'));
      issuer.setJwksMode('up');
      clock.advance(4_000);
      expectAuthUnavailable(await t.as({}).get('/admin/me'));
      expect(issuer.jwksRequests).toBe(1);
      clock.advance(1_001);
      expect((await t.as({}).get('/admin/me')).status).toBe(200);
      expect(issuer.jwksRequests).toBe(2);
    } finally {
      await close();
    }
  });

  it('answers 503 within the timeout when the JWKS hangs', async () => {
    const { t, close } = await start({ mode: 'hang' });
    try {
      const started = Date.now();
      const res = await t.as({}).get('/admin/me');
      const elapsed = Date.now() - started;
      expectAuthUnavailable(res);
      expect(res.headers['retry-after']).toBe('5');
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_000);
    } finally {
      await close();
    }
  });

  it('never waits on or fetches the JWKS for tokens on public routes', async () => {
    const { issuer, t, clock, close } = await start();
    try {
      await t.as({}).get('/admin/me');
      clock.advance(COOLDOWN_MS + 1);
      const before = issuer.jwksRequests;
      expect((await t.as(issuer.bad.unknownKid()).get('/health')).status).toBe(200);
      expect(issuer.jwksRequests).toBe(before);
    } finally {
      await close();
    }
  });
});

describe('client-id drift warnings', () => {
  it('names the expected client id when a token comes from another client', async () => {
    const logs = new LogCapture();
    const { issuer, t, clock, close } = await start({ logs });
    try {
      for (let i = 0; i < 5; i += 1) {
        expectUnauthorized(
          await t.as(issuer.bad.otherClientIssuer()).get('/admin/me'),
          'issuer_mismatch',
        );
      }
      const issuerWarnings = logs.find('client_other_app');
      expect(issuerWarnings).toHaveLength(1);
      expect(issuerWarnings[0]).toMatchObject({ level: 40, context: 'ClientIdDrift' });
      expect(issuerWarnings[0]?.['msg']).toContain(`WORKOS_CLIENT_ID="${issuer.clientId}"`);

      await t.as({}).get('/admin/me');
      clock.advance(COOLDOWN_MS + 1);
      expectUnauthorized(await t.as(issuer.bad.unknownKid()).get('/admin/me'), 'unknown_key');
      const kidWarnings = logs.find('is not in the JWKS');
      expect(kidWarnings).toHaveLength(1);
      expect(kidWarnings[0]?.['msg']).toContain(issuer.clientId);
    } finally {
      await close();
    }
  });

  it('explains a backend configured with another client id than the tokens (drift)', async () => {
    const logs = new LogCapture();
    const issuer = await createTestIssuer();
    const wrong = 'client_wrong';
    const t = await createTestApp({
      issuer,
      mode: 'jwks',
      logs,
      config: {
        workosClientId: wrong,
        jwksUrl: `${issuer.baseUrl}/sso/jwks/${wrong}`,
        issuers: [`${issuer.baseUrl}/user_management/${wrong}`],
      },
    });
    try {
      const ready = await t.http.get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ jwks: { reachable: false, keys: 0 } });
      expect(logs.find(`WorkOS knows no client "${wrong}"`)).toHaveLength(1);

      expectUnauthorized(await t.as({}).get('/admin/me'), 'issuer_mismatch');
      const [warning] = logs.find(`issued for WorkOS client "${issuer.clientId}"`);
      expect(warning?.['msg']).toContain(`expects WORKOS_CLIENT_ID="${wrong}"`);
    } finally {
      await t.close();
      await issuer.close();
    }
  });
});
