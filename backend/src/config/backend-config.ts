import { z } from 'zod';
import { loadWorkosAdminConfig, type WorkosAdminConfig } from '../workos/workos-admin.config.js';
import {
  type Env,
  type EnvProblem,
  parseEnvVariables,
  workosApiBaseUrlField,
  workosClientIdField,
} from './env-fields.js';

/** One missing or invalid environment variable. */
export type ConfigProblem = EnvProblem;

/**
 * Thrown when the environment does not describe a valid backend. The message has one line per
 * problem, `Invalid configuration: <VARIABLE> <reason>`, and every problem is reported at once.
 */
export class BackendConfigError extends Error {
  override readonly name = 'BackendConfigError';
  /** Every problem, in the order of the schema. */
  readonly problems: readonly ConfigProblem[];

  constructor(
    /** The first variable that is missing or invalid. */
    readonly variable: string,
    reason: string,
    ...more: ConfigProblem[]
  ) {
    const problems = [{ variable, reason }, ...more];
    super(problems.map((p) => `Invalid configuration: ${p.variable} ${p.reason}`).join('\n'));
    this.problems = problems;
  }

  /** One error for all `problems` (at least one). */
  static of(problems: readonly ConfigProblem[]): BackendConfigError {
    const [first, ...more] = problems;
    return new BackendConfigError(
      first?.variable ?? 'environment',
      first?.reason ?? 'is invalid',
      ...more,
    );
  }
}

/** Validated, typed backend configuration. Build it with {@link loadBackendConfig}. */
export interface BackendConfig {
  /** The WorkOS client id; must equal the BFF's `WORKOS_CLIENT_ID`. */
  readonly workosClientId: string;
  /** WorkOS API base URL without a trailing slash, e.g. `https://api.workos.com`. */
  readonly workosApiBaseUrl: string;
  /** `<base>/sso/jwks/<client id>`. */
  readonly jwksUrl: string;
  /** Accepted `iss` values (at least one). */
  readonly issuers: readonly string[];
  /** HTTP port (0 = random). */
  readonly port: number;
  /** Allowed clock skew for `exp`/`nbf`, in seconds. */
  readonly clockToleranceSeconds: number;
  /** Key source tuning; defaults suit production. */
  readonly jwks: JwksSettings;
  /** Size of the LRU cache of already-verified tokens (0 disables it). */
  readonly verifiedTokenCacheSize: number;
}

/** JWKS fetching limits. */
export interface JwksSettings {
  /** Abort a JWKS request after this many milliseconds (at most 5000). */
  readonly timeoutMs: number;
  /** Minimum time between two JWKS fetches, in milliseconds. */
  readonly cooldownMs: number;
  /**
   * Shorter wait after a failed fetch (capped by `cooldownMs`), so a JWKS blip at boot does not
   * leave the backend without keys for a whole cooldown.
   */
  readonly retryAfterFailureMs: number;
  /** Refresh a JWKS older than this in the background, in milliseconds. */
  readonly maxAgeMs: number;
}

/** Defaults for the tuning knobs that are not environment variables. */
export const DEFAULT_JWKS_SETTINGS: JwksSettings = {
  timeoutMs: 5_000,
  cooldownMs: 30_000,
  retryAfterFailureMs: 5_000,
  maxAgeMs: 600_000,
};

/** Default size of the verified-token cache. */
export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

const integerString = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

/**
 * The environment schema. Strings in, typed values out; every rule names what it expects so the
 * error line is actionable.
 */
export const backendEnvSchema = z.object({
  WORKOS_CLIENT_ID: workosClientIdField,
  WORKOS_API_BASE_URL: workosApiBaseUrlField,
  WORKOS_ISSUER: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .refine(
      (list) => list.length > 0 && list.every((s) => URL.canParse(s)),
      'must be a comma-separated list of URLs',
    )
    .optional(),
  PORT: integerString(0, 65_535).default(3001),
  JWT_CLOCK_TOLERANCE_SECONDS: integerString(0, 60).default(5),
});

/** The environment variables the backend reads. */
export type BackendEnv = Partial<Record<keyof z.input<typeof backendEnvSchema>, string>>;

/**
 * {@link parseEnvVariables}, throwing.
 *
 * @throws BackendConfigError with one problem per bad variable.
 */
function parseEnv<Schema extends z.ZodObject>(schema: Schema, env: Env): z.output<Schema> {
  const result = parseEnvVariables(schema, env);
  if (result.data === null) throw BackendConfigError.of(result.problems);
  return result.data;
}

/**
 * Validates environment variables and derives the backend configuration.
 *
 * @param env usually `process.env`; only the known variables are read, empty strings count as unset.
 * @throws BackendConfigError naming every bad variable.
 */
export function loadBackendConfig(env: Env): BackendConfig {
  const parsed = parseEnv(backendEnvSchema, env);
  const base = parsed.WORKOS_API_BASE_URL;
  const clientId = parsed.WORKOS_CLIENT_ID;
  return {
    workosClientId: clientId,
    workosApiBaseUrl: base,
    jwksUrl: `${base}/sso/jwks/${clientId}`,
    issuers: parsed.WORKOS_ISSUER ?? [`${base}/user_management/${clientId}`],
    port: parsed.PORT,
    clockToleranceSeconds: parsed.JWT_CLOCK_TOLERANCE_SECONDS,
    jwks: DEFAULT_JWKS_SETTINGS,
    verifiedTokenCacheSize: DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  };
}

/** Process-level settings read only by `main.ts`. */
export interface RuntimeOptions {
  /** Interface to bind (`HOST`, default 127.0.0.1; use 0.0.0.0 in a container). */
  readonly host: string;
  /** pino level (`LOG_LEVEL`, default info). */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const runtimeSchema = z.object({
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]{1,255}$/, 'must be a host name or IP address')
    .default('127.0.0.1'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

/**
 * Validates `HOST` and `LOG_LEVEL`.
 *
 * @throws BackendConfigError naming every bad variable.
 */
export function loadRuntimeOptions(env: Env): RuntimeOptions {
  const parsed = parseEnv(runtimeSchema, env);
  return { host: parsed.HOST, logLevel: parsed.LOG_LEVEL };
}

/**
 * What `main.ts` needs: {@link loadBackendConfig}, {@link loadRuntimeOptions} and the admin API
 * settings (`loadWorkosAdminConfig`) together.
 *
 * @throws BackendConfigError naming every bad variable of all three.
 */
export function loadStartupSettings(env: Env): {
  config: BackendConfig;
  runtime: RuntimeOptions;
  workosAdmin: WorkosAdminConfig;
} {
  const problems: ConfigProblem[] = [];
  const collect = <T>(load: (env: Env) => T): T | undefined => {
    try {
      return load(env);
    } catch (error) {
      if (!(error instanceof BackendConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const config = collect(loadBackendConfig);
  const runtime = collect(loadRuntimeOptions);
  const admin = loadWorkosAdminConfig(env);
  // WORKOS_CLIENT_ID and WORKOS_API_BASE_URL are read by both: name each bad variable once.
  const named = new Set(problems.map((problem) => problem.variable));
  problems.push(...admin.problems.filter((problem) => !named.has(problem.variable)));
  if (config === undefined || runtime === undefined || admin.config === null) {
    throw BackendConfigError.of(problems);
  }
  return { config, runtime, workosAdmin: admin.config };
}
