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

/**
 * Promise form of `req.session.regenerate()`: a NEW id, the old row destroyed. Also when this
 * request already ended the session it came with (a timeout, or ended elsewhere): there is then no
 * `req.session` to regenerate, so the store makes a fresh one, and the clearing of the cookie
 * queued for the ended session is withdrawn (the new session's cookie replaces it).
 */
export function regenerateSession(req: Request, res: Response, config: BffConfig): Promise<void> {
  withdrawSetCookie(res, config.session.cookieName);
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => (err ? reject(err) : resolve());
    const session = req.session as Request['session'] | undefined;
    if (session) session.regenerate(done);
    else req.sessionStore.regenerate(req, done);
  });
}

/** Removes the `Set-Cookie` lines queued so far for cookie `name`. */
function withdrawSetCookie(res: Response, name: string): void {
  const queued = res.getHeader('set-cookie');
  if (queued === undefined) return;
  const lines = (Array.isArray(queued) ? queued : [String(queued)]).filter(
    (line) => !line.startsWith(`${name}=`),
  );
  if (lines.length > 0) res.setHeader('set-cookie', lines);
  else res.removeHeader('set-cookie');
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
