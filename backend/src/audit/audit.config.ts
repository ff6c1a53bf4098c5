import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** PGlite's own name for an in-memory data directory (nothing survives the process). */
export const IN_MEMORY_DATA_DIR = 'memory://';

/** Where the audit trail lives. */
export type AuditStoreConfig =
  /** PostgreSQL through a `pg` pool (`DATABASE_URL`): several backends share one trail. */
  | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number }
  /** Embedded PGlite: a directory only this process opens, or {@link IN_MEMORY_DATA_DIR}. */
  | { readonly kind: 'pglite'; readonly dataDir: string }
  /**
   * No database (neither `DATABASE_URL` nor `AUDIT_DATA_DIR` set, outside production): admin
   * actions are refused (`audit_unavailable`) and denial counts are dropped. `reason` is logged.
   */
  | { readonly kind: 'disabled'; readonly reason: string };

/** Validated audit settings. Build with {@link loadAuditConfig}. */
export interface AuditConfig {
  readonly store: AuditStoreConfig;
  /** Apply pending migrations when the backend starts (else only check that none is pending). */
  readonly migrateOnStart: boolean;
  /** Entries older than this many days are pruned once a day. */
  readonly retentionDays: number;
  /** Denial counting (401/403 aggregated per organization, code, route and minute). */
  readonly denials: {
    /** Milliseconds between two flushes of the in-memory counts. */
    readonly flushIntervalMs: number;
    /** Distinct (organization, status, code, route, minute) keys held at most; more are dropped. */
    readonly maxKeys: number;
  };
  /**
   * The WorkOS Events API poller (sign-ins, sessions, memberships; see docs/audit.md). Absent or
   * `pollIntervalMs: 0`: off. It also needs `WORKOS_API_KEY`. Configurations built by hand (test
   * apps) leave it out, so only suites that ask for it poll.
   */
  readonly events?: {
    /** Milliseconds between two polls when nothing is waiting; 0 switches the poller off. */
    readonly pollIntervalMs: number;
  };
  /**
   * The export of finished admin entries to WorkOS Audit Logs (`AUDIT_EXPORT_WORKOS=true`; see
   * docs/audit.md). Absent: off. It also needs `WORKOS_API_KEY` and an audit store.
   */
  readonly workosExport?: WorkosExportSettings;
}

/** How the WorkOS Audit Logs export runs. */
export interface WorkosExportSettings {
  /** Milliseconds between two looks for due entries when the last found none. */
  readonly pollIntervalMs: number;
  /** The first retry's wait after a failed delivery; it doubles up to {@link maxRetryMs}. */
  readonly retryBaseMs: number;
  readonly maxRetryMs: number;
}

/** Defaults of the export: a look every 2 s, retries after 5 s doubling up to 10 minutes. */
export const DEFAULT_WORKOS_EXPORT_SETTINGS: WorkosExportSettings = {
  pollIntervalMs: 2_000,
  retryBaseMs: 5_000,
  maxRetryMs: 600_000,
};

/** The backend package directory: relative data paths are resolved from here, not the cwd. */
const BACKEND_PACKAGE_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Defaults of the denial counter. */
export const DEFAULT_DENIAL_SETTINGS: AuditConfig['denials'] = {
  flushIntervalMs: 5_000,
  maxKeys: 10_000,
};

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const auditEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
    }, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  AUDIT_DATA_DIR: z.string().max(4_096).optional(),
  AUDIT_RETENTION_DAYS: wholeNumber(1, 36_500).default(365),
  AUDIT_DB_POOL_MAX: wholeNumber(1, 100).default(10),
  AUDIT_EVENTS_POLL_SECONDS: wholeNumber(0, 86_400).default(10),
  AUDIT_MIGRATE_ON_START: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  AUDIT_EXPORT_WORKOS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  NODE_ENV: z.string().optional(),
});

/** Every environment variable the audit trail reads. */
export const AUDIT_ENV_VARIABLES = Object.keys(auditEnvSchema.shape);

/** The result of {@link loadAuditConfig}: a configuration, or every problem found. */
export type AuditConfigResult =
  | { readonly config: AuditConfig; readonly problems: readonly [] }
  | { readonly config: undefined; readonly problems: readonly string[] };

/**
 * Reads `DATABASE_URL` (PostgreSQL; wins when set), `AUDIT_DATA_DIR` (embedded PGlite directory,
 * relative to the backend package; `memory://` keeps nothing), `AUDIT_RETENTION_DAYS`
 * (365), `AUDIT_DB_POOL_MAX` (10), `AUDIT_MIGRATE_ON_START` (true) and `AUDIT_EVENTS_POLL_SECONDS`
 * (10; 0 switches the WorkOS Events API poller off) and `AUDIT_EXPORT_WORKOS` (false; true needs
 * `WORKOS_API_KEY`, read here only to report its absence). Empty values count as unset.
 * With neither store variable the trail is off (admin actions answer 503), which `NODE_ENV=production`
 * refuses. In-process embedders (tests, scripts) thus open no database unless they ask for one. Never echoes `DATABASE_URL`,
 * which may hold a password.
 */
export function loadAuditConfig(
  env: Readonly<Record<string, string | undefined>>,
): AuditConfigResult {
  const picked: Record<string, string> = {};
  for (const key of AUDIT_ENV_VARIABLES) {
    const value = env[key]?.trim();
    if (value) picked[key] = value;
  }
  const parsed = auditEnvSchema.safeParse(picked);
  if (!parsed.success) {
    return {
      config: undefined,
      problems: parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`),
    };
  }
  const e = parsed.data;
  const store = storeOf(e);
  const problems = typeof store === 'string' ? [store] : [];
  if (e.AUDIT_EXPORT_WORKOS && !env['WORKOS_API_KEY']?.trim()) {
    problems.push('AUDIT_EXPORT_WORKOS=true needs WORKOS_API_KEY');
  }
  if (typeof store === 'string' || problems.length > 0) return { config: undefined, problems };
  return {
    config: {
      store,
      migrateOnStart: e.AUDIT_MIGRATE_ON_START,
      retentionDays: e.AUDIT_RETENTION_DAYS,
      denials: DEFAULT_DENIAL_SETTINGS,
      events: { pollIntervalMs: e.AUDIT_EVENTS_POLL_SECONDS * 1_000 },
      ...(e.AUDIT_EXPORT_WORKOS ? { workosExport: DEFAULT_WORKOS_EXPORT_SETTINGS } : {}),
    },
    problems: [],
  };
}

/** Thrown when the audit environment is invalid; the message lists every problem, one a line. */
export class AuditConfigError extends Error {
  override readonly name = 'AuditConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid audit configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** {@link loadAuditConfig}, throwing {@link AuditConfigError} with every problem. */
export function requireAuditConfig(env: Readonly<Record<string, string | undefined>>): AuditConfig {
  const result = loadAuditConfig(env);
  if (result.config === undefined) throw new AuditConfigError(result.problems);
  return result.config;
}

/** The store the variables name, or the problem with them. */
function storeOf(e: z.infer<typeof auditEnvSchema>): AuditStoreConfig | string {
  const production = e.NODE_ENV === 'production';
  if (e.DATABASE_URL)
    return { kind: 'postgres', url: e.DATABASE_URL, poolMax: e.AUDIT_DB_POOL_MAX };
  if (e.AUDIT_DATA_DIR === IN_MEMORY_DATA_DIR && production) {
    return `AUDIT_DATA_DIR must be a directory in production (${IN_MEMORY_DATA_DIR} keeps nothing)`;
  }
  if (e.AUDIT_DATA_DIR) return { kind: 'pglite', dataDir: resolveDataDir(e.AUDIT_DATA_DIR) };
  if (production) return 'DATABASE_URL or AUDIT_DATA_DIR is required in production';
  return {
    kind: 'disabled',
    reason: 'neither DATABASE_URL nor AUDIT_DATA_DIR is set (npm start sets AUDIT_DATA_DIR)',
  };
}

function resolveDataDir(value: string): string {
  if (value === IN_MEMORY_DATA_DIR) return value;
  return isAbsolute(value) ? value : resolve(BACKEND_PACKAGE_DIR, value);
}
