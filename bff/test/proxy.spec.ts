import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';

import request from 'supertest';

import {
  type EchoUpstream,
  LEAKY_HEADERS,
  sha256,
  startEchoUpstream,
} from './support/echo-upstream.js';
import { type Harness, startHarness, TestClock } from './support/harness.js';
import { type PlantedSession, plantSession } from './support/planted-session.js';
import { rawRequest, rawSocket } from './support/raw-request.js';
import { TEST_PUBLIC_URL, testConfig } from './support/test-config.js';
import { Tripwire } from './support/tripwire.js';

const tripwire = new Tripwire();
let echo: EchoUpstream;
let h: Harness;
let session: PlantedSession;
const clock = new TestClock();
const ok = { 'X-CSRF': '1', Origin: TEST_PUBLIC_URL };

beforeAll(async () => {
  echo = await startEchoUpstream();
  h = await startHarness({
    config: testConfig({
      BACKEND_URL: echo.url,
      BACKEND_TIMEOUT_MS: '1000',
      API_BODY_LIMIT_BYTES: String(12 * 1024 * 1024),
    }),
    tripwire,
    clock,
  });
  session = await plantSession(h.config, h.store, { now: clock.now() });
  tripwire.addSecret(session.accessToken);
  tripwire.addSecret(session.refreshToken);
});

afterAll(async () => {
  await h.close();
  await echo.close();
  expect(tripwire.recordedCount).toBeGreaterThan(20);
  expect(tripwire.leaks()).toEqual([]);
});

beforeEach(() => {
  echo.received.length = 0;
});

const api = () => request(h.url);

describe('/api proxy: authentication', () => {
  it('401 JSON without a session (never a redirect), upstream not called', async () => {
    const res = await api().get('/api/admin/me').set('X-CSRF', '1');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthenticated' });
    expect(echo.received).toHaveLength(0);
  });

  it('401 for a forged or unknown session id, nothing stored', async () => {
    const before = h.store.dump().length;
    const forged = await api()
      .get('/api/x')
      .set('X-CSRF', '1')
      .set('Cookie', 'gatehouse=s%3Aforged.bad-signature');
    const unknown = await api()
      .get('/api/x')
      .set('X-CSRF', '1')
      .set('Cookie', session.cookie.replace(session.sid, randomBytes(24).toString('base64url')));
    expect([forged.status, unknown.status]).toEqual([401, 401]);
    expect(h.store.dump()).toHaveLength(before);
    expect(echo.received).toHaveLength(0);
  });

  it('forwards with the session access token as a bearer', async () => {
    const res = await api().get('/api/admin/me?x=1').set(ok).set('Cookie', session.cookie);
    expect(res.status).toBe(200);
    expect(res.body.url).toBe('/admin/me?x=1');
    expect(res.body.authorizationSha256).toBe(sha256(`Bearer ${session.accessToken}`));
  });
});

describe('/api proxy: CSRF, Origin, Sec-Fetch-Site', () => {
  it.each([
    ['GET without X-CSRF', 'get', { Origin: TEST_PUBLIC_URL }],
    ['POST without X-CSRF', 'post', { Origin: TEST_PUBLIC_URL }],
    ['X-CSRF with a wrong value', 'get', { 'X-CSRF': 'true' }],
    ['POST from a foreign Origin', 'post', { 'X-CSRF': '1', Origin: 'https://evil.com' }],
    ['POST without Origin', 'post', { 'X-CSRF': '1' }],
    ['POST with Origin null', 'post', { 'X-CSRF': '1', Origin: 'null' }],
    [
      'GET with Sec-Fetch-Site: cross-site',
      'get',
      { 'X-CSRF': '1', 'Sec-Fetch-Site': 'cross-site' },
    ],
    ['POST with Sec-Fetch-Site: cross-site', 'post', { ...ok, 'Sec-Fetch-Site': 'cross-site' }],
  ] as const)('%s → 403 csrf, upstream not called', async (_name, method, headers) => {
    const res = await api()[method]('/api/things').set(headers).set('Cookie', session.cookie);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: 'csrf' });
    expect(echo.received).toHaveLength(0);
  });

  it('accepts same-origin POST with the header and Sec-Fetch-Site: same-origin', async () => {
    const res = await api()
      .post('/api/things')
      .set({ ...ok, 'Sec-Fetch-Site': 'same-origin' })
      .set('Cookie', session.cookie)
      .send({ name: 'x' });
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('POST');
  });

  it('415 for text/plain and form bodies', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await api()
        .post('/api/things')
        .set(ok)
        .set('Cookie', session.cookie)
        .set('Content-Type', type)
        .send('a=b');
      expect(res.status).toBe(415);
    }
    expect(echo.received).toHaveLength(0);
  });

  it('a preflight from a foreign origin gets no CORS grant', async () => {
    const res = await api()
      .options('/api/things')
      .set('Origin', 'https://evil.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'x-csrf');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.status).toBe(405);
    expect(echo.received).toHaveLength(0);
  });

  it('405 for methods outside the allow-list (TRACE)', async () => {
    const res = await rawRequest(h.url, {
      method: 'TRACE',
      path: '/api/things',
      headers: { ...ok, Cookie: session.cookie },
    });
    expect(res.status).toBe(405);
    expect(echo.received).toHaveLength(0);
  });
});

describe('/api proxy: header hygiene', () => {
  it('strips credentials, forwarding claims and hop-by-hop headers in every variant; sets its own', async () => {
    const res = await rawRequest(h.url, {
      path: '/api/echo',
      headers: {
        'X-CSRF': '1',
        Cookie: `${session.cookie}; other=1`,
        Authorization: 'Bearer attacker-token',
        'X-Forwarded-For': '6.6.6.6',
        X_Forwarded_For: '6.6.6.6',
        'x-forwarded-host': 'evil.com',
        'X-FORWARDED-PROTO': 'https',
        X_Forwarded_Proto: 'https',
        Forwarded: 'for=6.6.6.6;host=evil.com',
        'X-Real-IP': '6.6.6.6',
        X_Real_Ip: '6.6.6.6',
        'X-User-Id': 'admin',
        X_User_Email: 'root@evil.com',
        'X-Request-Id': 'spoofed-id',
        Connection: 'keep-alive, X-Secret-Hop',
        'X-Secret-Hop': 'hop',
        'Keep-Alive': 'timeout=5',
        TE: 'trailers',
        'Proxy-Authorization': 'Basic eDp5',
        Host: 'evil.com',
        'X-Custom': 'kept',
      },
    });
    expect(res.status).toBe(200);
    const received = echo.received[0]!;
    const names = received.rawHeaderNames.map((n) => n.toLowerCase().replace(/_/g, '-'));
    for (const banned of [
      'cookie',
      'x-csrf',
      'forwarded',
      'x-real-ip',
      'x-user-id',
      'x-user-email',
      'x-secret-hop',
      'keep-alive',
      'te',
      'proxy-authorization',
    ]) {
      expect(names).not.toContain(banned);
    }
    expect(names.filter((n) => n === 'authorization')).toHaveLength(1);
    expect(received.headers.authorization).toBe(`Bearer ${session.accessToken}`);
    expect(names.filter((n) => n === 'x-forwarded-for')).toHaveLength(1);
    expect(received.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(received.headers['x-forwarded-host']).toBe('localhost:4300');
    expect(received.headers['x-forwarded-proto']).toBe('http');
    expect(received.headers['x-request-id']).toBe(res.headers['x-request-id']);
    expect(received.headers['x-request-id']).not.toBe('spoofed-id');
    expect(received.headers.host).toBe(new URL(echo.url).host);
    expect(received.headers['x-custom']).toBe('kept');
  });

  it('rejects CR/LF smuggled into a header value', async () => {
    const reply = await rawSocket(
      h.url,
      'GET /api/echo HTTP/1.1\r\nHost: x\r\nX-CSRF: 1\r\nX-Evil: a\rb\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(echo.received).toHaveLength(0);
  });

  it('drops upstream Set-Cookie and hop-by-hop headers', async () => {
    const res = await api().get('/api/set-cookie').set(ok).set('Cookie', session.cookie);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-hop']).toBeUndefined();
  });

  it('passes upstream headers through an allow-list: never CORS, never over its own security headers', async () => {
    const own = await api().get('/api/echo').set(ok).set('Cookie', session.cookie);
    echo.received.length = 0;
    const res = await api().get('/api/leaky-headers').set(ok).set('Cookie', session.cookie);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 1 });
    for (const name of [
      'content-type',
      'cache-control',
      'etag',
      'last-modified',
      'vary',
      'location',
      'retry-after',
      'ratelimit',
      'ratelimit-policy',
      'x-ratelimit-remaining',
    ] as const) {
      expect(res.headers[name]).toBe(LEAKY_HEADERS[name]);
    }
    // The BFF's own security headers, exactly as on a response the upstream had no say in.
    for (const name of [
      'content-security-policy',
      'x-frame-options',
      'strict-transport-security',
      'referrer-policy',
      'cross-origin-opener-policy',
      'x-content-type-options',
    ]) {
      expect(res.headers[name]).toBe(own.headers[name]);
      expect(res.headers[name]).not.toBe(LEAKY_HEADERS[name as keyof typeof LEAKY_HEADERS]);
    }
    expect(res.headers['x-request-id']).toBe(echo.received[0]!.headers['x-request-id']);
    const names = Object.keys(res.headers);
    expect(names.filter((name) => name.startsWith('access-control-'))).toEqual([]);
    for (const name of ['server', 'x-powered-by', 'x-backend-debug', 'x-internal-host']) {
      expect(names).not.toContain(name);
    }
  });

  it('does not follow upstream redirects', async () => {
    const res = await api().get('/api/redirect').set(ok).set('Cookie', session.cookie).redirects(0);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/echo/redirected');
    expect(echo.received.map((r) => r.url)).toEqual(['/redirect']);
  });

  it('passes upstream 401 (POST) and 403 through as they are', async () => {
    const unauthorized = await api()
      .post('/api/status/401')
      .set(ok)
      .set('Cookie', session.cookie)
      .send({});
    const forbidden = await api().get('/api/status/403').set(ok).set('Cookie', session.cookie);
    expect([unauthorized.status, forbidden.status]).toEqual([401, 403]);
    expect(unauthorized.headers.location).toBeUndefined();
  });
});

describe('/api proxy: path traversal and smuggling', () => {
  it.each([
    '/api/../admin',
    '/api/%2e%2e/admin',
    '/api/%2E%2E/admin',
    '/api/%2fadmin',
    '/api/..%5cadmin',
    '/api/x/..\\admin',
    '/api//admin',
    '/api;/admin',
    '/api/x%00',
    '/api/%252e%252e/admin',
    '/api/./admin',
  ])('%s → 400 before proxying', async (path) => {
    const res = await rawRequest(h.url, { path, headers: { ...ok, Cookie: session.cookie } });
    expect(res.status).toBe(400);
    expect(echo.received).toHaveLength(0);
  });

  it('absolute-form targets never change the upstream host (400)', async () => {
    const res = await rawRequest(h.url, {
      path: 'http://evil.com/api/x',
      headers: { ...ok, Cookie: session.cookie },
    });
    expect(res.status).toBe(400);
    expect(echo.received).toHaveLength(0);
  });

  it('//evil.com at the root is not an open redirect', async () => {
    const res = await rawRequest(h.url, { path: '//evil.com' });
    expect(res.headers.location).toBeUndefined();
  });
});

describe('/api proxy: bodies, limits and upstream failures', () => {
  it('streams a 10 MB body byte-identical (chunked), and JSON and multipart', async () => {
    const big = randomBytes(10 * 1024 * 1024);
    const res = await rawRequest(h.url, {
      method: 'PUT',
      path: '/api/upload',
      headers: {
        ...ok,
        Cookie: session.cookie,
        'Content-Type': 'application/octet-stream',
        'Transfer-Encoding': 'chunked',
      },
      body: big,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ bodyLength: big.length, bodySha256: sha256(big) });

    const json = JSON.stringify({ hello: 'wörld', n: [1, 2, 3] });
    const viaJson = await api()
      .post('/api/json')
      .set(ok)
      .set('Cookie', session.cookie)
      .set('Content-Type', 'application/json')
      .send(json);
    expect(viaJson.body.bodySha256).toBe(sha256(Buffer.from(json)));

    const multipart = await api()
      .post('/api/files')
      .set(ok)
      .set('Cookie', session.cookie)
      .attach('file', Buffer.from('file-content-\u0000-binary'), 'a.bin');
    expect(multipart.status).toBe(200);
    expect(multipart.body.bodyLength).toBeGreaterThan(20);
    expect(echo.received.at(-1)!.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=/,
    );
  });

  it('413 when Content-Length is over the cap, upstream not called', async () => {
    const res = await rawRequest(h.url, {
      method: 'POST',
      path: '/api/upload',
      headers: {
        ...ok,
        Cookie: session.cookie,
        'Content-Type': 'application/json',
        'Content-Length': String(13 * 1024 * 1024),
      },
    }).catch((err: Error) => ({ status: -1, body: err.message, headers: {} }));
    expect(res.status).toBe(413);
    expect(echo.received).toHaveLength(0);
  });

  it('413 when a chunked body grows over the cap', async () => {
    const res = await rawRequest(h.url, {
      method: 'POST',
      path: '/api/upload',
      headers: {
        ...ok,
        Cookie: session.cookie,
        'Content-Type': 'application/octet-stream',
        'Transfer-Encoding': 'chunked',
      },
      body: randomBytes(13 * 1024 * 1024),
    }).catch((err: Error) => ({ status: -1, body: err.message, headers: {} }));
    expect([413, -1]).toContain(res.status);
    expect(echo.received.filter((r) => r.bodyLength > 12 * 1024 * 1024)).toHaveLength(0);
  });

  it('504 JSON when the upstream hangs', async () => {
    const res = await api().get('/api/hang').set(ok).set('Cookie', session.cookie);
    expect(res.status).toBe(504);
    expect(res.body).toEqual({ error: 'upstream_timeout' });
  });
});

describe('/api proxy: upstream connections and streaming', () => {
  it('reuses one keep-alive connection to the upstream for sequential requests', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await api().get('/api/echo').set(ok).set('Cookie', session.cookie)).status).toBe(200);
    }
    const ports = new Set(echo.received.map((r) => r.remotePort));
    expect(echo.received).toHaveLength(3);
    expect(ports.size).toBe(1);
  });

  it('a client that goes away mid-body ends the upstream response (no leaked stream)', async () => {
    const before = echo.streamsAborted();
    const base = new URL(h.url);
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          path: '/api/stream',
          headers: { ...ok, Cookie: session.cookie },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNRESET') reject(err);
      });
      req.end();
    });
    const deadline = Date.now() + 2000;
    while (echo.streamsAborted() === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(echo.streamsAborted()).toBe(before + 1);
  });

  it('an upstream that drops the connection mid-body ends the client response too', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const base = new URL(h.url);
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          path: '/api/cut',
          headers: { ...ok, Cookie: session.cookie },
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => resolve('complete'));
          res.on('error', () => resolve('aborted'));
          res.on('aborted', () => resolve('aborted'));
        },
      );
      req.on('error', () => resolve('aborted'));
      req.end();
    });
    expect(outcome).toBe('aborted');
    // The BFF still answers afterwards (the broken upstream connection was not reused).
    expect((await api().get('/api/echo').set(ok).set('Cookie', session.cookie)).status).toBe(200);
  });
});

describe('/api proxy: upstream unreachable', () => {
  let down: Harness;
  beforeAll(async () => {
    down = await startHarness({
      config: testConfig({ BACKEND_URL: 'http://127.0.0.1:9' }),
      tripwire,
      clock,
    });
  });
  afterAll(() => down.close());

  it('502 JSON', async () => {
    const s = await plantSession(down.config, down.store, { now: clock.now() });
    tripwire.addSecret(s.accessToken);
    const res = await request(down.url).get('/api/admin/me').set(ok).set('Cookie', s.cookie);
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: 'upstream_unavailable' });
  });
});

describe('WebSocket upgrades', () => {
  it('are refused (no 101)', async () => {
    const reply = await rawSocket(
      h.url,
      `GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://evil.com\r\nCookie: ${session.cookie}\r\n\r\n`,
      1000,
    );
    expect(reply).not.toMatch(/^HTTP\/1\.1 101/);
  });
});
