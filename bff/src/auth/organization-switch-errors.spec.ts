import type { ClassifiedFailure } from './refresh-errors.js';
import { switchRefusal } from './organization-switch-errors.js';

const failure = (kind: ClassifiedFailure['kind'], reason: string, status?: number) =>
  ({ kind, reason, status }) as ClassifiedFailure;

describe('switchRefusal', () => {
  it.each([
    [failure('terminal', 'organization_membership_not_found', 400), 'not_a_member'],
    [failure('terminal', 'organization_not_found', 400), 'not_a_member'],
    [failure('terminal', 'sso_required', 400), 'reauthenticate'],
    [failure('terminal', 'mfa_enrollment', 400), 'reauthenticate'],
    // 403 step-ups classify as transient for a refresh; for a switch they ask for a sign-in.
    [failure('transient', 'mfa_challenge', 403), 'reauthenticate'],
    [failure('terminal', 'organization_authentication_methods_required', 400), 'reauthenticate'],
    // Production's bare 400 "Must use SSO for selected organization" carries no code.
    [failure('terminal', 'http_400', 400), 'reauthenticate'],
    [failure('terminal', 'invalid_grant', 400), 'session_ended'],
    [failure('terminal', 'session_gone'), 'session_ended'],
    [failure('terminal', 'unsealable_tokens'), 'session_ended'],
    [failure('rate_limited', 'refresh_rate_limited'), 'rate_limited'],
    [failure('transient', 'http_500', 500), 'unavailable'],
    [failure('transient', 'network_error'), 'unavailable'],
    [failure('transient', 'http_401', 401), 'unavailable'],
  ])('%o → %s', (given, name) => {
    const refusal = switchRefusal(given);
    expect(refusal.name).toBe(name);
    expect(refusal.endsSession).toBe(name === 'session_ended');
    expect(refusal.reloadOrganizations).toBe(name === 'not_a_member');
  });
});
