import type { Response } from 'express';

import { refreshFailureAnswer } from './refresh-answer.js';
import type { ClassifiedFailure } from './refresh-errors.js';

/** WorkOS reasons for which a switch is refused because the user is not a member there. */
const NOT_A_MEMBER = new Set(['organization_membership_not_found', 'organization_not_found']);

/**
 * WorkOS reasons that end the session itself (the refresh token is no good any more), whatever
 * organization was asked for; plus the BFF's own (`session_gone`, `unsealable_tokens`).
 */
const SESSION_ENDED = new Set([
  'invalid_grant',
  'invalid_session_cookie',
  'invalid_refresh_token',
  'refresh_token_expired',
  'session_expired',
  'session_revoked',
  'session_gone',
  'unsealable_tokens',
]);

/**
 * Step-up reasons WorkOS gives when the target organization needs its own sign-in (SSO or MFA
 * enforced there, its allowed methods, verification); some come as 403, which a refresh would
 * otherwise take for a credentials problem.
 */
const REAUTHENTICATE = new Set([
  'sso_required',
  'mfa_enrollment',
  'mfa_challenge',
  'mfa_verification',
  'organization_authentication_methods_required',
  'email_verification_required',
]);

/** A 4xx in the `{ code, message, ... }` shape of the issue-16 contract, uncacheable. */
export function sendProblem(
  res: Response,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ code, message, ...extra });
}

/** How to answer a refused switch. */
export interface SwitchRefusal {
  /** Short name for logs. */
  readonly name:
    'not_a_member' | 'reauthenticate' | 'session_ended' | 'rate_limited' | 'unavailable';
  /** The refresh token is dead: destroy the session (then 401 `session_expired`). */
  readonly endsSession: boolean;
  /** The session's organization list was evidently stale: load it again at the next request. */
  readonly reloadOrganizations: boolean;
  send(res: Response, signInUrl: string): void;
}

/**
 * The answer to a failed switch:
 * - not a member (or no such organization) → 403 `organization_membership_not_found`;
 * - a step-up reason, or any other refusal of the grant (a 4xx without a session-ending reason,
 *   such as production's bare 400 "Must use SSO for selected organization") → 409
 *   `organization_reauthentication_required` with the `/auth/login` URL for that organization:
 *   a sign-in to it is how WorkOS lets a user in where a refresh is not enough;
 * - otherwise as a failed refresh (`refreshFailureAnswer`): the refresh token is dead → the
 *   session ends, 401; the refresh budget is used up → 429; WorkOS unreachable → 503, kept.
 */
export function switchRefusal(failure: ClassifiedFailure): SwitchRefusal {
  const refusal = (
    name: SwitchRefusal['name'],
    send: SwitchRefusal['send'],
    flags: { endsSession?: boolean; reloadOrganizations?: boolean } = {},
  ): SwitchRefusal => ({
    name,
    send,
    endsSession: flags.endsSession ?? false,
    reloadOrganizations: flags.reloadOrganizations ?? false,
  });
  const { kind, reason } = failure;
  if (NOT_A_MEMBER.has(reason)) {
    return refusal(
      'not_a_member',
      (res) =>
        sendProblem(
          res,
          403,
          'organization_membership_not_found',
          'You are not a member of this organization.',
        ),
      { reloadOrganizations: true },
    );
  }
  if (REAUTHENTICATE.has(reason) || (kind === 'terminal' && !SESSION_ENDED.has(reason))) {
    return refusal('reauthenticate', (res, signInUrl) =>
      sendProblem(
        res,
        409,
        'organization_reauthentication_required',
        'This organization requires a new sign-in.',
        { signInUrl },
      ),
    );
  }
  // Not about the organization: answered as any failed refresh.
  const answer = refreshFailureAnswer(failure);
  const name =
    kind === 'terminal'
      ? 'session_ended'
      : kind === 'rate_limited'
        ? 'rate_limited'
        : 'unavailable';
  return refusal(name, (res) => answer.send(res), { endsSession: answer.endsSession });
}
