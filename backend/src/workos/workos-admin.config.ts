import { z } from 'zod';
import {
  type Env,
  type EnvProblem,
  parseEnvVariables,
  workosApiBaseUrlField,
  workosClientIdField,
} from '../config/env-fields.js';

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
export type WorkosAdminConfigProblem = EnvProblem;

/** The outcome of {@link loadWorkosAdminConfig}: a config only when there is no problem. */
export type WorkosAdminConfigResult =
  | { readonly config: WorkosAdminConfig; readonly problems: readonly [] }
  | { readonly config: null; readonly problems: readonly WorkosAdminConfigProblem[] };

/**
 * Tuning that is not an environment variable. The per-request budget stays well inside the BFF's
 * 30 s backend timeout: two attempts of 5 s plus one backoff of at most about 1.7 s.
 */
export const DEFAULT_WORKOS_ADMIN_TUNING = { timeoutMs: 5_000, maxRetries: 1 } as const;

const envSchema = z.object({
  WORKOS_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{8,512}$/, 'must be 8-512 printable characters without spaces')
    .optional(),
  WORKOS_CLIENT_ID: workosClientIdField,
  WORKOS_API_BASE_URL: workosApiBaseUrlField,
});

/**
 * Reads `WORKOS_API_KEY` (optional), `WORKOS_CLIENT_ID` and `WORKOS_API_BASE_URL` with the same
 * rules as the backend configuration (empty strings count as unset, values are trimmed) and
 * reports every problem at once instead of throwing.
 */
export function loadWorkosAdminConfig(env: Env): WorkosAdminConfigResult {
  const result = parseEnvVariables(envSchema, env);
  if (result.data === null) return { config: null, problems: result.problems };
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
