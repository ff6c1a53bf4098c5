import type { SessionData } from 'express-session';

/** Idle and absolute limits, in ms. */
export interface SessionLimits {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

/** When a stored session stops being valid: the earlier of the idle and the absolute deadline. */
export function sessionExpiresAt(
  sess: Partial<SessionData>,
  limits: SessionLimits,
  now: number,
): number {
  const auth = sess.auth;
  if (!auth) return now + limits.idleMs;
  return Math.min(auth.lastSeenAt + limits.idleMs, auth.createdAt + limits.absoluteMs);
}
