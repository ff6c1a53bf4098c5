import { createSecretKey } from 'node:crypto';

import type { RequestHandler } from 'express';

import { type BffConfig, cookiePasswords } from '../config/config.schema.js';
import { cookieSigningSecrets } from '../crypto/subkeys.js';
import type { BffSessionStore } from './session-store.types.js';
import { saveSession } from './session.helpers.js';
import { signedSessionId } from './session-cookie.js';

/** `lastSeenAt` as loaded, to tell whether the request slid the idle deadline. */
const loadedLastSeen = new WeakMap<object, number>();

/**
 * The `/api` read path: the same signed cookie and the same store as express-session
 * (`createSessionMiddleware`), without its per-request bookkeeping. express-session hashes the
 * whole session (sealed tokens included) when it loads it and twice more when the response ends,
 * to find out whether to save; on `/api` the only changes are explicit (a refresh saves, a
 * timeout or a refresh failure destroys) plus the sliding idle deadline, which
 * {@link saveSlidActivity} saves. So this loads `req.session` with express-session's own
 * `Store#createSession` (its `Session`: `save`, `destroy`, `regenerate`) and nothing else.
 *
 * As with express-session (`unset: 'keep'`, `saveUninitialized: false`): no cookie, a bad
 * signature or no stored session leave `req.session` unset and store nothing; a store error goes
 * to the error handler (503, session kept); no `Set-Cookie` is sent. `session-loader.spec.ts`
 * runs the same requests through both and compares the answers.
 */
export function createApiSessionLoader(config: BffConfig, store: BffSessionStore): RequestHandler {
  const secrets = cookieSigningSecrets(cookiePasswords(config)).map((secret) =>
    createSecretKey(Buffer.from(secret, 'utf8')),
  );
  const name = config.session.cookieName;
  return (req, _res, next) => {
    // express-session gives the store its `generate` when /auth mounts it (same store object).
    req.sessionStore = store as unknown as typeof req.sessionStore;
    const id = signedSessionId(req.headers.cookie, name, secrets);
    if (id === undefined) return next();
    req.sessionID = id;
    store.get(id, (err, data) => {
      if (err) return next(err);
      if (!data) return next();
      try {
        const session = store.createSession(req, data);
        if (session.auth) loadedLastSeen.set(req, session.auth.lastSeenAt);
        else if (!session.ended) store.touch?.(id, session); // what express-session does on the way out
      } catch (error) {
        return next(error);
      }
      next();
    });
  };
}

/**
 * Saves the session when `recordActivity` slid its idle deadline on this request (express-session
 * would have, when the response ended); mounted right after it on `/api`.
 */
export const saveSlidActivity: RequestHandler = (req, _res, next) => {
  const auth = req.session?.auth;
  const loaded = loadedLastSeen.get(req);
  if (!auth || loaded === undefined || auth.lastSeenAt === loaded) return next();
  loadedLastSeen.set(req, auth.lastSeenAt);
  saveSession(req).then(() => next(), next);
};
