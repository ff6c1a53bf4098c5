import type { RequestHandler } from 'express';
import session from 'express-session';

import type { Clock } from '../clock.js';
import { type BffConfig, cookiePasswords } from '../config/config.schema.js';
import { cookieSigningSecrets } from '../crypto/subkeys.js';
import { sendError } from '../http/errors.js';
import type { BffSessionStore } from './session-store.types.js';
import { destroySession, sessionCookieAttributes } from './session.helpers.js';

/**
 * express-session, server-side: the cookie carries only a signed, random 192-bit id
 * (`__Host-gatehouse` on https, `gatehouse` on http://localhost; HttpOnly, SameSite=Strict, Path=/,
 * no Domain, no Max-Age: a browser-session cookie, the server enforces the lifetime).
 * `saveUninitialized: false`: nothing is stored before sign-in.
 */
export function createSessionMiddleware(config: BffConfig, store: BffSessionStore): RequestHandler {
  return session({
    name: config.session.cookieName,
    // The cookie-signing subkey of each password (newest signs, all verify): never the password
    // itself, whose HMAC of the id would equal the extract step of the session value key.
    secret: cookieSigningSecrets(cookiePasswords(config)),
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    // 'keep' (not 'destroy'): when the store fails to load a session (Redis down or slow), the
    // request ends without `req.session`, and 'destroy' would then delete that session at the end
    // of the 503 — an outage would sign everyone out. Sessions end only through destroy().
    unset: 'keep',
    proxy: config.trustProxyHops > 0,
    cookie: sessionCookieAttributes(config),
  });
}

/**
 * Server-side idle and absolute timeouts (express-session has no absolute one). An expired session
 * is destroyed and the request continues anonymously with `res.locals.sessionEnded` set, so routes
 * answer 401 `session_expired`. It does not slide the idle deadline: {@link recordActivity} does,
 * placed after a route's checks.
 */
export function enforceSessionTimeouts(config: BffConfig, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const ended = req.session?.ended;
    if (ended) {
      // Ended from outside (WorkOS session.revoked, user deleted, sign out everywhere): the store
      // returned a placeholder for the tombstoned id. It is never saved back.
      res.locals['sessionEnded'] = ended;
      res.clearCookie(config.session.cookieName, sessionCookieAttributes(config));
      req.log.info({ event: 'session.ended_elsewhere', reason: ended }, 'session ended elsewhere');
      return next();
    }
    const auth = req.session?.auth;
    if (!auth) {
      if (req.headers.cookie?.includes(`${config.session.cookieName}=`)) {
        req.log.warn({ event: 'session.unknown_cookie' }, 'session cookie without a live session');
      }
      return next();
    }
    const now = clock();
    const reason =
      now >= auth.createdAt + config.session.absoluteMs
        ? 'absolute_timeout'
        : now >= auth.lastSeenAt + config.session.idleMs
          ? 'idle_timeout'
          : undefined;
    if (reason) {
      await destroySession(req, res, config, reason);
      res.locals['sessionEnded'] = reason;
    }
    next();
  };
}

/**
 * Slides the idle deadline: mounted only after a route's CSRF, Origin, `Sec-Fetch-Site` and route
 * checks, so a refused request (a cross-site one above all) can never keep a session alive. Not
 * for `slide=false` (the SPA's polling).
 *
 * Throttled: `lastSeenAt` moves only once it is `slideEveryMs` old (≤ 1 min), so a busy session is
 * written to the store about once a minute instead of on every request (express-session saves a
 * session whose content changed, and the store write is the dearest part of a proxied request).
 * Enforcement and the store's row expiry both use the recorded `lastSeenAt`, so the deadline is
 * never later than `idleMs` after the last request, and at most `slideEveryMs` earlier.
 */
export function recordActivity(config: BffConfig, clock: Clock): RequestHandler {
  return (req, _res, next) => {
    const auth = req.session?.auth;
    const now = clock();
    if (
      auth &&
      now - auth.lastSeenAt >= config.session.slideEveryMs &&
      req.query['slide'] !== 'false'
    ) {
      auth.lastSeenAt = now;
    }
    next();
  };
}

/**
 * 401 unless the request carries a live signed-in session: `session_expired` when this request's
 * session just ended (a timeout, or ended elsewhere), else `unauthenticated`.
 */
export const requireSession: RequestHandler = (req, res, next) => {
  if (req.session?.auth) return next();
  sendError(res, 401, res.locals['sessionEnded'] ? 'session_expired' : 'unauthenticated');
};
