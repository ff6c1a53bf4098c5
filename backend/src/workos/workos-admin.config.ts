import { z } from 'zod';

/**
 * What the admin console API needs to call the WorkOS management API. Without an API key the
 * admin routes answer 503 `admin_api_unconfigured`; everything else works as before.
 */
export interface WorkosAdminConfig {
  /** `WORKOS_API_KEY`, or null when unset (admin API off). */
  readonly apiKey: string | null;
  /** `WORKOS_CLIENT_ID` (the SDK wants it; the same value the token checks use). */
  readonly clientId: string;
  /** `WORKOS_API_BASE_URL` without a trailing slash. */
  readonly apiBaseUrl: string;
  /** Per-attempt deadline of one SDK call, in milliseconds. */
  readonly timeoutMs: number;
  /** SDK retries after the first attempt (408, 429, 5xx, network errors). */
  readonly maxRetries: number;
}

/** One environment variable that is missing or invalid. */
export interface WorkosAdminConfigProblem {
  readonly variable: string;
  /** Says what is expected; never repeats the value (it may be a secret). */
  readonly reason: string;
}

/** The outcome of {@link loadWorkosAdminConfig}: a config only when there is no problem. */
export type WorkosAdminConfigResult =
  | { readonly config: WorkosAdminConfig; readonly problems: readonly [] }
  | { readonly config: null; readonly problems: readonly WorkosAdminConfigProblem[] };

/**
 * Tuning that is not an environment variable. The per-request budget stays well inside the BFF's
 * 30 s backend timeout: two attempts of 5 s plus one backoff of at most about 1.7 s.
 */
export const DEFAULT_WORKOS_ADMIN_TUNING = { timeoutMs: 5_000, maxRetries: 1 } as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The backend config's rule: https, or http for a loopback host (the emulator); no query. */
function isAcceptableUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

const envSchema = z.object({
  WORKOS_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8-512 printable characters without spaces')
    .optional(),
  WORKOS_CLIENT_ID: z
    .string({ error: 'is required' })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must contain only letters, digits, "_" or "-"'),
  WORKOS_API_BASE_URL: z
    .string()
    .refine(isAcceptableUrl, 'must be an https URL (http only for localhost) without query')
    .transform((v) => v.replace(/\/+$/, ''))
    .default('https://api.workos.com'),
});

/**
 * Reads `WORKOS_API_KEY` (optional), `WORKOS_CLIENT_ID` and `WORKOS_API_BASE_URL` with the same
 * rules as the backend configuration (empty strings count as unset, values are trimmed) and
 * reports every problem at once instead of throwing.
 */
export function loadWorkosAdminConfig(
  env: Readonly<Record<string, string | undefined>>,
): WorkosAdminConfigResult {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') picked[key] = value.trim();
  }
  const result = envSchema.safeParse(picked);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      reason: issue.message,
    }));
    return { config: null, problems };
  }
  return {
    config: {
      apiKey: result.data.WORKOS_API_KEY ?? null,
      clientId: result.data.WORKOS_CLIENT_ID,
      apiBaseUrl: result.data.WORKOS_API_BASE_URL,
      ...DEFAULT_WORKOS_ADMIN_TUNING,
    },
    problems: [],
  };
}

/** The admin API switched off (no key), for a backend built without WorkOS admin settings. */
export function unconfiguredWorkosAdmin(clientId: string, apiBaseUrl: string): WorkosAdminConfig {
  return { apiKey: null, clientId, apiBaseUrl, ...DEFAULT_WORKOS_ADMIN_TUNING };
}
