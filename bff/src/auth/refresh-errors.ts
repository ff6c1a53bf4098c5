/**
 * How a failed refresh should be treated: `terminal` (end the session), `transient` (503, keep it)
 * or `rate_limited` (the session used up its refresh budget: 429, keep it; WorkOS not called).
 */
export type FailureKind = 'terminal' | 'transient' | 'rate_limited';

/** Reasons after which the grant can never succeed again (wire note §1.5, §3, §5). */
const TERMINAL_REASONS = new Set([
  'invalid_grant',
  'invalid_session_cookie',
  'mfa_enrollment',
  'sso_required',
  'organization_membership_not_found',
  'invalid_refresh_token',
  'refresh_token_expired',
  'session_expired',
  'session_revoked',
]);

/** Reasons that say "try again later". */
const TRANSIENT_REASONS = new Set([
  'rate_limit_exceeded',
  'timeout',
  'server_error',
  'network_error',
  'temporarily_unavailable',
]);

/** A classified failure with a short, token-free reason for logs. */
export interface ClassifiedFailure {
  readonly kind: FailureKind;
  readonly reason: string;
  readonly status: number | undefined;
  /** With `rate_limited`: seconds until the budget refills. */
  readonly retryAfterSeconds?: number;
}

function field(err: object, name: string): unknown {
  return (err as Record<string, unknown>)[name];
}

/**
 * Terminal vs transient, per the wire note: an OAuth/code-shaped `invalid_grant` (and the other
 * non-retryable reasons) or any other 4xx about the grant is terminal (destroy the session);
 * timeouts (408), 429, 5xx, unparseable bodies and network errors are transient (keep the session,
 * answer 503). A 401/403 without a terminal reason means WorkOS rejected *our* credentials, not
 * the user's session, so it is transient too.
 */
export function classifyWorkOSError(err: unknown): ClassifiedFailure {
  if (typeof err !== 'object' || err === null) {
    return { kind: 'transient', reason: 'unknown', status: undefined };
  }
  const rawStatus = field(err, 'status');
  const status = typeof rawStatus === 'number' ? rawStatus : undefined;
  const rawReason = field(err, 'error') ?? field(err, 'code');
  const reason =
    typeof rawReason === 'string' && /^[a-z0-9_.-]{1,64}$/i.test(rawReason) ? rawReason : undefined;
  const name = field(err, 'name');

  if (reason && TERMINAL_REASONS.has(reason)) return { kind: 'terminal', reason, status };
  if (reason && TRANSIENT_REASONS.has(reason)) return { kind: 'transient', reason, status };
  if (status === undefined) {
    const label =
      name === 'ParseError'
        ? 'parse_error'
        : err instanceof TypeError
          ? 'network_error'
          : 'unknown';
    return { kind: 'transient', reason: label, status };
  }
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'transient', reason: reason ?? `http_${status}`, status };
  }
  if (status === 401 || status === 403) {
    return { kind: 'transient', reason: reason ?? `http_${status}`, status };
  }
  return { kind: 'terminal', reason: reason ?? `http_${status}`, status };
}
