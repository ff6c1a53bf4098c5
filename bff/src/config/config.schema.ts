import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

import { productionProblems } from './production-checks.js';

/** The bff package folder (…/bff), whether running from `src/` or `dist/`. */
export const BFF_PACKAGE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const intFrom = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value), 'must be an absolute URL')
  .transform((value) => new URL(value))
  .refine((url) => url.protocol === 'http:' || url.protocol === 'https:', 'must use http or https')
  .refine((url) => url.username === '' && url.password === '', 'must not contain credentials');

const originUrl = httpUrl.refine(
  (url) => url.pathname === '/' && url.search === '' && url.hash === '',
  'must be an origin only (scheme://host[:port], no path, query or fragment)',
);

const boolFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** The raw environment schema: names are the environment variables. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  WORKOS_CLIENT_ID: z.string().trim().min(1, 'is required'),
  WORKOS_API_KEY: z.string().trim().min(1, 'is required'),
  WORKOS_COOKIE_PASSWORD: z.string().min(32, 'must be at least 32 characters'),
  WORKOS_COOKIE_PASSWORD_PREVIOUS: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .refine(
      (list) => list.every((entry) => entry.length >= 32),
      'must be a comma-separated list of passwords of at least 32 characters each',
    )
    .refine((list) => list.length <= 5, 'must list at most 5 passwords')
    .default([]),
  WORKOS_API_BASE_URL: originUrl.default(new URL('https://api.workos.com')),
  WORKOS_MAX_RETRIES: intFrom(0, 5).default(2),
  WORKOS_TIMEOUT_MS: intFrom(100, 120_000).default(10_000),
  ALLOW_NON_WORKOS_API_HOST: boolFlag.default(false),
  ALLOW_HTTP_WORKOS_API_HOST: boolFlag.default(false),
  PUBLIC_URL: originUrl,
  BACKEND_URL: httpUrl,
  BACKEND_TIMEOUT_MS: intFrom(100, 600_000).default(30_000),
  API_BODY_LIMIT_BYTES: intFrom(1, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  SESSION_STORE: z.enum(['sqlite', 'memory', 'redis']).default('sqlite'),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), 'must be an absolute URL')
    .refine(
      (value) => ['redis:', 'rediss:'].includes(new URL(value).protocol),
      'must use redis:// or rediss://',
    )
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits, _ : . -')
    .default('gatehouse:'),
  REDIS_COMMAND_TIMEOUT_MS: intFrom(50, 60_000).default(1000),
  SESSION_REFRESH_LOCK_WAIT_MS: intFrom(100, 60_000).default(5000),
  WORKOS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SESSION_SQLITE_PATH: z.string().trim().min(1).default('.data/sessions.sqlite'),
  SESSION_IDLE_MINUTES: intFrom(1, 7 * 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: intFrom(1, 30 * 24).default(12),
  SPA_DIST_DIR: z.string().trim().min(1).default('../admin-spa/dist/browser'),
  PORT: intFrom(0, 65_535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  TRUST_PROXY_HOPS: intFrom(0, 10).default(0),
  RATE_LIMIT_WINDOW_SECONDS: intFrom(1, 3600).default(60),
  RATE_LIMIT_SIGN_IN_PER_IP: intFrom(1, 1_000_000).default(60),
  RATE_LIMIT_REFRESH_PER_SESSION: intFrom(1, 1_000_000).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Validated BFF configuration. Built only by {@link loadConfig}. */
export interface BffConfig {
  readonly nodeEnv: 'production' | 'development' | 'test';
  readonly host: string;
  readonly port: number;
  /** The origin users see, e.g. `https://admin.example.com` (no trailing slash). */
  readonly publicOrigin: string;
  /** `${publicOrigin}/auth/callback`. */
  readonly redirectUri: string;
  readonly backendUrl: string;
  readonly backendTimeoutMs: number;
  readonly apiBodyLimitBytes: number;
  readonly trustProxyHops: number;
  /** Request budgets per window (see `createRateLimits`). */
  readonly rateLimits: {
    readonly windowMs: number;
    /** `/auth/login`, `/auth/callback` and `/auth/sessions/revoke-all`, each counted per client IP. */
    readonly signInPerIp: number;
    /** Token refreshes a session may start (calls to WorkOS). */
    readonly refreshPerSession: number;
  };
  readonly logLevel: string;
  readonly spaDistDir: string;
  readonly workos: {
    readonly clientId: string;
    readonly apiKey: string;
    /** The newest password: signs, seals and keys everything written. */
    readonly cookiePassword: string;
    /** Earlier passwords, still accepted for reading (rotation; `WORKOS_COOKIE_PASSWORD_PREVIOUS`). */
    readonly previousCookiePasswords: readonly string[];
    readonly apiBaseUrl: string;
    readonly maxRetries: number;
    readonly timeoutMs: number;
    /** Verifies `POST /auth/webhooks/workos`; without it the route answers 404. */
    readonly webhookSecret: string | undefined;
  };
  readonly session: {
    readonly store: 'sqlite' | 'memory' | 'redis';
    readonly sqlitePath: string;
    /** Used when `store` is `redis`. */
    readonly redis: {
      readonly url: string;
      readonly prefix: string;
      readonly commandTimeoutMs: number;
      readonly lockWaitMs: number;
    };
    readonly idleMs: number;
    readonly absoluteMs: number;
    /**
     * Activity is recorded (the session saved with a new `lastSeenAt`) only when the recorded one
     * is at least this old: one minute, or 1/20 of the idle timeout when that is shorter. A session
     * may thus end up to this much before `idleMs` after its very last request, never after.
     */
    readonly slideEveryMs: number;
    /** `__Host-gatehouse` on https, `gatehouse` on http://localhost. */
    readonly cookieName: string;
    /** The login-transaction cookie (state + PKCE verifier). */
    readonly loginCookieName: string;
    readonly secureCookies: boolean;
  };
}

/** Thrown when the environment is invalid; `problems` holds one line per bad value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid BFF configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

function resolveFromPackage(path: string): string {
  return isAbsolute(path) ? path : resolve(BFF_PACKAGE_DIR, path);
}

/** The validated environment. */
type Env = z.infer<typeof envSchema>;

/**
 * Validates the environment and builds the configuration. Throws {@link ConfigError} listing every
 * bad value, one line each (never echoing a secret's value).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): BffConfig {
  const e = parseEnvironment(env);
  const problems = combinationProblems(e);
  if (problems.length > 0) throw new ConfigError(problems);
  return buildConfig(e);
}

/** Each variable on its own (empty counts as unset). */
function parseEnvironment(env: Record<string, string | undefined>): Env {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => {
      const value = env[key];
      return [key, value === '' ? undefined : value];
    }),
  );
  const parsed = envSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const message = issue.code === 'invalid_type' ? 'is required' : issue.message;
      return `${name} ${message}`;
    }),
  );
}

/** What is wrong with the variables together (and in production). */
function combinationProblems(e: Env): string[] {
  const problems: string[] = [];
  const secure = e.PUBLIC_URL.protocol === 'https:';
  const publicIsLoopback = LOOPBACK_HOSTS.has(e.PUBLIC_URL.hostname);
  if (!secure && !publicIsLoopback) {
    problems.push('PUBLIC_URL must use https unless the host is localhost/127.0.0.1/[::1]');
  }
  if (secure && e.TRUST_PROXY_HOPS === 0) {
    // The BFF itself speaks plain HTTP: an https PUBLIC_URL means a TLS-terminating proxy in front,
    // and without trusting it express-session would never set the Secure session cookie.
    problems.push(
      'TRUST_PROXY_HOPS must be >= 1 when PUBLIC_URL is https (the BFF serves plain HTTP behind a TLS proxy)',
    );
  }
  if (e.WORKOS_COOKIE_PASSWORD_PREVIOUS.includes(e.WORKOS_COOKIE_PASSWORD)) {
    problems.push('WORKOS_COOKIE_PASSWORD_PREVIOUS must not repeat WORKOS_COOKIE_PASSWORD');
  }
  if (e.SESSION_STORE === 'redis' && e.REDIS_URL === undefined) {
    problems.push('REDIS_URL is required when SESSION_STORE=redis');
  }
  problems.push(...productionProblems(e, publicIsLoopback));
  return problems;
}

/** The configuration of a valid environment. */
function buildConfig(e: Env): BffConfig {
  const secure = e.PUBLIC_URL.protocol === 'https:';
  const publicOrigin = e.PUBLIC_URL.origin;
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicOrigin,
    redirectUri: `${publicOrigin}/auth/callback`,
    backendUrl: e.BACKEND_URL.href,
    backendTimeoutMs: e.BACKEND_TIMEOUT_MS,
    apiBodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      signInPerIp: e.RATE_LIMIT_SIGN_IN_PER_IP,
      refreshPerSession: e.RATE_LIMIT_REFRESH_PER_SESSION,
    },
    logLevel: e.LOG_LEVEL,
    spaDistDir: resolveFromPackage(e.SPA_DIST_DIR),
    workos: {
      clientId: e.WORKOS_CLIENT_ID,
      apiKey: e.WORKOS_API_KEY,
      cookiePassword: e.WORKOS_COOKIE_PASSWORD,
      previousCookiePasswords: e.WORKOS_COOKIE_PASSWORD_PREVIOUS,
      apiBaseUrl: e.WORKOS_API_BASE_URL.origin,
      maxRetries: e.WORKOS_MAX_RETRIES,
      timeoutMs: e.WORKOS_TIMEOUT_MS,
      webhookSecret: e.WORKOS_WEBHOOK_SECRET,
    },
    session: {
      store: e.SESSION_STORE,
      sqlitePath: resolveFromPackage(e.SESSION_SQLITE_PATH),
      redis: {
        url: e.REDIS_URL ?? '',
        prefix: e.REDIS_KEY_PREFIX,
        commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
        lockWaitMs: e.SESSION_REFRESH_LOCK_WAIT_MS,
      },
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
      slideEveryMs: Math.min(60_000, (e.SESSION_IDLE_MINUTES * 60_000) / 20),
      cookieName: secure ? '__Host-gatehouse' : 'gatehouse',
      loginCookieName: secure ? '__Host-gatehouse-login' : 'gatehouse-login',
      secureCookies: secure,
    },
  };
}

/** Every password the BFF accepts, newest first (the newest writes). */
export function cookiePasswords(config: BffConfig): readonly [string, ...string[]] {
  return [config.workos.cookiePassword, ...config.workos.previousCookiePasswords];
}
