import type { SessionData } from 'express-session';

import '../../src/session/session.types.js';

/** A signed-in session created at `createdAt`, last active at `lastSeenAt`. */
export function session(createdAt: number, lastSeenAt = createdAt): SessionData {
  return {
    cookie: { originalMaxAge: null },
    auth: {
      user: {
        id: 'user_1',
        email: 'a@b.c',
        firstName: null,
        lastName: null,
        profilePictureUrl: null,
      },
      workosSessionId: 'session_1',
      organizationId: null,
      role: null,
      roles: [],
      permissions: [],
      sealedTokens: 'Fe26.2*sealed',
      accessExpiresAt: createdAt + 300_000,
      createdAt,
      lastSeenAt,
    },
  };
}

/** A copy of `base` for another WorkOS session and/or user. */
export function sessionOf(
  base: SessionData,
  workosSessionId: string,
  userId = 'user_1',
): SessionData {
  const auth = base.auth!;
  return { ...base, auth: { ...auth, workosSessionId, user: { ...auth.user, id: userId } } };
}

/** A store call with a callback, as a promise. */
export const call = <T>(fn: (cb: (err?: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) =>
    fn((err, value) =>
      err ? reject(err instanceof Error ? err : new Error('store call failed')) : resolve(value),
    ),
  );
