const PLACEHOLDER_ORIGIN = 'https://gatehouse.invalid';
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;
/** Percent-decoding rounds checked; a value still decoding after that many is refused. */
const MAX_DECODE_ROUNDS = 3;

/**
 * A value resolved the way a browser resolves a redirect target (WHATWG URL: dot segments and
 * their `%2e` spellings removed), or undefined when that is not a same-origin path: anything not
 * starting with a single `/`, backslashes and control characters (the URL parser would turn `\`
 * into `/` and silently drop tabs and newlines), or a result that starts with `//`.
 */
function normalisedPath(value: string): string | undefined {
  if (!value.startsWith('/') || value.startsWith('//') || FORBIDDEN.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith('/') || path.startsWith('//') || FORBIDDEN.test(path)) return undefined;
  return path;
}

function isAuthPath(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0]!.toLowerCase();
  return pathname === '/auth' || pathname.startsWith('/auth/');
}

/**
 * Turns a caller-supplied `returnTo` into a same-origin path, or `/`.
 *
 * It validates what will be sent, not what came in: the value is normalised first (as a browser
 * would resolve it), then the normalised path must be a same-origin path, and so must every
 * percent-decoded form of it (so `/%2e%2e//evil.com`, `/a/..//evil.com`, `/%2F%2Fevil.com` and
 * double-encoded variants all fail). Also refused: non-strings, over-long values, and paths back
 * into `/auth/` (which would loop through login again). The callback then builds the `Location`
 * from `PUBLIC_URL` ({@link returnToLocation}), so a protocol-relative target cannot happen.
 */
export function sanitizeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return '/';
  const path = normalisedPath(raw);
  if (path === undefined || isAuthPath(path)) return '/';
  let form = path;
  for (let round = 0; ; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return '/';
    }
    if (decoded === form) break;
    if (round === MAX_DECODE_ROUNDS) return '/';
    const resolved = normalisedPath(decoded);
    if (resolved === undefined || isAuthPath(resolved)) return '/';
    form = decoded;
  }
  return path;
}

/**
 * The absolute URL the callback redirects to: `PUBLIC_URL` + the (re-checked) stored path. The
 * origin is ours whatever the path holds, so the browser can never be sent to another host.
 */
export function returnToLocation(publicOrigin: string, returnTo: string): string {
  const url = new URL(sanitizeReturnTo(returnTo), publicOrigin);
  return url.origin === publicOrigin ? url.href : `${publicOrigin}/`;
}
