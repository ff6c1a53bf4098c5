/** Which part of the BFF a request goes to, or null when it does not go to the BFF. */
export type BffTarget = 'api' | 'auth';

/**
 * Classifies a request URL. Only same-origin `/api` and `/auth` paths count: an absolute or
 * protocol-relative URL to another origin never does, so the CSRF header cannot leak there.
 *
 * @param url the request URL as given to HttpClient (relative or absolute)
 * @param origin the SPA's own origin, e.g. `https://admin.example.com`
 */
export function bffTarget(url: string, origin: string): BffTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url, `${origin}/`);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  const path = parsed.pathname;
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  if (path === '/auth' || path.startsWith('/auth/')) return 'auth';
  return null;
}

/**
 * Keeps a `returnTo` value to a same-origin path. The BFF re-checks it; this keeps the SPA from
 * ever building a sign-in link that points elsewhere (`//evil.com`, `/\evil.com`, `javascript:`).
 */
export function safeReturnTo(path: string | null | undefined): string {
  if (typeof path !== 'string' || !path.startsWith('/')) return '/';
  if (path.startsWith('//') || path.startsWith('/\\')) return '/';
  // Control characters (tab, newline...) let browsers rewrite a path into another origin.
  for (const char of path) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return '/';
  }
  return path;
}

/** The BFF URL that starts a sign-in and comes back to `returnTo`. */
export function signInUrl(returnTo: string | null | undefined): string {
  return `/auth/login?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}

/**
 * Accepts the `logoutUrl` the BFF returns only when it is an http(s) URL or a same-origin path, so a
 * tampered answer cannot send the browser to `javascript:`.
 */
export function safeLogoutUrl(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  if (value.startsWith('/')) return safeReturnTo(value) === value ? value : null;
  try {
    const url = new URL(value, `${origin}/`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The BFF URL that starts a sign-in into `organizationId` and comes back to `returnTo`. */
export function organizationSignInUrl(
  organizationId: string,
  returnTo: string | null | undefined,
): string {
  const query = new URLSearchParams({ organizationId, returnTo: safeReturnTo(returnTo) });
  return `/auth/login?${query.toString()}`;
}

/**
 * Accepts a sign-in URL from a BFF answer (an organization switch that needs a new sign-in) only
 * when it is the BFF's own `/auth/login` on this origin; null otherwise.
 */
export function safeSignInUrl(value: unknown): string | null {
  if (typeof value !== 'string' || safeReturnTo(value) !== value) return null;
  return value === '/auth/login' || value.startsWith('/auth/login?') ? value : null;
}
