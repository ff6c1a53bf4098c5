import { z } from 'zod';

/** The environment as read: `process.env` or a test's object. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One missing or invalid environment variable. */
export interface EnvProblem {
  readonly variable: string;
  /** Says what is expected; never repeats the value (it may be a secret). */
  readonly reason: string;
}

/** The outcome of {@link parseEnvVariables}: the values, or every problem (one per variable). */
export type EnvParseResult<T> =
  | { readonly data: T; readonly problems: readonly [] }
  | { readonly data: null; readonly problems: readonly EnvProblem[] };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http for a loopback host (the emulator); no credentials, query or fragment. */
function isAcceptableUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** `WORKOS_CLIENT_ID`: a path segment of the JWKS URL, so only the characters WorkOS ids use. */
export const workosClientIdField = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must contain only letters, digits, "_" or "-"');

/** `WORKOS_API_BASE_URL`, without a trailing slash. */
export const workosApiBaseUrlField = z
  .string()
  .refine(isAcceptableUrl, 'must be an https URL (http only for localhost) without query')
  .transform((v) => v.replace(/\/+$/, ''))
  .default('https://api.workos.com');

/**
 * Validates the schema's variables taken from `env` (trimmed; empty counts as unset) and reports
 * every bad variable at once, its first problem only.
 */
export function parseEnvVariables<Schema extends z.ZodObject>(
  schema: Schema,
  env: Env,
): EnvParseResult<z.output<Schema>> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') picked[key] = value.trim();
  }
  const result = schema.safeParse(picked);
  if (result.success) return { data: result.data, problems: [] };
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? 'environment');
    if (!problems.has(variable)) problems.set(variable, issue.message);
  }
  return {
    data: null,
    problems: [...problems].map(([variable, reason]) => ({ variable, reason })),
  };
}
