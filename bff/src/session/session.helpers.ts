import { createHash } from 'node:crypto';

import type { Request, Response } from 'express';

import type { BffConfig } from '../config/config.schema.js';

/** A short, non-reversible label for a session id, safe for logs (the id itself is a credential). */
export function sessionLabel(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url').slice(0, 12);
}

/** Promise form of `req.session.save()`. */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.save((err) => (err ? reject(err as Error) : resolve()));
  });
}

/** Promise form of `req.session.regenerate()`: a NEW id, the old row destroyed. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((err) => (err ? reject(err as Error) : resolve()));
  });
}

/** The attributes the session cookie is set with (clearing must repeat them). */
export function sessionCookieAttributes(config: BffConfig) {
  return {
    httpOnly: true,
    secure: config.session.secureCookies,
    sameSite: 'strict' as const,
    path: '/',
  };
}

/**
 * Destroys the session in the store (tombstoned: a slow request cannot bring it back), clears the
 * cookie and logs the event without token material. Safe when there is no session.
 */
export async function destroySession(
  req: Request,
  res: Response,
  config: BffConfig,
  reason: string,
): Promise<void> {
  const session = req.session as Request['session'] | undefined;
  const hadAuth = Boolean(session?.auth);
  if (session) {
    const id = req.sessionID;
    const userId = session.auth?.user.id;
    await new Promise<void>((resolve, reject) => {
      session.destroy((err) => (err ? reject(err as Error) : resolve()));
    });
    if (hadAuth) {
      req.log.info(
        { event: 'session.destroyed', session: sessionLabel(id), userId, reason },
        'session destroyed',
      );
    }
  }
  res.clearCookie(config.session.cookieName, sessionCookieAttributes(config));
  res.set('Cache-Control', 'no-store');
}
