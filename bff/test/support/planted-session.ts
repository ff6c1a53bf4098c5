import { createHmac, randomBytes } from 'node:crypto';

import type { BffConfig, BffSessionStore } from '../../src/index.js';
import { cookiePasswords } from '../../src/config/config.schema.js';
import { Sealer } from '../../src/crypto/seal.js';
import { cookieSigningSecrets } from '../../src/crypto/subkeys.js';
import type { AuthState } from '../../src/session/session.types.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT-shaped access token (the BFF only decodes; the echo upstream does not verify). */
export function fakeAccessToken(claims: { sid: string; expSeconds: number; sub?: string }): string {
  return `${b64({ alg: 'RS256', kid: 'test' })}.${b64({
    sub: claims.sub ?? 'user_planted',
    sid: claims.sid,
    exp: claims.expSeconds,
    iat: claims.expSeconds - 300,
    jti: randomBytes(8).toString('hex'),
  })}.${randomBytes(32).toString('base64url')}`;
}

/** A signed express-session cookie header for `sid`, as the BFF would set it. */
export function sessionCookie(config: BffConfig, sid: string): string {
  const mac = createHmac('sha256', cookieSigningSecrets(cookiePasswords(config))[0]!)
    .update(sid)
    .digest('base64')
    .replace(/=+$/, '');
  return `${config.session.cookieName}=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

/** A session written straight into the store (for suites that need no WorkOS round trip). */
export interface PlantedSession {
  readonly sid: string;
  readonly cookie: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly workosSessionId: string;
}

/** Plants a signed-in session with a token expiring `accessTtlMs` after `now`. */
export async function plantSession(
  config: BffConfig,
  store: BffSessionStore,
  options: { now: number; accessTtlMs?: number; createdAt?: number },
): Promise<PlantedSession> {
  const sid = randomBytes(24).toString('base64url');
  const workosSessionId = `session_${randomBytes(8).toString('hex')}`;
  const accessExpiresAt = options.now + (options.accessTtlMs ?? 3_600_000);
  const accessToken = fakeAccessToken({
    sid: workosSessionId,
    expSeconds: Math.floor(accessExpiresAt / 1000),
  });
  const refreshToken = `rt_${randomBytes(24).toString('base64url')}`;
  const sealer = new Sealer(cookiePasswords(config), () => options.now);
  const auth: AuthState = {
    user: {
      id: 'user_planted',
      email: 'planted@example.com',
      firstName: 'Plan',
      lastName: 'Ted',
      profilePictureUrl: null,
    },
    workosSessionId,
    organizationId: null,
    role: 'admin',
    roles: ['admin'],
    permissions: ['users:read'],
    sealedTokens: await sealer.seal({ accessToken, refreshToken }),
    accessExpiresAt,
    createdAt: options.createdAt ?? options.now,
    lastSeenAt: options.now,
  };
  await new Promise<void>((resolve, reject) =>
    store.set(sid, { cookie: { originalMaxAge: null }, auth }, (err) =>
      err ? reject(err instanceof Error ? err : new Error('set failed')) : resolve(),
    ),
  );
  return { sid, cookie: sessionCookie(config, sid), accessToken, refreshToken, workosSessionId };
}
