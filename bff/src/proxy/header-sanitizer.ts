import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus their legacy proxy spellings. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/** Client headers that must never reach the backend (identity, forwarding claims, credentials). */
const STRIPPED_EXACT = new Set([
  'cookie',
  'authorization',
  'x-csrf',
  'forwarded',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'x-cluster-client-ip',
  'x-original-url',
  'x-rewrite-url',
  'x-original-host',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'x-request-id',
]);
const STRIPPED_PREFIXES = ['x-forwarded-', 'x-user-', 'x-auth-', 'x-remote-'];

/**
 * The canonical form of a header name: lower case, `_` read as `-`. Several servers (and CGI-style
 * gateways) treat `X_Forwarded_For` like `X-Forwarded-For`, so both spellings are matched.
 */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const tokens = new Set<string>();
  for (const name of ['connection', 'proxy-connection']) {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    for (const token of text.split(',')) {
      const t = token.trim();
      if (t) tokens.add(canonicalHeaderName(t));
    }
  }
  return tokens;
}

/** Whether an incoming header must be removed before forwarding. */
export function isStrippedRequestHeader(
  name: string,
  connectionNamed: Set<string> = new Set(),
): boolean {
  const canonical = canonicalHeaderName(name);
  return (
    HOP_BY_HOP.has(canonical) ||
    STRIPPED_EXACT.has(canonical) ||
    STRIPPED_PREFIXES.some((prefix) => canonical.startsWith(prefix)) ||
    connectionNamed.has(canonical)
  );
}

/** The names listed in `Connection`/`Proxy-Connection` of a header getter. */
export function connectionNamedHeaders(get: (name: string) => unknown): Set<string> {
  const headers: IncomingHttpHeaders = {};
  for (const name of ['connection', 'proxy-connection']) {
    const value = get(name);
    if (typeof value === 'string' || Array.isArray(value)) headers[name] = value as string;
  }
  return connectionTokens(headers);
}

/**
 * Removes, in place, every client header that must not reach the backend: `Cookie`, any
 * `Authorization`, `X-CSRF`, `Forwarded`, `X-Forwarded-*`, `X-Real-IP`, `X-User-*` and friends in
 * every case and underscore variant, hop-by-hop headers and any header named in `Connection`.
 * Returns the names it removed (for tests and debug logs; never values).
 */
export function stripRequestHeaders(headers: IncomingHttpHeaders): string[] {
  const named = connectionTokens(headers);
  const removed: string[] = [];
  for (const name of Object.keys(headers)) {
    if (isStrippedRequestHeader(name, named)) {
      delete headers[name];
      removed.push(name);
    }
  }
  return removed;
}

/**
 * The upstream response headers the browser may get (exact, lower-case names as Node delivers
 * them): the representation (type, length, encoding, ranges, disposition), caching and validators,
 * `Location`, `Retry-After`, `Allow`, `WWW-Authenticate`, rate-limit and request-id headers: what
 * the SPA needs. Everything else stays with the BFF: cookies, CORS grants (`Access-Control-*`),
 * security headers that would replace the BFF's own (CSP, framing, HSTS, referrer, COOP…) and
 * server internals (`Server`, `X-Powered-By`, debugging headers).
 */
const PASSED_RESPONSE_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-disposition',
  'content-range',
  'accept-ranges',
  'cache-control',
  'expires',
  'pragma',
  'age',
  'vary',
  'etag',
  'last-modified',
  'location',
  'retry-after',
  'allow',
  'www-authenticate',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-request-id',
]);

/**
 * The upstream response headers on the allow-list ({@link PASSED_RESPONSE_HEADERS}), minus any a
 * `Connection` header names (hop-by-hop). The caller still never lets one replace a header the BFF
 * set itself.
 */
export function filterResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !PASSED_RESPONSE_HEADERS.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}
