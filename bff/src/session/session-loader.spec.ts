import { createHmac } from 'node:crypto';

import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';

import { type BffConfig, cookiePasswords, loadConfig } from '../config/config.schema.js';
import { cookieSigningSecrets } from '../crypto/subkeys.js';
import { createHttpLogger, createLogger } from '../http/logger.js';
import { MemorySessionStore } from './memory.store.js';
import { createApiSessionLoader, saveSlidActivity } from './session-loader.js';
import { SessionStoreUnavailableError } from './session-store.types.js';
import {
  createSessionMiddleware,
  enforceSessionTimeouts,
  recordActivity,
  requireSession,
} from './session.middleware.js';
import type { AuthState } from './session.types.js';
import { session } from '../../test/support/session-fixtures.js';

const PASSWORD = 'session-loader-spec-password-32-chars!!';
const PREVIOUS = 'session-loader-spec-previous-password-32!';
const config: BffConfig = loadConfig({
  NODE_ENV: 'test',
  WORKOS_CLIENT_ID: 'client_test',
  WORKOS_API_KEY: 'sk_test_key',
  WORKOS_COOKIE_PASSWORD: PASSWORD,
  WORKOS_COOKIE_PASSWORD_PREVIOUS: PREVIOUS,
  PUBLIC_URL: 'http://localhost:4300',
  BACKEND_URL: 'http://127.0.0.1:9',
  SESSION_STORE: 'memory',
  SPA_DIST_DIR: '/nonexistent',
  LOG_LEVEL: 'silent',
});
const { idleMs, absoluteMs, slideEveryMs, cookieName } = config.session;
const T0 = 1_900_000_000_000;

/** A memory store whose reads can fail, as Redis or a locked SQLite file does. */
class OutageStore extends MemorySessionStore {
  down = false;
  protected override readRow(key: string) {
    if (this.down) return Promise.reject(new SessionStoreUnavailableError('store down'));
    return super.readRow(key);
  }
}

type Path = 'express-session' | 'api loader';

/** The /api chain up to the proxy, on one of the two read paths; the handler echoes the session. */
function appOn(path: Path, store: OutageStore, clock: () => number) {
  const app = express();
  app.use(createHttpLogger(createLogger('silent')));
  // Built for both: it also gives the store its `generate`, as app.ts's /auth mount does.
  const viaExpressSession = createSessionMiddleware(config, store);
  const load =
    path === 'express-session' ? viaExpressSession : createApiSessionLoader(config, store);
  app.use(
    load,
    enforceSessionTimeouts(config, clock),
    recordActivity(config, clock),
    ...(path === 'api loader' ? [saveSlidActivity] : []),
    requireSession,
  );
  app.get('/me', (req, res) => void res.json({ user: req.session.auth!.user.id }));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err instanceof SessionStoreUnavailableError ? 503 : 500).json({ error: 'store' });
  });
  return app;
}

/** A signed-in session's auth state (its access token valid past the tests' clock). */
function auth(createdAt: number, lastSeenAt: number): AuthState {
  return { ...session(createdAt, lastSeenAt).auth!, accessExpiresAt: T0 + 300_000 };
}

function signed(sid: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `s:${sid}.${mac}`;
}
const [SECRET, PREVIOUS_SECRET] = cookieSigningSecrets(cookiePasswords(config)) as [string, string];
const cookieFor = (sid: string, secret = SECRET) =>
  `${cookieName}=${encodeURIComponent(signed(sid, secret))}`;

interface Scenario {
  /** Prepares the store (at T0) and returns the request's Cookie header. */
  setup(store: OutageStore): Promise<string | undefined>;
  /** Clock at request time (default T0). */
  readonly at?: number;
}

const put = (store: OutageStore, sid: string, a: AuthState) =>
  new Promise<void>((resolve, reject) =>
    store.set(sid, { cookie: { originalMaxAge: null }, auth: a }, (err) =>
      err ? reject(err instanceof Error ? err : new Error('set failed')) : resolve(),
    ),
  );
const stored = (store: OutageStore, sid: string) =>
  new Promise<unknown>((resolve) => store.get(sid, (_err, data) => resolve(data ?? null)));

/** Runs a scenario on a fresh store and app, twice over (second request: what the first left). */
async function outcome(path: Path, scenario: Scenario) {
  let now = T0;
  const clock = () => now;
  const store = new OutageStore({
    clock,
    limits: { idleMs, absoluteMs },
    secret: cookiePasswords(config),
    pruneIntervalMs: 0,
  });
  try {
    const cookie = await scenario.setup(store);
    now = scenario.at ?? T0;
    const app = appOn(path, store, clock);
    const send = () => {
      const req = request(app).get('/me');
      return cookie === undefined ? req : req.set('Cookie', cookie);
    };
    const first = await send();
    store.down = false;
    const second = await send();
    const summary = (res: request.Response) => ({
      status: res.status,
      body: res.body as unknown,
      setCookie: res.headers['set-cookie'] ?? null,
    });
    return { first: summary(first), second: summary(second), row: await stored(store, 'sid-1') };
  } finally {
    store.close();
  }
}

const live = (store: OutageStore, a = auth(T0, T0)) => put(store, 'sid-1', a);

const SCENARIOS: Record<string, Scenario> = {
  'no cookie': { setup: async (store) => void (await live(store)) },
  'a live session': { setup: async (store) => (await live(store), cookieFor('sid-1')) },
  'among other cookies, quoted': {
    setup: async (store) => (
      await live(store),
      `a=1; ${cookieName}="${encodeURIComponent(signed('sid-1', SECRET))}"; b=2`
    ),
  },
  'the first of two session cookies counts': {
    setup: async (store) => (await live(store), `${cookieFor('sid-1')}; ${cookieFor('sid-2')}`),
  },
  'signed with the previous password': {
    setup: async (store) => (await live(store), cookieFor('sid-1', PREVIOUS_SECRET)),
  },
  'a forged signature': {
    setup: async (store) => (await live(store), cookieFor('sid-1', 'not-the-secret')),
  },
  'an unsigned id': { setup: async (store) => (await live(store), `${cookieName}=sid-1`) },
  'an unknown id': { setup: () => Promise.resolve(cookieFor('sid-1')) },
  'idle timeout': {
    setup: async (store) => (await live(store), cookieFor('sid-1')),
    at: T0 + idleMs,
  },
  'absolute timeout': {
    setup: async (store) => (await live(store, auth(T0 - absoluteMs, T0)), cookieFor('sid-1')),
  },
  'revoked elsewhere': {
    setup: async (store) => {
      await live(store);
      await store.destroySessionsOf({ userId: 'user_1' }, 'revoked');
      return cookieFor('sid-1');
    },
  },
  'logged out': {
    setup: async (store) => {
      await live(store);
      await new Promise((resolve) => store.destroy('sid-1', resolve));
      return cookieFor('sid-1');
    },
  },
  'store outage': {
    setup: async (store) => {
      await live(store);
      store.down = true;
      return cookieFor('sid-1');
    },
  },
  'activity slides the idle deadline': {
    setup: async (store) => (await live(store), cookieFor('sid-1')),
    at: T0 + slideEveryMs,
  },
  'activity within the slide interval writes nothing': {
    setup: async (store) => (await live(store), cookieFor('sid-1')),
    at: T0 + slideEveryMs - 1,
  },
};

describe('the /api session read path behaves as express-session', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const scenario = SCENARIOS[name]!;
    const viaExpressSession = await outcome('express-session', scenario);
    const viaLoader = await outcome('api loader', scenario);
    expect(viaLoader).toEqual(viaExpressSession);
  });

  it('answers as the BFF promises (so the comparison compares something)', async () => {
    const answers = Object.fromEntries(
      await Promise.all(
        Object.entries(SCENARIOS).map(async ([name, scenario]) => {
          const { first, row } = await outcome('api loader', scenario);
          return [
            name,
            {
              status: first.status,
              error: (first.body as { error?: string }).error,
              row: row !== null,
            },
          ];
        }),
      ),
    );
    expect(answers['a live session']).toEqual({ status: 200, error: undefined, row: true });
    expect(answers['signed with the previous password']?.status).toBe(200);
    expect(answers['a forged signature']?.error).toBe('unauthenticated');
    expect(answers['idle timeout']).toEqual({ status: 401, error: 'session_expired', row: false });
    expect(answers['absolute timeout']).toEqual({
      status: 401,
      error: 'session_expired',
      row: false,
    });
    expect(answers['revoked elsewhere']).toMatchObject({ status: 401, error: 'session_expired' });
    expect(answers['store outage']).toEqual({ status: 503, error: 'store', row: true });
  });

  it('saves a slid deadline', async () => {
    const { row } = await outcome('api loader', SCENARIOS['activity slides the idle deadline']!);
    expect((row as { auth: AuthState }).auth.lastSeenAt).toBe(T0 + slideEveryMs);
  });
});
