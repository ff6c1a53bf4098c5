const PLACEHOLDER_ORIGIN = 'https://gatehouse.invalid';
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;

/**
 * Turns a caller-supplied `returnTo` into a same-origin path, or `/`.
 *
 * Refused (→ `/`): anything not starting with a single `/` (`//evil.com`, `https://…`, `javascript:`),
 * backslashes and control characters raw or percent-encoded (`/\evil.com`, `/%09/evil.com`), encoded
 * slashes that decode to `//` (`/%2F%2Fevil.com`), over-long values, and paths back into `/auth/`
 * (which would loop through login again).
 */
export function sanitizeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return '/';
  let decoded = raw;
  for (let round = 0; round < 3; round += 1) {
    if (FORBIDDEN.test(decoded) || !decoded.startsWith('/') || decoded.startsWith('//')) return '/';
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return '/';
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (FORBIDDEN.test(decoded) || !decoded.startsWith('/') || decoded.startsWith('//')) return '/';
  const url = new URL(raw, PLACEHOLDER_ORIGIN);
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
