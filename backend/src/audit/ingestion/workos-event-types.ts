import type { EventName } from '@workos-inc/node';

/** Sign-in events, one pair per method WorkOS reports (SDK 11 types those listed here). */
const AUTHENTICATION_EVENTS: readonly EventName[] = [
  'authentication.password_succeeded',
  'authentication.password_failed',
  'authentication.oauth_succeeded',
  'authentication.oauth_failed',
  'authentication.sso_succeeded',
  'authentication.sso_failed',
  'authentication.magic_auth_succeeded',
  'authentication.magic_auth_failed',
  'authentication.passkey_succeeded',
  'authentication.passkey_failed',
  'authentication.mfa_succeeded',
  'authentication.email_verification_succeeded',
];

/**
 * The WorkOS event types the poller asks `/events` for (the `events` filter is required): sign-ins,
 * sessions started and ended (a sign-out and a revocation both end in `session.revoked`), and
 * membership changes. See the mapping table in docs/audit.md.
 */
export const INGESTED_EVENT_TYPES: readonly EventName[] = [
  ...AUTHENTICATION_EVENTS,
  'session.created',
  'session.revoked',
  'organization_membership.created',
  'organization_membership.updated',
  'organization_membership.deleted',
];
