import { completeSignIn } from '@gatehouse/workos-emulator';

/** The cookie pairs (`name=value`) a response sets, without attributes; cleared cookies are left out. */
function cookiePairs(response: Response): string[] {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .filter((pair) => /^[^=]+=.+$/.test(pair));
}

/** What a 429 from the BFF means here: its sign-in rate limit, sized for people, not a benchmark. */
function rateLimitHint(status: number): string {
  return status === 429
    ? ' (the BFF rate-limits sign-ins: the benchmark BFFs need their limit raised)'
    : '';
}

/** The sign-in flow did not end with a BFF session. */
export class SignInFailed extends Error {
  readonly code = 'sign_in_failed';
}

/**
 * Signs in through the real flow, like a browser with a cookie jar: `GET /auth/login` on the BFF
 * (sealed login-transaction cookie, 302 to the emulator), the emulator's sign-in page driven by its
 * `completeSignIn` (CSRF token, one-click user), then `GET /auth/callback` on the BFF with the
 * transaction cookie (code exchange with the emulator, new session row). Returns the `Cookie` header
 * value that carries the BFF session.
 */
export async function signInThroughBff(bffUrl: string, email: string): Promise<string> {
  const login = await fetch(`${bffUrl}/auth/login?returnTo=/`, { redirect: 'manual' });
  const authorizeUrl = login.headers.get('location');
  await login.body?.cancel();
  if (login.status !== 302 || authorizeUrl === null) {
    throw new SignInFailed(`/auth/login answered ${login.status}${rateLimitHint(login.status)}`);
  }
  const transaction = cookiePairs(login).join('; ');
  const callbackUrl = await completeSignIn(authorizeUrl, { email });
  if (callbackUrl.searchParams.has('error')) {
    throw new SignInFailed(`sign-in refused: ${callbackUrl.searchParams.get('error')}`);
  }
  const callback = await fetch(callbackUrl, {
    redirect: 'manual',
    headers: { cookie: transaction },
  });
  await callback.body?.cancel();
  const session = cookiePairs(callback);
  if (callback.status !== 302 || session.length === 0) {
    throw new SignInFailed(
      `/auth/callback answered ${callback.status} without a session cookie${rateLimitHint(callback.status)}`,
    );
  }
  return session.join('; ');
}

/** Headers of an SPA call through the BFF's `/api` proxy. */
export function apiHeaders(cookie: string): Record<string, string> {
  return { cookie, 'x-csrf': '1' };
}

/** Ends a BFF session the way the SPA does (`POST /auth/logout` with `X-CSRF` and the same Origin). */
export async function signOutOfBff(bffUrl: string, cookie: string): Promise<void> {
  const response = await fetch(`${bffUrl}/auth/logout`, {
    method: 'POST',
    headers: { cookie, 'x-csrf': '1', origin: bffUrl },
  });
  await response.body?.cancel();
  if (response.status !== 200) throw new SignInFailed(`/auth/logout answered ${response.status}`);
}
