import {
  createTestApp,
  createTestIssuer,
  LogCapture,
  type TestApp,
  type TestIssuer,
} from './kit/index.js';

describe('structured logs and request ids', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({ issuer, logs, logLevel: 'info' });
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it('echoes a well-formed X-Request-Id and logs it with the request', async () => {
    const res = await t.as({}).get('/admin/me').set('x-request-id', 'req-abc.123');
    expect(res.headers['x-request-id']).toBe('req-abc.123');
    const line = logs
      .records()
      .find((r) => (r['req'] as { id?: string } | undefined)?.id === 'req-abc.123');
    expect(line).toMatchObject({
      level: 30,
      service: 'gatehouse-backend',
      res: { statusCode: 200 },
    });
    expect(typeof line?.['responseTime']).toBe('number');
  });

  it('generates an id when none or a malformed one is sent', async () => {
    const none = await t.http.get('/health');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const evil = await t.http.get('/health').set('x-request-id', 'a b\tinjected"}');
    expect(evil.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs or echoes a token; Authorization and cookies are redacted', async () => {
    const valid = issuer.token();
    const invalid = issuer.bad.tamperedSignature();
    const responses = [
      await t.as(valid).get('/admin/me'),
      await t.as(invalid).get('/admin/me'),
      await t.as(valid).get('/admin/overview'),
      await t.http.get(`/admin/me?access_token=${valid}`).set('cookie', `session=${valid}`),
    ];
    const text = logs.text();
    for (const token of [valid, invalid]) {
      const signature = token.split('.')[2]!;
      expect(text).not.toContain(signature);
      for (const res of responses) {
        expect(res.text).not.toContain(signature);
        expect(JSON.stringify(res.headers)).not.toContain(signature);
      }
    }
    const authLine = logs
      .records()
      .find(
        (r) =>
          (r['req'] as { headers?: Record<string, string> } | undefined)?.headers?.[
            'authorization'
          ],
      );
    expect(
      (authLine?.['req'] as { headers: Record<string, string> }).headers['authorization'],
    ).toBe('[redacted]');
    const cookieLine = logs
      .records()
      .find(
        (r) => (r['req'] as { headers?: Record<string, string> } | undefined)?.headers?.['cookie'],
      );
    expect((cookieLine?.['req'] as { headers: Record<string, string> }).headers['cookie']).toBe(
      '[redacted]',
    );
  });

  it('logs 4xx responses at warn level without the query string', async () => {
    await t.http.get('/admin/me?secret=shh').set('x-request-id', 'req-401');
    const line = logs
      .records()
      .find((r) => (r['req'] as { id?: string } | undefined)?.id === 'req-401');
    expect(line).toMatchObject({ level: 40, req: { url: '/admin/me' }, res: { statusCode: 401 } });
    expect(logs.text()).not.toContain('shh');
  });
});
