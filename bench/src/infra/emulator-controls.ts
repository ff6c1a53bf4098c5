import type { EmulatorStats } from '@gatehouse/workos-emulator';

/** The endpoint name the emulator counts JWKS downloads under. */
const JWKS_ENDPOINT = 'GET /sso/jwks/:clientId';

/** A session minted by the emulator (`POST /__emulator/sessions`), not a BFF session. */
export interface MintedSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly sessionId: string;
}

async function call<T>(url: string, init?: { method: string; body?: unknown }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? 'GET',
    ...(init?.body !== undefined
      ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }
      : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The emulator's HTTP test controls (`--enable-test-controls`). */
export class EmulatorControls {
  constructor(readonly url: string) {}

  stats(): Promise<EmulatorStats> {
    return call(`${this.url}/__emulator/stats`);
  }

  /** How many times the JWKS was downloaded since the emulator started. */
  async jwksFetches(): Promise<number> {
    return (await this.stats()).endpoints[JWKS_ENDPOINT] ?? 0;
  }

  /** How many refresh-token grants the emulator answered since it started. */
  async refreshes(): Promise<number> {
    return (await this.stats()).grants['refresh_token'] ?? 0;
  }

  issueSession(email: string): Promise<MintedSession> {
    return call(`${this.url}/__emulator/sessions`, { method: 'POST', body: { email } });
  }

  /** Rotates the signing key; the new `kid` signs every token minted afterwards. */
  async rotateKeys(): Promise<string> {
    return (
      await call<{ kid: string }>(`${this.url}/__emulator/rotate-keys`, {
        method: 'POST',
        body: {},
      })
    ).kid;
  }

  async allowRedirectUri(uri: string): Promise<void> {
    await call(`${this.url}/__emulator/redirect-uris`, { method: 'POST', body: { uri } });
  }
}
