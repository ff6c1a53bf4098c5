import {
  completeSignIn,
  createEmulator,
  type Emulator,
  type Seed,
} from '@gatehouse/workos-emulator';
import request from 'supertest';

import type { BffConfig } from '../../src/index.js';
import { TEST_PUBLIC_URL, testConfig } from './test-config.js';

export { completeSignIn };

/** Starts the real emulator with the test PUBLIC_URLs registered as redirect and logout-return URIs. */
export function startTestEmulator(
  options: {
    accessTokenTtlSeconds?: number;
    publicUrls?: string[];
    now?: () => number;
    /** 0: a refresh token is strictly single use (any replay is `invalid_grant`). */
    refreshGraceSeconds?: number;
    editSeed?: (seed: Seed) => void;
  } = {},
): Promise<Emulator> {
  const publics = options.publicUrls ?? [TEST_PUBLIC_URL];
  return createEmulator({
    port: 0,
    redirectUris: publics.map((p) => `${p}/auth/callback`),
    logoutReturnUris: publics.map((p) => `${p}/signed-out`),
    ...(options.accessTokenTtlSeconds
      ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds }
      : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshGraceSeconds !== undefined
      ? { refreshGraceSeconds: options.refreshGraceSeconds }
      : {}),
    ...(options.editSeed ? { editSeed: options.editSeed } : {}),
    logError: () => undefined,
  });
}

/** A BFF config pointing at the emulator. */
export function emulatorConfig(emulator: Emulator, env: Record<string, string> = {}): BffConfig {
  return testConfig({
    WORKOS_API_BASE_URL: emulator.url,
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_KEY: emulator.apiKey,
    ...env,
  });
}

/** The `name=value` pairs of Set-Cookie headers. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

/** Finds one Set-Cookie line by cookie name. */
export function findSetCookie(
  res: { headers: Record<string, unknown> },
  name: string,
): string | undefined {
  return setCookies(res).find((line) => line.startsWith(`${name}=`));
}

/** Result of {@link signIn}. */
export interface SignInResult {
  readonly login: request.Response;
  readonly authorizeUrl: URL;
  readonly callbackUrl: URL;
  readonly callback: request.Response;
}

/**
 * The browser round trip: `/auth/login` on the BFF → the emulator's real sign-in form → back to
 * `/auth/callback` on the BFF, with the agent's cookie jar carrying the transaction cookie.
 */
export async function signIn(
  agent: ReturnType<typeof request.agent>,
  options: {
    email: string;
    returnTo?: string;
    organizationId?: string;
    /** Signs in as `email` impersonated by the dashboard user `by` (the emulator's page). */
    impersonation?: { by: string; reason: string };
  },
): Promise<SignInResult> {
  const query =
    options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const login = await agent.get(`/auth/login${query}`).redirects(0);
  if (login.status !== 302) throw new Error(`login answered ${login.status}`);
  const authorizeUrl = new URL(login.headers.location as string);
  const callbackUrl = await completeSignIn(authorizeUrl.href, {
    email: options.email,
    ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    ...(options.impersonation ? { impersonation: options.impersonation } : {}),
  });
  const callback = await agent.get(`${callbackUrl.pathname}${callbackUrl.search}`).redirects(0);
  return { login, authorizeUrl, callbackUrl, callback };
}
