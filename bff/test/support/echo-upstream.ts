import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the echo upstream received it (test-side only; never sent back verbatim). */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaderNames: string[];
  readonly bodyLength: number;
  readonly bodySha256: string;
  /** The BFF-side port of the TCP connection (equal ports = a reused keep-alive connection). */
  readonly remotePort: number | undefined;
}

/** A real local HTTP server standing in for the backend; it reports what it received. */
export interface EchoUpstream {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** How many `/stream` responses ended because the other side went away. */
  readonly streamsAborted: () => number;
  close(): Promise<void>;
}

/**
 * What `/leaky-headers` answers with: what the SPA may see (content, caching, validators,
 * `Location`, `Retry-After`, rate limits) and what it must not (security headers that would weaken
 * the BFF's own, CORS grants, server internals).
 */
export const LEAKY_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'private, max-age=60',
  etag: '"v1"',
  'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
  vary: 'Accept',
  location: '/things/1',
  'retry-after': '30',
  ratelimit: '"default";r=5;t=60',
  'ratelimit-policy': '"default";q=100;w=60',
  'x-ratelimit-remaining': '5',
  'x-request-id': 'upstream-chosen-id',
  'content-security-policy': 'default-src *',
  'x-frame-options': 'ALLOWALL',
  'strict-transport-security': 'max-age=0',
  'referrer-policy': 'unsafe-url',
  'cross-origin-opener-policy': 'unsafe-none',
  'x-content-type-options': 'none',
  'access-control-allow-origin': 'https://evil.com',
  'access-control-allow-credentials': 'true',
  'access-control-allow-methods': 'GET, POST, DELETE',
  'access-control-allow-headers': 'x-csrf',
  'access-control-expose-headers': '*',
  'access-control-max-age': '86400',
  server: 'internal-backend/1.2.3',
  'x-powered-by': 'Express',
  'x-backend-debug': 'stack trace',
  'x-internal-host': '10.0.0.5',
} as const;

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Routes: `/hang` never answers; `/slow?ms=N` answers after N ms; `/status/N` answers N;
 * `/stream` sends a chunk every 20 ms until the connection goes away; `/cut` promises 1000 bytes,
 * sends 10 and drops the connection;
 * `/set-cookie` sets a cookie; `/leaky-headers` answers 201 with {@link LEAKY_HEADERS};
 * `/redirect` 302s to `/echo/redirected`; anything else echoes the
 * request as JSON, with `authorization` replaced by its SHA-256 (so no token travels back).
 */
export async function startEchoUpstream(): Promise<EchoUpstream> {
  const received: ReceivedRequest[] = [];
  let streamsAborted = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0),
        bodyLength: body.length,
        bodySha256: sha256(body),
        remotePort: req.socket.remotePort,
      };
      received.push(record);
      const url = new URL(req.url ?? '/', 'http://echo.invalid');
      const echo = () => {
        const { authorization, ...headers } = req.headers;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            method: record.method,
            url: record.url,
            headers,
            authorizationSha256: authorization ? sha256(authorization) : null,
            bodyLength: record.bodyLength,
            bodySha256: record.bodySha256,
          }),
        );
      };
      if (url.pathname === '/hang') return;
      if (url.pathname === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('chunk\n'), 20);
        res.on('close', () => {
          clearInterval(timer);
          if (!res.writableFinished) streamsAborted += 1;
        });
        return;
      }
      if (url.pathname === '/cut') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        res.write('0123456789', () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      if (url.pathname === '/slow') {
        setTimeout(echo, Number(url.searchParams.get('ms') ?? '200'));
        return;
      }
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      if (status) {
        res.statusCode = Number(status[1]);
        return echo();
      }
      if (url.pathname === '/set-cookie') {
        res.setHeader('set-cookie', ['backend_session=leak; Path=/; HttpOnly', 'other=1']);
        res.setHeader('connection', 'keep-alive, x-hop');
        res.setHeader('x-hop', 'should-not-pass');
        return echo();
      }
      if (url.pathname === '/leaky-headers') {
        res.writeHead(201, LEAKY_HEADERS);
        res.end('{"id":1}');
        return;
      }
      if (url.pathname === '/redirect') {
        res.statusCode = 302;
        res.setHeader('location', '/echo/redirected');
        res.end();
        return;
      }
      echo();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    streamsAborted: () => streamsAborted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
