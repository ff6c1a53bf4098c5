import type { IncomingHttpHeaders } from 'node:http';

import {
  canonicalHeaderName,
  filterResponseHeaders,
  stripRequestHeaders,
} from './header-sanitizer.js';

describe('stripRequestHeaders', () => {
  it('removes credentials, forwarding claims and hop-by-hop headers in every case/underscore variant', () => {
    // Node lower-cases header names; underscore variants stay distinct keys.
    const headers: IncomingHttpHeaders = {
      accept: 'application/json',
      'content-type': 'application/json',
      cookie: 'gatehouse=abc',
      authorization: 'Bearer attacker',
      'x-csrf': '1',
      x_csrf: '1',
      forwarded: 'for=1.2.3.4',
      'x-forwarded-for': '1.2.3.4',
      x_forwarded_for: '1.2.3.4',
      'x-forwarded-host': 'evil.com',
      'x_forwarded-proto': 'https',
      'x-real-ip': '1.2.3.4',
      x_real_ip: '1.2.3.4',
      'x-user-id': 'admin',
      x_user_email: 'a@b.c',
      connection: 'keep-alive, X-Foo',
      'x-foo': 'hop',
      te: 'trailers',
      upgrade: 'websocket',
      'keep-alive': 'timeout=5',
      'proxy-authorization': 'Basic x',
      'x-request-id': 'spoofed',
      'x-custom': 'kept',
    };
    stripRequestHeaders(headers);
    expect(headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-custom': 'kept',
    });
  });

  it('canonicalises names', () => {
    expect(canonicalHeaderName('X_Forwarded_For')).toBe('x-forwarded-for');
  });
});

describe('filterResponseHeaders', () => {
  it('drops Set-Cookie and hop-by-hop headers', () => {
    expect(
      filterResponseHeaders({
        'set-cookie': ['a=b'],
        'content-type': 'application/json',
        connection: 'close, x-secret',
        'x-secret': '1',
        'transfer-encoding': 'chunked',
        'keep-alive': 'timeout=5',
        'cache-control': 'no-store',
      }),
    ).toEqual({ 'content-type': 'application/json', 'cache-control': 'no-store' });
  });

  it('keeps only allow-listed headers: no CORS, no security headers, no server internals', () => {
    expect(
      filterResponseHeaders({
        'content-type': 'application/json',
        'content-length': '2',
        etag: '"1"',
        'retry-after': '5',
        'x-ratelimit-remaining': '3',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'content-security-policy': 'default-src *',
        'x-frame-options': 'ALLOWALL',
        server: 'nginx',
        'x-powered-by': 'Express',
        content_type: 'text/html',
      }),
    ).toEqual({
      'content-type': 'application/json',
      'content-length': '2',
      etag: '"1"',
      'retry-after': '5',
      'x-ratelimit-remaining': '3',
    });
  });

  it('drops an allow-listed header that Connection names as hop-by-hop', () => {
    expect(
      filterResponseHeaders({ connection: 'etag', etag: '"1"', 'content-type': 'text/plain' }),
    ).toEqual({ 'content-type': 'text/plain' });
  });
});
